// The markdown-it plugin for generators' template syntax (#17): a block rule
// for constructs on lines of their own (shortcodes with content, Liquid
// blocks, MDX components and imports, admonitions), an inline rule for the
// ones inside text, and their renderers. It reads `env.templates`
// (TemplateEnv); without it nothing is recognised. Nothing is executed: a
// construct is shown as readers would see it where that is knowable
// (highlight, figure, links to posts, values from front matter and config),
// else as a labelled block naming it (./builtIns renders them).
import type MarkdownIt from 'markdown-it';
import type { RenderEnv } from '../markdown';
import { ADMONITION_LABELS, builtIn, escapeHtml, label, type Context } from './builtIns';
import { blockOpening, inlineCall, joinOpening, parseArguments, usesMdx, type BlockOpening, type TemplateCall } from './syntax';
import type { TemplateEnv } from './types';

export const TEMPLATE_OPEN = 'postdesk_template_open';
export const TEMPLATE_CLOSE = 'postdesk_template_close';
export const TEMPLATE_CALL = 'postdesk_template';
export const TEMPLATE_INLINE = 'postdesk_template_inline';

function templateEnv(env: unknown): TemplateEnv | undefined {
  const templates = (env as { templates?: TemplateEnv } | undefined)?.templates;
  return templates !== undefined && typeof templates === 'object' ? templates : undefined;
}

const templateBlock: MarkdownIt.ParserBlock.RuleBlock = (state, startLine, endLine, silent) => {
  const env = templateEnv(state.env);
  if (env === undefined || state.sCount[startLine]! - state.blkIndent >= 4) return false;
  // Every construct starts with one of these: most block starts are looked at no further. Only
  // MDX (and Docusaurus) constructs start with anything but `{` (see blockOpening).
  const first = state.src.charCodeAt(state.bMarks[startLine]! + state.tShift[startLine]!);
  if (first !== 0x7b /* { */ && (env.codeOnly === true || !usesMdx(env) || (first !== 0x3c /* < */ && first !== 0x3a /* : */ && first !== 0x69 /* i */ && first !== 0x65 /* e */))) return false;
  const lineText = (n: number): string => state.src.slice(state.bMarks[n]! + state.tShift[n]!, state.eMarks[n]);
  // The opening tag, on its line or written over several (`{% include x.html` / `src="a.png" %}`, a JSX element's props).
  let openingText = lineText(startLine);
  let openEnd = startLine;
  let opening = blockOpening(openingText, env);
  if (opening === undefined) {
    // Most lines that reach here are prose starting with `i` or `e`: they start no tag, and no further line is read.
    const joined = joinOpening(openingText, (n) => (startLine + n < endLine ? lineText(startLine + n) : undefined), env);
    if (joined === undefined) return false;
    opening = blockOpening(joined.text, env);
    if (opening === undefined) return false;
    openingText = joined.text;
    openEnd = startLine + joined.lineCount - 1;
  }

  // A construct opened and closed on one line is that line (its opening's last line).
  if (opening.inner !== undefined) {
    if (silent) return true;
    sameLineConstruct(state, opening, opening.inner, openingText, startLine, openEnd);
    state.line = openEnd + 1;
    return true;
  }

  // Where the construct ends: its closing line (nested constructs of the same kind counted), or its own line.
  let closeLine = -1;
  const close = opening.close;
  if (close !== undefined) {
    const nests = opening.kind === 'call' ? opening.nests : undefined;
    let depth = 0;
    for (let n = openEnd + 1; n < endLine; n++) {
      const text = lineText(n);
      if (nests?.test(text) && !close.test(text)) depth++;
      else if (close.test(text)) {
        if (depth === 0) {
          closeLine = n;
          break;
        }
        depth--;
      }
    }
    // A code construct never closed is not one; a call never closed is one line.
    if (closeLine < 0 && opening.kind !== 'call') return false;
  } else if (opening.kind === 'hidden' && opening.untilBlank) {
    closeLine = openEnd;
    while (closeLine + 1 < endLine && !state.isEmpty(closeLine + 1)) closeLine++;
  }
  if (silent) return true;
  const last = closeLine < 0 ? openEnd : closeLine;

  if (opening.kind === 'hidden') {
    if (opening.untilBlank) {
      // Remember what MDX imports, for the components' links.
      for (const m of state.getLines(startLine, last + 1, 0, false).matchAll(/import\s+(?:(\w+)|\{([^}]*)\})[\s\S]*?from\s+['"]([^'"]+)['"]/g)) {
        for (const name of (m[1] ?? m[2] ?? '').split(',').map((n) => n.trim().split(/\s+as\s+/).pop() ?? '')) if (name !== '') env.imports.set(name, m[3] ?? '');
      }
    }
    state.line = last + 1;
    return true;
  }
  if (opening.kind === 'code') {
    const token = state.push('fence', 'code', 0);
    token.info = opening.language;
    token.markup = '```';
    token.content = closeLine > openEnd + 1 ? state.getLines(openEnd + 1, closeLine, state.sCount[startLine]!, true) : '';
    token.map = [startLine, closeLine + 1];
    state.line = closeLine + 1;
    return true;
  }

  const { call } = opening;
  if (closeLine < 0) {
    const token = state.push(TEMPLATE_CALL, 'div', 0);
    token.meta = call;
    // Its source, so the preview's block cache tells two calls apart.
    token.content = openingText;
    token.map = [startLine, openEnd + 1];
    state.line = openEnd + 1;
    return true;
  }
  const open = state.push(TEMPLATE_OPEN, 'div', 1);
  open.meta = call;
  open.content = openingText;
  open.map = [startLine, closeLine + 1];
  if (call.markdownInner === true) {
    const oldParent = state.parentType;
    const oldLineMax = state.lineMax;
    state.parentType = 'container' as typeof state.parentType;
    state.lineMax = closeLine;
    state.md.block.tokenize(state, openEnd + 1, closeLine);
    state.parentType = oldParent;
    state.lineMax = oldLineMax;
  } else if (closeLine > openEnd + 1) {
    // A `{{< name >}}` shortcode's content is passed to its template as it is: shown as written.
    const code = state.push('fence', 'code', 0);
    code.info = '';
    code.markup = '```';
    code.content = state.getLines(openEnd + 1, closeLine, state.sCount[startLine]!, true);
    code.map = [openEnd + 1, closeLine];
  }
  state.push(TEMPLATE_CLOSE, 'div', -1);
  state.line = closeLine + 1;
  return true;
};

/**
 * The tokens of a construct whose tags open and close on its line, as the
 * same construct over lines gives them: code for a code construct, the
 * content as Markdown (its inline content: one paragraph, or for an MDX
 * element the children without one, as MDX reads children on the tag's line)
 * or as written for a `{{< >}}` shortcode, nothing for a hidden one.
 */
function sameLineConstruct(state: MarkdownIt.StateBlock, opening: BlockOpening, inner: string, openingText: string, startLine: number, openEnd: number): void {
  const map: [number, number] = [startLine, openEnd + 1];
  const content = inner.trim();
  const code = (info: string): void => {
    const token = state.push('fence', 'code', 0);
    token.info = info;
    token.markup = '```';
    token.content = content === '' ? '' : `${content}\n`;
    token.map = map;
  };
  if (opening.kind === 'hidden') return;
  if (opening.kind === 'code') {
    code(opening.language);
    return;
  }
  const { call } = opening;
  const open = state.push(TEMPLATE_OPEN, 'div', 1);
  open.meta = call;
  open.content = openingText;
  open.map = map;
  if (call.markdownInner !== true) {
    if (content !== '') code('');
  } else if (content !== '') {
    const paragraph = call.syntax !== 'mdx';
    if (paragraph) state.push('paragraph_open', 'p', 1).map = map;
    const text = state.push('inline', '', 0);
    text.content = content;
    text.map = map;
    text.children = [];
    if (paragraph) state.push('paragraph_close', 'p', -1);
  }
  state.push(TEMPLATE_CLOSE, 'div', -1);
}

/** Liquid `raw` spans of one inline text: inside, Liquid reads nothing; their tags show nothing. */
interface RawSpan {
  /** Where the opening tag ends. */
  readonly from: number;
  /** Where the closing tag starts, and where it ends. */
  readonly closeStart: number;
  readonly closeEnd: number;
}
type StateWithRaw = MarkdownIt.StateInline & { postdeskRaw?: RawSpan[] };

const RAW_CLOSE = /\{%-?\s*endraw\s*-?%\}/g;

const templateInline: MarkdownIt.ParserInline.RuleInline = (state, silent) => {
  if (state.src.charCodeAt(state.pos) !== 0x7b /* { */) return false;
  const env = templateEnv(state.env);
  if (env === undefined || env.codeOnly) return false;
  // Positions, not a mode: markdown-it may read a stretch again (silently, for a link's label).
  const spans = (state as StateWithRaw).postdeskRaw;
  const span = spans?.find((s) => state.pos >= s.from && state.pos <= s.closeStart);
  if (span !== undefined) {
    if (state.pos < span.closeStart) return false;
    state.pos = span.closeEnd;
    return true;
  }
  const found = inlineCall(state.src, state.pos, env);
  if (found === undefined) return false;
  if (found.call?.syntax === 'liquid' && found.call.name === 'raw') {
    RAW_CLOSE.lastIndex = found.end;
    const close = RAW_CLOSE.exec(state.src);
    // Never closed: Jekyll refuses the page; the tag is shown as a template, as before.
    if (close !== null) {
      ((state as StateWithRaw).postdeskRaw ??= []).push({ from: found.end, closeStart: close.index, closeEnd: close.index + close[0].length });
      state.pos = found.end;
      return true;
    }
  }
  if (!silent) {
    if (found.literal !== undefined) {
      state.push('text', '', 0).content = found.literal;
    } else {
      state.push(TEMPLATE_INLINE, 'span', 0).meta = found.call;
    }
  }
  state.pos = found.end;
  return true;
};


function dataLine(token: MarkdownIt.Token): string {
  const line = token.attrGet('data-line');
  return line === null ? '' : ` data-line="${escapeHtml(line)}"`;
}

// A link whose destination is a template naming a post: `[text]({{< ref "x" >}})`,
// `[text]({% post_url slug %})`, `[text]({% link path %})`, with an optional
// `{{ site.baseurl }}` or `{{ "/" | relative_url }}` before it. CommonMark
// cannot read such a destination (it holds spaces), so it is replaced before
// the inline pass by the post's address, or by nothing when there is none
// (the link's text stays, as text).
const POST_LINK_DESTINATION = /\]\(\s*(?:\{\{[^}]*\}\})?\s*(?:\{\{[<%]\s*(?:rel)?ref\s+"?([^"\s>%]+)"?\s*[>%]\}\}|\{%-?\s*(?:post_url|link)\s+([^\s%]+)\s*-?%\})\s*\)/g;

const postLinkDestinations = (state: MarkdownIt.StateCore): void => {
  const env = templateEnv(state.env);
  if (env === undefined || env.codeOnly) return;
  for (const token of state.tokens) {
    // Every such destination holds a `{`: most links are looked at no further.
    if (token.type !== 'inline' || !token.content.includes('](') || !token.content.includes('{')) continue;
    token.content = token.content.replace(POST_LINK_DESTINATION, (_match, ref: string | undefined, liquid: string | undefined) => {
      const resolved = env.resolvePostLink?.(ref ?? liquid ?? '');
      return resolved === undefined ? '](#)' : `](<${resolved.href.replace(/[<>\n]/g, encodeURIComponent)}>)`;
    });
  }
};

export function templatePlugin(md: MarkdownIt): void {
  md.block.ruler.before('fence', 'postdesk_template', templateBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.core.ruler.before('inline', 'postdesk_template_links', postLinkDestinations);
  md.inline.ruler.before('text', 'postdesk_template_inline', templateInline);

  const contextOf = (env: unknown): Context | undefined => {
    const templates = templateEnv(env);
    if (templates === undefined) return undefined;
    const render = env as RenderEnv;
    return { env: templates, render: 'policy' in render ? render : undefined };
  };

  md.renderer.rules[TEMPLATE_OPEN] = (tokens, idx, _options, env: unknown) => {
    const token = tokens[idx];
    const context = contextOf(env);
    if (token === undefined || context === undefined) return '';
    const call = token.meta as TemplateCall;
    (env as RenderEnv).rawHtml?.openOwn('div', false);
    if (call.syntax === 'admonition') {
      const kind = ADMONITION_LABELS[call.name] ?? 'note';
      const title = call.args !== '' ? call.args : context.env.labels[kind];
      return `<div class="postdesk-admonition postdesk-admonition-${call.name}"${dataLine(token)}><p class="postdesk-admonition-title">${escapeHtml(title)}</p>\n`;
    }
    if ((call.syntax === 'hugo' || call.syntax === 'zola') && call.name === 'details') {
      const summary = parseArguments(call.args).named.get('summary') ?? parseArguments(call.args).positional[0] ?? 'Details';
      return `<div class="postdesk-template-details"${dataLine(token)}><details${parseArguments(call.args).named.get('open') === 'true' ? ' open' : ''}><summary>${escapeHtml(summary)}</summary>\n`;
    }
    return `<div class="postdesk-template"${dataLine(token)}>${label(call, context)}\n`;
  };
  md.renderer.rules[TEMPLATE_CLOSE] = (tokens, idx, _options, env: unknown) => {
    // The matching open token says what to close.
    let depth = 0;
    let open: MarkdownIt.Token | undefined;
    for (let i = idx - 1; i >= 0; i--) {
      const t = tokens[i];
      if (t?.type === TEMPLATE_CLOSE) depth++;
      else if (t?.type === TEMPLATE_OPEN && depth-- === 0) {
        open = t;
        break;
      }
    }
    const closed = (env as RenderEnv | undefined)?.rawHtml?.closeOwn();
    if (closed !== undefined && !closed.writeEndTag) return closed.before;
    const call = open?.meta as TemplateCall | undefined;
    const end = call !== undefined && (call.syntax === 'hugo' || call.syntax === 'zola') && call.name === 'details' ? '</details></div>' : '</div>';
    return `${closed?.before ?? ''}${end}\n`;
  };
  md.renderer.rules[TEMPLATE_CALL] = (tokens, idx, _options, env: unknown) => {
    const token = tokens[idx];
    const context = contextOf(env);
    if (token === undefined || context === undefined) return '';
    const call = token.meta as TemplateCall;
    const html = builtIn(call, context);
    return `<div class="postdesk-template${html === undefined ? '' : ' postdesk-template-rendered'}"${dataLine(token)}>${html ?? label(call, context)}</div>\n`;
  };
  md.renderer.rules[TEMPLATE_INLINE] = (tokens, idx, _options, env: unknown) => {
    const token = tokens[idx];
    const context = contextOf(env);
    if (token === undefined || context === undefined) return '';
    const call = token.meta as TemplateCall;
    return builtIn(call, context) ?? `<span class="postdesk-template">${label(call, context)}</span>`;
  };
}
