// The CLI on generator sites: `list` shows what the generator publishes as
// posts (pages only with --pages), Hugo's .html content is read, missing-date
// never fires on pages, and `site` says what was found.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { run } from './helpers';

const SITES = path.resolve(__dirname, '../../fixtures/sites');

interface Listed {
  file: string;
  kind: string;
  status: string;
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

  it('site: the generator, its config and the counts', async () => {
    const text = (await run(path.join(SITES, 'jekyll-blog'), 'site')).stdout;
    assert.match(text, /^docs: jekyll \(docs\/_config\.yml\)$/m);
    assert.match(text, /\d+ posts \(.*published.*\), \d+ pages/);
    const json = JSON.parse((await run(path.join(SITES, 'jekyll-blog'), 'site', '--format', 'json')).stdout) as { sites: { generator: string; posts: number }[] };
    assert.ok(json.sites.some((s) => s.generator === 'jekyll' && s.posts > 10));
  });
});
