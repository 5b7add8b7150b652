// Real Jekyll posts: the fixtures copied into the repository, and the whole
// shared corpus when it sits beside the checkout (../shared on CI).

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, DEFAULT_CONFIG, formatIsoDate, parseDate, type Analysis } from '../../../src/core';

const fixtures = join(__dirname, '../../fixtures/unit/jekyll');
const shared = join(__dirname, '../../../../shared/corpus/jekyll-posts');

function check(dir: string, name: string): Analysis {
  const text = readFileSync(join(dir, name), 'utf8');
  return analyze({ path: `_posts/${name}`, text }, DEFAULT_CONFIG, { now: new Date(2025, 5, 1) });
}

/** The date a post's front matter states, read independently of the engine: the `date:` line. */
function statedDate(text: string): string | undefined {
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  const line = m && /^date:[ \t]*(.*)$/m.exec(m[1]);
  return line ? line[1].trim().replace(/^(["'])(.*)\1$/, '$2') : undefined;
}

function expectations(dir: string, names: readonly string[]): void {
  for (const name of names) {
    it(name, () => {
      const text = readFileSync(join(dir, name), 'utf8');
      const a = check(dir, name);
      const stated = statedDate(text);
      const fromName = name.slice(0, 10);
      if (stated === '2023-01-29 18:30:22 2023 -0800') {
        const invalid = a.findings.filter((f) => f.rule === 'invalid-date');
        assert.equal(invalid.length, 1, 'the garbled date is flagged');
        assert.equal(text.slice(invalid[0].span.start, invalid[0].span.end), stated);
        assert.equal(a.post.date?.source, 'filename');
        assert.equal(formatIsoDate(a.post.date.value), fromName);
        return;
      }
      assert.deepEqual(a.findings, [], 'a clean post has no findings');
      if (stated === undefined) {
        assert.equal(a.post.date?.source, 'filename');
        assert.equal(formatIsoDate(a.post.date.value), fromName);
      } else {
        assert.equal(a.post.date?.source, 'front-matter');
        const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{2})(\d{2})$/.exec(stated);
        assert.ok(m, `unexpected date format ${stated}`);
        assert.equal(formatIsoDate(a.post.date.value), `${m[1]}T${m[2]}${m[3]}:${m[4]}`);
        assert.deepEqual(parseDate(stated), a.post.date.value);
      }
      assert.equal(a.post.status, 'published');
      assert.equal(a.post.titleSource, 'front-matter');
    });
  }
}

describe('Jekyll posts (fixtures in the repository)', () => {
  expectations(fixtures, readdirSync(fixtures).sort());
});

describe('Jekyll posts (the shared corpus)', function () {
  if (!existsSync(shared)) {
    it('is skipped: ../shared/corpus/jekyll-posts is not beside this checkout');
    return;
  }
  const names = readdirSync(shared).filter((n) => /\.(md|markdown)$/.test(n)).sort();
  it('has the 102 posts, three of them undated in their front matter', () => {
    assert.equal(names.length, 102);
    const undated = names.filter((n) => statedDate(readFileSync(join(shared, n), 'utf8')) === undefined);
    assert.deepEqual(undated, ['2014-05-06-jekyll-turns-2-0-0.markdown', '2016-03-10-making-it-easier-to-contribute-to-jekyll.md', '2020-08-05-jekyll-3-9-0-released.markdown']);
    for (const n of undated) assert.equal(check(shared, n).post.date?.source, 'filename');
  });
  it('flags exactly one post with an invalid date: the garbled one', () => {
    const flagged = names.filter((n) => check(shared, n).findings.some((f) => f.rule === 'invalid-date'));
    assert.deepEqual(flagged, ['2023-01-29-jekyll-3-9-3-released.markdown']);
  });
  expectations(shared, names);
});
