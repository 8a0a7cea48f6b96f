import catalog from './alpinePackages.json';
import { imageFacts } from './ImageFacts';
import { notSimulatedMessage } from './notSimulated';
import type { ProcessContext, Program } from './Program';
import { installPackageFiles, removePackageFiles } from './packageFiles';
import type { PackageFile } from './packageFiles';

interface AlpinePackage {
  version: string;
  size: number;
  files: PackageFile[];
  postInstall?: boolean;
}

const PACKAGES = catalog.packages as unknown as Readonly<Record<string, AlpinePackage>>;
const PLANS = catalog.plans as Readonly<Record<string, readonly string[]>>;
const BASE = catalog.base as Readonly<Record<string, number>>;
const INSTALLED_DB = '/lib/apk/db/installed';
const WORLD = '/etc/apk/world';
const CACHE = '/var/cache/apk';

/**
 * apk-tools 3 (Alpine's package manager) for a few packages (curl, vim,
 * nano, git, bash and what they depend on): `apk add`, `apk del`,
 * `apk update`. It writes what apk writes — the programs and libraries, the
 * database (/lib/apk/db/installed, /etc/apk/world) and, without
 * `--no-cache`, the repository indexes in /var/cache/apk — so `docker diff`
 * and `docker commit` see the installation.
 *
 * Output as apk 3.0 prints it (src/commit.c): `(1/9) Installing name
 * (version)`, the triggers it runs, `OK: 12.4 MiB in 25 packages` (size
 * in apk_fmt_human_size's form). apk 3 shows `fetch URL` only as a progress
 * note on a terminal, which it erases again; without one nothing. An
 * unknown name fails as the solver reports it, with the count of errors as
 * the status. Everything else apk does is not simulated.
 */
export const apk: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const options = new Set(args.filter((arg) => arg.startsWith('-')));
  const words = args.filter((arg) => !arg.startsWith('-'));
  const command = words[0];
  const known = new Set(['--no-cache', '--update', '-U', '--quiet', '-q', '--no-progress', '--progress', '--verbose', '-v']);
  const unknown = [...options].find((option) => !known.has(option));
  if (command === undefined || unknown !== undefined || !['add', 'del', 'update'].includes(command)) {
    ctx.stderr(notSimulatedMessage(`apk ${args.join(' ')}`.trim()));
    return 1;
  }
  const state = new ApkState(ctx, options);
  if (command === 'update') return state.update();
  if (command === 'del') return state.remove(words.slice(1));
  return state.add(words.slice(1));
};

class ApkState {
  private readonly quiet: boolean;
  private readonly branch: string;

  constructor(private readonly ctx: ProcessContext, private readonly options: ReadonlySet<string>) {
    this.quiet = options.has('-q') || options.has('--quiet');
    const facts = imageFacts(ctx.family, ctx.imageReference);
    const version = facts.distribution.id === 'alpine' ? facts.distribution.version : '3.24.2';
    this.branch = `v${version.split('.').slice(0, 2).join('.')}`;
  }

  /** The repositories of /etc/apk/repositories (the image's two). */
  private get repositories(): string[] {
    return ['main', 'community'].map((name) => `https://dl-cdn.alpinelinux.org/alpine/${this.branch}/${name}`);
  }

  /** The packages installed beyond the image's own, as apk's database lists them. */
  private installed(): Set<string> {
    const text = this.ctx.readFile(INSTALLED_DB)?.content ?? '';
    return new Set([...text.matchAll(/^P:(.+)$/gm)].map((match) => match[1]));
  }

  private world(): string[] {
    return (this.ctx.readFile(WORLD)?.content ?? '').split(/\s+/).filter(Boolean);
  }

  async update(): Promise<number> {
    this.fetchIndexes(true);
    if (!this.quiet) {
      // apk 3 names each index by its description (the aports commit it was built from) and URL.
      for (const url of this.repositories) this.ctx.stdout(`${this.branch}.0-0-g0000000000 [${url}]\n`);
      this.ctx.stdout(`OK: ${url2count(this.branch)} distinct packages available\n`);
    }
    return 0;
  }

  async add(names: readonly string[]): Promise<number> {
    if (names.length === 0) {
      ctx2usage(this.ctx);
      return 1;
    }
    this.fetchIndexes(this.options.has('--update') || this.options.has('-U'));
    const missing = names.filter((name) => !PLANS[name] && !PACKAGES[name] && !BASE[name]);
    if (missing.length) {
      // The solver's report (src/commit.c): each name that cannot be had, and who asked for it.
      this.ctx.stderr('ERROR: unable to select packages:\n');
      for (const name of missing) this.ctx.stderr(`  ${name} (no such package):\n    required by: world[${name}]\n`);
      return Math.min(99, missing.length);
    }
    const installed = this.installed();
    const plan: string[] = [];
    for (const name of names) {
      for (const item of PLANS[name] ?? [name]) {
        if (!BASE[item] && !installed.has(item) && !plan.includes(item)) plan.push(item);
      }
    }
    let touchedPrograms = false;
    plan.forEach((name, index) => {
      const entry = PACKAGES[name];
      if (!this.quiet) this.ctx.stdout(`(${String(index + 1).padStart(String(plan.length).length)}/${plan.length}) Installing ${name} (${entry.version})\n`);
      installPackageFiles(this.ctx, entry.files);
      if (entry.files.some(([path]) => /^\/(usr\/)?s?bin\//.test(path))) touchedPrograms = true;
      this.ctx.writeFile(INSTALLED_DB, databaseEntry(name, entry), { append: true });
      if (entry.postInstall && !this.quiet) this.ctx.stdout(`Executing ${name}-${entry.version}.post-install\n`);
    });
    const world = [...new Set([...this.world(), ...names])].sort();
    this.ctx.writeFile(WORLD, `${world.join('\n')}\n`);
    if (touchedPrograms) {
      // busybox's trigger watches the program directories, to make or drop its applet links.
      if (!this.quiet) this.ctx.stdout(`Executing ${catalog.busyboxTrigger}\n`);
      this.ctx.writeFile('/lib/apk/db/triggers', `Q1busybox= /bin /usr/bin /sbin /usr/sbin /lib/modules/*\n`);
    }
    this.finish();
    return 0;
  }

  async remove(names: readonly string[]): Promise<number> {
    const installed = this.installed();
    const world = this.world();
    const missing = names.filter((name) => !world.includes(name));
    if (missing.length) {
      for (const name of missing) this.ctx.stderr(`WARNING: ${name}: not installed\n`);
    }
    const keep = world.filter((name) => !names.includes(name));
    const needed = new Set(keep.flatMap((name) => PLANS[name] ?? [name]));
    const purge = [...installed].filter((name) => !needed.has(name)).reverse();
    purge.forEach((name, index) => {
      const entry = PACKAGES[name];
      if (!entry) return;
      if (!this.quiet) this.ctx.stdout(`(${String(index + 1).padStart(String(purge.length).length)}/${purge.length}) Purging ${name} (${entry.version})\n`);
      removePackageFiles(this.ctx, entry.files);
    });
    const text = this.ctx.readFile(INSTALLED_DB)?.content ?? '';
    const stanzas = text.split('\n\n').filter((stanza) => stanza.trim() && !purge.includes(/^P:(.+)$/m.exec(stanza)?.[1] ?? ''));
    this.ctx.writeFile(INSTALLED_DB, stanzas.map((stanza) => `${stanza.trim()}\n\n`).join(''));
    this.ctx.writeFile(WORLD, keep.length ? `${keep.join('\n')}\n` : '');
    this.finish();
    return 0;
  }

  /** `OK: 12.4 MiB in 25 packages`: what is installed now, in apk_fmt_human_size's units. */
  private finish(): void {
    if (this.quiet) return;
    const installed = this.installed();
    let bytes = Object.values(BASE).reduce((sum, size) => sum + size, 0);
    for (const name of installed) bytes += PACKAGES[name]?.size ?? 0;
    const count = Object.keys(BASE).length + installed.size;
    this.ctx.stdout(`OK: ${humanSize(bytes)} in ${count} packages\n`);
  }

  /**
   * The indexes apk needs: fetched when not in the cache (or with `--update`),
   * kept in /var/cache/apk unless `--no-cache`. On a terminal apk shows each
   * fetch as a progress note, drawn and erased in place.
   */
  private fetchIndexes(force: boolean): void {
    const noCache = this.options.has('--no-cache');
    for (const url of this.repositories) {
      const cached = `${CACHE}/APKINDEX.${hashOf(url)}.tar.gz`;
      if (!force && !noCache && this.ctx.readFile(cached)) continue;
      if (this.ctx.tty && !this.quiet && !this.options.has('--no-progress')) {
        this.ctx.stdout(`\x1b7[fetch ${url}/x86_64/APKINDEX.tar.gz]\x1b8\x1b[0K`);
      }
      if (!noCache) this.ctx.writeFile(cached, '');
    }
  }
}

/** apk with no package names: its usage of `add` (not simulated beyond saying so). */
function ctx2usage(ctx: ProcessContext): void {
  ctx.stderr(notSimulatedMessage('apk add without package names'));
}

/** The number of packages an index lists: a fixed figure per branch (the lab has no real index). */
function url2count(branch: string): number {
  return 25000 + (hashOf(branch).charCodeAt(0) % 10) * 100;
}

/** The stanza apk writes for a package in /lib/apk/db/installed. */
function databaseEntry(name: string, entry: AlpinePackage): string {
  const lines = [`P:${name}`, `V:${entry.version}`, 'A:x86_64', `S:${Math.round(entry.size / 3)}`, `I:${entry.size}`];
  const directories = new Map<string, string[]>();
  for (const [path] of entry.files) {
    const slash = path.lastIndexOf('/');
    const directory = path.slice(1, slash);
    directories.set(directory, [...directories.get(directory) ?? [], path.slice(slash + 1)]);
  }
  for (const [directory, files] of directories) {
    lines.push(`F:${directory}`);
    for (const file of files) lines.push(`R:${file}`);
  }
  return `${lines.join('\n')}\n\n`;
}

/** apk_fmt_human_size(…, 1): whole units below 10000 of the unit before MiB, one decimal from MiB up. */
function humanSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let whole = bytes;
  let unit = 0;
  while (unit < units.length - 1 && value >= 10000) {
    value /= 1024;
    whole = Math.floor(whole / 1024);
    unit++;
  }
  return unit < 2 ? `${whole} ${units[unit]}` : `${value.toFixed(1)} ${units[unit]}`;
}

/** A short stable hash (FNV-1a), as apk names cached indexes by their URL's checksum. */
function hashOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
