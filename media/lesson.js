// The lesson view's script: buttons post messages to the extension, which owns
// the lab; the extension posts the exercises' live state back. No network, no
// eval; the page's HTML comes from the extension (curriculum/lessonPage.ts).
// @ts-check
(function () {
  // @ts-expect-error acquireVsCodeApi is provided by the webview host.
  const vscode = acquireVsCodeApi();
  const main = document.querySelector('main.lesson-body');
  const lessonId = main ? main.getAttribute('data-lesson') : null;
  const previous = vscode.getState() || {};
  vscode.setState({ lessonId, scrollY: previous.lessonId === lessonId ? previous.scrollY || 0 : 0 });
  if (previous.lessonId === lessonId && previous.scrollY) window.scrollTo(0, previous.scrollY);

  let scrollTimer = 0;
  window.addEventListener('scroll', () => {
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(() => vscode.setState({ lessonId, scrollY: window.scrollY }), 200);
  });

  /** @param {Element} button */
  function codeOf(button) {
    const block = button.closest('.code-block');
    const code = block && block.querySelector('code');
    return code ? code.textContent || '' : '';
  }

  document.addEventListener('click', (event) => {
    // Links like [the picture](#concepts:vm) open the concepts panel on that view.
    const link = event.target instanceof Element ? event.target.closest('a[href^="#concepts:"]') : null;
    if (link) {
      event.preventDefault();
      vscode.postMessage({ type: 'concepts', tab: (link.getAttribute('href') || '').slice('#concepts:'.length) });
      return;
    }
    // Links like [its layers](#inspect:nginx:1.28.0) open the layer inspector on that image (or #inspect:container:web).
    const inspect = event.target instanceof Element ? event.target.closest('a[href^="#inspect:"]') : null;
    if (inspect) {
      event.preventDefault();
      vscode.postMessage({ type: 'inspect', target: decodeURIComponent((inspect.getAttribute('href') || '').slice('#inspect:'.length)) });
      return;
    }
    const target = event.target instanceof Element ? event.target.closest('button') : null;
    if (!target) return;
    const action = target.getAttribute('data-action');
    const toggle = target.getAttribute('data-toggle');
    if (action === 'run') {
      vscode.postMessage({ type: 'run', text: codeOf(target) });
    } else if (action === 'copy') {
      vscode.postMessage({ type: 'copy', text: codeOf(target) });
      const label = target.textContent;
      target.textContent = document.body.getAttribute('data-copied') || label;
      setTimeout(() => { target.textContent = label; }, 1500);
    } else if (action === 'reset' || action === 'undo' || action === 'createFiles') {
      vscode.postMessage({ type: action });
    } else if (action === 'open') {
      vscode.postMessage({ type: 'open', lessonId: target.getAttribute('data-lesson') });
    } else if (toggle) {
      const exercise = target.closest('.exercise');
      const reveal = exercise && exercise.querySelector(`[data-reveal="${toggle}"]`);
      if (reveal instanceof HTMLElement) {
        reveal.hidden = !reveal.hidden;
        target.setAttribute('aria-expanded', String(!reveal.hidden));
      }
    }
  });

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || message.type !== 'state') return;
    let done = 0;
    for (const exercise of message.exercises) {
      const section = document.querySelector(`.exercise[data-exercise="${CSS.escape(exercise.id)}"]`);
      if (!section) continue;
      section.setAttribute('data-status', exercise.status);
      const text = section.querySelector('.status-text');
      if (text) text.textContent = text.getAttribute(`data-${exercise.status}`) || '';
      exercise.checks.forEach((holds, index) => {
        const item = section.querySelector(`[data-check="${index}"]`);
        if (item) item.classList.toggle('holds', holds);
      });
      if (exercise.status === 'passed') done++;
    }
    const allDone = document.querySelector('.all-done');
    if (allDone instanceof HTMLElement) allDone.hidden = done < message.exercises.length;
    const undo = document.getElementById('undo');
    if (undo instanceof HTMLButtonElement) {
      undo.disabled = !message.undo;
      undo.title = message.undo || '';
    }
  });

  vscode.postMessage({ type: 'ready' });
})();
