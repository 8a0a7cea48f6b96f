import type { BaseFamily } from '../Registry';
import { executableLists } from './executableLists';
import type { ImageFacts } from './ImageFacts';
import { imageFacts } from './ImageFacts';

/**
 * Where a container's programs live: every executable by its real path,
 * with the name of the simulated program that plays it (see ProgramTable),
 * and the top-level layout of the root filesystem.
 */
export interface ImageLayout {
  readonly facts: ImageFacts;
  /** Symlinked directories, absolute → absolute (merged /usr: `/bin` → `/usr/bin`). */
  readonly directoryLinks: ReadonlyMap<string, string>;
  /** Executable path (canonical, no symlinked directory in it) → program key. */
  readonly executables: ReadonlyMap<string, string>;
  /** Executables that are symlinks, path → link target as `ls -l` shows it. */
  readonly executableLinks: ReadonlyMap<string, string>;
  /** The directories at the top of the root filesystem (without the symlinked ones). */
  readonly rootDirectories: readonly string[];
}

const cache = new Map<string, ImageLayout>();

/** The layout of `imageReference`'s root filesystem (cached: it never changes). */
export function imageLayout(family: BaseFamily, imageReference: string): ImageLayout {
  const key = `${family}\u0000${imageReference}`;
  let layout = cache.get(key);
  if (!layout) {
    layout = buildLayout(family, imageFacts(family, imageReference));
    cache.set(key, layout);
  }
  return layout;
}

function buildLayout(family: BaseFamily, facts: ImageFacts): ImageLayout {
  const executables = new Map<string, string>();
  const executableLinks = new Map<string, string>();
  const directoryLinks = new Map<string, string>();
  const add = (directory: string, names: readonly string[], keyOf: (name: string) => string = (name) => name) => {
    for (const name of names) executables.set(`${directory}/${name}`, keyOf(name));
  };
  let rootDirectories: string[];

  switch (family) {
    case 'scratch':
      // hello-world is one static binary copied to /; docker adds /dev, /etc, /proc, /sys at run time.
      rootDirectories = ['dev', 'etc', 'proc', 'sys'];
      break;
    case 'alpine':
      add('/bin', executableLists.alpineBin, busyboxKey);
      add('/sbin', executableLists.alpineSbin, busyboxKey);
      add('/usr/bin', executableLists.alpineUsrBin, busyboxKey);
      add('/usr/sbin', executableLists.alpineUsrSbin, busyboxKey);
      // The busybox trigger installs the applets as symlinks to the one binary.
      for (const [path] of executables) {
        if (path !== '/bin/busybox' && !NOT_BUSYBOX_ON_ALPINE.has(path)) executableLinks.set(path, '/bin/busybox');
      }
      rootDirectories = ['bin', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'];
      break;
    case 'busybox':
      // `busybox --install /bin` makes hard links, not symlinks; /usr/bin/env links back to /bin/env.
      add('/bin', executableLists.busyboxBin, busyboxKey);
      executables.set('/usr/bin/env', 'env');
      executableLinks.set('/usr/bin/env', '../../bin/env');
      rootDirectories = ['bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'];
      break;
    case 'debian':
    case 'ubuntu':
      directoryLinks.set('/bin', '/usr/bin');
      directoryLinks.set('/sbin', '/usr/sbin');
      directoryLinks.set('/lib', '/usr/lib');
      directoryLinks.set('/lib64', '/usr/lib64');
      add('/usr/bin', executableLists.debianUsrBin, debianKey);
      add('/usr/sbin', executableLists.debianUsrSbin, debianKey);
      executableLinks.set('/usr/bin/sh', 'dash');
      executableLinks.set('/usr/bin/rbash', 'bash');
      rootDirectories = family === 'ubuntu'
        ? ['bin.usr-is-merged', 'boot', 'dev', 'etc', 'home', 'lib.usr-is-merged', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin.usr-is-merged', 'srv', 'sys', 'tmp', 'usr', 'var']
        : ['boot', 'dev', 'etc', 'home', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'srv', 'sys', 'tmp', 'usr', 'var'];
      break;
    case 'oraclelinux':
      directoryLinks.set('/bin', '/usr/bin');
      directoryLinks.set('/sbin', '/usr/sbin');
      directoryLinks.set('/lib', '/usr/lib');
      directoryLinks.set('/lib64', '/usr/lib64');
      // Approximation: the GNU tools of the Debian list without Debian's packaging tools, plus microdnf and rpm.
      add('/usr/bin', [...executableLists.debianUsrBin.filter((name) => !DEBIAN_ONLY.test(name)), 'microdnf', 'rpm'], oracleKey);
      add('/usr/sbin', executableLists.debianUsrSbin.filter((name) => !DEBIAN_ONLY.test(name)), oracleKey);
      executableLinks.set('/usr/bin/sh', 'bash');
      rootDirectories = ['afs', 'boot', 'dev', 'etc', 'home', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'srv', 'sys', 'tmp', 'usr', 'var'];
      break;
  }

  addImagePrograms(facts, family, executables, rootDirectories);
  return { facts, directoryLinks, executables, executableLinks, rootDirectories: [...new Set(rootDirectories)].sort() };
}

/** Packages of the minirootfs that are their own binaries, not busybox applets. */
const NOT_BUSYBOX_ON_ALPINE = new Set([
  '/sbin/apk', '/sbin/ldconfig', '/usr/bin/getconf', '/usr/bin/getent', '/usr/bin/iconv', '/usr/bin/ldd',
  '/usr/bin/scanelf', '/usr/bin/ssl_client',
]);

const DEBIAN_ONLY = /^(apt|dpkg|debconf|deb-|update-alternatives|update-rc\.d|invoke-rc\.d|dash$|sh$|run-parts|tempfile|savelog|ischroot|which\.debianutils|select-editor|sensible-)/;

/** Busybox's shells are ash; every other applet keeps its own name. */
function busyboxKey(name: string): string {
  return name === 'sh' ? 'ash' : name;
}

/** Debian's /bin/sh is dash. */
function debianKey(name: string): string {
  return name === 'sh' ? 'dash' : name;
}

/** Oracle Linux's /bin/sh is bash. */
function oracleKey(name: string): string {
  return name === 'sh' ? 'bash' : name;
}

/** What the official images add on top of their base (their Dockerfiles' COPY and install steps). */
function addImagePrograms(facts: ImageFacts, family: BaseFamily, executables: Map<string, string>, roots: string[]): void {
  const set = (directory: string, names: readonly string[]) => {
    for (const name of names) executables.set(`${directory}/${name}`, name);
  };
  switch (facts.repository) {
    case 'hello-world':
      executables.set('/hello', 'hello');
      break;
    case 'nginx':
      // COPY docker-entrypoint.sh /; the nginx package; gettext-base (envsubst) and curl.
      executables.set('/docker-entrypoint.sh', 'docker-entrypoint.sh');
      set('/usr/sbin', ['nginx', 'nginx-debug']);
      set('/usr/bin', ['envsubst', 'curl']);
      roots.push('docker-entrypoint.d');
      break;
    case 'redis':
      set('/usr/local/bin', ['docker-entrypoint.sh', 'gosu', 'redis-benchmark', 'redis-check-aof', 'redis-check-rdb', 'redis-cli', 'redis-sentinel', 'redis-server']);
      roots.push('data');
      break;
    case 'node':
      set('/usr/local/bin', ['corepack', 'docker-entrypoint.sh', 'node', 'nodejs', 'npm', 'npx', 'yarn', 'yarnpkg']);
      // node:22 (not -alpine) is built on buildpack-deps: curl, git, ps, python3, ...
      if (family === 'debian') set('/usr/bin', ['curl', 'git', 'make', 'gcc', 'g++', 'ps', 'python3', 'wget', 'ssh']);
      break;
    case 'python':
      set('/usr/local/bin', ['idle', 'idle3', 'idle3.12', 'pip', 'pip3', 'pip3.12', 'pydoc', 'pydoc3', 'pydoc3.12', 'python', 'python-config', 'python3', 'python3-config', 'python3.12', 'python3.12-config']);
      break;
    case 'httpd':
      set('/usr/local/apache2/bin', ['ab', 'apachectl', 'apxs', 'htcacheclean', 'htdbm', 'htdigest', 'htpasswd', 'httpd', 'httxt2dbm', 'logresolve', 'rotatelogs']);
      set('/usr/local/bin', ['httpd-foreground']);
      break;
    case 'postgres': {
      const major = facts.env.get('PG_MAJOR') ?? '18';
      set('/usr/local/bin', ['docker-ensure-initdb.sh', 'docker-enforce-initdb.sh', 'docker-entrypoint.sh', 'gosu']);
      set(`/usr/lib/postgresql/${major}/bin`, ['createdb', 'createuser', 'initdb', 'pg_ctl', 'pg_dump', 'pg_dumpall', 'pg_isready', 'pg_restore', 'postgres', 'psql']);
      set('/usr/bin', ['psql', 'pg_dump', 'pg_isready']);
      roots.push('docker-entrypoint-initdb.d');
      break;
    }
    case 'mysql':
      set('/usr/local/bin', ['docker-entrypoint.sh', 'gosu']);
      set('/usr/sbin', ['mysqld']);
      set('/usr/bin', ['mysql', 'mysqladmin', 'mysqldump', 'mysqlsh']);
      roots.push('docker-entrypoint-initdb.d');
      break;
  }
}
