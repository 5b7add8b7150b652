// The sanitiser the preview used before #15 part 3, kept as the reference the
// differential test compares with: sanitize-html over whole runs of output
// (markdown-it's and the article's raw HTML together), so only
// document structure survives: no scripts, no event handlers, no styles that
// fetch anything, no frames, forms or meta refreshes, and every address is
// classified by urls.ts. The page's own names (`postdesk-*` classes, which the
// preview's stylesheet and script give meaning to, and `data-line`) come only
// from the renderer: the article's are dropped, so it cannot forge a stray
// marker band or a scroll-sync line.
import sanitizeHtml from 'sanitize-html';
import { imageDecision, linkAttributes, PLACEHOLDER_CLASS, type AddressPolicy } from '../../../src/core/render/addresses';
import { OWN_MARK } from '../../../src/core/render/markdown';

export type SanitizeOptions = AddressPolicy;

const ALLOWED_TAGS = [
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'kbd', 'samp', 'var',
  'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'small', 'sub', 'sup', 'abbr', 'cite', 'q', 'dfn', 'time',
  'a', 'img', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
  'colgroup', 'col', 'figure', 'figcaption', 'details', 'summary', 'div', 'span', 'section', 'article', 'aside',
  'header', 'footer', 'address', 'wbr', 'ruby', 'rt', 'rp', 'bdi', 'bdo',
];

// No `style` at all (alignment becomes a class), no `id`/`name` as written (they could
// clobber the page script's globals), no `class` or `data-line` except our own
// (see `settle`; `language-*` on `code` is the one class an article may give).
const ALLOWED_ATTRIBUTES: sanitizeHtml.IOptions['allowedAttributes'] = {
  '*': ['data-line', 'title', 'lang', 'dir', 'id'],
  a: ['href', 'data-href'],
  img: ['src', 'alt', 'width', 'height', 'data-href'],
  ol: ['start', 'reversed', 'type'],
  li: ['value'],
  th: ['class', 'colspan', 'rowspan', 'scope'],
  td: ['class', 'colspan', 'rowspan'],
  col: ['span'],
  colgroup: ['span'],
  details: ['open'],
  time: ['datetime'],
  abbr: ['title'],
  span: ['class', 'role', 'aria-label'],
  div: ['class'],
  code: ['class'],
};

// What the renderer and this sanitiser's transforms write; the article's classes are filtered before (see `settle`).
const ALLOWED_CLASSES: sanitizeHtml.IOptions['allowedClasses'] = {
  code: ['language-*'],
  div: ['postdesk-marker'],
  span: ['postdesk-blocked-image'],
  th: ['postdesk-align-left', 'postdesk-align-right', 'postdesk-align-center'],
  td: ['postdesk-align-left', 'postdesk-align-right', 'postdesk-align-center'],
};

/**
 * Table alignment arrives as `style="text-align:right"` (markdown-it) or
 * `align="right"` (HTML). The preview's CSP allows no inline styles at all,
 * so it becomes a class and the style attribute is dropped.
 */
function alignCell(tagName: string, attribs: Record<string, string>): sanitizeHtml.Tag {
  const { style, align, ...rest } = attribs;
  const value = /text-align\s*:\s*(left|right|center)\b/i.exec(style ?? '')?.[1] ?? /^(left|right|center)$/i.exec(align ?? '')?.[1];
  return { tagName, attribs: value ? { ...rest, [OWN_CLASS]: `postdesk-align-${value.toLowerCase()}` } : rest };
}

const OWN_CLASS = `class${OWN_MARK}`;
/** The one class an article may give: a code block's language. */
const ARTICLE_CLASS = /^language-/;

/**
 * The attributes an element keeps, before the allow-lists: the page's own
 * (`class` and `data-line` marked with OWN_MARK by the renderer or by the
 * transforms here) lose their mark and win; the article's `data-line` and
 * classes (but `language-*` on `code`) go; author ids are prefixed, as GitHub
 * does, so `id="body"` cannot shadow anything on the page.
 */
function settle(tagName: string, attribs: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  let own: Set<string> | undefined;
  for (const name in attribs) {
    const value = attribs[name] ?? '';
    if (name.endsWith(OWN_MARK)) {
      const plain = name.slice(0, -OWN_MARK.length);
      out[plain] = value;
      (own ??= new Set()).add(plain);
    } else if (own?.has(name)) {
      continue;
    } else if (name === 'id') {
      out.id = `user-content-${value.replace(/[^\w-]/g, '')}`;
    } else if (name === 'class') {
      const kept = tagName === 'code' ? value.split(/\s+/).filter((c) => ARTICLE_CLASS.test(c)).join(' ') : '';
      if (kept !== '') out.class = kept;
    } else if (name !== 'data-line') {
      out[name] = value;
    }
  }
  return out;
}

export function createSanitizer(options: SanitizeOptions): (html: string) => string {
  const transformTags: sanitizeHtml.IOptions['transformTags'] = {
    '*': (tagName, attribs) => ({ tagName, attribs: settle(tagName, attribs) }),
    th: alignCell,
    td: alignCell,
    // The '*' transform runs after these too (on the tag they return), so they leave ids and marks alone.
    a: (tagName, attribs) => {
      const { href, 'data-href': _ignored, ...rest } = attribs;
      return { tagName, attribs: href === undefined ? rest : { ...rest, ...linkAttributes(href, options) } };
    },
    img: (tagName, attribs): sanitizeHtml.Tag => {
      const { src, 'data-href': _ignored, ...rest } = attribs;
      const decision = imageDecision(src ?? '', attribs.alt ?? '', options);
      if (decision.kind === 'image') return { tagName, attribs: { src: decision.src, ...rest } };
      return { tagName: 'span', attribs: { [OWN_CLASS]: PLACEHOLDER_CLASS, role: 'img', 'aria-label': decision.text, title: decision.title }, text: decision.text };
    },
  };

  const config: sanitizeHtml.IOptions = {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: ALLOWED_ATTRIBUTES,
    allowedClasses: ALLOWED_CLASSES,
    // Re-checked after transformTags: anything the transforms kept must still be one of these.
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['https', 'data'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite', 'data-href'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    // Contents of these are never shown as text either (script source, CSS, form fields).
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'template', 'xmp', 'iframe', 'noembed', 'noframes'],
    enforceHtmlBoundary: false,
    transformTags,
  };
  return (html) => sanitizeHtml(html, config);
}
