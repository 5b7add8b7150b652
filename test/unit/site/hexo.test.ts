import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Site } from '../../../src/core/site/types';
import { hexoGenerator } from '../../../src/core/site/generators/hexo';
import { diskFiles, siteFacts, SITES, memoryFiles } from './helpers';

const NOW = new Date('2024-06-01T12:00:00Z');

function analyze(site: Site, file: string) {
  return siteFacts(site, file, fs.readFileSync(path.join(SITES, file), 'utf8'), NOW);
}

describe('site model: Hexo', () => {
  const files = diskFiles(SITES);
  let site: Site;
  before(async () => {
    const s = await hexoGenerator.detect(files, 'hexo-blog', ['_config.yml']);
    assert.ok(s, 'the Hexo fixture is detected');
    site = s;
  });

  it('needs Hexo evidence: a Jekyll _config.yml is not Hexo\'s', async () => {
    assert.match(site.notes[0], /new_post_name/);
    assert.strictEqual(site.baseUrl, 'https://hexo.example.com/blog');
    assert.strictEqual(await hexoGenerator.detect(files, 'hexo-jekyll-config', ['_config.yml']), undefined);
    const onlyPackage = {
      readText: async (p: string) => (p === '_config.yml' ? 'title: x\nurl: https://x.dev\n' : p === 'package.json' ? '{"dependencies":{"hexo":"^8.0.0"}}' : undefined),
      list: async () => undefined,
    };
    const s = await hexoGenerator.detect(onlyPackage, '', ['_config.yml']);
    assert.ok(s);
    assert.match(s.notes[0], /package\.json has `hexo` in dependencies/);
    const scaffolds = {
      readText: async (p: string) => (p === 'site/_config.yml' ? 'title: x\n' : undefined),
      list: async (p: string) => (p === 'site' ? [{ name: 'scaffolds', isDir: true }, { name: '_config.yml', isDir: false }] : undefined),
    };
    assert.ok(await hexoGenerator.detect(scaffolds, 'site', ['_config.yml']));
  });

  it('classifies _posts, _drafts, pages and what Hexo does not render', () => {
    const c = (p: string) => site.classify(`hexo-blog/${p}`);
    assert.strictEqual(c('source/_posts/2020-01-02-hello-world.md').kind, 'post');
    assert.deepStrictEqual([c('source/_drafts/idea.md').kind, c('source/_drafts/idea.md').draftByLocation], ['post', true]);
    assert.strictEqual(c('source/about/index.md').kind, 'page');
    assert.strictEqual(c('source/_data/notes.md').kind, 'ignored');
    assert.strictEqual(c('source/_posts/_partial.md').kind, 'ignored');
    assert.strictEqual(c('source/static/raw.md').kind, 'ignored');
    assert.strictEqual(c('scaffolds/post.md').kind, 'ignored');
    assert.strictEqual(c('README.md').kind, 'ignored');
    assert.strictEqual(c('_config.yml').kind, 'ignored');
  });

  it('dates, drafts, future posts with future: false, URLs', () => {
    const a = (p: string) => analyze(site, `hexo-blog/source/${p}`);
    const hello = a('_posts/2020-01-02-hello-world.md');
    assert.deepStrictEqual([hello.date, hello.source, hello.status], ['2020-01-02', 'filename', 'published']);
    assert.strictEqual(hello.url, 'https://hexo.example.com/blog/2020/01/hello-world/');
    const withDate = a('_posts/with-date.md');
    assert.deepStrictEqual([withDate.date, withDate.source], ['2021-06-07T08:09:10', 'front-matter']);
    assert.strictEqual(withDate.url, 'https://hexo.example.com/blog/2021/06/with-date/');
    assert.strictEqual(a('_posts/unpublished.md').status, 'draft');
    assert.strictEqual(a('_drafts/idea.md').status, 'draft');
    assert.strictEqual(a('_posts/future.md').status, 'scheduled');
    assert.strictEqual(a('_posts/custom.md').url, 'https://hexo.example.com/blog/custom/path/');
    const undated = a('_posts/undated.md');
    assert.deepStrictEqual([undated.date, undated.status, undated.url], [undefined, 'undated', undefined]);
    assert.strictEqual(a('about/index.md').url, 'https://hexo.example.com/blog/about/');
  });
});

describe('site model: Hexo static folders and values (#17)', () => {
  it('serves source/ and the theme\'s source/, and exposes _config.yml as values', async () => {
    const site = await hexoGenerator.detect(
      memoryFiles({ 'h/_config.yml': 'title: H\nnew_post_name: :title.md\ntheme: landscape\nurl: https://h.example/blog\n' }),
      'h',
      ['_config.yml'],
    );
    assert.deepStrictEqual(site?.staticDirs, ['h/source', 'h/themes/landscape/source']);
    assert.strictEqual(site?.values?.['title'], 'H');
    const custom = await hexoGenerator.detect(memoryFiles({ '_config.yml': 'source_dir: src\nnew_post_name: :title.md\n' }), '', ['_config.yml']);
    assert.deepStrictEqual(custom?.staticDirs, ['src']);
  });
});
