// Draws the article header from plain strings. Everything goes through
// textContent and DOM properties: a title, an author or a description such
// as `<img onerror=…>` shows as text. The cover image is loaded only from the
// address the extension resolved (src/core/render/addresses.ts).
import type { PreviewArticle, PreviewCover } from '../../preview/protocol';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function list(className: string, itemClass: string, items: readonly string[], label: string | undefined): HTMLUListElement {
  const node = element('ul', className);
  if (label !== undefined) node.setAttribute('aria-label', label);
  for (const item of items) node.append(element('li', itemClass, item));
  return node;
}

/** The cover, or a placeholder naming its address; an image that fails to load becomes that placeholder too. */
function coverElement(cover: PreviewCover): HTMLElement {
  const figure = element('div', 'postdesk-cover');
  if (cover.kind === 'placeholder') {
    figure.append(element('span', 'postdesk-blocked-image postdesk-cover-missing', cover.text));
    return figure;
  }
  const image = document.createElement('img');
  image.className = 'postdesk-cover-image';
  image.alt = cover.alt;
  image.addEventListener(
    'error',
    () => {
      figure.replaceChildren(element('span', 'postdesk-blocked-image postdesk-cover-missing', cover.missingText));
    },
    { once: true },
  );
  image.src = cover.src;
  figure.append(image);
  return figure;
}

export function renderHeader(header: HTMLElement, article: PreviewArticle): void {
  const children: HTMLElement[] = [];
  if (article.cover !== undefined) children.push(coverElement(article.cover));
  if (article.categories.length > 0) children.push(list('postdesk-categories', 'postdesk-category', article.categories, article.categoriesLabel));
  children.push(element('h1', 'postdesk-title', article.title));
  if (article.description !== undefined) children.push(element('p', 'postdesk-description', article.description));

  const meta = element('div', 'postdesk-meta');
  if (article.statusLabel !== undefined) {
    meta.append(element('span', `postdesk-badge postdesk-badge-${article.status}`, article.statusLabel));
  }
  if (article.dateText !== undefined) meta.append(element('span', 'postdesk-date', article.dateText));
  if (article.authorText !== undefined) {
    const byline = element('span', 'postdesk-author', article.authorText);
    if (article.authorTooltip !== undefined) byline.title = article.authorTooltip;
    meta.append(byline);
  }
  meta.append(element('span', 'postdesk-stats', article.statsText));
  if (article.url !== undefined) meta.append(element('span', 'postdesk-url', article.url));
  children.push(meta);

  if (article.tags.length > 0) children.push(list('postdesk-tags', 'postdesk-tag', article.tags, article.tagsLabel));
  header.replaceChildren(...children);
}
