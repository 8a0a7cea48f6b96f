import * as vscode from 'vscode';
import { runDocker, type DockerResult } from '../cli/runDocker';
import type { UndoHistory } from '../curriculum/UndoHistory';
import type { Engine } from '../engine/Engine';
import type { ContainerSummary } from '../engine/types';
import { confirm } from './confirm';
import type { LabTerminals } from '../terminal/LabTerminals';
import type { ContainerNode } from '../views/ContainersTreeProvider';
import { containerName } from '../views/presentation';

/** A container action of the sidebar and the palette. */
interface ContainerAction {
  /** Command id (package.json). */
  id: string;
  /** Which containers it applies to (Docker's `State`), for the palette's picker. */
  applies(state: string): boolean;
  /** The action on one container; resolves to what docker printed. */
  run(container: ContainerSummary): Promise<DockerResult | undefined>;
  /** Shown while it runs (stop waits for the program to exit, up to 10 s). */
  progress?(name: string): string;
}

const stopped = (state: string) => state === 'created' || state === 'exited' || state === 'dead';
const live = (state: string) => state === 'running' || state === 'paused' || state === 'restarting';

/**
 * Start, Stop, Restart, Pause, Unpause, Remove, Show Logs and Inspect. Each
 * runs the docker command a learner would type (`docker container stop <id>`)
 * through the lab's CLI, so it changes the engine exactly as the terminal
 * does and fails with the same message. From the palette, a picker offers
 * the containers the action applies to; in the view, every selected one.
 */
export function registerContainerCommands(engine: Engine, terminals: LabTerminals, inspect: (kind: 'container' | 'image', reference: string, title: string) => Promise<void>, undo?: UndoHistory): vscode.Disposable[] {
  // Each action is one docker command: "Undo" takes it back like a command typed in the terminal.
  const docker = (...argv: string[]) => (undo ? undo.around(`docker ${argv.join(' ')}`, () => runDocker(engine, argv)) : runDocker(engine, argv));
  const actions: ContainerAction[] = [
    { id: 'dockerLab.containers.start', applies: stopped, run: (c) => docker('container', 'start', c.Id) },
    {
      id: 'dockerLab.containers.stop', applies: live, run: (c) => docker('container', 'stop', c.Id),
      progress: (name) => vscode.l10n.t('Stopping {0}…', name),
    },
    {
      id: 'dockerLab.containers.restart', applies: () => true, run: (c) => docker('container', 'restart', c.Id),
      progress: (name) => vscode.l10n.t('Restarting {0}…', name),
    },
    { id: 'dockerLab.containers.pause', applies: (s) => s === 'running', run: (c) => docker('container', 'pause', c.Id) },
    { id: 'dockerLab.containers.unpause', applies: (s) => s === 'paused', run: (c) => docker('container', 'unpause', c.Id) },
    { id: 'dockerLab.containers.remove', applies: () => true, run: (c) => removeContainer(c, docker) },
    {
      id: 'dockerLab.containers.showLogs', applies: () => true,
      run: async (c) => {
        // As the official container tools do: follow the logs in a terminal; Ctrl+C stops following.
        await terminals.runLine(`docker logs --tail 1000 -f ${containerName(c)}`);
        return undefined;
      },
    },
    {
      id: 'dockerLab.containers.inspect', applies: () => true,
      run: async (c) => {
        await inspect('container', c.Id, containerName(c));
        return undefined;
      },
    },
  ];

  return actions.map((action) => vscode.commands.registerCommand(action.id, async (node?: ContainerNode, selected?: readonly ContainerNode[]) => {
    const targets = selected && selected.length > 0 ? selected.map((n) => n.container) : node ? [node.container] : await pickContainers(engine, action);
    // What docker printed for each target: returned to `executeCommand` callers (tests, other extensions).
    const results: DockerResult[] = [];
    for (const container of targets) {
      const name = containerName(container);
      const work = action.run(container);
      const result = action.progress
        ? await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: action.progress(name) }, () => work)
        : await work;
      if (result) results.push(result);
      if (result && result.status !== 0) {
        // Docker's own words (`Error response from daemon: ...`), as the terminal would print them.
        void vscode.window.showErrorMessage(result.stderr.trim() || vscode.l10n.t('docker exited with status {0}', result.status));
      }
    }
    return results;
  }));
}

async function removeContainer(container: ContainerSummary, docker: (...argv: string[]) => Promise<DockerResult>): Promise<DockerResult | undefined> {
  const name = containerName(container);
  const running = container.State === 'running' || container.State === 'paused' || container.State === 'restarting';
  const remove = vscode.l10n.t('Remove');
  const message = running
    ? vscode.l10n.t('Container "{0}" is running. Stop and remove it (docker rm -f)?', name)
    : vscode.l10n.t('Remove container "{0}" (docker rm)?', name);
  if (!(await confirm(message, remove))) return undefined;
  return running ? docker('container', 'rm', '--force', container.Id) : docker('container', 'rm', container.Id);
}

async function pickContainers(engine: Engine, action: ContainerAction): Promise<ContainerSummary[]> {
  const candidates = engine.observe(() => engine.containerList({ all: true })).filter((c) => action.applies(c.State));
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No container this applies to.'));
    return [];
  }
  const picked = await vscode.window.showQuickPick(candidates.map((container) => ({
    label: containerName(container),
    description: `${container.Image} · ${container.Status}`,
    detail: container.Id.slice(0, 12),
    container,
  })), { placeHolder: vscode.l10n.t('Choose a container') });
  return picked ? [picked.container] : [];
}
