// The editor-independent half of the code actions: fix-all planning and the
// disable comment placement, on real engine analyses.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, applyEdits, DEFAULT_CONFIG, fixAll, splitDocument } from '../../../src/core';
import { diffAsEdit, disableEdit, planSafeFixAll } from '../../../src/diagnostics/edits';

const SEED = readFileSync(path.join(__dirname, '../grammar/fixtures/seed-article.md'), 'utf8');

describe('diagnostics edits', () => {
  it('fix-all removes both markers of the seed with small edits and leaves the missing date', () => {
    const analysis = analyze({ path: '/w/_posts/scraped article.md', text: SEED }, DEFAULT_CONFIG);
    const plan = planSafeFixAll(analysis, DEFAULT_CONFIG);
    const lines = SEED.split('\n');
    assert.equal(applyEdits(SEED, plan.edits), lines.filter((line) => line !== 'Advertisement').join('\n'));
    assert.equal(plan.fixed, 2);
    assert.ok(plan.edits.every((edit) => edit.span.end - edit.span.start <= 'Advertisement\n'.length), 'only the marker lines are touched');
  });

  it('fix-all equals the engine fix-all, also where several rounds are needed, and is empty when nothing is safe', () => {
    const texts = [
      '---\ntitle: x\n---\n\nText.\n\nAdvertisement\n\nSponsored\n\nMore.\n',
      'Advertisement\r\n\r\nText.\r\n',
      '---\ntitle: A\ndate: 2020/11/06\n---\nBody\n',
    ];
    for (const text of texts) {
      const analysis = analyze({ path: '/w/_posts/2020-11-06-a.md', text }, DEFAULT_CONFIG);
      const plan = planSafeFixAll(analysis, DEFAULT_CONFIG);
      assert.equal(applyEdits(text, plan.edits), fixAll(analysis.document, DEFAULT_CONFIG, { safeOnly: true }).text, JSON.stringify(text));
    }
    const clean = analyze({ path: '/w/a.md', text: '---\ndate: 2020-02-30\n---\n' }, DEFAULT_CONFIG);
    assert.deepEqual(planSafeFixAll(clean, DEFAULT_CONFIG).edits, []);
  });

  it('diffAsEdit gives the minimal single edit', () => {
    assert.equal(diffAsEdit('abc', 'abc'), undefined);
    assert.deepEqual(diffAsEdit('a\nX\nb', 'a\nb'), { span: { start: 2, end: 4 }, newText: '' });
    for (const [a, b] of [['', 'x'], ['x', ''], ['aaa', 'aa'], ['hello world', 'hello brave world']]) {
      const edit = diffAsEdit(a, b);
      assert.ok(edit);
      assert.equal(applyEdits(a, [edit]), b);
    }
  });

  it('puts the disable comment after the front matter, with the file\'s line ending', () => {
    const text = '---\r\ntitle: x\r\n---\r\nBody\r\nAdvertisement\r\n';
    const edit = disableEdit(text, splitDocument(text), 'stray-marker');
    assert.ok(edit);
    assert.equal(applyEdits(text, [edit]), '---\r\ntitle: x\r\n---\r\n<!-- postdesk-disable stray-marker -->\r\nBody\r\nAdvertisement\r\n');
    const after = applyEdits(text, [edit]);
    assert.deepEqual(analyze({ path: '/w/2020-01-01-a.md', text: after }, DEFAULT_CONFIG).findings.filter((f) => f.rule === 'stray-marker'), []);
  });

  it('puts it on its own line when the front matter ends the file without a line break', () => {
    const text = '---\ntitle: x\n---';
    const edit = disableEdit(text, splitDocument(text), 'missing-date');
    assert.ok(edit);
    assert.equal(applyEdits(text, [edit]), '---\ntitle: x\n---\n<!-- postdesk-disable missing-date -->');
  });

  it('puts it at the top without front matter, and extends an existing comment', () => {
    const edit = disableEdit(SEED, splitDocument(SEED), 'stray-marker');
    assert.ok(edit);
    assert.ok(applyEdits(SEED, [edit]).startsWith('<!-- postdesk-disable stray-marker -->\nUS sees progress'));
    const withComment = 'Text\n<!-- postdesk-disable missing-date -->\nAdvertisement\n';
    const extend = disableEdit(withComment, splitDocument(withComment), 'stray-marker');
    assert.ok(extend);
    const result = applyEdits(withComment, [extend]);
    assert.match(result, /<!-- postdesk-disable missing-date stray-marker ?-->/);
    assert.deepEqual(analyze({ path: '/w/a.md', text: result }, DEFAULT_CONFIG).findings, []);
  });

  it('offers no disable comment for the file rule or an unclosed front matter block', () => {
    assert.equal(disableEdit('x', splitDocument('x'), 'file'), undefined);
    const unclosed = '---\ntitle: x\nAdvertisement\n';
    assert.equal(disableEdit(unclosed, splitDocument(unclosed), 'front-matter'), undefined);
  });
});
