import * as assert from 'node:assert';
import type { BaseFamily } from '../../../src/engine/Registry';
import { FakeProcess, runCommand } from './FakeProcess';

const IMAGE_OF: Record<string, string> = { alpine: 'alpine:latest', debian: 'debian:bookworm-slim' };

suite('programs: sh -c (ash, dash, bash)', () => {
  // Recorded from the real shells (busybox 1.37 ash, dash 0.5.12, bash 5.2) run
  // as `sh -c` / `bash -c` with PATH, HOSTNAME=c0ffee123456 and HOME=/root.
  // [family, shell, script, stdout, stderr, exit code]
  const cases: [BaseFamily, string, string, string, string, number][] = [
    ["alpine", "sh", "echo \"a  b\" 'c  d' e\\ f \"$HOME\" '$HOME'", "a  b c  d e f /root $HOME\n", "", 0],
    ["debian", "sh", "echo \"a  b\" 'c  d' e\\ f \"$HOME\" '$HOME'", "a  b c  d e f /root $HOME\n", "", 0],
    ["debian", "bash", "echo \"a  b\" 'c  d' e\\ f \"$HOME\" '$HOME'", "a  b c  d e f /root $HOME\n", "", 0],
    ["alpine", "sh", "x=1; y=\"$x two\"; echo $y; echo \"$y\"; echo ${#y} ${z:-def}", "1 two\n1 two\n5 def\n", "", 0],
    ["debian", "sh", "x=1; y=\"$x two\"; echo $y; echo \"$y\"; echo ${#y} ${z:-def}", "1 two\n1 two\n5 def\n", "", 0],
    ["debian", "bash", "x=1; y=\"$x two\"; echo $y; echo \"$y\"; echo ${#y} ${z:-def}", "1 two\n1 two\n5 def\n", "", 0],
    ["alpine", "sh", "echo $((1+2*3)) $((10/3)) $((10%3))", "7 3 1\n", "", 0],
    ["debian", "sh", "echo $((1+2*3)) $((10/3)) $((10%3))", "7 3 1\n", "", 0],
    ["debian", "bash", "echo $((1+2*3)) $((10/3)) $((10%3))", "7 3 1\n", "", 0],
    ["alpine", "sh", "foo; echo status=$?", "status=127\n", "sh: foo: not found\n", 0],
    ["debian", "sh", "foo; echo status=$?", "status=127\n", "sh: 1: foo: not found\n", 0],
    ["debian", "bash", "foo; echo status=$?", "status=127\n", "bash: line 1: foo: command not found\n", 0],
    ["alpine", "sh", "echo a && false || echo c; exit 7", "a\nc\n", "", 7],
    ["debian", "sh", "echo a && false || echo c; exit 7", "a\nc\n", "", 7],
    ["debian", "bash", "echo a && false || echo c; exit 7", "a\nc\n", "", 7],
    ["alpine", "sh", "i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done", "0\n1\n2\n", "", 0],
    ["debian", "sh", "i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done", "0\n1\n2\n", "", 0],
    ["debian", "bash", "i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done", "0\n1\n2\n", "", 0],
    ["alpine", "sh", "for i in a b c; do echo \"item $i\"; done", "item a\nitem b\nitem c\n", "", 0],
    ["debian", "sh", "for i in a b c; do echo \"item $i\"; done", "item a\nitem b\nitem c\n", "", 0],
    ["debian", "bash", "for i in a b c; do echo \"item $i\"; done", "item a\nitem b\nitem c\n", "", 0],
    ["alpine", "sh", "case hello in h*) echo matched;; *) echo other;; esac", "matched\n", "", 0],
    ["debian", "sh", "case hello in h*) echo matched;; *) echo other;; esac", "matched\n", "", 0],
    ["debian", "bash", "case hello in h*) echo matched;; *) echo other;; esac", "matched\n", "", 0],
    ["alpine", "sh", "f=/usr/local/bin/app.tar.gz; echo ${f##*/} ${f%%.*} ${f%.gz}", "app.tar.gz /usr/local/bin/app /usr/local/bin/app.tar\n", "", 0],
    ["debian", "sh", "f=/usr/local/bin/app.tar.gz; echo ${f##*/} ${f%%.*} ${f%.gz}", "app.tar.gz /usr/local/bin/app /usr/local/bin/app.tar\n", "", 0],
    ["debian", "bash", "f=/usr/local/bin/app.tar.gz; echo ${f##*/} ${f%%.*} ${f%.gz}", "app.tar.gz /usr/local/bin/app /usr/local/bin/app.tar\n", "", 0],
    ["alpine", "sh", "echo $(echo inner) \"$(echo quoted  inner)\"; x=$(false); echo $?", "inner quoted inner\n1\n", "", 0],
    ["debian", "sh", "echo $(echo inner) \"$(echo quoted  inner)\"; x=$(false); echo $?", "inner quoted inner\n1\n", "", 0],
    ["debian", "bash", "echo $(echo inner) \"$(echo quoted  inner)\"; x=$(false); echo $?", "inner quoted inner\n1\n", "", 0],
    ["alpine", "sh", "set -- a b c; echo $# $1; shift; echo \"$@\"", "3 a\nb c\n", "", 0],
    ["debian", "sh", "set -- a b c; echo $# $1; shift; echo \"$@\"", "3 a\nb c\n", "", 0],
    ["debian", "bash", "set -- a b c; echo $# $1; shift; echo \"$@\"", "3 a\nb c\n", "", 0],
    ["alpine", "sh", "cd /tmp; pwd; cd /nonexistent; echo after", "/tmp\nafter\n", "sh: cd: line 0: can't cd to /nonexistent: No such file or directory\n", 0],
    ["debian", "sh", "cd /tmp; pwd; cd /nonexistent; echo after", "/tmp\nafter\n", "sh: 1: cd: can't cd to /nonexistent\n", 0],
    ["debian", "bash", "cd /tmp; pwd; cd /nonexistent; echo after", "/tmp\nafter\n", "bash: line 1: cd: /nonexistent: No such file or directory\n", 0],
    ["alpine", "sh", "exit abc", "", "sh: exit: line 0: Illegal number: abc\n", 2],
    ["debian", "sh", "exit abc", "", "sh: 1: exit: Illegal number: abc\n", 2],
    ["debian", "bash", "exit abc", "", "bash: line 1: exit: abc: numeric argument required\n", 2],
    ["alpine", "sh", "[ abc -eq 1 ]", "", "sh: abc: bad number\n", 2],
    ["debian", "sh", "[ abc -eq 1 ]", "", "sh: 1: [: Illegal number: abc\n", 2],
    ["debian", "bash", "[ abc -eq 1 ]", "", "bash: line 1: [: abc: integer expression expected\n", 2],
    ["alpine", "sh", "echo -n no newline; echo; echo -e 'a\\tb'", "no newline\na\tb\n", "", 0],
    ["debian", "sh", "echo -n no newline; echo; echo -e 'a\\tb'", "no newline\n-e a\tb\n", "", 0],
    ["debian", "bash", "echo -n no newline; echo; echo -e 'a\\tb'", "no newline\na\tb\n", "", 0],
    ["alpine", "sh", "echo \"unterminated", "", "sh: syntax error: unterminated quoted string\n", 2],
    ["debian", "sh", "echo \"unterminated", "", "sh: 1: Syntax error: Unterminated quoted string\n", 2],
    ["debian", "bash", "echo \"unterminated", "", "bash: -c: line 1: unexpected EOF while looking for matching `\"'\n", 2],
    ["alpine", "sh", "while true; do echo", "", "sh: syntax error: unexpected end of file (expecting \"done\")\n", 2],
    ["debian", "sh", "while true; do echo", "", "sh: 1: Syntax error: end of file unexpected (expecting \"done\")\n", 2],
    ["debian", "bash", "while true; do echo", "", "bash: -c: line 2: syntax error: unexpected end of file\n", 2],
    ["alpine", "sh", "echo one; echo two >&2; echo three", "one\nthree\n", "two\n", 0],
    ["debian", "sh", "echo one; echo two >&2; echo three", "one\nthree\n", "two\n", 0],
    ["debian", "bash", "echo one; echo two >&2; echo three", "one\nthree\n", "two\n", 0],
    ["alpine", "sh", "f() { echo \"in f $1\"; return 3; }; f arg; echo $?", "in f arg\n3\n", "", 0],
    ["debian", "sh", "f() { echo \"in f $1\"; return 3; }; f arg; echo $?", "in f arg\n3\n", "", 0],
    ["debian", "bash", "f() { echo \"in f $1\"; return 3; }; f arg; echo $?", "in f arg\n3\n", "", 0],
    ["alpine", "sh", "(exit 4); echo $?; (x=inner); echo \"x=$x\"", "4\nx=\n", "", 0],
    ["debian", "sh", "(exit 4); echo $?; (x=inner); echo \"x=$x\"", "4\nx=\n", "", 0],
    ["debian", "bash", "(exit 4); echo $?; (x=inner); echo \"x=$x\"", "4\nx=\n", "", 0],
    ["alpine", "sh", "a=\"1 2   3\"; for w in $a; do echo \"[$w]\"; done; for w in \"$a\"; do echo \"[$w]\"; done", "[1]\n[2]\n[3]\n[1 2   3]\n", "", 0],
    ["debian", "sh", "a=\"1 2   3\"; for w in $a; do echo \"[$w]\"; done; for w in \"$a\"; do echo \"[$w]\"; done", "[1]\n[2]\n[3]\n[1 2   3]\n", "", 0],
    ["debian", "bash", "a=\"1 2   3\"; for w in $a; do echo \"[$w]\"; done; for w in \"$a\"; do echo \"[$w]\"; done", "[1]\n[2]\n[3]\n[1 2   3]\n", "", 0],
    ["alpine", "sh", "echo a b | while read x y; do echo \"x=$x y=$y\"; done", "x=a y=b\n", "", 0],
    ["debian", "sh", "echo a b | while read x y; do echo \"x=$x y=$y\"; done", "x=a y=b\n", "", 0],
    ["debian", "bash", "echo a b | while read x y; do echo \"x=$x y=$y\"; done", "x=a y=b\n", "", 0],
    ["alpine", "sh", "printf '%s=%d\\n' a 1 b 2 | head -n 1", "a=1\n", "", 0],
    ["debian", "sh", "printf '%s=%d\\n' a 1 b 2 | head -n 1", "a=1\n", "", 0],
    ["debian", "bash", "printf '%s=%d\\n' a 1 b 2 | head -n 1", "a=1\n", "", 0],
    ["alpine", "sh", "echo $((1/0))", "", "sh: divide by zero\n", 2],
    ["debian", "sh", "echo $((1/0))", "", "sh: 1: arithmetic expression: division by zero: \"1/0\"\n", 2],
    ["debian", "bash", "echo $((1/0))", "", "bash: line 1: 1/0: division by 0 (error token is \"0\")\n", 1],
    ["alpine", "sh", "env", "HOSTNAME=c0ffee123456\nSHLVL=1\nHOME=/root\nPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nPWD=/\n", "", 0],
    ["debian", "sh", "env", "HOSTNAME=c0ffee123456\nHOME=/root\nPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nPWD=/\n", "", 0],
    ["debian", "bash", "env", "HOSTNAME=c0ffee123456\nPWD=/\nHOME=/root\nSHLVL=0\nPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n_=/usr/bin/env\n", "", 0],
    ["alpine", "sh", "export FOO=bar; BAR=baz env\n", "HOSTNAME=c0ffee123456\nSHLVL=1\nHOME=/root\nPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nBAR=baz\nFOO=bar\nPWD=/\n", "", 0],
    ["debian", "sh", "export FOO=bar; BAR=baz env\n", "HOSTNAME=c0ffee123456\nHOME=/root\nPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nBAR=baz\nFOO=bar\nPWD=/\n", "", 0],
    ["debian", "bash", "export FOO=bar; BAR=baz env\n", "BAR=baz\nHOSTNAME=c0ffee123456\nPWD=/\nFOO=bar\nHOME=/root\nSHLVL=0\nPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n_=/usr/bin/env\n", "", 0],
    ["alpine", "sh", "done", "", "sh: syntax error: unexpected \"done\"\n", 2],
    ["debian", "sh", "done", "", "sh: 1: Syntax error: \"done\" unexpected\n", 2],
    ["debian", "bash", "done", "", "bash: -c: line 1: syntax error near unexpected token `done'\nbash: -c: line 1: `done'\n", 2],
    ["alpine", "sh", "echo one\nfi", "one\n", "sh: syntax error: unexpected \"fi\"\n", 2],
    ["debian", "sh", "echo one\nfi", "one\n", "sh: 2: Syntax error: \"fi\" unexpected\n", 2],
    ["debian", "bash", "echo one\nfi", "one\n", "bash: -c: line 2: syntax error near unexpected token `fi'\nbash: -c: line 2: `fi'\n", 2],
    ["alpine", "sh", "echo ${", "", "sh: syntax error: missing '}'\n", 2],
    ["debian", "sh", "echo ${", "", "sh: 1: Syntax error: Missing '}'\n", 2],
    ["debian", "bash", "echo ${", "", "bash: -c: line 1: unexpected EOF while looking for matching `}'\n", 2],
    ["alpine", "sh", "echo $((", "", "sh: syntax error: missing '))'\n", 2],
    ["debian", "sh", "echo $((", "", "sh: 1: Syntax error: Missing '))'\n", 2],
    ["debian", "bash", "echo $((", "", "bash: -c: line 1: unexpected EOF while looking for matching `)'\n", 2],
    ["alpine", "sh", "for; do", "", "sh: syntax error: bad for loop variable\n", 2],
    ["debian", "sh", "for; do", "", "sh: 1: Syntax error: Bad for loop variable\n", 2],
    ["debian", "bash", "for; do", "", "bash: -c: line 1: syntax error near unexpected token `;'\nbash: -c: line 1: `for; do'\n", 2],
    ["alpine", "sh", "echo \"$@\" $# $0", "0 sh\n", "", 0],
    ["debian", "sh", "echo \"$@\" $# $0", "0 sh\n", "", 0],
    ["debian", "bash", "echo \"$@\" $# $0", "0 bash\n", "", 0],
    ["alpine", "sh", "PATH=/nowhere; ls", "", "sh: ls: not found\n", 127],
    ["debian", "sh", "PATH=/nowhere; ls", "", "sh: 1: ls: not found\n", 127],
    ["debian", "bash", "PATH=/nowhere; ls", "", "bash: line 1: ls: command not found\n", 127],
    ["alpine", "sh", "command -v echo nosuch; echo $?", "echo\n0\n", "", 0],
    ["debian", "sh", "command -v echo nosuch; echo $?", "echo\n0\n", "", 0],
    ["debian", "bash", "command -v echo nosuch; echo $?", "echo\n0\n", "", 0],
    ["alpine", "sh", "type cd nosuch", "cd is a shell builtin\nnosuch: not found\n", "", 127],
    ["debian", "sh", "type cd nosuch", "cd is a shell builtin\nnosuch: not found\n", "", 127],
    ["debian", "bash", "type cd nosuch", "cd is a shell builtin\n", "bash: line 1: type: nosuch: not found\n", 1],
    ["alpine", "sh", "cat < /nonexistent", "", "sh: can't open /nonexistent: no such file\n", 1],
    ["debian", "sh", "cat < /nonexistent", "", "sh: 1: cannot open /nonexistent: No such file\n", 2],
    ["debian", "bash", "cat < /nonexistent", "", "bash: line 1: /nonexistent: No such file or directory\n", 1],
    ["alpine", "sh", "x=abc; echo ${x%c} ${x#a} ${#x}; echo ${y:?}", "ab bc 3\n", "sh: y: parameter not set or null\n", 2],
    ["debian", "sh", "x=abc; echo ${x%c} ${x#a} ${#x}; echo ${y:?}", "ab bc 3\n", "sh: 1: y: parameter not set or null\n", 2],
    ["debian", "bash", "x=abc; echo ${x%c} ${x#a} ${#x}; echo ${y:?}", "ab bc 3\n", "bash: line 1: y: parameter null or not set\n", 127],
    ["alpine", "sh", "set -e; false; echo never", "", "", 1],
    ["debian", "sh", "set -e; false; echo never", "", "", 1],
    ["debian", "bash", "set -e; false; echo never", "", "", 1],
    ["alpine", "sh", "trap 'echo on exit' EXIT; exit 3", "on exit\n", "", 3],
    ["debian", "sh", "trap 'echo on exit' EXIT; exit 3", "on exit\n", "", 3],
    ["debian", "bash", "trap 'echo on exit' EXIT; exit 3", "on exit\n", "", 3],
    ["alpine", "sh", "return 5; echo after", "", "", 5],
    ["debian", "sh", "return 5; echo after", "", "", 5],
    ["debian", "bash", "return 5; echo after", "after\n", "bash: line 1: return: can only `return' from a function or sourced script\n", 0],
    ["alpine", "sh", "break; echo after", "after\n", "", 0],
    ["debian", "sh", "break; echo after", "after\n", "", 0],
    ["debian", "bash", "break; echo after", "after\n", "bash: line 1: break: only meaningful in a `for', `while', or `until' loop\n", 0],
    ["alpine", "sh", "echo a & echo b; wait\n", "b\na\n", "", 0],
    ["debian", "sh", "echo a & echo b; wait\n", "b\na\n", "", 0],
  ];
  for (const [family, shell, script, stdout, stderr, code] of cases) {
    test(`${family === 'alpine' ? 'ash' : shell === 'sh' ? 'dash' : 'bash'}: ${JSON.stringify(script)}`, async () => {
      const result = await runCommand({ family, image: IMAGE_OF[family], argv: [shell, '-c', script] });
      assert.deepStrictEqual([result.stdout, result.stderr, result.code], [stdout, stderr, code]);
    });
  }
});

suite('programs: interactive shells (docker run -it)', () => {
  const interactive = (family: BaseFamily, image: string, argv: string[], stdin: string[]) =>
    runCommand({ family, image, argv, tty: true, interactive: true, stdin });

  test('alpine: `/ # ` prompt (busybox PS1 \\w \\$), ~ for HOME, errors named after /bin/sh, newline at EOF', async () => {
    const result = await interactive('alpine', 'alpine', ['/bin/sh'], ['echo hi', 'foo', 'cd /root', 'cd /tmp']);
    assert.strictEqual(result.output, '/ # hi\n/ # /bin/sh: foo: not found\n/ # ~ # /tmp # \n');
    assert.strictEqual(result.code, 0);
  });

  test('debian bash: root@<hostname>:/# prompt from /etc/bash.bashrc, `exit` says exit', async () => {
    const result = await interactive('debian', 'debian:bookworm-slim', ['bash'], ['foo', 'cd /root', 'exit 3']);
    assert.strictEqual(result.output, 'root@c0ffee123456:/# bash: foo: command not found\nroot@c0ffee123456:/# root@c0ffee123456:~# exit\n');
    assert.strictEqual(result.code, 3);
  });

  test('ubuntu /bin/bash: the same prompt; Ctrl+D (EOF) prints exit', async () => {
    const result = await interactive('ubuntu', 'ubuntu:24.04', ['/bin/bash'], ['echo $0']);
    assert.strictEqual(result.output, 'root@c0ffee123456:/# /bin/bash\nroot@c0ffee123456:/# exit\n');
    assert.strictEqual(result.code, 0);
  });

  test('dash: `# ` prompt, line numbers in errors even interactively', async () => {
    const result = await interactive('debian', 'debian:bookworm-slim', ['sh'], ['echo one', 'foo']);
    assert.strictEqual(result.output, '# one\n# sh: 2: foo: not found\n# \n');
  });

  test('mysql (Oracle Linux) bash keeps bash\'s default prompt bash-5.1#', async () => {
    const result = await interactive('oraclelinux', 'mysql:latest', ['bash'], ['true']);
    assert.strictEqual(result.output, 'bash-5.1# bash-5.1# exit\n');
  });

  test('an unfinished command gets the PS2 prompt `> ` and runs when complete', async () => {
    const result = await interactive('alpine', 'alpine', ['/bin/sh'], ['for i in 1 2; do', 'echo $i', 'done']);
    assert.strictEqual(result.output, '/ # > > 1\n2\n/ # \n');
  });

  test('Ctrl+C (SIGINT) ends the foreground program and the shell prompts again', async () => {
    const process = new FakeProcess({ family: 'alpine', image: 'alpine', argv: ['/bin/sh'], tty: true, interactive: true, stdin: ['sleep 100'], keepStdinOpen: true }).start();
    await process.advance(5000);
    assert.strictEqual(process.output, '/ # ');
    process.signal('SIGINT');
    await process.advance(1);
    assert.strictEqual(process.output, '/ # \n/ # ');
    process.type('echo $?');
    await process.advance(1);
    assert.strictEqual(process.output, '/ # \n/ # 130\n/ # ');
    process.type(null);
    assert.strictEqual(await process.run(), 0);
  });

  test('-t without -i: the shell prompts but can never read, and waits until killed', async () => {
    const process = new FakeProcess({ family: 'debian', image: 'debian:bookworm-slim', argv: ['bash'], tty: true, interactive: false }).start();
    await process.advance(60_000);
    assert.strictEqual(process.output, 'root@c0ffee123456:/# ');
    assert.strictEqual(process.exitCode, undefined);
    process.signal('SIGKILL');
    assert.strictEqual(await process.exited, 137);
  });
});

suite('programs: shells without a terminal', () => {
  test('docker run alpine: sh with stdin closed reads end of input and exits 0 at once, silently', async () => {
    const result = await runCommand({ family: 'alpine', image: 'alpine', argv: ['/bin/sh'] });
    assert.deepStrictEqual([result.output, result.code], ['', 0]);
  });

  test('docker run -i alpine sh: commands come from stdin, without prompts', async () => {
    const result = await runCommand({ family: 'alpine', image: 'alpine', argv: ['sh'], stdin: ['echo a', 'foo', 'echo b'] });
    assert.strictEqual(result.stdout, 'a\nb\n');
    assert.strictEqual(result.stderr, 'sh: foo: not found\n');
    assert.strictEqual(result.code, 0);
  });

  test('a syntax error on stdin ends a non-interactive shell with 2', async () => {
    const result = await runCommand({ family: 'debian', image: 'debian:bookworm-slim', argv: ['bash'], stdin: ['echo one', 'done', 'echo never'] });
    assert.strictEqual(result.stdout, 'one\n');
    assert.strictEqual(result.stderr, "bash: line 2: syntax error near unexpected token `done'\nbash: line 2: `done'\n");
    assert.strictEqual(result.code, 2);
  });

  test('while true; do echo hi; sleep 1; done prints once a second of lab time', async () => {
    const process = new FakeProcess({ family: 'alpine', image: 'alpine', argv: ['sh', '-c', 'while true; do echo hi; sleep 1; done'] }).start();
    await process.advance(2500);
    assert.strictEqual(process.stdout, 'hi\nhi\nhi\n');
  });

  test('as PID 1 the shell handles no signal: SIGTERM changes nothing, SIGKILL ends it (137)', async () => {
    const process = new FakeProcess({ family: 'debian', image: 'debian:bookworm-slim', argv: ['sh', '-c', 'while true; do sleep 1; done'] }).start();
    await process.advance(100);
    process.signal('SIGTERM');
    await process.advance(10_000);
    assert.strictEqual(process.exitCode, undefined);
    process.signal('SIGKILL');
    assert.strictEqual(await process.exited, 137);
  });

  test('a trap makes PID 1 receive SIGTERM: it runs after the current sleep finishes', async () => {
    const process = new FakeProcess({ family: 'alpine', image: 'alpine', argv: ['sh', '-c', 'trap "echo bye; exit 3" TERM; while true; do sleep 1; done'] }).start();
    await process.advance(1500);
    process.signal('SIGTERM');
    await process.advance(1000);
    assert.strictEqual(process.stdout, 'bye\n');
    assert.strictEqual(await process.exited, 3);
  });

  test('the last command of sh -c replaces the shell: nginx gets docker stop\'s SIGQUIT itself', async () => {
    const process = new FakeProcess({ family: 'debian', image: 'nginx:1.28.0', argv: ['sh', '-c', "echo starting; exec nginx -g 'daemon off;'"] }).start();
    await process.advance(10);
    assert.ok(process.stdout.startsWith('starting\n'));
    assert.ok(process.http.has(80));
    process.signal('SIGQUIT');
    assert.strictEqual(await process.exited, 0);
    assert.match(process.stderr, /\[notice\] 1#1: exit\n$/);
  });

  test('pipes: yes | head -n 3 ends (yes stops when its reader is gone)', async () => {
    const result = await runCommand({ family: 'debian', image: 'debian:bookworm-slim', argv: ['sh', '-c', 'yes | head -n 3; echo done'] });
    assert.strictEqual(result.stdout, 'y\ny\ny\ndone\n');
  });

  test('pipes: grep filters what env prints', async () => {
    const result = await runCommand({ family: 'alpine', image: 'alpine', argv: ['sh', '-c', 'env | grep -c HOME; env | grep ^HOSTNAME='] });
    assert.strictEqual(result.stdout, '1\nHOSTNAME=c0ffee123456\n');
  });

  test('cd changes where the commands after it run', async () => {
    const result = await runCommand({ family: 'debian', image: 'nginx:1.28.0', argv: ['sh', '-c', 'cd /usr/share/nginx/html && ls && pwd && cat 50x.html | head -n 1'] });
    assert.strictEqual(result.stdout, '50x.html\nindex.html\n/usr/share/nginx/html\n<!DOCTYPE html>\n');
  });

  test('globbing expands against the container\'s files', async () => {
    const result = await runCommand({ family: 'debian', image: 'nginx:1.28.0', argv: ['sh', '-c', 'echo /usr/share/nginx/html/*.html /nothing/*'] });
    assert.strictEqual(result.stdout, '/usr/share/nginx/html/50x.html /usr/share/nginx/html/index.html /nothing/*\n');
  });
});
