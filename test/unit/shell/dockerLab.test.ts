import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { parseArguments, StreamLines } from '../../../src/bin/docker-lab';

/** The compiled CLI next to this compiled test (out/test/unit/shell → out/src/bin). */
const BIN = path.resolve(__dirname, '../../../src/bin/docker-lab.js');

function temporaryDirectory(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'docker-lab-test-'));
}

function runBin(args: string[], input = '') {
  const result = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 20_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

suite('docker-lab: arguments', () => {
  const cases: [string[], ReturnType<typeof parseArguments>][] = [
    [[], { kind: 'run', command: undefined, stateFile: undefined }],
    [['-c', 'docker ps'], { kind: 'run', command: 'docker ps', stateFile: undefined }],
    [['--state', 'lab.json', '-c', 'x'], { kind: 'run', command: 'x', stateFile: 'lab.json' }],
    [['--state=lab.json'], { kind: 'run', command: undefined, stateFile: 'lab.json' }],
    [['--help'], { kind: 'help' }],
    [['-h', '--bogus'], { kind: 'help' }],
    [['--version'], { kind: 'version' }],
    [['-c'], { kind: 'error', message: 'option -c needs an argument' }],
    [['--state'], { kind: 'error', message: 'option --state needs an argument' }],
    [['--bogus'], { kind: 'error', message: 'unknown option: --bogus' }],
    [['script.sh'], { kind: 'error', message: 'unexpected argument: script.sh' }],
    [['serve', '--socket', '/tmp/lab/docker.sock'], { kind: 'serve', socket: '/tmp/lab/docker.sock', stateFile: undefined }],
    [['serve', '--socket', 's', '--state', 'lab.json'], { kind: 'serve', socket: 's', stateFile: 'lab.json' }],
    [['serve'], { kind: 'error', message: 'serve needs --socket PATH' }],
    [['serve', '--socket', 's', '--tcp', '2375'], { kind: 'serve', socket: 's', stateFile: undefined, tcpPort: 2375 }],
    [['serve', '--socket', 's', '--tcp', '0.0.0.0:2375'], { kind: 'error', message: '--tcp takes a port number (the lab listens on 127.0.0.1 only): 0.0.0.0:2375' }],
    [['serve', '--socket', 's', '--tcp', '70000'], { kind: 'error', message: '--tcp takes a port number (the lab listens on 127.0.0.1 only): 70000' }],
    [['--tcp', '2375'], { kind: 'error', message: 'unknown option: --tcp' }],
    [['serve', '--socket', 's', '-c', 'x'], { kind: 'error', message: 'serve does not take -c' }],
    [['--socket', 's'], { kind: 'error', message: 'unknown option: --socket' }],
  ];
  for (const [argv, expected] of cases) {
    test(`${JSON.stringify(argv)} reads as ${expected.kind}`, () => {
      assert.deepStrictEqual(parseArguments(argv), expected);
    });
  }
});

suite('docker-lab: StreamLines', () => {
  test('splits a stream into lines (LF or CRLF, last line without newline) and ends with null', async () => {
    const stream = new PassThrough();
    const lines = new StreamLines(stream);
    const first = lines.readLine();
    stream.write('one\r\ntw');
    stream.write('o\nthree');
    stream.end();
    assert.strictEqual(await first, 'one');
    assert.strictEqual(await lines.readLine(), 'two');
    assert.strictEqual(await lines.readLine(), 'three');
    assert.strictEqual(await lines.readLine(), null);
    assert.strictEqual(await lines.readLine(), null);
  });
});

suite('docker-lab: the program (a real process, the real engine)', function () {
  // Each test starts node and loads the engine: about a second, more on a busy machine.
  this.timeout(30_000);

  test('-c runs one line without prompt or echo and exits with its status', () => {
    assert.deepStrictEqual(runBin(['-c', 'echo hello; false']), { status: 1, stdout: 'hello\n', stderr: '' });
  });

  test('lines on stdin run one by one, printing only what the commands print', () => {
    const result = runBin([], 'echo one\nnope\necho "$?"\ncurl -sS localhost:8080\n');
    assert.strictEqual(result.stdout, 'one\n127\n');
    assert.strictEqual(result.stderr, 'docker-lab: nope: command not found\n'
      + 'curl: (7) Failed to connect to localhost port 8080 after 0 ms: Could not connect to server\n');
    assert.strictEqual(result.status, 7);
  });

  test('--help and --version print and exit 0; a bad option exits 2', () => {
    const help = runBin(['--help']);
    assert.strictEqual(help.status, 0);
    assert.ok(help.stdout.startsWith('Usage:  docker-lab [OPTIONS]\n'), help.stdout);
    assert.match(runBin(['--version']).stdout, /^docker-lab \d+\.\d+\.\d+ \(simulates Docker 28\.2\.2\)\n$/);
    assert.deepStrictEqual(runBin(['--bogus']), { status: 2, stdout: '', stderr: "docker-lab: unknown option: --bogus\nSee 'docker-lab --help'.\n" });
  });

  test('--state saves the lab after commands; a corrupt file is moved aside and the lab starts empty', () => {
    const directory = temporaryDirectory();
    const file = path.join(directory, 'lab.json');
    // `docker --version` goes through the real DockerCli: the wiring works end to end.
    const first = runBin(['--state', file, '-c', 'docker --version']);
    assert.match(first.stdout, /^Docker version 28\.2\.2, build /);
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { schemaVersion: unknown };
    assert.strictEqual(typeof saved.schemaVersion, 'number');
    assert.ok(fs.readdirSync(directory).every((name) => !name.includes('.tmp-')), 'no temporary file is left');

    fs.writeFileSync(file, 'not json');
    const second = runBin(['--state', file, '-c', 'echo ok']);
    assert.strictEqual(second.stdout, 'ok\n');
    assert.match(second.stderr, /^docker-lab: cannot load the lab state from .*lab\.json \(it is not valid JSON\); moved it to .*lab\.json\.corrupt-.* and started an empty lab\n$/);
    assert.ok(fs.readdirSync(directory).some((name) => name.startsWith('lab.json.corrupt-')));
    assert.ok(fs.existsSync(file), 'the new lab is saved in its place');
  });
});
