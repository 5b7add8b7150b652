import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Site } from '../../../src/core/site/types';
import { docusaurusGenerator } from '../../../src/core/site/generators/docusaurus';
import { diskFiles, siteFacts, SITES, memoryFiles } from './helpers';

const NOW = new Date('2024-06-01T12:00:00Z');

function analyze(site: Site, file: string) {
  return siteFacts(site, file, fs.readFileSync(path.join(SITES, file), 'utf8'), NOW);
}

describe('site model: Docusaurus', () => {
  const files = diskFiles(SITES);
  let site: Site;
  before(async () => {
    const s = await docusaurusGenerator.detect(files, 'docusaurus-site', ['docusaurus.config.ts']);
    assert.ok(s, 'the Docusaurus fixture is detected');
    site = s;
  });

  it('reads url, baseUrl and the blog plugins as text', () => {
    assert.strictEqual(site.baseUrl, 'https://docs.example.com/site');
    const notes = site.notes.join('\n');
    assert.match(notes, /Blog "default" \(the classic preset\): posts in docusaurus-site\/blog\/, addressed under \/news\//);
    assert.match(notes, /Blog "changelog" \(a plugin-content-blog instance\): posts in docusaurus-site\/changelog\//);
  });

  it('classifies blog posts, docs, pages and partials', () => {
    const c = (p: string) => site.classify(`docusaurus-site/${p}`).kind;
    assert.strictEqual(c('blog/2021-08-26-welcome/index.md'), 'post');
    assert.strictEqual(c('blog/2021/09/01/nested-post.mdx'), 'post');
    assert.strictEqual(c('blog/2019-05-28-first-blog-post.md'), 'post');
    assert.strictEqual(c('blog/_partial.mdx'), 'ignored');
    assert.strictEqual(c('blog/authors.yml'), 'ignored');
    assert.strictEqual(c('blog/2021-08-26-welcome/docusaurus.png'), 'ignored');
    assert.strictEqual(c('changelog/2020-01-01-v1.md'), 'post');
    assert.strictEqual(site.classify('docusaurus-site/changelog/2020-01-01-v1.md').collection, 'changelog');
    assert.strictEqual(c('docs/intro.md'), 'page');
    assert.strictEqual(c('docs/_partials/note.md'), 'ignored');
    assert.strictEqual(c('src/pages/about.md'), 'page');
    assert.strictEqual(c('i18n/fr/docusaurus-plugin-content-blog/2019-05-28-first-blog-post.md'), 'post');
    assert.strictEqual(c('README.md'), 'ignored');
  });

  it('dates from front matter, file and folder names; drafts; titles; URLs', () => {
    const a = (p: string) => analyze(site, `docusaurus-site/${p}`);
    const welcome = a('blog/2021-08-26-welcome/index.md');
    assert.deepStrictEqual([welcome.date, welcome.source, welcome.url], ['2021-08-26', 'filename', 'https://docs.example.com/site/news/welcome']);
    const nested = a('blog/2021/09/01/nested-post.mdx');
    assert.deepStrictEqual([nested.date, nested.source, nested.url], ['2021-09-01', 'folder', 'https://docs.example.com/site/news/2021/09/01/nested-post']);
    const first = a('blog/2019-05-28-first-blog-post.md');
    assert.deepStrictEqual([first.date, first.url], ['2019-05-28', 'https://docs.example.com/site/news/2019/05/28/first-blog-post']);
    const plain = a('blog/plain.md');
    assert.deepStrictEqual([plain.date, plain.source, plain.title, plain.url], ['2020-02-03T10:00:00', 'front-matter', 'Heading as title', 'https://docs.example.com/site/news/plain']);
    assert.strictEqual(a('blog/draft.md').status, 'draft');
    assert.strictEqual(a('blog/unlisted.md').status, 'unlisted');
    assert.strictEqual(a('changelog/2020-01-01-v1.md').url, 'https://docs.example.com/site/changelog/2020/01/01/v1');
    assert.strictEqual(a('i18n/fr/docusaurus-plugin-content-blog/2019-05-28-first-blog-post.md').url, 'https://docs.example.com/site/fr/news/2019/05/28/first-blog-post');
    assert.strictEqual(a('docs/intro.md').url, undefined);
  });

  it('blog: false turns the classic blog off', async () => {
    const config = "module.exports = { url: 'https://x.dev', baseUrl: '/', presets: [['classic', { docs: { routeBasePath: '/' }, blog: false }]] };";
    const memory = {
      readText: async (p: string) => (p === 'docusaurus.config.js' ? config : undefined),
      list: async () => undefined,
    };
    const s = await docusaurusGenerator.detect(memory, '', ['docusaurus.config.js']);
    assert.ok(s);
    assert.strictEqual(s.classify('blog/2020-01-01-x.md').kind, 'ignored');
    assert.strictEqual(s.classify('docs/x.md').kind, 'page');
    assert.strictEqual(s.baseUrl, 'https://x.dev');
  });
});

describe('site model: Docusaurus static folders, values and authors (#17)', () => {
  it('reads static/, the values and blog/authors.yml of the fixture', async () => {
    const site = await docusaurusGenerator.detect(diskFiles(SITES), 'docusaurus-site', ['docusaurus.config.ts']);
    assert.deepStrictEqual(site?.staticDirs, ['docusaurus-site/static']);
    assert.deepStrictEqual([site?.values?.['title'], site?.values?.['url'], site?.values?.['baseUrl']], ['My Site', 'https://docs.example.com', '/site/']);
    assert.deepStrictEqual(site?.authorProfiles?.['slorber'], { name: 'Sébastien Lorber' });
    assert.ok(site?.watchFiles.includes('docusaurus-site/blog/authors.yml'));
    assert.ok(site?.watchFiles.includes('docusaurus-site/changelog/authors.yml'), 'every blog\'s authors map is watched, present or not');
    assert.match(site?.notes.join('\n') ?? '', /Authors: 1 profile in docusaurus-site\/blog\/authors\.yml/);
  });

  it('reads staticDirectories, customFields and authorsMapPath (JSON) when literal', async () => {
    const config = `export default {
  title: 'T', tagline: 'Tag', url: 'https://x.dev', baseUrl: '/',
  staticDirectories: ['public', 'static', '../shared'],
  customFields: { team: 'core', flags: { beta: true }, years: [2023, 2024] },
  presets: [['classic', { blog: { authorsMapPath: 'people.json' } }]],
};
`;
    const authors = JSON.stringify({ ada: { name: 'Ada Lovelace', title: 'Maintainer', url: 'https://ada.example', image_url: '/img/ada.png' }, bob: { imageURL: 'https://b.example/b.png' }, bad: 'x' });
    const site = await docusaurusGenerator.detect(memoryFiles({ 'docusaurus.config.js': config, 'blog/people.json': authors }), '', ['docusaurus.config.js']);
    assert.deepStrictEqual(site?.staticDirs, ['public', 'static']);
    assert.match(site?.notes.join('\n') ?? '', /static folder \.\.\/shared is outside the site/);
    assert.deepStrictEqual(JSON.parse(JSON.stringify(site?.values)), { title: 'T', tagline: 'Tag', url: 'https://x.dev', baseUrl: '/', customFields: { team: 'core', flags: { beta: true }, years: [2023, 2024] } });
    assert.deepStrictEqual({ ...site?.authorProfiles }, {
      ada: { name: 'Ada Lovelace', title: 'Maintainer', url: 'https://ada.example', imageUrl: '/img/ada.png' },
      bob: { name: 'bob', imageUrl: 'https://b.example/b.png' },
    });
    assert.ok(site?.watchFiles.includes('blog/people.json'));
    const computed = await docusaurusGenerator.detect(memoryFiles({ 'docusaurus.config.js': "export default { url: 'https://x.dev', customFields: { v: process.env.V }, staticDirectories: dirs };\n" }), '', ['docusaurus.config.js']);
    assert.deepStrictEqual(computed?.staticDirs, ['static']);
    assert.strictEqual(computed?.values?.['customFields'], undefined);
    assert.strictEqual(computed?.authorProfiles, undefined);
  });
});
