import * as vscode from 'vscode';
import { runDocker } from '../cli/runDocker';
import type { UndoHistory } from '../curriculum/UndoHistory';
import type { Engine } from '../engine/Engine';
import { confirm } from './confirm';
import type { LabTerminals } from '../terminal/LabTerminals';
import type { ImageNode } from '../views/ImagesTreeProvider';
import { groupImages, suggestRunCommand, type ImageTagEntry } from '../views/presentation';

/**
 * Run…, Remove and Inspect on an image tag. Run… suggests a `docker run`
 * line, lets the learner edit it, and types it into a Docker Lab terminal:
 * the sidebar teaches the command instead of hiding it.
 */
export function registerImageCommands(engine: Engine, terminals: LabTerminals, inspect: (kind: 'container' | 'image', reference: string, title: string) => Promise<void>, undo?: UndoHistory): vscode.Disposable[] {
  // Each action is one docker command: "Undo" takes it back like a command typed in the terminal.
  const docker = (...argv: string[]) => (undo ? undo.around(`docker ${argv.join(' ')}`, () => runDocker(engine, argv)) : runDocker(engine, argv));
  const target = async (node?: ImageNode): Promise<ImageTagEntry | undefined> => {
    if (node && node.kind !== 'repository') return node.entry;
    const entries = groupImages(engine.observe(() => engine.imageList())).flatMap((r) => r.tags)
      .filter((e) => !node || e.repository === node.entry.repository);
    if (entries.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There are no images yet. Pull one in the terminal: docker pull nginx:1.28.0'));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(entries.map((entry) => ({ label: entry.reference, description: entry.image.Id.slice(7, 19), entry })),
      { placeHolder: vscode.l10n.t('Choose an image') });
    return picked?.entry;
  };

  return [
    vscode.commands.registerCommand('dockerLab.images.run', async (node?: ImageNode) => {
      const entry = await target(node);
      if (!entry) return;
      const config = engine.observe(() => engine.imageInspect(entry.image.Id)).Config;
      const used = new Set(engine.observe(() => engine.containerList()).flatMap((c) => c.Ports.map((p) => p.PublicPort ?? 0)));
      const suggestion = suggestRunCommand(entry.reference, config, used);
      const line = await vscode.window.showInputBox({
        title: vscode.l10n.t('Run {0}', entry.reference),
        prompt: vscode.l10n.t('The command runs in a Docker Lab terminal. Edit it first if you like.'),
        value: suggestion,
        valueSelection: [suggestion.length, suggestion.length],
        validateInput: (value) => (/^\s*docker\s+(container\s+)?run\b/.test(value) ? undefined : vscode.l10n.t('Start with docker run')),
      });
      if (line === undefined) return;
      await terminals.runLine(line.trim());
    }),
    vscode.commands.registerCommand('dockerLab.images.remove', async (node?: ImageNode) => {
      const entry = await target(node);
      if (!entry) return;
      const remove = vscode.l10n.t('Remove');
      if (!(await confirm(vscode.l10n.t('Remove image "{0}" (docker image rm)?', entry.reference), remove))) return;
      const result = await docker('image', 'rm', entry.reference);
      if (result.status === 0) return;
      const force = vscode.l10n.t('Force Remove');
      const choice = await vscode.window.showErrorMessage(result.stderr.trim(), force);
      if (choice !== force) return;
      const forced = await docker('image', 'rm', '--force', entry.reference);
      if (forced.status !== 0) void vscode.window.showErrorMessage(forced.stderr.trim());
    }),
    vscode.commands.registerCommand('dockerLab.images.inspect', async (node?: ImageNode) => {
      const entry = await target(node);
      if (entry) await inspect('image', entry.reference, entry.reference);
    }),
  ];
}
