// The seed's article (a scraped page: sidebar "Title - November 6, 2020"
// lines, then an undated article with two lone "Advertisement" lines).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, applyEdits, DEFAULT_CONFIG, fixAll, LineIndex } from '../../../src/core';

const fixture = join(__dirname, '../../fixtures/unit/seed-article.md');
const text = readFileSync(fixture, 'utf8');
const now = new Date(2024, 0, 15, 12, 0, 0);

describe('the seed article', () => {
  const analysis = analyze({ path: 'seed-article.md', text }, DEFAULT_CONFIG, { now });
  const lines = text.split('\n');

  it('has exactly one missing-date finding, at line 1', () => {
    const missing = analysis.findings.filter((f) => f.rule === 'missing-date');
    assert.equal(missing.length, 1);
    assert.equal(missing[0].range.start.line, 0);
    assert.equal(missing[0].range.start.character, 0);
    assert.equal(missing[0].severity, 'warning');
    assert.equal(analysis.post.status, 'undated');
  });

  it('has exactly two stray-marker findings, at the "Advertisement" lines', () => {
    const expected = lines.flatMap((l, i) => (l === 'Advertisement' ? [i] : []));
    assert.equal(expected.length, 2);
    const markers = analysis.findings.filter((f) => f.rule === 'stray-marker');
    assert.deepEqual(
      markers.map((f) => f.range.start.line),
      expected,
    );
    for (const f of markers) {
      assert.equal(text.slice(f.span.start, f.span.end), 'Advertisement');
      assert.equal(f.range.start.character, 0);
      assert.equal(f.range.end.character, 'Advertisement'.length);
    }
  });

  it('reports nothing else: the ten sidebar "Title - date" lines are prose', () => {
    const sidebar = lines.filter((l) => / - [A-Z][a-z]+ \d{1,2}, \d{4}$/.test(l));
    assert.equal(sidebar.length, 10);
    assert.equal(analysis.findings.length, 3);
  });

  it('offers to create front matter with today’s local date (not safe: no file-name date)', () => {
    const fix = analysis.findings[0].fixes[0];
    assert.equal(fix.safe, false);
    const fixed = applyEdits(text, fix.edits);
    assert.ok(fixed.startsWith('---\ndate: 2024-01-15\n---\n-\nTips for becoming a good boxer'));
    assert.equal(fixed.slice('---\ndate: 2024-01-15\n---\n'.length), text);
  });

  it('removes each marker line and nothing else', () => {
    const markers = analysis.findings.filter((f) => f.rule === 'stray-marker');
    for (const f of markers) {
      const fixed = applyEdits(text, f.fixes[0].edits);
      const index = new LineIndex(text);
      const line = f.range.start.line;
      assert.equal(fixed, text.slice(0, index.lineStart(line)) + text.slice(index.lineStart(line + 1)));
    }
    const all = fixAll({ path: 'seed-article.md', text }, DEFAULT_CONFIG, { safeOnly: true, now });
    assert.equal(all.text, lines.filter((l) => l !== 'Advertisement').join('\n'));
    assert.equal(all.applied, 1);
  });
});
