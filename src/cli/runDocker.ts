import type { Engine } from '../engine/Engine';
import { Emitter } from '../engine/Emitter';
import { DockerCli } from './DockerCli';

/** What one docker command printed, and its exit status. */
export interface DockerResult {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `docker <argv...>` against `engine` with no terminal (no TTY, no
 * stdin) and collects what it prints: the sidebar's actions run the very
 * commands a learner would type, so they fail the same way, in Docker's words.
 */
export async function runDocker(engine: Engine, argv: readonly string[]): Promise<DockerResult> {
  let stdout = '';
  let stderr = '';
  const interrupt = new Emitter<void>();
  const status = await new DockerCli(engine, {}).run(argv, {
    stdout: { write: (text) => (stdout += text) },
    stderr: { write: (text) => (stderr += text) },
    stdin: { readLine: () => Promise.resolve(null) },
    isTTY: false,
    columns: 80,
    onInterrupt: interrupt.event,
  });
  return { status, stdout, stderr };
}
