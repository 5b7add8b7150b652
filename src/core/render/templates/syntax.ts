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

/** What a line that opens a block construct becomes. */
export type BlockOpening =
  /** Lines not shown at all (MDX import/export, Liquid comment, assign/set). */
  | { readonly kind: 'hidden'; readonly close?: RegExp; readonly untilBlank?: boolean }
  /** The content up to `close` is code (Liquid/Hugo highlight, raw, Hexo codeblock). */
  | { readonly kind: 'code'; readonly language: string; readonly close: RegExp }
  /** A container: with `close`, the lines up to it are its content; without, one line. */
  | { readonly kind: 'call'; readonly call: TemplateCall; readonly close?: RegExp; readonly nests?: RegExp };

const escapeRe = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const HUGO_OPEN = /^\{\{([<%])\s*([\w][\w./-]*)\s*(.*?)\s*(\/)?\s*([>%])\}\}\s*$/;
const LIQUID_TAG = /^\{%-?\s*([a-zA-Z_]\w*)\b\s*(.*?)\s*-?%\}\s*$/;
const ZOLA_BODY = /^\{%\s*([a-zA-Z_]\w*)\((.*)\)\s*%\}\s*$/;
const ZOLA_CALL = /^\{\{\s*([a-zA-Z_]\w*)\((.*)\)\s*\}\}\s*$/;
const MDX_STATEMENT = /^(?:import|export)\s/;
const JSX_SELF_CLOSING = /^<([A-Z][\w.]*)((?:\s[^>]*?)?)\s*\/>\s*$/;
const JSX_OPEN = /^<([A-Z][\w.]*)((?:\s[^>]*?)?)\s*>(.*)$/;
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

/** What `line` (indentation removed) opens, for the generator's syntax; undefined when nothing. */
export function blockOpening(line: string, env: TemplateEnv): BlockOpening | undefined {
  const c = line.charCodeAt(0);
  if (c === 0x7b /* { */) {
    if (usesHugo(env) || env.codeOnly) {
      const hugo = HUGO_OPEN.exec(line);
      // The closing delimiter must match the opening one: `{{< … >}}`, `{{% … %}}`.
      if (hugo && (hugo[1] === '<') === (hugo[5] === '>')) {
        const [, delimiter = '<', name = '', args = '', selfClosing] = hugo;
        const close = new RegExp(`^\\{\\{${delimiter === '<' ? '<' : '%'}\\s*/\\s*${escapeRe(name)}\\s*${delimiter === '<' ? '>' : '%'}\\}\\}\\s*$`);
        if (name === 'highlight') return { kind: 'code', language: firstArgument(args), close };
        if (env.codeOnly) return undefined;
        const call: TemplateCall = { syntax: 'hugo', name, args, markdownInner: delimiter === '%' };
        return selfClosing ? { kind: 'call', call } : { kind: 'call', call, close };
      }
    }
    if (usesZola(env) && !env.codeOnly) {
      const body = ZOLA_BODY.exec(line);
      if (body) return { kind: 'call', call: { syntax: 'zola', name: body[1] ?? '', args: body[2] ?? '', markdownInner: true }, close: /^\{%\s*end\s*%\}\s*$/ };
      const call = ZOLA_CALL.exec(line);
      if (call) return { kind: 'call', call: { syntax: 'zola', name: call[1] ?? '', args: call[2] ?? '' } };
    }
    if (usesLiquid(env) || env.codeOnly) {
      const tag = LIQUID_TAG.exec(line);
      if (tag) {
        const [, name = '', args = ''] = tag;
        const end = (n: string): RegExp => new RegExp(`^\\{%-?\\s*end${escapeRe(n)}\\s*-?%\\}\\s*$`);
        if (name === 'highlight') return { kind: 'code', language: firstArgument(args), close: end('highlight') };
        if (name === 'raw') return { kind: 'code', language: '', close: end('raw') };
        if (name === 'codeblock') return { kind: 'code', language: /lang:(\S+)/.exec(args)?.[1] ?? '', close: end('codeblock') };
        if (env.codeOnly) return undefined;
        if (name === 'comment') return { kind: 'hidden', close: end('comment') };
        if (SILENT_TAGS.has(name)) return { kind: 'hidden' };
        if (name === 'include' || name === 'include_relative' || name === 'render') return { kind: 'call', call: { syntax: 'liquid', name, args } };
        return { kind: 'call', call: { syntax: 'liquid', name, args, markdownInner: true }, close: end(name), nests: new RegExp(`^\\{%-?\\s*${escapeRe(name)}\\b`) };
      }
    }
    return undefined;
  }
  if (env.codeOnly || !usesMdx(env)) return undefined;
  if (MDX_STATEMENT.test(line)) return { kind: 'hidden', untilBlank: true };
  if (c === 0x3c /* < */) {
    const self = JSX_SELF_CLOSING.exec(line);
    if (self) return { kind: 'call', call: { syntax: 'mdx', name: self[1] ?? '', args: (self[2] ?? '').trim() } };
    const open = JSX_OPEN.exec(line);
    if (open) {
      const name = open[1] ?? '';
      return { kind: 'call', call: { syntax: 'mdx', name, args: (open[2] ?? '').trim(), markdownInner: true }, close: new RegExp(`^</${escapeRe(name)}>\\s*$`), nests: new RegExp(`^<${escapeRe(name)}[\\s>]`) };
    }
  }
  if (c === 0x3a /* : */) {
    const admonition = ADMONITION.exec(line);
    if (admonition) return { kind: 'call', call: { syntax: 'admonition', name: admonition[1] ?? 'note', args: admonition[2] ?? '', markdownInner: true }, close: /^:::\s*$/, nests: /^:::\w/ };
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
