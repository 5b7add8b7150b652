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
import { createMarkdown, RENDERED_INLINE, type RenderEnv } from './markdown';
import { blockShape, type BlockCache, type CachedChunk } from './blockCache';
import { RawHtmlSanitizer } from './rawHtml';
import { LineIndex } from '../text';
import { restartPoints } from '../blockRegions';
import { usesMdx } from './templates/syntax';
import type { TemplateEnv } from './templates/types';

export interface MarkdownPipeline {
  /** Only markdown-it's `normalize` and `block` core rules: the block structure and link references. */
  readonly blocks: MarkdownIt;
  /** Every core rule after `block` (inline, linkify, text_join, ours) and the renderer. */
  readonly inlines: MarkdownIt;
}

/** The parse environment of the block pass, with where finished top-level blocks go. */
interface BlockPassEnv extends RenderEnv {
  topLevelBlocks?: (tokens: MarkdownIt.Token[]) => void;
}

/**
 * Runs first at every block start: at a top-level one (level 0), every token
 * so far belongs to finished top-level blocks, which go to the environment's
 * `topLevelBlocks` and leave the block pass's list (no block rule looks at
 * tokens before the block it parses). Claims nothing.
 */
const handOverRule: MarkdownIt.ParserBlock.RuleBlock = (state, _startLine, _endLine, silent) => {
  const hand = (state.env as BlockPassEnv).topLevelBlocks;
  if (!silent && hand !== undefined && state.level === 0 && state.tokens.length > 0) {
    hand(state.tokens);
    state.tokens.length = 0;
  }
  return false;
};

export function createPipeline(): MarkdownPipeline {
  const blocks = createMarkdown();
  blocks.core.ruler.enableOnly(['normalize', 'block']);
  // After the marker rule, before markdown-it's own: a block start the marker rule claims hands over at the next one.
  blocks.block.ruler.before('table', 'postdesk_hand_over', handOverRule);
  const inlines = createMarkdown();
  inlines.core.ruler.disable(['normalize', 'block']);
  return { blocks, inlines };
}

/**
 * The body's HTML: markdown-it's escaped output, with the article's raw HTML
 * sanitised fragment by fragment in context (see rawHtml.ts). `env` is the
 * parse environment; with `cache` (the preview while the author types) the
 * body is rendered in chunks, reusing those that did not change.
 */
export function renderBody(pipeline: MarkdownPipeline, body: string, env: RenderEnv, cache?: { readonly blocks: BlockCache; readonly context: string }): string {
  if (cache !== undefined) return renderInChunks(pipeline, body, env, cache);
  const { blocks } = pipeline;
  // Link reference definitions (`[label]: url`, always with a literal `]:`) are
  // collected by the block pass and used by the inline pass of any block,
  // earlier ones too, and so are MDX imports (a component links to the file it
  // is imported from, and an import holds for the whole file). Without any,
  // each top-level block is rendered as soon as the block pass has finished
  // it, so the block tokens die young too.
  const early = !body.includes(']:') && !mayImport(env.templates, body);
  const blockEnv: BlockPassEnv = { ...env };
  const pass = new BlockRendering(pipeline, env, undefined);
  const start = (): void => pass.start(blockEnv);
  if (early) {
    start();
    blockEnv.topLevelBlocks = (tokens) => {
      pass.out += pass.renderBlocks(tokens);
    };
    // Not `pass.out += …`: the parse hands blocks over (and adds to pass.out) before it returns.
    const rest = blocks.parse(body, blockEnv);
    pass.out += pass.renderBlocks(rest);
  } else {
    const tokens = blocks.parse(body, blockEnv);
    start();
    pass.out += pass.renderBlocks(tokens);
  }
  pass.out += pass.rawHtml.finish();
  // Not flattened as a whole: its reader (the webview message) copies it once anyway.
  return pass.out;
}

/** The inline pass, the core rules and the renderer, one top-level block at a time, with what they share across blocks. */
class BlockRendering {
  readonly rawHtml: RawHtmlSanitizer;
  /** The body's HTML so far. */
  out = '';
  private renderEnv: RenderEnv;
  private readonly state: MarkdownIt.StateCore;

  constructor(
    private readonly pipeline: MarkdownPipeline,
    private readonly env: RenderEnv,
    private readonly cache: BlockCache | undefined,
  ) {
    this.rawHtml = new RawHtmlSanitizer(env.policy);
    this.renderEnv = env;
    this.state = new pipeline.inlines.core.State('', pipeline.inlines, env);
  }

  /** The link references are known: `parseEnv` is the environment the inline pass reads them from. */
  start(parseEnv: RenderEnv): void {
    this.state.env = parseEnv;
    this.renderEnv = { ...parseEnv, trusted: true, rawHtml: this.rawHtml };
  }

  /** The HTML of whole top-level blocks, in order; entries are dropped once done (their inline tokens hang on them). */
  renderBlocks(tokens: (MarkdownIt.Token | undefined)[]): string {
    const { inlines } = this.pipeline;
    const { cache, rawHtml, state } = this;
    let out = '';
    for (let first = 0; first < tokens.length; ) {
      // A top-level block: up to the first level-0 token that does not open one.
      let end = first;
      while (end < tokens.length - 1 && !isTopLevelEnd(tokens[end])) end++;
      end++;
      const line = (tokens[first]?.map?.[0] ?? 0) + this.env.lineOffset;
      // Only a block rendered outside any raw element renders the same wherever it is.
      const cacheable = cache !== undefined && rawHtml.idle;
      const hit = cacheable ? cache.lookup(tokens, first, end, line) : undefined;
      if (hit !== undefined) {
        out += hit;
      } else {
        // Taken before the core rules add attributes to the block tokens. A very large
        // block (a long release-notes list) is not kept whole: typing changes it each
        // time, and its inline cache makes rendering it again cheap.
        const shape = cacheable && end - first <= MAX_CACHED_BLOCK_TOKENS ? blockShape(tokens, first, end) : undefined;
        state.tokens = tokens.slice(first, end) as MarkdownIt.Token[];
        // Inline content with no raw HTML renders the same wherever it is (unless a raw
        // script or style element is hiding text around it): reuse it by its source.
        const inlineCache = cache !== undefined && !rawHtml.suppressing && !mayHideText(state.tokens) ? cache : undefined;
        if (inlineCache !== undefined) useCachedInlines(state.tokens, inlineCache);
        inlines.core.process(state);
        if (inlineCache !== undefined) keepInlines(state.tokens, inlineCache, state, (children) => inlines.renderer.renderInline(children, inlines.options, this.renderEnv));
        const html = flatten(inlines.renderer.render(state.tokens, inlines.options, this.renderEnv));
        out += html;
        // Stored only when the block also leaves no raw element open for the next one.
        if (shape !== undefined && rawHtml.idle) cache?.store(shape, line, html);
      }
      tokens.fill(undefined, first, end);
      first = end;
    }
    state.tokens = [];
    return out;
  }
}

/** Whether the body may hold MDX imports (`import X from '…'`), which components anywhere read. */
function mayImport(templates: TemplateEnv | undefined, body: string): boolean {
  return templates !== undefined && templates.codeOnly !== true && usesMdx(templates) && body.includes('import');
}

/** What every block may read that any chunk may define: link references and MDX imports, as a cache context. */
function sharedKey(references: ChunkReferences | undefined, imports: ReadonlyMap<string, string> | undefined): string {
  const imported = imports === undefined || imports.size === 0 ? null : [...imports];
  return JSON.stringify(imported === null ? (references ?? null) : [references ?? null, imported]);
}

/**
 * The preview's render while the author types: the body is cut where
 * markdown-it's block parser certainly starts afresh (restartPoints in
 * blockRegions.ts; with a site's template syntax, never inside one of its
 * constructs), and a chunk whose text, marker lines and raw-HTML
 * context are those of a chunk of the previous render is not parsed again:
 * its HTML is reused (its data-line values moved with it). The chunks that
 * changed are parsed on their own, which gives the tokens parsing the whole
 * body gives there (a restart point closes every block before it), and
 * rendered block by block with the block and inline caches. Link reference
 * definitions are collected per chunk and merged in document order (the
 * first definition of a label wins, as in markdown-it), so every chunk sees
 * the references of the whole body; MDX imports too (the last import of a
 * name wins, as when the whole body is parsed before it is rendered).
 */
function renderInChunks(pipeline: MarkdownPipeline, body: string, env: RenderEnv, cache: { readonly blocks: BlockCache; readonly context: string }): string {
  const chunks = chunksOf(body, env.markerLines, env.templates);
  const previous = cache.blocks.previousChunks();
  // The previous render's chunks, matched from the start and from the end of the body.
  const candidates: (CachedChunk | undefined)[] = new Array<CachedChunk | undefined>(chunks.length);
  let head = 0;
  while (head < chunks.length && head < previous.length && sameChunk(chunks[head] as Chunk, previous[head] as CachedChunk)) {
    candidates[head] = previous[head];
    head++;
  }
  let tail = previous.length;
  for (let k = chunks.length - 1; k >= head && tail > head && sameChunk(chunks[k] as Chunk, previous[tail - 1] as CachedChunk); k--) {
    candidates[k] = previous[--tail];
  }
  const parsed: (MarkdownIt.Token[] | undefined)[] = new Array<MarkdownIt.Token[] | undefined>(chunks.length);
  const parse = (k: number): MarkdownIt.Token[] => {
    const chunk = chunks[k] as Chunk;
    // The chunk's own imports map: the imports of the chunks not parsed again come from the previous render.
    const templates = env.templates === undefined ? undefined : { ...env.templates, imports: new Map<string, string>() };
    const chunkEnv: RenderEnv & { references?: ChunkReferences } = { ...env, markerLines: chunk.markers, templates };
    const tokens = pipeline.blocks.parse(chunk.text, chunkEnv);
    for (const token of tokens) if (token.map) token.map = [token.map[0] + chunk.line, token.map[1] + chunk.line];
    chunk.references = chunkEnv.references;
    chunk.imports = templates === undefined || templates.imports.size === 0 ? undefined : [...templates.imports];
    parsed[k] = tokens;
    return tokens;
  };
  for (let k = 0; k < chunks.length; k++) {
    const candidate = candidates[k];
    if (candidate === undefined) parse(k);
    else {
      (chunks[k] as Chunk).references = candidate.references;
      (chunks[k] as Chunk).imports = candidate.imports;
    }
  }
  let merged: ChunkReferences | undefined;
  let imports: Map<string, string> | undefined;
  for (const chunk of chunks) {
    if (chunk.imports !== undefined) {
      imports ??= new Map();
      for (const [name, from] of chunk.imports) imports.set(name, from);
    }
    if (chunk.references === undefined) continue;
    merged ??= {};
    for (const label of Object.keys(chunk.references)) if (merged[label] === undefined) merged[label] = chunk.references[label] as ChunkReferences[string];
  }
  const parseEnv: RenderEnv & { references?: ChunkReferences } = merged === undefined ? { ...env } : { ...env, references: merged };
  if (env.templates !== undefined) parseEnv.templates = { ...env.templates, imports: imports ?? new Map() };
  // A changed link reference definition (or import) can change any block that uses it: then nothing is reused.
  const kept = cache.blocks.begin(`${cache.context}\n${sharedKey(merged, imports)}`);

  // What the chunks that changed were made of (their unchanged blocks and list items) is reused from their previous version.
  if (kept) cache.blocks.seed(previous.slice(head, tail));
  const pass = new BlockRendering(pipeline, env, cache.blocks);
  pass.start(parseEnv);
  for (let k = 0; k < chunks.length; k++) {
    const chunk = chunks[k] as Chunk;
    const line = chunk.line + env.lineOffset;
    const candidate = kept ? candidates[k] : undefined;
    // What the chunk renders depends on the raw elements open before it (an article's `<details>` around it):
    // it is reused only from the state it was rendered in, and leaves the state it left then.
    const startState = pass.rawHtml.stateKey();
    if (candidate !== undefined && candidate.startState === startState && (candidate.line === line || !candidate.mayHoldHtml)) {
      pass.out += cache.blocks.reuseChunk(candidate, chunk.text, line);
      pass.rawHtml.restore(candidate.endState);
      parsed[k] = undefined;
      continue;
    }
    if (candidate !== undefined) cache.blocks.seed([candidate]);
    const tokens = parsed[k] ?? parse(k);
    parsed[k] = undefined;
    const mayHoldHtml = tokens.some((t) => t.type === 'html_block' || (t.type === 'inline' && t.content.includes('<')));
    const mark = cache.blocks.mark();
    // Blocks' HTML is flat already (see flatten): no copy of the chunk's.
    const html = pass.renderBlocks(tokens);
    pass.out += html;
    cache.blocks.storeChunk(mark, { text: chunk.text, markers: chunk.markerKey, line, html, mayHoldHtml, references: chunk.references, imports: chunk.imports, startState, endState: pass.rawHtml.snapshot() });
  }
  pass.out += pass.rawHtml.finish();
  cache.blocks.end();
  return pass.out;
}

/** Link reference definitions as markdown-it collects them (`env.references`). */
type ChunkReferences = Record<string, { readonly href: string; readonly title: string }>;

interface Chunk {
  /** Its first body line. */
  readonly line: number;
  readonly text: string;
  /** Marker lines, relative to `line`. */
  readonly markers: ReadonlySet<number>;
  readonly markerKey: string;
  references?: ChunkReferences;
  /** MDX imports in it (name, path), in order. */
  imports?: readonly (readonly [string, string])[];
}

/** The body cut at the block parser's restart points (outside the site's template constructs), with each chunk's marker lines. */
function chunksOf(body: string, markerLines: ReadonlySet<number>, templates: TemplateEnv | undefined): Chunk[] {
  const index = new LineIndex(body);
  const points = restartPoints({ lines: { index, text: body }, first: 0, count: index.lineCount }, templates);
  const markers = [...markerLines].sort((a, b) => a - b);
  const chunks: Chunk[] = [];
  let m = 0;
  for (let k = 0; k < points.length; k++) {
    const line = points[k] as number;
    const end = k + 1 < points.length ? (points[k + 1] as number) : Infinity;
    const own: number[] = [];
    while (m < markers.length && (markers[m] as number) < end) {
      if ((markers[m] as number) >= line) own.push((markers[m] as number) - line);
      m++;
    }
    const text = body.slice(index.lineStart(line), end === Infinity ? body.length : index.lineStart(end));
    chunks.push({ line, text, markers: new Set(own), markerKey: own.join(',') });
  }
  return chunks;
}

function sameChunk(chunk: Chunk, cached: CachedChunk): boolean {
  return chunk.text === cached.text && chunk.markerKey === cached.markers;
}

/**
 * markdown-it builds its output with `+=`, a tree of many
 * small string pieces that V8 keeps as is: held until the article is done,
 * they survive every young-generation GC and get copied each time.
 * Converting to a number makes V8 flatten the string into one piece (the
 * "flatstr" trick); the result of the conversion is of no interest.
 */
function flatten(html: string): string {
  void Number(html);
  return html;
}

// The elements whose opening hides the renderer's text up to their end tag (see RawHtmlSanitizer.suppressing).
const RAW_TEXT_OPENER = /<(?:script|style|textarea|title|xmp|iframe|noembed|noframes|noscript)(?![^\s/>])/i;

/** Whether raw HTML in these tokens may open a script, style or similar element. */
function mayHideText(tokens: readonly MarkdownIt.Token[]): boolean {
  return tokens.some((token) => (token.type === 'html_block' || token.type === 'inline') && token.content.includes('<') && RAW_TEXT_OPENER.test(token.content));
}

/** Inline content with no `<` holds no raw HTML: its HTML depends on its source alone. */
function cacheableInline(token: MarkdownIt.Token): boolean {
  return token.type === 'inline' && !token.content.includes('<');
}

const MAX_CACHED_BLOCK_TOKENS = 2000;

/** Inline tokens rendered before become RENDERED_INLINE tokens for the core rules, which skip them (the inline pass above all). */
function useCachedInlines(tokens: readonly MarkdownIt.Token[], cache: BlockCache): void {
  for (const token of tokens) {
    if (!cacheableInline(token)) continue;
    const html = cache.inline(token.content);
    if (html !== undefined) {
      token.type = RENDERED_INLINE;
      token.meta = html;
    }
  }
}

/**
 * After the core rules: renders the inline tokens the inline pass parsed and
 * keeps their HTML; every inline token is then an `inline` again (the
 * renderer's line breaks depend on it) with one RENDERED_INLINE child.
 */
function keepInlines(tokens: readonly MarkdownIt.Token[], cache: BlockCache, state: MarkdownIt.StateCore, renderInline: (children: MarkdownIt.Token[]) => string): void {
  for (const token of tokens) {
    let html: unknown;
    if (token.type === RENDERED_INLINE) {
      html = token.meta;
    } else if (cacheableInline(token)) {
      html = renderInline(token.children ?? []);
      cache.storeInline(token.content, html as string);
    } else {
      continue;
    }
    const rendered = new state.Token(RENDERED_INLINE, '', 0);
    rendered.meta = html;
    token.type = 'inline';
    token.meta = null;
    token.children = [rendered];
  }
}

function isTopLevelEnd(token: MarkdownIt.Token | undefined): boolean {
  return token !== undefined && token.level === 0 && token.nesting !== 1;
}
