import * as assert from 'node:assert';
import { FakeProcess } from './FakeProcess';
import type { FakeProcessOptions } from './FakeProcess';

const SHELLS: Record<string, Pick<FakeProcessOptions, 'family' | 'image'> & { argv0: string }> = {
  ash: { family: 'alpine', image: 'alpine:latest', argv0: 'sh' },
  dash: { family: 'debian', image: 'debian:bookworm-slim', argv0: 'sh' },
  bash: { family: 'debian', image: 'debian:bookworm-slim', argv0: 'bash' },
};

/** Runs `sh -c script` in /tmp of a fresh container; what it printed, its status and `docker diff` after it. */
async function run(shell: string, script: string, options: Partial<FakeProcessOptions> = {}): Promise<{ stdout: string; stderr: string; code: number; diff: string[] }> {
  const { argv0, ...image } = SHELLS[shell];
  const fake = new FakeProcess({ ...image, argv: [argv0, '-c', script], cwd: '/tmp', ...options }).start();
  const code = await fake.run();
  return { stdout: fake.stdout, stderr: fake.stderr, code, diff: fake.files().changes().map((change) => `${change.kind} ${change.path}`) };
}

suite('programs: shell redirections to files (>, >>, <>, >|, &>, exec)', () => {
  // Recorded from the real shells (busybox 1.35 ash, dash 0.5.12, bash 5.2.15) run as
  // `sh -c` / `bash -c` in an empty directory, stderr to a pipe; GNU ls on dash and bash,
  // busybox ls on ash. [shell, script, stdout, stderr, exit code]
  const cases: [string, string, string, string, number][] = [
    ["ash","echo a > f; cat f; echo b >> f; cat f","a\na\nb\n","",0],
    ["dash","echo a > f; cat f; echo b >> f; cat f","a\na\nb\n","",0],
    ["bash","echo a > f; cat f; echo b >> f; cat f","a\na\nb\n","",0],
    ["ash","echo x > /nope/x; echo st=$?","st=1\n","sh: can't create /nope/x: nonexistent directory\n",0],
    ["dash","echo x > /nope/x; echo st=$?","st=2\n","sh: 1: cannot create /nope/x: Directory nonexistent\n",0],
    ["bash","echo x > /nope/x; echo st=$?","st=1\n","bash: line 1: /nope/x: No such file or directory\n",0],
    ["ash","echo x >> /nope/x; echo st=$?","st=1\n","sh: can't create /nope/x: nonexistent directory\n",0],
    ["dash","echo x >> /nope/x; echo st=$?","st=2\n","sh: 1: cannot create /nope/x: Directory nonexistent\n",0],
    ["bash","echo x >> /nope/x; echo st=$?","st=1\n","bash: line 1: /nope/x: No such file or directory\n",0],
    ["ash","echo x > .; echo st=$?","st=1\n","sh: can't create .: Is a directory\n",0],
    ["dash","echo x > .; echo st=$?","st=2\n","sh: 1: cannot create .: Is a directory\n",0],
    ["bash","echo x > .; echo st=$?","st=1\n","bash: line 1: .: Is a directory\n",0],
    ["ash","echo x > f; echo y > f/z; echo st=$?","st=1\n","sh: can't create f/z: nonexistent directory\n",0],
    ["dash","echo x > f; echo y > f/z; echo st=$?","st=2\n","sh: 1: cannot create f/z: Directory nonexistent\n",0],
    ["bash","echo x > f; echo y > f/z; echo st=$?","st=1\n","bash: line 1: f/z: Not a directory\n",0],
    ["ash","echo x > f; echo y > f/; echo st=$?; cat f","st=1\nx\n","sh: can't create f/: Is a directory\n",0],
    ["dash","echo x > f; echo y > f/; echo st=$?; cat f","st=2\nx\n","sh: 1: cannot create f/: Is a directory\n",0],
    ["bash","echo x > f; echo y > f/; echo st=$?; cat f","st=1\nx\n","bash: line 1: f/: Is a directory\n",0],
    ["ash","cat < nosuch; echo st=$?","st=1\n","sh: can't open nosuch: no such file\n",0],
    ["dash","cat < nosuch; echo st=$?","st=2\n","sh: 1: cannot open nosuch: No such file\n",0],
    ["bash","cat < nosuch; echo st=$?","st=1\n","bash: line 1: nosuch: No such file or directory\n",0],
    ["ash","echo x > f; cat < f/z; echo st=$?","st=1\n","sh: can't open f/z: no such file\n",0],
    ["dash","echo x > f; cat < f/z; echo st=$?","st=2\n","sh: 1: cannot open f/z: No such file\n",0],
    ["bash","echo x > f; cat < f/z; echo st=$?","st=1\n","bash: line 1: f/z: Not a directory\n",0],
    ["ash","{ echo out; echo err >&2; } > f 2>&1; cat f","out\nerr\n","",0],
    ["dash","{ echo out; echo err >&2; } > f 2>&1; cat f","out\nerr\n","",0],
    ["bash","{ echo out; echo err >&2; } > f 2>&1; cat f","out\nerr\n","",0],
    ["ash","{ echo out; echo err >&2; } 2>&1 > f; echo --; cat f","err\n--\nout\n","",0],
    ["dash","{ echo out; echo err >&2; } 2>&1 > f; echo --; cat f","err\n--\nout\n","",0],
    ["bash","{ echo out; echo err >&2; } 2>&1 > f; echo --; cat f","err\n--\nout\n","",0],
    ["ash","ls /nope 2> err; echo st=$?; cat err","st=1\nls: /nope: No such file or directory\n","",0],
    ["dash","ls /nope 2> err; echo st=$?; cat err","st=2\nls: cannot access '/nope': No such file or directory\n","",0],
    ["bash","ls /nope 2> err; echo st=$?; cat err","st=2\nls: cannot access '/nope': No such file or directory\n","",0],
    ["ash","printf hello > f; echo ab 1<> f; cat f; echo","ab\nlo\n","",0],
    ["dash","printf hello > f; echo ab 1<> f; cat f; echo","ab\nlo\n","",0],
    ["bash","printf hello > f; echo ab 1<> f; cat f; echo","ab\nlo\n","",0],
    ["ash","echo new <> g; cat g; echo st=$?","new\nst=0\n","",0],
    ["dash","echo new <> g; cat g; echo st=$?","new\nst=0\n","",0],
    ["bash","echo new <> g; cat g; echo st=$?","new\nst=0\n","",0],
    ["ash","set -C; echo a > f; echo b > f; echo st=$?; echo c >| f; cat f; echo d >> f; cat f","st=1\nc\nc\nd\n","sh: can't create f: File exists\n",0],
    ["dash","set -C; echo a > f; echo b > f; echo st=$?; echo c >| f; cat f; echo d >> f; cat f","st=2\nc\nc\nd\n","sh: 1: cannot create f: File exists\n",0],
    ["bash","set -C; echo a > f; echo b > f; echo st=$?; echo c >| f; cat f; echo d >> f; cat f","st=1\nc\nc\nd\n","bash: line 1: f: cannot overwrite existing file\n",0],
    ["ash","set -o noclobber; echo a > f; echo b > f; echo st=$?","st=1\n","sh: can't create f: File exists\n",0],
    ["dash","set -o noclobber; echo a > f; echo b > f; echo st=$?","st=2\n","sh: 1: cannot create f: File exists\n",0],
    ["bash","set -o noclobber; echo a > f; echo b > f; echo st=$?","st=1\n","bash: line 1: f: cannot overwrite existing file\n",0],
    ["ash","exec 3>&1; exec > f; echo inside; exec 1>&3; echo outside; cat f","outside\ninside\n","",0],
    ["dash","exec 3>&1; exec > f; echo inside; exec 1>&3; echo outside; cat f","outside\ninside\n","",0],
    ["bash","exec 3>&1; exec > f; echo inside; exec 1>&3; echo outside; cat f","outside\ninside\n","",0],
    ["ash","exec 2> e; ls /nope; echo st=$?; cat e","st=1\nls: /nope: No such file or directory\n","",0],
    ["dash","exec 2> e; ls /nope; echo st=$?; cat e","st=2\nls: cannot access '/nope': No such file or directory\n","",0],
    ["bash","exec 2> e; ls /nope; echo st=$?; cat e","st=2\nls: cannot access '/nope': No such file or directory\n","",0],
    ["ash","echo a > /dev/null; echo b > /dev/stderr; echo c 2>&1 > /dev/stdout","c\n","b\n",0],
    ["dash","echo a > /dev/null; echo b > /dev/stderr; echo c 2>&1 > /dev/stdout","c\n","b\n",0],
    ["bash","echo a > /dev/null; echo b > /dev/stderr; echo c 2>&1 > /dev/stdout","c\n","b\n",0],
    ["ash",": > /nope/x; echo after","","sh: can't create /nope/x: nonexistent directory\n",1],
    ["dash",": > /nope/x; echo after","","sh: 1: cannot create /nope/x: Directory nonexistent\n",2],
    ["bash",": > /nope/x; echo after","after\n","bash: line 1: /nope/x: No such file or directory\n",0],
    ["ash","> /nope/x; echo after $?","after 1\n","sh: can't create /nope/x: nonexistent directory\n",0],
    ["dash","> /nope/x; echo after $?","after 2\n","sh: 1: cannot create /nope/x: Directory nonexistent\n",0],
    ["bash","> /nope/x; echo after $?","after 1\n","bash: line 1: /nope/x: No such file or directory\n",0],
    ["ash","{ echo a; } > /nope/x; echo after $?","after 1\n","sh: can't create /nope/x: nonexistent directory\n",0],
    ["dash","{ echo a; } > /nope/x; echo after $?","after 2\n","sh: 1: cannot create /nope/x: Directory nonexistent\n",0],
    ["bash","{ echo a; } > /nope/x; echo after $?","after 1\n","bash: line 1: /nope/x: No such file or directory\n",0],
    ["ash","for i in 1 2; do echo $i; done > f; while read l; do echo \"got $l\"; done < f","got 1\ngot 2\n","",0],
    ["dash","for i in 1 2; do echo $i; done > f; while read l; do echo \"got $l\"; done < f","got 1\ngot 2\n","",0],
    ["bash","for i in 1 2; do echo $i; done > f; while read l; do echo \"got $l\"; done < f","got 1\ngot 2\n","",0],
    ["ash","x=out.txt; echo v > \"$x\"; cat out.txt","v\n","",0],
    ["dash","x=out.txt; echo v > \"$x\"; cat out.txt","v\n","",0],
    ["bash","x=out.txt; echo v > \"$x\"; cat out.txt","v\n","",0],
    ["ash","echo a > f; cd f; echo st=$?; cd nope; echo st=$?; cd f/x; echo st=$?","st=2\nst=2\nst=2\n","sh: cd: line 0: can't cd to f: Not a directory\nsh: cd: line 0: can't cd to nope: No such file or directory\nsh: cd: line 0: can't cd to f/x: Not a directory\n",0],
    ["dash","echo a > f; cd f; echo st=$?; cd nope; echo st=$?; cd f/x; echo st=$?","st=2\nst=2\nst=2\n","sh: 1: cd: can't cd to f\nsh: 1: cd: can't cd to nope\nsh: 1: cd: can't cd to f/x\n",0],
    ["bash","echo a > f; cd f; echo st=$?; cd nope; echo st=$?; cd f/x; echo st=$?","st=1\nst=1\nst=1\n","bash: line 1: cd: f: Not a directory\nbash: line 1: cd: nope: No such file or directory\nbash: line 1: cd: f/x: Not a directory\n",0],
    ["ash","echo one > f; cat f > f; cat f; echo st=$?","st=0\n","",0],
    ["dash","echo one > f; cat f > f; cat f; echo st=$?","st=0\n","",0],
    ["bash","echo one > f; cat f > f; cat f; echo st=$?","st=0\n","",0],
    ["ash","echo a | cat > f; cat f","a\n","",0],
    ["dash","echo a | cat > f; cat f","a\n","",0],
    ["bash","echo a | cat > f; cat f","a\n","",0],
    ["ash","echo x > f && echo ok || echo failed; echo y > /nope/y && echo ok || echo failed","ok\nfailed\n","sh: can't create /nope/y: nonexistent directory\n",0],
    ["dash","echo x > f && echo ok || echo failed; echo y > /nope/y && echo ok || echo failed","ok\nfailed\n","sh: 1: cannot create /nope/y: Directory nonexistent\n",0],
    ["bash","echo x > f && echo ok || echo failed; echo y > /nope/y && echo ok || echo failed","ok\nfailed\n","bash: line 1: /nope/y: No such file or directory\n",0],
    ["dash","echo a >&5; echo st=$?","st=2\n","sh: 1: 5: Bad file descriptor\n",0],
    ["bash","echo a >&5; echo st=$?","st=1\n","bash: line 1: 5: Bad file descriptor\n",0],
    ["ash","ls /nope &> f; echo st=$?; cat f","st=1\nls: /nope: No such file or directory\n","",0],
    ["bash","ls /nope &> f; echo st=$?; cat f","st=2\nls: cannot access '/nope': No such file or directory\n","",0],
    ["ash","ls /nope >& f; echo st=$?; cat f","st=1\nls: /nope: No such file or directory\n","",0],
    ["bash","ls /nope >& f; echo st=$?; cat f","st=2\nls: cannot access '/nope': No such file or directory\n","",0],
    ["bash","ls /nope &>> f; ls /nope &>> f; cat f","ls: cannot access '/nope': No such file or directory\nls: cannot access '/nope': No such file or directory\n","",0],
    ["dash","echo a; echo b >& f; echo c","a\n","sh: 1: Syntax error: Bad fd number\n",2],
    ["bash","echo a 2>&f; echo st=$?","st=1\n","bash: line 1: f: ambiguous redirect\n",0],
  ];
  for (const [shell, script, stdout, stderr, code] of cases) {
    test(`${shell}: ${JSON.stringify(script)}`, async () => {
      const result = await run(shell, script);
      assert.deepStrictEqual([result.stdout, result.stderr, result.code], [stdout, stderr, code]);
    });
  }
});

suite('programs: what docker diff shows after a shell wrote files', () => {
  // [shell, script, docker diff]: writing copies the directories up (C) and adds the file (A).
  const cases: [string, string, string[]][] = [
    ['ash', 'echo hi > /tmp/x', ['C /tmp', 'A /tmp/x']],
    ['dash', 'echo hi > /root/notes.txt; echo more >> /root/notes.txt', ['C /root', 'A /root/notes.txt']],
    ['bash', 'echo a > /var/tmp/a; echo b > /var/tmp/b', ['C /var', 'C /var/tmp', 'A /var/tmp/a', 'A /var/tmp/b']],
    // An image file opened for writing is copied up even when nothing is written (overlayfs copies up on open).
    ['ash', ': >> /etc/motd', ['C /etc', 'C /etc/motd']],
    ['dash', 'echo 127.0.0.1 db >> /etc/hosts; : > /etc/hostname', []],
    ['bash', 'echo quiet > /dev/null; echo loud > /dev/stderr', []],
    ['ash', 'echo x > /nope/x', []],
    ['dash', 'set -C; : > /tmp/f; echo y > /tmp/f', ['C /tmp', 'A /tmp/f']],
  ];
  for (const [shell, script, diff] of cases) {
    test(`${shell}: ${JSON.stringify(script)} -> ${JSON.stringify(diff)}`, async () => {
      assert.deepStrictEqual((await run(shell, script)).diff, diff);
    });
  }

  test('the file holds what was written, in order, and cat reads it back', async () => {
    const fake = new FakeProcess({ family: 'alpine', image: 'alpine:latest', argv: ['sh', '-c', 'echo one > /tmp/f; echo two >> /tmp/f; printf three >> /tmp/f'] }).start();
    await fake.run();
    assert.deepStrictEqual(fake.files().readFile('/tmp/f'), { type: 'file', content: 'one\ntwo\nthree', mode: 0o644, size: 13 });
  });

  test('nginx: the access log is a symlink to /dev/stdout, so writing to it reaches docker logs', async () => {
    const fake = new FakeProcess({ family: 'debian', image: 'nginx:1.28.0', argv: ['sh', '-c', 'echo by hand >> /var/log/nginx/access.log'] }).start();
    assert.strictEqual(await fake.run(), 0);
    assert.strictEqual(fake.stdout, 'by hand\n');
    assert.deepStrictEqual(fake.files().changes(), []);
  });

  test('nginx: replacing index.html copies its directories up', async () => {
    const fake = new FakeProcess({ family: 'debian', image: 'nginx:1.28.0', argv: ['sh', '-c', 'echo hello > /usr/share/nginx/html/index.html'] }).start();
    await fake.run();
    assert.deepStrictEqual(fake.files().changes().map((change) => `${change.kind} ${change.path}`),
      ['C /usr', 'C /usr/share', 'C /usr/share/nginx', 'C /usr/share/nginx/html', 'C /usr/share/nginx/html/index.html']);
  });

  test('an interactive shell keeps going after a redirection error before a special builtin', async () => {
    const fake = new FakeProcess({ family: 'debian', image: 'debian:bookworm-slim', argv: ['sh'], tty: true, stdin: [': > /nope/x', 'echo still here'] }).start();
    await fake.run();
    assert.match(fake.output, /sh: 1: cannot create \/nope\/x: Directory nonexistent\n# still here\n/);
  });
});
