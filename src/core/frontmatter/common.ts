// What each front matter language parser returns to the splitter. Spans are
// absolute offsets into the whole document.

import type { FrontMatterField, FrontMatterProblem, Span } from '../types';
import type { CatalogueText } from '../messages';

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
  return { data: {}, fields: [], problems };
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
