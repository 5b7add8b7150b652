// A line-level reading of a Markdown body: which lines are prose and which are
// code or HTML comments. Rules use it so that nothing inside code or comments
// is ever flagged, and the post model uses it for headings and word counts.
//
// It is a cheap scan, linear and without a Markdown parser: it knows top-level
// fences, indented code and HTML comments, not list items, block quotes or
// raw HTML blocks. Where a wrong answer would lose text, it is only a first
// pass: the stray-marker rule takes its prose lines as candidates and asks
// markdown-it, configured as the preview, about those alone (`./blocks`).

import { CODE_TEMPLATES } from './blockRegions';
import { blockOpening } from './render/templates/syntax';
import { LineIndex } from './text';

export type LineKind = 'text' | 'blank' | 'fence' | 'indented-code' | 'comment' | 'front-matter';

export interface BodyLines {
  readonly text: string;
  readonly index: LineIndex;
  /** One kind per line of the whole document (front matter lines included). */
  readonly kinds: readonly LineKind[];
  /** First line of the body. */
  readonly firstBodyLine: number;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/** Whether text[start, end) holds only white space (`trim() === ''`). */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) continue;
    if (c > 32 && c < 0xa0) return false;
    if (!/\s/.test(text[i])) return false;
  }
  return true;
}

/** Whether the line may open or close a fence: up to three spaces, then a backtick or tilde. */
function mayBeFence(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && i - start < 3 && text.charCodeAt(i) === 32) i++;
  const c = text.charCodeAt(i);
  return i < end && (c === 96 /* ` */ || c === 126); /* ~ */
}

export function classifyLines(text: string, bodyStart: number, index: LineIndex = new LineIndex(text)): BodyLines {
  const count = index.lineCount;
  const kinds: LineKind[] = new Array<LineKind>(count);
  // The body starts at the beginning of a line, except after an unterminated last line.
  const firstBodyLine = bodyStart >= text.length && bodyStart > 0 ? count : index.lineAt(bodyStart);
  for (let l = 0; l < Math.min(firstBodyLine, count); l++) kinds[l] = 'front-matter';

  let fence: { char: string; length: number } | undefined;
  let inComment = false;
  let previous: LineKind = 'blank';
  // Lines are looked at by offset, and only the rare ones that may open or
  // close a fence or hold `<!--` are copied out: on long files of short lines,
  // a string per line was much of the cost. The next `<!--` and `-->` are found
  // once and advanced lazily, so the scan stays linear.
  let comment = -2;
  let commentEnd = -2;
  for (let l = firstBodyLine; l < count; l++) {
    const start = index.lineStart(l);
    const end = index.lineEnd(l);
    let kind: LineKind;
    if (fence) {
      kind = 'fence';
      if (mayBeFence(text, start, end)) {
        const close = FENCE_CLOSE.exec(text.slice(start, end));
        if (close && close[1][0] === fence.char && close[1].length >= fence.length) fence = undefined;
      }
    } else if (inComment) {
      kind = 'comment';
      if (commentEnd !== -1 && commentEnd < start) commentEnd = text.indexOf('-->', start);
      if (commentEnd !== -1 && commentEnd + 3 <= end) inComment = false;
    } else if (isBlank(text, start, end)) {
      kind = 'blank';
    } else if ((text.charCodeAt(start) === 9 || text.startsWith('    ', start)) && (previous === 'blank' || previous === 'indented-code')) {
      kind = 'indented-code';
    } else {
      const open = mayBeFence(text, start, end) ? FENCE_OPEN.exec(text.slice(start, end)) : null;
      // A backtick fence's info string may not contain backticks (CommonMark).
      if (open && !(open[1][0] === '`' && open[2].includes('`'))) {
        kind = 'fence';
        fence = { char: open[1][0], length: open[1].length };
      } else {
        kind = 'text';
        if (comment !== -1 && comment < start) comment = text.indexOf('<!--', start);
        if (comment !== -1 && comment + 4 <= end) {
          const line = text.slice(start, end);
          const opened = line.lastIndexOf('<!--');
          if (line.indexOf('-->', opened + 4) === -1) {
            inComment = true;
            // A line that starts inside a comment is comment, not prose.
            if (line.trimStart().startsWith('<!--')) kind = 'comment';
          } else if (/^\s*<!--.*-->\s*$/.test(line)) {
            kind = 'comment';
          }
        }
      }
    }
    kinds[l] = kind;
    previous = kind;
  }
  return { text, index, kinds, firstBodyLine };
}

/** Rule ids named by `<!-- postdesk-disable ... -->` comments; `all` when one names none. */
export function disabledRules(lines: BodyLines): Set<string> {
  const out = new Set<string>();
  // Most files name no rule to disable: one search of the text says so.
  if (!lines.text.includes('postdesk-disable')) return out;
  const re = /<!--\s*postdesk-disable\b([^>]*?)-->/g;
  for (let l = lines.firstBodyLine; l < lines.kinds.length; l++) {
    const kind = lines.kinds[l];
    if (kind === 'fence' || kind === 'indented-code') continue;
    const line = lines.index.lineText(l);
    if (!line.includes('postdesk-disable')) continue;
    re.lastIndex = 0;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      const ids = m[1].split(/[\s,]+/).filter((s) => s.length > 0);
      if (ids.length === 0) out.add('all');
      for (const id of ids) out.add(id);
    }
  }
  return out;
}

/**
 * The first level-one ATX heading of the body, without its marks. Not one
 * inside a generator's code construct (`{% highlight %}`, `{{< highlight >}}`,
 * `{% raw %}` over lines, Hexo `{% codeblock %}`): the site shows that as code,
 * as the preview does, so it cannot be the post's title.
 */
export function firstHeading(lines: BodyLines): string | undefined {
  for (let l = lines.firstBodyLine; l < lines.kinds.length; l++) {
    if (lines.kinds[l] !== 'text') continue;
    const line = lines.index.lineText(l);
    const code = codeConstructEnd(lines, l, line);
    if (code >= 0) {
      l = code;
      continue;
    }
    const m = /^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (m) {
      const title = stripInline(m[1]);
      if (title) return title;
    }
  }
  return undefined;
}

/** When line `l` opens a code construct that a later line closes, that closing line; else -1. */
function codeConstructEnd(lines: BodyLines, l: number, line: string): number {
  const text = line.trimStart();
  if (text.charCodeAt(0) !== 0x7b /* { */) return -1;
  const opening = blockOpening(text, CODE_TEMPLATES);
  if (opening?.kind !== 'code' || opening.inner !== undefined) return -1;
  // Without its closing line it is no construct (the template rule reads it as text).
  for (let k = l + 1; k < lines.kinds.length; k++) {
    if (lines.kinds[k] !== 'blank' && opening.close.test(lines.index.lineText(k).trimStart())) return k;
  }
  return -1;
}

/** Drops emphasis marks, inline code ticks and link targets from a line of Markdown. */
export function stripInline(s: string): string {
  return s
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const JOINER = /[\p{L}\p{N}\p{M}'’_-]/u;

// Character classes of ASCII for the word counter: 1 starts or continues a
// word, 2 only continues one, 0 ends it. A lookup table is several times
// faster than comparisons or a regex over a megabyte of text.
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  ASCII_CLASS[c] = /[A-Za-z0-9]/.test(ch) ? 1 : /['_-]/.test(ch) ? 2 : 0;
}

/** Words in text[start, end): a letter or digit starts one; letters, digits, marks, apostrophes, `_` and `-` continue it. */
export function countWordsIn(s: string, start = 0, end = s.length): number {
  let n = 0;
  let inWord = false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    let k: number;
    if (c < 128) k = ASCII_CLASS[c];
    else k = LETTER_OR_DIGIT.test(s[i]) ? 1 : JOINER.test(s[i]) ? 2 : 0;
    if (k === 1) {
      if (!inWord) n++;
      inWord = true;
    } else if (k === 0) {
      inWord = false;
    }
  }
  return n;
}

/** Words of the prose: code fences, HTML comments, tags and link targets are not counted. */
export function countWords(lines: BodyLines): number {
  const text = lines.text;
  let count = 0;
  // Next `<` and `](` at or after the current line, advanced lazily so the
  // whole scan stays linear in the text's length.
  let tag = -2;
  let link = -2;
  for (let l = lines.firstBodyLine; l < lines.kinds.length; l++) {
    const kind = lines.kinds[l];
    if (kind !== 'text' && kind !== 'indented-code') continue;
    const start = lines.index.lineStart(l);
    const end = lines.index.lineEnd(l);
    if (tag !== -1 && tag < start) tag = text.indexOf('<', start);
    if (link !== -1 && link < start) link = text.indexOf('](', start);
    if ((tag !== -1 && tag < end) || (link !== -1 && link < end)) {
      const line = text
        .slice(start, end)
        .replace(/<!--.*?-->/g, ' ')
        .replace(/<[^>]*>/g, ' ')
        .replace(/\]\([^)]*\)/g, ']');
      count += countWordsIn(line);
    } else {
      count += countWordsIn(text, start, end);
    }
  }
  return count;
}
