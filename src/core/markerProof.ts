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
