import type { BaseFamily } from '../Registry';
import { coreutils } from './coreutils';
import { dockerEntrypoint } from './dockerEntrypoint';
import { hello } from './hello';
import { imageLayout } from './imageLayout';
import type { ImageLayout } from './imageLayout';
import { languageRuntime } from './languageRuntime';
import { nginx } from './nginx';
import { notSimulated } from './notSimulated';
import type { Program } from './Program';
import { redisServer } from './redisServer';
import { resolvePath } from './resolvePath';
import { shell } from './sh';

/** The simulated programs by the key imageLayout gives each executable. */
const PROGRAMS: Readonly<Record<string, Program>> = {
  ...coreutils,
  ash: shell('ash'),
  bash: shell('bash'),
  dash: shell('dash'),
  'docker-entrypoint.sh': dockerEntrypoint,
  hello,
  nginx,
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
 */
export function findProgram(family: BaseFamily, imageReference: string, name: string, pathEnv: string): Program | undefined {
  if (name === '') return undefined;
  const layout = imageLayout(family, imageReference);
  const path = name.includes('/') ? canonicalPath(layout, resolvePath('/', name)) : searchPath(layout, name, pathEnv);
  if (path === undefined) return undefined;
  const key = layout.executables.get(path);
  if (key === undefined) return undefined;
  const program = PROGRAMS[key];
  if (program) return program;
  let stub = notSimulatedCache.get(key);
  if (!stub) {
    stub = notSimulated(key);
    notSimulatedCache.set(key, stub);
  }
  return stub;
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
