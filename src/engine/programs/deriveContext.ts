import type { ProcessContext } from './Program';

/** What a child may see differently from its parent: anything, but argv always. */
export type ContextOverrides = Partial<ProcessContext> & { argv: readonly string[] };

/**
 * A context for a program run by another in the same process (a shell's
 * child, a pipeline stage, an entrypoint's exec): the parent's, except what
 * `overrides` replaces. Every other call goes through the parent, so a
 * killed process stays silent and its sleeps never end. The child's own
 * `exec` keeps the child's overrides (its cwd, its redirected output).
 */
export function deriveContext(parent: ProcessContext, overrides: ContextOverrides): ProcessContext {
  const child: ProcessContext = {
    argv: overrides.argv,
    env: overrides.env ?? parent.env,
    hostname: overrides.hostname ?? parent.hostname,
    cwd: overrides.cwd ?? parent.cwd,
    tty: overrides.tty ?? parent.tty,
    interactive: overrides.interactive ?? parent.interactive,
    host: overrides.host ?? parent.host,
    family: overrides.family ?? parent.family,
    imageReference: overrides.imageReference ?? parent.imageReference,
    previousStarts: overrides.previousStarts ?? parent.previousStarts,
    resumed: overrides.resumed ?? parent.resumed,
    startedAt: overrides.startedAt ?? parent.startedAt,
    now: overrides.now ?? (() => parent.now()),
    stdout: overrides.stdout ?? ((text) => parent.stdout(text)),
    stderr: overrides.stderr ?? ((text) => parent.stderr(text)),
    readLine: overrides.readLine ?? (() => parent.readLine()),
    sleep: overrides.sleep ?? ((ms) => parent.sleep(ms)),
    handleSignals: overrides.handleSignals ?? ((names) => parent.handleSignals(names)),
    nextSignal: overrides.nextSignal ?? (() => parent.nextSignal()),
    listen: overrides.listen ?? ((port, handler) => parent.listen(port, handler)),
    readFile: overrides.readFile ?? ((path) => parent.readFile(path)),
    readDir: overrides.readDir ?? ((path) => parent.readDir(path)),
    writeFile: overrides.writeFile ?? ((path, content, options) => parent.writeFile(path, content, options)),
    mkdir: overrides.mkdir ?? ((path, options) => parent.mkdir(path, options)),
    remove: overrides.remove ?? ((path, options) => parent.remove(path, options)),
    symlink: overrides.symlink ?? ((path, target) => parent.symlink(path, target)),
    putFile: overrides.putFile ?? (parent.putFile ? (path, file) => parent.putFile?.(path, file) : undefined),
    processes: overrides.processes ?? (parent.processes ? () => parent.processes?.() ?? [] : undefined),
    resolveProgram: overrides.resolveProgram ?? ((name) => parent.resolveProgram(name)),
    exec: overrides.exec ?? (async (argv, execOverrides) => {
      const program = child.resolveProgram(argv[0] ?? '');
      if (!program) return parent.exec(argv, execOverrides);
      return program(deriveContext(child, { argv, env: execOverrides?.env ?? child.env }));
    }),
  };
  return child;
}

/** A promise that never settles: what a cancelled child's sleeps and reads turn into. */
export function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}
