// Reading bytes without losing any.

import assert from 'node:assert/strict';
import { decodeFile, encodeText, fileProblemFinding } from '../../../src/core';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('decodeFile / encodeText', () => {
  it('decodes UTF-8 and reports the line ending', () => {
    assert.deepEqual(decodeFile(utf8('é\r\nx\r\n'), 100), { ok: true, text: 'é\r\nx\r\n', bom: false, eol: '\r\n' });
  });
  it('strips and reports a BOM, and writes it back', () => {
    const bytes = utf8('\ufeffhello\n');
    const r = decodeFile(bytes, 100);
    assert.deepEqual(r, { ok: true, text: 'hello\n', bom: true, eol: '\n' });
    if (r.ok) assert.deepEqual(encodeText(r.text, r.bom), bytes);
    assert.deepEqual(encodeText('x', false), utf8('x'));
  });
  it('refuses files over the size limit', () => {
    const r = decodeFile(new Uint8Array(2048), 1024);
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.reason, 'too-large');
      assert.match(r.message, /2\.0 KB.*1\.0 KB/);
    }
  });
  it('refuses binary files', () => {
    const r = decodeFile(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]), 1024);
    assert.equal(r.ok ? 'ok' : r.reason, 'binary');
  });
  it('refuses invalid UTF-8 instead of replacing characters', () => {
    const r = decodeFile(new Uint8Array([0x61, 0xe9, 0x62]), 1024); // Latin-1 "aéb"
    assert.equal(r.ok ? 'ok' : r.reason, 'not-utf8');
  });
  it('names UTF-16', () => {
    const r = decodeFile(new Uint8Array([0xff, 0xfe, 0x61, 0x00]), 1024);
    assert.ok(!r.ok && r.reason === 'not-utf8' && /UTF-16/.test(r.message));
  });
  it('round-trips arbitrary text', () => {
    for (const s of ['', 'a', '\u{1F600}', 'x\r\ny', '\ufeff\ufeff']) {
      const r = decodeFile(encodeText(s, true), 1024);
      assert.ok(r.ok && r.text === s && r.bom);
    }
  });
  it('fileProblemFinding sits at 0:0 with rule file', () => {
    const f = fileProblemFinding('File is not valid UTF-8');
    assert.equal(f.rule, 'file');
    assert.deepEqual(f.range.start, { line: 0, character: 0 });
    assert.deepEqual(f.fixes, []);
    assert.equal(f.severity, 'warning');
    assert.equal(fileProblemFinding('x', 'error').severity, 'error');
  });
});
