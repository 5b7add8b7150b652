// Renders an article body one top-level block at a time. markdown-it's block
// pass runs over the whole body (it needs the whole text: lists, lazy
// paragraphs, link reference definitions), then the inline pass, the core
// rules and the renderer run per top-level block, so each block's inline
// tokens die young instead of a 1 MB article's whole token tree living
// through the render (that garbage collection was about 40% of the time).
// The output is exactly what parsing and rendering the whole body at once
// gives: every core rule after `block` works within one top-level block, and
// the renderer looks at no token across a top-level boundary.
import type MarkdownIt from 'markdown-it';
import { createMarkdown, type RenderEnv } from './markdown';
import { SegmentStream } from './segments';

export interface MarkdownPipeline {
  /** Only markdown-it's `normalize` and `block` core rules: the block structure and link references. */
  readonly blocks: MarkdownIt;
  /** Every core rule after `block` (inline, linkify, text_join, ours) and the renderer. */
  readonly inlines: MarkdownIt;
}

export function createPipeline(): MarkdownPipeline {
  const blocks = createMarkdown();
  blocks.core.ruler.enableOnly(['normalize', 'block']);
  const inlines = createMarkdown();
  inlines.core.ruler.disable(['normalize', 'block']);
  return { blocks, inlines };
}

interface CachedBlock {
  readonly html: string;
  /** Document line the block started on when rendered: its data-line values are shifted by the difference. */
  readonly line: number;
}

/**
 * Rendered HTML of the last render's blocks, for the preview's updates while
 * typing: a block whose block tokens are unchanged is not parsed again.
 * Only what was used by the latest render is kept. One cache per preview:
 * entries are only valid for the address policy they were rendered with,
 * which the caller names with a context key.
 */
export class BlockCache {
  private context: string | undefined;
  private blocks = new Map<string, CachedBlock>();
  private sanitised = new Map<string, string>();
  private nextBlocks = new Map<string, CachedBlock>();
  private nextSanitised = new Map<string, string>();
  /** Blocks of the latest render taken from the cache, and plain blocks it had to render. */
  reused = 0;
  rendered = 0;

  /** Starts a render; a different context (policy, labels, link references) empties the cache. */
  begin(context: string): void {
    if (context !== this.context) {
      this.blocks.clear();
      this.sanitised.clear();
      this.context = context;
    }
    this.nextBlocks = new Map();
    this.nextSanitised = new Map();
    this.reused = 0;
    this.rendered = 0;
  }

  /** Ends a render: forget what it did not use. */
  end(): void {
    this.blocks = this.nextBlocks;
    this.sanitised = this.nextSanitised;
    this.nextBlocks = new Map();
    this.nextSanitised = new Map();
  }

  block(key: string, line: number): string | undefined {
    const hit = this.blocks.get(key) ?? this.nextBlocks.get(key);
    if (hit === undefined) return undefined;
    this.reused++;
    this.nextBlocks.set(key, hit);
    return hit.line === line ? hit.html : shiftDataLines(hit.html, line - hit.line);
  }

  storeBlock(key: string, line: number, html: string): void {
    this.rendered++;
    this.nextBlocks.set(key, { html, line });
  }

  sanitise(html: string, sanitize: (html: string) => string): string {
    let clean = this.sanitised.get(html) ?? this.nextSanitised.get(html);
    clean ??= sanitize(html);
    this.nextSanitised.set(html, clean);
    return clean;
  }

}

// In a block with no raw HTML every `"` of the article is escaped, so each
// ` data-line="N"` is one the renderer wrote.
const DATA_LINE = / data-line="(\d+)"/g;

function shiftDataLines(html: string, delta: number): string {
  return html.replace(DATA_LINE, (_match, line: string) => ` data-line="${Number(line) + delta}"`);
}

/** Length-prefixed, so no two different token lists share a key. */
function field(text: string): string {
  return `${text.length}:${text}`;
}

/**
 * The key of a top-level block without raw HTML: everything the inline pass
 * and the renderer read from its block tokens, with lines relative to the
 * block's start (the shift is applied on reuse). Returns undefined for a
 * block that may hold raw HTML: those always go the whole way.
 */
function plainBlockKey(tokens: readonly (MarkdownIt.Token | undefined)[], start: number, end: number): string | undefined {
  const base = tokens[start]?.map?.[0] ?? 0;
  let key = '';
  for (let i = start; i < end; i++) {
    const t = tokens[i];
    if (t === undefined || t.type === 'html_block') return undefined;
    if (t.type === 'inline' && t.content.includes('<')) return undefined;
    const map = t.map ? `${t.map[0] - base},${t.map[1] - base}` : '';
    const attrs = t.attrs ? t.attrs.map(([name, value]) => field(name) + field(value)).join('') : '';
    key += `${t.type} ${t.tag} ${t.nesting} ${t.level} ${map} ${t.hidden ? 1 : 0} ${field(t.markup)}${field(t.info)}${field(attrs)}${field(t.content)}\n`;
  }
  return key;
}

/**
 * The body's HTML: blocks with raw HTML go through `sanitize` (neighbouring
 * ones together, as one piece), the others are markdown-it's escaped output.
 * `env` is the parse environment; `cache` (optional) reuses unchanged blocks.
 */
export function renderBody(pipeline: MarkdownPipeline, body: string, env: RenderEnv, sanitize: (html: string) => string, cache?: { readonly blocks: BlockCache; readonly context: string }): string {
  const { blocks, inlines } = pipeline;
  // Entries are dropped once their block is done: the inline pass hangs each
  // block's inline tokens on it, and they should not live through the render.
  const tokens: (MarkdownIt.Token | undefined)[] = blocks.parse(body, env);
  // A changed link reference definition can change any block that uses it.
  cache?.blocks.begin(`${cache.context}\n${JSON.stringify((env as { references?: unknown }).references ?? null)}`);
  // After the block pass, so both carry the link references it collected.
  const trustedEnv: RenderEnv = { ...env, trusted: true };
  const untrustedEnv: RenderEnv = { ...env, trusted: false };
  const flatSanitize = (html: string): string => flatten(sanitize(html));
  const clean = cache ? (html: string) => cache.blocks.sanitise(html, flatSanitize) : flatSanitize;

  let out = '';
  let raw = '';
  let trusted: string | undefined;
  const emit = (run: MarkdownIt.Token[], rawHtml: boolean): void => {
    if (rawHtml) {
      raw += inlines.renderer.render(run, inlines.options, untrustedEnv);
      return;
    }
    trusted = flatten(inlines.renderer.render(run, inlines.options, trustedEnv));
    if (raw !== '') {
      out += clean(raw);
      raw = '';
    }
    out += trusted;
  };

  const stream = new SegmentStream();
  const state = new inlines.core.State('', inlines, env);
  for (let start = 0; start < tokens.length; ) {
    // A top-level block: up to the first level-0 token that does not open one.
    let end = start;
    while (end < tokens.length - 1 && !isTopLevelEnd(tokens[end])) end++;
    end++;
    const key = cache && stream.atBoundary ? plainBlockKey(tokens, start, end) : undefined;
    const line = (tokens[start]?.map?.[0] ?? 0) + env.lineOffset;
    const hit = key === undefined ? undefined : cache?.blocks.block(key, line);
    if (hit !== undefined) {
      if (raw !== '') {
        out += clean(raw);
        raw = '';
      }
      out += hit;
    } else {
      state.tokens = tokens.slice(start, end) as MarkdownIt.Token[];
      inlines.core.process(state);
      trusted = undefined;
      stream.feed(state.tokens, emit);
      // A plain block at a boundary is exactly one trusted run.
      if (key !== undefined && trusted !== undefined) cache?.blocks.storeBlock(key, line, trusted);
    }
    tokens.fill(undefined, start, end);
    start = end;
  }
  state.tokens = [];
  stream.end(emit);
  if (raw !== '') out += clean(raw);
  cache?.blocks.end();
  return out;
}

/**
 * markdown-it and the sanitiser build their output with `+=`, a tree of many
 * small string pieces that V8 keeps as is: held until the article is done,
 * they survive every young-generation GC and get copied each time.
 * Converting to a number makes V8 flatten the string into one piece (the
 * "flatstr" trick); the result of the conversion is of no interest.
 */
function flatten(html: string): string {
  void Number(html);
  return html;
}

function isTopLevelEnd(token: MarkdownIt.Token | undefined): boolean {
  return token !== undefined && token.level === 0 && token.nesting !== 1;
}
