// The real Jekyll posts in ../shared/corpus (beside the checkout in CI). The
// expected dates are read from each file here with a deliberately simple,
// independent reading of its `date:` line, not with the engine under test.
import assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { JEKYLL_CORPUS, NOW, run, runJson } from './helpers';

interface JsonPost {
  file: string;
  date: string | null;
  dateSource: string | null;
  status: string;
}

const JEKYLL_DATE = /^date:\s*"?(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) ([+-]\d\d)(\d\d)"?\s*$/m;

async function expectedDate(file: string): Promise<{ date: string; source: string } | 'garbled'> {
  const text = await fs.readFile(path.join(JEKYLL_CORPUS, file), 'utf8');
  const frontMatter = text.split(/^---\s*$/m)[1] ?? '';
  if (!/^date:/m.test(frontMatter)) return { date: file.slice(0, 10), source: 'filename' };
  const m = JEKYLL_DATE.exec(frontMatter);
  if (!m) return 'garbled';
  return { date: `${m[1]}T${m[2]}${m[3]}:${m[4]}`, source: 'front-matter' };
}

describe('postdesk on the real Jekyll posts', function () {
  before(function () {
    if (!existsSync(JEKYLL_CORPUS)) {
      console.warn(`    (skipped: ${JEKYLL_CORPUS} is not present; it sits beside the checkout in CI)`);
      this.skip();
    }
  });

  it('lists all 102 posts newest first with the dates their authors wrote', async () => {
    const result = await run(JEKYLL_CORPUS, 'list', '--format', 'json');
    assert.equal(result.code, 0);
    const posts = (JSON.parse(result.stdout) as { posts: JsonPost[] }).posts;
    assert.equal(posts.length, 102);
    const pad = (n: number): string => String(n).padStart(2, '0');
    const today = `${NOW.getFullYear()}-${pad(NOW.getMonth() + 1)}-${pad(NOW.getDate())}`;
    let garbled = 0;
    for (const post of posts) {
      const expected = await expectedDate(post.file);
      if (expected === 'garbled') {
        garbled++;
        // The unreadable field is not trusted; the file name still dates it.
        assert.deepEqual([post.date, post.dateSource], [post.file.slice(0, 10), 'filename'], post.file);
      } else {
        assert.deepEqual([post.date, post.dateSource], [expected.date, expected.source], post.file);
      }
      // Releases after the tests' fixed clock count as scheduled.
      assert.equal(post.status, (post.date ?? '') > today ? 'scheduled' : 'published', post.file);
    }
    assert.equal(garbled, 1);
    const days = posts.map((p) => (p.date ?? '').slice(0, 10));
    assert.deepEqual(days, [...days].sort().reverse(), 'newest first');
  });

  it('check flags exactly the garbled date as invalid-date', async () => {
    const out = await runJson(JEKYLL_CORPUS);
    assert.equal(out.files, 102);
    assert.deepEqual(
      out.findings.map((f) => [f.file, f.rule, f.line, f.column]),
      [['2023-01-29-jekyll-3-9-3-released.markdown', 'invalid-date', 3, 7]],
    );
    assert.equal(out.code, 0);
  });
});
