// `stray-marker`: a line holding nothing but boilerplate left by copying or
// scraping a web page ("Advertisement"). Only whole prose lines count: never
// front matter, code, raw HTML, HTML comments, or a word inside a sentence.
// A cheap scan finds candidate lines; only a file that has one is parsed with
// markdown-it to confirm them (`../blocks`, which also says which containers
// keep a marker removable).

import type { Fix, Span, TextEdit } from '../types';
import type { LineIndex } from '../text';
import type { BodyLines } from '../markdown';
import { confirmMarkers, type MarkerUnit } from '../blocks';
import { message } from '../messages';
import { finding, fixWithTitle, type Rule } from './context';
import { isWhiteSpace, matcherForSet, normalizeMarkerRange, type MarkerMatcher } from './markerMatch';

/** Case, surrounding white space, emphasis, heading marks and a trailing `:`/`.` do not matter. */
export function normalizeMarkerText(line: string): string {
  return normalizeMarkerRange(line);
}

const markerSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/**
 * The markers normalised, one set per marker list: the rule asks for every
 * file with the config's one list, and its compiled matcher is kept with the set.
 */
export function markerSet(markers: readonly string[]): ReadonlySet<string> {
  let set = markerSets.get(markers);
  if (!set) {
    set = new Set(markers.map(normalizeMarkerText).filter((m) => m.length > 0));
    markerSets.set(markers, set);
  }
  return set;
}

/** Markers as a set of normalised texts (`markerSet`) or compiled (`markerMatcher`). */
export type Markers = ReadonlySet<string> | MarkerMatcher;

function matcherOf(markers: Markers): MarkerMatcher {
  return markers instanceof Set ? matcherForSet(markers) : (markers as MarkerMatcher);
}

/** A line without its block quote marks (`> > `), as markdown-it strips them. */
const QUOTE_PREFIX = /^(?:[ \t]*>)+/;

/** Where text[start, end) continues after its block quote marks (the end of `QUOTE_PREFIX`'s match). */
function afterQuoteMarks(text: string, start: number, end: number): number {
  let after = start;
  for (let i = start; ; ) {
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    if (i >= end || text.charCodeAt(i) !== 62) return after;
    after = ++i;
  }
}

/** text[start, end)'s length without the white space around it (`trim().length`). */
function trimmedLength(text: string, start: number, end: number): number {
  while (start < end && isWhiteSpace(text.charCodeAt(start))) start++;
  while (end > start && isWhiteSpace(text.charCodeAt(end - 1))) end--;
  return end - start;
}

/**
 * The cheap scan: body lines (zero-based document lines) that hold nothing
 * but a marker, once block quote marks are set aside, in any kind of block.
 * Only these lines need `confirmMarkers`; most files have none.
 */
export function candidateMarkerLines(lines: BodyLines, markers: Markers): number[] {
  const out: number[] = [];
  const matcher = matcherOf(markers);
  if (matcher.markers.size === 0) return out;
  // Room for emphasis, heading and quote marks and doubled spaces; longer
  // lines are prose and are skipped without normalising them.
  const limit = matcher.longest * 2 + 16;
  const { text, index } = lines;
  for (let l = lines.firstBodyLine; l < lines.kinds.length; l++) {
    const start = index.lineStart(l);
    const end = index.lineEnd(l);
    // Most lines are told apart by the letters their words start with alone.
    if (!matcher.mayMatch(text, start, end)) continue;
    if (end - start > limit && trimmedLength(text, start, end) > limit) continue;
    if (matcher.matches(text, afterQuoteMarks(text, start, end), end)) out.push(l);
  }
  return out;
}

/**
 * Stray markers: each a candidate line markdown-it reads as prose (see
 * `../blocks`), with the lines its removal deletes as the marker itself
 * (both lines of a setext heading).
 */
export function findMarkerUnits(lines: BodyLines, markers: Markers, quickProof = true): MarkerUnit[] {
  const candidates = candidateMarkerLines(lines, markers);
  if (candidates.length === 0) return [];
  const matcher = matcherOf(markers);
  const textLength = lines.text.length;
  return confirmMarkers(lines, candidates, {
    isMarker: (text) => matcher.matches(text),
    deletion: (targets) => linesToDelete(lines, textLength, targets),
  }, quickProof);
}

/** Lines (zero-based) of the body that are stray markers. */
export function findMarkerLines(lines: BodyLines, markers: Markers): number[] {
  return findMarkerUnits(lines, markers).map((u) => u.line);
}

/** Lines that exist as lines: a trailing line break does not start one more. */
function realLineCount(index: LineIndex, textLength: number): number {
  const last = index.lineCount - 1;
  return last > 0 && index.lineStart(last) === textLength ? last : index.lineCount;
}

/** Block quote marks at the start of a line, as markdown-it counts them. */
function quoteDepth(line: string): number {
  const prefix = QUOTE_PREFIX.exec(line);
  if (!prefix) return 0;
  let n = 0;
  for (const c of prefix[0]) if (c === '>') n++;
  return n;
}

/**
 * The lines deleting `targets` deletes: the targets, plus, wherever a run of
 * them sat between two blank lines, the blank line after it, so paragraphs
 * stay separated by exactly one blank line as before. Around a line in a
 * block quote, two lines holding only its quote marks (`>`) count as two
 * blank lines too; a blank line and a `>` line do not.
 */
export function linesToDelete(lines: BodyLines, textLength: number, targets: readonly number[]): number[] {
  const { index } = lines;
  const count = realLineCount(index, textLength);
  const deleted = new Set(targets);
  // 0: a blank line; n > 0: a line of n quote marks and nothing else; -1: anything else.
  const blankKind = (l: number): number => {
    if (l < lines.firstBodyLine || l >= count) return -1;
    const text = index.lineText(l);
    if (/^[ \t]*$/.test(text)) return 0;
    return /^[ \t>]*$/.test(text) ? quoteDepth(text) : -1;
  };
  for (const l of [...targets].sort((a, b) => a - b)) {
    const depth = quoteDepth(index.lineText(l));
    let prev = l - 1;
    while (prev >= 0 && deleted.has(prev)) prev--;
    let next = l + 1;
    while (next < count && deleted.has(next)) next++;
    const kind = blankKind(prev);
    if ((kind === 0 || kind === depth) && blankKind(next) === kind) deleted.add(next);
  }
  return [...deleted].sort((a, b) => a - b);
}

/** Edits deleting the given lines (see `linesToDelete`). */
export function deleteLinesEdits(index: LineIndex, lines: BodyLines, textLength: number, targets: readonly number[]): TextEdit[] {
  const sorted = linesToDelete(lines, textLength, targets);
  const edits: TextEdit[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    const first = sorted[i];
    const last = sorted[j];
    let span: Span;
    if (last + 1 < index.lineCount) {
      span = { start: index.lineStart(first), end: index.lineStart(last + 1) };
    } else if (first > 0) {
      // The last line has no line break: take the one before it instead.
      span = { start: index.lineEnd(first - 1), end: index.lineEnd(last) };
    } else {
      span = { start: 0, end: index.lineEnd(last) };
    }
    edits.push({ span, newText: '' });
    i = j + 1;
  }
  return edits;
}

export const strayMarkerRule: Rule = {
  check(ctx) {
    const units = findMarkerUnits(ctx.lines, markerSet(ctx.config.markers));
    if (units.length === 0) return [];
    const all: Fix | undefined =
      units.length > 1
        ? fixWithTitle(message('removeAllStrayMarkers', { count: units.length }), {
            edits: deleteLinesEdits(
              ctx.index,
              ctx.lines,
              ctx.text.length,
              units.flatMap((u) => u.lines),
            ),
            safe: true,
            scope: 'file',
          })
        : undefined;
    return units.map((u) => {
      const span = ctx.index.lineSpan(u.line);
      const text = ctx.text.slice(span.start, span.end).replace(QUOTE_PREFIX, '').trim();
      const fixes: Fix[] = [
        fixWithTitle(message('removeStrayMarkerLine', {}), {
          edits: deleteLinesEdits(ctx.index, ctx.lines, ctx.text.length, u.lines),
          safe: true,
          preferred: true,
        }),
      ];
      if (all) fixes.push(all);
      return finding(ctx, 'stray-marker', 'warning', message('strayMarker', { text }), span, fixes);
    });
  },
};
