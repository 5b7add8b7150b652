// Offset <-> line/column conversion shared by every rule and by the editor and
// CLI adapters. Columns are UTF-16 code units (the editor's convention), and
// "\r\n" counts as one line break so no position ever lands between \r and \n.

import type { Position, Range, Span } from './types';

export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[];
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
    const starts = [0];
    if (onlyCrlf(text)) {
      // The common case (no \r at all, or each before a \n: CRLF files), several
      // times faster than looking at every character: a line starts after each \n.
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        starts.push(i + 1);
      } else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of the start of `line` (clamped to the document). */
  lineStart(line: number): number {
    if (line <= 0) return 0;
    if (line >= this.starts.length) return this.text.length;
    return this.starts[line];
  }

  /** Offset of the end of `line`, before its line break. */
  lineEnd(line: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length - 1) return this.text.length;
    let end = this.starts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return Math.max(end, this.starts[line]);
  }

  /** Line containing `offset` (binary search). */
  lineAt(offset: number): number {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  positionAt(offset: number): Position {
    const line = this.lineAt(offset);
    const start = this.starts[line];
    // An offset inside a line break maps to the end of the line's text.
    const o = Math.min(Math.max(0, Math.min(offset, this.text.length)), this.lineEnd(line));
    return { line, character: o - start };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line];
    return Math.min(start + Math.max(0, pos.character), this.lineEnd(pos.line));
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  /** Span of a line's text, line break excluded. */
  lineSpan(line: number): Span {
    return { start: this.lineStart(line), end: this.lineEnd(line) };
  }

  /** Span of a line including its line break (if any). */
  fullLineSpan(line: number): Span {
    return { start: this.lineStart(line), end: line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length };
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}

/** Whether every \r of the text (if any) is followed by \n: then the lines are those between \n's. */
function onlyCrlf(text: string): boolean {
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== 10) return false;
  }
  return true;
}

/** The line ending a document mostly uses ("\n" when it has none or a tie). */
export function detectEol(text: string): '\n' | '\r\n' {
  // Nearly every file has no \r at all: one search settles it.
  if (!text.includes('\r')) return '\n';
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}
