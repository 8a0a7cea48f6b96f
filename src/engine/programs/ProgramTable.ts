import type { ContainerFiles } from '../fs/ContainerFs';
import type { BaseFamily } from '../Registry';
import { apk } from './apk';
import { aptGet } from './aptGet';
import { coreutils } from './coreutils';
import { dockerEntrypoint } from './dockerEntrypoint';
import { fileCommands } from './fileCommands';
import { hello } from './hello';
import { imageLayout } from './imageLayout';
import type { ImageLayout } from './imageLayout';
import { languageRuntime } from './languageRuntime';
import { nginx } from './nginx';
import { notSimulated } from './notSimulated';
import { ps } from './ps';
import type { Program } from './Program';
import { readFollowing } from './readFollowing';
import { redisServer } from './redisServer';
import { resolvePath } from './resolvePath';
import { shell } from './sh';

/** The simulated programs by the key imageLayout gives each executable. */
const PROGRAMS: Readonly<Record<string, Program>> = {
  ...coreutils,
  ...fileCommands,
  apk,
  apt: aptGet,
  'apt-get': aptGet,
  ash: shell('ash'),
  bash: shell('bash'),
  dash: shell('dash'),
  'docker-entrypoint.sh': dockerEntrypoint,
  hello,
  nginx,
  ps,
  'nginx-debug': nginx,
  node: languageRuntime('node'),
  nodejs: languageRuntime('node'),
  python: languageRuntime('python'),
  python3: languageRuntime('python'),
  'python3.12': languageRuntime('python'),
  'redis-server': redisServer,
};

const notSimulatedCache = new Map<string, Program>();

/**
 * Finds the program `name` runs in a container of `imageReference`, the way
 * exec(3) does: a name with a slash is a path (`/bin/sh`, `/hello`,
 * `./x` from /), anything else is looked up in each directory of `pathEnv`
 * (the container's PATH, with or without `PATH=`) in turn. Undefined when
 * the image has no such file: hello-world has only /hello, alpine and
 * busybox have busybox's applets but no bash, Debian and Ubuntu have bash,
 * dash as sh and coreutils. A program that exists in the image but is not
 * simulated says so when run.
 *
 * With `files` (the container's own), the lookup is in them, as the kernel's
 * is: a program the container deleted is gone, and one it added (a package
 * manager's, a script the learner wrote) is found — see programForFile.
 */
export function findProgram(family: BaseFamily, imageReference: string, name: string, pathEnv: string, files?: Pick<ContainerFiles, 'readFile'>): Program | undefined {
  if (name === '') return undefined;
  const layout = imageLayout(family, imageReference);
  if (files) {
    const found = name.includes('/') ? resolvePath('/', name) : searchFiles(files, name, pathEnv);
    if (found === undefined || !isExecutable(files, found)) return undefined;
    const key = layout.executables.get(canonicalPath(layout, found));
    return key !== undefined ? programOf(key) : programForFile(files, found);
  }
  const path = name.includes('/') ? canonicalPath(layout, resolvePath('/', name)) : searchPath(layout, name, pathEnv);
  if (path === undefined) return undefined;
  const key = layout.executables.get(path);
  if (key === undefined) return undefined;
  return programOf(key);
}

/**
 * The program an executable file the image's table does not list runs: a
 * script (`#!interpreter`) runs its interpreter with the script's path; a
 * binary a package manager installed runs the lab's program of that name
 * (bash after `apk add bash`), or says it is not simulated (vim, git).
 * Undefined when `path` is no executable file.
 */
export function programForFile(files: Pick<ContainerFiles, 'readFile'>, path: string): Program | undefined {
  const entry = readFollowing(files, path);
  if (!entry || entry.type !== 'file' || ((entry.mode ?? 0) & 0o111) === 0) return undefined;
  const shebang = /^#!\s*(\S+)(?:[ \t]+(\S.*?))?\s*$/m.exec((entry.content ?? '').split('\n', 1)[0]);
  if (shebang && entry.content?.startsWith('#!')) {
    const [, interpreter, argument] = shebang;
    return (ctx) => ctx.exec([interpreter, ...(argument ? [argument] : []), path, ...ctx.argv.slice(1)]);
  }
  return programOf(path.slice(path.lastIndexOf('/') + 1));
}

function programOf(key: string): Program {
  const program = PROGRAMS[key];
  if (program) return program;
  let stub = notSimulatedCache.get(key);
  if (!stub) {
    stub = notSimulated(key);
    notSimulatedCache.set(key, stub);
    stubs.add(stub);
  }
  return stub;
}

const stubs = new WeakSet<Program>();

/** True for a program the lab plays; false for one that only says it is not simulated. */
export function isSimulated(program: Program): boolean {
  return !stubs.has(program);
}

/** PATH's first directory holding `name` as something other than a directory. */
function searchFiles(files: Pick<ContainerFiles, 'readFile'>, name: string, pathEnv: string): string | undefined {
  const value = pathEnv.startsWith('PATH=') ? pathEnv.slice('PATH='.length) : pathEnv;
  for (const directory of value.split(':')) {
    const path = resolvePath('/', `${directory || '.'}/${name}`);
    const entry = readFollowing(files, path);
    if (entry && entry.type === 'file') return path;
  }
  return undefined;
}

function isExecutable(files: Pick<ContainerFiles, 'readFile'>, path: string): boolean {
  const entry = readFollowing(files, path);
  return entry?.type === 'file' && ((entry.mode ?? 0o755) & 0o111) !== 0;
}

function searchPath(layout: ImageLayout, name: string, pathEnv: string): string | undefined {
  const value = pathEnv.startsWith('PATH=') ? pathEnv.slice('PATH='.length) : pathEnv;
  for (const directory of value.split(':')) {
    // An empty entry means the working directory; the main process starts in /.
    const path = canonicalPath(layout, resolvePath('/', `${directory || '.'}/${name}`));
    if (layout.executables.has(path)) return path;
  }
  return undefined;
}

/** `/bin/ls` → `/usr/bin/ls` where /bin is a symlink (merged /usr). */
function canonicalPath(layout: ImageLayout, path: string): string {
  for (const [link, target] of layout.directoryLinks) {
    if (path.startsWith(`${link}/`)) return target + path.slice(link.length);
  }
  return path;
}
