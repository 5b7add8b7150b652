// The HTML half of the renderer: an allow-list sanitiser. Whatever markdown-it
// produced (including raw HTML from the article) goes through here, so only
// document structure survives: no scripts, no event handlers, no styles that
// fetch anything, no frames, forms or meta refreshes, and every address is
// classified by urls.ts.
import sanitizeHtml from 'sanitize-html';
import { imageDecision, linkAttributes, PLACEHOLDER_CLASS, type AddressPolicy } from './addresses';

export type SanitizeOptions = AddressPolicy;

const ALLOWED_TAGS = [
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'kbd', 'samp', 'var',
  'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'small', 'sub', 'sup', 'abbr', 'cite', 'q', 'dfn', 'time',
  'a', 'img', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
  'colgroup', 'col', 'figure', 'figcaption', 'details', 'summary', 'div', 'span', 'section', 'article', 'aside',
  'header', 'footer', 'address', 'wbr', 'ruby', 'rt', 'rp', 'bdi', 'bdo',
];

// No `style` at all (alignment becomes a class), no `id`/`name` as written (they could
// clobber the page script's globals), no `class` except our own.
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
  return { tagName, attribs: value ? { ...rest, class: `postdesk-align-${value.toLowerCase()}` } : rest };
}

/** Prefix author ids, as GitHub does, so `id="body"` cannot shadow anything on the page. */
function prefixId(attribs: Record<string, string>): Record<string, string> {
  const out = { ...attribs };
  if (out.id !== undefined) out.id = `user-content-${out.id.replace(/[^\w-]/g, '')}`;
  return out;
}

export function createSanitizer(options: SanitizeOptions): (html: string) => string {
  const transformTags: sanitizeHtml.IOptions['transformTags'] = {
    '*': (tagName, attribs) => ({ tagName, attribs: prefixId(attribs) }),
    th: alignCell,
    td: alignCell,
    // The '*' transform runs after these too, so they leave ids alone.
    a: (tagName, attribs) => {
      const { href, 'data-href': _ignored, ...rest } = attribs;
      return { tagName, attribs: href === undefined ? rest : { ...rest, ...linkAttributes(href, options) } };
    },
    img: (tagName, attribs): sanitizeHtml.Tag => {
      const { src, 'data-href': _ignored, ...rest } = attribs;
      const decision = imageDecision(src ?? '', attribs.alt ?? '', options);
      if (decision.kind === 'image') return { tagName, attribs: { src: decision.src, ...rest } };
      return { tagName: 'span', attribs: { class: PLACEHOLDER_CLASS, role: 'img', 'aria-label': decision.text, title: decision.title }, text: decision.text };
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
