// What the preview keeps between renders while the author types: the output
// of each top-level block of the last render, found again by the block's
// tokens from markdown-it's block pass, so an unchanged block skips the
// inline pass and the renderer.
import type MarkdownIt from 'markdown-it';
import type { SanitizerState } from './rawHtml';

/**
 * What the inline pass and the renderer read from a top-level block's tokens,
 * as they came out of the block pass (before the core rules add attributes),
 * with lines relative to the block's start: an unchanged block matches even
 * when lines were added above it.
 */
export interface BlockShape {
  /** Where the cache files it: the first non-empty text of the block. */
  readonly bucket: string;
  /** FIELDS values per token, in order. */
  readonly fields: readonly (string | number)[];
  /** An HTML block, or a `<` in its text: may hold raw HTML. */
  readonly mayHoldHtml: boolean;
}

const FIELDS = 11;

function bucketOf(tokens: readonly (MarkdownIt.Token | undefined)[], start: number, end: number): string {
  for (let i = start; i < end; i++) {
    const content = tokens[i]?.content;
    if (content) return content;
  }
  return '';
}

function attrsText(token: MarkdownIt.Token): string {
  // Length-prefixed, so no two different attribute lists read the same.
  return token.attrs ? token.attrs.map(([name, value]) => `${name.length}:${name}${value.length}:${value}`).join('') : '';
}

export function blockShape(tokens: readonly (MarkdownIt.Token | undefined)[], start: number, end: number): BlockShape {
  const base = tokens[start]?.map?.[0] ?? 0;
  const fields: (string | number)[] = [];
  let mayHoldHtml = false;
  for (let i = start; i < end; i++) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (t.type === 'html_block' || (t.type === 'inline' && t.content.includes('<'))) mayHoldHtml = true;
    fields.push(t.type, t.tag, t.nesting, t.level, t.hidden ? 1 : 0, t.map ? t.map[0] - base : -1, t.map ? t.map[1] - base : -1, t.markup, t.info, attrsText(t), t.content);
  }
  return { bucket: bucketOf(tokens, start, end), fields, mayHoldHtml };
}

/** Whether `tokens[start..end)` has exactly the shape `shape` (compared field by field: nothing is built). */
function sameShape(shape: BlockShape, tokens: readonly (MarkdownIt.Token | undefined)[], start: number, end: number): boolean {
  const f = shape.fields;
  if (f.length !== (end - start) * FIELDS) return false;
  const base = tokens[start]?.map?.[0] ?? 0;
  for (let i = start, j = 0; i < end; i++, j += FIELDS) {
    const t = tokens[i];
    if (t === undefined) return false;
    if (
      f[j] !== t.type || f[j + 1] !== t.tag || f[j + 2] !== t.nesting || f[j + 3] !== t.level || f[j + 4] !== (t.hidden ? 1 : 0) ||
      f[j + 5] !== (t.map ? t.map[0] - base : -1) || f[j + 6] !== (t.map ? t.map[1] - base : -1) ||
      f[j + 7] !== t.markup || f[j + 8] !== t.info || f[j + 10] !== t.content || f[j + 9] !== attrsText(t)
    ) {
      return false;
    }
  }
  return true;
}

interface CachedBlock {
  readonly shape: BlockShape;
  readonly html: string;
  /** Document line the block started on when rendered: data-line values shift by the difference. */
  readonly line: number;
}

/** A chunk of the body (see renderInChunks in body.ts) as the previous render rendered it. */
export interface CachedChunk {
  readonly text: string;
  /** Its marker lines, relative to its first line, joined with commas. */
  readonly markers: string;
  /** Document line it started on when rendered: data-line values shift by the difference. */
  readonly line: number;
  readonly html: string;
  /** Raw HTML may be in it: then it is only reused on its own line (an author's own data-line is never shifted). */
  readonly mayHoldHtml: boolean;
  /** The link reference definitions in it. */
  readonly references?: Readonly<Record<string, { readonly href: string; readonly title: string }>>;
  /** The MDX imports in it (name, path), in order. */
  readonly imports?: readonly (readonly [string, string])[];
  /** The cached blocks and inline contents its render used, kept while it is reused. */
  readonly blocks: readonly CachedBlock[];
  readonly inlines: readonly (readonly [string, string])[];
  /** Its blocks the counts below took (reused or rendered and stored). */
  readonly counted: number;
  /**
   * The raw-HTML sanitiser's state key when its render began ('' outside any
   * raw element): it is only reused from the same state, and leaves
   * `endState` (a chunk inside an article's `<details>` renders in its context).
   */
  readonly startState: string;
  readonly endState: SanitizerState;
}

/** Where a chunk's render starts in the lists of what the cache handed out and took. */
export interface CacheMark {
  readonly blocks: number;
  readonly inlines: number;
  readonly counted: number;
}

/**
 * Entries are valid for one address policy and set of link references,
 * named by the context passed to `begin`; only what the latest render used
 * is kept. A render in chunks (body.ts) keeps each chunk's blocks and inline
 * contents with the chunk, and `seed`s the lookup tables with those of the
 * chunks that changed.
 */
export class BlockCache {
  private context: string | undefined;
  private blocks = new Map<string, CachedBlock[]>();
  private nextBlocks = new Map<string, CachedBlock[]>();
  // HTML of inline tokens (a paragraph's or a list item's text) by their source,
  // for the blocks that changed: a long list is one top-level block, and typing
  // in one item must not parse the inline content of all the others again.
  private inlines = new Map<string, string>();
  private nextInlines = new Map<string, string>();
  private chunks: CachedChunk[] = [];
  private nextChunks: CachedChunk[] = [];
  // What this render took from the cache and stored, in order, for the chunks' lists.
  private usedBlocks: CachedBlock[] = [];
  private usedInlines: (readonly [string, string])[] = [];
  /** Of the latest render: blocks taken from the cache, and blocks rendered and stored. */
  reused = 0;
  rendered = 0;
  /** Of the latest render: inline contents of re-rendered blocks that were parsed anew. */
  inlinesParsed = 0;
  /** Of the latest render in chunks: chunks reused whole, and chunks parsed, rendered and kept. */
  chunksReused = 0;
  chunksRendered = 0;

  /**
   * Starts a render; a different context (policy, labels, link references)
   * empties the cache. Whether the previous render's entries are still valid.
   */
  begin(context: string): boolean {
    const kept = context === this.context;
    if (!kept) {
      this.blocks.clear();
      this.inlines.clear();
      this.chunks = [];
      this.context = context;
    }
    this.nextBlocks = new Map();
    this.nextInlines = new Map();
    this.nextChunks = [];
    this.usedBlocks = [];
    this.usedInlines = [];
    this.inlinesParsed = 0;
    this.reused = 0;
    this.rendered = 0;
    this.chunksReused = 0;
    this.chunksRendered = 0;
    return kept;
  }

  /** Ends a render: forget what it did not use. */
  end(): void {
    this.blocks = this.nextBlocks;
    this.nextBlocks = new Map();
    this.inlines = this.nextInlines;
    this.nextInlines = new Map();
    this.chunks = this.nextChunks;
    this.nextChunks = [];
    this.usedBlocks = [];
    this.usedInlines = [];
  }

  /** The chunks of the previous render, in order (valid if `begin` keeps the context). */
  previousChunks(): readonly CachedChunk[] {
    return this.chunks;
  }

  /** The HTML of a block rendered before with the same tokens, moved to `line`; undefined when there is none. */
  lookup(tokens: readonly (MarkdownIt.Token | undefined)[], start: number, end: number, line: number): string | undefined {
    const bucket = bucketOf(tokens, start, end);
    const hit = find(this.blocks.get(bucket), tokens, start, end, line) ?? find(this.nextBlocks.get(bucket), tokens, start, end, line);
    if (hit === undefined) return undefined;
    this.reused++;
    keep(this.nextBlocks, hit);
    this.usedBlocks.push(hit);
    // Blocks that may hold raw HTML are only found on their own line: an author's own data-line is never shifted.
    return hit.line === line ? hit.html : shiftDataLines(hit.html, line - hit.line);
  }

  /** The HTML an inline token with this source rendered to before (only for inline content with no raw HTML). */
  inline(source: string): string | undefined {
    const html = this.inlines.get(source) ?? this.nextInlines.get(source);
    if (html !== undefined) {
      this.nextInlines.set(source, html);
      this.usedInlines.push([source, html]);
    }
    return html;
  }

  storeInline(source: string, html: string): void {
    this.inlinesParsed++;
    this.nextInlines.set(source, html);
    this.usedInlines.push([source, html]);
  }

  store(shape: BlockShape, line: number, html: string): void {
    this.rendered++;
    const block = { shape, line, html };
    keep(this.nextBlocks, block);
    this.usedBlocks.push(block);
  }

  /** Where a chunk's render starts (for `storeChunk`). */
  mark(): CacheMark {
    return { blocks: this.usedBlocks.length, inlines: this.usedInlines.length, counted: this.reused + this.rendered };
  }

  /** Keeps a chunk just rendered, with the blocks and inline contents its render used since `mark`. */
  storeChunk(mark: CacheMark, chunk: Omit<CachedChunk, 'blocks' | 'inlines' | 'counted'>): void {
    this.chunksRendered++;
    this.nextChunks.push({
      ...chunk,
      blocks: this.usedBlocks.slice(mark.blocks),
      inlines: this.usedInlines.slice(mark.inlines),
      counted: this.reused + this.rendered - mark.counted,
    });
  }

  /**
   * The HTML of a chunk of the previous render, moved to `line`, kept as the
   * chunk with `text`. Its blocks and inline contents stay with it, not in
   * the lookup tables: they are needed again only once it changes (`seed`).
   */
  reuseChunk(chunk: CachedChunk, text: string, line: number): string {
    const html = chunk.line === line ? chunk.html : shiftDataLines(chunk.html, line - chunk.line);
    this.reused += chunk.counted;
    this.chunksReused++;
    // Its text from this render: the previous body is not held on to.
    this.nextChunks.push({ ...chunk, text, line, html });
    return html;
  }

  /** Makes the blocks and inline contents of chunks of the previous render (the ones that changed) available to `lookup` and `inline`. */
  seed(chunks: readonly CachedChunk[]): void {
    for (const chunk of chunks) {
      for (const block of chunk.blocks) keep(this.blocks, block);
      for (const [source, html] of chunk.inlines) this.inlines.set(source, html);
    }
  }
}

function find(candidates: readonly CachedBlock[] | undefined, tokens: readonly (MarkdownIt.Token | undefined)[], start: number, end: number, line: number): CachedBlock | undefined {
  return candidates?.find((c) => (!c.shape.mayHoldHtml || c.line === line) && sameShape(c.shape, tokens, start, end));
}

function keep(map: Map<string, CachedBlock[]>, block: CachedBlock): void {
  const list = map.get(block.shape.bucket);
  if (list === undefined) map.set(block.shape.bucket, [block]);
  else if (!list.includes(block)) list.push(block);
}

// In a block with no raw HTML every `"` of the article is escaped, so each
// ` data-line="N"` is one the renderer wrote.
const DATA_LINE = / data-line="(\d+)"/g;

function shiftDataLines(html: string, delta: number): string {
  return html.replace(DATA_LINE, (_match, line: string) => ` data-line="${Number(line) + delta}"`);
}
