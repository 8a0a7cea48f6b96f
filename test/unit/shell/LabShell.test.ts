import * as assert from 'node:assert';
import { HELP_TEXT, LabShell, type LabShellOptions } from '../../../src/shell/LabShell';
import type { HistoryStore } from '../../../src/shell/ShellHost';
import { deferred, FakeHost, flush, NGINX_PAGE } from './fakes';
import { VirtualScreen } from './VirtualScreen';

const ENTER = '\r';
const UP = '\x1b[A';
const DOWN = '\x1b[B';
const LEFT = '\x1b[D';
const HOME = '\x1b[H';
const TAB = '\t';
const CTRL_C = '\x03';
const CTRL_D = '\x04';

/** An interactive shell on an 80-column virtual screen with a fake docker. */
function openShell(options: LabShellOptions = {}, columns = 80) {
  const host = new FakeHost();
  const shell = new LabShell(host, { welcome: 'Welcome to Docker Lab', ...options });
  const screen = new VirtualScreen(columns, 30);
  let raw = '';
  shell.onOutput((text) => {
    raw += text;
    screen.write(text);
  });
  const exits: number[] = [];
  shell.onExit((status) => exits.push(status));
  shell.open(columns, 30);
  /** Types `data` and lets the commands it starts run. */
  const type = async (data: string) => {
    shell.handleInput(data);
    await flush();
  };
  return { host, shell, screen, exits, type, raw: () => raw };
}

suite('LabShell: the prompt and line editing', () => {
  test('open prints the welcome line and the prompt', () => {
    const { screen } = openShell();
    assert.deepStrictEqual(screen.lines(), ['Welcome to Docker Lab', '$']);
    assert.deepStrictEqual([screen.row, screen.col], [1, 2]);
  });

  test('a typed, corrected line runs with the argv the learner sees', async () => {
    const { host, screen, type } = openShell();
    await type('dcker p');
    await type(HOME + '\x1b[C' + 'o');
    await type('\x05' + 's -a' + ENTER);
    assert.deepStrictEqual(host.calls.map((call) => call.argv), [['ps', '-a']]);
    assert.deepStrictEqual(screen.lines(), ['Welcome to Docker Lab', '$ docker ps -a', 'docker ps -a', '$']);
  });

  test('Ctrl+W, Ctrl+U, Ctrl+K and Backspace edit the line before it runs', async () => {
    const { host, type } = openShell();
    await type('docker run nginx\x17' + 'redis\x7f\x7f\x7f\x7f\x7f' + 'hello-world' + ENTER);
    await type('junk\x15docker ps' + HOME + '\x1b[C'.repeat(6) + '\x0b' + ENTER);
    assert.deepStrictEqual(host.calls.map((call) => call.argv), [['run', 'hello-world'], []]);
  });

  test('output of commands gets CRLF line ends', async () => {
    const { host, raw, type } = openShell();
    host.behaviour = (_argv, io) => {
      io.stdout.write('line one\nline two\n');
      return 0;
    };
    await type('docker x' + ENTER);
    assert.ok(raw().includes('line one\r\nline two\r\n$ '), JSON.stringify(raw()));
  });

  test('Ctrl+C at the prompt drops the line, prints ^C and sets $? to 130', async () => {
    const { screen, shell, type } = openShell();
    await type('docker ps' + CTRL_C);
    assert.deepStrictEqual(screen.lines().slice(1), ['$ docker ps^C', '$']);
    assert.strictEqual(shell.lastStatus, 130);
    await type('echo $?' + ENTER);
    assert.deepStrictEqual(screen.lines().slice(3), ['130', '$']);
  });

  test('Ctrl+L clears the screen and draws the prompt and the line again', async () => {
    const { screen, type } = openShell();
    await type('echo hi' + ENTER + 'docker ps' + LEFT + '\x0c');
    assert.deepStrictEqual(screen.lines(), ['$ docker ps']);
    assert.deepStrictEqual([screen.row, screen.col], [0, 10]);
  });

  test('clear clears the screen and scrollback; help lists what can be typed', async () => {
    const { screen, raw, type } = openShell();
    await type('help' + ENTER);
    assert.ok(screen.text().includes(HELP_TEXT.split('\n')[1].trimEnd()));
    for (const command of ['docker', 'curl', 'clear', 'history', 'exit']) assert.ok(HELP_TEXT.includes(`  ${command} `), command);
    await type('clear' + ENTER);
    assert.ok(raw().includes('\x1b[H\x1b[2J\x1b[3J'));
    assert.deepStrictEqual(screen.lines(), ['$']);
  });
});

suite('LabShell: history', () => {
  test('Up and Down walk the history and come back to the line being typed', async () => {
    const { screen, type } = openShell();
    await type('docker ps' + ENTER + 'docker images' + ENTER);
    await type('doc' + UP);
    assert.strictEqual(screen.lines().at(-1), '$ docker images');
    await type(UP);
    assert.strictEqual(screen.lines().at(-1), '$ docker ps');
    await type(UP);
    assert.strictEqual(screen.lines().at(-1), '$ docker ps', 'the oldest entry stays');
    await type(DOWN + DOWN);
    assert.strictEqual(screen.lines().at(-1), '$ doc');
  });

  test('a recalled line runs again and the history builtin numbers the entries', async () => {
    const { host, screen, type } = openShell();
    await type('docker ps' + ENTER + UP + ENTER + 'history' + ENTER);
    assert.deepStrictEqual(host.calls.map((call) => call.argv), [['ps'], ['ps']]);
    // The repeated line is stored once (HISTCONTROL=ignoredups), and `history` lists itself.
    assert.deepStrictEqual(screen.lines().slice(-3), ['    1  docker ps', '    2  history', '$']);
  });

  test('history is loaded from and saved to the store; lines starting with a space are not kept', async () => {
    const saved: string[][] = [];
    const store: HistoryStore = { load: () => ['docker version'], save: (entries) => saved.push([...entries]) };
    const { shell, screen, type } = openShell({ history: store });
    await type(UP);
    assert.strictEqual(screen.lines().at(-1), '$ docker version');
    await type('\x15 echo secret' + ENTER + 'echo kept' + ENTER);
    assert.deepStrictEqual(shell.historyEntries, ['docker version', 'echo kept']);
    assert.deepStrictEqual(saved, [['docker version', 'echo kept']]);
  });

  test('history -c empties it; history N shows the last N', async () => {
    const { screen, shell, type } = openShell();
    await type('echo a' + ENTER + 'echo b' + ENTER + 'history 1' + ENTER);
    assert.deepStrictEqual(screen.lines().slice(-2), ['    3  history 1', '$']);
    await type('history -c' + ENTER);
    assert.deepStrictEqual(shell.historyEntries, []);
  });

  test('the history keeps at most historySize entries', async () => {
    const { shell, type } = openShell({ historySize: 2 });
    await type('echo 1' + ENTER + 'echo 2' + ENTER + 'echo 3' + ENTER);
    assert.deepStrictEqual(shell.historyEntries, ['echo 2', 'echo 3']);
  });
});

suite('LabShell: Tab completion', () => {
  test('one candidate completes with a space', async () => {
    const { screen, type } = openShell();
    // `start` offers stopped containers: only `old`.
    await type('doc' + TAB + 'star' + TAB + TAB);
    assert.strictEqual(screen.lines().at(-1), '$ docker start old');
    assert.strictEqual(screen.col, '$ docker start old '.length, 'the cursor is after the added space');
  });

  test('several candidates: the common prefix first, then a second Tab lists them like bash', async () => {
    const { screen, type } = openShell();
    await type('docker stop w' + TAB);
    assert.strictEqual(screen.lines().at(-1), '$ docker stop web');
    await type(TAB);
    assert.deepStrictEqual(screen.lines().slice(-2), ['web   web2', '$ docker stop web']);
    assert.deepStrictEqual([screen.row, screen.col], [3, 17]);
  });

  test('no progress on the first Tab rings the bell; the second lists', async () => {
    const { screen, type } = openShell();
    await type('docker st' + TAB);
    assert.strictEqual(screen.bells, 1);
    assert.strictEqual(screen.lines().at(-1), '$ docker st');
    await type(TAB);
    assert.deepStrictEqual(screen.lines().slice(-2), ['stack  start  stats  stop', '$ docker st']);
  });

  test('completion works in the middle of a line, on the word before the cursor', async () => {
    const { host, type } = openShell();
    await type('docker  -a' + LEFT + LEFT + LEFT + 'versi' + TAB + ENTER);
    assert.deepStrictEqual(host.calls.map((call) => call.argv), [['version', '-a']]);
  });

  test('nothing to complete rings the bell', async () => {
    const { screen, type } = openShell();
    await type('docker run --name ' + TAB);
    assert.strictEqual(screen.bells, 1);
  });
});

suite('LabShell: running commands', () => {
  test('docker gets the terminal: isTTY, the width, the exported environment', async () => {
    const { host, type } = openShell({ environment: { LANG: 'ko_KR.UTF-8' } });
    await type('MODE=dev docker run -e MODE alpine' + ENTER + 'docker ps' + ENTER);
    assert.strictEqual(host.calls[0].isTTY, true);
    assert.strictEqual(host.calls[0].columns, 80);
    assert.strictEqual(host.calls[0].environment.MODE, 'dev');
    assert.strictEqual(host.calls[0].environment.LANG, 'ko_KR.UTF-8');
    assert.strictEqual(host.calls[0].environment.HOME, '/home/learner');
    assert.strictEqual(host.calls[1].environment.MODE, undefined, 'a prefix assignment lasts for one command');
  });

  test('variables: assignment, export, unset and $VAR in arguments', async () => {
    const { host, screen, type } = openShell();
    await type('NAME=web; echo $NAME' + ENTER);
    assert.strictEqual(screen.lines().at(-2), 'web');
    await type('docker run --name "$NAME" nginx' + ENTER);
    assert.deepStrictEqual(host.calls[0].argv, ['run', '--name', 'web', 'nginx']);
    assert.strictEqual(host.calls[0].environment.NAME, undefined, 'not exported yet');
    await type('export NAME; docker ps; unset NAME; echo "[$NAME]"' + ENTER);
    assert.strictEqual(host.calls[1].environment.NAME, 'web');
    assert.strictEqual(screen.lines().at(-2), '[]');
  });

  test('$? is the last status; && and || follow it', async () => {
    const { host, screen, type } = openShell();
    host.behaviour = (argv, io) => {
      io.stdout.write(`ran ${argv[0]}\n`);
      return argv[0] === 'fail' ? 3 : 0;
    };
    await type('docker fail; echo $?' + ENTER);
    assert.deepStrictEqual(screen.lines().slice(-3), ['ran fail', '3', '$']);
    await type('docker fail && docker no || docker yes; echo $?' + ENTER);
    assert.deepStrictEqual(screen.lines().slice(-4), ['ran fail', 'ran yes', '0', '$']);
  });

  test('unknown commands: command not found, 127', async () => {
    const { screen, shell, type } = openShell();
    await type('ls -l' + ENTER);
    assert.strictEqual(screen.lines().at(-2), 'docker-lab: ls: command not found');
    assert.strictEqual(shell.lastStatus, 127);
    await type('./build.sh' + ENTER);
    assert.strictEqual(screen.lines().at(-2), 'docker-lab: ./build.sh: No such file or directory');
  });

  test('syntax errors are reported with status 2 and nothing runs', async () => {
    const { host, screen, shell, type } = openShell();
    await type('docker ps | grep web' + ENTER);
    assert.strictEqual(screen.lines().at(-2), 'docker-lab: pipes (|) are not simulated in Docker Lab');
    assert.strictEqual(shell.lastStatus, 2);
    assert.deepStrictEqual(host.calls, []);
  });

  test('curl reaches the host\'s published ports', async () => {
    const { host, screen, type } = openShell();
    await type('curl localhost:8080' + ENTER);
    assert.deepStrictEqual(screen.lines().slice(-2), [NGINX_PAGE.trimEnd(), '$']);
    assert.strictEqual(host.requests[0].port, 8080);
    await type('curl localhost:8081' + ENTER);
    // The message is wider than the screen: it wraps over two rows.
    assert.strictEqual(screen.lines().slice(-3, -1).join(''), 'curl: (7) Failed to connect to localhost port 8081 after 0 ms: Could not connect to server');
  });

  test('a command that throws is reported as an internal error, status 1', async () => {
    const { host, screen, shell, type } = openShell();
    host.behaviour = () => {
      throw new Error('boom');
    };
    await type('docker ps' + ENTER);
    assert.strictEqual(screen.lines().at(-2), 'docker-lab: internal error: boom');
    assert.strictEqual(shell.lastStatus, 1);
  });

  test('resize changes the width commands see', async () => {
    const { host, shell, type } = openShell();
    shell.resize(100, 40);
    await type('docker ps' + ENTER);
    assert.strictEqual(host.calls[0].columns, 100);
  });

  test('pasted lines run one after another, each after the previous finished', async () => {
    const { host, screen, type } = openShell();
    const first = deferred<number>();
    host.behaviour = (argv, io) => {
      io.stdout.write(`start ${argv[0]}\n`);
      return argv[0] === 'one' ? first.promise : 0;
    };
    await type('docker one\rdocker two\r');
    assert.deepStrictEqual(host.calls.map((call) => call.argv[0]), ['one']);
    first.resolve(0);
    await flush();
    assert.deepStrictEqual(host.calls.map((call) => call.argv[0]), ['one', 'two']);
    assert.deepStrictEqual(screen.lines().slice(1), ['$ docker one', 'start one', '$ docker two', 'start two', '$']);
  });
});

suite('LabShell: unfinished lines continue at the > prompt', () => {
  test('an open quote continues on the next line, and the newline is part of the word', async () => {
    const { screen, type } = openShell();
    await type("echo 'a" + ENTER);
    assert.strictEqual(screen.lines().at(-1), '>');
    await type("b'" + ENTER);
    assert.deepStrictEqual(screen.lines().slice(1), ["$ echo 'a", "> b'", 'a', 'b', '$']);
  });

  test('a trailing backslash continues a docker command; history keeps it as one line', async () => {
    const { host, shell, type } = openShell();
    await type('docker run -d \\' + ENTER + '  -p 8080:80 nginx' + ENTER);
    assert.deepStrictEqual(host.calls[0].argv, ['run', '-d', '-p', '8080:80', 'nginx']);
    assert.deepStrictEqual(shell.historyEntries, ['docker run -d   -p 8080:80 nginx']);
  });

  test('Ctrl+C abandons the unfinished command', async () => {
    const { host, screen, type } = openShell();
    await type('docker run \\' + ENTER + CTRL_C);
    assert.strictEqual(screen.lines().at(-1), '$');
    await type('docker ps' + ENTER);
    assert.deepStrictEqual(host.calls.map((call) => call.argv), [['ps']]);
  });

  test('Ctrl+D inside an open quote is the unterminated-string error', async () => {
    const { shell, screen, type } = openShell();
    await type('echo "oops' + ENTER + CTRL_D);
    assert.deepStrictEqual(screen.lines().slice(-2), ['docker-lab: syntax error: unterminated quoted string', '$']);
    assert.strictEqual(shell.lastStatus, 2);
  });
});

suite('LabShell: exit', () => {
  test('exit ends the shell with its status; later input is ignored', async () => {
    const { exits, host, screen, type } = openShell();
    await type('exit 3' + ENTER + 'docker ps' + ENTER);
    assert.deepStrictEqual(exits, [3]);
    assert.deepStrictEqual(host.calls, []);
    assert.strictEqual(screen.lines().at(-1), 'exit');
  });

  test('Ctrl+D on an empty line exits with the last status; on text it deletes forward', async () => {
    const { exits, screen, type } = openShell();
    await type('false' + ENTER + 'ab' + LEFT + CTRL_D);
    assert.strictEqual(screen.lines().at(-1), '$ a');
    assert.deepStrictEqual(exits, []);
    await type('\x7f' + CTRL_D);
    assert.deepStrictEqual(exits, [1]);
    assert.strictEqual(screen.lines().at(-1), '$ exit');
  });

  test('exit with a bad argument exits 2; with two arguments it refuses and stays', async () => {
    const first = openShell();
    await first.type('exit 1 2' + ENTER);
    assert.deepStrictEqual(first.exits, []);
    assert.strictEqual(first.screen.lines().at(-2), 'docker-lab: exit: too many arguments');
    await first.type('exit nope' + ENTER);
    assert.deepStrictEqual(first.exits, [2]);
  });
});

suite('LabShell: Ctrl+C while a command runs', () => {
  test('a command that does not listen is abandoned: ^C, a new prompt, $? 130, its later output dropped', async () => {
    const { host, screen, shell, type } = openShell();
    let write: ((text: string) => void) | undefined;
    const never = deferred<number>();
    host.behaviour = (_argv, io) => {
      io.stdout.write('attached\n');
      write = (text) => io.stdout.write(text);
      return never.promise;
    };
    await type('docker attach web' + ENTER);
    await type(CTRL_C);
    assert.deepStrictEqual(screen.lines().slice(1), ['$ docker attach web', 'attached', '^C', '$']);
    assert.strictEqual(shell.lastStatus, 130);
    write?.('too late\n');
    never.resolve(0);
    await flush();
    assert.ok(!screen.text().includes('too late'));
    assert.strictEqual(shell.lastStatus, 130, 'the abandoned command\'s status does not count');
  });

  test('abandoning stops the rest of the line, as SIGINT does in bash', async () => {
    const { host, type } = openShell();
    host.behaviour = (argv) => (argv[0] === 'hang' ? new Promise<number>(() => undefined) : 0);
    await type('docker hang; docker after' + ENTER + CTRL_C);
    assert.deepStrictEqual(host.calls.map((call) => call.argv[0]), ['hang']);
  });

  test('a command that listens gets the interrupt and decides; the prompt starts on a fresh line', async () => {
    const { host, screen, shell, type } = openShell();
    let interrupts = 0;
    host.behaviour = (_argv, io) => new Promise<number>((resolve) => {
      io.stdout.write('following logs');
      io.onInterrupt(() => {
        interrupts++;
        resolve(0);
      });
    });
    await type('docker logs -f web' + ENTER + CTRL_C);
    assert.strictEqual(interrupts, 1);
    assert.strictEqual(shell.lastStatus, 0);
    assert.deepStrictEqual(screen.lines().slice(1), ['$ docker logs -f web', 'following logs^C', '$']);
  });

  test('typed-ahead text waits for the prompt; Ctrl+C drops what was typed before it', async () => {
    const { host, screen, type } = openShell();
    const finish = deferred<number>();
    host.behaviour = (argv, io) => {
      if (argv[0] !== 'slow') return 0;
      io.onInterrupt(() => undefined);
      return finish.promise;
    };
    await type('docker slow' + ENTER + 'lost' + CTRL_C + 'docker ne');
    assert.deepStrictEqual(host.calls.map((call) => call.argv[0]), ['slow']);
    finish.resolve(0);
    await flush();
    await type('xt' + ENTER);
    assert.deepStrictEqual(host.calls.map((call) => call.argv[0]), ['slow', 'next']);
    assert.ok(!screen.text().includes('lost'));
  });
});

suite('LabShell: a command reading standard input (cooked mode)', () => {
  /** A docker that echoes each line it reads until end of input. */
  function echoingDocker(host: FakeHost) {
    host.behaviour = async (_argv, io) => {
      for (;;) {
        const line = await io.stdin.readLine();
        if (line === null) {
          io.stdout.write('EOF\n');
          return 0;
        }
        io.stdout.write(`got ${JSON.stringify(line)}\n`);
      }
    };
  }

  test('lines are echoed, editable and delivered on Enter; Ctrl+D on an empty line is end of input', async () => {
    const { host, screen, type } = openShell();
    echoingDocker(host);
    await type('docker run -i alpine cat' + ENTER);
    await type('helo' + LEFT + 'l' + '\x05' + ENTER);
    assert.deepStrictEqual(screen.lines().slice(-2), ['hello', 'got "hello"']);
    await type('x\x7f' + CTRL_D);
    assert.deepStrictEqual(screen.lines().slice(-2), ['EOF', '$']);
  });

  test('lines typed before the command reads are kept for it', async () => {
    const { host, screen, type } = openShell();
    const started = deferred<void>();
    host.behaviour = async (_argv, io) => {
      await started.promise;
      const line = await io.stdin.readLine();
      io.stdout.write(`got ${line}\n`);
      return 0;
    };
    await type('docker run -i alpine' + ENTER + 'early' + ENTER);
    started.resolve();
    await flush();
    assert.deepStrictEqual(screen.lines().slice(-3), ['early', 'got early', '$']);
  });

  test('output arriving while a line is half typed is printed above it, and the line is drawn again', async () => {
    const { host, screen, type } = openShell();
    let write: (text: string) => void = () => undefined;
    const done = deferred<number>();
    host.behaviour = (_argv, io) => {
      write = (text) => io.stdout.write(text);
      void io.stdin.readLine().then(() => done.resolve(0));
      return done.promise;
    };
    await type('docker attach web' + ENTER + 'partial');
    write('log line\n');
    assert.deepStrictEqual(screen.lines().slice(-2), ['log line', 'partial']);
    await type(ENTER);
    assert.deepStrictEqual(screen.lines().slice(-1), ['$']);
  });

  test('Ctrl+C during a read goes to a listening command and discards the half-typed line', async () => {
    const { host, screen, type } = openShell();
    host.behaviour = async (_argv, io) => {
      io.onInterrupt(() => io.stdout.write('\n[interrupted]\n'));
      const line = await io.stdin.readLine();
      io.stdout.write(`got ${JSON.stringify(line)}\n`);
      return 0;
    };
    await type('docker run -it alpine sh' + ENTER + 'half' + CTRL_C + 'whole' + ENTER);
    assert.deepStrictEqual(screen.lines().slice(-5), ['half^C', '[interrupted]', 'whole', 'got "whole"', '$']);
  });

  test('Ctrl+C during a read of a command that does not listen ends the read with null and abandons it', async () => {
    const { host, shell, type } = openShell();
    let read: string | null | undefined;
    host.behaviour = async (_argv, io) => {
      read = await io.stdin.readLine();
      return 0;
    };
    await type('docker run -i alpine' + ENTER + 'abc' + CTRL_C);
    assert.strictEqual(read, null);
    assert.strictEqual(shell.lastStatus, 130);
  });
});

suite('LabShell: batch mode (runScript), the non-TTY runner', () => {
  /** Runs `lines` as a script and returns the transcript. */
  async function runBatch(lines: string[], setup: (host: FakeHost) => void = () => undefined) {
    const host = new FakeHost();
    setup(host);
    const shell = new LabShell(host, { welcome: 'never printed' });
    let stdout = '';
    let stderr = '';
    shell.onOutput((text) => { stdout += text; });
    shell.onErrorOutput((text) => { stderr += text; });
    const queue = [...lines];
    const status = await shell.runScript({ readLine: async () => queue.shift() ?? null });
    return { status, stdout, stderr, host, remaining: queue };
  }

  test('$(...) runs first and its output becomes words: docker rm -f $(docker ps -aq)', async () => {
    const result = await runBatch(['docker rm -f $(docker ps -aq)', 'echo "[$(docker ps -aq)]"'], (host) => {
      host.behaviour = (argv, io) => {
        if (argv.join(' ') === 'ps -aq') io.stdout.write('aaa\nbbb\n');
        return 0;
      };
    });
    assert.deepStrictEqual(result.host.calls.map((c) => c.argv.join(' ')), ['ps -aq', 'rm -f aaa bbb', 'ps -aq']);
    // The captured command does not see a terminal.
    assert.strictEqual(result.host.calls[0].isTTY, false);
    assert.strictEqual(result.stdout, '[aaa\nbbb]\n');
  });

  test('prints exactly what the commands print: no prompt, no echo, LF line ends; status of the last', async () => {
    const result = await runBatch(['echo hello', 'docker ps -a', '# a comment', '', 'false']);
    assert.strictEqual(result.stdout, 'hello\ndocker ps -a\n');
    assert.strictEqual(result.stderr, '');
    assert.strictEqual(result.status, 1);
    assert.strictEqual(result.host.calls[0].isTTY, false);
  });

  test('errors go to stderr; $? carries across lines', async () => {
    const result = await runBatch(['nope', 'echo $?', 'docker ps | wc -l', 'echo $?']);
    assert.strictEqual(result.stdout, '127\n2\n');
    assert.strictEqual(result.stderr, 'docker-lab: nope: command not found\ndocker-lab: pipes (|) are not simulated in Docker Lab\n');
    assert.strictEqual(result.status, 0);
  });

  test('continued lines join; an unterminated quote at the end is a syntax error, status 2', async () => {
    const joined = await runBatch(['docker run \\', '  -d nginx']);
    assert.deepStrictEqual(joined.host.calls[0].argv, ['run', '-d', 'nginx']);
    const open = await runBatch(['echo ok', "echo 'never closed"]);
    assert.deepStrictEqual([open.stdout, open.stderr, open.status], ['ok\n', 'docker-lab: syntax error: unterminated quoted string\n', 2]);
  });

  test('a syntax error stops the script with 2, as in bash; an unsimulated pipe does not', async () => {
    const result = await runBatch(['echo a', 'docker ps | wc -l', 'echo b', 'echo c ;; echo d', 'echo never']);
    assert.deepStrictEqual([result.stdout, result.status], ['a\nb\n', 2]);
    assert.strictEqual(result.stderr, 'docker-lab: pipes (|) are not simulated in Docker Lab\n'
      + "docker-lab: syntax error near unexpected token `;;'\n");
  });

  test('exit stops the script with its status', async () => {
    const result = await runBatch(['echo one', 'exit 4', 'echo two']);
    assert.deepStrictEqual([result.stdout, result.status], ['one\n', 4]);
  });

  test('a command reading stdin reads the following lines of the script, as with bash < file', async () => {
    const result = await runBatch(['docker run -i alpine cat', 'line for the container', 'echo after'], (host) => {
      host.behaviour = async (_argv, io) => {
        io.stdout.write(`container got: ${await io.stdin.readLine()}\n`);
        return 0;
      };
    });
    assert.strictEqual(result.stdout, 'container got: line for the container\nafter\n');
  });

  test('-c style: the script is one line and commands read a separate stdin', async () => {
    const host = new FakeHost();
    host.behaviour = async (_argv, io) => {
      io.stdout.write(`${await io.stdin.readLine()}\n`);
      return 5;
    };
    const shell = new LabShell(host);
    let stdout = '';
    shell.onOutput((text) => { stdout += text; });
    const script = ['docker run -i alpine; echo $?'];
    const stdin = ['from stdin'];
    const status = await shell.runScript({ readLine: async () => script.shift() ?? null }, { readLine: async () => stdin.shift() ?? null });
    assert.deepStrictEqual([stdout, status], ['from stdin\n5\n', 0]);
  });

  test('interrupt(): forwarded to a listening command; otherwise the script dies with 130', async () => {
    const host = new FakeHost();
    const listening = deferred<void>();
    host.behaviour = (argv, io) => new Promise<number>((resolve) => {
      if (argv[0] === 'logs') io.onInterrupt(() => resolve(0));
      listening.resolve();
    });
    const shell = new LabShell(host);
    const lines = ['docker logs -f web', 'docker attach web', 'echo unreachable'];
    let stdout = '';
    shell.onOutput((text) => { stdout += text; });
    const running = shell.runScript({ readLine: async () => lines.shift() ?? null });
    await flush();
    assert.strictEqual(shell.interrupt(), 'forwarded');
    await flush();
    assert.strictEqual(shell.interrupt(), 'abandoned');
    assert.strictEqual(await running, 130);
    assert.strictEqual(stdout, '');
  });

  test('onDidExecute fires after each command line (where the CLI saves its state)', async () => {
    const host = new FakeHost();
    const shell = new LabShell(host);
    const seen: [string, number][] = [];
    shell.onDidExecute((result) => seen.push([result.text, result.status]));
    const lines = ['docker ps', 'false', 'echo "a', 'b"'];
    await shell.runScript({ readLine: async () => lines.shift() ?? null });
    assert.deepStrictEqual(seen, [['docker ps', 0], ['false', 1], ['echo "a\nb"', 0]]);
  });
});
