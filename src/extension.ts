/**
 * Docker Lab in VS Code: one engine (the "daemon") per window, the terminals
 * and the sidebar around it, and the lab saved in the extension's global
 * storage so that a reload finds everything as the learner left it.
 *
 * Activation is lazy: package.json declares no activation events of its own,
 * so VS Code activates Docker Lab only when one of its views is shown, one of
 * its commands runs, or its terminal profile is chosen.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { confirm } from './commands/confirm';
import { registerContainerCommands } from './commands/containerCommands';
import { registerImageCommands } from './commands/imageCommands';
import { Engine } from './engine/Engine';
import { validateSnapshot } from './engine/snapshot';
import { loadStateFile, StateSaver } from './persistence/stateFile';
import { LabTerminals } from './terminal/LabTerminals';
import { ContainersTreeProvider } from './views/ContainersTreeProvider';
import { ImagesTreeProvider } from './views/ImagesTreeProvider';
import { InspectDocumentProvider } from './views/InspectDocumentProvider';
import { LessonsTreeProvider, type LessonNode } from './views/LessonsTreeProvider';

/** What `activate` returns: the live lab, for integration tests and other extensions. */
export interface DockerLabApi {
  /** The engine every Docker Lab terminal and view talks to. */
  readonly engine: Engine;
  readonly terminals: LabTerminals;
  readonly views: {
    readonly containers: ContainersTreeProvider;
    readonly images: ImagesTreeProvider;
    readonly lessons: LessonsTreeProvider;
  };
  /** Where the lab is saved. */
  readonly stateFile: string;
  /** Saves now (what closing the window does). True when the file is up to date. */
  save(): boolean;
  /**
   * Saves, then replaces the engine's state with what the file holds, as a
   * window reload would: for tests that the saved lab comes back whole.
   */
  reloadFromDisk(): void;
}

/** The file in global storage; its JSON carries `schemaVersion`, so a later Docker Lab can migrate it. */
const STATE_FILE_NAME = 'lab-state.json';

let saver: StateSaver | undefined;

export function activate(context: vscode.ExtensionContext): DockerLabApi {
  const storage = context.globalStorageUri.fsPath;
  fs.mkdirSync(storage, { recursive: true });
  const stateFile = path.join(storage, STATE_FILE_NAME);

  const loaded = loadStateFile(stateFile, (json) => Engine.restore(json));
  const engine = loaded.kind === 'loaded' ? loaded.value : new Engine();
  if (loaded.kind === 'set-aside') {
    void vscode.window.showWarningMessage(vscode.l10n.t(
      'Docker Lab could not read its saved lab ({0}). The file was kept as {1} and an empty lab was started.',
      loaded.reason, loaded.aside));
  }

  saver = new StateSaver(stateFile, () => engine.snapshot(), {
    onError: (error) => void vscode.window.showErrorMessage(vscode.l10n.t(
      'Docker Lab cannot save the lab to {0}: {1}', stateFile, error instanceof Error ? error.message : String(error))),
  });
  const labSaver = saver;
  const schedule = () => labSaver.schedule();
  context.subscriptions.push(
    labSaver,
    engine.onDidChange(schedule),
    // Logs are state too: `docker logs` after a reload shows what the container printed.
    engine.onContainerOutput(schedule),
  );

  const terminals = new LabTerminals(engine, context.globalState, context.workspaceState);
  context.subscriptions.push(terminals, terminals.onDidExecute(schedule));
  terminals.revive();

  const containers = new ContainersTreeProvider(engine);
  const images = new ImagesTreeProvider(engine);
  const lessons = new LessonsTreeProvider(vscode.Uri.joinPath(context.extensionUri, 'lessons'));
  const containersView = vscode.window.createTreeView('dockerLab.containers', { treeDataProvider: containers, canSelectMany: true });
  const imagesView = vscode.window.createTreeView('dockerLab.images', { treeDataProvider: images, showCollapseAll: true });
  const lessonsView = vscode.window.createTreeView('dockerLab.lessons', { treeDataProvider: lessons });
  containers.setVisible(containersView.visible);
  context.subscriptions.push(
    containers, images, lessons, containersView, imagesView, lessonsView,
    containersView.onDidChangeVisibility((e) => containers.setVisible(e.visible)),
  );

  const inspector = new InspectDocumentProvider(engine);
  const inspect = (kind: 'container' | 'image', reference: string, title: string) => inspector.show(kind, reference, title);
  context.subscriptions.push(
    inspector,
    ...registerContainerCommands(engine, terminals, inspect),
    ...registerImageCommands(engine, terminals, inspect),
    vscode.commands.registerCommand('dockerLab.openTerminal', () => void terminals.open()),
    vscode.commands.registerCommand('dockerLab.refresh', () => {
      containers.refresh();
      images.refresh();
      lessons.refresh();
    }),
    vscode.commands.registerCommand('dockerLab.resetLab', async () => {
      const reset = vscode.l10n.t('Reset Lab');
      const message = vscode.l10n.t('Reset Docker Lab? Every container and image in the lab is removed. Your lessons and terminal history stay.');
      if (!(await confirm(message, reset))) return;
      engine.reset();
      labSaver.schedule();
      labSaver.flush();
      void vscode.window.showInformationMessage(vscode.l10n.t('Docker Lab was reset: no containers, no images.'));
    }),
    vscode.commands.registerCommand('dockerLab.openLesson', async (node?: LessonNode) => {
      if (node) await vscode.commands.executeCommand('markdown.showPreview', node.uri);
    }),
  );

  return {
    engine,
    terminals,
    views: { containers, images, lessons },
    stateFile,
    save: () => {
      labSaver.schedule();
      return labSaver.flush();
    },
    reloadFromDisk: () => {
      labSaver.schedule();
      labSaver.flush();
      const json: unknown = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
      engine.importState(validateSnapshot(json));
    },
  };
}

/** The window closes: whatever changed since the last save is written now. */
export function deactivate(): void {
  saver?.flush();
  saver = undefined;
}
