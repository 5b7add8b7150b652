// Where the stray-marker proof (blocks.ts) parses a file. A large file is not parsed whole: only the stretch around its candidates,
// from and to lines where markdown-it's block parser is certainly at the top
// level with nothing open ("restart points"). Such a line follows a blank
// line and starts in its first column with a character that cannot go on
// with a list or a block quote (not `-`, `+`, `*`, a digit or `>`): that
// closes every list item,
// block quote, paragraph, table, indented code block and HTML block of kinds
// 6 and 7, and every fence or HTML block nested in a container. What may still
// be open is a top-level fence or HTML block of kinds 1 to 5, which a cheap
// scan tracks. Where it cannot tell (an opener indented 1 to 3 spaces may sit
// in a list item; `<tag>` may or may not start a block) it keeps every
// possibility, so a line is only taken as a restart point when no reading of
// the text leaves anything open there.
import type { BodyLines } from './markdown';
import { blockOpening } from './render/templates/syntax';
import { DEFAULT_TEMPLATE_LABELS, type TemplateEnv } from './render/templates/types';

/** A document's body, as the proof reads it. */
export interface Body {
  readonly lines: BodyLines;
  /** Document line of body line 0. */
  readonly first: number;
  readonly count: number;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
// markdown-it's own HTML block openers and closers, kinds 1 to 5.
const HTML_BLOCKS: readonly [RegExp, RegExp][] = [
  [/^<(script|pre|style|textarea)(?=(\s|>|$))/i, /<\/(script|pre|style|textarea)>/i],
  [/^<!--/, /-->/],
  [/^<\?/, /\?>/],
  [/^<![A-Z]/, />/],
  [/^<!\[CDATA\[/, /\]\]>/],
];
/** Kinds 6 and 7, loosely: a tag at the start of a line. They end at a blank line. */
const HTML_TAG_START = /^<\/?[A-Za-z]/;

/** First characters of lines that may go on with what came before a blank line: list items (`-`, `+`, `*`, `1.`) and block quotes. */
const CONTINUES = new Set([...'-+*>0123456789'].map((ch) => ch.charCodeAt(0)));

/**
 * The template syntax the marker proof recognises. The rule does not know
 * the post's site, so it takes every generator's code constructs (Hugo and
 * Liquid `highlight`, Liquid `raw`, Hexo `codeblock`): a line
 * `{% highlight %}` or `{{< highlight >}}` means the same on any site. Such a
 * block holds blank lines as a fence does, so no restart point falls inside one.
 */
export function codeTemplates(): TemplateEnv {
  return { mdx: false, codeOnly: true, page: {}, site: {}, labels: DEFAULT_TEMPLATE_LABELS, imports: new Map() };
}
const CODE_TEMPLATES = codeTemplates();

type ScanState = 'none' | 'html67' | `html${number}` | `fence${string}` | `tpl${string}`;

/** Lines of a text, as restartPoints reads them (a document's body, or the body alone as the preview renders it). */
export interface TextLines {
  readonly lines: Pick<BodyLines, 'index' | 'text'>;
  /** Line of `lines` where the lines read start. */
  readonly first: number;
  readonly count: number;
}

/** Body lines (zero-based, body-relative, ascending) where markdown-it's block parser starts afresh; 0 always. */
export function restartPoints(body: TextLines): number[] {
  const { index, text } = body.lines;
  const out = [0];
  let states: ReadonlySet<ScanState> | undefined; // undefined: only 'none'
  let previousBlank = false;
  for (let l = 0; l < body.count; l++) {
    const start = index.lineStart(body.first + l);
    const end = index.lineEnd(body.first + l);
    let i = start;
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    const blank = i === end;
    const c = text.charCodeAt(i);
    if (!states) {
      if (l > 0 && previousBlank && i === start && !blank && !CONTINUES.has(c)) out.push(l);
      previousBlank = blank;
      // Only `, ~, < and { open what a blank line does not close.
      if (blank || i - start > 3 || (c !== 96 && c !== 126 && c !== 60 && c !== 123)) continue;
    }
    previousBlank = blank;
    const line = text.slice(start, end);
    const next = new Set<ScanState>();
    for (const state of states ?? ['none' as const]) {
      if (state === 'none') {
        for (const s of opened(line)) next.add(s);
      } else if (state === 'html67') {
        next.add(blank ? 'none' : state);
      } else if (state.startsWith('tpl')) {
        // Closed by its closing tag on a line of its own (indentation aside), as the template rule reads it.
        next.add(new RegExp(state.slice(3)).test(line.trimStart()) ? 'none' : state);
      } else if (state.startsWith('html')) {
        next.add(HTML_BLOCKS[Number(state.slice(4))][1].test(line) ? 'none' : state);
      } else {
        // A fence: `fence` + its character + its length.
        const close = new RegExp(`^ {0,3}\\${state[5]}{${state.slice(6)},}[ \t]*$`).test(line);
        next.add(close ? 'none' : state);
      }
    }
    states = next.size === 1 && next.has('none') ? undefined : next;
  }
  return out;
}

/** What a line read at the top level with nothing open may open (every possibility). */
function opened(line: string): ScanState[] {
  const indent = /^ {0,3}/.exec(line)?.[0].length ?? 0;
  const rest = line.slice(indent);
  // Indented 1 to 3 spaces, an opener may belong to a list item, whose end closes it.
  const certain = indent === 0;
  if (rest.charCodeAt(0) === 123 /* { */) {
    const template = blockOpening(rest, CODE_TEMPLATES);
    if (template?.kind === 'code') {
      const state: ScanState = `tpl${template.close.source}`;
      return certain ? [state] : ['none', state];
    }
    return ['none'];
  }
  const fence = FENCE_OPEN.exec(line);
  if (fence && !(fence[1][0] === '`' && fence[2].includes('`'))) {
    const state: ScanState = `fence${fence[1][0]}${fence[1].length}`;
    return certain ? [state] : ['none', state];
  }
  for (let k = 0; k < HTML_BLOCKS.length; k++) {
    const [open, close] = HTML_BLOCKS[k];
    if (!open.test(rest)) continue;
    if (close.test(rest)) return ['none'];
    return certain ? [`html${k}`] : ['none', `html${k}`];
  }
  return HTML_TAG_START.test(rest) ? ['none', 'html67'] : ['none'];
}

/** The index of the first of the ascending `points` above `line` (their length if none is). */
export function firstAbove(points: readonly number[], line: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid] > line) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Stretches of body lines to parse, [start, end), around the candidates:
 * from the last restart point before a candidate to the first one after it
 * and the lines it may take with it (a blank line; a setext marker's
 * underline and then a blank line). A restart point before every deleted line starts a parse no
 * deletion after it can change the beginning of; one after them all ends it
 * where no deletion before it can change what follows.
 */
export function regions(body: Body, candidates: readonly number[], points: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  let p = 0;
  for (const c of candidates) {
    while (p + 1 < points.length && points[p + 1] < c) p++;
    const start = points[p] < c ? points[p] : 0;
    // A marker followed by a blank line is no setext heading: it takes at most that line with it.
    const last = c + 1 < body.count && !/^[ \t]*$/.test(body.lines.index.lineText(body.first + c + 1)) ? c + 2 : c + 1;
    let q = p;
    while (q < points.length && points[q] <= last) q++;
    const end = q < points.length ? points[q] : body.count;
    const previous = out[out.length - 1];
    if (previous && start <= previous[1]) previous[1] = Math.max(previous[1], end);
    else out.push([start, end]);
  }
  return out;
}

