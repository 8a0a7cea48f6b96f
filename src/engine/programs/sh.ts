import { never } from './deriveContext';
import { notSimulatedMessage } from './notSimulated';
import { readFollowing } from './readFollowing';
import type { ProcessContext, Program } from './Program';
import { resolvePath } from './resolvePath';
import type { ShellMode } from './shell/Shell';
import { Shell } from './shell/Shell';
import type { ShellFlavor } from './shell/ShellFlavor';
import type { Streams } from './shell/Streams';

/**
 * A shell program: busybox ash (`sh` and `ash` on alpine and busybox), dash
 * (`sh` on Debian and Ubuntu) or bash. Invocations as the images use them:
 *
 * - `sh -c 'commands' [name [args...]]`
 * - `sh script [args...]` (the script is read from the container's files)
 * - `sh` with a terminal (`docker run -it`): an interactive shell with its
 *   prompt (`/ # `, `# `, `root@<hostname>:/# `) until `exit` or Ctrl+D
 * - `sh` without one: commands read from stdin, no prompt; with stdin closed
 *   (plain `docker run alpine`) that is end of input at once: exit 0.
 */
export function shell(flavor: ShellFlavor): Program {
  return (ctx) => runShell(ctx, flavor);
}

async function runShell(ctx: ProcessContext, flavor: ShellFlavor): Promise<number> {
  const argv = ctx.argv;
  const invokedAs = argv[0] ?? (flavor === 'bash' ? 'bash' : 'sh');
  let command: string | undefined;
  let forceInteractive = false;
  let fromStdin = false;
  let errexit = false;
  let xtrace = false;
  let i = 1;
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') { i++; break; }
    if (flavor === 'bash' && arg.startsWith('--')) {
      if (arg === '--login' || arg === '--norc' || arg === '--noprofile' || arg === '--posix') continue;
      if (arg === '--version' || arg === '--help') {
        ctx.stderr(notSimulatedMessage(`bash ${arg}`));
        return 1;
      }
      ctx.stderr(`${invokedAs}: ${arg}: invalid option\n`);
      return 2;
    }
    if (arg === '-o' || arg === '+o') { i++; continue; }
    if (!/^[-+][a-zA-Z]+$/.test(arg)) break;
    for (const flag of arg.slice(1)) {
      if (flag === 'c') command = '';
      else if (flag === 'i') forceInteractive = true;
      else if (flag === 's') fromStdin = true;
      else if (flag === 'e') errexit = true;
      else if (flag === 'x') xtrace = true;
    }
  }
  const streams: Streams = {
    stdout: (text) => ctx.stdout(text),
    stderr: (text) => ctx.stderr(text),
    readLine: () => ctx.readLine(),
    broken: () => false,
  };

  if (command !== undefined) {
    if (i >= argv.length) {
      const message = flavor === 'bash' ? `${invokedAs}: -c: option requires an argument\n`
        : flavor === 'dash' ? `${invokedAs}: 0: -c requires an argument\n` : `${invokedAs}: -c requires an argument\n`;
      ctx.stderr(message);
      return 2;
    }
    command = argv[i];
    const rest = argv.slice(i + 1);
    const sh = new Shell(ctx, { flavor, mode: 'command', arg0: rest[0] ?? invokedAs, positional: rest.slice(1) });
    setOptions(sh, errexit, xtrace);
    return sh.runProgram(command, streams);
  }

  if (i < argv.length && !fromStdin) {
    const script = argv[i];
    const entry = readFollowing(ctx, resolvePath(ctx.cwd, script));
    if (!entry || entry.type !== 'file' || entry.content === undefined) {
      const reason = entry?.type === 'dir' ? 'Is a directory' : 'No such file or directory';
      if (flavor === 'bash') ctx.stderr(`${invokedAs}: ${script}: ${reason}\n`);
      else if (flavor === 'dash') ctx.stderr(`${invokedAs}: 0: cannot open ${script}: ${reason === 'Is a directory' ? reason : 'No such file'}\n`);
      else ctx.stderr(`${invokedAs}: can't open '${script}': ${reason}\n`);
      return flavor === 'bash' ? 126 + (entry ? 0 : 1) : 2;
    }
    const sh = new Shell(ctx, { flavor, mode: 'script', arg0: script, positional: argv.slice(i + 1) });
    setOptions(sh, errexit, xtrace);
    return sh.runProgram(entry.content, streams);
  }

  const interactive = forceInteractive || ctx.tty;
  const positional = argv.slice(i);
  const mode: ShellMode = interactive ? 'interactive' : 'stdin';
  const sh = new Shell(ctx, { flavor, mode, arg0: invokedAs, positional });
  setOptions(sh, errexit, xtrace);
  if (interactive && !ctx.interactive && !forceInteractive) {
    // `docker run -t` without -i: the shell has a terminal (so it prompts) but nothing can ever be typed.
    streams.stderr(sh.prompt());
    return never();
  }
  return sh.runInput(streams);
}

function setOptions(sh: Shell, errexit: boolean, xtrace: boolean): void {
  if (errexit) sh.setOption('e', true);
  if (xtrace) sh.setOption('x', true);
}
