// Captures the docker CLI's command tree, help texts, flags, argument rules and usage lines
// from the real binary and writes src/cli/help/commands.json, the data behind
// src/cli/help/commands.ts and src/cli/flags/parseDockerArgs.ts.
//
//   node scripts/capture-help.mjs [--docker /usr/local/bin/docker] [--out src/cli/help/commands.json]
//
// Needs: the docker CLI 28.2.2 (client only; no daemon), util-linux `script` (to give docker a
// terminal of a chosen width on stdin), Linux (unix sockets). No cli plugins may be installed
// (they would appear in the help texts).
//
// How docker decides what to print (docker/cli v28.2.2), and how this script pins it down:
// - Width: cli/cobra.go wrappedFlagUsages() asks the terminal on fd 0 (stdin) for its width and
//   falls back to 80 when stdin is not a terminal; flag usages are wrapped to width - 1. Only the
//   "Options:" / "Global Options:" block wraps; descriptions and command lists never do. So the
//   stored `help` texts are captured with stdin = /dev/null (width 80), and the flags are parsed
//   from a second capture on a 4000-column pseudo-terminal, where nothing wraps and a usage's own
//   line breaks are the only ones.
// - Bold: the last line ("For more help on how to use Docker, ...") is bold only when stdout is a
//   terminal; stdout is always a file here.
// - Defaults that name a path use $HOME: HOME=/root, DOCKER_CONFIG unset.
// - Hidden things depend on what the daemon answers to GET /_ping (cli/command/cli.go
//   initializeFromClient, cmd/docker/docker.go hideUnsupportedFeatures): with no daemon the CLI
//   assumes "experimental" and shows everything. Docker Lab simulates a connected 28.2.2 daemon,
//   so this script serves /_ping itself on a unix socket, answering like dockerd 28.2.2 on Linux,
//   not in swarm mode: Api-Version 1.50, Ostype linux, Docker-Experimental false, Swarm inactive.
//   Everything else it answers with HTTP 500, so no command does anything.
//   A second, permissive ping server (experimental, swarm manager, no OS type) is used to see the
//   flags and commands that the realistic one hides, and to probe argument rules of commands
//   that the realistic one refuses to run (docker checkpoint).
// - Argument rules (cobra Args) are not in the help: they are probed. `docker PATH` with no
//   arguments and with 30 arguments prints docker's own words ("requires at least 1 argument",
//   "accepts no arguments", ...); the use line comes from `docker PATH --zzzz` (an unknown flag
//   makes docker print "Usage:  <use line>"), interspersed parsing from `docker PATH x --zzzz`.
// - What cannot be seen from outside (hidden and deprecated flags, the real value type behind a
//   back-quoted placeholder, flags annotated as experimental or Windows-only) is listed below in
//   OVERLAY, each entry citing docker/cli v28.2.2.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const options = parseOptions(process.argv.slice(2));
const docker = options.docker ?? '/usr/local/bin/docker';
const outFile = options.out ?? 'src/cli/help/commands.json';
const wideColumns = 4000;

if (!existsSync(docker)) {
  console.error(`capture-help: no docker binary at ${docker}`);
  process.exit(1);
}

/**
 * What the help texts cannot show, from docker/cli v28.2.2 sources.
 * Keys are command paths (space separated, without "docker"); every command with the same
 * flag set (aliases and shortcuts) gets the same entries.
 */
const OVERLAY = {
  // cli/command/container/opts.go addFlags(): MarkHidden("dns-opt"), ("net"), ("net-alias").
  // --net shares --network's NetworkOpt (Type() "network"); the other two are opts.ListOpts.
  // Windows-only flags: SetAnnotation(..., "ostype", ["windows"]) on cpu-count, cpu-percent,
  // io-maxbandwidth, io-maxiops (hidden and refused when the daemon runs Linux).
  'container run': {
    hidden: [
      { long: 'dns-opt', type: 'list', usage: 'Set DNS options' },
      { long: 'net', type: 'network', usage: 'Connect a container to a network' },
      { long: 'net-alias', type: 'list', usage: 'Add network-scoped alias for the container' },
    ],
    requires: { 'cpu-count': { osType: 'windows' }, 'cpu-percent': { osType: 'windows' }, 'io-maxbandwidth': { osType: 'windows' }, 'io-maxiops': { osType: 'windows' } },
    // --memory-swap is opts.MemSwapBytes: printed as "bytes", but "-1" (unlimited) is accepted.
    types: { 'memory-swap': 'swapBytes' },
    // Validators given to opts.NewListOpts / NewMapOpts / NewThrottledeviceOpt in addFlags().
    validate: {
      attach: 'attach', dns: 'ipAddress', 'dns-search': 'dnsSearch', 'device-cgroup-rule': 'deviceCgroupRule', env: 'env',
      'add-host': 'extraHost', label: 'label', link: 'link', sysctl: 'sysctl', 'blkio-weight-device': 'weightDevice',
      'device-read-bps': 'throttleBps', 'device-write-bps': 'throttleBps', 'device-read-iops': 'throttleIops', 'device-write-iops': 'throttleIops',
    },
  },
  'container create': 'container run',
  // cli/command/container/start.go: checkpoint and checkpoint-dir are annotated "experimental"
  // and "ostype" linux.
  'container start': { requires: { checkpoint: { experimental: true, osType: 'linux' }, 'checkpoint-dir': { experimental: true, osType: 'linux' } } },
  // cli/command/container/stop.go, restart.go: IntVar("time", 0, ...) + MarkDeprecated("time",
  // "use --timeout instead"): hidden from help, still accepted, warns when used.
  'container stop': { hidden: [{ long: 'time', type: 'int', usage: 'Seconds to wait before killing the container (deprecated: use --timeout)', deprecated: 'use --timeout instead' }] },
  'container restart': { hidden: [{ long: 'time', type: 'int', usage: 'Seconds to wait before killing the container (deprecated: use --timeout)', deprecated: 'use --timeout instead' }] },
  // cli/command/container/update.go: Var(&options.kernelMemory, "kernel-memory", ...) (opts.MemBytes,
  // Type() "bytes") + MarkHidden("kernel-memory").
  'container update': { hidden: [{ long: 'kernel-memory', type: 'bytes', usage: 'Kernel memory limit (deprecated)' }], types: { 'memory-swap': 'swapBytes' } },
  // cli/command/image/build.go: BoolVar(&options.squash, "squash", ...) annotated "experimental".
  // cli/command/image/build.go: tags use validateTag (reference.ParseNormalizedNamed), build-arg
  // opts.ValidateEnv, label opts.ValidateLabel, add-host opts.ValidateExtraHost.
  'image build': { requires: { squash: { experimental: true } }, types: { 'memory-swap': 'swapBytes' }, validate: { tag: 'reference', 'build-arg': 'env', label: 'label', 'add-host': 'extraHost' } },
  // cli/command/container/exec.go: Env: opts.NewListOpts(opts.ValidateEnv).
  'container exec': { validate: { env: 'env' } },
  // cli/command/network/create.go labels, connect.go links, volume/create.go labels;
  // volume/create.go also has StringVar(&options.name, "name", "", "Specify volume name") +
  // Lookup("name").Hidden = true.
  'network create': { validate: { label: 'label' } },
  'network connect': { validate: { link: 'link' } },
  'volume create': { hidden: [{ long: 'name', type: 'string', usage: 'Specify volume name' }], validate: { label: 'label' } },
};

/**
 * Flag value types by the placeholder help prints. pflag prints Value.Type() (renaming a few:
 * stringSlice -> "strings", float64 -> "float", int64 -> "int", ...); docker/cli's opts types
 * print their own Type() ("list", "map", "filter", "bytes", ...) and are kept as they are. A
 * back-quoted name in a usage would replace the type; docker 28.2.2 has none (the loader
 * rejects unknown types, so one appearing would be noticed).
 */
const PLACEHOLDER_TYPES = {
  strings: 'stringSlice',
  float: 'float64',
};

// ---------------------------------------------------------------------------------------------

function parseOptions(argv) {
  const result = {};
  for (let index = 0; index < argv.length; index++) {
    if (argv[index] === '--docker') result.docker = argv[++index];
    else if (argv[index] === '--out') result.out = argv[++index];
    else throw new Error(`unknown option ${argv[index]}`);
  }
  return result;
}

/** Serves GET/HEAD /_ping on a unix socket with the given headers; 500 for anything else. */
function startPingServer(socketPath, headers) {
  const server = createServer((request, response) => {
    if (request.url.replace(/^\/v[\d.]+/, '').startsWith('/_ping')) {
      response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache, no-store, must-revalidate', Pragma: 'no-cache', ...headers });
      response.end(request.method === 'HEAD' ? undefined : 'OK');
      return;
    }
    response.writeHead(500, { 'Content-Type': 'application/json', ...headers });
    response.end(JSON.stringify({ message: 'capture-help: no daemon here' }) + '\n');
  });
  return new Promise((resolve) => server.listen(socketPath, () => resolve(server)));
}

function shellQuote(word) {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

let sequence = 0;
/**
 * Runs docker; returns { stdout, stderr, code }. stdin is /dev/null, or a pseudo-terminal
 * `columns` wide (through `script`) when columns is given. stdout and stderr are never terminals.
 */
function runDocker(args, { env, columns, timeoutSeconds = 15 }) {
  if (columns === undefined) {
    return new Promise((resolve) => {
      const child = spawn('timeout', [String(timeoutSeconds), docker, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      const out = [];
      const err = [];
      child.stdout.on('data', (chunk) => out.push(chunk));
      child.stderr.on('data', (chunk) => err.push(chunk));
      child.on('close', (code) => resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code }));
    });
  }
  const base = join(workDirectory, `run-${sequence++}`);
  const command = `stty cols ${columns} rows 50; exec timeout ${timeoutSeconds} ${shellQuote(docker)} ${args.map(shellQuote).join(' ')} >${base}.out 2>${base}.err`;
  return new Promise((resolve) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { env, stdio: ['ignore', 'ignore', 'ignore'] });
    child.on('close', (code) => resolve({ stdout: readFileSync(`${base}.out`, 'utf8'), stderr: readFileSync(`${base}.err`, 'utf8'), code }));
  });
}

/** Runs tasks with at most `limit` at once. */
async function pool(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const SECTION_TITLES = ['Common Commands:', 'Management Commands:', 'Swarm Commands:', 'Commands:'];

/** Splits a help text into its titled sections: Map(title -> lines). */
function sectionsOf(text) {
  const sections = new Map();
  let current = null;
  for (const line of text.split('\n')) {
    if (/^[A-Z][A-Za-z ]*:$/.test(line)) {
      current = line;
      sections.set(current, []);
    } else if (current !== null) {
      if (line === '') current = null;
      else sections.get(current).push(line);
    }
  }
  return sections;
}

/** Sub-command names listed in a help text (they are never wrapped). */
function listedSubcommands(text) {
  const sections = sectionsOf(text);
  const names = [];
  for (const title of SECTION_TITLES) {
    for (const line of sections.get(title) ?? []) {
      const match = /^  (\S+?)\*?\s+\S/.exec(line) ?? /^  (\S+?)\*?\s*$/.exec(line);
      if (!match) throw new Error(`cannot read command line ${JSON.stringify(line)}`);
      names.push({ name: match[1] });
    }
  }
  return names;
}

/**
 * Reads the "Options:" (or "Global Options:") block of an unwrapped help text into flags.
 * Line shape (pflag FlagUsagesWrapped): "  -s, --name placeholder[=noopt]" or
 * "      --name ...", then at least three spaces up to one column shared by the whole block, then
 * the usage; further lines of a usage are indented to that column.
 */
function parseFlagBlock(text, title) {
  const lines = text.split('\n');
  const start = lines.indexOf(title);
  if (start < 0) return [];
  const block = [];
  for (let index = start + 1; index < lines.length && lines[index] !== ''; index++) block.push(lines[index]);
  const isFlagLine = (line) => /^(  -\S, |      )--[^\s[]/.test(line);
  let column = Infinity;
  for (const line of block) {
    if (!isFlagLine(line)) continue;
    const gap = /\S( {3,})/.exec(line.slice(6));
    if (gap) column = Math.min(column, 6 + gap.index + 1 + gap[1].length);
    else column = Math.min(column, line.length);
  }
  const flags = [];
  for (const line of block) {
    if (isFlagLine(line)) {
      const left = line.slice(0, column).trimEnd();
      const match = /^(?:  -(\S), |      )--([^\s[]+)(\[=[^\]]*\])?(?: (\S+?))?(\[=[^\]]*\])?$/.exec(left);
      if (!match) throw new Error(`cannot read flag line ${JSON.stringify(line)}`);
      const [, short, long, boolNoOpt, placeholder, noOpt] = match;
      const flag = { long };
      if (short) flag.short = short;
      flag.placeholder = placeholder ?? '';
      const noOptText = noOpt ?? boolNoOpt;
      if (noOptText) flag.noOptDefault = noOptText.slice(2, -1).replace(/^"(.*)"$/, '$1');
      flag.usage = line.slice(column);
      flags.push(flag);
    } else {
      if (!line.startsWith(' '.repeat(column)) && line.trim() !== '') throw new Error(`unexpected line in flag block ${JSON.stringify(line)}`);
      flags[flags.length - 1].usage += '\n' + line.slice(column);
    }
  }
  return flags;
}

/** Splits pflag's " (default X)" and " (DEPRECATED: X)" suffixes off a usage. */
function splitUsage(flag) {
  let usage = flag.usage;
  const deprecated = / \(DEPRECATED: (.*)\)$/s.exec(usage);
  if (deprecated) {
    flag.deprecated = deprecated[1];
    usage = usage.slice(0, deprecated.index);
  }
  // A bool's default is printed only when it is "true"; "(default shows just running)" on a
  // bool is part of the usage text.
  const isBool = flag.placeholder === '';
  const match = isBool ? / \(default (true)\)$/.exec(usage) : / \(default (.*)\)$/s.exec(usage);
  if (match) {
    flag.defaultText = match[1];
    usage = usage.slice(0, match.index);
  }
  flag.usage = usage;
}

function typeOf(flag) {
  if (flag.placeholder === '') return 'bool';
  return PLACEHOLDER_TYPES[flag.placeholder] ?? flag.placeholder;
}

/** Turns a probe's stderr into an argument rule, or undefined when it is not an argument error. */
function argsRuleFrom(stderr) {
  let match;
  if ((match = /requires at least (\d+) and at most (\d+) argument/.exec(stderr))) return { min: Number(match[1]), max: Number(match[2]) };
  if ((match = /requires at least (\d+) argument/.exec(stderr))) return { min: Number(match[1]) };
  if ((match = /requires at most (\d+) argument/.exec(stderr))) return { max: Number(match[1]) };
  if ((match = /requires (\d+) argument/.exec(stderr))) return { exact: Number(match[1]) };
  if (/accepts no arguments/.test(stderr) || /^docker: unknown command: /.test(stderr)) return { exact: 0 };
  if ((match = /^accepts (\d+) arg\(s\), received \d+/.exec(stderr))) return { exact: Number(match[1]), style: 'cobra' };
  if (/^unknown command ".*" for ".*"\n$/.test(stderr)) return { exact: 0, style: 'cobra' };
  return undefined;
}

// ---------------------------------------------------------------------------------------------

const workDirectory = mkdtempSync(join(tmpdir(), 'capture-help-'));
const realisticSocket = join(workDirectory, 'realistic.sock');
const permissiveSocket = join(workDirectory, 'permissive.sock');
const probeHome = join(workDirectory, 'home');

const baseEnvironment = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', TERM: 'xterm' };
const helpEnvironment = { ...baseEnvironment, HOME: '/root', DOCKER_HOST: `unix://${realisticSocket}` };
const permissiveEnvironment = { ...helpEnvironment, DOCKER_HOST: `unix://${permissiveSocket}` };
const probeEnvironment = { ...baseEnvironment, HOME: probeHome, DOCKER_HOST: `unix://${realisticSocket}` };
const permissiveProbeEnvironment = { ...probeEnvironment, DOCKER_HOST: `unix://${permissiveSocket}` };

// What dockerd 28.2.2 on Linux answers to /_ping when not in swarm mode
// (moby api/server/router/system/system_routes.go pingHandler + the version middleware).
const realisticPing = { 'Api-Version': '1.50', 'Builder-Version': '2', 'Docker-Experimental': 'false', Ostype: 'linux', Swarm: 'inactive', Server: 'Docker/28.2.2 (linux)' };
const permissivePing = { 'Api-Version': '1.50', 'Builder-Version': '2', 'Docker-Experimental': 'true', Swarm: 'active/manager' };

/** docker/cli cmd/docker/builder.go buildxMissingWarning, printed before `build`, `image build`, `builder ...`. */
const BUILDER_WARNING = /^DEPRECATED: The legacy builder is deprecated[^\n]*\n(?: {12}[^\n]*\n)*\n/;
const stripBuilderWarning = (text) => text.replace(BUILDER_WARNING, '');

/**
 * The CLI pings the daemon with a 2 second timeout (cli/command/cli.go defaultInitTimeout) and,
 * when the ping fails, silently assumes an experimental daemon; under load that changes what
 * help shows. Realistic captures are therefore taken twice and must agree.
 */
async function stableHelp(path) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const [first, second] = [await runDocker([...path, '--help'], { env: helpEnvironment }), await runDocker([...path, '--help'], { env: helpEnvironment })];
    if (first.stdout === second.stdout && first.stderr === second.stderr) return first;
  }
  throw new Error(`docker ${path.join(' ')} --help is not stable`);
}

const servers = [await startPingServer(realisticSocket, realisticPing), await startPingServer(permissiveSocket, permissivePing)];

try {
  const version = (await runDocker(['--version'], { env: helpEnvironment })).stdout.trim();
  if (!version.startsWith('Docker version 28.2.2')) console.warn(`capture-help: expected docker 28.2.2, found "${version}"`);

  // Walk the tree breadth-first through the permissive help (it lists every command that is
  // only hidden because of what the daemon supports). The hidden `completion` command (added by
  // cobra) and the help command are added by hand.
  const nodes = [];
  const queue = [[]];
  const seen = new Set(['']);
  while (queue.length > 0) {
    const batch = queue.splice(0, queue.length);
    const results = await pool(batch, 4, async (path) => {
      const help = await stableHelp(path);
      const permissiveHelp = await runDocker([...path, '--help'], { env: permissiveEnvironment });
      const wide = await runDocker([...path, '--help'], { env: permissiveEnvironment, columns: wideColumns });
      return { path, help, permissiveHelp, wide };
    });
    for (const result of results) {
      if (result.help.code !== 0 || result.help.stdout === '') throw new Error(`docker ${result.path.join(' ')} --help failed: ${result.help.stderr}`);
      if (result.help.stdout.includes('Invalid Plugins:') || /^  \S+\*/m.test(result.help.stdout)) throw new Error('cli plugins are installed; capture on a machine without them');
      nodes.push(result);
      const children = listedSubcommands(result.permissiveHelp.stdout).map((entry) => [...result.path, entry.name]);
      if (result.path.length === 0) children.push(['help'], ['completion']);
      for (const child of children) {
        const key = child.join(' ');
        if (!seen.has(key)) {
          seen.add(key);
          queue.push(child);
        }
      }
    }
  }
  console.error(`capture-help: ${nodes.length} commands`);

  const listedByPath = new Map(nodes.map((node) => [node.path.join(' '), new Set(listedSubcommands(node.help.stdout).map((entry) => entry.name))]));
  const listedIn = (path) => path.length === 0 || (listedByPath.get(path.slice(0, -1).join(' '))?.has(path[path.length - 1]) ?? false);

  const commands = await pool(nodes, 4, async (node) => {
    const path = node.path;
    const key = path.join(' ');
    const isGroup = listedSubcommands(node.permissiveHelp.stdout).length > 0;

    // Use line: an unknown flag makes docker print "Usage:  <use line>" (cli/cobra.go FlagErrorFunc).
    const unknownFlag = await runDocker([...path, '--zzzz'], { env: permissiveProbeEnvironment });
    const useMatch = /\n\nUsage:  ([\s\S]*)\n\nRun '(.*) --help' for more information\n$/.exec(stripBuilderWarning(unknownFlag.stderr));
    if (!useMatch) throw new Error(`no use line for "${key}": ${unknownFlag.stderr}`);
    // Interspersed: is a flag after the first positional still read as a flag?
    const interspersedProbe = await runDocker([...path, 'x', '--zzzz'], { env: permissiveProbeEnvironment });
    const interspersed = stripBuilderWarning(interspersedProbe.stderr).startsWith('unknown flag: --zzzz');
    // Argument rule: no arguments, then many.
    const bare = await runDocker(path, { env: permissiveProbeEnvironment });
    let args = argsRuleFrom(stripBuilderWarning(bare.stderr));
    if (args === undefined) {
      const many = await runDocker([...path, ...Array.from({ length: 30 }, (_, index) => `a${index}`)], { env: permissiveProbeEnvironment });
      args = argsRuleFrom(stripBuilderWarning(many.stderr)) ?? { min: 0 };
    }
    // Does a Linux, non-experimental daemon make docker refuse the command (docker checkpoint)?
    const realisticBare = await runDocker(path, { env: probeEnvironment });
    const refused = /is only supported on a Docker daemon with experimental features enabled/.test(realisticBare.stderr);
    // Where does a group print its help when called bare: docker's groups use
    // command.ShowHelp(stderr), `docker manifest` prints "\n" + usage to stderr, and cobra's own
    // `completion` is not runnable, so cobra prints its help to stdout.
    let runnable = true;
    let bareHelpPrefix = '';
    if (isGroup && path.length > 0) {
      const bareError = stripBuilderWarning(bare.stderr);
      if (bare.stdout === node.permissiveHelp.stdout && bareError === '') runnable = false;
      else if (bareError.endsWith(node.permissiveHelp.stdout)) bareHelpPrefix = bareError.slice(0, bareError.length - node.permissiveHelp.stdout.length);
      else throw new Error(`unexpected output of bare "docker ${key}": ${JSON.stringify(bare)}`);
    }

    const title = path.length === 0 ? 'Global Options:' : 'Options:';
    const flags = parseFlagBlock(node.wide.stdout, title);
    // The realistic 80-column help wraps usages; only the flag names are read from it.
    const shown = new Set([...node.help.stdout.matchAll(/^(?:  -\S, |      )--([^\s[=]+)/gm)].map((match) => match[1]));
    for (const flag of flags) {
      splitUsage(flag);
      flag.type = typeOf(flag);
      if (!shown.has(flag.long)) flag.hidden = true;
    }

    const aliasesSection = sectionsOf(node.help.stdout).get('Aliases:') ?? sectionsOf(node.permissiveHelp.stdout).get('Aliases:');
    const aliasPaths = aliasesSection ? aliasesSection.join(' ').trim().split(/, /).map((text) => text.replace(/^docker ?/, '')) : [];
    const parentKey = path.slice(0, -1).join(' ');
    const aliases = aliasPaths
      .filter((aliasPath) => aliasPath.split(' ').slice(0, -1).join(' ') === parentKey)
      .map((aliasPath) => aliasPath.split(' ').pop())
      .filter((name) => name !== path[path.length - 1]);
    // Each alias must resolve to this command: same use line in the unknown-flag error.
    for (const alias of aliases) {
      const probe = await runDocker([...path.slice(0, -1), alias, '--zzzz'], { env: permissiveProbeEnvironment });
      if (!stripBuilderWarning(probe.stderr).includes(`\n\nUsage:  ${useMatch[1]}\n\n`)) throw new Error(`alias ${alias} of "${key}" does not resolve: ${probe.stderr}`);
    }

    return {
      path: key,
      canonical: aliasPaths[0] ?? key,
      aliases,
      useLine: useMatch[1],
      args,
      interspersed,
      group: isGroup,
      runnable,
      bareHelpPrefix,
      hidden: !listedIn(path),
      experimental: refused,
      flags,
      help: node.help.stdout,
    };
  });

  const table = { version, columns: 80, commands: commands.map(finish) };
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, JSON.stringify(table, null, 1) + '\n');
  console.error(`capture-help: wrote ${outFile} (${commands.length} commands)`);
} finally {
  for (const server of servers) server.close();
  rmSync(workDirectory, { recursive: true, force: true });
}

/** Applies OVERLAY and trims the entry to what the loader reads. */
function finish(command) {
  let overlay = OVERLAY[command.canonical];
  if (typeof overlay === 'string') overlay = OVERLAY[overlay];
  const flags = command.flags.map((flag) => {
    const out = { long: flag.long };
    if (flag.short) out.short = flag.short;
    out.type = overlay?.types?.[flag.long] ?? flag.type;
    if (flag.placeholder !== defaultPlaceholder(out.type)) out.placeholder = flag.placeholder;
    out.usage = flag.usage;
    if (flag.defaultText !== undefined) out.defaultText = flag.defaultText;
    if (flag.noOptDefault !== undefined) out.noOptDefault = flag.noOptDefault;
    if (flag.deprecated !== undefined) out.deprecated = flag.deprecated;
    if (flag.hidden) out.hidden = true;
    const validate = overlay?.validate?.[flag.long];
    if (validate) out.validate = validate;
    const requires = overlay?.requires?.[flag.long];
    if (requires) out.requires = requires;
    return out;
  });
  for (const extra of overlay?.hidden ?? []) {
    if (flags.some((flag) => flag.long === extra.long)) throw new Error(`overlay flag --${extra.long} of "${command.path}" is not hidden`);
    const out = { long: extra.long, type: extra.type, usage: extra.usage, hidden: true };
    if (extra.deprecated) out.deprecated = extra.deprecated;
    const validate = overlay?.validate?.[extra.long];
    if (validate) out.validate = validate;
    flags.push(out);
  }
  for (const name of Object.keys(overlay?.requires ?? {})) {
    if (!flags.some((flag) => flag.long === name)) throw new Error(`overlay names --${name}, which "${command.path}" does not have`);
  }
  for (const name of [...Object.keys(overlay?.validate ?? {}), ...Object.keys(overlay?.types ?? {})]) {
    if (!flags.some((flag) => flag.long === name)) throw new Error(`overlay names --${name}, which "${command.path}" does not have`);
  }
  const entry = { path: command.path };
  if (command.canonical !== command.path) entry.canonical = command.canonical;
  if (command.aliases.length > 0) entry.aliases = command.aliases;
  entry.useLine = command.useLine;
  entry.args = command.args;
  if (!command.interspersed) entry.interspersed = false;
  if (command.group) entry.group = true;
  if (!command.runnable) entry.runnable = false;
  if (command.bareHelpPrefix) entry.bareHelpPrefix = command.bareHelpPrefix;
  if (command.hidden) entry.hidden = true;
  if (command.experimental) entry.experimental = true;
  entry.flags = flags;
  entry.help = command.help;
  return entry;
}

function defaultPlaceholder(type) {
  switch (type) {
    case 'bool': return '';
    case 'stringSlice': return 'strings';
    case 'float64': return 'float';
    case 'swapBytes': return 'bytes';
    default: return type;
  }
}
