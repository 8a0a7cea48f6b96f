import programsData from '../data/programs.json';
import type { BaseFamily, RemoteImage } from '../Registry';
import { OFFICIAL_IMAGES } from '../Registry';
import { imageFacts, officialImage } from '../programs/ImageFacts';
import { imageLayout } from '../programs/imageLayout';
import type { ImageLayout } from '../programs/imageLayout';
import { nginxIndexPage } from '../programs/nginxFacts';
import { osRelease } from '../programs/osRelease';
import { seededRandom } from '../util/seededRandom';
import { baseFileList } from './baseFileLists';
import type { LayerChanges, LayerEntry } from './overlay';
import { normalizePath, parentOf } from './overlay';

/**
 * The files of an official image's layer, known by the layer's blob digest.
 *
 * Base layers come from real file lists where the lab has one
 * (debian:bookworm-slim's for every Debian-based image, Alpine's minirootfs
 * for Alpine ones); other bases (Ubuntu, BusyBox, Oracle Linux, scratch) are
 * built from the programs the lab knows they hold. Layers above follow from
 * the instruction that made them: `COPY x /dir/` adds that file, a
 * `RUN … apt-get install …` adds the image's programs, its configuration and
 * libraries filling the layer's size, `mkdir` adds directories. Files
 * learners read (`/etc/os-release`, nginx's `index.html` and `default.conf`)
 * have their real text; the rest have sizes but no text. Generated the same
 * way every time (seeded by the digest) and cached.
 */
export function officialLayerFiles(digest: string): LayerChanges | undefined {
  let files = cache.get(digest);
  if (!files) {
    const found = findLayer(digest);
    if (!found) return undefined;
    files = found.index === 0 ? baseLayer(found.image, found.size) : upperLayer(found.image, found.index, found.size);
    cache.set(digest, files);
  }
  return files;
}

const cache = new Map<string, LayerChanges>();

/** The image each family's containers fall back to when the reference is not an official image. */
const FAMILY_IMAGES: Readonly<Record<BaseFamily, string>> = {
  alpine: 'alpine:latest',
  busybox: 'busybox:latest',
  debian: 'debian:bookworm-slim',
  ubuntu: 'ubuntu:latest',
  oraclelinux: 'mysql:latest',
  scratch: 'hello-world:latest',
};

/**
 * The layers of an official image by reference (ID, name, digest), bottom
 * first; for a reference the lab does not know, its family's base layer.
 */
export function officialImageLayers(family: BaseFamily, imageReference: string): LayerChanges[] {
  const image = officialImage(imageReference) ?? officialImage(FAMILY_IMAGES[family]);
  if (!image) return [];
  const layers = image === officialImage(imageReference) ? image.layers : image.layers.slice(0, 1);
  return layers.map((layer) => officialLayerFiles(layer.digest) ?? new Map());
}

function findLayer(digest: string): { image: RemoteImage; index: number; size: number } | undefined {
  for (const image of OFFICIAL_IMAGES.all()) {
    const index = image.layers.findIndex((layer) => layer.digest === digest);
    if (index >= 0) return { image, index, size: image.layers[index].size };
  }
  return undefined;
}

/** The instruction that made layer `index` (history entries without a layer skipped). */
function instructionOf(image: RemoteImage, index: number): string {
  return image.history.filter((entry) => !entry.emptyLayer)[index]?.createdBy ?? '';
}

// ---------------------------------------------------------------- base layers

function baseLayer(image: RemoteImage, size: number): LayerChanges {
  const layer = new LayerBuilder(image.layers[0].digest);
  const facts = imageFacts(image.family, image.imageId);
  const family = imageLayout(image.family, '');
  switch (image.family) {
    case 'scratch':
      // hello-world: one static binary, nothing else.
      layer.file('/hello', { mode: 0o775, size });
      return layer.done();
    case 'debian':
      // Trixie-based images get bookworm's list: the closest real list the lab has.
      layer.merge(baseFileList('debian-bookworm-slim'));
      // What debootstrap makes that no package owns, so the list does not have it.
      for (const directory of family.rootDirectories) layer.dir(`/${directory}`);
      for (const file of ['/etc/passwd', '/etc/group', '/etc/shadow', '/etc/gshadow', '/var/lib/dpkg/status', '/etc/apt/sources.list.d/debian.sources']) {
        layer.file(file, { mode: file.endsWith('shadow') ? 0o640 : 0o644, size: SMALL_FILES[file] });
      }
      break;
    case 'alpine':
      layer.merge(alpineBase());
      for (const [path, target] of family.executableLinks) layer.symlinkIfMissing(path, target);
      for (const directory of family.rootDirectories) layer.dir(`/${directory}`);
      break;
    default:
      addLayout(layer, family);
  }
  const release = osRelease(facts.distribution);
  if (release !== undefined) {
    if (image.family === 'oraclelinux') layer.file('/etc/os-release', { mode: 0o644, content: release });
    else {
      layer.file('/usr/lib/os-release', { mode: 0o644, content: release });
      layer.symlink('/etc/os-release', '../usr/lib/os-release');
    }
  }
  if (facts.distribution.id === 'alpine') layer.file('/etc/alpine-release', { mode: 0o644, content: `${facts.distribution.version}\n` });
  layer.fill(size, '/usr/lib');
  return layer.done();
}

/**
 * Alpine's minirootfs from the apk database, made whole: the database is
 * an aarch64 one (the lab's images are x86_64) and records no link targets,
 * so the links get the targets Alpine's packages give them.
 */
function alpineBase(): LayerChanges {
  const files = new Map<string, LayerEntry>();
  for (const [rawPath, entry] of baseFileList('alpine-minirootfs-3.23')) {
    const path = rawPath.startsWith('/lib/') ? rawPath.replace(/aarch64/g, 'x86_64') : rawPath;
    if (entry.kind !== 'symlink' || entry.target !== '') {
      files.set(path, entry);
      continue;
    }
    const target = ALPINE_LINKS[path] ?? (path.startsWith('/usr/share/apk/keys/') ? `../../../../etc/apk/keys/${path.slice(path.lastIndexOf('/') + 1)}` : undefined);
    if (target !== undefined) files.set(path, { kind: 'symlink', target });
  }
  return files;
}

/** Targets of the minirootfs's links, as Alpine's packages make them. */
const ALPINE_LINKS: Readonly<Record<string, string>> = {
  '/bin/sh': '/bin/busybox',
  '/etc/mtab': '../proc/mounts',
  '/etc/os-release': '../usr/lib/os-release',
  '/etc/ssl/cert.pem': 'certs/ca-certificates.crt',
  '/etc/ssl1.1/cert.pem': '../ssl/cert.pem',
  '/etc/ssl1.1/certs': '../ssl/certs',
  '/lib/libc.musl-x86_64.so.1': 'ld-musl-x86_64.so.1',
  '/usr/lib/libz.so.1': 'libz.so.1.3.2',
  '/var/lock': '../run/lock',
  '/var/run': '../run',
  '/var/spool/cron/crontabs': '../../../etc/crontabs',
  '/var/spool/mail': '../mail',
};

/** A base the lab has no file list for: its top-level directories and the programs it knows. */
function addLayout(layer: LayerBuilder, layout: ImageLayout): void {
  for (const directory of layout.rootDirectories) layer.dir(`/${directory}`);
  for (const [link, target] of layout.directoryLinks) layer.symlink(link, target.slice(1));
  for (const [path] of layout.executables) {
    const target = layout.executableLinks.get(path);
    if (target !== undefined) layer.symlink(path, target);
    else layer.file(path, { mode: 0o755 });
  }
  for (const directory of ['/etc', '/root', '/tmp', '/home', '/var', '/usr/local/bin']) layer.dir(directory);
  layer.file('/etc/passwd', { mode: 0o644 });
  layer.file('/etc/group', { mode: 0o644 });
}

// ---------------------------------------------------------------- layers above the base

function upperLayer(image: RemoteImage, index: number, size: number): LayerChanges {
  const layer = new LayerBuilder(image.layers[index].digest);
  const instruction = instructionOf(image, index).replace(/^# ARGS:[^\n]*\n/, '');
  const copy = /^(?:COPY|ADD) (?:--\S+ )*(.+?)(?: # buildkit)?$/.exec(instruction);
  if (copy) {
    // COPY into a directory the layers below made (`COPY x.sh /docker-entrypoint.d`) puts the file inside it.
    const isDirectoryBelow = (path: string) => image.layers.slice(0, index).some((below) => officialLayerFiles(below.digest)?.get(path)?.kind === 'dir');
    addCopied(layer, copy[1], size, isDirectoryBelow);
    return layer.done();
  }
  const facts = imageFacts(image.family, image.imageId);
  if (index === installLayerIndex(image)) {
    // The step that installs the image's software: its programs, configuration and libraries.
    const base = imageLayout(image.family, '');
    const own = imageLayout(image.family, image.imageId);
    for (const [path, key] of own.executables) {
      if (base.executables.has(path)) continue;
      const canonical = canonicalDirectory(own, parentOf(path));
      if (key === 'docker-entrypoint.sh' && path === '/docker-entrypoint.sh') continue;
      layer.file(`${canonical === '/' ? '' : canonical}/${path.slice(path.lastIndexOf('/') + 1)}`, { mode: 0o755 });
    }
    for (const directory of own.rootDirectories) if (!base.rootDirectories.includes(directory) && directory !== 'docker-entrypoint.d') layer.dir(`/${directory}`);
    if (facts.repository === 'nginx') addNginxPackage(layer, image);
    if (/\b(?:useradd|adduser|groupadd|addgroup)\b/.test(instruction)) {
      for (const file of ['/etc/passwd', '/etc/group', '/etc/shadow', '/etc/gshadow']) layer.file(file, { mode: file.endsWith('shadow') ? 0o640 : 0o644, size: SMALL_FILES[file] + 48 });
    }
    if (/\bapt-get\b/.test(instruction)) layer.file('/var/lib/dpkg/status', { mode: 0o644, size: SMALL_FILES['/var/lib/dpkg/status'] + 21_504 });
    if (/\bapk add\b/.test(instruction)) layer.file('/lib/apk/db/installed', { mode: 0o644, size: 24_576 });
    layer.fill(size, image.family === 'alpine' ? '/usr/lib' : '/usr/lib/x86_64-linux-gnu');
    return layer.done();
  }
  for (const match of instruction.matchAll(/\bmkdir (?:-p )?((?:\/[\w.@/-]+\s*)+)/g)) {
    for (const path of match[1].trim().split(/\s+/)) layer.dir(normalizePath(path));
  }
  if (/\b(?:useradd|adduser|groupadd|addgroup)\b/.test(instruction)) {
    for (const file of ['/etc/passwd', '/etc/group']) layer.file(file, { mode: 0o644, size: SMALL_FILES[file] + 48 });
  }
  // A step that only made directories or accounts weighs their metadata: nothing to fill.
  if (!layer.isEmpty && size < 65_536) return layer.done();
  if (layer.isEmpty) {
    // A step the lab does not know: its bytes under the first directory it names.
    const mentioned = /\s(\/(?:usr|etc|opt|var|srv)\/[\w.@-]+)/.exec(instruction)?.[1];
    layer.fill(size, mentioned ?? '/usr/local/lib');
  } else {
    layer.fill(size, '/usr/local/lib');
  }
  return layer.done();
}

/** The biggest RUN layer above the base: where an official image installs its software. */
function installLayerIndex(image: RemoteImage): number {
  let best = -1;
  for (let index = 1; index < image.layers.length; index++) {
    if (!/(^|\n)RUN /.test(instructionOf(image, index))) continue;
    if (best < 0 || image.layers[index].size > image.layers[best].size) best = index;
  }
  return best;
}

/** `/bin/x` → `/usr/bin/x` where /bin is a symlinked directory. */
function canonicalDirectory(layout: ImageLayout, directory: string): string {
  for (const [link, target] of layout.directoryLinks) {
    if (directory === link || directory.startsWith(`${link}/`)) return target + directory.slice(link.length);
  }
  return directory;
}

/** `COPY a b /dest/` and `COPY x /file`: the files land where COPY puts them. */
function addCopied(layer: LayerBuilder, operands: string, size: number, isDirectoryBelow: (path: string) => boolean): void {
  const words = operands.split(/\s+/).filter((word) => word !== '');
  if (words.length < 2) return;
  const destination = words[words.length - 1];
  const sources = words.slice(0, -1).filter((word) => !word.startsWith('file:') && !word.includes('*'));
  const names = sources.map((source) => source.slice(source.lastIndexOf('/') + 1));
  const toDirectory = destination.endsWith('/') || names.length > 1 || isDirectoryBelow(normalizePath(destination));
  const each = Math.max(1, Math.floor(size / Math.max(1, names.length)));
  for (const name of names) {
    const path = normalizePath(toDirectory ? `${destination}/${name}` : destination);
    if (path === '/') continue;
    layer.dir(parentOf(path));
    layer.file(path, { mode: /\.(?:sh|envsh)$/.test(name) || !name.includes('.') ? 0o775 : 0o644, size: each });
  }
}

/** What the nginx package puts in place, with the texts learners open. */
function addNginxPackage(layer: LayerBuilder, image: RemoteImage): void {
  const files = programsData.nginx.files;
  const facts = imageFacts(image.family, image.imageId);
  layer.file('/usr/share/nginx/html/index.html', { mode: 0o644, content: nginxIndexPage(facts).content });
  layer.file('/usr/share/nginx/html/50x.html', { mode: 0o644, content: files['/usr/share/nginx/html/50x.html'].all.content });
  layer.file('/etc/nginx/conf.d/default.conf', { mode: 0o644, content: files['/etc/nginx/conf.d/default.conf'].content });
  layer.file('/etc/nginx/nginx.conf', { mode: 0o644, content: files['/etc/nginx/nginx.conf'].content });
  for (const [name, size] of [['fastcgi_params', 1007], ['mime.types', 5349], ['scgi_params', 636], ['uwsgi_params', 664]] as const) layer.file(`/etc/nginx/${name}`, { mode: 0o644, size });
  layer.symlink('/etc/nginx/modules', '../../usr/lib/nginx/modules');
  for (const module of ['ngx_http_geoip_module', 'ngx_http_image_filter_module', 'ngx_http_js_module', 'ngx_http_xslt_filter_module', 'ngx_stream_geoip_module', 'ngx_stream_js_module']) {
    layer.file(`/usr/lib/nginx/modules/${module}.so`, { mode: 0o644 });
  }
  layer.dir('/var/cache/nginx');
  layer.dir('/var/log/nginx');
  // The image's Dockerfile sends the logs to docker: `ln -sf /dev/stdout /var/log/nginx/access.log`.
  layer.symlink('/var/log/nginx/access.log', '/dev/stdout');
  layer.symlink('/var/log/nginx/error.log', '/dev/stderr');
  layer.dir('/docker-entrypoint.d');
}

/** Sizes of the small system files the base lists lack (debian:bookworm-slim's), which later steps rewrite. */
const SMALL_FILES: Readonly<Record<string, number>> = {
  '/etc/passwd': 922,
  '/etc/group': 446,
  '/etc/shadow': 501,
  '/etc/gshadow': 374,
  '/var/lib/dpkg/status': 68_845,
  '/etc/apt/sources.list.d/debian.sources': 202,
};

// ---------------------------------------------------------------- building a layer

/** Library names the filler files take, so a generated layer reads like a real one. */
const LIBRARY_NAMES = [
  'libcrypto', 'libssl', 'libpcre2-8', 'libxml2', 'libxslt', 'libexslt', 'libgd', 'libGeoIP', 'libz', 'libzstd',
  'liblzma', 'libbz2', 'libffi', 'libgmp', 'libicuuc', 'libicudata', 'libjpeg', 'libpng16', 'libtiff', 'libwebp',
  'libfreetype', 'libfontconfig', 'libexpat', 'libsqlite3', 'libreadline', 'libncursesw', 'libedit', 'libgnutls',
  'libnettle', 'libhogweed', 'libidn2', 'libunistring', 'libtasn1', 'libp11-kit', 'libsasl2', 'libldap', 'libkrb5',
  'libgssapi_krb5', 'libk5crypto', 'libcom_err', 'libkeyutils', 'libcurl', 'libnghttp2', 'libpsl', 'librtmp',
  'libssh2', 'libbrotlicommon', 'libbrotlidec', 'libuuid', 'libblkid',
];

/** A layer under construction: entries with their parent directories, sizes filled to a total at the end. */
class LayerBuilder {
  private readonly entries = new Map<string, LayerEntry>();
  private readonly seed: number;

  constructor(digest: string) {
    this.seed = parseInt(digest.replace(/^sha256:/, '').slice(0, 8), 16) || 1;
  }

  get isEmpty(): boolean {
    return this.entries.size === 0;
  }

  merge(changes: LayerChanges): void {
    for (const [path, entry] of changes) this.entries.set(path, entry);
  }

  dir(path: string): void {
    if (path === '/' || this.entries.get(path)?.kind === 'dir') return;
    this.dir(parentOf(path));
    this.entries.set(path, { kind: 'dir', mode: 0o755 });
  }

  file(path: string, options: { mode: number; size?: number; content?: string }): void {
    this.dir(parentOf(path));
    const size = options.content !== undefined ? new TextEncoder().encode(options.content).length : options.size ?? 0;
    this.entries.set(path, options.content !== undefined ? { kind: 'file', mode: options.mode, size, content: options.content } : { kind: 'file', mode: options.mode, size });
  }

  symlink(path: string, target: string): void {
    this.dir(parentOf(path));
    this.entries.set(path, { kind: 'symlink', target });
  }

  symlinkIfMissing(path: string, target: string): void {
    if (!this.entries.has(path)) this.symlink(path, target);
  }

  /**
   * Gives the files that have no size yet a share of what is left of
   * `total`, and when even that leaves bytes over, libraries under
   * `directory` holding them: the layer then weighs what the registry says.
   */
  fill(total: number, directory: string): void {
    const random = seededRandom(this.seed);
    let known = 0;
    const unsized: string[] = [];
    for (const [path, entry] of this.entries) {
      if (entry.kind !== 'file') continue;
      if (entry.size > 0 || entry.content !== undefined) known += entry.size;
      else unsized.push(path);
    }
    let left = Math.max(0, total - known);
    if (left === 0) return;
    const share = (paths: readonly string[], bytes: number) => {
      const weights = paths.map(() => 0.05 + random() ** 3);
      const sum = weights.reduce((a, b) => a + b, 0);
      let given = 0;
      paths.forEach((path, i) => {
        const entry = this.entries.get(path) as Extract<LayerEntry, { kind: 'file' }>;
        const size = i === paths.length - 1 ? bytes - given : Math.floor((bytes * weights[i]) / sum);
        given += size;
        this.entries.set(path, { kind: 'file', mode: entry.mode, size });
      });
    };
    if (unsized.length > 0 && (left < 4096 * unsized.length * 4 || unsized.length > 200)) {
      share(unsized, left);
      return;
    }
    // A few programs and many libraries: the programs take a part, libraries the rest.
    if (unsized.length > 0) {
      const forPrograms = Math.floor(left * 0.25);
      share(unsized, forPrograms);
      left -= forPrograms;
    }
    const count = Math.max(1, Math.min(LIBRARY_NAMES.length, Math.round(left / 400_000)));
    const start = Math.floor(random() * LIBRARY_NAMES.length);
    const libraries: string[] = [];
    for (let i = 0; i < count; i++) {
      const name = LIBRARY_NAMES[(start + i) % LIBRARY_NAMES.length];
      const path = `${directory}/${name}.so.${1 + Math.floor(random() * 3)}`;
      if (this.entries.has(path)) continue;
      this.file(path, { mode: 0o644 });
      libraries.push(path);
    }
    if (libraries.length === 0) return;
    share(libraries, left);
  }

  done(): LayerChanges {
    return this.entries;
  }
}
