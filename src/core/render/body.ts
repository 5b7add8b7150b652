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
import { blockShape, type BlockCache } from './blockCache';
import { RawHtmlSanitizer } from './rawHtml';

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
 * parse environment; `cache` (optional) reuses unchanged blocks.
 */
export function renderBody(pipeline: MarkdownPipeline, body: string, env: RenderEnv, cache?: { readonly blocks: BlockCache; readonly context: string }): string {
  const { blocks, inlines } = pipeline;
  // Link reference definitions (`[label]: url`, always with a literal `]:`) are
  // collected by the block pass and used by the inline pass of any block,
  // earlier ones too. Without any, each top-level block is rendered as soon
  // as the block pass has finished it, so the block tokens die young too.
  const early = !body.includes(']:');
  const blockEnv: BlockPassEnv = { ...env };
  const rawHtml = new RawHtmlSanitizer(env.policy);
  // Set once the link references are known (see `start`).
  let renderEnv: RenderEnv = env;
  const start = (): void => {
    // A changed link reference definition can change any block that uses it.
    cache?.blocks.begin(`${cache.context}\n${JSON.stringify((blockEnv as { references?: unknown }).references ?? null)}`);
    renderEnv = { ...blockEnv, trusted: true, rawHtml };
  };

  let out = '';
  const state = new inlines.core.State('', inlines, blockEnv);
  /** Renders whole top-level blocks, in order; entries are dropped once done (their inline tokens hang on them). */
  const renderBlocks = (tokens: (MarkdownIt.Token | undefined)[]): void => {
    for (let first = 0; first < tokens.length; ) {
      // A top-level block: up to the first level-0 token that does not open one.
      let end = first;
      while (end < tokens.length - 1 && !isTopLevelEnd(tokens[end])) end++;
      end++;
      const line = (tokens[first]?.map?.[0] ?? 0) + env.lineOffset;
      // Only a block rendered outside any raw element renders the same wherever it is.
      const cacheable = cache !== undefined && rawHtml.idle;
      const hit = cacheable ? cache.blocks.lookup(tokens, first, end, line) : undefined;
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
        const inlineCache = cache !== undefined && !rawHtml.suppressing && !mayHideText(state.tokens) ? cache.blocks : undefined;
        if (inlineCache !== undefined) useCachedInlines(state.tokens, inlineCache);
        inlines.core.process(state);
        if (inlineCache !== undefined) keepInlines(state.tokens, inlineCache, state, (children) => inlines.renderer.renderInline(children, inlines.options, renderEnv));
        const html = flatten(inlines.renderer.render(state.tokens, inlines.options, renderEnv));
        out += html;
        // Stored only when the block also leaves no raw element open for the next one.
        if (shape !== undefined && rawHtml.idle) cache?.blocks.store(shape, line, html);
      }
      tokens.fill(undefined, first, end);
      first = end;
    }
    state.tokens = [];
  };

  if (early) {
    start();
    blockEnv.topLevelBlocks = renderBlocks;
    renderBlocks(blocks.parse(body, blockEnv));
  } else {
    const tokens = blocks.parse(body, blockEnv);
    start();
    renderBlocks(tokens);
  }
  out += rawHtml.finish();
  cache?.blocks.end();
  // Not flattened as a whole: its reader (the webview message) copies it once anyway.
  return out;
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
