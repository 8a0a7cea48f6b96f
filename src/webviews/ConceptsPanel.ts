import * as vscode from 'vscode';
import type { ConceptsSnapshot } from '../concepts/ConceptsSnapshot';
import { edgesOf, renderArchitecture, renderComparisonTable, renderDesktop, renderVmVsContainer, type ConceptView } from '../concepts/renderConcepts';
import type { LessonLanguage } from '../curriculum/lesson';
import { LabWebviewPanel, labWebviewOptions } from './LabWebviewPanel';

/** The webview panel type; also what the serializer revives after a reload. */
export const CONCEPTS_VIEW_TYPE = 'dockerLab.concepts';

/** The three views of the panel. */
export const CONCEPT_TABS = ['vm', 'architecture', 'desktop'] as const;
export type ConceptTab = (typeof CONCEPT_TABS)[number];

/** What the page is sent on every change (also what integration tests read). */
export interface ConceptsUpdate {
  type: 'update';
  views: Record<ConceptTab, ConceptView>;
  table: string;
  calls: ConceptsSnapshot['calls'];
  /** Architecture edges to light up: the paths of the calls since the last update. */
  flash: string[];
  /** What the panel shows, in words, for tests and screen readers. */
  containers: string[];
}

/** Messages the page posts (media/concepts.js). */
type ConceptsMessage = { type: 'ready' } | { type: 'openLesson'; lessonId: string } | { type: 'tab'; tab: ConceptTab };

/** The panel's own words, in the lesson language. */
const WORDS: Record<LessonLanguage, Record<string, string>> = {
  en: {
    title: 'Docker Lab: Concepts', vm: 'VM vs container', architecture: 'Architecture', desktop: 'Docker Desktop',
    calls: 'Last API calls', noCalls: 'No calls yet: run a docker command in the Docker Lab terminal.', method: 'Method', path: 'Path', status: 'Status',
    client: 'From', lab: 'Docker Lab', socket: 'socket', outline: 'What the picture shows', compare: 'Side by side',
  },
  ko: {
    title: 'Docker Lab: 개념', vm: 'VM과 컨테이너', architecture: 'Docker 구조', desktop: 'Docker Desktop',
    calls: '최근 API 호출', noCalls: '아직 호출이 없습니다. Docker Lab 터미널에서 docker 명령을 실행해 보세요.', method: '메서드', path: '경로', status: '상태',
    client: '보낸 곳', lab: 'Docker Lab', socket: '소켓', outline: '그림에 있는 것', compare: '한눈에 비교',
  },
};

/**
 * "Docker Lab: Show Concepts": the VM-versus-container stacks, Docker's
 * client/daemon/registry architecture and Docker Desktop's VM, drawn from a
 * snapshot of the live engine by pure functions (src/concepts/) and redrawn
 * on every change; each API call lights the path it took. Strict CSP: its own
 * script and stylesheet by nonce, nothing from the network; the learner's
 * names reach the page only as escaped text inside our SVG.
 */
export class ConceptsPanel extends LabWebviewPanel {
  private readonly lessonEmitter = this._register(new vscode.EventEmitter<string>());
  /** A box was clicked: open the lesson that teaches it. */
  readonly onDidRequestLesson = this.lessonEmitter.event;
  private readonly tabEmitter = this._register(new vscode.EventEmitter<ConceptTab>());
  /** The learner switched views. */
  readonly onDidChangeTab = this.tabEmitter.event;
  private ready = false;
  private language: LessonLanguage | undefined;
  private pendingFlash = new Set<string>();
  /** The last update sent (or to be sent once the page is ready). */
  lastUpdate: ConceptsUpdate | undefined;

  static create(extensionUri: vscode.Uri, tab: ConceptTab = 'vm'): ConceptsPanel {
    const panel = vscode.window.createWebviewPanel(CONCEPTS_VIEW_TYPE, 'Docker Lab', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { ...labWebviewOptions(extensionUri) });
    return new ConceptsPanel(panel, extensionUri, tab);
  }

  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, tab: ConceptTab | undefined): ConceptsPanel {
    panel.webview.options = labWebviewOptions(extensionUri);
    return new ConceptsPanel(panel, extensionUri, tab && CONCEPT_TABS.includes(tab) ? tab : 'vm');
  }

  private constructor(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, private tab: ConceptTab) {
    super(panel, extensionUri);
    this._register(panel.webview.onDidReceiveMessage((message: ConceptsMessage) => {
      if (message?.type === 'ready') {
        this.ready = true;
        void panel.webview.postMessage({ type: 'tab', tab: this.tab });
        // A page shown again (hidden panels lose their page) gets the drawing, not an old call's flash.
        if (this.lastUpdate) void panel.webview.postMessage({ ...this.lastUpdate, flash: [] });
      } else if (message?.type === 'openLesson' && typeof message.lessonId === 'string') {
        this.lessonEmitter.fire(message.lessonId);
      } else if (message?.type === 'tab' && CONCEPT_TABS.includes(message.tab)) {
        this.tab = message.tab;
        this.tabEmitter.fire(message.tab);
      }
    }));
  }

  /** Shows a tab (re-rendering the page only for another language). */
  showTab(tab: ConceptTab): void {
    this.tab = tab;
    if (this.ready) void this.panel.webview.postMessage({ type: 'tab', tab });
    this.panel.reveal(undefined, true);
  }

  /** Remembers the architecture edges these calls travelled, lit on the next update. */
  flash(operation: string): void {
    for (const edge of edgesOf(operation)) this.pendingFlash.add(edge);
  }

  /** Redraws from a snapshot. */
  update(snapshot: ConceptsSnapshot): void {
    if (this.language !== snapshot.language) {
      this.language = snapshot.language;
      this.ready = false;
      this.panel.title = WORDS[snapshot.language].title;
      this.panel.webview.html = this.html(snapshot.language);
    }
    this.lastUpdate = {
      type: 'update',
      views: { vm: renderVmVsContainer(snapshot), architecture: renderArchitecture(snapshot), desktop: renderDesktop(snapshot) },
      table: renderComparisonTable(snapshot),
      calls: snapshot.calls,
      flash: [...this.pendingFlash],
      containers: snapshot.containers.filter((c) => c.state === 'running' || c.state === 'paused').map((c) => c.name),
    };
    this.pendingFlash.clear();
    if (this.ready) void this.panel.webview.postMessage(this.lastUpdate);
  }

  private html(language: LessonLanguage): string {
    const words = WORDS[language];
    const { nonce, csp, media } = this.pageResources();
    const tabs = CONCEPT_TABS.map((tab) =>
      `<button role="tab" id="tab-${tab}" data-tab="${tab}" aria-controls="panel-${tab}" aria-selected="${tab === this.tab}" tabindex="${tab === this.tab ? 0 : -1}">${words[tab]}</button>`).join('');
    const panels = CONCEPT_TABS.map((tab) => `<section role="tabpanel" id="panel-${tab}" aria-labelledby="tab-${tab}"${tab === this.tab ? '' : ' hidden'}>
  <div class="diagram" data-view="${tab}"></div>
  <details class="outline"><summary>${words.outline}</summary><ul data-outline="${tab}"></ul></details>
  ${tab === 'vm' ? `<h2>${words.compare}</h2><div class="table" data-table></div>` : ''}
  ${tab === 'architecture' ? `<h2>${words.calls}</h2><table class="calls" data-lab="${words.lab}" data-socket="${words.socket}"><thead><tr><th>${words.client}</th><th>${words.method}</th><th>${words.path}</th><th>${words.status}</th></tr></thead><tbody data-calls data-empty="${words.noCalls}"></tbody></table>` : ''}
</section>`).join('\n');
    return `<!DOCTYPE html>
<html lang="${language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('concepts.css')}">
<title>${words.title}</title>
</head>
<body data-tab="${this.tab}">
<nav role="tablist" aria-label="${words.title}">${tabs}</nav>
${panels}
<script nonce="${nonce}" src="${media('concepts.js')}"></script>
</body>
</html>`;
  }
}
