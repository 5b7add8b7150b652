// The precise half of the stray-marker check: which candidate lines
// markdown-it, configured exactly as the preview (`createMarkdown`), reads as
// prose, and whether deleting them loses nothing else.
//
// The cheap line scan (`classifyLines`, `candidateMarkerLines`) only knows
// top-level fences, indented code and comments; it finds candidates. Only a
// file that has one pays for this module: one block-level parse of its body,
// an inline parse of the few paragraphs holding a candidate, and a re-parse of
// a few blocks around each marker to prove its deletion.
//
// What counts as a marker (see also the README's stray-marker section):
// - a line of a paragraph (alone, or one of its lines with others) whose
//   inline content is plain text: words and emphasis, not inside a code span,
//   inline HTML, a link or an image;
// - a heading whose whole content is the marker: an ATX heading (`## Ad`) or
//   a one-line setext heading. A setext heading is one unit: its text line and
//   its underline go together, or the underline would stay behind as a
//   thematic break (`---`) or a stray `===` line.
// Never: code (fenced, indented, in any container), raw HTML blocks of any of
// CommonMark's seven kinds, tables, front matter.
//
// Containers: a marker inside a block quote or a list item is removable when
// its line holds only the container's continuation prefix (`> `, the item's
// indentation) and the marker. The line that opens a list item (`- Ad`,
// `1. Ad`) is never removed: that would delete the item itself, renumber or
// split the list. Lazy continuation lines, and first lines whose removal would
// turn the next line into something else (indented code, a list, a link
// reference definition, a lazy line falling out of its quote...), are caught
// by the proof below rather than by a list of cases: each deletion is applied
// to the blocks around it and re-parsed, and it must give the same tokens as
// before minus the marker. Any doubt and the line is not a marker: nothing is
// flagged, nothing is removed.

import type MarkdownIt from 'markdown-it';
import type * as RenderMarkdown from './render/markdown';
import type { BodyLines } from './markdown';
import { codeTemplates, firstAbove, regions, restartPoints, type Body } from './blockRegions';
import { deletesWholeParagraphs, expectedTokens, matches, sliceLines, type TopBlock } from './markerProof';

type Token = MarkdownIt.Token;

/** A marker the rule may flag, and the lines (document lines) its removal deletes as the marker itself. */
export interface MarkerUnit {
  readonly line: number;
  /** `[line]`, or `[line, underline]` for a setext heading. */
  readonly lines: readonly number[];
}

export interface MarkerTests {
  /** Whether inline text (a line's words, emphasis marks removed by markdown-it or not) is a marker. */
  isMarker(text: string): boolean;
  /** Every line a fix deleting `targets` deletes: the targets plus blank lines it merges. Sorted. */
  deletion(targets: readonly number[]): number[];
}

let parser: MarkdownIt | undefined;

/**
 * The preview's markdown-it, loaded and made at the first file that needs
 * it: most files have no candidate line, and a run of `postdesk check`, or
 * the extension host's start, need not load markdown-it for them.
 */
function markdown(): MarkdownIt {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  parser ??= (require('./render/markdown') as typeof RenderMarkdown).createMarkdown();
  return parser;
}

/** markdown-it's own input normalisation (its `normalize` core rule). */
function normalize(src: string): string {
  return src.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
}

function parseBlocks(src: string, env: object): Token[] {
  const md = markdown();
  const tokens: Token[] = [];
  md.block.parse(normalize(src), md, env, tokens);
  return tokens;
}

/** markdown-it 14's `isTerminatorChar` (rules_inline/text): where its text rule stops for another rule to look. */
const INLINE_SYNTAX = /[\n!#$%&*+\-:<=>@[\\\]^_`{}~]/;

const PLAIN_INLINE = new Set(['text', 'em_open', 'em_close', 'strong_open', 'strong_close', 's_open', 's_close']);

/**
 * For each line of a paragraph's content, the text markdown-it reads on it
 * when the line is plain text of its own (see above), else undefined.
 */
function plainLines(content: string, lineCount: number, env: object): (string | undefined)[] {
  // A line holding none of the characters at which markdown-it's inline rules
  // (and the template plugin's, at `{`) can start is one text token of
  // itself: its text is the line, no parse needed (a lone "Advertisement").
  if (lineCount === 1 && !INLINE_SYNTAX.test(content)) return [content];
  const md = markdown();
  const children: Token[] = [];
  md.inline.parse(content, md, env, children);
  const texts: (string | undefined)[] = new Array<string | undefined>(lineCount).fill('');
  const depth: number[] = new Array<number>(lineCount).fill(0);
  let line = 0;
  let links = 0;
  const taint = (from: number, to: number): void => {
    for (let l = from; l <= to && l < lineCount; l++) texts[l] = undefined;
  };
  for (const child of children) {
    if (child.type === 'softbreak' || child.type === 'hardbreak') {
      if (line < lineCount && depth[line] !== 0) texts[line] = undefined;
      line++;
      if (links > 0) taint(line, line);
      continue;
    }
    if (child.type === 'link_open') links++;
    if (child.type === 'link_close') links--;
    // Source line breaks inside inline HTML or an image's text: every line it touches is not plain.
    let breaks = 0;
    if (child.type === 'html_inline') breaks = child.content.split('\n').length - 1;
    if (child.type === 'image') breaks = (child.children ?? []).filter((c) => c.type === 'softbreak' || c.type === 'hardbreak').length;
    if (breaks > 0) {
      taint(line, line + breaks);
      line += breaks;
      continue;
    }
    if (line >= lineCount) continue;
    if (!PLAIN_INLINE.has(child.type) || links > 0) {
      texts[line] = undefined;
      continue;
    }
    if (child.nesting === 1) depth[line]++;
    if (child.nesting === -1 && --depth[line] < 0) texts[line] = undefined;
    const t = texts[line];
    if (t !== undefined && child.type === 'text') texts[line] = t + child.content;
  }
  if (line < lineCount && depth[line] !== 0) texts[line] = undefined;
  // A line after an unclosed \`[\` may be inside a link whose reference is
  // defined outside the stretch parsed (or one markdown-it did not take for a
  // link): not plain either.
  let open = 0;
  content.split('\n').forEach((text, k) => {
    if (open > 0) texts[k] = undefined;
    for (const m of text.matchAll(/\\.|\[|\]/g)) open = Math.max(0, open + (m[0] === '[' ? 1 : m[0] === ']' ? -1 : 0));
  });
  // A code span or a link's address or title can hold a line break markdown-it
  // does not report: the lines no longer line up, so none is trusted.
  if (line !== lineCount - 1) return texts.map(() => undefined);
  return texts;
}

/** Blocks at the top level of the body, in order. */
function topLevelBlocks(tokens: readonly Token[]): TopBlock[] {
  const out: TopBlock[] = [];
  for (const t of tokens) if (t.level === 0 && t.nesting !== -1 && t.map) out.push({ type: t.type, start: t.map[0], end: t.map[1] });
  return out;
}

/**
 * Structural candidates: candidate lines that markdown-it reads as a plain
 * line of a paragraph or as a whole heading, not on a list item's first line.
 */
function structuralUnits(tokens: readonly Token[], candidates: ReadonlySet<number>, env: object, tests: MarkerTests): MarkerUnit[] {
  const units: MarkerUnit[] = [];
  const itemStarts: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'list_item_open') itemStarts.push(t.map ? t.map[0] : -1);
    else if (t.type === 'list_item_close') itemStarts.pop();
    if ((t.type !== 'paragraph_open' && t.type !== 'heading_open') || !t.map) continue;
    const [start, end] = t.map;
    let any = false;
    for (let l = start; l < end && !any; l++) any = candidates.has(l);
    const inline = tokens[i + 1];
    if (!any || inline?.type !== 'inline') continue;
    const contentLines = inline.content.split('\n');
    if (t.type === 'heading_open') {
      const setext = t.markup === '=' || t.markup === '-';
      if (!candidates.has(start) || end - start !== (setext ? 2 : 1) || contentLines.length !== 1) continue;
      if (itemStarts.includes(start)) continue;
      const text = plainLines(inline.content, 1, env)[0];
      if (text !== undefined && tests.isMarker(text)) units.push({ line: start, lines: setext ? [start, start + 1] : [start] });
      continue;
    }
    if (contentLines.length !== end - start) continue;
    const texts = plainLines(inline.content, contentLines.length, env);
    for (let l = start; l < end; l++) {
      if (!candidates.has(l) || itemStarts.includes(l)) continue;
      const text = texts[l - start];
      if (text !== undefined && tests.isMarker(text)) units.push({ line: l, lines: [l] });
    }
  }
  return units;
}

const byLine = (a: MarkerUnit, b: MarkerUnit): number => a.line - b.line;

/** A blank line as markdown-it and `linesToDelete` read one. */
const BLANK_LINE = /^[ \t]*$/;

/**
 * Whether deleting `removed` (body lines, the markers of `units` among them)
 * from the window of body lines [from, to) leaves its blocks as they were
 * minus the markers. The window starts and ends at top-level block
 * boundaries, where markdown-it's block parser starts afresh, so what lies
 * outside it parses the same either way.
 */
function provenInWindow(body: Body, from: number, to: number, units: readonly MarkerUnit[], removed: readonly number[], env: object): boolean {
  const inside = removed.filter((l) => l >= from && l < to);
  const original = parseBlocks(sliceLines(body, from, to), env);
  const changed = parseBlocks(sliceLines(body, from, to, new Set(inside)), env);
  const markers = new Set<number>();
  for (const u of units) for (const l of u.lines) markers.add(l - body.first - from);
  const rel = inside.map((l) => l - from);
  return matches(changed, expectedTokens(original, markers, rel));
}

/**
 * The candidate lines (document lines) that are markers, each proven safe to
 * delete on its own, and all of them together (what `postdesk fix` applies).
 * `quickProof` false proves every deletion by re-parsing, never by
 * `deletesWholeParagraphs`: for the tests that hold the two to each other.
 */
export function confirmMarkers(lines: BodyLines, candidates: readonly number[], tests: MarkerTests, quickProof = true): MarkerUnit[] {
  if (candidates.length === 0) return [];
  const first = lines.firstBodyLine;
  const body: Body = { lines, first, count: lines.kinds.length - first };
  const relative = [...candidates].map((l) => l - first).sort((a, b) => a - b);
  const out: MarkerUnit[] = [];
  const points = restartPoints(body);
  for (const [start, end] of regions(body, relative, points)) {
    out.push(...confirmInRegion(body, start, end, relative.filter((l) => l >= start && l < end), points, tests, quickProof));
  }
  return out;
}

/** `confirmMarkers` within body lines [start, end), which start and end at restart points. */
function confirmInRegion(body: Body, start: number, end: number, candidates: readonly number[], points: readonly number[], tests: MarkerTests, quickProof: boolean): MarkerUnit[] {
  const first = body.first;
  // Template constructs whose content is code (Liquid and Hugo `highlight`,
  // Liquid `raw`) are read as the preview reads them: a marker inside is code.
  const env = { templates: codeTemplates() };
  const tokens = parseBlocks(sliceLines(body, start, end), env);
  // Body lines from here on.
  for (const t of tokens) if (t.map) t.map = [t.map[0] + start, t.map[1] + start];
  const structural = structuralUnits(tokens, new Set(candidates), env, tests).map((u) => ({ line: u.line + first, lines: u.lines.map((l) => l + first) }));
  if (structural.length === 0) return [];

  const blocks = topLevelBlocks(tokens);
  // The window of a set of body lines [from, to]: from the top-level block
  // before the first one's to the block after the last one's, or less: from
  // the last restart point before `from`, to the first one after `to`.
  const windowOf = (from: number, to: number): [number, number] => {
    let a = blocks.findIndex((block) => block.end > from);
    if (a === -1) a = blocks.length;
    let b = blocks.findIndex((block) => block.start > to);
    if (b === -1) b = blocks.length;
    let wStart = a - 1 >= 0 ? blocks[a - 1].start : start;
    let wEnd = b < blocks.length ? blocks[b].end : end;
    const k = firstAbove(points, from - 1); // the first restart point at or after `from`
    if (k > 0 && points[k - 1] > wStart) wStart = points[k - 1];
    const m = firstAbove(points, to);
    if (m < points.length && points[m] < wEnd) wEnd = points[m];
    return [Math.max(wStart, start), Math.min(Math.max(wEnd, to + 1), end)];
  };
  const deletion = (units: readonly MarkerUnit[]): number[] => tests.deletion(units.flatMap((u) => u.lines)).map((l) => l - first);
  const isBlank = (line: number): boolean => line < body.count && BLANK_LINE.test(body.lines.index.lineText(first + line));
  const proven = (units: readonly MarkerUnit[]): boolean => {
    const removed = deletion(units);
    if (removed.length === 0) return false;
    if (quickProof && units.every((u) => u.lines.length === 1)) {
      const markerLines = new Set(units.map((u) => u.line - first));
      if (deletesWholeParagraphs(blocks, markerLines, removed, isBlank, end, body.count)) return true;
    }
    const [from, to] = windowOf(removed[0], removed[removed.length - 1]);
    return provenInWindow(body, from, to, units, removed, env);
  };

  const alone = structural.filter((u) => proven([u]));
  if (alone.length < 2) return alone;
  // Together: markers whose windows meet are proven as one group; a group
  // that fails keeps the largest run of its markers that passes, in order.
  const out: MarkerUnit[] = [];
  let group: MarkerUnit[] = [];
  let groupEnd = -1;
  const flush = (): void => {
    if (group.length === 0) return;
    if (group.length === 1 || proven(group)) out.push(...group);
    else {
      // One marker's deletion can hinge on another's (two headings between a
      // paragraph and a third marker: deleting both joins the third to the
      // paragraph, deleting all three does not), so a marker refused once is
      // tried again whenever another has been kept since.
      const kept: MarkerUnit[] = [];
      let waiting = group;
      for (let added = true; added && waiting.length > 0; ) {
        added = false;
        const refused: MarkerUnit[] = [];
        for (const u of waiting) {
          if (proven([...kept, u].sort(byLine))) {
            kept.push(u);
            added = true;
          } else refused.push(u);
        }
        waiting = refused;
      }
      out.push(...kept.sort(byLine));
    }
    group = [];
  };
  for (const u of alone) {
    const removed = deletion([u]);
    const [from, to] = windowOf(removed[0], removed[removed.length - 1]);
    if (group.length > 0 && from > groupEnd) flush();
    group.push(u);
    groupEnd = Math.max(groupEnd, to);
  }
  flush();
  return out;
}
