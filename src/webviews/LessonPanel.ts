import * as vscode from 'vscode';
import type { Course } from '../curriculum/course';
import type { ExerciseState } from '../curriculum/ExerciseTracker';
import type { Lesson } from '../curriculum/lesson';
import { renderLessonPage } from '../curriculum/lessonPage';
import { LESSON_STRINGS } from '../curriculum/lessonStrings';
import { LabWebviewPanel, labWebviewOptions } from './LabWebviewPanel';

/** The webview panel type; also what the serializer revives after a reload. */
export const LESSON_VIEW_TYPE = 'dockerLab.lesson';

/** Messages the lesson page posts (media/lesson.js). */
export type LessonMessage =
  | { type: 'ready' }
  | { type: 'run'; text: string }
  | { type: 'copy'; text: string }
  | { type: 'reset' }
  | { type: 'undo' }
  | { type: 'createFiles' }
  | { type: 'open'; lessonId: string }
  | { type: 'concepts'; tab: string }
  | { type: 'inspect'; target: string };

/** The live part of the page: exercises' states and what Undo would take back. */
export interface LessonLiveState {
  exercises: readonly ExerciseState[];
  /** The command Undo would take back; undefined when there is nothing to undo. */
  undo?: string;
}

/**
 * The lesson view: one editor-area webview that shows the current lesson,
 * rendered with marked (curriculum/lessonPage.ts), with a strict CSP: only
 * its own script and stylesheet, by nonce, nothing from the network.
 */
export class LessonPanel extends LabWebviewPanel {
  private readonly messageEmitter = this._register(new vscode.EventEmitter<LessonMessage>());
  readonly onDidReceiveMessage = this.messageEmitter.event;
  private lessonId: string | undefined;
  private ready = false;
  private pending: LessonLiveState | undefined;

  /** Opens a new panel beside the terminal's editor group. */
  static create(extensionUri: vscode.Uri): LessonPanel {
    const panel = vscode.window.createWebviewPanel(LESSON_VIEW_TYPE, 'Docker Lab', { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, labWebviewOptions(extensionUri));
    return new LessonPanel(panel, extensionUri);
  }

  /** Adopts a panel VS Code restored after a reload. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri): LessonPanel {
    panel.webview.options = labWebviewOptions(extensionUri);
    return new LessonPanel(panel, extensionUri);
  }

  private constructor(panel: vscode.WebviewPanel, extensionUri: vscode.Uri) {
    super(panel, extensionUri);
    this._register(panel.webview.onDidReceiveMessage((message: LessonMessage) => {
      if (message?.type === 'ready') {
        this.ready = true;
        if (this.pending) void this.panel.webview.postMessage({ type: 'state', ...this.pending });
      }
      this.messageEmitter.fire(message);
    }));
  }

  /** The lesson shown, if any. */
  get shownLesson(): string | undefined {
    return this.lessonId;
  }

  /** Shows `lesson` (re-rendering only when it is another lesson or language). */
  show(lesson: Lesson, course: Course, live: LessonLiveState, options: { reveal?: boolean; force?: boolean } = {}): void {
    const key = `${lesson.language}/${lesson.id}`;
    if (options.force || this.lessonId !== key) {
      this.lessonId = key;
      this.ready = false;
      this.panel.title = lesson.title;
      this.panel.webview.html = this.html(lesson, course, live);
    }
    this.update(live);
    if (options.reveal) this.panel.reveal(undefined, false);
  }

  /** Sends the live state; the page applies it without re-rendering. */
  update(live: LessonLiveState): void {
    this.pending = live;
    if (this.ready) void this.panel.webview.postMessage({ type: 'state', ...live });
  }

  private html(lesson: Lesson, course: Course, live: LessonLiveState): string {
    const { nonce, csp, media } = this.pageResources();
    return `<!DOCTYPE html>
<html lang="${lesson.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('lesson.css')}">
<title>${lesson.title.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'))}</title>
</head>
<body data-copied="${LESSON_STRINGS[lesson.language].copied}">
${renderLessonPage(lesson, course, live.exercises)}
<script nonce="${nonce}" src="${media('lesson.js')}"></script>
</body>
</html>`;
  }
}
