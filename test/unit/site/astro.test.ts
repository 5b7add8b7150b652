import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Site } from '../../../src/core/site/types';
import { astroGenerator } from '../../../src/core/site/generators/astro';
import { globToRegExp } from '../../../src/core/site/generators/jsSource';
import { diskFiles, siteFacts, SITES, memoryFiles } from './helpers';

const NOW = new Date('2024-06-01T12:00:00Z');

function analyze(site: Site, file: string) {
  return siteFacts(site, file, fs.readFileSync(path.join(SITES, file), 'utf8'), NOW);
}

describe('site model: Astro', () => {
  const files = diskFiles(SITES);
  let site: Site;
  before(async () => {
    const s = await astroGenerator.detect(files, 'astro-blog', ['astro.config.mjs']);
    assert.ok(s, 'the Astro fixture is detected');
    site = s;
  });

  it('reads the config and the content config as text', () => {
    assert.strictEqual(site.baseUrl, 'https://astro.example.com');
    assert.strictEqual(site.configFile, 'astro-blog/astro.config.mjs');
    assert.ok(site.watchFiles.includes('astro-blog/src/content.config.ts'));
    const notes = site.notes.join('\n');
    assert.match(notes, /Collection "posts": glob "\*\*\/\*\.\{md,mdx\}" in astro-blog\/src\/posts\/: posts dated by `pubDate`, `draft` in its schema/);
    assert.match(notes, /Collection "docs": .*pages \(its schema has no date field\)/);
    assert.match(notes, /Collection "authors": a file\(\) loader/);
    assert.match(notes, /Collection "notes": glob "\*\.md" in astro-blog\/src\/notes\/: posts dated by `date`/);
  });

  it('classifies collection entries, pages and what Astro does not render', () => {
    const c = (p: string) => site.classify(`astro-blog/${p}`);
    assert.strictEqual(c('src/posts/first-post.md').kind, 'post');
    assert.strictEqual(c('src/posts/first-post.md').collection, 'posts');
    assert.strictEqual(c('src/posts/2024/Second_Post.mdx').kind, 'post');
    assert.strictEqual(c('src/posts/notes.txt').kind, 'ignored');
    assert.strictEqual(c('src/docs/getting-started.md').kind, 'page');
    assert.strictEqual(c('src/notes/a-note.md').kind, 'post');
    assert.strictEqual(c('src/pages/about.md').kind, 'page');
    assert.strictEqual(c('src/pages/_hidden/secret.md').kind, 'ignored');
    assert.strictEqual(c('src/_templates/post.md').kind, 'ignored');
    assert.strictEqual(c('src/content/stray/old.md').kind, 'ignored');
    assert.strictEqual(c('README.md').kind, 'ignored');
    assert.strictEqual(c('AGENTS.md').kind, 'ignored');
    assert.strictEqual(c('.github/copilot-instructions.md').kind, 'ignored');
  });

  it('dates, drafts and URLs of entries and pages', () => {
    const a = (p: string) => analyze(site, `astro-blog/${p}`);
    const first = a('src/posts/first-post.md');
    assert.deepStrictEqual([first.date, first.source, first.status], ['2024-03-05', 'front-matter', 'published']);
    assert.strictEqual(first.url, 'https://astro.example.com/posts/first-post/');
    const second = a('src/posts/2024/Second_Post.mdx');
    assert.strictEqual(second.url, 'https://astro.example.com/posts/2024/second_post/');
    assert.strictEqual(second.date, '2024-07-08', 'the schema names pubDate, not updatedDate, as the date');
    assert.strictEqual(a('src/posts/draft-post.md').status, 'draft');
    const custom = a('src/posts/custom-slug.md');
    assert.strictEqual(custom.url, 'https://astro.example.com/posts/my/custom-slug/');
    assert.strictEqual(custom.status, 'published', 'Astro does not hold back future entries');
    assert.strictEqual(a('src/pages/about.md').url, 'https://astro.example.com/about/');
    assert.strictEqual(a('src/docs/getting-started.md').url, undefined);
  });

  it('legacy collections without a content config, base and trailingSlash', async () => {
    const legacy = await astroGenerator.detect(files, 'astro-legacy', ['astro.config.ts']);
    assert.ok(legacy);
    assert.strictEqual(legacy.baseUrl, 'https://legacy.example.com/docs');
    const c = (p: string) => legacy.classify(`astro-legacy/${p}`).kind;
    assert.strictEqual(c('src/content/blog/hello.md'), 'post');
    assert.strictEqual(c('src/content/blog/nested/index.md'), 'post');
    assert.strictEqual(c('src/content/blog/_skip.md'), 'ignored');
    assert.strictEqual(c('src/content/_private/x.md'), 'ignored');
    assert.strictEqual(c('src/pages/index.md'), 'page');
    const nested = analyze(legacy, 'astro-legacy/src/content/blog/nested/index.md');
    assert.strictEqual(nested.date, '2023-02-03');
    assert.strictEqual(nested.url, undefined);
    assert.strictEqual(analyze(legacy, 'astro-legacy/src/pages/index.md').url, 'https://legacy.example.com/docs/');
  });

  it('refuses a folder whose marker is not there', async () => {
    assert.strictEqual(await astroGenerator.detect(files, 'astro-blog', []), undefined);
  });

  it('globs like picomatch for the common cases', () => {
    assert.ok(globToRegExp('**/*.{md,mdx}').test('a/b/c.mdx'));
    assert.ok(globToRegExp('**/*.md').test('c.md'));
    assert.ok(!globToRegExp('**/*.md').test('.hidden/c.md'));
    assert.ok(!globToRegExp('*.md').test('a/c.md'));
    assert.ok(globToRegExp('blog/[0-9]*.md').test('blog/2020.md'));
  });
});

describe('site model: Astro public folder and values (#17)', () => {
  it('serves public/ by default, publicDir when literal, and keeps site and base as values', async () => {
    const dflt = await astroGenerator.detect(memoryFiles({ 'a/astro.config.mjs': "export default { site: 'https://a.example', base: '/docs' };\n" }), 'a', ['astro.config.mjs']);
    assert.deepStrictEqual(dflt?.staticDirs, ['a/public']);
    assert.deepStrictEqual({ ...dflt?.values }, { site: 'https://a.example', base: '/docs' });
    assert.strictEqual(dflt?.baseUrl, 'https://a.example/docs');
    const custom = await astroGenerator.detect(memoryFiles({ 'astro.config.mjs': "export default { publicDir: './static' };\n" }), '', ['astro.config.mjs']);
    assert.deepStrictEqual(custom?.staticDirs, ['static']);
    const computed = await astroGenerator.detect(memoryFiles({ 'astro.config.mjs': 'export default { publicDir: dir };\n' }), '', ['astro.config.mjs']);
    assert.deepStrictEqual(computed?.staticDirs, ['public']);
    assert.match(computed?.notes.join('\n') ?? '', /publicDir. is not a string literal/);
  });
});
