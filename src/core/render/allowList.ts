// What an article's raw HTML may keep in the preview: document structure
// only. No scripts, event handlers, styles, frames, forms or meta refreshes;
// every address goes through addresses.ts. The page's own names
// (`postdesk-*` classes, `data-line`) come only from the renderer.

export const ALLOWED_TAGS: ReadonlySet<string> = new Set([
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'kbd', 'samp', 'var',
  'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'small', 'sub', 'sup', 'abbr', 'cite', 'q', 'dfn', 'time',
  'a', 'img', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
  'colgroup', 'col', 'figure', 'figcaption', 'details', 'summary', 'div', 'span', 'section', 'article', 'aside',
  'header', 'footer', 'address', 'wbr', 'ruby', 'rt', 'rp', 'bdi', 'bdo',
]);

// No `style` at all (alignment becomes a class), no `id` as written (it is
// prefixed so it cannot clobber the page script's globals), no `class` or
// `data-line` from the article (`language-*` on `code` is the one class an
// article may give).
const COMMON_ATTRIBUTES = ['title', 'lang', 'dir', 'id'];
export const ALLOWED_ATTRIBUTES: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries({
    a: ['href'],
    img: ['src', 'alt', 'width', 'height'],
    ol: ['start', 'reversed', 'type'],
    li: ['value'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    col: ['span'],
    colgroup: ['span'],
    details: ['open'],
    time: ['datetime'],
    abbr: ['title'],
    code: ['class'],
  }).map(([tag, names]) => [tag, new Set([...COMMON_ATTRIBUTES, ...names])]),
);
const COMMON: ReadonlySet<string> = new Set(COMMON_ATTRIBUTES);

export function attributeAllowed(tag: string, name: string): boolean {
  return (ALLOWED_ATTRIBUTES.get(tag) ?? COMMON).has(name);
}

/** Elements whose text is never shown (script source, CSS, form fields, fallbacks). */
export const NON_TEXT_TAGS: ReadonlySet<string> = new Set(['script', 'style', 'textarea', 'option', 'noscript', 'title', 'template', 'xmp', 'iframe', 'noembed', 'noframes']);

/**
 * Elements whose content a browser reads as text up to their end tag (with
 * scripting on, as in the webview, `noscript` too): nothing inside is markup,
 * and none of it is shown.
 */
export const RAW_TEXT_TAGS: ReadonlySet<string> = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);

export const VOID_TAGS: ReadonlySet<string> = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
