import * as vscode from 'vscode';
import type { InspectorTarget } from '../inspector/InspectorSubject';
import {
  CHANGE_FILTERS, type ChangeFilter, type InspectorMode, type InspectorSort, type InspectorSummary, type LayerInspectorModel, type LayerRow, type TreeRow,
} from '../inspector/LayerInspectorModel';
import { LabWebviewPanel, labWebviewOptions } from './LabWebviewPanel';

/** The webview panel type; also what the serializer revives after a reload. */
export const LAYER_INSPECTOR_VIEW_TYPE = 'dockerLab.layerInspector';

/** How many wasted files the header lists (the biggest). */
const WASTED_FILES_SHOWN = 50;
/** The window sent when the page has not said what it shows yet. */
const DEFAULT_WINDOW = 120;
/** The most rows one message carries. */
const MAX_WINDOW = 600;

/** What is inspected and the figures of the header (also what integration tests read). */
export interface InspectorSubjectMessage {
  type: 'subject';
  target: InspectorTarget;
  /** The image or container is gone from the lab; the last view stays. */
  gone: boolean;
  summary: Omit<InspectorSummary, 'efficiency'> & {
    efficiency: { score: number; wastedBytes: number; totalBytes: number; fileCount: number; files: InspectorSummary['efficiency']['files'] };
  };
  layers: LayerRow[];
}

/** The file tree's state and a window of its rows. */
export interface InspectorViewMessage {
  type: 'view';
  /** Changes whenever the rows do (not for a mere window request). */
  version: number;
  selected: number;
  mode: InspectorMode;
  sort: InspectorSort;
  filter: { text: string; kinds: readonly ChangeFilter[] };
  total: number;
  start: number;
  rows: TreeRow[];
  /** Row to focus (after a layer switch or a fold), when the page should move its focus. */
  focus?: number;
}

interface Window {
  start?: number;
  count?: number;
}

/** Messages the page posts (media/inspector.js). */
type InspectorMessage =
  | ({ type: 'ready' } & Window)
  | ({ type: 'rows' } & Window)
  | ({ type: 'select'; layer: number; focusPath?: string } & Window)
  | ({ type: 'mode'; mode: InspectorMode } & Window)
  | ({ type: 'sort'; sort: InspectorSort } & Window)
  | ({ type: 'filter'; text: string } & Window)
  | ({ type: 'kinds'; kinds: ChangeFilter[] } & Window)
  | ({ type: 'toggle'; path: string; open?: boolean } & Window)
  | ({ type: 'collapseAll' } & Window)
  | ({ type: 'wasted'; path: string; layer: number } & Window);

/** What the page remembers (vscode.setState) for the serializer after a reload. */
export interface InspectorPageState {
  target?: InspectorTarget;
  selected?: number;
  mode?: InspectorMode;
}

/**
 * "Docker Lab: Inspect Image Layers": the stack of an image or container
 * on the left, the selected layer's files on the right (media/inspector.js
 * draws only the rows in view and asks for more as it scrolls). The model
 * (src/inspector/) does the work; this class forwards the page's requests to
 * it and posts back windows of rows. Strict CSP, own script and stylesheet
 * by nonce; file names reach the page as data and are set as text.
 */
export class LayerInspectorPanel extends LabWebviewPanel {
  private model: LayerInspectorModel | undefined;
  private target: InspectorTarget | undefined;
  private gone = false;
  private ready = false;
  private version = 0;
  private window = { start: 0, count: DEFAULT_WINDOW };
  /** The last messages sent (for tests and for a page shown again). */
  lastSubject: InspectorSubjectMessage | undefined;
  lastView: InspectorViewMessage | undefined;

  static create(extensionUri: vscode.Uri): LayerInspectorPanel {
    const panel = vscode.window.createWebviewPanel(LAYER_INSPECTOR_VIEW_TYPE, vscode.l10n.t('Layers'), { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, labWebviewOptions(extensionUri));
    return new LayerInspectorPanel(panel, extensionUri);
  }

  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri): LayerInspectorPanel {
    panel.webview.options = labWebviewOptions(extensionUri);
    return new LayerInspectorPanel(panel, extensionUri);
  }

  private constructor(panel: vscode.WebviewPanel, extensionUri: vscode.Uri) {
    super(panel, extensionUri);
    panel.webview.html = this.html();
    this._register(panel.webview.onDidReceiveMessage((message: InspectorMessage) => this.receive(message)));
  }

  /** What the panel shows. */
  get inspected(): InspectorTarget | undefined {
    return this.target;
  }

  /** True once the page's script has run and asked for its rows (for tests). */
  get pageReady(): boolean {
    return this.ready;
  }

  /** The model behind the panel (for tests). */
  get inspectorModel(): LayerInspectorModel | undefined {
    return this.model;
  }

  /** Shows a model (a new image or container: from the top layer, the tree folded). */
  show(target: InspectorTarget, model: LayerInspectorModel): void {
    this.target = target;
    this.model = model;
    this.gone = false;
    this.panel.title = vscode.l10n.t('Layers: {0}', model.current.name);
    this.window = { start: 0, count: this.window.count };
    this.postSubject();
    this.postView(0);
  }

  /** The same image or container changed (or is gone): redraw, keeping the place. */
  refresh(gone = false): void {
    if (!this.model) return;
    this.gone = gone;
    this.panel.title = vscode.l10n.t('Layers: {0}', this.model.current.name);
    this.postSubject();
    this.postView();
  }

  private receive(message: InspectorMessage): void {
    if (!message || typeof message !== 'object') return;
    if (typeof message.start === 'number' && typeof message.count === 'number') {
      this.window = { start: Math.max(0, Math.trunc(message.start)), count: Math.max(1, Math.min(MAX_WINDOW, Math.trunc(message.count))) };
    }
    const model = this.model;
    if (message.type === 'ready') {
      this.ready = true;
      this.postSubject();
      this.postView();
      return;
    }
    if (!model) return;
    switch (message.type) {
      case 'rows':
        this.postView(undefined, false);
        return;
      case 'select': {
        model.selectLayer(Number(message.layer));
        const focus = typeof message.focusPath === 'string' ? model.indexOf(message.focusPath) : -1;
        this.postView(focus >= 0 ? focus : 0);
        return;
      }
      case 'mode':
        model.setMode(message.mode);
        this.postView(0);
        return;
      case 'sort':
        model.setSort(message.sort);
        this.postView();
        return;
      case 'filter':
        model.setFilter(String(message.text ?? ''));
        this.postView(0);
        return;
      case 'kinds':
        model.setKinds(Array.isArray(message.kinds) ? message.kinds.filter((kind) => CHANGE_FILTERS.includes(kind)) : CHANGE_FILTERS);
        this.postView(0);
        return;
      case 'toggle':
        model.toggle(String(message.path), typeof message.open === 'boolean' ? message.open : undefined);
        this.postView(model.indexOf(String(message.path)));
        return;
      case 'collapseAll':
        model.collapseAll();
        this.postView(0);
        return;
      case 'wasted': {
        // A wasted file: its copy's layer, its path in the filter.
        model.selectLayer(Number(message.layer));
        model.setMode('layer');
        model.setFilter(String(message.path));
        this.postView(Math.max(0, model.indexOf(String(message.path))));
        return;
      }
    }
  }

  private postSubject(): void {
    if (!this.model || !this.target) return;
    const summary = this.model.summary();
    const { efficiency } = summary;
    this.lastSubject = {
      type: 'subject',
      target: this.target,
      gone: this.gone,
      summary: {
        ...summary,
        efficiency: {
          score: efficiency.score, wastedBytes: efficiency.wastedBytes, totalBytes: efficiency.totalBytes,
          fileCount: efficiency.files.length, files: efficiency.files.slice(0, WASTED_FILES_SHOWN),
        },
      },
      layers: this.model.layers(),
    };
    if (this.ready) void this.panel.webview.postMessage(this.lastSubject);
  }

  /** Sends the window of rows the page shows; `focus` moves its focus, `changed` false for a mere scroll. */
  private postView(focus?: number, changed = true): void {
    const model = this.model;
    if (!model) return;
    if (changed) this.version++;
    const total = model.rowCount;
    const start = Math.min(this.window.start, Math.max(0, total - 1));
    const view: InspectorViewMessage = {
      type: 'view',
      version: this.version,
      selected: model.selectedLayer,
      mode: model.mode,
      sort: model.sort,
      filter: model.filter,
      total,
      start,
      rows: model.rows(start, this.window.count),
      ...(focus !== undefined && focus >= 0 ? { focus } : {}),
    };
    this.lastView = view;
    if (this.ready) void this.panel.webview.postMessage(view);
  }

  private html(): string {
    const { nonce, csp, media } = this.pageResources();
    const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    const strings = {
      image: vscode.l10n.t('Image'),
      container: vscode.l10n.t('Container'),
      writableLayer: vscode.l10n.t('Container layer (writable)'),
      writableNote: vscode.l10n.t('docker diff: {0} changes'),
      layer: vscode.l10n.t('Layer {0}'),
      sharedWith: vscode.l10n.t('Also in {0}'),
      emptyLayer: vscode.l10n.t('This layer changes no files.'),
      emptyWritable: vscode.l10n.t('The container has not changed any file yet: its writable layer is empty.'),
      noMatch: vscode.l10n.t('No files match the filter.'),
      gone: vscode.l10n.t('{0} is no longer in the lab. What it showed last stays here.'),
      wastedFiles: vscode.l10n.t('Wasted files ({0})'),
      noWaste: vscode.l10n.t('Nothing wasted: no layer overwrites or removes a file of a layer below it.'),
      overwritten: vscode.l10n.t('layer {0}, overwritten in layer {1}'),
      removed: vscode.l10n.t('layer {0}, removed in layer {1}'),
      more: vscode.l10n.t('and {0} more'),
      files: vscode.l10n.t('{0} files'),
      fromLayer: vscode.l10n.t('from layer {0}'),
      added: vscode.l10n.t('added'),
      modified: vscode.l10n.t('modified'),
      deletedMark: vscode.l10n.t('removed'),
      virtual: vscode.l10n.t('{0} (virtual {1})'),
      containerOf: vscode.l10n.t('image {0} · {1}'),
    };
    const json = JSON.stringify(strings).replace(/</g, '\\u003c');
    const chip = (kind: ChangeFilter, symbol: string, label: string) =>
      `<button type="button" class="chip chip-${kind}" data-kind="${kind}" aria-pressed="true"><span class="symbol" aria-hidden="true">${symbol}</span>${escape(label)}</button>`;
    return `<!DOCTYPE html>
<html lang="${escape(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('inspector.css')}">
<title>${escape(vscode.l10n.t('Layers'))}</title>
</head>
<body>
<script type="application/json" id="strings">${json}</script>
<header class="summary">
  <div class="heading">
    <span class="kind" id="kind"></span>
    <h1 id="name"></h1>
    <code class="id" id="id"></code>
    <span class="from" id="from"></span>
  </div>
  <dl class="figures">
    <div><dt>${escape(vscode.l10n.t('Size'))}</dt><dd id="size"></dd></div>
    <div><dt>${escape(vscode.l10n.t('Layers'))}</dt><dd id="layer-count"></dd></div>
    <div title="${escape(vscode.l10n.t('The share of the bytes in the layers that a container can see: 1 - wasted / total'))}"><dt>${escape(vscode.l10n.t('Efficiency'))}</dt><dd id="score"></dd></div>
    <div title="${escape(vscode.l10n.t('Bytes of files that a later layer overwrote or removed: still stored in the image, seen by no container'))}"><dt>${escape(vscode.l10n.t('Wasted'))}</dt><dd id="wasted"></dd></div>
  </dl>
  <details class="wasted" id="wasted-files"><summary id="wasted-summary"></summary><table><tbody id="wasted-rows"></tbody></table></details>
  <p class="gone" id="gone" role="status" hidden></p>
</header>
<main>
  <section class="stack" aria-labelledby="stack-heading">
    <h2 id="stack-heading">${escape(vscode.l10n.t('Layers'))} <span class="hint">${escape(vscode.l10n.t('top of the stack first'))}</span></h2>
    <ol class="layers" id="layers" role="listbox" tabindex="0" aria-labelledby="stack-heading"></ol>
  </section>
  <section class="files" aria-label="${escape(vscode.l10n.t('Files'))}">
    <div class="toolbar">
      <div class="segmented" role="radiogroup" aria-label="${escape(vscode.l10n.t('Show'))}">
        <button type="button" role="radio" data-mode="layer" aria-checked="true">${escape(vscode.l10n.t('This layer\'s changes'))}</button>
        <button type="button" role="radio" data-mode="union" aria-checked="false">${escape(vscode.l10n.t('Everything up to this layer'))}</button>
      </div>
      <input type="search" id="filter" placeholder="${escape(vscode.l10n.t('Filter paths (/)'))}" aria-label="${escape(vscode.l10n.t('Filter paths'))}" spellcheck="false">
      <div class="chips" role="group" aria-label="${escape(vscode.l10n.t('Show changes'))}">
        ${chip('A', '+', vscode.l10n.t('Added'))}${chip('C', '~', vscode.l10n.t('Modified'))}${chip('D', '−', vscode.l10n.t('Removed'))}${chip('U', '·', vscode.l10n.t('Unchanged'))}
      </div>
      <label class="sort">${escape(vscode.l10n.t('Sort'))} <select id="sort"><option value="name">${escape(vscode.l10n.t('Name'))}</option><option value="size">${escape(vscode.l10n.t('Size'))}</option></select></label>
    </div>
    <p class="caption" id="caption"></p>
    <div class="columns" aria-hidden="true"><span class="col-mark"></span><span class="col-name">${escape(vscode.l10n.t('Name'))}</span><span class="col-layer">${escape(vscode.l10n.t('Layer'))}</span><span class="col-size">${escape(vscode.l10n.t('Size'))}</span></div>
    <p class="empty" id="empty" hidden></p>
    <div class="tree" id="tree" role="tree" tabindex="0" aria-label="${escape(vscode.l10n.t('Files'))}">
      <div class="spacer" id="spacer"></div>
    </div>
  </section>
</main>
<script nonce="${nonce}" src="${media('inspector.js')}"></script>
</body>
</html>`;
  }
}
