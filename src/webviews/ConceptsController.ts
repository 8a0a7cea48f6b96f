import * as vscode from 'vscode';
import { ApiCallLog, takeConceptsSnapshot } from '../concepts/takeConceptsSnapshot';
import type { LessonLanguage } from '../curriculum/lesson';
import { Disposable } from '../Disposable';
import type { Engine } from '../engine/Engine';
import { Coalescer } from '../views/Coalescer';
import { CONCEPT_TABS, CONCEPTS_VIEW_TYPE, ConceptsPanel, type ConceptTab } from './ConceptsPanel';

/** Workspace state key of the view the concepts panel shows. */
const TAB_KEY = 'dockerLab.conceptsTab';

/**
 * Keeps the concepts panel in step with the engine: every change and every
 * API call redraws it (coalesced to one redraw per ~2 frames), the calls'
 * paths light up, and the panel comes back after a reload.
 */
export class ConceptsController extends Disposable {
  private panel: ConceptsPanel | undefined;
  private readonly calls: ApiCallLog;
  private readonly redraw: Coalescer;

  constructor(
    private readonly engine: Engine,
    private readonly extensionUri: vscode.Uri,
    private readonly language: () => LessonLanguage,
    private readonly openLesson: (lessonId: string) => void,
    /** Where the panel's current view is remembered across reloads. */
    private readonly memento: vscode.Memento,
  ) {
    super();
    this.redraw = this._register(new Coalescer(() => this.draw(), 32));
    this.calls = this._register(new ApiCallLog(engine, (call) => {
      this.panel?.flash(call.operation);
      this.redraw.trigger();
    }));
    this._register(engine.onDidChange(() => this.redraw.trigger()));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('dockerLab.lessonLanguage')) this.draw();
    }));
    this._register(vscode.window.registerWebviewPanelSerializer(CONCEPTS_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: { tab?: ConceptTab } | undefined) => {
        this.adopt(ConceptsPanel.revive(panel, extensionUri, this.memento.get<ConceptTab>(TAB_KEY) ?? state?.tab));
        this.draw();
      },
    }));
  }

  /** The panel, if open (for tests). */
  get conceptsPanel(): ConceptsPanel | undefined {
    return this.panel;
  }

  /** Opens the panel (or brings it forward) on a tab. */
  show(tab?: ConceptTab): void {
    const wanted = tab && CONCEPT_TABS.includes(tab) ? tab : undefined;
    if (!this.panel) {
      this.adopt(ConceptsPanel.create(this.extensionUri, wanted ?? this.memento.get<ConceptTab>(TAB_KEY)));
      this.draw();
    } else if (wanted) {
      this.panel.showTab(wanted);
    } else {
      this.panel.panel.reveal(undefined, true);
    }
  }

  private draw(): void {
    this.panel?.update(takeConceptsSnapshot(this.engine, this.calls.calls, this.language()));
  }

  private adopt(panel: ConceptsPanel): void {
    this.panel?.dispose();
    this.panel = panel;
    panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
    });
    panel.onDidRequestLesson((lessonId) => this.openLesson(lessonId));
    panel.onDidChangeTab((tab) => void this.memento.update(TAB_KEY, tab));
  }
}
