import catalog from './debianPackages.json';
import { imageFacts } from './ImageFacts';
import { notSimulatedMessage } from './notSimulated';
import type { ProcessContext, Program } from './Program';
import { installPackageFiles, removePackageFiles } from './packageFiles';
import type { PackageFile } from './packageFiles';
import { strftime } from './strftime';

interface DebianPackage {
  version: string;
  arch: string;
  multiArch: boolean;
  size: number;
  installedSize: number;
  security: boolean;
  suggests: string[];
  files: PackageFile[];
}

interface Plan {
  unpack: string[];
  configure: string[];
  withoutRecommends: string[];
}

const PACKAGES = catalog.packages as unknown as Readonly<Record<string, DebianPackage>>;
const PLANS = catalog.plans as unknown as Readonly<Record<string, Plan>>;
const BASE = catalog.base as Readonly<Record<string, string>>;
const LISTS = '/var/lib/apt/lists';
const STATUS = '/var/lib/dpkg/status';
/** What dpkg counts in a fresh debian:bookworm-slim (its "files and directories currently installed"). */
const BASE_DATABASE_ENTRIES = 6089;

/** One archive the image's sources name: where it is, its suite, and the sizes of what `apt-get update` fetches. */
interface Archive {
  url: string;
  suite: string;
  release: number;
  packages: number;
  /** The file names apt gives the lists it keeps (Acquire::GzipIndexes: lz4), and their sizes. */
  stored: [name: string, size: number][];
}

/**
 * apt-get (and apt) on Debian and Ubuntu images for a few packages (curl,
 * vim, nano, git and what they pull in): `update`, `install`, `remove`.
 * The slim images ship without package lists, so before `apt-get update`
 * every package is one apt cannot locate. The lists, the packages' files,
 * dpkg's database and apt's logs are written into the container, so
 * `docker diff` and `docker commit` see them.
 *
 * The package facts (versions, sizes, dependency and configure orders) are
 * Debian 12's, taken from its archive and apt's own resolution against the
 * bookworm-slim package set (debianPackages.json); trixie and Ubuntu images
 * get the same packages under their own archive names, an approximation.
 * Output is apt 2.6's without a terminal (`Reading package lists...`; with
 * one, each such line ends in ` Done`), and dpkg's unpack and setup lines.
 */
export const aptGet: Program = async (ctx) => {
  const invoked = (ctx.argv[0] ?? 'apt-get').replace(/^.*\//, '');
  const args = ctx.argv.slice(1);
  const words = args.filter((arg) => !arg.startsWith('-'));
  const flags = new Set(args.filter((arg) => arg.startsWith('-')));
  if (invoked === 'apt' && !ctx.tty) ctx.stderr('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n');
  const known = new Set(['-y', '--yes', '--assume-yes', '-q', '-qq', '--quiet', '--no-install-recommends', '--no-install-suggests', '--purge']);
  const unknown = [...flags].find((flag) => !known.has(flag) && !/^-[yq]+$/.test(flag));
  if (unknown !== undefined || !['update', 'install', 'remove', 'purge'].includes(words[0] ?? '')) {
    ctx.stderr(notSimulatedMessage(`${invoked} ${args.join(' ')}`.trim()));
    return 1;
  }
  const apt = new Apt(ctx, flags);
  switch (words[0]) {
    case 'update': return apt.update();
    case 'install': return apt.install(words.slice(1), invoked);
    default: return apt.remove(words.slice(1), words[0] === 'purge' || flags.has('--purge'), invoked);
  }
};

class Apt {
  private readonly archives: Archive[];
  private readonly quiet: number;
  private readonly yes: boolean;

  constructor(private readonly ctx: ProcessContext, private readonly flags: ReadonlySet<string>) {
    this.archives = archivesOf(ctx);
    this.quiet = [...flags].reduce((count, flag) => count + (flag === '-qq' ? 2 : /^-[yq]+$/.test(flag) ? (flag.match(/q/g) ?? []).length : flag === '--quiet' ? 1 : 0), 0);
    // "quiet level 2 implies -y" (apt-get(8)).
    this.yes = this.quiet >= 2 || [...flags].some((flag) => flag === '--yes' || flag === '--assume-yes' || /^-[yq]*y[yq]*$/.test(flag));
  }

  private say(text: string): void {
    if (this.quiet < 2) this.ctx.stdout(text);
  }

  /** apt's progress lines: ` Done` follows on a terminal, where they are redrawn in place. */
  private progress(...lines: string[]): void {
    if (this.quiet > 0) return;
    for (const line of lines) this.ctx.stdout(`${line}...${this.ctx.tty ? ' Done' : ''}\n`);
  }

  private hasLists(): boolean {
    return (this.ctx.readDir(LISTS) ?? []).some((name) => name.endsWith('_Packages.lz4'));
  }

  /** The packages installed beyond the image's own, as dpkg's status lists them. */
  private installed(): Set<string> {
    const text = this.ctx.readFile(STATUS)?.content ?? '';
    const names = new Set<string>();
    for (const stanza of text.split('\n\n')) {
      const name = /^Package: (.+)$/m.exec(stanza)?.[1];
      if (name && /^Status: install ok installed$/m.test(stanza)) names.add(name);
    }
    return names;
  }

  private versionOf(name: string): string | undefined {
    return this.installed().has(name) ? PACKAGES[name]?.version : BASE[name];
  }

  async update(): Promise<number> {
    const fetched = this.hasLists();
    let total = 0;
    let number = 0;
    for (const archive of this.archives) {
      number++;
      if (fetched) this.say(`Hit:${number} ${archive.url} ${archive.suite} InRelease\n`);
      else this.say(`Get:${number} ${archive.url} ${archive.suite} InRelease [${sizeText(archive.release)}B]\n`);
      total += archive.release;
    }
    if (!fetched) {
      for (const archive of this.archives) {
        number++;
        this.say(`Get:${number} ${archive.url} ${archive.suite}/main amd64 Packages [${sizeText(archive.packages)}B]\n`);
        total += archive.packages;
      }
      this.say(`Fetched ${sizeText(total)}B in 1s (${sizeText(total * 0.8)}B/s)\n`);
    }
    if (!this.ctx.readFile(LISTS)) this.ctx.mkdir(LISTS, { parents: true });
    this.ctx.writeFile(`${LISTS}/lock`, '', { mode: 0o640 });
    if (!this.ctx.readFile(`${LISTS}/auxfiles`)) this.ctx.mkdir(`${LISTS}/auxfiles`);
    for (const archive of this.archives) {
      for (const [name, size] of archive.stored) installPackageFiles(this.ctx, [[`${LISTS}/${name}`, 0o644, size]]);
    }
    this.progress('Reading package lists');
    return 0;
  }

  async install(names: readonly string[], invoked: string): Promise<number> {
    this.progress('Reading package lists', 'Building dependency tree', 'Reading state information');
    const lists = this.hasLists();
    const unknown = names.filter((name) => this.versionOf(name) === undefined && (!lists || !PLANS[name]));
    if (unknown.length) {
      for (const name of unknown) this.ctx.stderr(`E: Unable to locate package ${name}\n`);
      return 100;
    }
    const installed = this.installed();
    const has = (name: string) => BASE[name] !== undefined || installed.has(name);
    const recommends = !this.flags.has('--no-install-recommends');
    const unpack: string[] = [];
    const configure: string[] = [];
    for (const name of names) {
      if (has(name)) {
        this.say(`${name} is already the newest version (${this.versionOf(name)}).\n`);
        continue;
      }
      const plan = PLANS[name];
      for (const item of recommends ? plan.unpack : plan.withoutRecommends) if (!has(item) && !unpack.includes(item)) unpack.push(item);
      for (const item of plan.configure) if (unpack.includes(item) && !configure.includes(item)) configure.push(item);
    }
    for (const item of unpack) if (!configure.includes(item)) configure.push(item);
    const newPackages = [...unpack].sort();
    const additional = newPackages.filter((name) => !names.includes(name));
    if (additional.length) this.say(`The following additional packages will be installed:\n${wrapList(additional)}`);
    const suggested = [...new Set(unpack.flatMap((name) => PACKAGES[name].suggests))].filter((name) => !has(name) && !unpack.includes(name)).sort();
    if (suggested.length) this.say(`Suggested packages:\n${wrapList(suggested)}`);
    if (newPackages.length) this.say(`The following NEW packages will be installed:\n${wrapList(newPackages)}`);
    this.say(`0 upgraded, ${newPackages.length} newly installed, 0 to remove and 0 not upgraded.\n`);
    if (unpack.length === 0) return 0;
    const download = unpack.reduce((sum, name) => sum + PACKAGES[name].size, 0);
    const disk = unpack.reduce((sum, name) => sum + PACKAGES[name].installedSize * 1024, 0);
    this.say(`Need to get ${sizeText(download)}B of archives.\n`);
    this.say(`After this operation, ${sizeText(disk)}B of additional disk space will be used.\n`);
    if (additional.length && !this.yes) {
      // apt asks before installing more than was named; with stdin closed (no -i) that is an abort.
      this.ctx.stdout('Do you want to continue? [Y/n] ');
      const answer = await this.ctx.readLine();
      if (answer === null || !/^\s*(y|yes)?\s*$/i.test(answer)) {
        this.ctx.stdout('Abort.\n');
        return 1;
      }
    }
    unpack.forEach((name, index) => {
      const entry = PACKAGES[name];
      const archive = entry.security ? this.archives[2] : this.archives[0];
      const suite = entry.security ? archive.suite : archive.suite;
      this.say(`Get:${index + 1} ${archive.url} ${suite}/main amd64 ${name} ${entry.arch} ${entry.version} [${sizeText(entry.size)}B]\n`);
    });
    // debconf needs apt-utils to preconfigure; the slim images do not have it.
    this.ctx.stderr('debconf: delaying package configuration, since apt-utils is not installed\n');
    this.say(`Fetched ${sizeText(download)}B in 0s (${sizeText(download * 4.2)}B/s)\n`);
    this.unpackAndConfigure(unpack, configure, invoked, names);
    return 0;
  }

  private unpackAndConfigure(unpack: readonly string[], configure: readonly string[], invoked: string, requested: readonly string[]): void {
    const ctx = this.ctx;
    const qualified = (name: string) => (PACKAGES[name].multiArch ? `${name}:amd64` : name);
    const before = this.installed();
    let entries = BASE_DATABASE_ENTRIES + [...before].reduce((sum, name) => sum + (PACKAGES[name]?.files.length ?? 0), 0);
    const log: string[] = [];
    const started = strftime('%Y-%m-%d  %H:%M:%S', ctx.now());
    unpack.forEach((name, index) => {
      const entry = PACKAGES[name];
      this.say(`Selecting previously unselected package ${qualified(name)}.\n`);
      if (index === 0) this.say(`(Reading database ... ${entries} files and directories currently installed.)\n`);
      const file = `${name}_${entry.version.replace(/:/g, '%3a')}_${entry.arch}.deb`;
      this.say(`Preparing to unpack .../${unpack.length > 1 ? `${String(index).padStart(2, '0')}-` : ''}${file} ...\n`);
      this.say(`Unpacking ${qualified(name)} (${entry.version}) ...\n`);
      installPackageFiles(ctx, entry.files);
      entries += entry.files.length;
      ctx.writeFile(`/var/lib/dpkg/info/${qualified(name)}.list`, entry.files.map(([path]) => `${path}\n`).join(''));
    });
    let libraries = false;
    let certificates = false;
    for (const name of configure) {
      const entry = PACKAGES[name];
      this.say(`Setting up ${qualified(name)} (${entry.version}) ...\n`);
      this.say(setupNotes(name, !ctx.env.some((variable) => variable.startsWith('TERM='))));
      registerAlternatives(ctx, name);
      if (entry.files.some(([path]) => /\/lib\/x86_64-linux-gnu\/[^/]+\.so/.test(path))) libraries = true;
      if (name === 'ca-certificates') certificates = true;
      ctx.writeFile(STATUS, statusStanza(name, entry), { append: true });
      log.push(`${qualified(name)} (${entry.version}${requested.includes(name) ? '' : ', automatic'})`);
    }
    if (libraries) {
      this.say(`Processing triggers for libc-bin (${BASE['libc-bin']}) ...\n`);
      ctx.writeFile('/etc/ld.so.cache', '', { append: true });
    }
    if (certificates) {
      this.say(`Processing triggers for ca-certificates (${PACKAGES['ca-certificates'].version}) ...\n`
        + 'Updating certificates in /etc/ssl/certs...\n0 added, 0 removed; done.\nRunning hooks in /etc/ca-certificates/update.d...\ndone.\n');
    }
    // What apt and dpkg keep about it: the automatic marks, and their logs.
    const automatic = unpack.filter((name) => !requested.includes(name));
    ctx.writeFile('/var/lib/apt/extended_states', automatic.map((name) => `Package: ${name}\nArchitecture: amd64\nAuto-Installed: 1\n\n`).join(''), { append: true });
    if (!ctx.readFile('/var/log/apt')) ctx.mkdir('/var/log/apt', { parents: true });
    const ended = strftime('%Y-%m-%d  %H:%M:%S', ctx.now());
    ctx.writeFile('/var/log/apt/history.log', `\nStart-Date: ${started}\nCommandline: ${[invoked, ...ctx.argv.slice(1)].join(' ')}\nInstall: ${log.join(', ')}\nEnd-Date: ${ended}\n`, { append: true });
    ctx.writeFile('/var/log/apt/term.log', `\nLog started: ${started}\nLog ended: ${ended}\n`, { append: true });
    ctx.writeFile('/var/log/dpkg.log', unpack.map((name) => `${strftime('%Y-%m-%d %H:%M:%S', ctx.now())} status installed ${qualified(name)} ${PACKAGES[name].version}\n`).join(''), { append: true });
    ctx.writeFile('/var/cache/debconf/config.dat', '', { append: true });
  }

  async remove(names: readonly string[], purge: boolean, invoked: string): Promise<number> {
    this.progress('Reading package lists', 'Building dependency tree', 'Reading state information');
    const installed = this.installed();
    const unknown = names.filter((name) => !installed.has(name) && BASE[name] === undefined && (!this.hasLists() || !PLANS[name]));
    if (unknown.length) {
      for (const name of unknown) this.ctx.stderr(`E: Unable to locate package ${name}\n`);
      return 100;
    }
    const removing = names.filter((name) => installed.has(name));
    for (const name of names.filter((item) => !installed.has(item))) {
      if (BASE[name] !== undefined) {
        this.ctx.stderr(notSimulatedMessage(`${invoked} removing ${name}, a package of the image`));
        return 1;
      }
      this.say(`Package '${name}' is not installed, so not removed\n`);
    }
    if (removing.length) {
      this.say(`The following packages will be REMOVED:\n${wrapList(removing.map((name) => `${name}${purge ? '*' : ''}`).sort())}`);
    }
    this.say(`0 upgraded, 0 newly installed, ${removing.length} to remove and 0 not upgraded.\n`);
    if (removing.length === 0) return 0;
    const freed = removing.reduce((sum, name) => sum + PACKAGES[name].installedSize * 1024, 0);
    this.say(`After this operation, ${sizeText(freed)}B disk space will be freed.\n`);
    if (!this.yes) {
      this.ctx.stdout('Do you want to continue? [Y/n] ');
      const answer = await this.ctx.readLine();
      if (answer === null || !/^\s*(y|yes)?\s*$/i.test(answer)) {
        this.ctx.stdout('Abort.\n');
        return 1;
      }
    }
    const entries = BASE_DATABASE_ENTRIES + [...installed].reduce((sum, name) => sum + (PACKAGES[name]?.files.length ?? 0), 0);
    this.say(`(Reading database ... ${entries} files and directories currently installed.)\n`);
    for (const name of removing) {
      this.say(`Removing ${PACKAGES[name].multiArch ? `${name}:amd64` : name} (${PACKAGES[name].version}) ...\n`);
      removePackageFiles(this.ctx, PACKAGES[name].files);
    }
    const text = this.ctx.readFile(STATUS)?.content ?? '';
    this.ctx.writeFile(STATUS, text.split('\n\n').filter((stanza) => stanza.trim() && !removing.includes(/^Package: (.+)$/m.exec(stanza)?.[1] ?? '')).map((stanza) => `${stanza.trim()}\n\n`).join(''));
    return 0;
  }
}

/** What a package's setup prints beyond `Setting up` (its maintainer script and the alternatives it registers). */
function setupNotes(name: string, noTerminal: boolean): string {
  switch (name) {
    case 'ca-certificates':
      return (noTerminal
        ? 'debconf: unable to initialize frontend: Dialog\ndebconf: (TERM is not set, so the dialog frontend is not usable.)\ndebconf: falling back to frontend: Readline\n'
          + 'debconf: unable to initialize frontend: Readline\n'
          + "debconf: (Can't locate Term/ReadLine.pm in @INC (you may need to install the Term::ReadLine module) (@INC contains: /etc/perl /usr/local/lib/x86_64-linux-gnu/perl/5.36.0 /usr/local/share/perl/5.36.0 /usr/lib/x86_64-linux-gnu/perl5/5.36 /usr/share/perl5 /usr/lib/x86_64-linux-gnu/perl-base /usr/lib/x86_64-linux-gnu/perl/5.36 /usr/share/perl/5.36 /usr/local/lib/site_perl) at /usr/share/perl5/Debconf/FrontEnd/Readline.pm line 7.)\n"
          + 'debconf: falling back to frontend: Teletype\n'
        : '') + 'Updating certificates in /etc/ssl/certs...\n146 added, 0 removed; done.\n';
    case 'vim':
      return ['vim', 'vimdiff', 'rvim', 'rview', 'vi', 'view', 'ex', 'editor']
        .map((link) => `update-alternatives: using /usr/bin/vim.basic to provide /usr/bin/${link} (${link}) in auto mode\n`).join('');
    case 'nano':
      return 'update-alternatives: using /bin/nano to provide /usr/bin/editor (editor) in auto mode\n'
        + 'update-alternatives: using /bin/nano to provide /usr/bin/pico (pico) in auto mode\n';
    default:
      return '';
  }
}

/** The alternatives a package's setup registers (update-alternatives --install): link name → what it runs. */
const ALTERNATIVES: Readonly<Record<string, { target: string; links: readonly string[] }>> = {
  vim: { target: '/usr/bin/vim.basic', links: ['vim', 'vimdiff', 'rvim', 'rview', 'vi', 'view', 'ex', 'editor'] },
  nano: { target: '/bin/nano', links: ['editor', 'pico'] },
};

/**
 * /usr/bin/NAME → /etc/alternatives/NAME → the program, as update-alternatives
 * makes them: how `vim` comes to exist once vim is installed. An `editor`
 * vim already holds stays vim's (its priority is the higher).
 */
function registerAlternatives(ctx: ProcessContext, name: string): void {
  const alternatives = ALTERNATIVES[name];
  if (!alternatives) return;
  for (const link of alternatives.links) {
    const chosen = ctx.readFile(`/etc/alternatives/${link}`);
    if (chosen?.type === 'symlink' && chosen.target === ALTERNATIVES.vim.target && name !== 'vim') continue;
    if (chosen) ctx.remove(`/etc/alternatives/${link}`);
    ctx.symlink(`/etc/alternatives/${link}`, alternatives.target);
    if (!ctx.readFile(`/usr/bin/${link}`)) ctx.symlink(`/usr/bin/${link}`, `/etc/alternatives/${link}`);
  }
}

/** dpkg's record of an installed package in /var/lib/dpkg/status. */
function statusStanza(name: string, entry: DebianPackage): string {
  return `Package: ${name}\nStatus: install ok installed\nInstalled-Size: ${entry.installedSize}\nArchitecture: ${entry.arch}\n`
    + `${entry.multiArch ? 'Multi-Arch: same\n' : ''}Version: ${entry.version}\n\n`;
}

/** The archives of the image's sources: Debian's three (main, updates, security) or Ubuntu's. */
function archivesOf(ctx: ProcessContext): Archive[] {
  const distribution = imageFacts(ctx.family, ctx.imageReference).distribution;
  if (distribution.id === 'ubuntu') {
    const codename = distribution.version === '24.04' ? 'noble' : 'resolute';
    const archive = (url: string, suite: string, release: number, packages: number): Archive => ({
      url, suite, release, packages,
      stored: [[`${url.replace(/^http:\/\//, '').replace(/\//g, '_')}_dists_${suite}_InRelease`, release], [`${url.replace(/^http:\/\//, '').replace(/\//g, '_')}_dists_${suite}_main_binary-amd64_Packages.lz4`, packages * 3]],
    });
    return [
      archive('http://archive.ubuntu.com/ubuntu', codename, 256_000, 1_808_000),
      archive('http://archive.ubuntu.com/ubuntu', `${codename}-updates`, 126_000, 1_216_000),
      archive('http://security.ubuntu.com/ubuntu', `${codename}-security`, 126_000, 886_000),
    ];
  }
  const codename = distribution.id === 'debian' ? distribution.codename : 'bookworm';
  const archive = (host: string, suite: string, release: number, packages: number, stored: number): Archive => ({
    url: `http://deb.debian.org/${host}`, suite, release, packages,
    stored: [[`deb.debian.org_${host}_dists_${suite}_InRelease`, release], [`deb.debian.org_${host}_dists_${suite}_main_binary-amd64_Packages.lz4`, stored]],
  });
  // Sizes of the bookworm archive's InRelease files and Packages indexes (xz as fetched, lz4 as kept).
  return [
    archive('debian', codename, 151_075, 8_792_000, 18_840_233),
    archive('debian', `${codename}-updates`, 55_403, 6_924, 11_648),
    archive('debian-security', `${codename}-security`, 48_000, 272_000, 764_313),
  ];
}

/**
 * apt's SizeToStr (strutl.cc): decimal units, one decimal below 100 of a
 * unit, none from 100 to 9999, as `315 k` (the caller adds `B`).
 */
function sizeText(bytes: number): string {
  const units = ['', 'k', 'M', 'G', 'T'];
  let value = bytes;
  for (let unit = 0; unit < units.length; unit++) {
    if (value < 100 && unit !== 0) return `${value.toFixed(1)} ${units[unit]}`;
    if (value < 10000) return `${Math.round(value)} ${units[unit]}`;
    value /= 1000;
  }
  return `${Math.round(value)} T`;
}

/** apt's package lists: two-space indent, words wrapped before column 80. */
function wrapList(names: readonly string[]): string {
  const lines: string[] = [];
  let line = ' ';
  for (const name of names) {
    if (line.length + 1 + name.length > 79 && line.trim()) {
      lines.push(line);
      line = ' ';
    }
    line += ` ${name}`;
  }
  if (line.trim()) lines.push(line);
  return lines.map((text) => `${text}\n`).join('');
}
