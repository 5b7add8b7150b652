// What each front matter language parser returns to the splitter. Spans are
// absolute offsets into the whole document.

import type { FrontMatterField, FrontMatterProblem, Span } from '../types';
import { message, type CatalogueText } from '../messages';

export interface ParsedBlock {
  readonly data: Record<string, unknown>;
  readonly fields: FrontMatterField[];
  readonly problems: FrontMatterProblem[];
}

/** A problem worded by the catalogue, with its template for the editor. */
export function problem(said: CatalogueText, span: Span): FrontMatterProblem {
  return { message: said.text, span, messageTemplate: said.template };
}

export function emptyBlock(problems: FrontMatterProblem[] = []): ParsedBlock {
  return { data: nullData(), fields: [], problems };
}

/**
 * An object for front matter fields with no prototype: a key named
 * `__proto__` is then plain data (never the object's prototype), and a key
 * such as `constructor` or `toString` is undefined unless the author wrote it.
 */
export function nullData(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

/** The own enumerable fields of a parser's object, copied into a `nullData()` object. */
export function toNullData(parsed: object): Record<string, unknown> {
  const data = nullData();
  const from = parsed as Record<string, unknown>;
  // Assigning `__proto__` to an object without a prototype defines an own property: no setter is inherited.
  for (const key of Object.keys(from)) data[key] = from[key];
  return data;
}

/**
 * Front matter larger than this (in UTF-8 bytes) is reported and not parsed:
 * a block that size is a mistake (an unclosed fence swallowing an article, a
 * generated dump), and no parser should spend the editor's time on it.
 */
export const MAX_FRONT_MATTER_BYTES = 256 * 1024;

/** UTF-8 length of text[start, end), counted only as far as needed to exceed `limit`. */
function utf8LengthOver(text: string, start: number, end: number, limit: number): number | undefined {
  // Each UTF-16 code unit is one to three bytes: most blocks are decided without counting.
  if ((end - start) * 3 <= limit) return undefined;
  let bytes = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes > limit ? bytes : undefined;
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** Whether a block's content is over MAX_FRONT_MATTER_BYTES (the quick reader leaves those to the parsers). */
export function isTooLarge(text: string, content: Span): boolean {
  return utf8LengthOver(text, content.start, content.end, MAX_FRONT_MATTER_BYTES) !== undefined;
}

/** The problem for a block over MAX_FRONT_MATTER_BYTES, or undefined for the (usual) smaller one. */
export function tooLargeBlock(text: string, content: Span): ParsedBlock | undefined {
  const bytes = utf8LengthOver(text, content.start, content.end, MAX_FRONT_MATTER_BYTES);
  if (bytes === undefined) return undefined;
  const said = message('frontMatterTooLarge', { size: formatSize(bytes), limit: formatSize(MAX_FRONT_MATTER_BYTES) });
  return emptyBlock([problem(said, problemSpan(text, content.start, content.start, content))]);
}

/** Shrinks a span so it does not end in white space or line breaks. */
export function trimEnd(text: string, span: Span): Span {
  let end = span.end;
  while (end > span.start && /\s/.test(text[end - 1])) end--;
  return { start: span.start, end };
}

/** Start of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** End of the line holding `offset`, line break excluded. */
export function lineEndOf(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** A visible span for a problem: never empty unless the line itself is. */
export function problemSpan(text: string, start: number, end: number, limit: Span): Span {
  const s = Math.max(limit.start, Math.min(start, limit.end));
  let e = Math.max(s, Math.min(end, limit.end));
  if (e === s) e = Math.min(lineEndOf(text, s), Math.max(s, limit.end));
  if (e === s && s > limit.start) return { start: lineStartOf(text, s), end: s };
  return { start: s, end: e };
}

export function entrySpanOf(text: string, keyStart: number, valueEnd: number): Span {
  return { start: lineStartOf(text, keyStart), end: lineEndOf(text, Math.max(keyStart, valueEnd)) };
}
