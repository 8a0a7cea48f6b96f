import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EngineLabView } from '../curriculum/checks';
import type { Course } from '../curriculum/course';
import { loadCourse } from '../curriculum/course';
import type { ExerciseState } from '../curriculum/ExerciseTracker';
import { trackExercises } from '../curriculum/ExerciseTracker';
import type { Lesson, LessonLanguage } from '../curriculum/lesson';
import { resolveLessonLanguage } from '../curriculum/lesson';
import { Progress, type ProgressData } from '../curriculum/Progress';
import { runLines } from '../curriculum/runLines';
import type { UndoHistory } from '../curriculum/UndoHistory';
import { Disposable } from '../Disposable';
import type { Engine } from '../engine/Engine';
import { NodeHostFiles } from '../host/NodeHostFiles';
import type { LabTerminals } from '../terminal/LabTerminals';
import { hostDirectory } from '../terminal/LabTerminals';
import { Coalescer } from '../views/Coalescer';
import type { LessonMessage } from '../webviews/LessonPanel';
import { LESSON_VIEW_TYPE, LessonPanel } from '../webviews/LessonPanel';

/** Global state key of the learner's progress; synced across machines with Settings Sync. */
export const PROGRESS_KEY = 'dockerLab.progress';

/**
 * The course in VS Code: loads the lessons, keeps the learner's progress,
 * checks the current lesson's exercises after every change in the lab, and
 * drives the lesson view. "Reset lesson" and "Undo" live here too.
 */
export class LessonService extends Disposable {
  /** Courses by language, each read from disk the first time it is shown. */
  private readonly courses = new Map<LessonLanguage, Course>();
  readonly progress: Progress;
  private readonly lab: EngineLabView;
  private panel: LessonPanel | undefined;
  private states: ExerciseState[] = [];
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  /** Progress, the current lesson or the language changed: the Lessons view redraws. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly passEmitter = this._register(new vscode.EventEmitter<{ lesson: Lesson; exerciseId: string }>());
  /** An exercise was just passed. */
  readonly onDidPass = this.passEmitter.event;
  private readonly evaluation: Coalescer;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly engine: Engine,
    private readonly terminals: LabTerminals,
    readonly undo: UndoHistory,
  ) {
    super();
    this.progress = new Progress(context.globalState.get(PROGRESS_KEY));
    context.globalState.setKeysForSync([PROGRESS_KEY]);
    this.lab = this._register(new EngineLabView(engine));
    this.evaluation = this._register(new Coalescer(() => this.evaluate(), 100));
    this._register(engine.onDidChange(() => this.evaluation.trigger()));
    this._register(engine.onContainerOutput(() => this.evaluation.trigger()));
    this._register(engine.onApiCall(() => this.evaluation.trigger()));
    this._register(undo.onDidChange(() => this.panel?.update(this.live())));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('dockerLab.lessonLanguage')) return;
      this.changeEmitter.fire();
      this.showCurrent(false);
    }));
    this._register(vscode.window.registerWebviewPanelSerializer(LESSON_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => {
        this.adopt(LessonPanel.revive(panel, context.extensionUri));
        this.showCurrent(false, true);
      },
    }));
    this.evaluate();
  }

  /** The lesson language now in force (setting, else VS Code's display language). */
  get language(): LessonLanguage {
    return resolveLessonLanguage(vscode.workspace.getConfiguration('dockerLab').get<string>('lessonLanguage'), vscode.env.language);
  }

  /** The course in the lesson language. */
  get course(): Course {
    const language = this.language;
    let course = this.courses.get(language);
    if (!course) {
      course = this.load(language);
      this.courses.set(language, course);
    }
    return course;
  }

  /** The current lesson in the lesson language. */
  get current(): Lesson | undefined {
    const id = this.progress.current;
    return id ? this.course.lessons.find((lesson) => lesson.id === id) : undefined;
  }

  /** The live exercise states of the current lesson. */
  get currentStates(): readonly ExerciseState[] {
    return this.states;
  }

  /** How many of a lesson's exercises are passed. */
  passedCount(lesson: Lesson): number {
    return lesson.exercises.filter((exercise) => this.progress.isPassed(lesson.id, exercise.id)).length;
  }

  /** Opens a lesson (without one: the current lesson, else the first) and makes it the current one. */
  open(lessonId?: string): void {
    const id = lessonId ?? this.progress.current;
    const lesson = this.course.lessons.find((l) => l.id === id) ?? (lessonId ? undefined : this.course.lessons[0]);
    if (!lesson) {
      void vscode.window.showErrorMessage(vscode.l10n.t('There is no lesson "{0}".', lessonId ?? ''));
      return;
    }
    if (this.progress.current !== lesson.id) {
      this.progress.current = lesson.id;
      // API checks count the calls made while this lesson is open.
      this.lab.reset();
      this.saveProgress();
      this.changeEmitter.fire();
    }
    this.evaluate();
    this.showCurrent(true);
  }

  /** Empties the lab and runs the current lesson's setup; Undo takes it back. */
  async resetLesson(): Promise<void> {
    const lesson = this.current;
    if (!lesson) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a lesson first.'));
      return;
    }
    if (this.terminals.all.some((terminal) => this.terminals.shellOf(terminal)?.isBusy)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('A command is still running in a Docker Lab terminal. Stop it (Ctrl+C) and try again.'));
      return;
    }
    const run = await this.undo.around(vscode.l10n.t('Reset lesson'), async () => {
      this.engine.reset();
      return runLines(this.engine, lesson.setup, new NodeHostFiles(hostDirectory()));
    });
    this.lab.reset();
    if (run.status !== 0) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The lesson\'s setup failed: {0}', run.output.trim()));
      return;
    }
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Docker Lab: "{0}" starts over.', lesson.title), 4000);
  }

  /** Takes back the last command that changed the lab. */
  undoLast(): void {
    if (this.terminals.all.some((terminal) => this.terminals.shellOf(terminal)?.isBusy)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('A command is still running in a Docker Lab terminal. Stop it (Ctrl+C) and try again.'));
      return;
    }
    const label = this.undo.undo();
    if (label === undefined) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to undo: no command has changed the lab yet.'));
      return;
    }
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Docker Lab: undid "{0}".', label), 4000);
  }

  /** Forgets every passed exercise (the course starts over; the lab is untouched). */
  forgetProgress(): void {
    this.progress.forgetAll();
    this.saveProgress();
    this.evaluate();
    this.changeEmitter.fire();
  }

  /** Re-checks the current lesson's exercises against the lab. */
  evaluate(): void {
    const lesson = this.current;
    if (!lesson) {
      this.states = [];
      return;
    }
    const { states, newlyPassed } = trackExercises(lesson, this.lab, this.progress, new Date());
    this.states = states;
    this.panel?.update(this.live());
    if (newlyPassed.length === 0) return;
    this.saveProgress();
    this.changeEmitter.fire();
    for (const exerciseId of newlyPassed) this.passEmitter.fire({ lesson, exerciseId });
    const titles = newlyPassed.map((id) => lesson.exercises.find((e) => e.id === id)?.title ?? id);
    void vscode.window.setStatusBarMessage(`$(pass-filled) ${vscode.l10n.t('Exercise passed: {0}', titles.join(', '))}`, 5000);
  }

  private live() {
    return { exercises: this.states, undo: this.undo.next };
  }

  private showCurrent(reveal: boolean, force = false): void {
    const lesson = this.current;
    if (!lesson) return;
    if (!this.panel) {
      if (!reveal) return;
      this.adopt(LessonPanel.create(this.context.extensionUri));
    }
    this.panel?.show(lesson, this.course, this.live(), { reveal, force });
  }

  private adopt(panel: LessonPanel): void {
    this.panel?.dispose();
    this.panel = panel;
    panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
    });
    panel.onDidReceiveMessage((message) => void this.handle(message));
  }

  /** The lesson view, if open (for tests). */
  get lessonPanel(): LessonPanel | undefined {
    return this.panel;
  }

  private async handle(message: LessonMessage): Promise<void> {
    switch (message.type) {
      case 'run': {
        // One terminal gets the whole block: the shell reads the later lines as typed ahead.
        const lines = message.text.split('\n').map((l) => l.trim()).filter(Boolean);
        if (lines.length > 0) await this.terminals.runLine(lines.join('\r'));
        break;
      }
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        break;
      case 'reset':
        await vscode.commands.executeCommand('dockerLab.resetLesson');
        break;
      case 'undo':
        await vscode.commands.executeCommand('dockerLab.undo');
        break;
      case 'createFiles':
        await this.createFiles();
        break;
      case 'open':
        this.open(message.lessonId);
        break;
      case 'concepts':
        await vscode.commands.executeCommand('dockerLab.showConcepts', message.tab);
        break;
      case 'inspect':
        if (typeof message.target === 'string' && message.target !== '') await vscode.commands.executeCommand('dockerLab.inspectLayers', message.target);
        break;
    }
  }

  /**
   * Writes the current lesson's files into the workspace folder (where the
   * lab's `docker build .` looks), asking before replacing a file that
   * differs, and opens the first one. Returns the paths written.
   */
  async createFiles(): Promise<string[]> {
    const lesson = this.current;
    const names = lesson ? Object.keys(lesson.files) : [];
    if (!lesson || names.length === 0) return [];
    const root = hostDirectory();
    const differing = names.filter((name) => {
      const file = path.join(root, name);
      return fs.existsSync(file) && fs.readFileSync(file, 'utf8') !== lesson.files[name];
    });
    if (differing.length > 0 && this.confirmReplace()) {
      const replace = vscode.l10n.t('Replace');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('{0} already exists in {1} with other contents. Replace it with the lesson\'s version?', differing.join(', '), root), { modal: true }, replace);
      if (answer !== replace) return [];
    }
    const written: string[] = [];
    try {
      for (const name of names) {
        const file = path.join(root, name);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, lesson.files[name]);
        written.push(file);
      }
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Docker Lab could not write the lesson\'s files: {0}', error instanceof Error ? error.message : String(error)));
      return written;
    }
    // Beside the lesson, so the lesson stays in sight.
    await vscode.window.showTextDocument(vscode.Uri.file(written[0]), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
    return written;
  }

  private confirmReplace(): boolean {
    return vscode.workspace.getConfiguration('dockerLab').get<boolean>('confirmRemove', true);
  }

  /** The progress as saved in global state (what the next window starts from). */
  savedProgress(): ProgressData | undefined {
    return this.context.globalState.get<ProgressData>(PROGRESS_KEY);
  }

  private saveProgress(): void {
    void this.context.globalState.update(PROGRESS_KEY, this.progress.toJSON());
  }

  private load(language: LessonLanguage): Course {
    const folder = path.join(this.context.extensionUri.fsPath, 'lessons', language);
    try {
      const files = fs.readdirSync(folder).map((name) => ({ name, text: fs.readFileSync(path.join(folder, name), 'utf8') }));
      return loadCourse(language, files);
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Docker Lab cannot load its lessons: {0}', error instanceof Error ? error.message : String(error)));
      return { language, chapters: [], lessons: [] };
    }
  }
}
