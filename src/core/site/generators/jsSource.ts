// Reading JavaScript and TypeScript configs as text, never running them: the
// helpers this folder's JavaScript-config models share (Astro, Eleventy,
// Docusaurus, Hexo's globs). A value that is not a plain literal reads as
// undefined, and the model says so in its notes.

import picomatch from 'picomatch';

/** A glob as a RegExp over POSIX paths, by picomatch (the matcher Astro's glob loader uses); dot files only when asked. */
export function globToRegExp(glob: string, dot = false): RegExp {
  return picomatch.makeRe(glob, { dot });
}

/** Patterns as one test: a path matches when a positive pattern does and no `!pattern` does. */
export function globSet(patterns: readonly string[], dot = false): (path: string) => boolean {
  const positive = patterns.filter((p) => !p.startsWith('!')).map((p) => p.replace(/^\.\//, ''));
  const negative = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1).replace(/^\.\//, ''));
  if (positive.length === 0) return () => false;
  return picomatch(positive, { dot, ...(negative.length > 0 ? { ignore: negative } : {}) });
}

/** Where the string literal opened by the quote at `text[i]` ends: its closing quote (escapes skipped), or the end of the text. */
export function stringEnd(text: string, i: number): number {
  const quote = text[i];
  let j = i + 1;
  while (j < text.length && text[j] !== quote) j += text[j] === '\\' ? 2 : 1;
  return j;
}

/** The text between the bracket at `open` and its partner (strings skipped), or undefined when unbalanced. */
export function balanced(source: string, open: number): string | undefined {
  const pairs: Record<string, string> = { '(': ')', '{': '}', '[': ']' };
  const stack: string[] = [];
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '"' || c === "'" || c === '`') {
      i = stringEnd(source, i);
    } else if (pairs[c]) stack.push(pairs[c]);
    else if (c === ')' || c === '}' || c === ']') {
      if (stack.pop() !== c) return undefined;
      if (stack.length === 0) return source.slice(open + 1, i);
    }
  }
  return undefined;
}

/** The comma-separated parts of a literal's inside (an object's or an array's), commas in strings and nested brackets kept. */
export function splitTopLevel(inside: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < inside.length; i++) {
    const c = inside[i];
    if (c === '"' || c === "'" || c === '`') {
      i = stringEnd(inside, i);
    } else if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(inside.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(inside.slice(start));
  return parts;
}

/** The top-level `key: value` pairs of an object literal's inside (shorthand `key` too), values as source text. */
export function objectEntries(inside: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = splitTopLevel(inside);
  for (const part of parts) {
    const m = /^\s*(?:(["'])([^"']*)\1|([A-Za-z_$][\w$]*))\s*(?::\s*([\s\S]*?))?\s*$/.exec(part);
    if (!m) continue;
    const key = m[2] ?? m[3];
    out.set(key, m[4] ?? key);
  }
  return out;
}

/** The source text of a `key: value` property's value (to the end of its expression), anywhere in `js`. */
export function propertyExpression(js: string, key: string): string | undefined {
  const m = new RegExp(`(?:^|[\\s,{])["']?${key}["']?\\s*:\\s*`).exec(js);
  if (!m) return undefined;
  const start = m.index + m[0].length;
  const c = js[start];
  if (c === '[' || c === '{') {
    const inside = balanced(js, start);
    return inside === undefined ? undefined : `${c}${inside}${c === '[' ? ']' : '}'}`;
  }
  const end = /[,}\n;]/.exec(js.slice(start));
  return js.slice(start, end ? start + end.index : js.length);
}

/** A string literal's value (quotes of any kind, no interpolation), or undefined. */
export function literalString(expr: string | undefined): string | undefined {
  const m = expr === undefined ? null : /^\s*(["'`])([^"'`$\\]*)\1\s*$/.exec(expr);
  return m ? m[2] : undefined;
}

/** A literal `true`/`false`, or undefined. */
export function literalBoolean(expr: string | undefined): boolean | undefined {
  const t = expr?.trim();
  return t === 'true' ? true : t === 'false' ? false : undefined;
}

/** An array of string literals (or one string), or undefined when anything in it is not a literal. */
export function literalStrings(expr: string | undefined): string[] | undefined {
  if (expr === undefined) return undefined;
  const one = literalString(expr);
  if (one !== undefined) return [one];
  const t = expr.trim();
  if (!t.startsWith('[')) return undefined;
  const inside = balanced(t, 0);
  if (inside === undefined) return undefined;
  const items = inside.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const out: string[] = [];
  for (const item of items) {
    const v = literalString(item);
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}
