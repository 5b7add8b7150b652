// `stray-marker`: a line holding nothing but boilerplate left by copying or
// scraping a web page ("Advertisement"). Only whole prose lines count: never
// front matter, code, HTML comments, or a word inside a sentence.

import type { Fix, Span, TextEdit } from '../types';
import type { LineIndex } from '../text';
import type { BodyLines } from '../markdown';
import { message } from '../messages';
import { finding, fixWithTitle, type Rule } from './context';

/** Case, surrounding white space, emphasis, heading marks and a trailing `:`/`.` do not matter. */
export function normalizeMarkerText(line: string): string {
  // Scraped text carries invisible characters (zero-width spaces, joiners, BOMs).
  let s = line.replace(/[\u200b-\u200d\u2060\ufeff]/g, '').trim();
  s = s.replace(/^#{1,6}(?:[ \t]+|$)/, '');
  s = s.replace(/[ \t]+#+$/, '');
  // Emphasis on both sides (`**Advertisement**`, `_Advertisement_`), and a
  // trailing colon or full stop inside or outside the emphasis.
  for (let i = 0; i < 3; i++) {
    s = s.trim().replace(/^[*_]+/, '').replace(/[*_]+$/, '').trim().replace(/[:.]$/, '').trim();
  }
  return s.replace(/\s+/g, ' ').toLowerCase();
}

export function markerSet(markers: readonly string[]): Set<string> {
  return new Set(markers.map(normalizeMarkerText).filter((m) => m.length > 0));
}

/** Lines (zero-based) of the body that are stray markers. */
export function findMarkerLines(lines: BodyLines, markers: ReadonlySet<string>): number[] {
  const out: number[] = [];
  if (markers.size === 0) return out;
  let longest = 0;
  for (const m of markers) longest = Math.max(longest, m.length);
  // Room for emphasis, heading marks and doubled spaces; longer lines are prose
  // and are skipped without normalising them.
  const limit = longest * 2 + 16;
  for (let l = lines.firstBodyLine; l < lines.kinds.length; l++) {
    if (lines.kinds[l] !== 'text') continue;
    const start = lines.index.lineStart(l);
    const end = lines.index.lineEnd(l);
    if (end - start > limit && lines.index.lineText(l).trim().length > limit) continue;
    if (markers.has(normalizeMarkerText(lines.index.lineText(l)))) out.push(l);
  }
  return out;
}

/** Lines that exist as lines: a trailing line break does not start one more. */
function realLineCount(index: LineIndex, textLength: number): number {
  const last = index.lineCount - 1;
  return last > 0 && index.lineStart(last) === textLength ? last : index.lineCount;
}

/**
 * Edits deleting the given lines, plus, wherever a deleted line sat between
 * two blank lines, one of those blank lines, so paragraphs stay separated by
 * exactly one blank line as before.
 */
export function deleteLinesEdits(index: LineIndex, lines: BodyLines, textLength: number, targets: readonly number[]): TextEdit[] {
  const count = realLineCount(index, textLength);
  const deleted = new Set(targets);
  const isBlank = (l: number): boolean => lines.kinds[l] === 'blank';
  for (const l of [...targets].sort((a, b) => a - b)) {
    let prev = l - 1;
    while (prev >= 0 && deleted.has(prev)) prev--;
    let next = l + 1;
    while (next < count && deleted.has(next)) next++;
    if (prev >= 0 && next < count && isBlank(prev) && isBlank(next)) deleted.add(next);
  }
  const sorted = [...deleted].sort((a, b) => a - b);
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
  id: 'stray-marker',
  defaultSeverity: 'warning',
  check(ctx) {
    const markerLines = findMarkerLines(ctx.lines, markerSet(ctx.config.markers));
    if (markerLines.length === 0) return [];
    const all: Fix | undefined =
      markerLines.length > 1
        ? fixWithTitle(message('removeAllStrayMarkers', { count: markerLines.length }), {
            edits: deleteLinesEdits(ctx.index, ctx.lines, ctx.text.length, markerLines),
            safe: true,
            scope: 'file',
          })
        : undefined;
    return markerLines.map((l) => {
      const span = ctx.index.lineSpan(l);
      const text = ctx.text.slice(span.start, span.end).trim();
      const fixes: Fix[] = [
        fixWithTitle(message('removeStrayMarkerLine', {}), {
          edits: deleteLinesEdits(ctx.index, ctx.lines, ctx.text.length, [l]),
          safe: true,
          preferred: true,
        }),
      ];
      if (all) fixes.push(all);
      return finding(ctx, 'stray-marker', 'warning', message('strayMarker', { text }), span, fixes);
    });
  },
};
