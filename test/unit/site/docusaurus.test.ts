import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Site } from '../../../src/core/site/types';
import { formatIsoDate } from '../../../src/core/dates';
import { splitDocument } from '../../../src/core/frontmatter';
import { resolveSiteDate, type SiteContext } from '../../../src/core/site/facts';
import { withFileTimes, type FileTimes } from '../../../src/core/site/fileTimes';
import { docusaurusGenerator, docusaurusTitle } from '../../../src/core/site/generators/docusaurus';
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

  it("reads each blog's tags file (Docusaurus 3.4+ `tags`): labels by key, a missing label the key capitalised", async () => {
    const site = await docusaurusGenerator.detect(diskFiles(SITES), 'docusaurus-site', ['docusaurus.config.ts']);
    assert.deepStrictEqual({ ...site?.tagLabels }, { hola: '¡Hola!', docusaurus: 'Docusaurus' });
    assert.ok(site?.watchFiles.includes('docusaurus-site/blog/tags.yml'));
    assert.ok(site?.watchFiles.includes('docusaurus-site/changelog/tags.yml'), "every blog's tags file is watched, present or not");
    assert.match(site?.notes.join('\n') ?? '', /Tags: 2 tags in docusaurus-site\/blog\/tags\.yml/);
  });

  it('reads the `tags` option: a path from the blog folder, none with false or null, lodash capitalize for a bare key', async () => {
    const config = (tags: string) => `export default { url: 'https://x.dev', presets: [['classic', { blog: { ${tags} } }]] };\n`;
    const yml = 'openSource:\n  label: Open Source\nRUST:\nweb-dev: {}\n';
    const custom = await docusaurusGenerator.detect(memoryFiles({ 'docusaurus.config.js': config("tags: 'meta/tags.yaml'"), 'blog/meta/tags.yaml': yml }), '', ['docusaurus.config.js']);
    assert.deepStrictEqual({ ...custom?.tagLabels }, { openSource: 'Open Source', RUST: 'Rust', 'web-dev': 'Web-dev' });
    assert.ok(custom?.watchFiles.includes('blog/meta/tags.yaml'));
    for (const off of ['tags: false', 'tags: null']) {
      const none = await docusaurusGenerator.detect(memoryFiles({ 'docusaurus.config.js': config(off), 'blog/tags.yml': yml }), '', ['docusaurus.config.js']);
      assert.strictEqual(none?.tagLabels, undefined, off);
    }
    const computed = await docusaurusGenerator.detect(memoryFiles({ 'docusaurus.config.js': config('tags: tagsPath'), 'blog/tags.yml': yml }), '', ['docusaurus.config.js']);
    assert.strictEqual(computed?.tagLabels, undefined);
    assert.match(computed?.notes.join('\n') ?? '', /tags option is not a string literal/);
    // Not a table of tags (Docusaurus stops the build): no labels.
    const bad = await docusaurusGenerator.detect(memoryFiles({ 'docusaurus.config.js': config(''), 'blog/tags.yml': 'a: just text\n' }), '', ['docusaurus.config.js']);
    assert.strictEqual(bad?.tagLabels, undefined);
  });
});

// Found by scripts/check-docusaurus.ts against @docusaurus/plugin-content-blog
// 3.10.2's own loadContent(): its title is `title ?? contentTitle ??
// parsedBlogFileName.text`, and an undated post takes its first commit's date,
// else the file's creation time.
describe('site model: Docusaurus titles and undated posts, as plugin-content-blog 3.10.2 gives them', () => {
  it('takes a heading only at the very top of the body (after MDX imports), as @docusaurus/utils parseMarkdownContentTitle', () => {
    assert.deepStrictEqual(docusaurusTitle('\n# Hello `world` ##\n\nText', 'x.md'), { title: 'Hello world', source: 'heading' });
    assert.deepStrictEqual(docusaurusTitle("import Tabs from '@theme/Tabs';\n\n# With **imports** {#anchor}\n", 'x.mdx'), { title: 'With **imports**', source: 'heading' });
    assert.deepStrictEqual(docusaurusTitle('Setext title\n=====\n\nText', 'x.md'), { title: 'Setext title', source: 'heading' });
    // A heading after a paragraph, or a level-2 heading, is not the title.
    assert.deepStrictEqual(docusaurusTitle('Intro paragraph.\n\n# Later heading\n', 'late-heading.md'), { title: 'late-heading', source: 'filename' });
    assert.deepStrictEqual(docusaurusTitle('## Second level\n', 'second.md'), { title: 'second', source: 'filename' });
  });

  it('else the path below the blog folder as written: the text after a date, or the whole path', () => {
    assert.deepStrictEqual(docusaurusTitle('', '2023-03-03-no-title.md'), { title: 'no-title', source: 'filename' });
    assert.deepStrictEqual(docusaurusTitle('', '2024-07-08-some_Folder/index.mdx'), { title: 'some_Folder', source: 'filename' });
    assert.deepStrictEqual(docusaurusTitle('', '2021/09/01/nested-post.mdx'), { title: 'nested-post', source: 'filename' });
    assert.deepStrictEqual(docusaurusTitle('', 'team/2020-05-06-middle.md'), { title: 'middle', source: 'filename' });
    assert.deepStrictEqual(docusaurusTitle('', 'notes/plain-note.md'), { title: 'notes/plain-note', source: 'filename' });
    assert.deepStrictEqual(docusaurusTitle('', 'notes/index.md'), { title: 'notes', source: 'filename' });
  });

  const config = "export default { url: 'https://x.dev', baseUrl: '/', presets: [['classic', { blog: { routeBasePath: 'news' } }]] };";
  const tree = {
    'docusaurus.config.js': config,
    'blog/2023-03-03-no-title.md': '---\ntags: [a]\n---\n\nJust a paragraph.\n',
    'blog/late-heading.md': '---\ndate: 2023-04-04\n---\n\nIntro paragraph.\n\n# Later heading\n',
    'blog/notes/plain-note.md': '---\ndate: 2024-01-02\n---\n\nNo heading here.\n',
    'blog/top-heading.md': '# Top heading\n\nA post without front matter.\n',
    'blog/titled.md': '---\ntitle: Front matter wins\n---\n\n# Heading loses\n',
    'blog/undated.md': '---\ntitle: Undated\n---\n',
    'src/pages/about.md': 'About us\n\nA page whose first line is its headline.\n',
  };

  it('titles posts by those rules, never changing what the author wrote; pages keep the general rules', async () => {
    const site = await docusaurusGenerator.detect(memoryFiles(tree), '', ['docusaurus.config.js']);
    assert.ok(site);
    const facts = (p: string) => siteFacts(site, p, tree[p as keyof typeof tree], NOW);
    assert.deepStrictEqual(['blog/2023-03-03-no-title.md', 'blog/late-heading.md', 'blog/notes/plain-note.md', 'blog/top-heading.md', 'blog/titled.md'].map((p) => facts(p).title), [
      'no-title',
      'late-heading',
      'notes/plain-note',
      'Top heading',
      'Front matter wins',
    ]);
    assert.strictEqual(facts('blog/notes/plain-note.md').url, 'https://x.dev/news/notes/plain-note');
    assert.strictEqual(facts('src/pages/about.md').title, 'About us');
  });

  it('leaves a post with no date in its front matter or path undated, even with its file times at hand, and says why', async () => {
    const site = await docusaurusGenerator.detect(memoryFiles(tree), '', ['docusaurus.config.js']);
    assert.ok(site);
    const file = 'blog/undated.md';
    const text = tree[file];
    const classification = site.classify(file);
    const base: SiteContext = { site, classification, rules: site.rules(file, classification), sitePath: file };
    const times: FileTimes = { gitFirst: '2020-07-07T12:00:00+00:00', createdMs: Date.UTC(2021, 4, 6, 23, 30), modifiedMs: Date.UTC(2022, 0, 1) };
    const r = resolveSiteDate({ path: file, text }, splitDocument(text), withFileTimes(base, times));
    assert.strictEqual(r.date ? formatIsoDate(r.date.value) : undefined, undefined);
    assert.match(site.notes.join('\n'), /a post with neither is left undated here, where Docusaurus dates it by its first commit or creation time in a production build/);
  });
});
