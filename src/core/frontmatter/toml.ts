// TOML front matter: smol-toml parses (its errors carry line and column) and a
// small scanner finds where each top-level key and value sits, since the
// parser does not report source positions.

import { parse, TomlDate, TomlError } from 'smol-toml';
import type { FrontMatterField, Span } from '../types';
import { message } from '../messages';
import { emptyBlock, entrySpanOf, lineEndOf, nullData, problem, problemSpan, tooLargeBlock, trimEnd, type ParsedBlock } from './common';

export function parseTomlBlock(text: string, content: Span): ParsedBlock {
  const tooLarge = tooLargeBlock(text, content);
  if (tooLarge) return tooLarge;
  const source = text.slice(content.start, content.end);
  let parsed: Record<string, unknown>;
  try {
    parsed = parse(source) as Record<string, unknown>;
  } catch (e) {
    let at = content.start;
    let error = e instanceof Error ? e.message : String(e);
    if (e instanceof TomlError) {
      at = offsetOfLineColumn(source, e.line, e.column) + content.start;
      // The parser appends a code excerpt; the finding's range already says where.
      error = error.split('\n')[0];
    }
    return emptyBlock([problem(message('tomlError', { error }), problemSpan(text, at, at, content))]);
  }

  const fields: FrontMatterField[] = [];
  // smol-toml's tables have no prototype, and neither has this copy: a `[__proto__]`
  // table or `__proto__ = …` key is a field like any other, never the object's prototype.
  const data = nullData();
  for (const [k, v] of Object.entries(parsed)) data[k] = v instanceof TomlDate ? v.toISOString() : v;
  for (const entry of scanTopLevel(text, content)) {
    const raw = text.slice(entry.valueSpan.start, entry.valueSpan.end);
    const parsedValue = parsed[entry.key];
    // Dates stay the author's text, as for YAML.
    const value = parsedValue instanceof TomlDate ? raw : parsedValue;
    if (parsedValue instanceof TomlDate) data[entry.key] = raw;
    fields.push({ ...entry, value });
  }
  return { data, fields, problems: [] };
}

function offsetOfLineColumn(source: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = source.indexOf('\n', offset);
    if (nl === -1) return source.length;
    offset = nl + 1;
  }
  return Math.min(source.length, offset + Math.max(0, column - 1));
}

interface ScannedEntry {
  key: string;
  keySpan: Span;
  valueSpan: Span;
  entrySpan: Span;
}

/** Top-level `key = value` entries before the first table header. */
function scanTopLevel(text: string, content: Span): ScannedEntry[] {
  const out: ScannedEntry[] = [];
  let i = content.start;
  const end = content.end;
  while (i < end) {
    // At a line start.
    while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
    const c = text[i];
    if (c === '[') break;
    if (c === '#' || c === '\n' || c === '\r' || i >= end) {
      i = skipLine(text, i, end);
      continue;
    }
    const key = readKey(text, i, end);
    if (!key) {
      i = skipLine(text, i, end);
      continue;
    }
    let j = key.end;
    while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
    if (text[j] !== '=') {
      i = skipLine(text, i, end);
      continue;
    }
    j++;
    while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
    const valueEnd = skipValue(text, j, end);
    const valueSpan = trimEnd(text, { start: j, end: valueEnd });
    if (!key.dotted) {
      out.push({ key: key.name, keySpan: { start: i, end: key.end }, valueSpan, entrySpan: entrySpanOf(text, i, valueSpan.end) });
    }
    i = skipLine(text, valueEnd, end);
  }
  return out;
}

function skipLine(text: string, i: number, end: number): number {
  const e = lineEndOf(text, i);
  if (e >= end) return end;
  return text[e] === '\r' && text[e + 1] === '\n' ? e + 2 : e + 1;
}

function readKey(text: string, start: number, end: number): { name: string; end: number; dotted: boolean } | undefined {
  let i = start;
  const parts: string[] = [];
  for (;;) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close === -1 || close >= end) return undefined;
      parts.push(text.slice(i + 1, close));
      i = close + 1;
    } else {
      const m = /^[A-Za-z0-9_-]+/.exec(text.slice(i, Math.min(end, i + 256)));
      if (!m) return undefined;
      parts.push(m[0]);
      i += m[0].length;
    }
    let j = i;
    while (text[j] === ' ' || text[j] === '\t') j++;
    if (text[j] !== '.') break;
    i = j + 1;
    while (text[i] === ' ' || text[i] === '\t') i++;
  }
  return { name: parts.join('.'), end: i, dotted: parts.length > 1 };
}

/** End of a TOML value starting at `i`: strings, arrays and inline tables may span lines; comments are not part of it. */
function skipValue(text: string, i: number, end: number): number {
  let depth = 0;
  let j = i;
  while (j < end) {
    const c = text[j];
    if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), j);
      if (triple) {
        const close = text.indexOf(c.repeat(3), j + 3);
        j = close === -1 ? end : close + 3;
        while (text[j] === c) j++; // up to two quotes may end the string
      } else {
        j++;
        while (j < end && text[j] !== c && text[j] !== '\n') {
          if (c === '"' && text[j] === '\\') j++;
          j++;
        }
        j++;
      }
      continue;
    }
    if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === '#') {
      const e = lineEndOf(text, j);
      if (depth <= 0) return j;
      j = e;
      continue;
    } else if ((c === '\n' || c === '\r') && depth <= 0) return j;
    j++;
  }
  return Math.min(j, end);
}
