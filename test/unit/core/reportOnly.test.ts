// `findingsOf(..., { reportOnly: true })`, what `postdesk check` asks for: the
// same findings (rule, severity, message, span, range) as a full analysis,
// only without the fixes that cost a parse to make (invalid-date's).

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CONFIG, findingsOf } from '../../../src/core';
import type { Finding } from '../../../src/core/types';
import { createRandom, syntheticPost, TextGen } from '../../../bench/corpus';

const NOW = new Date(2025, 5, 1);
const REPO = path.resolve(__dirname, '../../..');

function markdownFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) markdownFiles(p, out);
    else if (/\.(md|mdx|markdown)$/i.test(entry.name)) out.push(p);
  }
  return out;
}

const withoutFixes = (findings: readonly Finding[]): Omit<Finding, 'fixes'>[] => findings.map(({ fixes: _fixes, ...rest }) => rest);

describe('findingsOf with reportOnly (check)', () => {
  it('gives the same findings as a full analysis, without invalid-date fixes', function () {
    this.timeout(120_000);
    const docs: { path: string; text: string }[] = [];
    for (const file of [...markdownFiles(path.resolve(REPO, '../shared/corpus/jekyll-posts')), ...markdownFiles(path.join(REPO, 'test/fixtures/unit'))]) {
      docs.push({ path: file, text: readFileSync(file, 'utf8') });
    }
    const gen = new TextGen(createRandom(20201106));
    for (let i = 0; i < 1500; i++) {
      const post = syntheticPost(gen, i);
      docs.push({ path: `/site/${post.relativePath}`, text: post.text });
    }
    let invalidWithFixes = 0;
    for (const doc of docs) {
      const full = findingsOf(doc, DEFAULT_CONFIG, { now: NOW });
      const reported = findingsOf(doc, DEFAULT_CONFIG, { now: NOW, reportOnly: true });
      assert.deepEqual(withoutFixes(reported), withoutFixes(full), doc.path);
      for (let i = 0; i < full.length; i++) {
        if (full[i].rule !== 'invalid-date') assert.deepEqual(reported[i].fixes, full[i].fixes, doc.path);
        else {
          if (full[i].fixes.length > 0) invalidWithFixes++;
          assert.deepEqual(reported[i].fixes, [], `${doc.path}: no invalid-date fix when only reporting`);
        }
      }
    }
    assert.ok(invalidWithFixes > 20, `${invalidWithFixes} invalid-date findings with fixes in a full analysis`);
  });
});
