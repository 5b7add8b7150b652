// Finding the sites of a workspace folder: generator configs at the root or
// below it (docs/, blog/), the deepest root owning a file, the plain model
// where no generator claims a folder, and postdesk.config.json's overrides.
import assert from 'node:assert/strict';
import { analyze, DEFAULT_CONFIG, detectSites, siteContextFor } from '../../../src/core';
import { splitDocument } from '../../../src/core/frontmatter';
import { resolveSiteDate } from '../../../src/core/site/facts';
import { withFileTimes } from '../../../src/core/site/fileTimes';
import { memoryFiles } from './helpers';


const DATE_FIELDS = ['date', 'publishDate', 'pubDate', 'published_at'];

describe('site detection', () => {
  it('finds a Jekyll site in docs/ and a Hugo site in blog/ beside plain posts, each file in the deepest site', async () => {
    const sites = await detectSites(
      memoryFiles({
        '_posts/2020-01-01-plain.md': '# Plain\n',
        'README.md': '# Project\n',
        'docs/_config.yml': 'title: Docs\n',
        'docs/_posts/2021-03-04-news.md': '---\ntitle: News\n---\n',
        'docs/about.md': '---\ntitle: About\n---\n',
        'blog/hugo.toml': 'baseURL = "https://blog.example/"\n',
        'blog/content/posts/hello.md': '---\ntitle: Hello\n---\n',
        'blog/content/posts/_index.md': '---\ntitle: Posts\n---\n',
      }),
      { dateFields: DATE_FIELDS },
    );
    assert.deepEqual(sites.sites.map((s) => [s.root, s.generator]), [['', 'none'], ['blog', 'hugo'], ['docs', 'jekyll']]);
    const kind = (path: string): string => `${siteContextFor(sites, path).site.generator}:${siteContextFor(sites, path).classification.kind}`;
    assert.equal(kind('_posts/2020-01-01-plain.md'), 'none:post');
    assert.equal(kind('README.md'), 'none:ignored');
    assert.equal(kind('docs/_posts/2021-03-04-news.md'), 'jekyll:post');
    assert.equal(kind('docs/about.md'), 'jekyll:page');
    assert.equal(kind('blog/content/posts/hello.md'), 'hugo:post');
    assert.equal(kind('blog/content/posts/_index.md'), 'hugo:section');
    assert.ok(sites.watchFiles.includes('docs/_config.yml') && sites.watchFiles.includes('blog/hugo.toml'), sites.watchFiles.join(', '));
  });

  it('treats a folder without a generator as plain Markdown, posts in dated folders, no project documents', async () => {
    const sites = await detectSites(memoryFiles({ 'news/a.md': 'x', 'about.md': 'y', 'CHANGELOG.md': 'z', '.github/copilot-instructions.md': 'w' }), { dateFields: DATE_FIELDS });
    assert.equal(sites.sites.length, 1);
    const kinds = ['news/a.md', 'about.md', 'CHANGELOG.md', '.github/copilot-instructions.md'].map((p) => siteContextFor(sites, p).classification.kind);
    assert.deepEqual(kinds, ['post', 'page', 'ignored', 'ignored']);
    const flat = await detectSites(memoryFiles({ 'a.md': 'x', 'notes/b.md': 'y' }), { dateFields: DATE_FIELDS });
    assert.deepEqual(['a.md', 'notes/b.md'].map((p) => siteContextFor(flat, p).classification.kind), ['post', 'post']);
  });

  it('lets postdesk.config.json name the generator and root, and which files are posts or pages', async () => {
    const files = memoryFiles({ 'site/_config.yml': 'title: x\n', 'site/_posts/2020-01-01-a.md': 'x', 'site/guides/b.md': 'y', 'site/notes/c.md': 'z' });
    const sites = await detectSites(files, { dateFields: DATE_FIELDS, override: { generator: 'jekyll', root: 'site', posts: ['guides/**'], pages: ['_posts/**'], dateFields: ['published'] } });
    assert.equal(siteContextFor(sites, 'site/guides/b.md').classification.kind, 'post');
    assert.equal(siteContextFor(sites, 'site/_posts/2020-01-01-a.md').classification.kind, 'page');
    const rules = siteContextFor(sites, 'site/guides/b.md').rules;
    assert.deepEqual(rules.date[0], { kind: 'field', key: 'published' });
    const none = await detectSites(files, { dateFields: DATE_FIELDS, override: { generator: 'none' } });
    assert.equal(siteContextFor(none, 'site/notes/c.md').site.generator, 'none');
  });

  it('lets postdesk.config.json date posts by their git history or modification time', async () => {
    const files = memoryFiles({ 'posts/a.md': 'x' });
    const sites = await detectSites(files, { dateFields: DATE_FIELDS, override: { dateSources: ['git', 'file-mod-time'] } });
    const context = siteContextFor(sites, 'posts/a.md');
    assert.deepEqual(context.rules.date.slice(-2), [{ kind: 'git' }, { kind: 'file-mod-time' }]);
    const split = splitDocument('Body only\n');
    const byGit = resolveSiteDate({ path: 'posts/a.md', text: 'Body only\n' }, split, withFileTimes(context, { gitLast: '2021-05-03T12:00:00+02:00', modifiedMs: Date.UTC(2024, 0, 1, 12) }));
    assert.equal(byGit.date?.source, 'git');
    const byTime = resolveSiteDate({ path: 'posts/a.md', text: 'Body only\n' }, split, withFileTimes(context, { modifiedMs: Date.UTC(2024, 0, 1, 12) }));
    assert.equal(byTime.date?.source, 'file-mod-time');
  });
});

describe('date keywords', () => {
  it("reads Eleventy's `date: Last Modified` as a source it cannot read, not as an invalid date", async () => {
    const sites = await detectSites(memoryFiles({ 'eleventy.config.js': 'export default function () {}\n', 'posts/posts.json': '{ "tags": ["posts"] }', 'posts/a.md': 'x' }), { dateFields: DATE_FIELDS });
    const site = siteContextFor(sites, 'posts/a.md');
    assert.equal(site.site.generator, 'eleventy');
    const analysis = analyze({ path: 'posts/a.md', text: '---\ntitle: A\ndate: Last Modified\n---\nBody.\n' }, DEFAULT_CONFIG, { site });
    assert.deepEqual(analysis.findings.filter((f) => f.rule === 'invalid-date'), []);
  });
});

describe('the plain model', () => {
  it('finds a posts folder deeper than site roots are looked for, and says so: then the other files are pages', async () => {
    const sites = await detectSites(memoryFiles({ 'a/b/c/d/posts/2020-01-01-x.md': '# X', 'a/b/c/d/about.md': '# About', 'notes/y.md': '# Y' }), { dateFields: DATE_FIELDS });
    const kinds = ['a/b/c/d/posts/2020-01-01-x.md', 'a/b/c/d/about.md', 'notes/y.md'].map((p) => siteContextFor(sites, p).classification.kind);
    assert.deepEqual(kinds, ['post', 'page', 'page']);
    const notes = sites.sites[0]?.notes ?? [];
    assert.ok(notes.includes('Posts folder found at a/b/c/d/posts/.'), notes.join('\n'));
    assert.ok(!notes.includes('Every Markdown file is a post.'));
  });

  it("does not take a deep posts folder inside a generator's site for the plain folder's", async () => {
    const sites = await detectSites(
      memoryFiles({ 'site/hugo.toml': 'title = "x"\n', 'site/a/b/c/posts/p.md': '# P', 'notes/y.md': '# Y' }),
      { dateFields: DATE_FIELDS },
    );
    assert.equal(siteContextFor(sites, 'notes/y.md').classification.kind, 'post');
    assert.ok(sites.sites[0]?.notes.includes('Every Markdown file is a post.'));
  });

  it("takes a posts folder's own index page for a listing page, and a bundle's index for a post", async () => {
    const sites = await detectSites(memoryFiles({ 'blog/index.md': '# Blog', 'blog/2020-01-01-trip/index.md': '# Trip', 'blog/a.md': '# A' }), { dateFields: DATE_FIELDS });
    assert.deepEqual(['blog/index.md', 'blog/2020-01-01-trip/index.md', 'blog/a.md'].map((p) => siteContextFor(sites, p).classification.kind), ['page', 'post', 'post']);
  });
});

describe("a document's own text refines its path's kind", () => {
  it('Jekyll: a page without front matter is a static file, not checked; with it, a page', async () => {
    const sites = await detectSites(memoryFiles({ '_config.yml': 'title: x\n', 'notes.md': 'Advertisement\n', 'about.md': '---\ntitle: About\n---\n' }), { dateFields: DATE_FIELDS });
    const site = siteContextFor(sites, 'notes.md');
    const bare = analyze({ path: 'notes.md', text: 'Plain text.\n\nAdvertisement\n' }, DEFAULT_CONFIG, { site });
    assert.equal(bare.post.kind, 'static');
    assert.deepEqual(bare.findings, []);
    const page = analyze({ path: 'notes.md', text: '---\ntitle: Notes\n---\nAdvertisement\n' }, DEFAULT_CONFIG, { site });
    assert.equal(page.post.kind, 'page');
    assert.deepEqual(page.findings.map((f) => f.rule), ['stray-marker']);
  });

  it('Eleventy: own tags join the posts, override:tags and eleventyExcludeFromCollections leave them', async () => {
    const sites = await detectSites(
      memoryFiles({ 'eleventy.config.js': 'export default function () {}\n', 'blog/blog.json': '{ "tags": ["blog"] }', 'blog/a.md': 'x', 'about.md': 'y' }),
      { dateFields: DATE_FIELDS },
    );
    const kind = (path: string, text: string): string | undefined => analyze({ path, text }, DEFAULT_CONFIG, { site: siteContextFor(sites, path) }).post.kind;
    assert.equal(kind('about.md', '---\ntags: post\n---\n'), 'post');
    assert.equal(kind('about.md', '---\ntitle: About\n---\n'), 'page');
    assert.equal(kind('blog/a.md', '---\noverride:tags:\n---\n'), 'page');
    assert.equal(kind('blog/a.md', '---\neleventyExcludeFromCollections: true\n---\n'), 'page');
    assert.equal(kind('blog/a.md', '---\ntitle: A\n---\n'), 'post');
  });
});

describe('a generator config its generator would refuse', () => {
  it('is named with why, whether or not a site could still be read from it', async () => {
    const broken = await detectSites(memoryFiles({ 'hugo.toml': 'baseURL = "https://x.example/"\ntitle = \n', 'content/a.md': 'x', 'docs/_config.yml': 'title: [unclosed\n', 'docs/_posts/2020-01-01-a.md': 'x' }), { dateFields: DATE_FIELDS });
    assert.deepEqual(broken.problems.map((p) => p.file), ['hugo.toml', 'docs/_config.yml']);
    assert.match(broken.problems[0]?.message ?? '', /hugo\.toml cannot be read/);
    const fine = await detectSites(memoryFiles({ 'hugo.toml': 'baseURL = "https://x.example/"\n', 'content/a.md': 'x' }), { dateFields: DATE_FIELDS });
    assert.deepEqual(fine.problems, []);
  });
});

describe('unlisted posts and pasted articles on generator sites', () => {
  it("Hugo's _build list: never and Docusaurus' unlisted: true are built but unlisted", async () => {
    const hugo = await detectSites(memoryFiles({ 'hugo.toml': 'baseURL = "https://x.example/"\nlanguageCode = "en"\n', 'content/posts/a.md': 'x' }), { dateFields: DATE_FIELDS });
    const status = (sites: typeof hugo, path: string, text: string): string => analyze({ path, text }, DEFAULT_CONFIG, { site: siteContextFor(sites, path), now: new Date(Date.UTC(2024, 0, 1)) }).post.status;
    assert.equal(status(hugo, 'content/posts/a.md', '---\ntitle: A\ndate: 2020-01-01\n_build:\n  list: never\n---\n'), 'unlisted');
    assert.equal(status(hugo, 'content/posts/a.md', '---\ntitle: A\ndate: 2020-01-01\n---\n'), 'published');
    const docusaurus = await detectSites(memoryFiles({ 'docusaurus.config.js': 'export default { presets: [["classic", { blog: {} }]] };\n', 'blog/2020-01-01-a.md': 'x' }), { dateFields: DATE_FIELDS });
    assert.equal(status(docusaurus, 'blog/2020-01-01-a.md', '---\ntitle: A\nunlisted: true\n---\n'), 'unlisted');
  });

  it("titles a pasted article by its headline on any generator's site, not by its file name", async () => {
    const hugo = await detectSites(memoryFiles({ 'hugo.toml': 'baseURL = "https://x.example/"\nlanguageCode = "en"\n', 'content/posts/pasted.md': 'x' }), { dateFields: DATE_FIELDS });
    const post = analyze({ path: 'content/posts/pasted.md', text: 'US sees progress in Syria talks\nThe phone conversation followed discussions on Syria earlier this week, the ministry said.\n' }, DEFAULT_CONFIG, { site: siteContextFor(hugo, 'content/posts/pasted.md') }).post;
    assert.deepEqual([post.title, post.titleSource], ['US sees progress in Syria talks', 'first-line']);
  });
});
