// Where the stray-marker proof (blocks.ts) parses a file, and where the
// preview cuts an article into chunks it parses on their own (render/body.ts).
// A large file is not parsed whole: only the stretch around its candidates,
// from and to lines where markdown-it's block parser is certainly at the top
// level with nothing open ("restart points"). Such a line follows a blank
// line and starts in its first column with a character that cannot go on
// with a list or a block quote (not `-`, `+`, `*`, a digit or `>`): that
// closes every list item,
// block quote, paragraph, table, indented code block and HTML block of kinds
// 6 and 7, and every fence or HTML block nested in a container. What may still
// be open is a top-level fence or HTML block of kinds 1 to 5, which a cheap
// scan tracks, and a template construct (a paired shortcode, a Liquid block,
// an MDX component with children, an admonition), whose closing line the
// template rule looks for as far as the end of the text, from the top level
// or from inside a list item. Where it cannot tell (an opener indented 1 to 3
// spaces may sit in a list item; `<tag>` may or may not start a block) it
// keeps every possibility, so a line is only taken as a restart point when no
// reading of the text leaves anything open there.
import type { BodyLines } from './markdown';
import { blockOpening, joinOpening, usesMdx } from './render/templates/syntax';
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
/** Those constructs, made once, for readers that only look (never a parse that records imports). */
export const CODE_TEMPLATES = codeTemplates();

type ScanState = 'none' | 'html67' | `html${number}` | `fence${string}`;

/** Lines of a text, as restartPoints reads them (a document's body, or the body alone as the preview renders it). */
export interface TextLines {
  readonly lines: Pick<BodyLines, 'index' | 'text'>;
  /** Line of `lines` where the lines read start. */
  readonly first: number;
  readonly count: number;
}

/**
 * Body lines (zero-based, body-relative, ascending) where markdown-it's block
 * parser starts afresh; 0 always. `templates` is the template syntax the
 * parse recognises (the marker proof's code constructs unless told): no
 * restart point falls inside a construct of it, nor inside what may be one.
 */
export function restartPoints(body: TextLines, templates: TemplateEnv = CODE_TEMPLATES): number[] {
  const { index, text } = body.lines;
  const out = [0];
  const constructs = new TemplateConstructs(body, templates);
  let states: ReadonlySet<ScanState> | undefined; // undefined: only 'none'
  let previousBlank = false;
  // The last line of a construct that certainly starts at the top level: the lines up to it are its own.
  let inside = -1;
  // The last line of every construct that may be open (an opener in a list item, or in a fence or another construct).
  let mayBeInside = -1;
  // Lines where such a construct would end: nothing is open after them if it was one.
  const mayEnd = new Set<number>();
  for (let l = 0; l < body.count; l++) {
    if (l <= inside) continue;
    const start = index.lineStart(body.first + l);
    const end = index.lineEnd(body.first + l);
    let i = start;
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    const blank = i === end;
    const c = text.charCodeAt(i);
    if (!states && l > 0 && previousBlank && i === start && !blank && !CONTINUES.has(c) && l > mayBeInside) out.push(l);
    // A construct may start wherever a block may: not inside what is certainly a fence or an HTML block.
    if (!blank && (!states || states.has('none') || l <= mayBeInside)) {
      const last = constructs.at(l, i, end);
      if (last >= 0) {
        // Certainly a block start at the top level, which the template rule takes (it interrupts paragraphs,
        // lists and quotes); a `|` might make it a table's header row.
        if (!states && i === start && l > mayBeInside && !text.slice(start, end).includes('|')) {
          inside = last;
          previousBlank = false;
          continue;
        }
        mayBeInside = Math.max(mayBeInside, last);
        mayEnd.add(last);
      }
    }
    if (!states) {
      previousBlank = blank;
      // Only `, ~ and < open what a blank line does not close.
      if (blank || i - start > 3 || (c !== 96 && c !== 126 && c !== 60)) continue;
    }
    previousBlank = blank;
    const line = text.slice(start, end);
    const next = new Set<ScanState>();
    for (const state of states ?? ['none' as const]) {
      if (state === 'none') {
        for (const s of opened(line)) next.add(s);
      } else if (state === 'html67') {
        next.add(blank ? 'none' : state);
      } else if (state.startsWith('html')) {
        next.add(HTML_BLOCKS[Number(state.slice(4))][1].test(line) ? 'none' : state);
      } else {
        // A fence: `fence` + its character + its length.
        const close = new RegExp(`^ {0,3}\\${state[5]}{${state.slice(6)},}[ \t]*$`).test(line);
        next.add(close ? 'none' : state);
      }
    }
    // A construct that may have ended here closed whatever opened inside it.
    if (mayEnd.has(l)) next.add('none');
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

/**
 * The template constructs a text may hold, read as the template rule
 * (templates/plugin.ts) reads them: an opening tag (on one line or over
 * several), then its closing line, looked for up to the end of the text
 * (nested openers of the same kind counted), from any block start: at the
 * top level or in a list item (a list item's content is parsed with the end
 * of the text as its end; a block quote's is not, and a construct inside one
 * ends with it, before any blank line).
 */
class TemplateConstructs {
  private readonly firstChars: ReadonlySet<number>;
  /** Lines whose text starts with `{`, `<` or `:` (every closing and nesting line starts so), by first character. */
  private tagLines: Map<number, { readonly lines: number[]; readonly texts: string[] }> | undefined;
  /** By closing and nesting pattern: the lines either matches, in order, and which close. */
  private readonly ends = new Map<string, { readonly lines: number[]; readonly closes: boolean[] }>();

  constructor(
    private readonly body: TextLines,
    private readonly env: TemplateEnv,
  ) {
    // The characters the template rule looks further at (see templateBlock).
    this.firstChars = new Set(!env.codeOnly && usesMdx(env) ? [0x7b, 0x3c, 0x3a, 0x69, 0x65] : [0x7b]);
  }

  /** Line `l` from its first character that is not a space or a tab, as the template rule reads a line. */
  private lineText(l: number): string {
    const { index, text } = this.body.lines;
    const end = index.lineEnd(this.body.first + l);
    let i = index.lineStart(this.body.first + l);
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    return text.slice(i, end);
  }

  /**
   * The last line of the construct a block starting at line `l` would be
   * (`from` and `end`: where its text starts, after the indentation, and
   * ends), after any list markers; -1 when it starts none.
   */
  at(l: number, from: number, end: number): number {
    const { text } = this.body.lines;
    // The content of a list item (of list items in list items) is read from after its markers.
    let j = from;
    for (;;) {
      const ch = text.charCodeAt(j);
      let k = j + 1;
      if (ch >= 0x30 && ch <= 0x39) {
        while (k < end && k - j < 9 && text.charCodeAt(k) >= 0x30 && text.charCodeAt(k) <= 0x39) k++;
        if (text.charCodeAt(k) !== 0x2e /* . */ && text.charCodeAt(k) !== 0x29 /* ) */) break;
        k++;
      } else if (ch !== 0x2d /* - */ && ch !== 0x2b /* + */ && ch !== 0x2a /* * */) {
        break;
      }
      if (k < end && text.charCodeAt(k) !== 32 && text.charCodeAt(k) !== 9) break;
      while (k < end && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
      j = k;
    }
    if (!this.firstChars.has(text.charCodeAt(j))) return -1;
    const rest = text.slice(j, end);
    let opening = blockOpening(rest, this.env);
    let openEnd = l;
    if (opening === undefined) {
      const joined = joinOpening(rest, (n) => (l + n < this.body.count ? this.lineText(l + n) : undefined), this.env);
      if (joined === undefined) return -1;
      opening = blockOpening(joined.text, this.env);
      if (opening === undefined) return -1;
      openEnd = l + joined.lineCount - 1;
    }
    // Opened and closed on one line (`{% callout %}Text{% endcallout %}`): that line is the construct.
    if (opening.inner !== undefined) return openEnd;
    if (opening.close !== undefined) {
      const close = this.closeAfter(openEnd + 1, opening.close, opening.kind === 'call' ? opening.nests : undefined);
      if (close >= 0) return close;
      // Never closed: a call is its opening alone; code or hidden lines are no construct.
      return opening.kind === 'call' ? openEnd : -1;
    }
    if (opening.kind === 'hidden' && opening.untilBlank) {
      let last = openEnd;
      while (last + 1 < this.body.count && this.lineText(last + 1) !== '') last++;
      return last;
    }
    return openEnd;
  }

  /** The first line from `from` that closes a construct (a nesting opener needs its own closing line first); -1 when none does. */
  private closeAfter(from: number, close: RegExp, nests: RegExp | undefined): number {
    const key = `${close.source}/${close.flags}\n${nests === undefined ? '' : `${nests.source}/${nests.flags}`}`;
    let ends = this.ends.get(key);
    if (ends === undefined) {
      ends = { lines: [], closes: [] };
      const closeChar = leadingChar(close);
      const nestChar = nests === undefined ? closeChar : leadingChar(nests);
      const add = (line: number, lineText: string): void => {
        if (nests?.test(lineText) && !close.test(lineText)) {
          ends?.lines.push(line);
          ends?.closes.push(false);
        } else if (close.test(lineText)) {
          ends?.lines.push(line);
          ends?.closes.push(true);
        }
      };
      if (closeChar === undefined || nestChar === undefined) {
        for (let n = 0; n < this.body.count; n++) add(n, this.lineText(n));
      } else {
        const tagLines = this.tagLinesByChar();
        const own = tagLines.get(closeChar);
        const other = nestChar === closeChar ? undefined : tagLines.get(nestChar);
        const merged: [number, string][] = [];
        for (const group of [own, other]) if (group) for (let k = 0; k < group.lines.length; k++) merged.push([group.lines[k] as number, group.texts[k] as string]);
        if (other !== undefined) merged.sort((a, b) => a[0] - b[0]);
        for (const [line, lineText] of merged) add(line, lineText);
      }
      this.ends.set(key, ends);
    }
    let depth = 0;
    for (let k = firstAtOrAbove(ends.lines, from); k < ends.lines.length; k++) {
      if (!ends.closes[k]) depth++;
      else if (depth === 0) return ends.lines[k] as number;
      else depth--;
    }
    return -1;
  }

  private tagLinesByChar(): Map<number, { readonly lines: number[]; readonly texts: string[] }> {
    if (this.tagLines !== undefined) return this.tagLines;
    const byChar = new Map<number, { lines: number[]; texts: string[] }>();
    for (const c of [0x7b, 0x3c, 0x3a]) byChar.set(c, { lines: [], texts: [] });
    const { index, text } = this.body.lines;
    for (let n = 0; n < this.body.count; n++) {
      const end = index.lineEnd(this.body.first + n);
      let i = index.lineStart(this.body.first + n);
      while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
      const group = byChar.get(text.charCodeAt(i));
      if (group !== undefined) {
        group.lines.push(n);
        group.texts.push(text.slice(i, end));
      }
    }
    this.tagLines = byChar;
    return byChar;
  }
}

/** The character every line a pattern matches starts with (`{`, `<` or `:`), when its source says so plainly. */
function leadingChar(pattern: RegExp): number | undefined {
  if (pattern.flags.includes('i') || pattern.flags.includes('m')) return undefined;
  const m = /^\^(?:\\\{|<|:)/.exec(pattern.source);
  if (m === null) return undefined;
  return m[0].endsWith('{') ? 0x7b : m[0].endsWith('<') ? 0x3c : 0x3a;
}

/** The index of the first of the ascending `lines` at or above `line`. */
function firstAtOrAbove(lines: readonly number[], line: number): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((lines[mid] as number) >= line) hi = mid;
    else lo = mid + 1;
  }
  return lo;
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

