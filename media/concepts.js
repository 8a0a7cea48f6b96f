// The concepts panel's script: puts the extension's drawings (SVG built from
// the engine by src/concepts/, learner names already escaped) into the page,
// lights the path of each API call, and switches tabs. No network, no eval.
// @ts-check
(function () {
  // @ts-expect-error acquireVsCodeApi is provided by the webview host.
  const vscode = acquireVsCodeApi();
  const tabs = /** @type {HTMLButtonElement[]} */ ([...document.querySelectorAll('[role="tab"]')]);

  /** @param {string} tab */
  function select(tab) {
    for (const button of tabs) {
      const on = button.dataset.tab === tab;
      button.setAttribute('aria-selected', String(on));
      button.tabIndex = on ? 0 : -1;
      const panel = document.getElementById(`panel-${button.dataset.tab}`);
      if (panel) panel.hidden = !on;
    }
    document.body.dataset.tab = tab;
    vscode.setState({ tab });
    vscode.postMessage({ type: 'tab', tab });
  }

  // The extension remembers the view (the page's own saved state may lag behind a reload).
  select(document.body.dataset.tab || 'vm');

  for (const button of tabs) {
    button.addEventListener('click', () => select(button.dataset.tab || 'vm'));
    button.addEventListener('keydown', (event) => {
      const index = tabs.indexOf(button);
      const next = event.key === 'ArrowRight' ? index + 1 : event.key === 'ArrowLeft' ? index - 1 : -2;
      if (next === -2) return;
      const target = tabs[(next + tabs.length) % tabs.length];
      select(target.dataset.tab || 'vm');
      target.focus();
      event.preventDefault();
    });
  }

  /** A box that names a lesson opens it (click, Enter or Space). */
  function openLessonOf(/** @type {EventTarget | null} */ target) {
    const box = target instanceof Element ? target.closest('[data-lesson]') : null;
    const lessonId = box && box.getAttribute('data-lesson');
    if (lessonId) vscode.postMessage({ type: 'openLesson', lessonId });
  }
  document.addEventListener('click', (event) => openLessonOf(event.target));
  document.addEventListener('keydown', (event) => {
    if ((event.key === 'Enter' || event.key === ' ') && event.target instanceof Element && event.target.closest('.diagram')) {
      openLessonOf(event.target);
      event.preventDefault();
    }
  });

  /** Keeps keyboard focus on the same box across a redraw. */
  function focusedKey() {
    const active = document.activeElement;
    return active && active.closest('.diagram') ? active.getAttribute('aria-label') : null;
  }

  /** @type {Map<string, number>} edge -> when it goes dark */
  const lit = new Map();
  let flashTimer = 0;
  function paintLit() {
    const now = Date.now();
    for (const [edge, until] of lit) if (until <= now) lit.delete(edge);
    for (const element of document.querySelectorAll('.flash')) {
      if (!lit.has(element.getAttribute('data-edge') || '')) element.classList.remove('flash');
    }
    for (const edge of lit.keys()) {
      for (const element of document.querySelectorAll(`[data-edge="${edge}"]`)) element.classList.add('flash');
    }
    clearTimeout(flashTimer);
    if (lit.size) flashTimer = setTimeout(paintLit, Math.max(50, Math.min(...lit.values()) - now));
  }
  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message) return;
    if (message.type === 'tab') {
      select(message.tab);
      return;
    }
    if (message.type !== 'update') return;
    const focus = focusedKey();
    for (const [view, drawing] of Object.entries(message.views)) {
      const host = document.querySelector(`.diagram[data-view="${view}"]`);
      if (host) host.innerHTML = drawing.svg;
      const outline = document.querySelector(`[data-outline="${view}"]`);
      if (outline) outline.replaceChildren(...drawing.outline.map((/** @type {string} */ line) => {
        const item = document.createElement('li');
        item.textContent = line;
        return item;
      }));
    }
    const table = document.querySelector('[data-table]');
    if (table) table.innerHTML = message.table;
    const calls = document.querySelector('[data-calls]');
    if (calls) {
      const table = calls.closest('table');
      // The lab's own terminal and views, or the socket and the client that called through it.
      const from = (/** @type {string | undefined} */ client) => client === undefined
        ? (table?.getAttribute('data-lab') ?? '')
        : [table?.getAttribute('data-socket') ?? '', client].filter(Boolean).join(' · ');
      const rows = [...message.calls].reverse().map((/** @type {{method: string, path: string, status: number, client?: string}} */ call, /** @type {number} */ index) => {
        const row = document.createElement('tr');
        if (index === 0 && message.flash.length) row.className = 'new';
        if (call.client !== undefined) row.classList.add('socket');
        for (const text of [from(call.client), call.method, call.path, String(call.status)]) {
          const cell = document.createElement('td');
          cell.textContent = text;
          row.append(cell);
        }
        if (call.status >= 400) row.classList.add('failed');
        return row;
      });
      if (rows.length === 0) {
        const row = document.createElement('tr');
        const cell = document.createElement('td');
        cell.colSpan = 4;
        cell.textContent = calls.getAttribute('data-empty');
        row.append(cell);
        rows.push(row);
      }
      calls.replaceChildren(...rows);
    }
    if (focus) {
      const again = [...document.querySelectorAll('.diagram [aria-label]')].find((el) => el.getAttribute('aria-label') === focus);
      if (again instanceof HTMLElement || again instanceof SVGElement) again.focus();
    }
    // Lit edges stay lit for their 1.2 s across redraws (a pull's last call is followed by a redraw).
    const now = Date.now();
    for (const edge of message.flash) lit.set(edge, now + 1200);
    paintLit();
  });

  vscode.postMessage({ type: 'ready' });
})();
