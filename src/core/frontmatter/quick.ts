// Front matter read without the full parsers, for `postdesk check`: the
// same SplitDocument as `splitDocument` (data, fields, spans), or undefined
// whenever a reader is not sure, and then `splitDocument` reads it.
//
// - plain `key: value` YAML: `quickSplit` (./quickYaml);
// - TOML: `key = value` lines whose values are strings without escapes,
//   booleans, small integers, dates, or one-line lists of such strings
//   (`quickTomlBlock`); anything else (tables, inline tables, dotted or
//   quoted keys, comments, multi-line strings, floats...) goes to smol-toml;
// - JSON: JSON.parse is already exact and fast; what is skipped is loading
//   gray-matter to name the language of a `---json` fence;
// - CRLF: a block whose every line ends in CRLF is read as the same block
//   with LF line ends, and the spans moved back (`viaLfHead`).
//
// test/unit/core/frontmatterQuick.test.ts holds all of it equal to
// `splitDocument` on the real corpora, the bench's generated posts, their CRLF
// and TOML versions, and made-up blocks.

import type { FrontMatter, FrontMatterField, Span, SplitDocument } from '../types';
import { splitDocument, splitDocumentIfQuick, type QuickReaders, type SplitOptions } from '../frontmatter';
import { quickSplit } from './quickYaml';
import { detectEol } from '../text';
import { entrySpanOf, isTooLarge, lineEndOf, nullData, toNullData, type ParsedBlock } from './common';
import { parseJsonBlock } from './json';
import { parseTomlBlock } from './toml';
import { parseYamlBlock } from './yaml';

/** `splitDocument`'s result, through the quick readers when they understand the front matter. */
export function splitDocumentFast(text: string, options: SplitOptions = {}): SplitDocument {
  return quickSplitDocument(text, options) ?? splitDocument(text, options);
}

/** The quick readers alone: undefined when the text needs `splitDocument`. */
export function quickSplitDocument(text: string, options: SplitOptions = {}): SplitDocument | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const c = text.charCodeAt(start);
  // Only a fence or a brace on the very first line: anything else (no front
  // matter, or front matter after blank lines) is cheap for the splitter.
  if (c !== 0x2d /* - */ && c !== 0x2b /* + */ && c !== 0x7b /* { */) return undefined;
  const firstEnd = lineEndOf(text, start);
  // JSON is read where it is (its readers take CR as white space, as JSON does); a fence's CRLF block, in LF.
  if (text.charCodeAt(firstEnd) === 13 /* \r */ && c !== 0x7b) return viaLfHead(text, start, firstEnd);
  return quickLf(text, options);
}

const READERS: QuickReaders = {
  // Plain YAML is `quickSplit`'s; what it declines needs the YAML parser.
  yaml: () => undefined,
  toml: quickTomlBlock,
  json: quickJsonBlock,
};

/** Front matter whose line ends are LF (the body may differ). */
function quickLf(text: string, options: SplitOptions): SplitDocument | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // A bare `---` opens YAML, which only `quickSplit` reads without the parser.
  if (text.startsWith('---', start) && /^[ \t]*$/.test(text.slice(start + 3, lineEndOf(text, start)))) return quickSplit(text);
  return splitDocumentIfQuick(text, options, READERS);
}

/**
 * A fenced block whose lines all end in CRLF, up to and including its closing
 * fence: the same text with LF line ends is read by the quick readers, and
 * every offset moved back by the line breaks before it. The splitter finds
 * the same fences in both (it reads lines without their breaks), and the
 * readers decline anything whose meaning could depend on the line break.
 */
function viaLfHead(text: string, start: number, firstEnd: number): SplitDocument | undefined {
  const first = text.slice(start, firstEnd);
  const fence = first.startsWith('---') ? '---' : first.startsWith('+++') ? '+++' : undefined;
  if (fence === undefined) return undefined;
  // Find the closing fence as the splitter does, every line break before it a CRLF.
  let headEnd = -1;
  for (let i = firstEnd + 2; i < text.length; ) {
    const end = lineEndOf(text, i);
    const last = end >= text.length;
    if (!last && !(text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10)) return undefined;
    if (text.startsWith(fence, i) && text.slice(i + fence.length, end).trim() === '') {
      headEnd = last ? end : end + 2;
      break;
    }
    if (last) return undefined;
    i = end + 2;
  }
  if (headEnd === -1) return undefined;
  const head = text.slice(0, headEnd);
  const lf = head.replace(/\r\n/g, '\n');
  // A lone CR in the head (the BOM's line, say): the readers would see it.
  if (lf.includes('\r')) return undefined;
  const split = quickLf(lf, {});
  const fm = split?.frontMatter;
  if (!split || !fm || split.bodyStart !== lf.length) return undefined;
  // Line breaks of the LF head, in order: an offset moves by those before it.
  const breaks: number[] = [];
  for (let i = lf.indexOf('\n'); i !== -1; i = lf.indexOf('\n', i + 1)) breaks.push(i);
  const at = (offset: number): number => {
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return offset + lo;
  };
  const span = (s: Span): Span => ({ start: at(s.start), end: at(s.end) });
  const fields: FrontMatterField[] = fm.fields.map((f) => ({ ...f, keySpan: span(f.keySpan), valueSpan: span(f.valueSpan), entrySpan: span(f.entrySpan) }));
  const frontMatter: FrontMatter = {
    language: fm.language,
    blockSpan: span(fm.blockSpan),
    openFenceSpan: span(fm.openFenceSpan),
    ...(fm.closeFenceSpan ? { closeFenceSpan: span(fm.closeFenceSpan) } : {}),
    contentSpan: span(fm.contentSpan),
    data: fm.data,
    fields,
    problems: fm.problems,
  };
  return { frontMatter, bodyStart: headEnd, eol: detectEol(text) };
}

/**
 * The block smol-toml and the top-level scan (`parseTomlBlock`) give for
 * [content.start, content.end) when every line is blank or `key = value`: a
 * bare key at the line's start; a basic string without escapes, a literal
 * string, `true`, `false`, a decimal integer of up to 15 digits, a valid date
 * or date-time (kept as the author's text, as `parseTomlBlock` keeps
 * top-level dates), or a one-line list of such strings; blanks around.
 * Undefined for anything else: tables, inline tables, dotted or quoted keys,
 * comments, multi-line strings, escapes, floats, a CR.
 */
export function quickTomlBlock(text: string, content: Span): ParsedBlock | undefined {
  if (isTooLarge(text, content)) return undefined;
  const data = nullData();
  const fields: FrontMatterField[] = [];
  for (let i = content.start; i < content.end; ) {
    let end = text.indexOf('\n', i);
    if (end === -1 || end > content.end) end = content.end;
    if (!readTomlLine(text, i, end, data, fields)) return undefined;
    i = end + 1;
  }
  return { data, fields, problems: [] };
}

/**
 * JSON: `JSON.parse` reads the values (as `parseJsonBlock` does); the top-level
 * members are then found in the text, now known to be valid JSON, by char
 * codes instead of `parseJsonBlock`'s regular expressions, to the same spans.
 * Undefined for what `parseJsonBlock` reports (invalid JSON, not an object,
 * too large) or keys with escapes.
 */
export function quickJsonBlock(text: string, content: Span): ParsedBlock | undefined {
  if (isTooLarge(text, content)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.slice(content.start, content.end));
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const data = toNullData(parsed);
  const fields: FrontMatterField[] = [];
  let i = skipJsonBlanks(text, content.start);
  // Valid JSON that is an object: `{`, then members.
  i = skipJsonBlanks(text, i + 1);
  while (i < content.end && text.charCodeAt(i) === 0x22 /* " */) {
    const keyEnd = jsonStringEnd(text, i);
    const raw = text.slice(i + 1, keyEnd - 1);
    if (raw.includes('\\')) return undefined;
    let j = skipJsonBlanks(text, keyEnd);
    j = skipJsonBlanks(text, j + 1); // the colon
    const valueEnd = jsonValueEnd(text, j);
    fields.push({ key: raw, keySpan: { start: i, end: keyEnd }, valueSpan: { start: j, end: valueEnd }, entrySpan: entrySpanOf(text, i, valueEnd), value: data[raw] });
    j = skipJsonBlanks(text, valueEnd);
    if (text.charCodeAt(j) !== 0x2c /* , */) break;
    i = skipJsonBlanks(text, j + 1);
  }
  return { data, fields, problems: [] };
}

/** JSON's white space (all that valid JSON has between tokens). */
function skipJsonBlanks(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return i;
    i++;
  }
}

function jsonStringEnd(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const c = text.charCodeAt(j);
    if (c === 0x22 || Number.isNaN(c)) return j + 1;
    j += c === 0x5c /* \ */ ? 2 : 1;
  }
}

function jsonValueEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x22) return jsonStringEnd(text, i);
  if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
    let depth = 0;
    let j = i;
    while (j < text.length) {
      const d = text.charCodeAt(j);
      if (d === 0x22) {
        j = jsonStringEnd(text, j);
        continue;
      }
      if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d /* } */ || d === 0x5d /* ] */) {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return j;
  }
  // A number or a literal: up to white space, a comma or a closing bracket.
  let j = i;
  for (;;) {
    const d = text.charCodeAt(j);
    if (Number.isNaN(d) || d === 32 || d === 10 || d === 13 || d === 9 || d === 0x2c || d === 0x7d || d === 0x5d) return j;
    j++;
  }
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function isBareKeyChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f /* _ */ || c === 0x2d; /* - */
}

/** One line [start, end) into `data` and `fields`; false when it is not certainly understood. */
function readTomlLine(text: string, start: number, end: number, data: Record<string, unknown>, fields: FrontMatterField[]): boolean {
  let i = start;
  while (i < end && isBareKeyChar(text.charCodeAt(i))) i++;
  if (i === start) {
    // Only a blank line may hold no key (and no indentation is taken on).
    for (let j = start; j < end; j++) if (!isBlank(text.charCodeAt(j))) return false;
    return true;
  }
  const keyEnd = i;
  const key = text.slice(start, keyEnd);
  while (i < end && isBlank(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 0x3d /* = */ || i >= end) return false;
  i++;
  while (i < end && isBlank(text.charCodeAt(i))) i++;
  let valueEnd = end;
  while (valueEnd > i && isBlank(text.charCodeAt(valueEnd - 1))) valueEnd--;
  if (valueEnd === i || key in data) return false;
  const value = readTomlValue(text, i, valueEnd);
  if (value === undefined) return false;
  data[key] = value;
  // The spans `scanTopLevel` gives such a line: the value without the blanks after it, the entry the whole line.
  fields.push({ key, keySpan: { start, end: keyEnd }, valueSpan: { start: i, end: valueEnd }, entrySpan: { start, end }, value });
  return true;
}

const INTEGER = /^-?(?:0|[1-9][0-9]{0,14})$/;
const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:Z|[+-]([0-9]{2}):([0-9]{2}))?)?$/;

function readTomlValue(text: string, start: number, end: number): unknown {
  const c = text.charCodeAt(start);
  if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
    const close = stringEnd(text, start, end);
    return close === end ? text.slice(start + 1, end - 1) : undefined;
  }
  if (c === 0x5b /* [ */) return readStringList(text, start, end);
  const raw = text.slice(start, end);
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (raw === '-0') return undefined;
  if (INTEGER.test(raw)) return Number(raw);
  // A date stays the author's text.
  return isValidDate(raw) ? raw : undefined;
}

/**
 * Where the one-line string opening at `start` ends (after its closing
 * quote), or -1 for anything but a plain string: escapes, tabs and other
 * control characters, lone surrogates, an empty string's third quote (`"""`).
 */
function stringEnd(text: string, start: number, end: number): number {
  const quote = text.charCodeAt(start);
  for (let i = start + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === quote) return text.charCodeAt(i + 1) === quote ? -1 : i + 1;
    if (c < 0x20 || c === 0x7f || (c === 0x5c /* \ */ && quote === 0x22)) return -1;
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return -1;
      i++;
    }
  }
  return -1;
}

/** `[ "a", 'b' ]`: strings only, no trailing comma; undefined otherwise. */
function readStringList(text: string, start: number, end: number): string[] | undefined {
  if (text.charCodeAt(end - 1) !== 0x5d /* ] */) return undefined;
  const items: string[] = [];
  let i = start + 1;
  const close = end - 1;
  while (i < close && isBlank(text.charCodeAt(i))) i++;
  if (i === close) return items;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 0x22 && c !== 0x27) return undefined;
    const after = stringEnd(text, i, close);
    if (after === -1) return undefined;
    items.push(text.slice(i + 1, after - 1));
    i = after;
    while (i < close && isBlank(text.charCodeAt(i))) i++;
    if (i === close) return items;
    if (text.charCodeAt(i) !== 0x2c /* , */) return undefined;
    i++;
    while (i < close && isBlank(text.charCodeAt(i))) i++;
    if (i === close) return undefined;
  }
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A calendar date, with a time of day and offset if any, each part in its range (no leap second). */
function isValidDate(raw: string): boolean {
  const m = DATE.exec(raw);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return false;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59)) return false;
  if (m[7] !== undefined && (Number(m[7]) > 23 || Number(m[8]) > 59)) return false;
  return true;
}

/**
 * The block `splitDocument` would read for `content` of `text` in `language`,
 * through the quick readers when they read the same block; else the full
 * parser's. For re-reading front matter after an edit (the date fixes).
 */
export function parseBlockFast(text: string, content: Span, language: string): ParsedBlock | undefined {
  const fm = quickSplitDocument(text)?.frontMatter;
  if (fm && fm.language === language && fm.contentSpan.start === content.start && fm.contentSpan.end === content.end) {
    return { data: fm.data, fields: [...fm.fields], problems: [...fm.problems] };
  }
  if (language === 'yaml') return parseYamlBlock(text, content);
  if (language === 'toml') return parseTomlBlock(text, content);
  if (language === 'json') return parseJsonBlock(text, content);
  return undefined;
}
