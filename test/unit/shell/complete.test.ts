import * as assert from 'node:assert';
import { complete } from '../../../src/shell/complete';
import { formatColumns } from '../../../src/shell/formatColumns';
import { FAKE_SOURCE } from './fakes';

suite('complete', () => {
  /** [text before the cursor, candidates] */
  const cases: [string, string[]][] = [
    ['', ['clear', 'curl', 'docker', 'exit', 'help', 'history']],
    ['d', ['docker']],
    ['c', ['clear', 'curl']],
    ['xyz', []],
    ['docker ', []], // checked separately: every top-level command
    ['docker im', ['image', 'images', 'import']],
    ['docker container l', ['logs', 'ls']],
    ['docker image r', ['rm']],
    ['docker ps --a', ['--all']],
    ['docker ps -', ['--all', '--filter', '--format', '--last', '--latest', '--no-trunc', '--quiet', '--size', '-a', '-f', '-l', '-n', '-q', '-s']],
    ['docker run --rm --na', ['--name']],
    ['docker --ver', ['--version']],
    ['docker stop ', ['web', 'web2']],
    ['docker stop w', ['web', 'web2']],
    ['docker stop web ', ['web', 'web2']],
    ['docker container stop -t 5 ', ['web', 'web2']],
    ['docker start ', ['old']],
    ['docker unpause ', ['frozen']],
    ['docker rm ', ['frozen', 'old', 'web', 'web2']],
    ['docker logs -f ', ['frozen', 'old', 'web', 'web2']],
    ['docker logs web ', []],
    ['docker exec -it ', ['web', 'web2']],
    ['docker exec -it web ', []],
    ['docker exec -it web -', []],
    ['docker run ng', ['nginx:1.28.0', 'nginx:latest']],
    ['docker run -d -p 8080:80 --name web ', ['hello-world:latest', 'nginx:1.28.0', 'nginx:latest', 'redis:7.4']],
    ['docker run -dp 8080:80 r', ['redis:7.4']],
    ['docker run -p8080:80 r', ['redis:7.4']],
    ['docker run --name=web r', ['redis:7.4']],
    ['docker run --name ', []],
    ['docker run nginx ', []],
    ['docker run nginx -', []],
    ['docker create h', ['hello-world:latest']],
    ['docker pull re', ['redis:7.4']],
    ['docker rmi nginx:1.28.0 ng', ['nginx:1.28.0', 'nginx:latest']],
    ['docker tag nginx:1.28.0 n', ['nginx:1.28.0', 'nginx:latest']],
    ['docker history r', ['redis:7.4']],
    ['docker image inspect h', ['hello-world:latest']],
    ['docker image rm h', ['hello-world:latest']],
    ['docker container inspect w', ['web', 'web2']],
    ['docker inspect ', ['frozen', 'hello-world:latest', 'nginx:1.28.0', 'nginx:latest', 'old', 'redis:7.4', 'web', 'web2']],
    ['docker container list -', ['--all', '--filter', '--format', '--last', '--latest', '--no-trunc', '--quiet', '--size', '-a', '-f', '-l', '-n', '-q', '-s']],
    ['docker network rm b', ['bridge']],
    ['docker volume rm ', []],
    // From the captured command table, as `docker __complete` (28.2.2) answers:
    ['docker b', ['bake', 'build', 'builder']], // bake is a stub the table lacks
    ['docker completion ', ['bash', 'fish', 'powershell', 'zsh']], // hidden, but can be walked into
    ['docker stop -', ['--signal', '--timeout', '-s', '-t']], // deprecated --time is hidden
    ['docker run --cpu-c', ['--cpu-count']], // hidden only for a Windows daemon: docker still offers it
    ['docker run --net', ['--network', '--network-alias']], // --net is MarkHidden
    ['docker run --help', ['--help']], // run defines its own --help (-h is --hostname)
    ['docker ps --he', []], // cobra's own --help is hidden
    ['docker run --gpus all n', ['nginx:1.28.0', 'nginx:latest']], // --gpus takes a value
    ['docker run --net host n', ['nginx:1.28.0', 'nginx:latest']], // hidden flags still take their value
    ['docker commit web -', []], // commit stops reading flags at its first argument
    ['docker rename web ', []], // the new name is free text
    ['docker network connect bridge w', ['web', 'web2']],
    ['docker ps; docker sto', ['stop']],
    ['docker ps && d', ['docker']],
    ['curl -', ['--fail', '--head', '--header', '--include', '--location', '--request', '--show-error', '--silent', '--unix-socket', '--user-agent', '--verbose', '-A', '-H', '-I', '-L', '-S', '-X', '-f', '-i', '-s', '-v']],
    ['curl loc', []],
    ["docker stop 'w", []],
    ['docker stop $N', []],
    ['history ', []],
  ];
  for (const [text, expected] of cases) {
    if (text === 'docker ') continue;
    test(`${JSON.stringify(text)} offers ${expected.length} candidates`, () => {
      assert.deepStrictEqual(complete(text, FAKE_SOURCE).candidates, expected);
    });
  }

  test('after "docker " every docker 28.2.2 command is offered, help included, and not the hidden completion', () => {
    const { candidates } = complete('docker ', FAKE_SOURCE);
    for (const name of ['run', 'ps', 'images', 'container', 'image', 'network', 'volume', 'system', 'exec', 'logs', 'rmi']) {
      assert.ok(candidates.includes(name), name);
    }
    // `docker __complete ''` (docker 28.2.2) lists help: cobra offers its help command even though help hides it.
    assert.ok(candidates.includes('help'), 'cobra offers help');
    // docker sets CompletionOptions.HiddenDefaultCmd, so cobra's completion command is not offered.
    assert.ok(!candidates.includes('completion'), 'completion is hidden');
    // Swarm and experimental commands are hidden from help on a non-swarm daemon, but completion offers them.
    assert.ok(candidates.includes('stack') && candidates.includes('checkpoint'), 'daemon-hidden commands are offered');
    assert.strictEqual(candidates.length, 59);
  });

  test('start and prefix name the word being completed', () => {
    const result = complete('docker stop we', FAKE_SOURCE);
    assert.strictEqual(result.start, 12);
    assert.strictEqual(result.prefix, 'we');
    const empty = complete('docker stop ', FAKE_SOURCE);
    assert.strictEqual(empty.start, 12);
    assert.strictEqual(empty.prefix, '');
  });
});

suite('formatColumns', () => {
  test('sorts down the columns like readline, each column as wide as the longest item plus two', () => {
    const items = ['attach', 'commit', 'cp', 'create', 'diff', 'exec', 'export'];
    // readline: (30 - 1) / (6 + 2) = 3 columns, ceil(7 / 3) = 3 rows, item i of column c is at c * 3 + i.
    assert.deepStrictEqual(formatColumns(items, 30), [
      'attach  create  export',
      'commit  diff',
      'cp      exec',
    ]);
  });

  test('one column when nothing else fits', () => {
    assert.deepStrictEqual(formatColumns(['a-long-name', 'another'], 10), ['a-long-name', 'another']);
  });
});
