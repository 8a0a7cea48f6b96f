import type { HostFiles } from '../cli/HostFiles';
import type { Engine } from '../engine/Engine';
import { createShellHost } from '../shell/createShellHost';
import { LabShell } from '../shell/LabShell';

/** What a script of command lines did. */
export interface ScriptRun {
  /** The last line's exit status. */
  status: number;
  /** Each line as it ran, with its status. */
  lines: { text: string; status: number }[];
  /** stdout and stderr interleaved, as a terminal would show them. */
  output: string;
}

/**
 * Runs command lines through the lab shell in batch mode against `engine`:
 * exactly what typing them in a Docker Lab terminal would do, without a
 * terminal. A lesson's setup ("Reset lesson") and its solutions run this way.
 */
export async function runLines(engine: Engine, lines: readonly string[], hostFiles?: HostFiles): Promise<ScriptRun> {
  const shell = new LabShell(createShellHost(engine, hostFiles), { batchColumns: 100 });
  const run: ScriptRun = { status: 0, lines: [], output: '' };
  const subscriptions = [
    shell.onOutput((text) => (run.output += text)),
    shell.onErrorOutput((text) => (run.output += text)),
    shell.onDidExecute((result) => run.lines.push({ text: result.text, status: result.status })),
  ];
  const queue = [...lines];
  try {
    run.status = await shell.runScript({ readLine: async () => queue.shift() ?? null }, { readLine: async () => null });
  } finally {
    for (const subscription of subscriptions) subscription.dispose();
    shell.dispose();
  }
  return run;
}
