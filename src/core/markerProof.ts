// What deleting marker lines must leave, for the proof in blocks.ts: the text
// of a window of body lines with the deletion applied, the tokens its parse
// must give (the original's, minus the marker paragraphs, headings and lines,
// renumbered), and their comparison. Pure functions over markdown-it's tokens.
import type MarkdownIt from 'markdown-it';
import type { Body } from './blockRegions';

type Token = MarkdownIt.Token;

/** Body lines [from, to) as text, leaving out `skip` (body lines) as a fix deleting them would. */
export function sliceLines(body: Body, from: number, to: number, skip: ReadonlySet<number> = new Set()): string {
  const { index } = body.lines;
  let out = '';
  let runStart = -1;
  for (let l = from; l <= to; l++) {
    const keep = l < to && !skip.has(l);
    if (keep && runStart === -1) runStart = l;
    if (!keep && runStart !== -1) {
      const end = index.lineStart(body.first + l);
      out += body.lines.text.slice(index.lineStart(body.first + runStart), end);
      runStart = -1;
    }
  }
  // Deleting the document's last line, when no line break ends it, takes the
  // break before it (see deleteLinesEdits): so here.
  if (skip.has(index.lineCount - 1 - body.first)) out = out.replace(/(?:\r\n|\r|\n)$/, '');
  return out;
}

function sameToken(a: Token, b: Expected): boolean {
  return (
    a.type === b.type &&
    a.tag === b.tag &&
    a.nesting === b.nesting &&
    a.level === b.level &&
    a.markup === b.markup &&
    a.info === b.info &&
    // Raw HTML at the very end of a text loses its line break when the line
    // after it goes (see sliceLines): no HTML parser sees the difference.
    (a.content === b.content || (a.type === 'html_block' && a.content.replace(/\n$/, '') === b.content.replace(/\n$/, ''))) &&
    // Not \`hidden\`: a list whose only blank lines were around a marker
    // paragraph becomes tight again without it, its text unchanged.
    a.block === b.block &&
    // Top-level blocks must start where they did. Ends are not compared: a
    // list or quote may take a trailing blank line more or less, an empty
    // quote inside one too, which changes nothing shown.
    (a.level !== 0 || (a.map === null) === (b.map === null)) &&
    (a.level !== 0 || a.map === null || b.map === null || a.map[0] === b.map[0])
  );
}

interface Expected {
  type: string;
  tag: string;
  nesting: -1 | 0 | 1;
  level: number;
  markup: string;
  info: string;
  content: string;
  hidden: boolean;
  block: boolean;
  map: [number, number] | null;
}

/**
 * The tokens `original` (a window's parse) should become once the marker
 * lines `markers` and the lines `removed` (both window-relative; markers are
 * among removed) are deleted: marker paragraphs and headings gone, marker
 * lines gone from the paragraphs they shared, everything else the same with
 * its lines renumbered. A block quote the deletion leaves empty goes too
 * (one that was empty before stays).
 */
export function expectedTokens(original: readonly Token[], markers: ReadonlySet<number>, removed: readonly number[]): Expected[] {
  const shift = (x: number): number => {
    let n = 0;
    for (const r of removed) if (r < x) n++;
    return x - n;
  };
  const out: Expected[] = [];
  // Where each expected token was in `original`.
  const from: number[] = [];
  for (let i = 0; i < original.length; i++) {
    const t = original[i];
    if ((t.type === 'paragraph_open' || t.type === 'heading_open') && t.map) {
      const [start, end] = t.map;
      let hit = 0;
      for (let l = start; l < end; l++) if (markers.has(l)) hit++;
      if (hit > 0) {
        const whole = t.type === 'heading_open' || hit === end - start;
        if (!whole) {
          const inline = original[i + 1];
          const kept = inline.content.split('\n').filter((_, k) => !markers.has(start + k));
          out.push(copy(t, shift), { ...copy(inline, shift), content: kept.join('\n').trim() }, copy(original[i + 2], shift));
          from.push(i, i + 1, i + 2);
        }
        i += 2; // the inline token and the closing token
        continue;
      }
    }
    out.push(copy(t, shift));
    from.push(i);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i + 1 < out.length; i++) {
      if (out[i].type === 'blockquote_open' && out[i + 1].type === 'blockquote_close' && from[i + 1] !== from[i] + 1) {
        out.splice(i, 2);
        from.splice(i, 2);
        changed = true;
      }
    }
  }
  return out;
}

function copy(t: Token, shift: (x: number) => number): Expected {
  return {
    type: t.type,
    tag: t.tag,
    nesting: t.nesting,
    level: t.level,
    markup: t.markup,
    info: t.info,
    content: t.content,
    hidden: t.hidden,
    block: t.block,
    map: t.map ? [shift(t.map[0]), shift(t.map[1])] : null,
  };
}

/** Whether a re-parse gave exactly the expected tokens. */
export function matches(actual: readonly Token[], expected: readonly Expected[]): boolean {
  return actual.length === expected.length && actual.every((a, i) => sameToken(a, expected[i]));
}

/** A top-level block of a parse: its first token's type, and its lines [start, end). */
export interface TopBlock {
  readonly type: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Top-level blocks that a blank line ends and that never read past one (a
 * list or indented code may go on after it): what follows them after a blank
 * line is parsed afresh, whatever it is. A fence or raw HTML that does not end
 * at a blank line would have held the marker itself, and it is no paragraph.
 */
const CLOSED_BY_BLANK = new Set(['paragraph_open', 'heading_open', 'hr', 'fence', 'table_open', 'blockquote_open', 'html_block']);

/**
 * The proof without a re-parse, for the common case: every marker is a
 * one-line paragraph at the top level, the lines deleted are markers and blank
 * lines, and each run of markers sits between a block of CLOSED_BY_BLANK
 * followed by a blank line and a block that a blank line opened, with a blank
 * line left between the two (or nothing after, at the body's end). The text
 * left is then the same blocks separated by blank lines, each parsed afresh as
 * before: the tokens are the original's minus the marker paragraphs. Lines are
 * body lines; `blocks` is the parse of [regionStart, regionEnd), where a parse
 * starts afresh. False means "not shown this way" (the re-parse decides), never
 * "not safe".
 */
export function deletesWholeParagraphs(
  blocks: readonly TopBlock[],
  markerLines: ReadonlySet<number>,
  removed: readonly number[],
  isBlank: (line: number) => boolean,
  regionEnd: number,
  bodyEnd: number,
): boolean {
  const gone = new Set(removed);
  for (const line of removed) if (!markerLines.has(line) && !isBlank(line)) return false;
  let markerBlocks = 0;
  for (const block of blocks) {
    if (!markerLines.has(block.start)) continue;
    if (block.type !== 'paragraph_open' || block.end !== block.start + 1) return false;
    markerBlocks++;
  }
  if (markerBlocks !== markerLines.size) return false;
  for (let i = 0; i < blocks.length; ) {
    if (!markerLines.has(blocks[i].start)) {
      i++;
      continue;
    }
    let last = i;
    while (last + 1 < blocks.length && markerLines.has(blocks[last + 1].start)) last++;
    const before = blocks[i - 1];
    if (before === undefined || !CLOSED_BY_BLANK.has(before.type) || !isBlank(before.end)) return false;
    const gapEnd = last + 1 < blocks.length ? blocks[last + 1].start : regionEnd;
    // What follows the run was parsed after a blank line, as it will be.
    if (gapEnd < bodyEnd && !isBlank(gapEnd - 1)) return false;
    let blankKept = false;
    for (let line = before.end; line < gapEnd; line++) {
      if (markerLines.has(line)) continue;
      if (!isBlank(line)) return false;
      if (!gone.has(line)) blankKept = true;
    }
    // At the body's end the block before may end the text instead; raw HTML then loses a line break (the re-parse allows that).
    if (!blankKept && (gapEnd < bodyEnd || before.type === 'html_block')) return false;
    i = last + 1;
  }
  return true;
}
