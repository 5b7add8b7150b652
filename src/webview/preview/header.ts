// Draws the article header from plain strings. Everything goes through
// textContent: a title such as `<img onerror=…>` shows as text.
import type { PreviewArticle } from '../../preview/protocol';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function renderHeader(header: HTMLElement, article: PreviewArticle): void {
  const title = element('h1', 'postdesk-title', article.title);
  const meta = element('div', 'postdesk-meta');
  if (article.statusLabel !== undefined) {
    meta.append(element('span', `postdesk-badge postdesk-badge-${article.status}`, article.statusLabel));
  }
  if (article.dateText !== undefined) meta.append(element('span', 'postdesk-date', article.dateText));
  if (article.authorText !== undefined) meta.append(element('span', 'postdesk-author', article.authorText));
  meta.append(element('span', 'postdesk-stats', article.statsText));
  if (article.url !== undefined) meta.append(element('span', 'postdesk-url', article.url));

  const children: HTMLElement[] = [title, meta];
  if (article.tags.length > 0) {
    const tags = element('ul', 'postdesk-tags');
    for (const tag of article.tags) tags.append(element('li', 'postdesk-tag', tag));
    children.push(tags);
  }
  header.replaceChildren(...children);
}
