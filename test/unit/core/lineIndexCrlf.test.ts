// LineIndex reads CRLF text by its \n's, as it reads LF text, when every \r is
// followed by \n; the character-by-character scan it used for any \r is kept
// here as the reference, and both must agree on every line start and end.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex } from '../../../src/core/text';

/** The previous scan for text with a \r: \n, \r\n and a lone \r each end a line. */
function referenceStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

function assertLikeReference(text: string): void {
  const index = new LineIndex(text);
  const starts = referenceStarts(text);
  assert.equal(index.lineCount, starts.length, JSON.stringify(text));
  for (let l = 0; l < starts.length; l++) {
    assert.equal(index.lineStart(l), starts[l], `start of line ${l} of ${JSON.stringify(text)}`);
    const next = l + 1 < starts.length ? starts[l + 1] : text.length;
    let end = next;
    if (end > starts[l] && text.charCodeAt(end - 1) === 10) end--;
    if (end > starts[l] && text.charCodeAt(end - 1) === 13) end--;
    assert.equal(index.lineEnd(l), end, `end of line ${l} of ${JSON.stringify(text)}`);
  }
  for (let o = 0; o <= text.length; o++) {
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1] <= o) line++;
    assert.equal(index.lineAt(o), line, `line at ${o} of ${JSON.stringify(text)}`);
  }
}

describe('LineIndex on CRLF text', () => {
  it('finds the lines the character scan finds: CRLF, LF, lone CRs, CR at the end', () => {
    for (const text of ['a\r\nb\r\n', 'a\r\nb', '\r\n\r\n', '\r\n', 'a\rb', 'a\r', '\r', 'a\r\r\nb', 'a\n\rb', 'a\r\nb\nc\rd', '---\r\ntitle: x\r\n---\r\n\r\nBody\r\n']) {
      assertLikeReference(text);
    }
  });

  it('agrees with the character scan on generated text', () => {
    const text = fc.array(fc.constantFrom('a', 'bc', ' ', '\r', '\n', '\r\n', '\r\n', 'é'), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(fc.property(text, assertLikeReference), { numRuns: 3000 });
  });
});
