// The layer inspector's page: the stack of layers on the left, the selected
// layer's files on the right. The extension owns the model (src/inspector/)
// and sends windows of rows; this script draws only the rows in view (fixed
// row height) and asks for more as the tree scrolls. Names are set as text,
// never as HTML. No network, no eval.
// @ts-check
(function () {
  // @ts-expect-error acquireVsCodeApi is provided by the webview host.
  const vscode = acquireVsCodeApi();
  /** @type {Record<string, string>} */
  const strings = JSON.parse((document.getElementById('strings') || {}).textContent || '{}');
  const ROW_HEIGHT = 22;
  /** Rows asked for beyond the visible ones, above and below. */
  const OVERSCAN = 60;
  const KINDS = ['A', 'C', 'D', 'U'];
  const SYMBOLS = /** @type {Record<string, string>} */ ({ A: '+', C: '~', D: '−' });

  const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const tree = $('tree');
  const spacer = $('spacer');
  const layersList = $('layers');
  const filterInput = /** @type {HTMLInputElement} */ ($('filter'));
  const sortSelect = /** @type {HTMLSelectElement} */ ($('sort'));
  const host = document.createElement('div');
  host.className = 'rows';
  tree.appendChild(host);

  /**
   * @typedef {{ index: number, path: string, name: string, depth: number, kind: string, size: number, count: number,
   *   mark?: string, expandable: boolean, expanded: boolean, parent: number, layer: number, target?: string }} Row
   * @typedef {{ index: number, shortDigest: string, size: number, instruction: string, createdBy: string, sharedWith: string[], writable: boolean, changes?: number }} Layer
   */

  /** @type {any} */
  let subject = null;
  /** @type {{ version: number, total: number, selected: number, mode: string, sort: string, filter: { text: string, kinds: string[] } }} */
  const view = { version: -1, total: 0, selected: 0, mode: 'layer', sort: 'name', filter: { text: '', kinds: KINDS } };
  /** @type {Map<number, Row>} rows of the current version, by index */
  const rows = new Map();
  let focusIndex = 0;
  /** The last window asked for, so scrolling does not repeat a request. */
  let asked = { version: -1, start: -1, end: -1 };

  /** `format('{0} of {1}', a, b)` */
  function format(/** @type {string} */ template, /** @type {unknown[]} */ ...values) {
    return (template || '').replace(/\{(\d+)\}/g, (_, n) => String(values[Number(n)]));
  }

  /** Sizes as the docker CLI prints them (go-units, 3 significant digits, decimal units): 2.48kB, 192MB. */
  function humanSize(/** @type {number} */ bytes) {
    const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return `${Number(value.toPrecision(3))}${units[unit]}`;
  }

  /** 96.3%; a score that only rounds to 100% says so (>99.9%), so a little waste is not hidden. */
  function percent(/** @type {number} */ score) {
    if (score >= 1) return '100%';
    return score >= 0.9995 ? '>99.9%' : `${(score * 100).toFixed(1)}%`;
  }

  /** The tree rows that fit, with some more around them. */
  function windowOf() {
    const first = Math.floor(tree.scrollTop / ROW_HEIGHT);
    const visible = Math.ceil((tree.clientHeight || 600) / ROW_HEIGHT) + 1;
    const start = Math.max(0, first - OVERSCAN);
    return { start, count: visible + OVERSCAN * 2 + (first - start < OVERSCAN ? OVERSCAN - (first - start) : 0) };
  }

  /** Posts a request; every request carries the window the page shows, so the answer fills it. */
  function post(/** @type {string} */ type, /** @type {Record<string, unknown>} */ extra = {}) {
    const window = windowOf();
    asked = { version: view.version, start: window.start, end: window.start + window.count };
    vscode.postMessage({ type, ...extra, ...window });
  }

  function focusedRow() {
    return rows.get(focusIndex);
  }

  // ------------------------------------------------------------------ header and stack

  function renderSubject() {
    if (!subject) return;
    const { summary, layers } = subject;
    $('kind').textContent = summary.kind === 'container' ? strings.container : strings.image;
    $('name').textContent = summary.name;
    $('id').textContent = summary.id.replace(/^sha256:/, '').slice(0, 12);
    $('id').title = summary.id;
    $('from').textContent = summary.kind === 'container' && summary.image ? format(strings.containerOf, summary.image, summary.state || '') : '';
    $('size').textContent = summary.writableSize !== undefined
      ? format(strings.virtual, humanSize(summary.writableSize), humanSize(summary.imageSize + summary.writableSize))
      : humanSize(summary.imageSize);
    $('layer-count').textContent = String(layers.length);
    const { efficiency } = summary;
    $('score').textContent = percent(efficiency.score);
    $('score').dataset.level = efficiency.score >= 0.95 ? 'good' : efficiency.score >= 0.8 ? 'fair' : 'poor';
    $('wasted').textContent = humanSize(efficiency.wastedBytes);
    renderWasted(efficiency);
    const gone = $('gone');
    gone.hidden = !subject.gone;
    gone.textContent = subject.gone ? format(strings.gone, summary.name) : '';
    document.body.classList.toggle('is-gone', !!subject.gone);
    renderLayers();
  }

  function renderWasted(/** @type {any} */ efficiency) {
    const details = /** @type {HTMLDetailsElement} */ ($('wasted-files'));
    $('wasted-summary').textContent = efficiency.fileCount > 0 ? format(strings.wastedFiles, efficiency.fileCount) : strings.noWaste;
    details.classList.toggle('none', efficiency.fileCount === 0);
    if (efficiency.fileCount === 0) details.open = false;
    const body = $('wasted-rows');
    body.textContent = '';
    for (const file of efficiency.files) {
      const row = document.createElement('tr');
      const size = document.createElement('td');
      size.className = 'size';
      size.textContent = humanSize(file.wastedBytes);
      const path = document.createElement('td');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'link';
      button.textContent = file.path;
      button.addEventListener('click', () => post('wasted', { path: file.path, layer: file.copies[0].layer }));
      path.appendChild(button);
      const copies = document.createElement('td');
      copies.className = 'copies';
      copies.textContent = file.copies.map((/** @type {any} */ copy) => format(copy.fate === 'removed' ? strings.removed : strings.overwritten, copy.layer, copy.by)).join('; ');
      row.append(size, path, copies);
      body.appendChild(row);
    }
    if (efficiency.fileCount > efficiency.files.length) {
      const row = document.createElement('tr');
      const cell = document.createElement('td');
      cell.colSpan = 3;
      cell.className = 'more';
      cell.textContent = format(strings.more, efficiency.fileCount - efficiency.files.length);
      row.appendChild(cell);
      body.appendChild(row);
    }
  }

  function renderLayers() {
    if (!subject) return;
    /** @type {Layer[]} */
    const layers = subject.layers;
    const biggest = Math.max(1, ...layers.map((layer) => layer.size));
    layersList.textContent = '';
    // Top of the stack first: a container's writable layer sits on its image.
    for (const layer of [...layers].reverse()) {
      const item = document.createElement('li');
      item.id = `layer-${layer.index}`;
      item.setAttribute('role', 'option');
      item.dataset.index = String(layer.index);
      item.className = layer.writable ? 'layer writable' : 'layer';
      const top = document.createElement('div');
      top.className = 'line';
      const index = document.createElement('span');
      index.className = 'index';
      index.textContent = String(layer.index);
      const digest = document.createElement('code');
      digest.className = 'digest';
      digest.textContent = layer.writable ? strings.writableLayer : layer.shortDigest;
      const size = document.createElement('span');
      size.className = 'size';
      size.textContent = humanSize(layer.size);
      top.append(index, digest, size);
      const bar = document.createElement('div');
      bar.className = 'bar';
      const fill = document.createElement('span');
      // CSSOM, not a style attribute: the page's CSP allows no inline styles.
      fill.style.width = `${Math.max(layer.size > 0 ? 1 : 0, Math.round((layer.size / biggest) * 100))}%`;
      bar.appendChild(fill);
      const instruction = document.createElement('div');
      instruction.className = 'instruction';
      instruction.textContent = layer.writable ? format(strings.writableNote, layer.changes || 0) : layer.instruction;
      item.title = layer.writable ? strings.writableLayer : layer.createdBy;
      item.append(top, bar, instruction);
      if (layer.sharedWith.length > 0) {
        const shared = document.createElement('div');
        shared.className = 'shared';
        shared.textContent = format(strings.sharedWith, layer.sharedWith.join(', '));
        item.appendChild(shared);
      }
      item.addEventListener('click', () => selectLayer(layer.index));
      layersList.appendChild(item);
    }
    markSelectedLayer();
  }

  function markSelectedLayer() {
    for (const item of layersList.children) {
      const on = Number(/** @type {HTMLElement} */ (item).dataset.index) === view.selected;
      item.setAttribute('aria-selected', String(on));
    }
    layersList.setAttribute('aria-activedescendant', `layer-${view.selected}`);
    const selected = document.getElementById(`layer-${view.selected}`);
    if (selected) selected.scrollIntoView({ block: 'nearest' });
    const layer = subject && subject.layers[view.selected];
    $('caption').textContent = layer
      ? `${format(strings.layer, layer.index)} · ${layer.writable ? strings.writableLayer : layer.instruction}`
      : '';
  }

  function selectLayer(/** @type {number} */ index) {
    if (!subject) return;
    const clamped = Math.max(0, Math.min(subject.layers.length - 1, index));
    if (clamped === view.selected) return;
    view.selected = clamped;
    markSelectedLayer();
    const row = focusedRow();
    post('select', { layer: clamped, ...(row ? { focusPath: row.path } : {}) });
  }

  // ------------------------------------------------------------------ the tree

  function render() {
    spacer.style.height = `${view.total * ROW_HEIGHT}px`;
    const first = Math.max(0, Math.floor(tree.scrollTop / ROW_HEIGHT) - 5);
    const last = Math.min(view.total - 1, Math.ceil((tree.scrollTop + (tree.clientHeight || 600)) / ROW_HEIGHT) + 5);
    const fragment = document.createDocumentFragment();
    let missing = false;
    for (let index = first; index <= last; index++) {
      const row = rows.get(index);
      if (!row) {
        missing = true;
        continue;
      }
      fragment.appendChild(rowElement(row));
    }
    host.textContent = '';
    host.appendChild(fragment);
    if (view.total > 0) tree.setAttribute('aria-activedescendant', `row-${focusIndex}`);
    else tree.removeAttribute('aria-activedescendant');
    if (missing && !(asked.version === view.version && asked.start <= first && asked.end > last)) post('rows');
  }

  function rowElement(/** @type {Row} */ row) {
    const element = document.createElement('div');
    element.className = `row kind-${row.kind}${row.mark ? ` mark-${row.mark}` : ''}${row.index === focusIndex ? ' focused' : ''}`;
    element.id = `row-${row.index}`;
    element.setAttribute('role', 'treeitem');
    element.setAttribute('aria-level', String(row.depth + 1));
    element.setAttribute('aria-selected', String(row.index === focusIndex));
    if (row.expandable) element.setAttribute('aria-expanded', String(row.expanded));
    const markName = row.mark === 'A' ? strings.added : row.mark === 'C' ? strings.modified : row.mark === 'D' ? strings.deletedMark : '';
    element.setAttribute('aria-label', `${row.name}${markName ? `, ${markName}` : ''}, ${humanSize(row.size)}`);
    element.dataset.index = String(row.index);
    element.style.top = `${row.index * ROW_HEIGHT}px`;

    const mark = document.createElement('span');
    mark.className = 'mark';
    mark.textContent = row.mark ? `${SYMBOLS[row.mark]}${row.mark}` : '';
    if (markName) mark.title = markName;
    const name = document.createElement('span');
    name.className = 'name-cell';
    name.style.paddingLeft = `${row.depth * 14}px`;
    const twisty = document.createElement('span');
    twisty.className = 'twisty';
    twisty.textContent = row.expandable ? (row.expanded ? '▾' : '▸') : '';
    const label = document.createElement('span');
    label.className = 'name';
    label.textContent = row.name;
    name.append(twisty, label);
    if (row.kind === 'symlink' && row.target !== undefined) {
      const target = document.createElement('span');
      target.className = 'target';
      target.textContent = `→ ${row.target}`;
      name.appendChild(target);
    }
    if (row.kind === 'dir' && row.count > 0) name.title = format(strings.files, row.count);
    const origin = document.createElement('span');
    origin.className = 'origin';
    origin.textContent = row.layer >= 0 ? String(row.layer) : '';
    origin.title = format(strings.fromLayer, row.layer);
    const size = document.createElement('span');
    size.className = 'size';
    size.textContent = row.kind === 'symlink' ? '' : `${row.mark === 'D' ? '−' : ''}${humanSize(row.size)}`;
    element.append(mark, name, origin, size);
    return element;
  }

  /** Moves the focus to a row and scrolls it into view. */
  function focusRow(/** @type {number} */ index) {
    if (view.total === 0) return;
    focusIndex = Math.max(0, Math.min(view.total - 1, index));
    const top = focusIndex * ROW_HEIGHT;
    if (top < tree.scrollTop) tree.scrollTop = top;
    else if (top + ROW_HEIGHT > tree.scrollTop + tree.clientHeight) tree.scrollTop = top + ROW_HEIGHT - tree.clientHeight;
    render();
  }

  function toggle(/** @type {Row} */ row, /** @type {boolean | undefined} */ open) {
    if (!row.expandable) return;
    focusIndex = row.index;
    post('toggle', { path: row.path, ...(open === undefined ? {} : { open }) });
  }

  tree.addEventListener('scroll', () => render());
  window.addEventListener('resize', () => render());
  tree.addEventListener('click', (event) => {
    const element = event.target instanceof Element ? event.target.closest('.row') : null;
    if (!(element instanceof HTMLElement)) return;
    const row = rows.get(Number(element.dataset.index));
    if (!row) return;
    focusIndex = row.index;
    tree.focus();
    if (row.expandable) toggle(row);
    else render();
  });
  tree.addEventListener('keydown', (event) => {
    const row = focusedRow();
    const page = Math.max(1, Math.floor(tree.clientHeight / ROW_HEIGHT) - 1);
    switch (event.key) {
      case 'ArrowDown': focusRow(focusIndex + 1); break;
      case 'ArrowUp': focusRow(focusIndex - 1); break;
      case 'PageDown': focusRow(focusIndex + page); break;
      case 'PageUp': focusRow(focusIndex - page); break;
      case 'Home': focusRow(0); break;
      case 'End': focusRow(view.total - 1); break;
      case 'ArrowRight':
        if (row && row.expandable && !row.expanded) toggle(row, true);
        else if (row && row.expanded) focusRow(focusIndex + 1);
        break;
      case 'ArrowLeft':
        if (row && row.expandable && row.expanded) toggle(row, false);
        else if (row && row.parent >= 0) focusRow(row.parent);
        break;
      case 'Enter':
      case ' ':
        if (row) toggle(row);
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  // The stack: a listbox, top first (ArrowUp goes up the stack).
  layersList.addEventListener('keydown', (event) => {
    if (!subject) return;
    const top = subject.layers.length - 1;
    const next = event.key === 'ArrowUp' ? view.selected + 1 : event.key === 'ArrowDown' ? view.selected - 1
      : event.key === 'Home' ? top : event.key === 'End' ? 0 : undefined;
    if (next !== undefined) {
      selectLayer(next);
      event.preventDefault();
    } else if (event.key === 'Enter' || event.key === 'ArrowRight') {
      tree.focus();
      event.preventDefault();
    }
  });

  // ------------------------------------------------------------------ toolbar

  for (const button of document.querySelectorAll('[data-mode]')) {
    button.addEventListener('click', () => post('mode', { mode: /** @type {HTMLElement} */ (button).dataset.mode }));
  }
  document.querySelector('.segmented')?.addEventListener('keydown', (event) => {
    const key = /** @type {KeyboardEvent} */ (event).key;
    if (key !== 'ArrowLeft' && key !== 'ArrowRight') return;
    const mode = view.mode === 'layer' ? 'union' : 'layer';
    post('mode', { mode });
    /** @type {HTMLElement | null} */ (document.querySelector(`[data-mode="${mode}"]`))?.focus();
    event.preventDefault();
  });
  for (const chip of document.querySelectorAll('[data-kind]')) {
    chip.addEventListener('click', () => {
      chip.setAttribute('aria-pressed', String(chip.getAttribute('aria-pressed') !== 'true'));
      const kinds = [...document.querySelectorAll('[data-kind][aria-pressed="true"]')].map((c) => /** @type {HTMLElement} */ (c).dataset.kind);
      post('kinds', { kinds });
    });
  }
  sortSelect.addEventListener('change', () => post('sort', { sort: sortSelect.value }));
  let filterTimer = 0;
  filterInput.addEventListener('input', () => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(() => post('filter', { text: filterInput.value }), 120);
  });
  filterInput.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && filterInput.value !== '') {
      filterInput.value = '';
      clearTimeout(filterTimer);
      post('filter', { text: '' });
      event.preventDefault();
    } else if (event.key === 'Escape' || event.key === 'Enter' || event.key === 'ArrowDown') {
      clearTimeout(filterTimer);
      if (filterInput.value !== view.filter.text) post('filter', { text: filterInput.value });
      tree.focus();
      event.preventDefault();
    }
  });
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    const typing = target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
    if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      filterInput.focus();
      filterInput.select();
      event.preventDefault();
    }
  });

  function renderToolbar() {
    for (const button of document.querySelectorAll('[data-mode]')) {
      const on = /** @type {HTMLElement} */ (button).dataset.mode === view.mode;
      button.setAttribute('aria-checked', String(on));
      /** @type {HTMLElement} */ (button).tabIndex = on ? 0 : -1;
    }
    for (const chip of document.querySelectorAll('[data-kind]')) {
      chip.setAttribute('aria-pressed', String(view.filter.kinds.includes(/** @type {HTMLElement} */ (chip).dataset.kind || '')));
    }
    sortSelect.value = view.sort;
    if (document.activeElement !== filterInput) filterInput.value = view.filter.text;
    document.body.dataset.mode = view.mode;
    const empty = $('empty');
    const layer = subject && subject.layers[view.selected];
    const filtering = view.filter.text !== '' || view.filter.kinds.length < KINDS.length;
    empty.hidden = view.total > 0;
    empty.textContent = view.total > 0 ? '' : filtering ? strings.noMatch : layer && layer.writable ? strings.emptyWritable : strings.emptyLayer;
  }

  // ------------------------------------------------------------------ messages

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'subject') {
      subject = message;
      renderSubject();
      saveState();
    } else if (message.type === 'view') {
      if (message.version !== view.version) rows.clear();
      const selectedChanged = message.selected !== view.selected;
      Object.assign(view, { version: message.version, total: message.total, selected: message.selected, mode: message.mode, sort: message.sort, filter: message.filter });
      for (const row of message.rows) rows.set(row.index, row);
      if (selectedChanged) markSelectedLayer();
      renderToolbar();
      if (typeof message.focus === 'number') focusRow(message.focus);
      else {
        focusIndex = Math.max(0, Math.min(view.total - 1, focusIndex));
        render();
      }
      saveState();
    }
  });

  function saveState() {
    vscode.setState({ target: subject ? subject.target : undefined, selected: view.selected, mode: view.mode });
  }

  post('ready');
})();
