import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Site } from '../../../src/core/site/types';
import { zolaGenerator } from '../../../src/core/site/generators/zola';
import { diskFiles, siteFacts, SITES, memoryFiles } from './helpers';

const NOW = new Date('2024-06-01T12:00:00Z');

function analyze(site: Site, file: string) {
  return siteFacts(site, file, fs.readFileSync(path.join(SITES, file), 'utf8'), NOW);
}

describe('site model: Zola', () => {
  const files = diskFiles(SITES);
  let site: Site;
  before(async () => {
    const s = await zolaGenerator.detect(files, 'zola-blog', ['config.toml']);
    assert.ok(s, 'the Zola fixture is detected');
    site = s;
  });

  it('reads base_url and refuses a Hugo config.toml', async () => {
    assert.strictEqual(site.baseUrl, 'https://example.org');
    assert.strictEqual(site.configFile, 'zola-blog/config.toml');
    assert.deepStrictEqual(site.watchFiles, ['zola-blog/config.toml']);
    assert.strictEqual(await zolaGenerator.detect(files, 'zola-hugo-config', ['config.toml']), undefined);
    assert.strictEqual(await zolaGenerator.detect(files, 'zola-blog', []), undefined);
    assert.ok(site.notes.some((n) => n.includes('blog: sort_by = "date"')), site.notes.join('\n'));
    assert.ok(site.notes.some((n) => n.includes('zola-blog/content/drafts/')), site.notes.join('\n'));
  });

  it('classifies sections, pages, bundles and what Zola does not render', () => {
    const kind = (p: string) => site.classify(`zola-blog/${p}`).kind;
    assert.strictEqual(kind('content/_index.md'), 'section');
    assert.strictEqual(kind('content/blog/_index.md'), 'section');
    assert.match(site.classify('zola-blog/content/blog/_index.md').reason, /sort_by = "date"/);
    assert.strictEqual(kind('content/blog/only-path.md'), 'post');
    assert.strictEqual(kind('content/blog/2021-03-04_bundle-post/index.md'), 'post');
    assert.strictEqual(kind('content/blog/2021-03-04_bundle-post/notes.md'), 'post');
    assert.strictEqual(kind('content/blog/2021-03-04_bundle-post/photo.png'), 'ignored');
    assert.strictEqual(kind('content/blog/scratch.tmp.md'), 'ignored');
    assert.strictEqual(kind('content/about.md'), 'post');
    assert.strictEqual(kind('README.md'), 'ignored');
    assert.strictEqual(kind('templates/notes.md'), 'ignored');
    assert.strictEqual(kind('config.toml'), 'ignored');
    const idea = site.classify('zola-blog/content/drafts/idea.md');
    assert.strictEqual(idea.draftByLocation, true);
    assert.strictEqual(idea.collection, 'drafts');
  });

  it('dates by front matter, then the file or bundle name, then the path field', () => {
    const a = (p: string) => analyze(site, `zola-blog/content/${p}`);
    assert.deepStrictEqual([a('blog/only-path.md').date, a('blog/only-path.md').source], ['2020-07-27', 'url']);
    assert.deepStrictEqual([a('blog/2020-11-06_underscore-date.md').date, a('blog/2020-11-06_underscore-date.md').source], ['2020-11-06', 'filename']);
    assert.deepStrictEqual([a('blog/front-matter-date.md').date, a('blog/front-matter-date.md').source], ['2019-05-01', 'front-matter']);
    assert.deepStrictEqual([a('blog/2021-03-04_bundle-post/index.md').date, a('blog/2021-03-04_bundle-post/index.md').source], ['2021-03-04', 'filename']);
    assert.strictEqual(a('blog/yaml-front-matter.md').date, '2022-02-02');
    assert.strictEqual(a('about.md').status, 'undated');
  });

  it('drafts, and future pages are built as published', () => {
    const a = (p: string) => analyze(site, `zola-blog/content/${p}`);
    assert.strictEqual(a('blog/a-draft.md').status, 'draft');
    assert.strictEqual(a('drafts/idea.md').status, 'draft');
    assert.strictEqual(a('blog/future.md').status, 'published');
    assert.strictEqual(a('blog/front-matter-date.md').status, 'published');
  });

  it('titles and URLs', () => {
    const a = (p: string) => analyze(site, `zola-blog/content/${p}`);
    assert.strictEqual(a('blog/no-title.md').title, 'A heading title');
    assert.strictEqual(a('blog/only-path.md').url, 'https://example.org/2020/07/27/slug/');
    assert.strictEqual(a('blog/2020-11-06_underscore-date.md').url, 'https://example.org/blog/underscore-date/');
    assert.strictEqual(a('blog/front-matter-date.md').url, 'https://example.org/blog/custom-slug/');
    assert.strictEqual(a('blog/2021-03-04_bundle-post/index.md').url, 'https://example.org/blog/bundle-post/');
    assert.strictEqual(a('blog/2021-03-04_bundle-post/notes.md').url, 'https://example.org/blog/2021-03-04_bundle-post/notes/');
    assert.strictEqual(a('blog/bonjour.fr.md').url, 'https://example.org/fr/blog/bonjour/');
    assert.strictEqual(a('about.md').url, 'https://example.org/about/');
    assert.strictEqual(a('blog/_index.md').url, 'https://example.org/blog/');
  });
});

describe('site model: Zola static folder and values (#17)', () => {
  it('serves static/ and exposes the whole config.toml as values (config.extra.*)', async () => {
    const site = await zolaGenerator.detect(
      memoryFiles({ 'z/config.toml': 'base_url = "https://example.org/sub"\ntitle = "Z"\n[extra]\nauthor = "Ada"\n' }),
      'z',
      ['config.toml'],
    );
    assert.deepStrictEqual(site?.staticDirs, ['z/static']);
    assert.strictEqual(site?.values?.['title'], 'Z');
    assert.strictEqual((site?.values?.['extra'] as Record<string, unknown>)['author'], 'Ada');
    assert.match(site?.notes.join('\n') ?? '', /Static folders .*z\/static\//);
  });
});
