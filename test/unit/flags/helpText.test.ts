import * as assert from 'node:assert';
import { FLAG_TYPES } from '../../../src/cli/flags/FlagDefinition';
import { renderFlagUsages } from '../../../src/cli/flags/renderFlagUsages';
import { commands } from '../../../src/cli/help/commands';
import { helpText } from '../../../src/cli/help/helpText';

function spec(path: string) {
  const found = commands.get(path);
  if (found === undefined) throw new assert.AssertionError({ message: `no command "${path}"` });
  return found;
}

// `docker stop --help` printed by docker 28.2.2 with stdin a terminal of 50 and 120 columns.
const STOP_HEAD = `Usage:  docker stop [OPTIONS] CONTAINER [CONTAINER...]

Stop one or more running containers

Aliases:
  docker container stop, docker stop

Options:
`;
const STOP_50 = STOP_HEAD + `  -s, --signal string   Signal to send to
                        the container
  -t, --timeout int     Seconds to wait
                        before killing the
                        container
`;
const STOP_120 = STOP_HEAD + `  -s, --signal string   Signal to send to the container
  -t, --timeout int     Seconds to wait before killing the container
`;

suite('help texts and the command table', () => {
  test('the stored flags reproduce every stored --help text (pflag FlagUsagesWrapped at 79 columns)', () => {
    for (const command of commands.all()) {
      const title = command.path === '' ? '\nGlobal Options:\n' : '\nOptions:\n';
      const start = command.help.indexOf(title);
      const rendered = renderFlagUsages(command.flags, 79).replace(/\s+$/, '');
      if (start < 0) {
        assert.strictEqual(rendered, '', `"${command.path}" prints no options but has visible flags`);
        continue;
      }
      const blockStart = start + title.length;
      const blankLine = command.help.indexOf('\n\n', blockStart);
      const block = command.help.slice(blockStart, blankLine >= 0 ? blankLine : command.help.length - 1);
      assert.strictEqual(rendered, block, `flags of "${command.path}" disagree with its help text`);
    }
  });

  test('helpText re-wraps the flag list for other terminal widths, as docker does', () => {
    assert.strictEqual(helpText(spec('stop'), 50), STOP_50);
    assert.strictEqual(helpText(spec('stop'), 120), STOP_120);
    assert.strictEqual(helpText(spec('stop')), spec('stop').help);
  });

  test('narrow terminals: pflag moves usages under the flag, then gives up wrapping', () => {
    const flags = [{ long: 'signal', short: 's', type: 'string' as const, usage: 'Signal to send to the container' }];
    // As docker 28.2.2 prints `docker stop --help` on a terminal 41 and 31 columns wide.
    assert.strictEqual(renderFlagUsages(flags, 40), '  -s, --signal string   \n                Signal to send to\n                the container\n');
    assert.strictEqual(renderFlagUsages(flags, 30), '  -s, --signal string   Signal to send to the container\n');
  });

  test('the top-level help is docker --help (with a connected Linux daemon: only `swarm` under Swarm Commands)', () => {
    const root = commands.root;
    assert.ok(root.help.startsWith('Usage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n\nCommon Commands:\n  run         Create and run a new container from an image\n'));
    assert.ok(root.help.includes('\nSwarm Commands:\n  swarm       Manage Swarm\n\nCommands:\n'));
    assert.ok(root.help.endsWith("\nRun 'docker COMMAND --help' for more information on a command.\n\nFor more help on how to use Docker, head to https://docs.docker.com/go/guides/\n"));
    assert.ok(root.help.includes('      --config string      Location of client config files (default\n                           "/root/.docker")\n'));
  });

  test('the commands Docker Lab teaches are all there, with their use lines', () => {
    const expected: Array<[string, string]> = [
      ['run', 'docker run [OPTIONS] IMAGE [COMMAND] [ARG...]'],
      ['create', 'docker create [OPTIONS] IMAGE [COMMAND] [ARG...]'],
      ['start', 'docker start [OPTIONS] CONTAINER [CONTAINER...]'],
      ['stop', 'docker stop [OPTIONS] CONTAINER [CONTAINER...]'],
      ['ps', 'docker ps [OPTIONS]'],
      ['images', 'docker images [OPTIONS] [REPOSITORY[:TAG]]'],
      ['tag', 'docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]'],
      ['cp', 'docker cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH'],
      ['container', 'docker container'],
      ['image', 'docker image'],
      ['volume', 'docker volume COMMAND'],
      ['system df', 'docker system df [OPTIONS]'],
      ['help', 'docker help [command]'],
    ];
    for (const [path, useLine] of expected) assert.strictEqual(spec(path).useLine, useLine, path);
    for (const path of ['restart', 'kill', 'pause', 'unpause', 'rm', 'logs', 'inspect', 'port', 'wait', 'rename', 'top', 'stats', 'exec', 'diff', 'commit', 'attach', 'pull', 'push', 'rmi', 'history', 'build', 'save', 'load', 'login', 'logout', 'search', 'version', 'info', 'events', 'system info', 'system events', 'system prune', 'container prune', 'image prune', 'image build', 'network ls', 'volume ls']) {
      assert.ok(commands.get(path), path);
    }
  });

  test('shortcuts and aliases resolve to one canonical command', () => {
    const cases: Array<[string[], string]> = [
      [['ps'], 'container ls'],
      [['container', 'ls'], 'container ls'],
      [['container', 'list'], 'container ls'],
      [['container', 'ps'], 'container ls'],
      [['images'], 'image ls'],
      [['image', 'list'], 'image ls'],
      [['rmi'], 'image rm'],
      [['image', 'remove'], 'image rm'],
      [['rm'], 'container rm'],
      [['container', 'remove'], 'container rm'],
      [['run'], 'container run'],
      [['build'], 'image build'],
      [['builder', 'build'], 'image build'],
      [['info'], 'system info'],
      [['events'], 'system events'],
      [['volume', 'list'], 'volume ls'],
      [['network', 'remove'], 'network rm'],
      [['inspect'], 'inspect'],
      [['system', 'df'], 'system df'],
    ];
    for (const [words, canonical] of cases) {
      let current = commands.root;
      for (const word of words) {
        const next = commands.child(current, word);
        assert.ok(next, `${words.join(' ')}: no "${word}" under "${current.path}"`);
        current = next;
      }
      assert.strictEqual(current.canonical, canonical, words.join(' '));
    }
    assert.strictEqual(commands.child(commands.root, 'Ps'), undefined, 'cobra matches names case-sensitively');
  });

  test('argument rules and interspersed parsing match docker/cli', () => {
    const cases: Array<[string, object, boolean]> = [
      ['run', { min: 1 }, false],
      ['exec', { min: 2 }, false],
      ['create', { min: 1 }, false],
      ['top', { min: 1 }, false],
      ['commit', { min: 1, max: 2 }, false],
      ['tag', { exact: 2 }, false],
      ['ps', { exact: 0 }, true],
      ['images', { max: 1 }, true],
      ['port', { min: 1, max: 2 }, true],
      ['logs', { exact: 1 }, true],
      ['stats', { min: 0 }, true],
      ['context use', { exact: 1, style: 'cobra' }, true],
      ['container', { exact: 0 }, true],
    ];
    for (const [path, args, interspersed] of cases) {
      assert.deepStrictEqual(spec(path).args, args, `${path} args`);
      assert.strictEqual(spec(path).interspersed, interspersed, `${path} interspersed`);
    }
  });

  test('flags hidden from help are still defined (hidden, deprecated, daemon-dependent)', () => {
    const flag = (path: string, long: string) => spec(path).flags.find((candidate) => candidate.long === long);
    assert.strictEqual(flag('run', 'net')?.hidden, true);
    assert.strictEqual(flag('stop', 'time')?.deprecated, 'use --timeout instead');
    assert.deepStrictEqual(flag('run', 'cpu-count')?.requires, { osType: 'windows' });
    assert.strictEqual(flag('run', 'cpu-count')?.hidden, true);
    assert.strictEqual(flag('run', 'memory-swap')?.type, 'swapBytes');
    assert.strictEqual(flag('run', 'hostname')?.short, 'h');
    assert.strictEqual(flag('run', 'help')?.short, undefined, 'run has its own --help so that -h is --hostname');
    assert.strictEqual(spec('checkpoint ls').experimental, true);
  });

  test('every flag type in the data is one the parser knows', () => {
    for (const command of commands.all()) {
      for (const flag of command.flags) assert.ok(FLAG_TYPES.includes(flag.type), `${command.path} --${flag.long}: ${flag.type}`);
    }
  });
});
