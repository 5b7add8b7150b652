// Splits a token stream into runs of top-level blocks that either hold raw
// HTML (sanitised) or do not (markdown-it's own escaped output, rendered
// directly). Sanitising only what needs it keeps a 1 MB article fast; a run
// with raw HTML extends until the HTML's elements are closed again, so an
// author's `<details>` around Markdown paragraphs stays one piece.
import type MarkdownIt from 'markdown-it';

export interface Segment {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
  readonly rawHtml: boolean;
}

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>/g;

/** How many elements `html` leaves open (never below zero: stray end tags are ignored by parsers). */
export function openDepthAfter(html: string, depth: number): number {
  let d = depth;
  for (const match of html.replace(/<!--[\s\S]*?-->/g, '').matchAll(TAG)) {
    const name = (match[2] ?? '').toLowerCase();
    if (VOID_ELEMENTS.has(name) || match[3] === '/') continue;
    d = match[1] === '/' ? Math.max(0, d - 1) : d + 1;
  }
  return d;
}

function rawHtmlOf(token: MarkdownIt.Token): string | undefined {
  if (token.type === 'html_block') return token.content;
  let html: string | undefined;
  for (const child of token.children ?? []) {
    if (child.type === 'html_inline') html = (html ?? '') + child.content;
  }
  return html;
}

export function segmentTokens(tokens: readonly MarkdownIt.Token[]): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  let depth = 0;
  let raw = false;
  const push = (end: number, rawHtml: boolean): void => {
    const last = segments[segments.length - 1];
    // Neighbouring runs of the same kind are rendered (and sanitised) together.
    if (last && last.rawHtml === rawHtml) segments[segments.length - 1] = { start: last.start, end, rawHtml };
    else segments.push({ start, end, rawHtml });
    start = end;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token) continue;
    const html = rawHtmlOf(token);
    if (html !== undefined) {
      raw = true;
      depth = openDepthAfter(html, depth);
    }
    const blockEnds = token.level === 0 && token.nesting !== 1;
    if (blockEnds && depth === 0) {
      push(i + 1, raw);
      raw = false;
    }
  }
  if (start < tokens.length) push(tokens.length, true);
  return segments;
}
