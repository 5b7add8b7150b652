// The preview page's script. It draws what the extension sends (the body is
// HTML the extension already sanitised; CSP forbids any script but this one),
// keeps the scroll position across updates, and reports clicks and scrolling
// back as protocol messages. It never evaluates anything from the article.
import { isPreviewPageState, isToPageMessage, type FromPageMessage, type PreviewPageState, type ToPageMessage } from '../../preview/protocol';
import { acquireHost, onMessage } from '../shared/host';
import { renderHeader } from './header';
import { lineForOffset, lineOfNode, offsetForLine } from './scrollMap';

type RenderMessage = Extract<ToPageMessage, { type: 'render' }>;

const host = acquireHost<FromPageMessage, PreviewPageState>(isPreviewPageState);
const headerRoot = document.getElementById('postdesk-header');
const bodyRoot = document.getElementById('postdesk-body');

let current: RenderMessage | undefined;
let firstRender = true;
// Scroll events caused by our own scrollTo must not echo back to the editor.
let ignoreScrollUntil = 0;
const savedState: PreviewPageState | undefined = host.getState();

function saveState(line?: number): void {
  if (!current) return;
  host.setState({ uri: current.uri, locked: current.locked, line });
}

function scrollToLine(line: number): void {
  if (!bodyRoot || !current) return;
  ignoreScrollUntil = performance.now() + 200;
  window.scrollTo({ top: Math.max(0, offsetForLine(bodyRoot, line, current.lineCount) - 4), behavior: 'instant' });
}

function render(message: RenderMessage): void {
  if (!headerRoot || !bodyRoot) return;
  const sameDocument = current?.uri === message.uri;
  const keepLine = sameDocument && window.scrollY > 0 ? lineForOffset(bodyRoot, window.scrollY + 4) : undefined;
  current = message;
  document.body.classList.toggle('postdesk-locked', message.locked);
  renderHeader(headerRoot, message.article);
  // Sanitised by the extension (src/core/render); the CSP blocks inline scripts and handlers regardless.
  bodyRoot.innerHTML = message.article.bodyHtml;

  let target = message.scrollToLine;
  if (firstRender && target === undefined && savedState?.uri === message.uri) target = savedState.line;
  if (target === undefined) target = keepLine;
  if (target !== undefined) scrollToLine(target);
  else if (!sameDocument) window.scrollTo({ top: 0, behavior: 'instant' });
  firstRender = false;
  saveState(target);
  host.postMessage({
    type: 'rendered',
    version: message.version,
    title: headerRoot.querySelector('.postdesk-title')?.textContent ?? '',
    dateText: headerRoot.querySelector('.postdesk-date')?.textContent ?? undefined,
    markerCount: bodyRoot.querySelectorAll('.postdesk-marker').length,
  });
}

onMessage<ToPageMessage>(isToPageMessage, (message) => {
  switch (message.type) {
    case 'render':
      render(message);
      break;
    case 'scrollToLine':
      scrollToLine(message.line);
      saveState(message.line);
      break;
    case 'locked':
      if (current) current = { ...current, locked: message.locked };
      document.body.classList.toggle('postdesk-locked', message.locked);
      saveState();
      break;
  }
});

let scrollFrame = 0;
window.addEventListener('scroll', () => {
  if (scrollFrame !== 0) return;
  scrollFrame = requestAnimationFrame(() => {
    scrollFrame = 0;
    if (!bodyRoot || !current) return;
    const line = lineForOffset(bodyRoot, window.scrollY + 4);
    saveState(line);
    if (performance.now() < ignoreScrollUntil || !current.scrollEditorWithPreview) return;
    host.postMessage({ type: 'didScroll', line });
  });
}, { passive: true });

function handleLink(anchor: HTMLAnchorElement): void {
  const relative = anchor.dataset.href;
  if (relative !== undefined) {
    host.postMessage({ type: 'openLink', href: relative, kind: 'relative' });
    return;
  }
  const href = anchor.getAttribute('href') ?? '';
  if (href.startsWith('#')) {
    // Author ids are prefixed by the sanitiser.
    let fragment = href.slice(1);
    try {
      fragment = decodeURIComponent(fragment);
    } catch {
      // keep as written
    }
    document.getElementById(`user-content-${fragment}`)?.scrollIntoView();
  } else if (/^(https?|mailto):/i.test(href)) {
    host.postMessage({ type: 'openLink', href, kind: 'external' });
  }
}

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const anchor = target?.closest('a');
  if (anchor) {
    // The webview must never navigate itself; the extension decides what opens.
    // VS Code's webview frame also listens for clicks on links (on the window,
    // after this) and opens web links itself, prevented or not: a post's
    // permalink on its site's address opened the post and the browser both.
    event.preventDefault();
    event.stopPropagation();
    handleLink(anchor);
    return;
  }
  const marker = target?.closest('.postdesk-marker');
  const line = marker ? lineOfNode(marker) : undefined;
  if (line !== undefined) host.postMessage({ type: 'revealLine', line });
});

document.addEventListener('dblclick', (event) => {
  const line = lineOfNode(event.target);
  if (line !== undefined) host.postMessage({ type: 'revealLine', line });
});

host.postMessage({ type: 'ready' });
