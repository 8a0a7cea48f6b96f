import programsData from '../data/programs.json';
import type { BaseFamily } from '../Registry';
import type { FileEntry } from './Program';
import { imageLayout } from './imageLayout';
import type { ImageLayout } from './imageLayout';
import { nginxIndexPage } from './nginxFacts';
import { osRelease } from './osRelease';

/** A read-only view of a container's files, as its programs see them. */
export interface RootFs {
  /**
   * The entry at `path` (absolute). Symlinked directories on the way are
   * followed (`/bin/ls` is `/usr/bin/ls` on Debian); the last component is
   * not, as lstat(2): a symlink comes back as `{ type: 'symlink', target }`.
   */
  readFile(path: string): FileEntry | undefined;
  /** The names in a directory, sorted as `ls` sorts them in the C locale; undefined if not a directory. */
  readDir(path: string): string[] | undefined;
}

export interface RootFsOptions {
  /** The container's hostname, for /etc/hostname and /etc/hosts. */
  hostname: string;
  /** The container's environment (not used for files yet; kept for the layered filesystem to come). */
  env: readonly string[];
  /** The container's address on its network, for its /etc/hosts line; none when '' or absent. */
  ipAddress?: string;
}

/**
 * A small read-only view of a container's root filesystem: the top-level
 * directories of its image family, the files docker writes into every
 * container (/etc/hostname, /etc/hosts, /.dockerenv), /etc/os-release, the
 * image's programs where findProgram finds them, nginx's default files in
 * nginx images and /hello in hello-world. Not simulated: everything else
 * (a later piece of work replaces this with real layered file trees).
 */
export function buildRootFs(family: BaseFamily, imageReference: string, options: RootFsOptions): RootFs {
  const layout = imageLayout(family, imageReference);
  const tree = new FileTree();
  for (const directory of layout.rootDirectories) tree.add(`/${directory}`, DIRECTORY);
  for (const [link, target] of layout.directoryLinks) tree.add(link, { type: 'symlink', target: target.slice(1), mode: 0o777 });
  for (const [path] of layout.executables) {
    const link = layout.executableLinks.get(path);
    tree.add(path, link !== undefined ? { type: 'symlink', target: link, mode: 0o777 } : { type: 'file', mode: 0o755 });
  }
  if (family !== 'scratch') {
    for (const directory of ['/root', '/tmp', '/home', '/var', '/usr/local', '/usr/local/bin', '/usr/bin', '/usr/sbin']) {
      if (!tree.has(directory)) tree.add(directory, DIRECTORY);
    }
  }

  // What docker itself puts into every container.
  tree.add('/.dockerenv', { type: 'file', content: '', mode: 0o755 });
  tree.add('/etc/hostname', { type: 'file', content: `${options.hostname}\n`, mode: 0o644 });
  tree.add('/etc/hosts', { type: 'file', content: etcHosts(options.hostname, options.ipAddress ?? ''), mode: 0o644 });

  const release = osRelease(layout.facts.distribution);
  if (release !== undefined) {
    if (family === 'alpine' || family === 'debian' || family === 'ubuntu') {
      // These ship it in /usr/lib with /etc/os-release a relative symlink.
      tree.add('/usr/lib/os-release', { type: 'file', content: release, mode: 0o644 });
      tree.add('/etc/os-release', { type: 'symlink', target: '../usr/lib/os-release', mode: 0o777 });
    } else {
      tree.add('/etc/os-release', { type: 'file', content: release, mode: 0o644 });
    }
  }
  const distribution = layout.facts.distribution;
  if (distribution.id === 'alpine') tree.add('/etc/alpine-release', { type: 'file', content: `${distribution.version}\n`, mode: 0o644 });

  if (layout.facts.repository === 'hello-world') tree.add('/hello', { type: 'file', mode: 0o775 });
  if (layout.facts.repository === 'nginx') addNginxFiles(tree, layout);
  return { readFile: (path) => tree.get(path), readDir: (path) => tree.list(path) };
}

/** /etc/hosts as libnetwork writes it (etchosts.Build: IPv4 and IPv6 defaults, then the container's own line). */
function etcHosts(hostname: string, ipAddress: string): string {
  let text = '127.0.0.1\tlocalhost\n'
    + '::1\tlocalhost ip6-localhost ip6-loopback\n'
    + 'fe00::\tip6-localnet\n'
    + 'ff00::\tip6-mcastprefix\n'
    + 'ff02::1\tip6-allnodes\n'
    + 'ff02::2\tip6-allrouters\n';
  if (ipAddress) text += `${ipAddress}\t${hostname}\n`;
  return text;
}

function addNginxFiles(tree: FileTree, layout: ImageLayout): void {
  const files = programsData.nginx.files;
  tree.add('/usr/share/nginx/html/index.html', { type: 'file', content: nginxIndexPage(layout.facts).content, mode: 0o644 });
  tree.add('/usr/share/nginx/html/50x.html', { type: 'file', content: files['/usr/share/nginx/html/50x.html'].all.content, mode: 0o644 });
  // The packaged default.conf: the entrypoint's IPv6 edit happens in the container's own layer, at its first start.
  tree.add('/etc/nginx/conf.d/default.conf', { type: 'file', content: files['/etc/nginx/conf.d/default.conf'].content, mode: 0o644 });
  tree.add('/etc/nginx/nginx.conf', { type: 'file', content: files['/etc/nginx/nginx.conf'].content, mode: 0o644 });
  for (const script of ['10-listen-on-ipv6-by-default.sh', '15-local-resolvers.envsh', '20-envsubst-on-templates.sh', '30-tune-worker-processes.sh']) {
    tree.add(`/docker-entrypoint.d/${script}`, { type: 'file', mode: 0o775 });
  }
  tree.add('/var/log/nginx/access.log', { type: 'symlink', target: '/dev/stdout', mode: 0o777 });
  tree.add('/var/log/nginx/error.log', { type: 'symlink', target: '/dev/stderr', mode: 0o777 });
}

const DIRECTORY: FileEntry = { type: 'dir', mode: 0o755 };

/** Paths → entries, with parent directories made on the way. */
class FileTree {
  private readonly entries = new Map<string, FileEntry>([['/', DIRECTORY]]);
  private readonly children = new Map<string, Set<string>>([['/', new Set()]]);

  has(path: string): boolean {
    return this.entries.has(path);
  }

  add(path: string, entry: FileEntry): void {
    const slash = path.lastIndexOf('/');
    const parent = slash <= 0 ? '/' : path.slice(0, slash);
    if (!this.entries.has(parent)) this.add(parent, DIRECTORY);
    this.entries.set(path, entry);
    this.children.get(parent)?.add(path.slice(slash + 1));
    if (entry.type === 'dir' && !this.children.has(path)) this.children.set(path, new Set());
  }

  get(path: string): FileEntry | undefined {
    return this.entries.get(this.canonical(path));
  }

  list(path: string): string[] | undefined {
    let canonical = this.canonical(path);
    // readDir follows a symlinked directory itself too (opendir does).
    const entry = this.entries.get(canonical);
    if (entry?.type === 'symlink') canonical = this.canonical(resolveLink(canonical, entry.target ?? ''));
    const names = this.children.get(canonical);
    return names ? [...names].sort(byteOrder) : undefined;
  }

  /** The path with symlinked directories before its last component resolved. */
  private canonical(path: string): string {
    const normalized = normalize(path);
    if (normalized === '/') return '/';
    const slash = normalized.lastIndexOf('/');
    let parent = slash <= 0 ? '/' : normalized.slice(0, slash);
    const name = normalized.slice(slash + 1);
    if (parent !== '/') {
      parent = this.canonical(parent);
      const parentEntry = this.entries.get(parent);
      if (parentEntry?.type === 'symlink') parent = this.canonical(resolveLink(parent, parentEntry.target ?? ''));
    }
    return parent === '/' ? `/${name}` : `${parent}/${name}`;
  }
}

function resolveLink(linkPath: string, target: string): string {
  if (target.startsWith('/')) return normalize(target);
  const directory = linkPath.slice(0, linkPath.lastIndexOf('/')) || '/';
  return normalize(`${directory}/${target}`);
}

function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
