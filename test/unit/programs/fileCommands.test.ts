import * as assert from 'node:assert';
import { FakeProcess } from './FakeProcess';
import type { FakeProcessOptions } from './FakeProcess';

/** The scratch directory every case starts from: a directory, a file, a tree, a symlink and a dangling one. */
const SETUP = 'mkdir d; echo hi > f; mkdir -p full/sub; echo x > full/sub/g; ln -s f lnk; ln -s nowhere dangling';

const IMAGES: Record<string, Pick<FakeProcessOptions, 'family' | 'image'>> = {
  gnu: { family: 'debian', image: 'debian:bookworm-slim' },
  busybox: { family: 'busybox', image: 'busybox:latest' },
  alpine: { family: 'alpine', image: 'alpine:latest' },
};

/** Every path under `directory`, relative, sorted as `find | sort` lists them. */
function tree(fake: FakeProcess, directory: string, prefix = ''): string[] {
  const paths: string[] = [];
  for (const name of fake.files().readDir(directory) ?? []) {
    paths.push(prefix + name);
    if (fake.files().readFile(`${directory}/${name}`)?.type === 'dir') paths.push(...tree(fake, `${directory}/${name}`, `${prefix}${name}/`));
  }
  return paths.sort();
}

/** Runs `command` in /tmp/w after SETUP, with `one` and `two` on stdin. */
async function inScratch(kind: string, command: string): Promise<{ stdout: string; stderr: string; code: number; paths: string[] }> {
  const fake = new FakeProcess({ ...IMAGES[kind], argv: ['sh', '-c', `mkdir /tmp/w && cd /tmp/w && ${SETUP} && {\n${command}\n}`], stdin: ['one', 'two'] }).start();
  const code = await fake.run();
  return { stdout: fake.stdout, stderr: fake.stderr, code, paths: tree(fake, '/tmp/w') };
}

suite('programs: touch, mkdir, rm, rmdir, cp, mv, ln, tee (GNU coreutils and busybox)', () => {
  // Recorded from GNU coreutils 9.1 (debian bookworm's) and busybox 1.35 (glibc, as the busybox
  // image's is) in a scratch directory made by SETUP, stdin "one\ntwo\n"; busybox's usage banner
  // replaced by the busybox image's. [tools, command, stdout, stderr, exit code, the directory after]
  const cases: [string, string, string, string, number, string[]][] = [
    ["gnu","rm nosuch","","rm: cannot remove 'nosuch': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","rm nosuch","","rm: can't remove 'nosuch': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rm d","","rm: cannot remove 'd': Is a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","rm d","","rm: 'd' is a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rm -f nosuch","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","rm -f nosuch","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rm -f","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","rm -f","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rm -r nosuch","","rm: cannot remove 'nosuch': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","rm -r nosuch","","rm: can't remove 'nosuch': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rm /nope/x/y","","rm: cannot remove '/nope/x/y': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","rm /nope/x/y","","rm: can't remove '/nope/x/y': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rm f/x","","rm: cannot remove 'f/x': Not a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","rm f/x","","rm: can't stat 'f/x': Not a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rm -f f/x","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","rm -f f/x","","rm: can't stat 'f/x': Not a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rm f lnk dangling","","",0,["d","full","full/sub","full/sub/g"]],
    ["busybox","rm f lnk dangling","","",0,["d","full","full/sub","full/sub/g"]],
    ["gnu","rm -r full","","",0,["d","dangling","f","lnk"]],
    ["busybox","rm -r full","","",0,["d","dangling","f","lnk"]],
    ["gnu","rm -rf full nosuch","","",0,["d","dangling","f","lnk"]],
    ["busybox","rm -rf full nosuch","","",0,["d","dangling","f","lnk"]],
    ["gnu","rm full","","rm: cannot remove 'full': Is a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","rm full","","rm: 'full' is a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rm -f full","","rm: cannot remove 'full': Is a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","rm -f full","","rm: 'full' is a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rm .","","rm: cannot remove '.': Is a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","rm .","","rm: can't remove '.' or '..'\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rm -r .","","rm: refusing to remove '.' or '..' directory: skipping '.'\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","rm -r .","","rm: can't remove '.' or '..'\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rm -r full/..","","rm: refusing to remove '.' or '..' directory: skipping 'full/..'\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","rm -r full/..","","rm: can't remove '.' or '..'\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rm d/","","rm: cannot remove 'd/': Is a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","rm d/","","rm: 'd' is a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rm f/","","rm: cannot remove 'f/': Not a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","rm f/","","",0,["d","dangling","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rm -v f","removed 'f'\n","",0,["d","dangling","full","full/sub","full/sub/g","lnk"]],
    ["busybox","rm -v f","removed 'f'\n","",0,["d","dangling","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rm -rv full","removed 'full/sub/g'\nremoved directory 'full/sub'\nremoved directory 'full'\n","",0,["d","dangling","f","lnk"]],
    ["busybox","rm -rv full","removed 'full/sub/g'\nremoved directory: 'full/sub'\nremoved directory: 'full'\n","",0,["d","dangling","f","lnk"]],
    ["gnu","rm -d d","","",0,["dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rm -d full","","rm: cannot remove 'full': Directory not empty\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rm -i f","","rm: remove regular file 'f'? ",0,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","rm -i f","","rm: remove 'f'? ",0,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rm -x f","","rm: invalid option -- 'x'\nTry 'rm --help' for more information.\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","rm -x f","","rm: invalid option -- 'x'\nBusyBox v1.38.0 (2026-05-13 02:21:49 UTC) multi-call binary.\n\nUsage: rm [-irf] FILE...\n\nRemove (unlink) FILEs\n\n\t-i\tAlways prompt before removing\n\t-f\tNever prompt\n\t-R,-r\tRecurse\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rm --bogus f","","rm: unrecognized option '--bogus'\nTry 'rm --help' for more information.\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","rm --bogus f","","rm: unrecognized option '--bogus'\nBusyBox v1.38.0 (2026-05-13 02:21:49 UTC) multi-call binary.\n\nUsage: rm [-irf] FILE...\n\nRemove (unlink) FILEs\n\n\t-i\tAlways prompt before removing\n\t-f\tNever prompt\n\t-R,-r\tRecurse\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rm -- -x","","rm: cannot remove '-x': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","rm -- -x","","rm: can't remove '-x': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rmdir nosuch","","rmdir: failed to remove 'nosuch': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","rmdir nosuch","","rmdir: 'nosuch': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rmdir full","","rmdir: failed to remove 'full': Directory not empty\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","rmdir full","","rmdir: 'full': Directory not empty\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rmdir f","","rmdir: failed to remove 'f': Not a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","rmdir f","","rmdir: 'f': Not a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rmdir d full","","rmdir: failed to remove 'full': Directory not empty\n",1,["dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","rmdir d full","","rmdir: 'full': Directory not empty\n",1,["dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rmdir .","","rmdir: failed to remove '.': Invalid argument\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","rmdir .","","rmdir: '.': Invalid argument\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rmdir lnk","","rmdir: failed to remove 'lnk': Not a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","rmdir lnk","","rmdir: 'lnk': Not a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rmdir -p full/sub","","rmdir: failed to remove 'full/sub': Directory not empty\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","rm full/sub/g; rmdir -p full/sub","","",0,["d","dangling","f","lnk"]],
    ["busybox","rm full/sub/g; rmdir -p full/sub","","",0,["d","dangling","f","lnk"]],
    ["gnu","rmdir -v d","rmdir: removing directory, 'd'\n","",0,["dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","mkdir d","","mkdir: cannot create directory 'd': File exists\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","mkdir d","","mkdir: can't create directory 'd': File exists\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","mkdir f","","mkdir: cannot create directory 'f': File exists\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","mkdir f","","mkdir: can't create directory 'f': File exists\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","mkdir nope/x","","mkdir: cannot create directory 'nope/x': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","mkdir nope/x","","mkdir: can't create directory 'nope/x': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","mkdir -p f/x","","mkdir: cannot create directory 'f': Not a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","mkdir -p f/x","","mkdir: can't create directory 'f/': Not a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","mkdir f/x","","mkdir: cannot create directory 'f/x': Not a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","mkdir f/x","","mkdir: can't create directory 'f/x': Not a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","mkdir -p d/a/b full","","",0,["d","d/a","d/a/b","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","mkdir -p d/a/b full","","",0,["d","d/a","d/a/b","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","mkdir a b a","","mkdir: cannot create directory 'a': File exists\n",1,["a","b","d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","mkdir a b a","","mkdir: can't create directory 'a': File exists\n",1,["a","b","d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","mkdir -p f","","mkdir: cannot create directory 'f': File exists\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","mkdir -p f","","mkdir: can't create directory 'f': File exists\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","mkdir -v a","mkdir: created directory 'a'\n","",0,["a","d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","mkdir -v a","created directory: 'a'\n","",0,["a","d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","mkdir -pv a/b/c","mkdir: created directory 'a'\nmkdir: created directory 'a/b'\nmkdir: created directory 'a/b/c'\n","",0,["a","a/b","a/b/c","d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","mkdir -pv a/b/c","created directory: 'a/'\ncreated directory: 'a/b/'\ncreated directory: 'a/b/c'\n","",0,["a","a/b","a/b/c","d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","mkdir dangling","","mkdir: cannot create directory 'dangling': File exists\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","mkdir dangling","","mkdir: can't create directory 'dangling': File exists\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","mkdir lnk/x","","mkdir: cannot create directory 'lnk/x': Not a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","mkdir lnk/x","","mkdir: can't create directory 'lnk/x': Not a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","mkdir -m 700 m","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk","m"]],
    ["busybox","mkdir -m 700 m","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk","m"]],
    ["gnu","mkdir --parents p/q","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk","p","p/q"]],
    ["busybox","mkdir --parents p/q","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk","p","p/q"]],
    ["gnu","touch nope/x","","touch: cannot touch 'nope/x': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","touch nope/x","","touch: nope/x: No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","touch f newfile d","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk","newfile"]],
    ["busybox","touch f newfile d","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk","newfile"]],
    ["gnu","touch f/x","","touch: cannot touch 'f/x': Not a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","touch f/x","","touch: f/x: Not a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","touch dangling","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk","nowhere"]],
    ["busybox","touch dangling","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk","nowhere"]],
    ["gnu","touch -c nosuch","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","touch -c nosuch","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","touch nope/","","touch: setting times of 'nope/': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","touch nope/","","touch: nope/: Is a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","touch d/","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","touch d/","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","cp nosuch x","","cp: cannot stat 'nosuch': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","cp nosuch x","","cp: can't stat 'nosuch': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","cp d x","","cp: -r not specified; omitting directory 'd'\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","cp d x","","cp: omitting directory 'd'\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","cp f nope/x","","cp: cannot create regular file 'nope/x': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","cp f nope/x","","cp: can't create 'nope/x': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","cp f d","","",0,["d","d/f","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","cp f d","","",0,["d","d/f","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","cp f g","","",0,["d","dangling","f","full","full/sub","full/sub/g","g","lnk"]],
    ["busybox","cp f g","","",0,["d","dangling","f","full","full/sub","full/sub/g","g","lnk"]],
    ["gnu","cp f f","","cp: 'f' and 'f' are the same file\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","cp f f","","cp: 'f' and 'f' are the same file\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","cp f lnk","","cp: 'f' and 'lnk' are the same file\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","cp f lnk","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","cp f dangling","","cp: not writing through dangling symlink 'dangling'\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","cp f dangling","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk","nowhere"]],
    ["gnu","cp f newf/","","cp: cannot create regular file 'newf/': Not a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","cp f newf/","","cp: can't create 'newf/': Is a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","cp -r full d","","",0,["d","d/full","d/full/sub","d/full/sub/g","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","cp -r full d","","",0,["d","d/full","d/full/sub","d/full/sub/g","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","cp -r full copy","","",0,["copy","copy/sub","copy/sub/g","d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","cp -r full copy","","",0,["copy","copy/sub","copy/sub/g","d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","cp -r full f","","cp: cannot overwrite non-directory 'f' with directory 'full'\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","cp -r full f","","cp: can't stat 'f/full': Not a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","cp f full","","",0,["d","dangling","f","full","full/f","full/sub","full/sub/g","lnk"]],
    ["busybox","cp f full","","",0,["d","dangling","f","full","full/f","full/sub","full/sub/g","lnk"]],
    ["gnu","cp -r d d/sub","","cp: cannot copy a directory, 'd', into itself, 'd/sub'\n",1,["d","d/sub","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","cp -r d d/sub","","cp: recursion detected, omitting directory 'd/sub'\n",1,["d","d/sub","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","cp -v f g","'f' -> 'g'\n","",0,["d","dangling","f","full","full/sub","full/sub/g","g","lnk"]],
    ["gnu","cp -rv full c","'full' -> 'c'\n'full/sub' -> 'c/sub'\n'full/sub/g' -> 'c/sub/g'\n","",0,["c","c/sub","c/sub/g","d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","cp f g h","","cp: target 'h': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","cp f g h","","cp: can't create 'h/f': No such file or directory\ncp: can't stat 'g': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","cp f lnk d","","",0,["d","d/f","d/lnk","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","cp f lnk d","","",0,["d","d/f","d/lnk","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","cp -r lnk c2; [ -L c2 ] && echo link || echo file","link\n","",0,["c2","d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","cp -r lnk c2; [ -L c2 ] && echo link || echo file","link\n","",0,["c2","d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","cp lnk c1; [ -L c1 ] && echo link || echo file","file\n","",0,["c1","d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","cp lnk c1; [ -L c1 ] && echo link || echo file","file\n","",0,["c1","d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","cp","","cp: missing file operand\nTry 'cp --help' for more information.\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","cp","","BusyBox v1.38.0 (2026-05-13 02:21:49 UTC) multi-call binary.\n\nUsage: cp [-arPLHpfinlsTu] SOURCE DEST\nor: cp [-arPLHpfinlsu] SOURCE... { -t DIRECTORY | DIRECTORY }\n\nCopy SOURCEs to DEST\n\n\t-a\tSame as -dpR\n\t-R,-r\tRecurse\n\t-d,-P\tPreserve symlinks (default if -R)\n\t-L\tFollow all symlinks\n\t-H\tFollow symlinks on command line\n\t-p\tPreserve file attributes if possible\n\t-f\tOverwrite\n\t-i\tPrompt before overwrite\n\t-n\tDon't overwrite\n\t-l,-s\tCreate (sym)links\n\t-T\tRefuse to copy if DEST is a directory\n\t-t DIR\tCopy all SOURCEs into DIR\n\t-u\tCopy only newer files\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","cp f","","cp: missing destination file operand after 'f'\nTry 'cp --help' for more information.\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","cp f","","BusyBox v1.38.0 (2026-05-13 02:21:49 UTC) multi-call binary.\n\nUsage: cp [-arPLHpfinlsTu] SOURCE DEST\nor: cp [-arPLHpfinlsu] SOURCE... { -t DIRECTORY | DIRECTORY }\n\nCopy SOURCEs to DEST\n\n\t-a\tSame as -dpR\n\t-R,-r\tRecurse\n\t-d,-P\tPreserve symlinks (default if -R)\n\t-L\tFollow all symlinks\n\t-H\tFollow symlinks on command line\n\t-p\tPreserve file attributes if possible\n\t-f\tOverwrite\n\t-i\tPrompt before overwrite\n\t-n\tDon't overwrite\n\t-l,-s\tCreate (sym)links\n\t-T\tRefuse to copy if DEST is a directory\n\t-t DIR\tCopy all SOURCEs into DIR\n\t-u\tCopy only newer files\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","cp dangling c3","","cp: cannot stat 'dangling': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","cp dangling c3","","cp: can't stat 'dangling': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","mv nosuch x","","mv: cannot stat 'nosuch': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","mv nosuch x","","mv: can't rename 'nosuch': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","mv f /nope/x","","mv: cannot move 'f' to '/nope/x': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","mv f /nope/x","","mv: can't rename 'f': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","mv f g","","",0,["d","dangling","full","full/sub","full/sub/g","g","lnk"]],
    ["busybox","mv f g","","",0,["d","dangling","full","full/sub","full/sub/g","g","lnk"]],
    ["gnu","mv f d","","",0,["d","d/f","dangling","full","full/sub","full/sub/g","lnk"]],
    ["busybox","mv f d","","",0,["d","d/f","dangling","full","full/sub","full/sub/g","lnk"]],
    ["gnu","mv f d/","","",0,["d","d/f","dangling","full","full/sub","full/sub/g","lnk"]],
    ["busybox","mv f d/","","",0,["d","d/f","dangling","full","full/sub","full/sub/g","lnk"]],
    ["gnu","mv full d","","",0,["d","d/full","d/full/sub","d/full/sub/g","dangling","f","lnk"]],
    ["busybox","mv full d","","",0,["d","d/full","d/full/sub","d/full/sub/g","dangling","f","lnk"]],
    ["gnu","mv full newdir","","",0,["d","dangling","f","lnk","newdir","newdir/sub","newdir/sub/g"]],
    ["busybox","mv full newdir","","",0,["d","dangling","f","lnk","newdir","newdir/sub","newdir/sub/g"]],
    ["gnu","mv f newf/","","mv: cannot move 'f' to 'newf/': Not a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","mv f newf/","","mv: can't rename 'f': Not a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","mv f f","","mv: 'f' and 'f' are the same file\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","mv f f","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","mv d d","","mv: cannot move 'd' to a subdirectory of itself, 'd/d'\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","mv d d","","mv: can't rename 'd': Invalid argument\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","mv d f","","mv: cannot overwrite non-directory 'f' with directory 'd'\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","mv d f","","mv: can't rename 'd': Not a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","mv f lnk","","",0,["d","dangling","full","full/sub","full/sub/g","lnk"]],
    ["busybox","mv f lnk","","",0,["d","dangling","full","full/sub","full/sub/g","lnk"]],
    ["gnu","mv -v f g","renamed 'f' -> 'g'\n","",0,["d","dangling","full","full/sub","full/sub/g","g","lnk"]],
    ["gnu","mv d full","","",0,["dangling","f","full","full/d","full/sub","full/sub/g","lnk"]],
    ["busybox","mv d full","","",0,["dangling","f","full","full/d","full/sub","full/sub/g","lnk"]],
    ["gnu","mv f lnk d","","",0,["d","d/f","d/lnk","dangling","full","full/sub","full/sub/g"]],
    ["busybox","mv f lnk d","","",0,["d","d/f","d/lnk","dangling","full","full/sub","full/sub/g"]],
    ["gnu","mv","","mv: missing file operand\nTry 'mv --help' for more information.\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","mv","","BusyBox v1.38.0 (2026-05-13 02:21:49 UTC) multi-call binary.\n\nUsage: mv [-finT] SOURCE DEST\nor: mv [-fin] SOURCE... { -t DIRECTORY | DIRECTORY }\n\nRename SOURCE to DEST, or move SOURCEs to DIRECTORY\n\n\t-f\tDon't prompt before overwriting\n\t-i\tInteractive, prompt before overwrite\n\t-n\tDon't overwrite an existing file\n\t-T\tRefuse to move if DEST is a directory\n\t-t DIR\tMove all SOURCEs into DIR\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","mv f","","mv: missing destination file operand after 'f'\nTry 'mv --help' for more information.\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","mv f","","BusyBox v1.38.0 (2026-05-13 02:21:49 UTC) multi-call binary.\n\nUsage: mv [-finT] SOURCE DEST\nor: mv [-fin] SOURCE... { -t DIRECTORY | DIRECTORY }\n\nRename SOURCE to DEST, or move SOURCEs to DIRECTORY\n\n\t-f\tDon't prompt before overwriting\n\t-i\tInteractive, prompt before overwrite\n\t-n\tDon't overwrite an existing file\n\t-T\tRefuse to move if DEST is a directory\n\t-t DIR\tMove all SOURCEs into DIR\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","mv full full/sub","","mv: cannot move 'full' to a subdirectory of itself, 'full/sub/full'\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","mv full full/sub","","mv: can't rename 'full': Invalid argument\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","ln -s f s","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk","s"]],
    ["busybox","ln -s f s","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk","s"]],
    ["gnu","ln -s f f","","ln: failed to create symbolic link 'f': File exists\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","ln -s f f","","ln: f: File exists\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","ln -s x nope/y","","ln: failed to create symbolic link 'nope/y': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","ln -s x nope/y","","ln: nope/y: No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","ln -s /x/y d","","",0,["d","d/y","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","ln -s /x/y d","","",0,["d","d/y","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","ln -sf d f","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","ln -sf d f","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","ln f hard","","",0,["d","dangling","f","full","full/sub","full/sub/g","hard","lnk"]],
    ["busybox","ln f hard","","",0,["d","dangling","f","full","full/sub","full/sub/g","hard","lnk"]],
    ["gnu","ln d hd","","ln: d: hard link not allowed for directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","ln d hd","","ln: hd: Operation not permitted\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","ln nosuch h","","ln: failed to access 'nosuch': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","ln nosuch h","","ln: nosuch: No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","ln -s f d/ok","","",0,["d","d/ok","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","ln -s f d/ok","","",0,["d","d/ok","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","ln -sv f s","'s' -> 'f'\n","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk","s"]],
    ["gnu","ln -s /etc/passwd","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk","passwd"]],
    ["busybox","ln -s /etc/passwd","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk","passwd"]],
    ["gnu","ln","","ln: missing file operand\nTry 'ln --help' for more information.\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","ln","","BusyBox v1.38.0 (2026-05-13 02:21:49 UTC) multi-call binary.\n\nUsage: ln [-sfnbtv] [-S SUF] TARGET... LINK|DIR\n\nCreate a link LINK or DIR/TARGET to the specified TARGET(s)\n\n\t-s\tMake symlinks instead of hardlinks\n\t-f\tRemove existing destinations\n\t-n\tDon't dereference symlinks - treat like normal file\n\t-b\tMake a backup of the target (if exists) before link operation\n\t-S SUF\tUse suffix instead of ~ when making backup files\n\t-T\tTreat LINK as a file, not DIR\n\t-v\tVerbose\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","ln -s f g d","","",0,["d","d/f","d/g","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","ln -s f g d","","",0,["d","d/f","d/g","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","tee a b","one\ntwo\n","",0,["a","b","d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","tee a b","one\ntwo\n","",0,["a","b","d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","tee -a f","one\ntwo\n","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","tee -a f","one\ntwo\n","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","tee nope/x a","one\ntwo\n","tee: nope/x: No such file or directory\n",1,["a","d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","tee nope/x a","one\ntwo\n","tee: nope/x: No such file or directory\n",1,["a","d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","tee d","one\ntwo\n","tee: d: Is a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","tee d","one\ntwo\n","tee: d: Is a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","echo hi | tee g > /dev/null; cat g","hi\n","",0,["d","dangling","f","full","full/sub","full/sub/g","g","lnk"]],
    ["gnu","cp f g h","","cp: target 'h': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","cp f g h","","cp: can't create 'h/f': No such file or directory\ncp: can't stat 'g': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","mv f g h","","mv: target 'h': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","mv f g h","","mv: can't rename 'f': No such file or directory\nmv: can't rename 'g': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","ln -s f g h","","ln: target 'h': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","ln -s f g h","","ln: h: File exists\n",1,["d","dangling","f","full","full/sub","full/sub/g","h","lnk"]],
    ["gnu","cp f g f","","cp: target 'f': Not a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","cp f g f","","cp: can't stat 'f/f': Not a directory\ncp: can't stat 'g': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","ln -s f g f","","ln: target 'f': Not a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","ln -s f g f","","ln: f: File exists\nln: f: File exists\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","touch -c nope/x","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","touch -c nope/x","","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","cp f g lnk","","cp: target 'lnk': Not a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","cp f g lnk","","cp: can't stat 'lnk/f': Not a directory\ncp: can't stat 'g': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","cp f d lnk","","cp: target 'lnk': Not a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","cp f d lnk","","cp: can't stat 'lnk/f': Not a directory\ncp: can't stat 'lnk/d': Not a directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","mv f lnk h","","mv: target 'h': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","mv f lnk h","","mv: can't rename 'f': No such file or directory\nmv: can't rename 'lnk': No such file or directory\n",1,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["gnu","cp f lnk; [ -L lnk ] && echo link; cat f","link\nhi\n","cp: 'f' and 'lnk' are the same file\n",0,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
    ["busybox","cp f lnk; [ -L lnk ] && echo link; cat f","link\n","",0,["d","dangling","f","full","full/sub","full/sub/g","lnk"]],
  ];
  for (const [kind, command, stdout, stderr, code, paths] of cases) {
    test(`${kind}: ${command}`, async () => {
      const result = await inScratch(kind, command);
      assert.deepStrictEqual([result.stdout, result.stderr, result.code, result.paths], [stdout, stderr, code, paths]);
    });
  }

  // Alpine's busybox is linked with musl, whose getopt words a bad option its own way and stops at the first operand.
  const musl: [string, string][] = [
    ['rm -x f', 'rm: unrecognized option: x\n'],
    ['rm --bogus f', 'rm: unrecognized option: -\n'],
    ['mkdir --bogus x', 'mkdir: unrecognized option: bogus\n'],
  ];
  for (const [command, first] of musl) {
    test(`alpine: ${command}`, async () => {
      const result = await inScratch('alpine', command);
      assert.strictEqual(result.stderr.split('\n')[0] + '\n', first);
      assert.match(result.stderr, /^BusyBox v1\.37\.0 \(2026-01-10 15:38:28 UTC\) multi-call binary\.$/m);
      assert.strictEqual(result.code, 1);
    });
  }

  test('alpine: options after the first operand are operands (musl getopt does not permute)', async () => {
    const result = await inScratch('alpine', 'touch new -c; ls');
    assert.strictEqual(result.stdout, '-c\nd\ndangling\nf\nfull\nlnk\nnew\n');
  });

  test('rm -i asks, and removes only on yes', async () => {
    const fake = new FakeProcess({ ...IMAGES.gnu, argv: ['sh', '-c', 'cd /tmp && echo a > a && echo > b && rm -i a b; ls a b'], stdin: ['n', 'y'] }).start();
    await fake.run();
    assert.strictEqual(fake.stderr, "rm: remove regular file 'a'? rm: remove regular file 'b'? ls: cannot access 'b': No such file or directory\n");
    assert.strictEqual(fake.stdout, 'a\n');
  });

  test('rm -r / is refused by GNU rm; busybox has no failsafe and the lab does not simulate it', async () => {
    const gnu = await inScratch('gnu', 'rm -rf /');
    assert.deepStrictEqual([gnu.stderr, gnu.code], ["rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n", 1]);
    const busybox = await inScratch('busybox', 'rm -rf /');
    assert.deepStrictEqual([busybox.stderr, busybox.code], ['Docker Lab: removing the whole root filesystem (rm -r /) is not simulated in this lab\n', 1]);
  });
});

suite('programs: docker diff after commands that change files', () => {
  // [image, script, docker diff]: a new path is A; the directories it was made in were copied up (C); a path of the image removed is D.
  const cases: [string, string, string[]][] = [
    ['alpine', 'mkdir -p /app/data && touch /app/data/x', ['A /app', 'A /app/data', 'A /app/data/x']],
    ['gnu', 'rm /etc/debian_version', ['C /etc', 'D /etc/debian_version']],
    ['gnu', 'rm -rf /var/cache/debconf', ['C /var', 'C /var/cache', 'D /var/cache/debconf']],
    ['alpine', 'mv /etc/motd /root/motd', ['C /etc', 'D /etc/motd', 'C /root', 'A /root/motd']],
    ['alpine', 'cp /etc/os-release /tmp/', ['C /tmp', 'A /tmp/os-release']],
    ['alpine', 'ln -s /usr/bin/env /usr/local/bin/e', ['C /usr', 'C /usr/local', 'C /usr/local/bin', 'A /usr/local/bin/e']],
    ['alpine', 'touch /etc/motd', ['C /etc', 'C /etc/motd']],
    ['gnu', 'echo hi | tee /tmp/t', ['C /tmp', 'A /tmp/t']],
    ['alpine', 'rmdir /mnt', ['D /mnt']],
    ['busybox', 'mkdir /tmp/x && rmdir /tmp/x', ['C /tmp']],
    ['gnu', 'rm /nothing; mkdir /etc; cp /nothing /tmp', []],
  ];
  for (const [kind, script, diff] of cases) {
    test(`${kind}: ${JSON.stringify(script)} -> ${JSON.stringify(diff)}`, async () => {
      const fake = new FakeProcess({ ...IMAGES[kind], argv: ['sh', '-c', script] }).start();
      await fake.run();
      assert.deepStrictEqual(fake.files().changes().map((change) => `${change.kind} ${change.path}`), diff);
    });
  }

  test('cp keeps the text and mode; a copied binary the lab knows only by size arrives empty', async () => {
    const fake = new FakeProcess({ ...IMAGES.gnu, argv: ['sh', '-c', 'cp /etc/os-release /tmp/release && cp /usr/bin/bash /tmp/bash'] }).start();
    await fake.run();
    const release = fake.files().readFile('/tmp/release');
    assert.strictEqual(release?.content, fake.files().readFile('/usr/lib/os-release')?.content);
    assert.strictEqual(fake.files().readFile('/tmp/bash')?.mode, 0o755);
  });
});

suite('programs: ls -l shows the sizes of files', () => {
  test('a binary by the size its layer records, a written file by its text', async () => {
    const fake = new FakeProcess({ ...IMAGES.gnu, argv: ['sh', '-c', 'printf 12345 > /tmp/five; ls -l /usr/bin/bash /tmp/five'] }).start();
    await fake.run();
    const sizes = fake.stdout.split('\n').filter(Boolean).map((row) => row.split(/\s+/)[4]);
    assert.deepStrictEqual(sizes, ['5', '1265648']);
  });
});
