import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Site } from '../../../src/core/site/types';
import { eleventyGenerator } from '../../../src/core/site/generators/eleventy';
import { allFiles, CORPUS_SITES, diskFiles, siteFacts, SITES, memoryFiles } from './helpers';

const NOW = new Date('2024-06-01T12:00:00Z');

function analyze(site: Site, file: string, base = SITES) {
  return siteFacts(site, file, fs.readFileSync(path.join(base, file), 'utf8'), NOW);
}

const REAL_SITE = path.join(CORPUS_SITES, '11ty-website');

describe('site model: Eleventy', () => {
  const files = diskFiles(SITES);
  let site: Site;
  before(async () => {
    const s = await eleventyGenerator.detect(files, 'eleventy-blog', ['eleventy.config.js']);
    assert.ok(s, 'the Eleventy fixture is detected');
    site = s;
  });

  it('reads dir, ignores, directory data and a conventional site address', () => {
    const notes = site.notes.join('\n');
    assert.match(notes, /input `content`, includes `_includes`, data `_data`, output `_site`/);
    assert.match(notes, /eleventy-blog\/content\/blog\/ \(tags "posts" from eleventy-blog\/content\/blog\/blog\.11tydata\.json\)/);
    assert.match(notes, /eleventy-blog\/content\/news\/ \(tags "news"/);
    assert.match(notes, /`draft: true` read as a draft/);
    assert.strictEqual(site.baseUrl, 'https://eleventy.example.net');
    assert.ok(site.watchFiles.includes('eleventy-blog/.eleventyignore'));
    assert.ok(site.watchFiles.includes('eleventy-blog/content/blog/blog.11tydata.json'));
  });

  it('classifies posts by directory data tags, everything else as pages or ignored', () => {
    const c = (p: string) => site.classify(`eleventy-blog/${p}`);
    assert.strictEqual(c('content/blog/2023-04-05-hello-world.md').kind, 'post');
    assert.strictEqual(c('content/blog/2023-04-05-hello-world.md').collection, 'posts');
    assert.strictEqual(c('content/news/2020-05-06-launch.md').kind, 'post');
    assert.strictEqual(c('content/notes/thing.md').kind, 'page');
    assert.strictEqual(c('content/about.md').kind, 'page');
    assert.strictEqual(c('content/index.md').kind, 'page');
    // Tagged in its own front matter only: the path model cannot see it.
    assert.strictEqual(c('content/docs/setup.md').kind, 'page');
    assert.strictEqual(c('content/_includes/layout.md').kind, 'ignored');
    assert.strictEqual(c('content/scratch/keep.md').kind, 'ignored', 'Eleventy does not support ! lines');
    assert.match(c('content/scratch/keep.md').reason, /\.eleventyignore/);
    assert.strictEqual(c('content/private.md').kind, 'ignored');
    assert.strictEqual(c('content/page.njk').kind, 'ignored');
    assert.strictEqual(c('README.md').kind, 'ignored');
    const idea = c('content/blog/drafts/2024-01-01-idea.md');
    assert.strictEqual(idea.kind, 'post');
    assert.strictEqual(idea.draftByLocation, true);
    assert.match(idea.reason, /permalink: false/);
  });

  it('dates, drafts, permalink: false and URLs', () => {
    const a = (p: string) => analyze(site, `eleventy-blog/content/${p}`);
    const hello = a('blog/2023-04-05-hello-world.md');
    assert.deepStrictEqual([hello.date, hello.source, hello.status], ['2023-04-05', 'filename', 'published']);
    assert.strictEqual(hello.url, 'https://eleventy.example.net/blog/hello-world/');
    const dated = a('blog/dated.md');
    assert.deepStrictEqual([dated.date, dated.source], ['2022-12-24', 'front-matter']);
    assert.strictEqual(a('blog/unwritten.md').status, 'draft');
    assert.strictEqual(a('blog/unwritten.md').url, undefined);
    assert.strictEqual(a('blog/draft.md').status, 'draft');
    assert.strictEqual(a('blog/drafts/2024-01-01-idea.md').status, 'draft');
    assert.strictEqual(a('blog/own-permalink.md').url, 'https://eleventy.example.net/writing/my-own-link/');
    assert.strictEqual(a('blog/modified.md').date, undefined);
    assert.strictEqual(a('news/2020-05-06-launch.md').url, undefined, 'a computed permalink is not known');
    assert.strictEqual(a('about.md').url, 'https://eleventy.example.net/about/');
    assert.strictEqual(a('index.md').url, 'https://eleventy.example.net/');
  });

  it('eleventy-base-blog layout: includes and data above the input folder, JavaScript directory data', async () => {
    const base = await eleventyGenerator.detect(files, 'eleventy-base-blog', ['eleventy.config.js']);
    assert.ok(base);
    assert.strictEqual(base.baseUrl, 'https://example.com');
    const post = base.classify('eleventy-base-blog/content/blog/firstpost/firstpost.md');
    assert.deepStrictEqual([post.kind, post.collection], ['post', 'posts']);
    assert.strictEqual(base.classify('eleventy-base-blog/_includes/x.md').kind, 'ignored');
    const a = analyze(base, 'eleventy-base-blog/content/blog/firstpost/firstpost.md');
    assert.deepStrictEqual([a.date, a.url], ['2018-05-01', 'https://example.com/blog/firstpost/']);
  });

  it('the real 11ty.dev site: blog posts are posts, documentation is not', async function () {
    if (!fs.existsSync(path.join(REAL_SITE, 'eleventy.config.js'))) this.skip();
    const real = await eleventyGenerator.detect(diskFiles(REAL_SITE), '', ['eleventy.config.js']);
    assert.ok(real);
    const counts = new Map<string, number>();
    const posts: string[] = [];
    for (const f of allFiles(REAL_SITE)) {
      const k = real.classify(f).kind;
      counts.set(k, (counts.get(k) ?? 0) + 1);
      if (k === 'post') posts.push(f);
    }
    const blogMarkdown = fs.readdirSync(path.join(REAL_SITE, 'src/blog')).filter((n) => n.endsWith('.md'));
    assert.strictEqual(posts.length, blogMarkdown.length, posts.filter((p) => !p.startsWith('src/blog/')).join(', '));
    assert.ok(posts.every((p) => p.startsWith('src/blog/')));
    const docs = allFiles(REAL_SITE).filter((f) => f.startsWith('src/docs/') && f.endsWith('.md'));
    assert.ok(docs.length > 100, `${docs.length} documentation pages`);
    // code-of-conduct.md is a project document to every model (neverContent): ignored, not a page.
    assert.deepStrictEqual(docs.filter((f) => real.classify(f).kind !== 'page'), ['src/docs/code-of-conduct.md']);
    const dated = posts.map((p) => analyze(real, p, REAL_SITE)).filter((p) => p.date !== undefined);
    // Every dated file name gives its date; blog.md (the listing page, `override:tags:` in its front matter) has none.
    assert.strictEqual(dated.length, blogMarkdown.filter((n) => /^\d{4}-\d{2}-\d{2}-/.test(n)).length);
    const discord = analyze(real, 'src/blog/2020-08-10-discord.md', REAL_SITE);
    assert.deepStrictEqual([discord.date, discord.source, discord.url], ['2020-08-10', 'filename', '/blog/discord/']);
    console.log(`      11ty.dev: ${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')}; ${dated.length} of ${posts.length} posts dated`);
  });
});

describe('site model: Eleventy passthrough folders and site values (#17)', () => {
  it('reads literal passthrough copies (input folder stripped, renamed targets) and names the others', async () => {
    const config = `export default function (c) {
  c.addPassthroughCopy("img");
  c.addPassthroughCopy("src/assets");
  c.addPassthroughCopy({ "static/favicons": "/" });
  c.addPassthroughCopy({ "src/media/pics": "pics" });
  c.addPassthroughCopy("**/*.jpg");
  c.addPassthroughCopy("src/blog/*.png");
  c.addPassthroughCopy({ "x/y": "z" });
  c.addPassthroughCopy({ "src/*.css": "css" });
  c.addPassthroughCopy(computed);
  return { dir: { input: "src" } };
}
`;
    const site = await eleventyGenerator.detect(memoryFiles({ 'eleventy.config.js': config, 'src/index.md': '# Hi\n' }), '', ['eleventy.config.js']);
    // `**/*.jpg` is served from the project root, `src/blog/*.png` from the input folder.
    assert.deepStrictEqual(site?.staticDirs, ['', 'src', 'static/favicons', 'src/media']);
    assert.match(site?.notes.join('\n') ?? '', /passthrough copies not read .*: x\/y → z, src\/\*\.css, computed\./);
  });

  it('takes site values from _data/site.json only (YAML when the config adds it), never from JavaScript data', async () => {
    const json = await eleventyGenerator.detect(memoryFiles({ 'eleventy.config.js': 'export default () => {};\n', '_data/site.json': '{"title": "Eleventy Blog", "author": {"name": "Ada"}}', '_data/site.js': 'module.exports = { title: "run" };' }), '', ['eleventy.config.js']);
    assert.strictEqual(json?.values?.['title'], 'Eleventy Blog');
    assert.ok(json?.watchFiles.includes('_data/site.json'));
    const yaml = await eleventyGenerator.detect(memoryFiles({ 'eleventy.config.js': 'export default (c) => { c.addDataExtension("yml,yaml", (s) => yaml.load(s)); };\n', '_data/site.yml': 'title: From YAML\n' }), '', ['eleventy.config.js']);
    assert.strictEqual(yaml?.values?.['title'], 'From YAML');
    const jsOnly = await eleventyGenerator.detect(memoryFiles({ 'eleventy.config.js': 'export default () => {};\n', '_data/site.js': 'module.exports = { title: "run" };', '_data/site.yml': 'title: no extension\n' }), '', ['eleventy.config.js']);
    assert.strictEqual(jsOnly?.values, undefined);
    assert.deepStrictEqual(jsOnly?.staticDirs, []);
  });
});
