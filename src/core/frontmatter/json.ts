// JSON front matter (Hugo's leading `{ ... }` object or a `---json` block).
// JSON.parse validates; a scanner of the (then known valid) text finds the
// top-level members' positions.

import type { FrontMatterField, Span } from '../types';
import { message } from '../messages';
import { emptyBlock, entrySpanOf, problem, problemSpan, toNullData, tooLargeBlock, type ParsedBlock } from './common';

export function parseJsonBlock(text: string, content: Span): ParsedBlock {
  const tooLarge = tooLargeBlock(text, content);
  if (tooLarge) return tooLarge;
  const source = text.slice(content.start, content.end);
  if (source.trim() === '') return emptyBlock();
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    const m = /position (\d+)/.exec(error);
    const at = content.start + (m ? Number(m[1]) : 0);
    const clean = error.replace(/ in JSON at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)$/, '');
    return emptyBlock([problem(message('jsonError', { error: clean }), problemSpan(text, at, at + 1, content))]);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return emptyBlock([problem(message('jsonNotObject', {}), problemSpan(text, content.start, content.start, content))]);
  }
  // JSON.parse makes a `"__proto__"` member an own property; the copy has no
  // prototype either, so a missing `constructor` field is undefined, not Object.
  const data = toNullData(parsed);
  const fields: FrontMatterField[] = [];
  let i = skipWs(text, content.start);
  if (text[i] !== '{') return { data, fields, problems: [] };
  i = skipWs(text, i + 1);
  while (i < content.end && text[i] === '"') {
    const keyEnd = skipString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    const keySpan = { start: i, end: keyEnd };
    let j = skipWs(text, keyEnd);
    j = skipWs(text, j + 1); // the colon
    const valueEnd = skipJsonValue(text, j);
    const valueSpan = { start: j, end: valueEnd };
    fields.push({ key, keySpan, valueSpan, entrySpan: entrySpanOf(text, i, valueEnd), value: data[key] });
    j = skipWs(text, valueEnd);
    if (text[j] !== ',') break;
    i = skipWs(text, j + 1);
  }
  return { data, fields, problems: [] };
}

function skipWs(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

function skipString(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length && text[j] !== '"') {
    if (text[j] === '\\') j++;
    j++;
  }
  return j + 1;
}

function skipJsonValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return skipString(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    let j = i;
    while (j < text.length) {
      const d = text[j];
      if (d === '"') {
        j = skipString(text, j);
        continue;
      }
      if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return j;
  }
  // A number or a literal: up to the next separator.
  let j = i;
  while (j < text.length && !/[\s,}\]]/.test(text[j])) j++;
  return j;
}
