import { imageFacts } from './ImageFacts';
import type { ProcessContext } from './Program';
import { strftime } from './strftime';

/**
 * The usage texts of the applets the lab simulates, as busybox 1.37 prints
 * them (the `//usage:` blocks of coreutils/*.c with the options Alpine's and
 * the defconfig build enable; the same text in 1.35, checked against
 * Debian's busybox 1.35).
 */
const USAGE: Readonly<Record<string, string>> = {
  chmod: '[-Rcvf] MODE[,MODE]... FILE...\n\nMODE is octal number (bit pattern sstrwxrwxrwx) or [ugoa]{+|-|=}[rwxXst]\n\n\t-R\tRecurse\n\t-c\tList changed files\n\t-v\tVerbose\n\t-f\tHide errors',
  cp: '[-arPLHpfinlsTu] SOURCE DEST\nor: cp [-arPLHpfinlsu] SOURCE... { -t DIRECTORY | DIRECTORY }\n\nCopy SOURCEs to DEST\n'
    + '\n\t-a\tSame as -dpR\n\t-R,-r\tRecurse\n\t-d,-P\tPreserve symlinks (default if -R)\n\t-L\tFollow all symlinks'
    + '\n\t-H\tFollow symlinks on command line\n\t-p\tPreserve file attributes if possible\n\t-f\tOverwrite'
    + '\n\t-i\tPrompt before overwrite\n\t-n\tDon\'t overwrite\n\t-l,-s\tCreate (sym)links\n\t-T\tRefuse to copy if DEST is a directory'
    + '\n\t-t DIR\tCopy all SOURCEs into DIR\n\t-u\tCopy only newer files',
  ln: '[-sfnbtv] [-S SUF] TARGET... LINK|DIR\n\nCreate a link LINK or DIR/TARGET to the specified TARGET(s)\n'
    + '\n\t-s\tMake symlinks instead of hardlinks\n\t-f\tRemove existing destinations'
    + '\n\t-n\tDon\'t dereference symlinks - treat like normal file\n\t-b\tMake a backup of the target (if exists) before link operation'
    + '\n\t-S SUF\tUse suffix instead of ~ when making backup files\n\t-T\tTreat LINK as a file, not DIR\n\t-v\tVerbose',
  mkdir: '[-m MODE] [-p] DIRECTORY...\n\nCreate DIRECTORY\n\n\t-m MODE\tMode\n\t-p\tNo error if exists; make parent directories as needed',
  mv: '[-finT] SOURCE DEST\nor: mv [-fin] SOURCE... { -t DIRECTORY | DIRECTORY }\n\nRename SOURCE to DEST, or move SOURCEs to DIRECTORY\n'
    + '\n\t-f\tDon\'t prompt before overwriting\n\t-i\tInteractive, prompt before overwrite\n\t-n\tDon\'t overwrite an existing file'
    + '\n\t-T\tRefuse to move if DEST is a directory\n\t-t DIR\tMove all SOURCEs into DIR',
  rm: '[-irf] FILE...\n\nRemove (unlink) FILEs\n\n\t-i\tAlways prompt before removing\n\t-f\tNever prompt\n\t-R,-r\tRecurse',
  rmdir: '[-p] DIRECTORY...\n\nRemove DIRECTORY if it is empty\n\n\t-p\tInclude parents\n\t--ignore-fail-on-non-empty',
  tee: '[-ai] [FILE]...\n\nCopy stdin to each FILE, and also to stdout\n\n\t-a\tAppend to the given FILEs, don\'t overwrite\n\t-i\tIgnore interrupt signals (SIGINT)',
  touch: '[-cham] [-d DATE] [-t DATE] [-r FILE] FILE...\n\nUpdate mtime of FILEs\n\n\t-c\tDon\'t create files\n\t-h\tDon\'t follow links'
    + '\n\t-a\tChange only atime\n\t-m\tChange only mtime\n\t-d DT\tDate/time to use\n\t-t DT\tDate/time to use\n\t-r FILE\tUse FILE\'s date/time',
};

/**
 * bb_show_usage(): the banner with busybox's version and build time, then
 * `Usage: applet ...`, all on stderr (the caller exits 1). Alpine's banner
 * is the one its busybox 1.37.0 package prints (seen on Alpine 3.23; no
 * capture of a later build was found); the busybox image's carries the
 * version of its build and the time of the layer that holds it.
 */
export function busyboxUsage(ctx: Pick<ProcessContext, 'family' | 'imageReference'>, applet: string): string {
  return `${busyboxBanner(ctx)} multi-call binary.\n\nUsage: ${applet} ${USAGE[applet] ?? ''}\n`;
}

function busyboxBanner(ctx: Pick<ProcessContext, 'family' | 'imageReference'>): string {
  if (ctx.family === 'alpine') return 'BusyBox v1.37.0 (2026-01-10 15:38:28 UTC)';
  const facts = imageFacts(ctx.family, ctx.imageReference);
  const version = facts.distribution.id === 'busybox' ? facts.distribution.version : '1.37.0';
  const built = Date.parse(facts.created);
  return `BusyBox v${version} (${Number.isFinite(built) && built > 0 ? strftime('%Y-%m-%d %H:%M:%S UTC', built) : '2024-09-26 21:31:42 UTC'})`;
}
