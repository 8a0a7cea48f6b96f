import { BuildError } from '../../engine/build/BuildError';
import type { BuildErrorSource } from '../../engine/build/BuildError';
import { InvalidReferenceError, parseNormalizedNamed } from '../../engine/util/reference';
import type { CommandHandler, FlagValues } from './Command';
import { StatusError } from './Command';
import { collectBuildContext } from './buildContext';
import type { BuildProgressMode } from './buildProgress';
import { BuildProgressPrinter, formatWarnings } from './buildProgress';

/** What Docker Lab cannot do of `docker build`, said plainly (exit 1 as buildx's errors). */
const NOT_SIMULATED = (what: string) => new StatusError(`docker build: ${what} is not simulated in Docker Lab: build from a directory of your workspace (docker build -t NAME .)`, 1);

/**
 * `docker build [OPTIONS] PATH` as docker 28 runs it through buildx with
 * the docker driver (buildx commands/build.go): the context from the
 * learner's workspace, BuildKit's progress on stderr (plain when it is not
 * a terminal or with `--progress=plain`, the TTY display's final frame
 * otherwise), build check warnings, and on failure the step's logs, the
 * Dockerfile lines it points at and `ERROR: failed to solve: ...` (exit 1).
 * `-q` prints only the image ID.
 */
export const build: CommandHandler = async (ctx) => {
  const { engine, io, flags } = ctx;
  const contextPath = ctx.args[0] ?? '';
  const mode = progressMode(flags, ctx.environment, io.isTTY);

  if (contextPath === '-' || optionalString(flags, 'file') === '-') throw NOT_SIMULATED('reading the build context or the Dockerfile from stdin');
  const host = ctx.hostFiles;
  if (!host) throw new StatusError('docker build: Docker Lab has no workspace folder here to take the build context from', 1);
  if (host.readDir(host.resolve(contextPath)) === undefined && isRemoteUrl(contextPath)) throw NOT_SIMULATED(`building from a remote context (${contextPath})`);
  const platform = optionalString(flags, 'platform');
  if (platform !== '' && !['linux', 'linux/amd64'].includes(platform.toLowerCase())) {
    throw new StatusError(`docker build --platform ${platform} is not simulated in Docker Lab: it builds linux/amd64 images only`, 1);
  }

  const buildArgs = keyValues(flags.list('build-arg'), ctx.environment);
  const labels = optionalList(flags, 'label').length ? keyValues(optionalList(flags, 'label'), undefined) : {};
  const tags = flags.list('tag');
  for (const tag of tags) {
    try {
      parseNormalizedNamed(tag);
    } catch (e) {
      if (e instanceof InvalidReferenceError) throw new StatusError(`ERROR: invalid tag ${JSON.stringify(tag)}: ${e.message}`, 1);
      throw e;
    }
  }

  const context = collectBuildContext(host, contextPath, optionalString(flags, 'file'));
  const printer = new BuildProgressPrinter(io.stderr, mode, { columns: io.columns, color: !ctx.environment.NO_COLOR });
  const cancel = new AbortController();
  const interrupt = io.onInterrupt(() => cancel.abort());
  try {
    const result = await engine.imageBuild(context, {
      tags,
      buildArgs,
      labels,
      noCache: flags.bool('no-cache'),
      target: flags.string('target'),
      signal: cancel.signal,
    }, (event) => printer.update(event));
    printer.done();
    if (mode !== 'quiet') io.stderr.write(formatWarnings(printer.warnings));
    const iidfile = optionalString(flags, 'iidfile');
    if (iidfile !== '') host.writeFile(host.resolve(iidfile), result.imageId);
    if (mode === 'quiet') io.stdout.write(`${result.imageId}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    printer.done();
    if (mode !== 'quiet') io.stderr.write(formatWarnings(printer.warnings));
    if (e.source) io.stderr.write(sourceExcerpt(e.source));
    io.stderr.write(`ERROR: failed to solve: ${e.message}\n`);
    return 1;
  } finally {
    interrupt.dispose();
  }
};

/**
 * buildx's toDisplayMode and progressui.NewDisplay: `--progress` (auto by
 * default, or $BUILDKIT_PROGRESS), `-q` as quiet; auto is the TTY display on
 * a terminal and plain elsewhere.
 */
function progressMode(flags: FlagValues, environment: Readonly<Record<string, string>>, isTTY: boolean): BuildProgressMode {
  let progress = optionalString(flags, 'progress') || 'auto';
  if (flags.bool('quiet')) {
    if (progress !== 'auto' && progress !== 'quiet') throw new StatusError(`ERROR: progress=${progress} and quiet cannot be used together`, 1);
    return 'quiet';
  }
  if (progress === 'auto' && environment.BUILDKIT_PROGRESS) progress = environment.BUILDKIT_PROGRESS;
  switch (progress) {
    case 'auto':
      return isTTY ? 'tty' : 'plain';
    case 'tty':
      if (!isTTY) throw new StatusError('ERROR: failed to get console: provided file is not a console', 1);
      return 'tty';
    case 'plain':
    case 'quiet':
      return progress;
    case 'rawjson':
      throw new StatusError('docker build --progress=rawjson is not simulated in Docker Lab: use plain, tty or quiet', 1);
    default:
      throw new StatusError(`ERROR: invalid progress mode ${progress}`, 1);
  }
}

/** buildx's listToMap: `KEY=VALUE`, or `KEY` taking the client's environment variable (left out when unset). */
function keyValues(values: readonly string[], environment: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    const equals = value.indexOf('=');
    const key = equals < 0 ? value : value.slice(0, equals);
    if (key === '') throw new StatusError(`ERROR: invalid key-value pair ${JSON.stringify(value)}: empty key`, 1);
    if (equals >= 0) out[key] = value.slice(equals + 1);
    else if (environment === undefined) out[key] = '';
    else if (environment[key] !== undefined) out[key] = environment[key];
  }
  return out;
}

/** A flag's value when the command line set it (buildx's flags that the lab's command table may lack). */
function optionalString(flags: FlagValues, name: string): string {
  return flags.changedNames().includes(name) ? flags.string(name) : '';
}

function optionalList(flags: FlagValues, name: string): string[] {
  return flags.changedNames().includes(name) ? flags.list(name) : [];
}

/** buildx's IsRemoteURL: an http(s) URL or a git address. */
function isRemoteUrl(path: string): boolean {
  return /^https?:\/\//.test(path) || /^git@/.test(path) || /^git:\/\//.test(path) || /^github\.com\//.test(path);
}

/**
 * BuildKit's errdefs.Source.Print: `Dockerfile:3`, then the failing lines
 * (`>>>`) with up to two lines around them, each numbered.
 */
export function sourceExcerpt(source: BuildErrorSource): string {
  const lines = source.text.split('\n');
  if (source.ranges.length === 0) return '';
  let start = Math.min(...source.ranges.map((range) => range.start));
  let end = Math.max(...source.ranges.map((range) => Math.max(range.start, range.end)));
  if (start > lines.length || start < 1) return '';
  if (end > lines.length) end = lines.length;
  const pad = end === start ? 4 : 2;
  const firstLine = start;
  for (let p = 0; p < pad;) {
    if (start > 1) {
      start--;
      p++;
    }
    if (end !== lines.length) {
      end++;
      p++;
    }
    p++;
  }
  let out = `${source.filename}:${firstLine}\n--------------------\n`;
  for (let line = start; line <= end; line++) {
    const marked = source.ranges.some((range) => range.start <= line && Math.max(range.start, range.end) >= line);
    out += ` ${String(line).padStart(3)} | ${marked ? '>>>' : '   '} ${lines[line - 1]}\n`;
  }
  return `${out}--------------------\n`;
}
