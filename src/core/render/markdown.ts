// The Markdown half of the renderer: markdown-it configured for articles,
// plus two small plugins the preview needs: document line numbers on block
// elements (scroll sync) and stray-marker lines turned into a band element.
import MarkdownIt from 'markdown-it';
import { imageDecision, linkAttributes, PLACEHOLDER_CLASS, type AddressPolicy } from './addresses';
import type { RawHtmlSanitizer } from './rawHtml';
import { templatePlugin } from './templates/plugin';
import type { TemplateEnv } from './templates/types';

/** What the plugins read from markdown-it's per-render environment. */
export interface RenderEnv {
  /** Lines before the body (the front matter block), added to every data-line. */
  readonly lineOffset: number;
  /** Body-relative line numbers the engine reported as stray markers. */
  readonly markerLines: ReadonlySet<number>;
  /** The band's text, already localised. */
  readonly markerLabel: string;
  readonly policy: AddressPolicy;
  /**
   * Set when markdown-it's own output goes to the page as it is (links and
   * images decided here). Unset or false only for the whole-output sanitiser
   * the tests keep as a reference: then the page attributes the renderer
   * writes are marked with OWN_MARK and raw HTML is written through.
   */
  trusted?: boolean;
  /**
   * Sanitises the article's raw HTML (`html_block`, `html_inline`) fragment by
   * fragment, in the context of the renderer's own elements (see rawHtml.ts).
   */
  rawHtml?: RawHtmlSanitizer;
  /** The site's template syntax and values (#17); without it, template syntax is prose. */
  templates?: TemplateEnv;
}

const MARKER_TOKEN = 'postdesk_marker';

/** An inline token whose HTML is already known (`meta`): see the preview's inline cache in body.ts. */
export const RENDERED_INLINE = 'postdesk_rendered_inline';

/**
 * Ends the names of the attributes the renderer writes for the page
 * (`class`, `data-line`) when rendering untrusted (`trusted` unset) for the
 * whole-output sanitiser, so it can tell them from the article's own. Only
 * the differential test's reference renders that way now (see
 * test/unit/render/wholeOutputSanitizer.ts). The article cannot write it: markdown-it's `normalize` rule replaces every NUL
 * of the source, and attribute names are never decoded from entities.
 */
export const OWN_MARK = '\u0000';

/** Page attributes the renderer marks with {@link OWN_MARK} outside trusted blocks. */
const OWN_ATTRIBUTES: ReadonlySet<string> = new Set(['class', 'data-line']);

function isRenderEnv(env: unknown): env is RenderEnv {
  return typeof env === 'object' && env !== null && 'markerLines' in env && 'lineOffset' in env;
}

/**
 * A block rule that claims exactly the lines the engine flagged. It runs
 * first and may interrupt a paragraph, because a scraped "Advertisement"
 * usually sits between two lines of the same paragraph with no blank line.
 */
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*\r?\n?$/;

const markerRule: MarkdownIt.ParserBlock.RuleBlock = (state, startLine, endLine, silent) => {
  if (!isRenderEnv(state.env) || !state.env.markerLines.has(startLine)) return false;
  if (silent) return true;
  // A marker the engine flags as a setext heading of its own takes its underline with it, as its fix does:
  // left alone, the underline would render as a thematic break.
  const next = startLine + 1 < endLine ? state.getLines(startLine + 1, startLine + 2, state.blkIndent, false) : '';
  const lines = SETEXT_UNDERLINE.test(next) ? 2 : 1;
  const token = state.push(MARKER_TOKEN, 'div', 0);
  token.map = [startLine, startLine + lines];
  token.content = state.getLines(startLine, startLine + 1, state.blkIndent, false).trim();
  state.line = startLine + lines;
  return true;
};

// Elements whose content the HTML parser reads as raw text up to their end tag.
const RAW_TEXT_OPENER = /<(script|style|textarea|title|xmp|iframe|noembed|noframes|noscript)(?=[\s/>])/gi;

/** End tags for raw-text elements `html` opens and never closes, in the order a parser would need them. */
export function unclosedRawText(html: string): string {
  let closers = '';
  RAW_TEXT_OPENER.lastIndex = 0;
  for (let match = RAW_TEXT_OPENER.exec(html); match; match = RAW_TEXT_OPENER.exec(html)) {
    const name = (match[1] ?? '').toLowerCase();
    const end = new RegExp(`</${name}(?=[\\s/>])`, 'i').exec(html.slice(match.index + match[0].length));
    if (!end) {
      // Everything after an unclosed opener is its text, so only this one needs closing.
      closers += `</${name}>`;
      break;
    }
    RAW_TEXT_OPENER.lastIndex = match.index + match[0].length + end.index + end[0].length;
  }
  return closers;
}

/**
 * A scraped page often carries a `<style>` or `<script>` whose end tag got
 * lost. Left alone it would swallow the rest of the article in the preview;
 * closing it at the end of its own Markdown block confines it there (the
 * sanitiser drops it either way). An unneeded end tag is ignored by parsers.
 */
const closeRawTextRule = (state: MarkdownIt.StateCore): void => {
  const out: MarkdownIt.Token[] = [];
  let raw = '';
  for (const token of state.tokens) {
    out.push(token);
    if (token.type === 'html_block') raw += token.content;
    for (const child of token.children ?? []) if (child.type === 'html_inline') raw += child.content;
    const blockEnds = token.level === 0 && token.nesting !== 1;
    if (blockEnds && raw !== '') {
      const closers = unclosedRawText(raw);
      if (closers !== '') {
        const closer = new state.Token('html_block', '', 0);
        closer.content = closers;
        out.push(closer);
      }
      raw = '';
    }
  }
  state.tokens = out;
};

// markdown-it's normalizeLink (markdown-it 14.1, mdurl 2.1, punycode.js 2.3)
// parses every link address with mdurl, converts its host name to punycode,
// formats it back and percent-encodes it: on link-heavy text (release notes)
// about a sixth of markdown-it's whole render. For the addresses below it
// gives back what it was given, so they skip it:
// - characters mdurl's `encode` keeps as they are: ASCII letters and digits,
//   `;/?:@&=+$,-_.!~*'()#`, and `%` followed by two hex digits;
// - and either no scheme and no leading `//` (a relative address: mdurl
//   finds no host and splits off only the query and fragment, which `format`
//   joins back), or `http(s)://` with a host of ASCII labels (at most four,
//   at most 63 characters each: no host longer than 255 characters, which
//   mdurl would drop), an optional numeric port, then `/`, `?`, `#` or the
//   end (ASCII labels come out of punycode unchanged). Every other address
//   (a `mailto:`, a user name, a host with `:` or `+`, non-ASCII text…)
//   takes markdown-it's own path. test/unit/render/normalizeLink.test.ts
//   compares both on real and generated addresses.
const LINK_CHARACTERS = String.raw`(?:[A-Za-z0-9;/?:@&=+$,\-_.!~*'()#]|%[0-9A-Fa-f]{2})*`;
const NORMAL_RELATIVE_LINK = new RegExp(String.raw`^(?![a-zA-Z0-9.+-]+:)(?!//)${LINK_CHARACTERS}$`);
const NORMAL_WEB_LINK = new RegExp(String.raw`^https?://[A-Za-z0-9_-]{1,63}(?:\.[A-Za-z0-9_-]{1,63}){0,3}(?::[0-9]+)?(?:[/?#]${LINK_CHARACTERS})?$`);

/** Whether markdown-it's normalizeLink returns `url` unchanged (see above); false when it may not. */
export function isNormalLink(url: string): boolean {
  return url.startsWith('http') ? NORMAL_WEB_LINK.test(url) : NORMAL_RELATIVE_LINK.test(url);
}

// Why markdown-it's own output needs no sanitiser (with these options and plugins):
// - text, code, attribute values, the fence info (`language-…` class) and the
//   marker band's label are written with escapeHtml (`&<>"`); entities in
//   the source are decoded and escaped again;
// - `html: true` raw HTML is the only markup from the article: its tokens are
//   rendered by the RawHtmlSanitizer, never written through;
// - link and image addresses: validateLink (markdown-it's default) refuses
//   javascript:, vbscript:, file: and data: other than raster images, then
//   `link_open` and `image` below replace every href/src with what
//   addresses.ts decides (fragment, http(s)/mailto, resolved resource or
//   placeholder); linkify links (schemes only) go through `link_open` too;
// - attributes the plugins add: `data-line` (numbers), `class` (marker band,
//   table alignment, placeholder) and `role`/`aria-label`/`title` on
//   placeholders (escaped); tables' `style` is removed (CSP: no inline styles).
export function createMarkdown(): MarkdownIt {
  // html: true because real posts embed HTML; the raw-HTML sanitiser decides what survives.
  const md = new MarkdownIt({ html: true, xhtmlOut: true, linkify: true, typographer: false });
  // Only addresses with a scheme become links: scraped prose such as
  // "looking at is.is a clear path" must not turn into a link to Iceland.
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
  // With fuzzy links and e-mails off, linkify-it only finds addresses that
  // start with one of its schemes (`http:`, `https:`, `ftp:`, `mailto:`,
  // `//`). Text with neither a colon nor `//` cannot hold one, so skip its
  // regular expressions there (its pretest also looks for host names and `@`
  // in every paragraph, a large Unicode pattern). Same links, less work.
  const linkify = md.linkify;
  const pretest = linkify.pretest.bind(linkify);
  const test = linkify.test.bind(linkify);
  const mayHoldScheme = (text: string): boolean => text.includes(':') || text.includes('//');
  linkify.pretest = (text) => mayHoldScheme(text) && pretest(text);
  linkify.test = (text) => mayHoldScheme(text) && test(text);
  const normalizeLink = md.normalizeLink;
  md.normalizeLink = (url) => (isNormalLink(url) ? url : normalizeLink(url));
  md.block.ruler.before('table', MARKER_TOKEN, markerRule, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.use(templatePlugin);

  md.renderer.rules[MARKER_TOKEN] = (tokens, idx, _options, env: unknown) => {
    const token = tokens[idx];
    const label = isRenderEnv(env) ? env.markerLabel : '';
    const line = (token?.map?.[0] ?? 0) + (isRenderEnv(env) ? env.lineOffset : 0);
    const own = isRenderEnv(env) && env.trusted !== true ? OWN_MARK : '';
    return `<div class${own}="postdesk-marker" data-line${own}="${line}">${md.utils.escapeHtml(label)}</div>\n`;
  };

  // Outside trusted blocks the output goes through the sanitiser, mixed with
  // the article's raw HTML: mark the page attributes the renderer writes.
  const renderer = md.renderer;
  const renderAttrs = renderer.renderAttrs.bind(renderer);
  const render = renderer.render.bind(renderer);
  let markOwn = false;
  renderer.renderAttrs = (token) => {
    if (!markOwn || !token.attrs) return renderAttrs(token);
    let result = '';
    for (const [name, value] of token.attrs) {
      result += ` ${OWN_ATTRIBUTES.has(name) ? name + OWN_MARK : md.utils.escapeHtml(name)}="${md.utils.escapeHtml(value)}"`;
    }
    return result;
  };
  // The raw-HTML sanitiser of the render in progress: told when the renderer's
  // own elements open and close (so raw elements nest inside them), and
  // asked whether the renderer's text is inside a raw script or style element.
  let raw: RawHtmlSanitizer | undefined;
  renderer.render = (tokens, options, env: unknown) => {
    const outer = markOwn;
    const outerRaw = raw;
    markOwn = isRenderEnv(env) && env.trusted !== true;
    raw = isRenderEnv(env) ? env.rawHtml : undefined;
    try {
      return render(tokens, options, env);
    } finally {
      markOwn = outer;
      raw = outerRaw;
    }
  };
  const plainRenderToken = renderer.renderToken.bind(renderer);
  renderer.renderToken = (tokens, idx, options) => {
    const token = tokens[idx];
    if (raw === undefined || token === undefined) return plainRenderToken(tokens, idx, options);
    if (token.nesting === 1) {
      raw.openOwn(token.tag, token.hidden);
      return plainRenderToken(tokens, idx, options);
    }
    if (token.nesting === -1) {
      const { before, writeEndTag } = raw.closeOwn();
      return writeEndTag ? before + plainRenderToken(tokens, idx, options) : before;
    }
    return raw.suppressing ? '' : plainRenderToken(tokens, idx, options);
  };
  const renderRawHtml: MarkdownIt.Renderer.RenderRule = (tokens, idx) => {
    const content = tokens[idx]?.content ?? '';
    return raw === undefined ? content : raw.fragment(content);
  };
  renderer.rules[RENDERED_INLINE] = (tokens, idx) => {
    const html: unknown = tokens[idx]?.meta;
    return typeof html === 'string' ? html : '';
  };
  renderer.rules.html_block = renderRawHtml;
  renderer.rules.html_inline = renderRawHtml;

  md.core.ruler.push('postdesk_close_raw_text', closeRawTextRule);
  md.core.ruler.push('postdesk_table_alignment', (state) => {
    for (const token of state.tokens) {
      if (token.type !== 'th_open' && token.type !== 'td_open') continue;
      const align = /text-align:(left|right|center)/.exec(token.attrGet('style') ?? '')?.[1];
      // The preview's CSP allows no inline styles.
      token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
      if (align) token.attrSet('class', `postdesk-align-${align}`);
    }
  });

  const renderToken: MarkdownIt.Renderer.RenderRule = (tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options);
  const defaultLinkOpen = md.renderer.rules.link_open ?? renderToken;
  md.renderer.rules.link_open = (tokens, idx, options, env: unknown, self) => {
    const token = tokens[idx];
    if (token && isRenderEnv(env) && env.trusted) {
      // The href moves to the end (after a title), with data-href after it.
      const attrs = token.attrs ?? [];
      const at = attrs.findIndex(([name]) => name === 'href');
      const decided = linkAttributes(at < 0 ? '' : (attrs[at]?.[1] ?? ''), env.policy);
      if (at >= 0) attrs.splice(at, 1);
      if (decided.href !== undefined) attrs.push(['href', decided.href]);
      if (decided['data-href'] !== undefined) attrs.push(['data-href', decided['data-href']]);
      token.attrs = attrs;
    }
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  const defaultImage = md.renderer.rules.image ?? renderToken;
  md.renderer.rules.image = (tokens, idx, options, env: unknown, self) => {
    const token = tokens[idx];
    if (token && isRenderEnv(env) && env.trusted) {
      const alt = self.renderInlineAsText(token.children ?? [], options, env);
      const decided = imageDecision(token.attrGet('src') ?? '', alt, env.policy);
      if (decided.kind === 'placeholder') {
        const text = md.utils.escapeHtml(decided.text);
        return `<span class="${PLACEHOLDER_CLASS}" role="img" aria-label="${text}" title="${md.utils.escapeHtml(decided.title)}">${text}</span>`;
      }
      token.attrSet('src', decided.src);
    }
    return defaultImage(tokens, idx, options, env, self);
  };

  // Text inside a raw `<script>`, `<style>`… is that element's text: not shown.
  for (const type of ['text', 'code_inline', 'code_block', 'fence', 'image', 'softbreak', 'hardbreak', MARKER_TOKEN]) {
    const rule = md.renderer.rules[type] ?? renderToken;
    md.renderer.rules[type] = (tokens, idx, options, env, self) => (raw?.suppressing === true ? '' : rule(tokens, idx, options, env, self));
  }

  // Source lines on every opening block token, shifted to document lines.
  md.core.ruler.push('postdesk_source_lines', (state) => {
    const offset = isRenderEnv(state.env) ? state.env.lineOffset : 0;
    for (const token of state.tokens) {
      if (token.map && token.nesting >= 0 && token.block && token.type !== MARKER_TOKEN && token.type !== 'html_block') {
        token.attrSet('data-line', String(token.map[0] + offset));
      }
    }
  });
  return md;
}

/** Body-relative line count of the text before `bodyStart`, as markdown-it counts lines. */
export function countLines(text: string): number {
  let lines = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) lines++;
    else if (c === 13) {
      lines++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return lines;
}
