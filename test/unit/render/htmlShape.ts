// Reads the renderer's output back as tags and attributes. sanitize-html
// always writes normalised markup (lower-case names, double-quoted values),
// so a small scanner is enough to check what a browser would see.

export interface Tag {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
}

const TAG = /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:="[^"]*")?)*)\s*\/?>/g;
const ATTRIBUTE = /\s+([^\s"'>/=]+)(?:="([^"]*)")?/g;

export function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);?/g, (_, dec: string) => String.fromCodePoint(parseInt(dec, 10)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function tagsOf(html: string): Tag[] {
  const tags: Tag[] = [];
  for (const match of html.matchAll(TAG)) {
    const attributes = new Map<string, string>();
    for (const attr of (match[2] ?? '').matchAll(ATTRIBUTE)) attributes.set((attr[1] ?? '').toLowerCase(), decodeEntities(attr[2] ?? ''));
    tags.push({ name: (match[1] ?? '').toLowerCase(), attributes });
  }
  return tags;
}

/** Every `<` in the output must start a tag the scanner understood (or an end tag): nothing half-parsed. */
export function strayAngleBrackets(html: string): number {
  const withoutTags = html.replace(TAG, '').replace(/<\/[a-zA-Z][a-zA-Z0-9-]*\s*>/g, '');
  return (withoutTags.match(/</g) ?? []).length;
}

export const SAFE_TAGS = new Set([
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'kbd', 'samp', 'var',
  'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'small', 'sub', 'sup', 'abbr', 'cite', 'q', 'dfn', 'time',
  'a', 'img', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
  'colgroup', 'col', 'figure', 'figcaption', 'details', 'summary', 'div', 'span', 'section', 'article', 'aside',
  'header', 'footer', 'address', 'wbr', 'ruby', 'rt', 'rp', 'bdi', 'bdo',
]);

const SAFE_ATTRIBUTES = new Set([
  'data-line', 'data-href', 'title', 'lang', 'dir', 'id', 'href', 'src', 'alt', 'width', 'height', 'start', 'reversed',
  'type', 'value', 'class', 'colspan', 'rowspan', 'scope', 'span', 'open', 'datetime', 'role', 'aria-label',
]);

/** What must never reach the page, whatever the article says. Returns the problems found. */
export function unsafeParts(html: string, options: { allowRemoteImages?: boolean; resourcePrefix?: string } = {}): string[] {
  const problems: string[] = [];
  for (const tag of tagsOf(html)) {
    if (!SAFE_TAGS.has(tag.name)) problems.push(`tag <${tag.name}>`);
    for (const [name, value] of tag.attributes) {
      if (!SAFE_ATTRIBUTES.has(name)) problems.push(`attribute ${name} on <${tag.name}>`);
      if (name === 'id' && !value.startsWith('user-content-')) problems.push(`unprefixed id ${value}`);
      if (name === 'href') {
        const ok = value === '#' || value.startsWith('#') || /^(https?:|mailto:)/i.test(value) || (options.resourcePrefix !== undefined && value.startsWith(options.resourcePrefix));
        if (!ok) problems.push(`href ${value}`);
      }
      if (name === 'src') {
        const local = options.resourcePrefix !== undefined && value.startsWith(options.resourcePrefix);
        const dataImage = /^data:image\/(png|gif|jpeg|jpg|webp|avif|bmp);base64,/i.test(value);
        const remote = options.allowRemoteImages === true && value.startsWith('https://');
        if (!local && !dataImage && !remote) problems.push(`src ${value}`);
      }
      // eslint-disable-next-line no-control-regex -- browsers ignore these characters in URLs
      if (name === 'data-href' && /^[a-z][a-z0-9+.-]*:/i.test(value.replace(/[\u0000-\u0020]/g, ''))) problems.push(`data-href ${value}`);
    }
  }
  if (strayAngleBrackets(html) > 0) problems.push('unparsed <');
  return problems;
}
