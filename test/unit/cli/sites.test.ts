// The CLI on generator sites: `list` shows what the generator publishes as
// posts (pages only with --pages), Hugo's .html content is read, missing-date
// never fires on pages, and `site` says what was found.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gitEnvironment } from '../../../src/node/fileTimes';
import { belowRoot } from '../../../src/cli/sites';
import { run } from './helpers';

const SITES = path.resolve(__dirname, '../../fixtures/sites');

interface Listed {
  file: string;
  kind: string;
  status: string;
  date: string | null;
  dateSource: string | null;
  url?: string;
  site?: { root: string; generator: string; configFile?: string };
}

async function listJson(cwd: string, ...flags: string[]): Promise<Listed[]> {
  const result = await run(cwd, 'list', '--format', 'json', ...flags);
  assert.equal(result.code, 0, result.stderr);
  return (JSON.parse(result.stdout) as { posts: Listed[] }).posts;
}

describe('postdesk on generator sites', () => {
  it('Hugo: posts only, .html content read, sections with --pages, each named with its site', async () => {
    const cwd = path.join(SITES, 'hugo-blog');
    const posts = await listJson(cwd);
    assert.ok(posts.every((p) => p.kind === 'post'));
    assert.ok(posts.some((p) => p.file === 'content/posts/html-page.html'), 'an .html content file is a post');
    assert.ok(!posts.some((p) => p.file.endsWith('_index.md')), 'no section page among the posts');
    assert.deepEqual(posts[0]?.site, { root: '', generator: 'hugo', configFile: 'hugo.toml' });
    const all = await listJson(cwd, '--pages');
    assert.ok(all.some((p) => p.kind === 'section' && p.file === 'content/posts/_index.md'));
    assert.ok(all.some((p) => p.status === 'expired'), 'an expired post');
  });

  it('check: no missing-date on pages and sections, only on posts', async () => {
    const result = await run(path.join(SITES, 'hugo-blog'), 'check', '--format', 'json');
    const findings = (JSON.parse(result.stdout) as { findings: { file: string; rule: string }[] }).findings;
    const missing = findings.filter((f) => f.rule === 'missing-date').map((f) => f.file);
    assert.ok(!missing.some((file) => file.endsWith('_index.md')), missing.join(', '));
  });

  describe('dates from git and the file system (hugo-git: date = [":git", ":fileModTime"])', () => {
    let tmp: string;
    const past = new Date('2019-01-01T20:00:00Z');
    beforeEach(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-cli-git-'));
      fs.cpSync(path.join(SITES, 'hugo-git'), tmp, { recursive: true });
      for (const f of fs.readdirSync(path.join(tmp, 'content/posts'))) fs.utimesSync(path.join(tmp, 'content/posts', f), past, past);
    });
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it('list names each date source: the last commit, else the modification time', async function () {
      if (spawnSync('git', ['--version']).status !== 0) this.skip();
      const env = { ...gitEnvironment(), HOME: tmp, GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@example.org', GIT_COMMITTER_NAME: 'C', GIT_COMMITTER_EMAIL: 'c@example.org', GIT_AUTHOR_DATE: '2020-06-10T20:00:00-07:00', GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z' };
      for (const args of [['init', '-q'], ['add', 'hugo.toml', 'content/posts/committed.md'], ['-c', 'commit.gpgSign=false', 'commit', '-q', '-m', 'one']]) {
        assert.equal(spawnSync('git', args, { cwd: tmp, env }).status, 0, args.join(' '));
      }
      const posts = await listJson(tmp);
      const byFile = new Map(posts.map((p) => [p.file, p]));
      assert.deepEqual([byFile.get('content/posts/committed.md')?.date, byFile.get('content/posts/committed.md')?.dateSource], ['2020-06-10T20:00:00-07:00', 'git']);
      const uncommitted = byFile.get('content/posts/not-committed.md');
      assert.equal(uncommitted?.dateSource, 'file-mod-time');
      assert.equal(uncommitted?.date !== null && Date.parse(uncommitted?.date ?? ''), past.getTime(), 'the modification time, as an instant');
      const site = (await run(tmp, 'site')).stdout;
      assert.match(site, /dates from: 3 file-mod-time, 1 git/);
      assert.match(site, /`:git`: the author date of the file's last commit/);
    });

    it('outside git every date comes from the modification time, and nothing fails', async () => {
      const posts = await listJson(tmp);
      assert.equal(posts.length, 4);
      assert.ok(posts.every((p) => p.dateSource === 'file-mod-time'), JSON.stringify(posts.map((p) => p.dateSource)));
      assert.match((await run(tmp, 'site')).stdout, /git dates not read for 4 posts: not in a git repository/);
    });
  });

  it('Eleventy: git is asked only for the posts whose date names it (git Last Modified, git Created)', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-cli-eleventy-'));
    try {
      fs.cpSync(path.join(SITES, 'eleventy-blog'), tmp, { recursive: true });
      const site = (await run(tmp, 'site')).stdout;
      // Outside git: the two posts that ask it are said to be undated by it; the other posts never asked.
      assert.match(site, /git dates not read for 2 posts: not in a git repository/);
      const posts = await listJson(tmp);
      const modified = posts.find((p) => p.file === 'content/blog/modified.md');
      assert.equal(modified?.dateSource, 'file-mod-time', 'date: Last Modified');
      assert.equal(posts.find((p) => p.file === 'content/blog/committed.md')?.dateSource, null);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('site: the generator, its config and the counts', async () => {
    const text = (await run(path.join(SITES, 'jekyll-blog'), 'site')).stdout;
    assert.match(text, /^docs: jekyll \(docs\/_config\.yml\)$/m);
    assert.match(text, /\d+ posts \(.*published.*\), \d+ pages/);
    const json = JSON.parse((await run(path.join(SITES, 'jekyll-blog'), 'site', '--format', 'json')).stdout) as { sites: { generator: string; posts: number }[] };
    assert.ok(json.sites.some((s) => s.generator === 'jekyll' && s.posts > 10));
  });
});

describe('belowRoot (placing walked files in their sites)', () => {
  it('gives what path.relative gives, with forward slashes, and undefined outside the root', () => {
    const old = (root: string, abs: string): string | undefined => {
      const rel = path.relative(root, abs);
      const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
      return inside ? rel.split(path.sep).join('/') : undefined;
    };
    const roots = ['/site', '/site/', '/', '/a/b'];
    const paths = [
      '/site/posts/a.md',
      '/site/a.md',
      '/site',
      '/site/',
      '/sites/a.md',
      '/site/../etc/a.md',
      '/site/./a.md',
      '/site//a.md',
      '/site/..a.md',
      '/site/.hidden/a.md',
      '/a/b/c/d.md',
      '/a/bc/d.md',
      '/other/x.md',
      '/a.md',
    ];
    for (const root of roots) {
      const below = belowRoot(root);
      for (const abs of paths) assert.equal(below(abs), old(root, abs), `${root} ${abs}`);
    }
  });
});
