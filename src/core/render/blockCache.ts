// What the preview keeps between renders while the author types: the output
// of each top-level block of the last render, keyed by the block's tokens
// from markdown-it's block pass, so an unchanged block skips the inline pass,
// the renderer and the sanitiser.
import type MarkdownIt from 'markdown-it';

/** One piece of body output, in order: raw pieces go through the sanitiser (neighbours together). */
export interface Run {
  readonly html: string;
  readonly rawHtml: boolean;
}

interface CachedBlock {
  readonly runs: readonly Run[];
  /** Document line the block started on when rendered: data-line values shift by the difference. */
  readonly line: number;
}

/**
 * Entries are valid for one address policy and set of link references,
 * named by the context passed to `begin`; only what the latest render used
 * is kept.
 */
export class BlockCache {
  private context: string | undefined;
  private blocks = new Map<string, CachedBlock>();
  private sanitised = new Map<string, string>();
  private nextBlocks = new Map<string, CachedBlock>();
  private nextSanitised = new Map<string, string>();
  /** Of the latest render: blocks taken from the cache, and blocks rendered and stored. */
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

  block(key: string, line: number): readonly Run[] | undefined {
    const hit = this.blocks.get(key) ?? this.nextBlocks.get(key);
    if (hit === undefined) return undefined;
    this.reused++;
    this.nextBlocks.set(key, hit);
    // Keys of blocks with raw HTML hold their line, so only plain blocks arrive here shifted.
    return hit.line === line ? hit.runs : hit.runs.map((run) => ({ html: shiftDataLines(run.html, line - hit.line), rawHtml: run.rawHtml }));
  }

  store(key: string, line: number, runs: readonly Run[]): void {
    this.rendered++;
    this.nextBlocks.set(key, { runs, line });
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
 * The key of the top-level block `tokens[start..end)`: everything the inline
 * pass and the renderer read from its block tokens, with lines relative to
 * the block's start, so an unchanged block keeps its key when lines are added
 * above it. A block that may hold raw HTML (an HTML block, or a `<` in its
 * text) also keys on its document line: an author's own `data-line`
 * attributes must not be shifted.
 */
export function blockKey(tokens: readonly (MarkdownIt.Token | undefined)[], start: number, end: number, line: number): string {
  const base = tokens[start]?.map?.[0] ?? 0;
  let mayHoldHtml = false;
  let key = '';
  for (let i = start; i < end; i++) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (t.type === 'html_block' || (t.type === 'inline' && t.content.includes('<'))) mayHoldHtml = true;
    const map = t.map ? `${t.map[0] - base},${t.map[1] - base}` : '';
    const attrs = t.attrs ? t.attrs.map(([name, value]) => field(name) + field(value)).join('') : '';
    key += `${t.type} ${t.tag} ${t.nesting} ${t.level} ${map} ${t.hidden ? 1 : 0} ${field(t.markup)}${field(t.info)}${field(attrs)}${field(t.content)}\n`;
  }
  return mayHoldHtml ? `@${line}\n${key}` : key;
}
