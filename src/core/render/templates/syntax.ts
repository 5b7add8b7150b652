// Recognising each generator's template syntax on a line or in inline text.
// Pure string work: what a construct is called, its arguments, and how its
// block ends. What it renders to is in render.ts.
import type { TemplateEnv } from './types';

export type TemplateSyntax = 'hugo' | 'liquid' | 'zola' | 'mdx' | 'admonition';

/** One template construct as written. */
export interface TemplateCall {
  readonly syntax: TemplateSyntax;
  readonly name: string;
  /** The arguments as written (for the label). */
  readonly args: string;
  /** Hugo `{{% %}}`: the inner content is Markdown. */
  readonly markdownInner?: boolean;
}

/**
 * What a line that opens a block construct becomes. With `inner`, the line
 * holds the construct's closing tag too (`{% callout %}Text{% endcallout %}`,
 * `<Chart>text</Chart>`): the construct is that line alone, `inner` being
 * what stands between its tags, and no closing line is looked for.
 */
export type BlockOpening =
  /** Lines not shown at all (MDX import/export, Liquid comment, assign/set). */
  | { readonly kind: 'hidden'; readonly close?: RegExp; readonly untilBlank?: boolean; readonly inner?: string }
  /** The content up to `close` is code (Liquid/Hugo highlight, raw, Hexo codeblock). */
  | { readonly kind: 'code'; readonly language: string; readonly close: RegExp; readonly inner?: string }
  /** A container: with `close`, the lines up to it are its content; without, one line. */
  | { readonly kind: 'call'; readonly call: TemplateCall; readonly close?: RegExp; readonly nests?: RegExp; readonly inner?: string };

const escapeRe = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const HUGO_OPEN = /^\{\{([<%])\s*([\w][\w./-]*)\s*(.*?)\s*(\/)?\s*([>%])\}\}\s*$/;
const LIQUID_TAG = /^\{%-?\s*([a-zA-Z_]\w*)\b\s*(.*?)\s*-?%\}\s*$/;
const ZOLA_BODY = /^\{%\s*([a-zA-Z_]\w*)\((.*)\)\s*%\}\s*$/;
// The same opening tags up to their first closing delimiter, for a line that goes on after them.
const HUGO_TAG = /^\{\{([<%])\s*([\w][\w./-]*)\s*(.*?)\s*(\/)?\s*([>%])\}\}/;
const LIQUID_OPEN_TAG = /^\{%-?\s*([a-zA-Z_]\w*)\b\s*(.*?)\s*-?%\}/;
const ZOLA_BODY_TAG = /^\{%\s*([a-zA-Z_]\w*)\((.*?)\)\s*%\}/;
const ZOLA_CLOSE = /^\{%\s*end\s*%\}\s*$/;
const ZOLA_CALL = /^\{\{\s*([a-zA-Z_]\w*)\((.*)\)\s*\}\}\s*$/;
const MDX_STATEMENT = /^(?:import|export)\s/;
/** A component's name at the start of a line: `<Chart`, `<Tabs.Item` followed by a space, `/`, `>` or the line's end. */
const JSX_NAME = /^<([A-Z][\w.]*)(?=[\s/>]|$)/;
const ADMONITION = /^:::(note|tip|info|warning|danger|caution|important|success|secondary)(?:[ \t]+(.*?))?\s*$/;

/** Liquid and Nunjucks tags that write nothing. */
const SILENT_TAGS = new Set(['assign', 'set', 'import', 'from', 'extends', 'layout', 'increment', 'decrement']);

export function usesHugo(env: TemplateEnv): boolean {
  return env.generator === 'hugo';
}
export function usesLiquid(env: TemplateEnv): boolean {
  return env.generator === 'jekyll' || env.generator === 'eleventy' || env.generator === 'hexo';
}
export function usesZola(env: TemplateEnv): boolean {
  return env.generator === 'zola';
}
export function usesMdx(env: TemplateEnv): boolean {
  return env.mdx || env.generator === 'docusaurus';
}

/**
 * A line that goes on after its opening tag (`after`: the rest of it, not
 * blank) and may hold the construct's closing tag (`closeTag`, found
 * anywhere): what stands between the tags when the closing tag ends the
 * line; null when text follows it (the line then opens no block: it is a
 * paragraph with its tags inline); undefined when the line holds no closing
 * tag.
 */
function sameLineInner(after: string, closeTag: string): string | null | undefined {
  const m = new RegExp(closeTag).exec(after);
  if (m === null) return undefined;
  return after.slice(m.index + m[0].length).trim() === '' ? after.slice(0, m.index) : null;
}

/** Closing tags as a pattern's source, unanchored: Hugo `{{< /name >}}` or `{{% /name %}}`, Liquid `{% endname %}`, Zola `{% end %}`, JSX `</Name>`. */
const hugoCloseTag = (delimiter: string, name: string): string => `\\{\\{${delimiter === '<' ? '<' : '%'}\\s*/\\s*${escapeRe(name)}\\s*${delimiter === '<' ? '>' : '%'}\\}\\}`;
const liquidCloseTag = (name: string): string => `\\{%-?\\s*end${escapeRe(name)}\\s*-?%\\}`;
const ZOLA_CLOSE_TAG = '\\{%\\s*end\\s*%\\}';
const jsxCloseTag = (name: string): string => `</${escapeRe(name)}>`;

/** Liquid tags with a closing tag of their own (every tag but includes and the tags that write nothing). */
function pairedLiquid(name: string): boolean {
  return name !== 'include' && name !== 'include_relative' && name !== 'render' && !SILENT_TAGS.has(name);
}

/** What a Liquid tag opens, from its name and arguments; `inner` when its closing tag ends the same line. */
function liquidOpening(name: string, args: string, env: TemplateEnv, inner?: string): BlockOpening | undefined {
  const end = (n: string): RegExp => new RegExp(`^${liquidCloseTag(n)}\\s*$`);
  if (name === 'highlight') return { kind: 'code', language: firstArgument(args), close: end('highlight'), inner };
  // Raw over lines shows its lines as code; on one line it is the paragraph it
  // stands in, its text left alone by Liquid (the inline rule reads it).
  if (name === 'raw') return inner === undefined ? { kind: 'code', language: '', close: end('raw') } : undefined;
  if (name === 'codeblock') return { kind: 'code', language: /lang:(\S+)/.exec(args)?.[1] ?? '', close: end('codeblock'), inner };
  if (env.codeOnly) return undefined;
  if (name === 'comment') return { kind: 'hidden', close: end('comment'), inner };
  if (SILENT_TAGS.has(name)) return { kind: 'hidden' };
  if (!pairedLiquid(name)) return { kind: 'call', call: { syntax: 'liquid', name, args } };
  // A line that opens and closes the same tag is no nested opener: it is complete.
  const nests = new RegExp(`^\\{%-?\\s*${escapeRe(name)}\\b(?!.*${liquidCloseTag(name)})`);
  return { kind: 'call', call: { syntax: 'liquid', name, args, markdownInner: true }, close: end(name), nests, inner };
}

/** What `line` (indentation removed) opens, for the generator's syntax; undefined when nothing. */
export function blockOpening(line: string, env: TemplateEnv): BlockOpening | undefined {
  const c = line.charCodeAt(0);
  if (c === 0x7b /* { */) {
    if (usesHugo(env) || env.codeOnly) {
      // `{{% note %}}Text{{% /note %}}`: the shortcode with its content, on its line.
      const tag = HUGO_TAG.exec(line);
      const after = tag === null ? '' : line.slice(tag[0].length);
      if (tag && after.trim() !== '' && tag[4] === undefined && (tag[1] === '<') === (tag[5] === '>')) {
        const [, delimiter = '<', name = '', args = ''] = tag;
        const inner = sameLineInner(after, hugoCloseTag(delimiter, name));
        if (inner === null) return undefined;
        if (inner !== undefined) {
          const close = new RegExp(`^${hugoCloseTag(delimiter, name)}\\s*$`);
          if (name === 'highlight') return { kind: 'code', language: firstArgument(args), close, inner };
          if (env.codeOnly) return undefined;
          return { kind: 'call', call: { syntax: 'hugo', name, args, markdownInner: delimiter === '%' }, close, inner };
        }
      }
      const hugo = HUGO_OPEN.exec(line);
      // The closing delimiter must match the opening one: `{{< … >}}`, `{{% … %}}`.
      if (hugo && (hugo[1] === '<') === (hugo[5] === '>')) {
        const [, delimiter = '<', name = '', args = '', selfClosing] = hugo;
        const close = new RegExp(`^${hugoCloseTag(delimiter, name)}\\s*$`);
        if (name === 'highlight') return { kind: 'code', language: firstArgument(args), close };
        if (env.codeOnly) return undefined;
        const call: TemplateCall = { syntax: 'hugo', name, args, markdownInner: delimiter === '%' };
        return selfClosing ? { kind: 'call', call } : { kind: 'call', call, close };
      }
    }
    if (usesZola(env) && !env.codeOnly) {
      // `{% quote(author="A") %}Text{% end %}` on one line.
      const tag = ZOLA_BODY_TAG.exec(line);
      const after = tag === null ? '' : line.slice(tag[0].length);
      if (tag && after.trim() !== '') {
        const inner = sameLineInner(after, ZOLA_CLOSE_TAG);
        if (inner === null) return undefined;
        if (inner !== undefined) return { kind: 'call', call: { syntax: 'zola', name: tag[1] ?? '', args: tag[2] ?? '', markdownInner: true }, close: ZOLA_CLOSE, inner };
      }
      const body = ZOLA_BODY.exec(line);
      if (body) return { kind: 'call', call: { syntax: 'zola', name: body[1] ?? '', args: body[2] ?? '', markdownInner: true }, close: ZOLA_CLOSE };
      const call = ZOLA_CALL.exec(line);
      if (call) return { kind: 'call', call: { syntax: 'zola', name: call[1] ?? '', args: call[2] ?? '' } };
    }
    if (usesLiquid(env) || env.codeOnly) {
      // `{% callout "info" %}Text{% endcallout %}`: the tag with its content, on its line.
      const tag = LIQUID_OPEN_TAG.exec(line);
      const after = tag === null ? '' : line.slice(tag[0].length);
      if (tag && after.trim() !== '' && pairedLiquid(tag[1] ?? '')) {
        const [, name = '', args = ''] = tag;
        const inner = sameLineInner(after, liquidCloseTag(name));
        if (inner === null) return undefined;
        if (inner !== undefined) return liquidOpening(name, args, env, inner);
      }
      const whole = LIQUID_TAG.exec(line);
      if (whole) return liquidOpening(whole[1] ?? '', whole[2] ?? '', env);
    }
    return undefined;
  }
  if (env.codeOnly || !usesMdx(env)) return undefined;
  if (MDX_STATEMENT.test(line)) return { kind: 'hidden', untilBlank: true };
  if (c === 0x3c /* < */) {
    const name = JSX_NAME.exec(line)?.[1];
    // The tag ends at the first `>` outside quotes and braces: `data={a > b}` is a prop, not the end.
    const end = name === undefined ? -1 : jsxTagEnd(line);
    if (name !== undefined && end >= 0) {
      const selfClosing = line.charCodeAt(end - 2) === 0x2f /* / */;
      const args = line.slice(1 + name.length, selfClosing ? end - 2 : end - 1).trim();
      if (selfClosing) return line.slice(end).trim() === '' ? { kind: 'call', call: { syntax: 'mdx', name, args } } : undefined;
      const after = line.slice(end);
      // `<Chart>text</Chart>`: the element with its children, on its line.
      const inner = after.trim() === '' ? undefined : sameLineInner(after, jsxCloseTag(name));
      if (inner === null) return undefined;
      // A same-named element inside opens a level, unless it closes on its line (`</Name>`, or `/>`: self-closing).
      const nests = new RegExp(`^<${escapeRe(name)}[\\s>](?!.*(?:${jsxCloseTag(name)}|/>\\s*$))`);
      return { kind: 'call', call: { syntax: 'mdx', name, args, markdownInner: true }, close: new RegExp(`^${jsxCloseTag(name)}\\s*$`), nests, inner };
    }
  }
  if (c === 0x3a /* : */) {
    const admonition = ADMONITION.exec(line);
    if (admonition) return { kind: 'call', call: { syntax: 'admonition', name: admonition[1] ?? 'note', args: admonition[2] ?? '', markdownInner: true }, close: /^:::\s*$/, nests: /^:::\w/ };
  }
  return undefined;
}

/** How far an opening tag may run over lines (a Liquid include with one argument a line, a JSX element with its props). */
const MAX_OPENING_LINES = 24;

/**
 * The delimiter that ends an opening tag started on `line` and not ended
 * there (`{% include x.html` … `%}`, `<Chart` … `>`), or undefined when the
 * line starts no tag or ends the one it starts. Quotes and JSX braces are
 * followed, so a `>` in `data={a > b}` or `title="a > b"` ends nothing.
 */
export function unfinishedOpening(line: string, env: TemplateEnv): { readonly end: string } | undefined {
  const c = line.charCodeAt(0);
  if (c === 0x7b /* { */) {
    const second = line.charCodeAt(1);
    let end: string | undefined;
    if (second === 0x7b /* {{ */ && (usesHugo(env) || env.codeOnly)) end = line.startsWith('{{<') ? '>}}' : line.startsWith('{{%') ? '%}}' : undefined;
    else if (second === 0x7b && usesZola(env) && !env.codeOnly) end = '}}';
    else if (second === 0x25 /* {% */ && (usesLiquid(env) || usesZola(env) || env.codeOnly)) end = '%}';
    return end !== undefined && !line.includes(end) ? { end } : undefined;
  }
  if (c === 0x3c /* < */ && !env.codeOnly && usesMdx(env) && JSX_NAME.test(line) && jsxTagEnd(line) < 0) return { end: '>' };
  return undefined;
}

/** Where the first JSX tag in `text` ends (the index after its `>`), or -1 when it does not end in `text`. */
export function jsxTagEnd(text: string): number {
  let quote = '';
  let braces = 0;
  for (let i = 1; i < text.length; i++) {
    const ch = text[i];
    if (quote !== '') {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'" || (ch === '`' && braces > 0)) quote = ch;
    else if (ch === '{') braces++;
    else if (ch === '}') braces = Math.max(0, braces - 1);
    else if (ch === '>' && braces === 0) return i + 1;
  }
  return -1;
}

/**
 * An opening tag written over several lines, joined into the one line
 * `blockOpening` reads: `first` and the lines after it (`lineAfter(1)`, …)
 * up to the one that ends it (never across a blank line, at most
 * MAX_OPENING_LINES), with the number of lines it took; undefined when
 * `first` starts none or it never ends.
 */
export function joinOpening(first: string, lineAfter: (n: number) => string | undefined, env: TemplateEnv): { readonly text: string; readonly lineCount: number } | undefined {
  const unfinished = unfinishedOpening(first, env);
  if (unfinished === undefined) return undefined;
  let text = first;
  for (let n = 1; n < MAX_OPENING_LINES; n++) {
    const line = lineAfter(n)?.trim();
    if (line === undefined || line === '') return undefined;
    text = `${text} ${line}`;
    const ended = unfinished.end === '>' ? jsxTagEnd(text) : text.indexOf(unfinished.end) >= 0 ? text.indexOf(unfinished.end) + unfinished.end.length : -1;
    if (ended >= 0) return ended === text.length || text.slice(ended).trim() === '' || unfinished.end === '>' ? { text, lineCount: n + 1 } : undefined;
  }
  return undefined;
}

/** Hugo and Zola arguments: positional and `key=value` (quoted with `"` or a backtick, or bare). */
export function parseArguments(args: string): { readonly positional: string[]; readonly named: Map<string, string> } {
  const positional: string[] = [];
  const named = new Map<string, string>();
  const pattern = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`|'([^']*)'|([^\s,]+))|"((?:[^"\\]|\\.)*)"|`([^`]*)`|'([^']*)'|([^\s,]+)/g;
  for (const m of args.matchAll(pattern)) {
    if (m[1] !== undefined) named.set(m[1], m[2] ?? m[3] ?? m[4] ?? m[5] ?? '');
    else positional.push(m[6] ?? m[7] ?? m[8] ?? m[9] ?? '');
  }
  return { positional, named };
}

function firstArgument(args: string): string {
  return parseArguments(args).positional[0] ?? '';
}

/** An inline construct at `src[pos]` (a `{`): its call, or literal text (an escaped shortcode), and where it ends. */
export function inlineCall(src: string, pos: number, env: TemplateEnv): { readonly call?: TemplateCall; readonly literal?: string; readonly end: number } | undefined {
  if (src.charCodeAt(pos + 1) === 0x7b /* {{ */) {
    if (usesHugo(env)) {
      // `{{</* name */>}}` shows the shortcode itself, as Hugo writes it.
      const escaped = /^\{\{([<%])\/\*\s*([\s\S]*?)\s*\*\/([>%])\}\}/.exec(src.slice(pos));
      if (escaped) return { literal: `{{${escaped[1] ?? ''} ${escaped[2] ?? ''} ${escaped[3] ?? ''}}}`, end: pos + escaped[0].length };
      const m = /^\{\{([<%])\s*([\w][\w./-]*)\s*(.*?)\s*\/?\s*([>%])\}\}/.exec(src.slice(pos));
      if (m && (m[1] === '<') === (m[4] === '>')) return { call: { syntax: 'hugo', name: m[2] ?? '', args: m[3] ?? '' }, end: pos + m[0].length };
    }
    if (usesZola(env)) {
      const m = /^\{\{\s*([a-zA-Z_]\w*)\(([^)]*)\)\s*\}\}/.exec(src.slice(pos));
      if (m) return { call: { syntax: 'zola', name: m[1] ?? '', args: m[2] ?? '' }, end: pos + m[0].length };
    }
    if (usesLiquid(env)) {
      const m = /^\{\{-?\s*([^}]*?)\s*-?\}\}/.exec(src.slice(pos));
      if (m) return { call: { syntax: 'liquid', name: 'output', args: m[1] ?? '' }, end: pos + m[0].length };
    }
    return undefined;
  }
  if (src.charCodeAt(pos + 1) === 0x25 /* {% */ && usesLiquid(env)) {
    const m = /^\{%-?\s*([a-zA-Z_]\w*)\b\s*(.*?)\s*-?%\}/.exec(src.slice(pos));
    if (m) return { call: { syntax: 'liquid', name: m[1] ?? '', args: m[2] ?? '' }, end: pos + m[0].length };
  }
  return undefined;
}

/** A value by a dotted path (`site.author.name`), trying the key's case as written, then lower case (Hugo's params are case-insensitive). */
export function lookup(root: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
  let value: unknown = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    const record = value as Record<string, unknown>;
    value = key in record ? record[key] : record[key.toLowerCase()];
  }
  return value;
}
