import assert from 'node:assert/strict';
import { run, TempSite } from './helpers';

interface JsonPost {
  file: string;
  title: string;
  date: string | null;
  dateSource: string | null;
  status: string;
}

async function listJson(cwd: string, ...argv: string[]): Promise<JsonPost[]> {
  const result = await run(cwd, 'list', '--format', 'json', ...argv);
  assert.equal(result.code, 0, result.stderr);
  const parsed = JSON.parse(result.stdout) as { version: number; posts: JsonPost[] };
  assert.deepEqual(Object.keys(parsed), ['version', 'posts']);
  assert.equal(parsed.version, 1);
  return parsed.posts;
}

// helpers.NOW is June 15, 2024.
const SITE = {
  'posts/old.md': '---\ntitle: Old\ndate: 2013-05-06 02:12:52 +0200\n---\nBody\n',
  'posts/2019-02-14-magic-mirror/index.md': '---\ntitle: Magic Mirror\n---\nBody\n',
  'posts/news.md': '+++\ntitle = "News"\ndate = 2020-11-06T10:00:00-05:00\n+++\nBody\n',
  'posts/boxer.md': '---\ntitle: Tips for becoming a good boxer\ndate: November 6, 2020\n---\nBody\n',
  'posts/draft.md': '---\ntitle: A draft\ndate: 2021-01-01\ndraft: true\n---\nBody\n',
  'posts/future.md': '---\ntitle: Later\ndate: 2030-01-01\n---\nBody\n',
  'posts/undated.md': '# Just a heading\n\nBody\n',
};

describe('postdesk list', () => {
  let site: TempSite;
  afterEach(async () => site?.cleanup());

  it('lists dated posts newest first, undated last, with the documented json', async () => {
    site = await TempSite.create(SITE);
    const posts = await listJson(site.dir);
    assert.deepEqual(posts, [
      { file: 'posts/future.md', title: 'Later', date: '2030-01-01', dateSource: 'front-matter', dateField: 'date', status: 'scheduled', kind: 'post', reason: 'post: in posts/' },
      { file: 'posts/draft.md', title: 'A draft', date: '2021-01-01', dateSource: 'front-matter', dateField: 'date', status: 'draft', kind: 'post', reason: 'post: in posts/' },
      { file: 'posts/news.md', title: 'News', date: '2020-11-06T10:00:00-05:00', dateSource: 'front-matter', dateField: 'date', status: 'published', kind: 'post', reason: 'post: in posts/' },
      { file: 'posts/boxer.md', title: 'Tips for becoming a good boxer', date: '2020-11-06', dateSource: 'front-matter', dateField: 'date', status: 'published', kind: 'post', reason: 'post: in posts/' },
      { file: 'posts/2019-02-14-magic-mirror/index.md', title: 'Magic Mirror', date: '2019-02-14', dateSource: 'filename', status: 'published', kind: 'post', reason: 'post: in posts/' },
      { file: 'posts/old.md', title: 'Old', date: '2013-05-06T02:12:52+02:00', dateSource: 'front-matter', dateField: 'date', status: 'published', kind: 'post', reason: 'post: in posts/' },
      { file: 'posts/undated.md', title: 'Just a heading', date: null, dateSource: null, status: 'undated', kind: 'post', reason: 'post: in posts/' },
    ]);
  });

  it('prints a readable text list with the statuses marked', async () => {
    site = await TempSite.create(SITE);
    const result = await run(site.dir, 'list');
    const lines = result.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^2030-01-01 {2}Later +\[scheduled\] {2}\(posts\/future\.md\)$/);
    assert.match(lines[1] ?? '', /^2021-01-01 {2}A draft +\[draft\] +\(posts\/draft\.md\)$/);
    assert.match(lines[2] ?? '', /^2020-11-06 {2}News {2,}\(posts\/news\.md\)$/);
    assert.match(lines[6] ?? '', /^undated {5}Just a heading +\[undated\] +\(posts\/undated\.md\)$/);
    assert.equal(lines.at(-1), '7 posts (1 draft, 1 scheduled, 1 undated)');
  });

  it('shortens very long titles in the text list only', async () => {
    const long = 'A'.repeat(100);
    site = await TempSite.create({ 'a.md': `---\ntitle: ${long}\ndate: 2020-11-06\n---\n` });
    assert.equal((await run(site.dir, 'list')).stdout.split('\n')[0], `2020-11-06  ${'A'.repeat(59)}…  (a.md)`);
    assert.equal((await listJson(site.dir))[0]?.title, long);
  });

  it('keeps a calendar date in every time zone', async () => {
    // The tests run under several TZ values (npm run test:unit:tz); the date
    // must read November 6 whatever the zone.
    site = await TempSite.create({ 'a.md': '---\ntitle: A\ndate: 2020-11-06\n---\n' });
    assert.equal((await listJson(site.dir))[0]?.date, '2020-11-06');
  });

  it('skips an unreadable file with a note on stderr and lists the rest', async () => {
    site = await TempSite.create({ 'a.md': SITE['posts/boxer.md'], 'b.md': new Uint8Array([0, 0, 0, 1]) });
    const result = await run(site.dir, 'list', '--format', 'json');
    assert.equal(result.code, 0);
    assert.match(result.stderr, /postdesk: skipped b\.md: /);
    assert.equal((JSON.parse(result.stdout) as { posts: unknown[] }).posts.length, 1);
  });
});
