/**
 * Docker Lab in VS Code: one engine (the "daemon") per window, the terminals
 * and the sidebar around it, and the lab saved in the extension's global
 * storage so that a reload finds everything as the learner left it.
 *
 * Activation is lazy: VS Code activates Docker Lab only when one of its views
 * is shown, one of its commands runs, its terminal profile is chosen, or a
 * lesson, concepts or layer inspector panel left open is restored after a reload (the only
 * activation events package.json declares itself).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { confirm } from './commands/confirm';
import { registerContainerCommands } from './commands/containerCommands';
import { registerImageCommands } from './commands/imageCommands';
import { UndoHistory } from './curriculum/UndoHistory';
import { Engine } from './engine/Engine';
import { validateSnapshot } from './engine/snapshot';
import { LessonService } from './lessons/LessonService';
import { loadStateFile, StateSaver } from './persistence/stateFile';
import { EngineApiService, registerEngineApiCommands } from './terminal/EngineApiService';
import { LabTerminals } from './terminal/LabTerminals';
import { ContainersTreeProvider } from './views/ContainersTreeProvider';
import { ImagesTreeProvider } from './views/ImagesTreeProvider';
import { ConceptsController } from './webviews/ConceptsController';
import type { ConceptTab } from './webviews/ConceptsPanel';
import { LayerInspectorController, type InspectArgument } from './webviews/LayerInspectorController';
import { InspectDocumentProvider } from './views/InspectDocumentProvider';
import { LessonsTreeProvider } from './views/LessonsTreeProvider';

/** What `activate` returns: the live lab, for integration tests and other extensions. */
export interface DockerLabApi {
  /** The engine every Docker Lab terminal and view talks to. */
  readonly engine: Engine;
  readonly terminals: LabTerminals;
  /** The course, progress, the lesson view. */
  readonly lessons: LessonService;
  /** What "Undo" takes back. */
  readonly undo: UndoHistory;
  /** The concepts panel's controller. */
  readonly concepts: ConceptsController;
  /** The layer inspector's controller. */
  readonly inspector: LayerInspectorController;
  /** The Engine API on a socket, when started. */
  readonly engineApi: EngineApiService;
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

  const undo = new UndoHistory(engine);
  const terminals = new LabTerminals(engine, context.globalState, context.workspaceState, undo);
  context.subscriptions.push(undo, terminals, terminals.onDidExecute(schedule));
  terminals.revive();
  const setContext = (key: string, value: unknown) => void vscode.commands.executeCommand('setContext', key, value);
  context.subscriptions.push(
    undo.onDidChange(() => setContext('dockerLab.canUndo', undo.next !== undefined)),
    // The walkthrough's last step completes when the learner has run a command.
    terminals.onDidExecute(() => setContext('dockerLab.ranCommand', true)),
  );

  const lessonService = new LessonService(context, engine, terminals, undo);
  const syncLessonContext = () => setContext('dockerLab.hasCurrentLesson', lessonService.current !== undefined);
  syncLessonContext();
  context.subscriptions.push(lessonService, lessonService.onDidChange(syncLessonContext));
  const concepts = new ConceptsController(engine, context.extensionUri, () => lessonService.language, (lessonId) => lessonService.open(lessonId), context.workspaceState);
  context.subscriptions.push(concepts);
  const engineApi = new EngineApiService(engine, storage);
  context.subscriptions.push(engineApi, ...registerEngineApiCommands(engineApi));
  if (vscode.workspace.getConfiguration('dockerLab').get<boolean>('engineApi.startWithLab', false)) {
    engineApi.start().catch((error: unknown) => void vscode.window.showErrorMessage(vscode.l10n.t('Docker Lab could not serve the Engine API: {0}', error instanceof Error ? error.message : String(error))));
  }
  const layerInspector = new LayerInspectorController(engine, context.extensionUri, context.workspaceState, (line) => terminals.runLine(line));
  context.subscriptions.push(layerInspector);

  const containers = new ContainersTreeProvider(engine);
  const images = new ImagesTreeProvider(engine);
  const lessons = new LessonsTreeProvider(lessonService);
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
    ...registerContainerCommands(engine, terminals, inspect, undo),
    ...registerImageCommands(engine, terminals, inspect, undo),
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
      await undo.around(reset, async () => engine.reset());
      labSaver.schedule();
      labSaver.flush();
      void vscode.window.showInformationMessage(vscode.l10n.t('Docker Lab was reset: no containers, no images.'));
    }),
    vscode.commands.registerCommand('dockerLab.openLesson', (lessonId?: unknown) => {
      lessonService.open(typeof lessonId === 'string' ? lessonId : undefined);
    }),
    vscode.commands.registerCommand('dockerLab.resetLesson', async () => {
      const lesson = lessonService.current;
      if (lesson) {
        const action = vscode.l10n.t('Reset Lesson');
        const message = vscode.l10n.t('Start "{0}" over? The lab is emptied and set up as the lesson begins. Undo takes it back.', lesson.title);
        if (!(await confirm(message, action))) return;
      }
      await lessonService.resetLesson();
    }),
    vscode.commands.registerCommand('dockerLab.undo', () => lessonService.undoLast()),
    vscode.commands.registerCommand('dockerLab.inspectLayers', (argument?: InspectArgument) => layerInspector.inspect(argument)),
    // The sidebar's "Inspect Layers" on an image, a layer or a container row.
    vscode.commands.registerCommand('dockerLab.images.inspectLayers', (node?: InspectArgument) => layerInspector.inspect(node)),
    vscode.commands.registerCommand('dockerLab.containers.inspectLayers', (node?: InspectArgument) => layerInspector.inspect(node)),
    vscode.commands.registerCommand('dockerLab.showConcepts', (tab?: unknown) => concepts.show(typeof tab === 'string' ? tab as ConceptTab : undefined)),
    vscode.commands.registerCommand('dockerLab.forgetProgress', async () => {
      const action = vscode.l10n.t('Forget Progress');
      if (!(await confirm(vscode.l10n.t('Forget which exercises you have passed? The lab itself is not changed.'), action))) return;
      lessonService.forgetProgress();
    }),
  );

  return {
    engine,
    terminals,
    lessons: lessonService,
    undo,
    concepts,
    inspector: layerInspector,
    engineApi,
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
      undo.clear();
    },
  };
}

/** The window closes: whatever changed since the last save is written now. */
export function deactivate(): void {
  saver?.flush();
  saver = undefined;
}
