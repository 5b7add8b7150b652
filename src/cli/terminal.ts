// Text from posts (titles, date values, file names) shown in the CLI's text
// output. A post must not be able to write to the terminal: clear it, set its
// title, move the cursor, print a fake finding on a line of its own, or
// reverse what follows. Every character that could is shown escaped, the way
// JSON writes it (`\u001b`, `\n`), so --format text and --format json agree.

/**
 * C0 controls (tab and newline included), DEL, C1 controls, the line and
 * paragraph separators, and the bidi controls that reorder the text after them.
 */
export const UNSAFE_CHARACTERS = '\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';

const UNSAFE = new RegExp(`[${UNSAFE_CHARACTERS}]`, 'g');
const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** `text` with every unsafe character escaped; everything else (any script, emoji) as it is. */
export function escapeTerminal(text: string): string {
  return text.replace(UNSAFE, (char) => SHORT[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A unified diff for a terminal: each line escaped, keeping the line breaks
 * and the \r of a CRLF line (it only returns the cursor before the newline).
 */
export function escapeDiff(diff: string): string {
  return diff
    .split('\n')
    .map((line) => (line.endsWith('\r') ? escapeTerminal(line.slice(0, -1)) + '\r' : escapeTerminal(line)))
    .join('\n');
}
