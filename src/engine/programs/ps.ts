import { notSimulatedMessage } from './notSimulated';
import type { ContainerProcessInfo, ProcessContext, Program } from './Program';

/**
 * `ps` inside a container: the container's own processes, numbered as its
 * PID namespace numbers them (the main process is 1). Busybox's applet on
 * Alpine and BusyBox images, procps's `ps` elsewhere. The lab keeps no CPU
 * time, so TIME is always zero.
 */
export const ps: Program = async (ctx) => (ctx.family === 'alpine' || ctx.family === 'busybox' ? busyboxPs(ctx) : procpsPs(ctx));

/** The listed processes, with this `ps` itself: an exec of `ps` is already there, a shell's child is not. */
function processTable(ctx: ProcessContext): ContainerProcessInfo[] {
  const list = [...(ctx.processes?.() ?? [])];
  const last = list[list.length - 1];
  const isSelf = last !== undefined && last.pid !== 1 && last.argv.join(' ') === ctx.argv.join(' ');
  if (!isSelf) list.push({ pid: Math.max(1, ...list.map((p) => p.pid)) + 6, argv: ctx.argv, tty: ctx.tty });
  return list;
}

/** busybox ps: `PID   USER     TIME  COMMAND`, the whole command line, options ignored as busybox without ps -o does. */
function busyboxPs(ctx: ProcessContext): number {
  let text = 'PID   USER     TIME  COMMAND\n';
  for (const process of processTable(ctx)) {
    text += `${String(process.pid).padStart(5)} ${(process.user ?? 'root').slice(0, 8).padEnd(8)} ${'0:00'.padStart(5)} ${process.argv.join(' ')}\n`;
  }
  ctx.stdout(text);
  return 0;
}

/** procps ps without options (or -e, -A): PID, TTY, TIME and the command's name. */
function procpsPs(ctx: ProcessContext): number {
  const options = ctx.argv.slice(1);
  if (options.some((option) => option !== '-e' && option !== '-A')) {
    ctx.stderr(notSimulatedMessage(`ps ${options.join(' ')}`));
    return 1;
  }
  const all = options.length > 0;
  let text = '    PID TTY          TIME CMD\n';
  for (const process of processTable(ctx)) {
    // Without -e, ps lists the processes on the caller's terminal (none: those without one).
    if (!all && process.tty !== ctx.tty) continue;
    const name = (process.argv[0] ?? '').slice((process.argv[0] ?? '').lastIndexOf('/') + 1).slice(0, 15);
    text += `${String(process.pid).padStart(7)} ${(process.tty ? 'pts/0' : '?').padEnd(8)} 00:00:00 ${name}\n`;
  }
  ctx.stdout(text);
  return 0;
}
