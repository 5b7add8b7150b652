// Applying edits and fixing everything at once.

import assert from 'node:assert/strict';
import { applyEdits, DEFAULT_CONFIG, fixAll, analyze } from '../../../src/core';

const now = new Date(2024, 0, 15, 12, 0, 0);

describe('applyEdits', () => {
  it('applies non-overlapping edits against the original offsets', () => {
    assert.equal(
      applyEdits('abcdef', [
        { span: { start: 4, end: 5 }, newText: 'E' },
        { span: { start: 0, end: 1 }, newText: 'AA' },
        { span: { start: 3, end: 3 }, newText: '-' },
      ]),
      'AAbc-dEf',
    );
    assert.equal(applyEdits('abc', []), 'abc');
  });
  it('throws on overlapping or out-of-range edits', () => {
    assert.throws(() => applyEdits('abcdef', [{ span: { start: 0, end: 3 }, newText: '' }, { span: { start: 2, end: 4 }, newText: '' }]), /Overlapping/);
    assert.throws(() => applyEdits('abc', [{ span: { start: 2, end: 9 }, newText: '' }]), /outside/);
    assert.throws(() => applyEdits('abc', [{ span: { start: 2, end: 1 }, newText: '' }]), /outside/);
  });
});

describe('fixAll', () => {
  const text = '---\ntitle: x\ndate: 2020/11/06\n---\nOne\n\nAdvertisement\n\nTwo\nSponsored\n';
  it('applies every fix, and applying it twice equals once', () => {
    const once = fixAll({ path: 'x.md', text }, DEFAULT_CONFIG, { now });
    assert.equal(once.text, '---\ntitle: x\ndate: 2020-11-06\n---\nOne\n\nTwo\n');
    assert.equal(once.applied, 2);
    const twice = fixAll({ path: 'x.md', text: once.text }, DEFAULT_CONFIG, { now });
    assert.equal(twice.text, once.text);
    assert.equal(twice.applied, 0);
    assert.deepEqual(analyze({ path: 'x.md', text: once.text }, DEFAULT_CONFIG, { now }).findings, []);
  });
  it('safeOnly applies markers and file-name dates, not guesses', () => {
    const r = fixAll({ path: 'x.md', text }, DEFAULT_CONFIG, { now, safeOnly: true });
    assert.equal(r.text, '---\ntitle: x\ndate: 2020/11/06\n---\nOne\n\nTwo\n');
    const undated = '---\ndate:\n---\nText\n';
    assert.equal(fixAll({ path: '2020-01-02-a.md', text: undated }, DEFAULT_CONFIG, { now, safeOnly: true }).text, '---\ndate: 2020-01-02\n---\nText\n');
    assert.equal(fixAll({ path: 'a.md', text: undated }, DEFAULT_CONFIG, { now, safeOnly: true }).text, undated);
  });
  it('can be limited to some rules', () => {
    const r = fixAll({ path: 'x.md', text }, DEFAULT_CONFIG, { now, rules: ['invalid-date'] });
    assert.match(r.text, /date: 2020-11-06/);
    assert.match(r.text, /Advertisement/);
  });
  it('creates front matter for an undated file without one', () => {
    assert.equal(fixAll({ path: 'x.md', text: 'Hello\r\n' }, DEFAULT_CONFIG, { now }).text, '---\r\ndate: 2024-01-15\r\n---\r\nHello\r\n');
  });
});
