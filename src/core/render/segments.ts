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

/**
 * The segmentation as a stream, so tokens can be fed one top-level block at a
 * time and dropped once rendered (the renderer never holds a whole 1 MB
 * article's tokens). `feed` returns each run as soon as it is complete.
 */
export class SegmentStream {
  private pending: MarkdownIt.Token[] = [];
  private depth = 0;
  private raw = false;

  /** True when no run is open: the next block starts a run of its own. */
  get atBoundary(): boolean {
    return this.pending.length === 0;
  }

  /** Feeds tokens in document order; calls `emit` with every run they complete. */
  feed(tokens: readonly MarkdownIt.Token[], emit: (tokens: MarkdownIt.Token[], rawHtml: boolean) => void): void {
    for (const token of tokens) {
      this.pending.push(token);
      const html = rawHtmlOf(token);
      if (html !== undefined) {
        this.raw = true;
        this.depth = openDepthAfter(html, this.depth);
      }
      if (token.level === 0 && token.nesting !== 1 && this.depth === 0) {
        const run = this.pending;
        this.pending = [];
        const rawHtml = this.raw;
        this.raw = false;
        emit(run, rawHtml);
      }
    }
  }

  /** Whatever is still open at the end of the article is raw HTML (an element never closed). */
  end(emit: (tokens: MarkdownIt.Token[], rawHtml: boolean) => void): void {
    if (this.pending.length > 0) emit(this.pending, true);
    this.pending = [];
    this.depth = 0;
    this.raw = false;
  }
}

export function segmentTokens(tokens: readonly MarkdownIt.Token[]): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  const push = (length: number, rawHtml: boolean): void => {
    const end = start + length;
    const last = segments[segments.length - 1];
    // Neighbouring runs of the same kind are rendered (and sanitised) together.
    if (last && last.rawHtml === rawHtml) segments[segments.length - 1] = { start: last.start, end, rawHtml };
    else segments.push({ start, end, rawHtml });
    start = end;
  };
  const stream = new SegmentStream();
  stream.feed(tokens, (run, rawHtml) => push(run.length, rawHtml));
  stream.end((run, rawHtml) => push(run.length, rawHtml));
  return segments;
}
