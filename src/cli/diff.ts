// A unified diff (as `diff -u` / `git diff` print it) for `postdesk fix
// --dry-run`. Myers' O(ND) algorithm on lines, after trimming the common
// head and tail: fixes are small and local, so D stays small even for a
// 1 MB article. The patch must apply with `git apply` and `patch -p1`, so
// lines are printed byte for byte (a CRLF line keeps its \r; the caller puts
// a BOM back in front of the text) and file names are written as git writes
// them.

import { UNSAFE_CHARACTERS } from './terminal';

type Op = { readonly kind: ' ' | '-' | '+'; readonly line: string };

/** Splits keeping each line's terminator, so a changed line ending shows as a change. */
export function splitLines(text: string): string[] {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g);
  return lines ?? [];
}

export function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const middle = myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  const same = (lines: readonly string[]): Op[] => lines.map((line) => ({ kind: ' ', line }));
  return [...same(a.slice(0, head)), ...middle, ...same(a.slice(a.length - tail))];
}

function myers(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 3);
  const at = (k: number): number => k + max + 1;
  // trace[d] holds v[-d-1 .. d+1] as it was before round d.
  const trace: Int32Array[] = [];
  let found = max === 0;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice(at(-d - 1), at(d + 1) + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v[at(k - 1)] ?? 0) < (v[at(k + 1)] ?? 0)) ? (v[at(k + 1)] ?? 0) : (v[at(k - 1)] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[at(k)] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const snapshot = trace[d] ?? new Int32Array(0);
    const get = (k: number): number => snapshot[k + d + 1] ?? 0;
    const k = x - y;
    const prevK = k === -d || (k !== d && get(k - 1) < get(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : get(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', line: a[--x] ?? '' });
      y--;
    }
    if (d > 0) {
      if (x === prevX) ops.push({ kind: '+', line: b[--y] ?? '' });
      else ops.push({ kind: '-', line: a[--x] ?? '' });
    }
  }
  return ops.reverse();
}

/** A unified diff of `before` → `after` with `context` lines around each change; '' when equal. */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const ops = diffLines(splitLines(before), splitLines(after));
  const out = [`--- ${patchPath('a/', path)}`, `+++ ${patchPath('b/', path)}`];
  let i = 0;
  while (i < ops.length) {
    if (ops[i]?.kind === ' ') {
      i++;
      continue;
    }
    // A hunk starts `context` lines before this change and grows while the
    // next change is within 2 * context unchanged lines.
    const start = Math.max(0, i - context);
    let end = i;
    let lastChange = i;
    while (end < ops.length) {
      if (ops[end]?.kind !== ' ') lastChange = end;
      else if (end - lastChange > 2 * context) break;
      end++;
    }
    end = Math.min(ops.length, lastChange + context + 1);
    out.push(hunk(ops, start, end));
    i = end;
  }
  return out.join('\n') + '\n';
}

function hunk(ops: readonly Op[], start: number, end: number): string {
  let aLine = 0;
  let bLine = 0;
  for (let j = 0; j < start; j++) {
    const kind = ops[j]?.kind;
    if (kind !== '+') aLine++;
    if (kind !== '-') bLine++;
  }
  const body: string[] = [];
  let aLen = 0;
  let bLen = 0;
  for (let j = start; j < end; j++) {
    const op = ops[j];
    if (!op) continue;
    if (op.kind !== '+') aLen++;
    if (op.kind !== '-') bLen++;
    const hasEol = op.line.endsWith('\n');
    body.push(op.kind + (hasEol ? op.line.slice(0, -1) : op.line));
    if (!hasEol) body.push('\\ No newline at end of file');
  }
  const range = (startLine: number, len: number): string => `${len === 0 ? startLine : startLine + 1},${len}`;
  return [`@@ -${range(aLine, aLen)} +${range(bLine, bLen)} @@`, ...body].join('\n');
}

// Characters that must not reach a terminal, `"` and `\\`: git quotes a name
// holding any of these, and git apply and patch both read that quoting.
const NEEDS_QUOTING = new RegExp(`[${UNSAFE_CHARACTERS}"\\\\]`);
const C_ESCAPES: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 34: '\\"', 92: '\\\\' };

/**
 * A file name in a `---`/`+++` line, as git prints it: C-quoted (bytes of
 * UTF-8 in octal) when it holds characters that must not reach a terminal or
 * would end the name; followed by a tab when it holds a space, so patch(1)
 * reads the whole name.
 */
export function patchPath(prefix: string, name: string): string {
  const full = prefix + name;
  if (!NEEDS_QUOTING.test(full)) return full.includes(' ') ? `${full}\t` : full;
  let quoted = '"';
  for (const char of full) {
    if (!NEEDS_QUOTING.test(char)) {
      quoted += char;
      continue;
    }
    for (const byte of Buffer.from(char, 'utf8')) quoted += C_ESCAPES[byte] ?? `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return `${quoted}"`;
}
