// Offsets, lines and columns, with LF, CRLF, lone CR, BOM and astral characters.

import assert from 'node:assert/strict';
import { analyze, decodeFile, DEFAULT_CONFIG, detectEol, LineIndex } from '../../../src/core';

describe('LineIndex', () => {
  it('maps offsets and positions in LF text', () => {
    const idx = new LineIndex('ab\ncd\n');
    assert.equal(idx.lineCount, 3);
    assert.deepEqual(idx.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(idx.positionAt(2), { line: 0, character: 2 });
    assert.deepEqual(idx.positionAt(3), { line: 1, character: 0 });
    assert.deepEqual(idx.positionAt(6), { line: 2, character: 0 });
    assert.equal(idx.offsetAt({ line: 1, character: 1 }), 4);
    assert.equal(idx.lineStart(1), 3);
    assert.equal(idx.lineEnd(1), 5);
  });

  it('never puts a position between \\r and \\n', () => {
    const text = 'ab\r\ncd\r\n\r\nef';
    const idx = new LineIndex(text);
    assert.equal(idx.lineCount, 4);
    assert.deepEqual(idx.positionAt(3), { line: 0, character: 2 }); // on the \n: end of line 0
    assert.deepEqual(idx.positionAt(4), { line: 1, character: 0 });
    assert.equal(idx.lineEnd(0), 2);
    assert.equal(idx.lineEnd(2), 8);
    assert.equal(idx.lineStart(3), 10);
    assert.equal(idx.offsetAt({ line: 0, character: 99 }), 2);
    for (let o = 0; o <= text.length; o++) {
      const p = idx.positionAt(o);
      const back = idx.offsetAt(p);
      assert.ok(text[back - 1] !== '\r' || text[back] !== '\n', `offset ${o}`);
    }
  });

  it('treats a lone \\r as a line break, as the editor does', () => {
    const idx = new LineIndex('a\rb');
    assert.equal(idx.lineCount, 2);
    assert.deepEqual(idx.positionAt(2), { line: 1, character: 0 });
  });

  it('counts columns in UTF-16 units', () => {
    const idx = new LineIndex('😀x\n');
    assert.deepEqual(idx.positionAt(2), { line: 0, character: 2 });
    assert.deepEqual(idx.rangeOf({ start: 2, end: 3 }), { start: { line: 0, character: 2 }, end: { line: 0, character: 3 } });
  });

  it('clamps out-of-range input', () => {
    const idx = new LineIndex('abc');
    assert.deepEqual(idx.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(idx.positionAt(99), { line: 0, character: 3 });
    assert.equal(idx.offsetAt({ line: 9, character: 0 }), 3);
    assert.equal(new LineIndex('').lineCount, 1);
  });
});

describe('detectEol', () => {
  it('picks the majority line ending', () => {
    assert.equal(detectEol('a\r\nb\r\nc\n'), '\r\n');
    assert.equal(detectEol('a\nb\r\n'), '\n');
    assert.equal(detectEol('abc'), '\n');
  });
});

describe('positions in a file with a byte order mark', () => {
  it('are positions in the text after the BOM is stripped', () => {
    const bytes = new TextEncoder().encode('\ufeff---\r\ntitle: x\r\n---\r\nText\r\nAdvertisement\r\n');
    const decoded = decodeFile(bytes, 1 << 20);
    assert.ok(decoded.ok);
    if (!decoded.ok) return;
    assert.equal(decoded.bom, true);
    assert.equal(decoded.eol, '\r\n');
    const findings = analyze({ path: 'x.md', text: decoded.text }, DEFAULT_CONFIG).findings;
    const marker = findings.find((f) => f.rule === 'stray-marker');
    assert.deepEqual(marker?.range, { start: { line: 4, character: 0 }, end: { line: 4, character: 13 } });
    const missing = findings.find((f) => f.rule === 'missing-date');
    assert.deepEqual(missing?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } });
  });
});
