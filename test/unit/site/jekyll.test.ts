// The Jekyll site model (src/core/site/generators/jekyll.ts) on the fixture
// sites test/fixtures/sites/jekyll-*: classification, dates, status, titles
// and URLs as Jekyll 4.3 builds them. Run under TZ=America/Los_Angeles and
// TZ=Pacific/Kiritimati too: nothing here may depend on the machine's zone.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatIsoDate } from '../../../src/core/dates';
import { splitDocument } from '../../../src/core/frontmatter';
import { classifyLines } from '../../../src/core/markdown';
import { resolveSiteDate, siteStatus, siteTitle, siteUrl } from '../../../src/core/site/facts';
import { jekyllGenerator, jekyllHasFrontMatter, jekyllNeedsFrontMatter, jekyllSlugify, jekyllSlugOfName, jekyllWallTime } from '../../../src/core/site/generators/jekyll';
import type { Site, SiteFiles } from '../../../src/core/site/types';
import { diskFiles, memoryFiles } from './helpers';

const FIXTURES = path.resolve(__dirname, '../../fixtures/sites');
const NOW = new Date('2026-12-04T12:00:00Z');



async function detectAt(files: SiteFiles, root: string): Promise<Site> {
  const listing = (await files.list(root)) ?? [];
  const site = await jekyllGenerator.detect(
    files,
    root,
    listing.map((e) => e.name).filter((n) => jekyllGenerator.markers.includes(n)),
  );
  assert.ok(site, `a Jekyll site at '${root}'`);
  return site;
}

interface Facts {
  kind: string;
  reason: string;
  draftByLocation: boolean;
  date?: string;
  dateSource?: string;
  status?: string;
  title?: string;
  titleSource?: string;
  url?: string;
  unavailable?: readonly string[];
}

function factsOf(site: Site, file: string, text: string | undefined, now: Date = NOW): Facts {
  const classification = site.classify(file);
  const out: Facts = { kind: classification.kind, reason: classification.reason, draftByLocation: classification.draftByLocation === true };
  if ((classification.kind !== 'post' && classification.kind !== 'page') || text === undefined) return out;
  const rules = site.rules(file, classification);
  const sitePath = site.root === '' ? file : file.slice(site.root.length + 1);
  const context = { site, classification, rules, sitePath };
  const split = splitDocument(text);
  const doc = { path: file, text };
  const resolved = resolveSiteDate(doc, split, context);
  const title = siteTitle(split, classifyLines(text, split.bodyStart), context);
  const url = siteUrl(split, context, title.title, resolved.date?.value);
  return {
    ...out,
    ...(resolved.date ? { date: formatIsoDate(resolved.date.value), dateSource: resolved.date.source } : {}),
    status: siteStatus(doc, split, context, resolved.date, now),
    title: title.title,
    titleSource: title.source,
    ...(url !== undefined ? { url } : {}),
    ...(resolved.unavailable ? { unavailable: resolved.unavailable } : {}),
  };
}

async function fixtureSite(name: string, root: string): Promise<{ site: Site; facts: (file: string) => Facts }> {
  const base = path.join(FIXTURES, name);
  const site = await detectAt(diskFiles(base), root);
  return {
    site,
    facts: (file) => {
      let text: string | undefined;
      try {
        text = fs.readFileSync(path.join(base, file), 'utf8');
      } catch {
        text = undefined;
      }
      return factsOf(site, file, text);
    },
  };
}

describe('Jekyll site model', () => {
  describe('detect', () => {
    it('reads a site in docs/ with its base URL, config and notes', async () => {
      const { site } = await fixtureSite('jekyll-blog', 'docs');
      assert.equal(site.generator, 'jekyll');
      assert.equal(site.root, 'docs');
      assert.equal(site.configFile, 'docs/_config.yml');
      assert.deepEqual(site.watchFiles, ['docs/_config.yml', 'docs/Gemfile']);
      assert.equal(site.baseUrl, 'https://example.com/site');
      const notes = site.notes.join('\n');
      assert.match(notes, /`date` permalink style/);
      assert.match(notes, /America\/Los_Angeles/);
      assert.match(notes, /`recipes` \(output\)/);
      assert.match(notes, /modification time/);
    });

    it('reads `source`, `collections_dir`, `future` and a list of collections', async () => {
      const { site } = await fixtureSite('jekyll-pretty', '');
      assert.equal(site.root, '');
      assert.equal(site.baseUrl, 'https://blog.example.org');
      const notes = site.notes.join('\n');
      assert.match(notes, /`src\/`/);
      assert.match(notes, /`content\/`/);
      assert.match(notes, /future: true/);
      assert.match(notes, /No `timezone`/);
    });

    it('prefers _config.yml to _config.toml, and reads a TOML config alone', async () => {
      const both = await detectAt(memoryFiles({ '_config.yml': 'permalink: none\n', '_config.toml': 'permalink = "pretty"\n' }), '');
      assert.equal(both.configFile, '_config.yml');
      assert.match(both.notes.join('\n'), /_config\.toml is not read/);
      const toml = await detectAt(memoryFiles({ '_config.toml': 'permalink = "pretty"\nurl = "https://t.example"\n', '_posts/2020-01-02-x.md': '' }), '');
      assert.equal(toml.configFile, '_config.toml');
      assert.equal(factsOf(toml, '_posts/2020-01-02-x.md', '---\n---\n').url, 'https://t.example/2020/01/02/x/');
    });

    it('leaves a Hexo site alone', async () => {
      const hexo = memoryFiles({ '_config.yml': 'new_post_name: :title.md\nsource_dir: source\n', 'package.json': '{}' });
      assert.equal(await jekyllGenerator.detect(hexo, '', ['_config.yml']), undefined);
      const hexoPackage = memoryFiles({ '_config.yml': 'title: x\n', 'package.json': '{"dependencies": {"hexo": "^7.0.0"}}' });
      assert.equal(await jekyllGenerator.detect(hexoPackage, '', ['_config.yml']), undefined);
    });

    it('says when the config cannot be read and assumes the defaults', async () => {
      const site = await detectAt(memoryFiles({ '_config.yml': '- a list\n- not settings\n' }), '');
      assert.match(site.notes.join('\n'), /not hold a table of settings.*defaults are assumed/);
      assert.equal(site.classify('_posts/2020-01-01-a.md').kind, 'post');
    });

    it('joins `url` and `baseurl` without doubled slashes', async () => {
      const site = await detectAt(memoryFiles({ '_config.yml': 'url: https://x.example/\nbaseurl: /blog/\n' }), '');
      assert.equal(site.baseUrl, 'https://x.example/blog');
      const relative = await detectAt(memoryFiles({ '_config.yml': 'baseurl: /blog\n' }), '');
      assert.equal(relative.baseUrl, '/blog');
      const none = await detectAt(memoryFiles({ '_config.yml': 'title: t\n' }), '');
      assert.equal(none.baseUrl, undefined);
    });
  });

  describe('classify (jekyll-blog, site in docs/)', () => {
    let facts: (file: string) => Facts;
    before(async () => {
      facts = (await fixtureSite('jekyll-blog', 'docs')).facts;
    });

    const expected: [string, string, RegExp?][] = [
      ['README.md', 'ignored', /Outside/],
      ['docs/_config.yml', 'ignored'],
      ['docs/Gemfile', 'ignored'],
      ['docs/.hidden.md', 'ignored', /start with _ \. # or ~/],
      ['docs/_unknown-folder.md', 'ignored', /start with _ \. # or ~/],
      ['docs/_layouts/default.html', 'ignored', /layouts/],
      ['docs/_includes/note.md', 'ignored', /includes/],
      ['docs/vendor/bundle/gem-readme.md', 'ignored', /vendor/],
      ['docs/excluded/thing.md', 'ignored', /exclude: excluded/],
      ['docs/_posts/2020-11-06-hello-world.md', 'post', /^Jekyll post: in _posts\/ \(docs\/_config\.yml\)$/],
      ['docs/_posts/2020/2020-02-02-in-a-subfolder.md', 'post'],
      ['docs/_posts/2019-03-03-no-front-matter.md', 'post'],
      ['docs/_posts/no-date-in-name.md', 'post', /Jekyll skips it: its name has no date/],
      ['docs/blog/_posts/2021-03-04-in-a-category.md', 'post', /in blog\/_posts\//],
      ['docs/blog/travel/_posts/2021-04-05-two-categories.md', 'post'],
      ['docs/_drafts/an-undated-draft.md', 'post', /draft/],
      ['docs/_recipes/cake.md', 'page', /`recipes` collection/],
      ['docs/_recipes/bread.md', 'page', /static file/],
      ['docs/index.md', 'page'],
      ['docs/about.md', 'page'],
      ['docs/notes.md', 'page', /without front matter Jekyll copies it as a static file/],
      ['docs/guides/setup.markdown', 'page'],
    ];
    for (const [file, kind, reason] of expected) {
      it(`${file} → ${kind}`, () => {
        const f = facts(file);
        assert.equal(f.kind, kind, f.reason);
        if (reason) assert.match(f.reason, reason);
      });
    }

    it('marks drafts by location only', () => {
      assert.equal(facts('docs/_drafts/a-dated-draft.md').draftByLocation, true);
      assert.equal(facts('docs/_posts/2020-11-06-hello-world.md').draftByLocation, false);
    });

    it('names the files Jekyll copies without building them', () => {
      assert.equal(jekyllHasFrontMatter('---\ntitle: x\n---\n'), true);
      assert.equal(jekyllHasFrontMatter('---  \r\n---\r\n'), true);
      assert.equal(jekyllHasFrontMatter('\ufeff---\n---\n'), true);
      assert.equal(jekyllHasFrontMatter('# Notes\n'), false);
      assert.equal(jekyllHasFrontMatter('+++\ntitle = "x"\n+++\n'), false);
      assert.equal(jekyllHasFrontMatter('--- title\n'), false);
    });

    it('knows Markdown pages need no front matter on GitHub Pages', async () => {
      const plain = await detectAt(memoryFiles({ '_config.yml': '', 'Gemfile': 'gem "jekyll"\n' }), '');
      const pages = await detectAt(memoryFiles({ '_config.yml': '', 'Gemfile': 'source "https://rubygems.org"\ngem "github-pages", group: :jekyll_plugins\n' }), '');
      const plugin = await detectAt(memoryFiles({ '_config.yml': 'plugins:\n  - jekyll-optional-front-matter\ncollections: [c]\n' }), '');
      const need = (site: Site, file: string): boolean => jekyllNeedsFrontMatter(site, file, site.classify(file));
      assert.equal(need(plain, 'notes.md'), true);
      assert.equal(need(plain, '_posts/2020-01-01-a.md'), false);
      assert.equal(need(pages, 'notes.md'), false);
      assert.equal(need(pages, 'notes.html'), true);
      assert.equal(need(plugin, 'notes.md'), false);
      assert.equal(need(plugin, '_c/doc.md'), true);
      assert.match(pages.notes.join('\n'), /github-pages/);
      assert.deepEqual(pages.watchFiles, ['_config.yml', 'Gemfile']);
    });
  });

  describe('dates, status, titles and URLs (jekyll-blog)', () => {
    let facts: (file: string) => Facts;
    before(async () => {
      facts = (await fixtureSite('jekyll-blog', 'docs')).facts;
    });

    it('dates a post by its file name and titles it by its slug', () => {
      const f = facts('docs/_posts/2020-11-06-hello-world.md');
      assert.deepEqual([f.date, f.dateSource, f.status, f.title, f.titleSource], ['2020-11-06', 'filename', 'published', 'Hello World', 'slug']);
      assert.equal(f.url, 'https://example.com/site/2020/11/06/hello-world.html');
    });

    it('lets front matter `date` win over the file name', () => {
      const f = facts('docs/_posts/2021-09-01-front-matter-date-wins.md');
      assert.deepEqual([f.date, f.dateSource], ['2021-09-15', 'front-matter']);
      assert.equal(f.url, 'https://example.com/site/2021/09/15/front-matter-date-wins.html');
    });

    it("shows an offset date as written but builds the URL in the site's time zone", () => {
      const f = facts('docs/_posts/2013-05-06-jekyll-1-0-0-released.markdown');
      assert.equal(f.date, '2013-05-06T02:12:52+02:00');
      assert.equal(f.title, 'Jekyll 1.0.0 Released');
      assert.equal(f.url, 'https://example.com/site/2013/05/05/jekyll-1-0-0-released.html');
          });

    it('reads an unquoted date-time without offset as UTC for the URL, as YAML does', () => {
      const f = facts('docs/_posts/2020-01-06-floating-time.md');
      assert.deepEqual([f.date, f.url], ['2020-01-06T02:00:00', 'https://example.com/site/2020/01/05/globbed.html']);
    });

    it('reads keys case-sensitively', () => {
      const f = facts('docs/_posts/2020-01-01-Case-Keys.md');
      assert.deepEqual([f.date, f.dateSource, f.title, f.titleSource], ['2020-01-01', 'filename', 'Case Keys', 'slug']);
          });

    it('drafts by `published: false` and `_drafts/`, not by `draft: true`; schedules the future', () => {
      assert.equal(facts('docs/_posts/2021-06-01-not-published.md').status, 'draft');
      assert.equal(facts('docs/_posts/2021-06-02-draft-key-ignored.md').status, 'published');
      assert.equal(facts('docs/_posts/2099-01-01-from-the-future.md').status, 'scheduled');
      const dated = facts('docs/_drafts/a-dated-draft.md');
      assert.deepEqual([dated.status, dated.date, dated.url], ['draft', '2022-02-02', 'https://example.com/site/2022/02/02/a-dated-draft.html']);
      const undated = facts('docs/_drafts/an-undated-draft.md');
      assert.deepEqual([undated.status, undated.date, undated.url], ['draft', undefined, undefined]);
      assert.deepEqual(undated.unavailable, [':fileModTime']);
    });

    it('leaves a post without a date in its name undated, whatever its front matter says', () => {
      const f = facts('docs/_posts/no-date-in-name.md');
      assert.deepEqual([f.kind, f.date, f.status, f.url], ['post', undefined, 'undated', undefined]);
    });

    it('takes categories from the folders above _posts and from front matter', () => {
      assert.equal(facts('docs/blog/_posts/2021-03-04-in-a-category.md').url, 'https://example.com/site/blog/from-defaults/travel%20notes/2021/03/04/in-a-category.html');
      assert.equal(facts('docs/blog/travel/_posts/2021-04-05-two-categories.md').url, 'https://example.com/site/blog/travel/from-defaults/road%20trips/2021/04/05/two-categories.html');
      assert.equal(facts('docs/_posts/2020/2020-02-02-in-a-subfolder.md').url, 'https://example.com/site/2020/02/02/in-a-subfolder.html');
    });

    it('applies front matter defaults to URLs', () => {
      assert.equal(facts('docs/_posts/2020-01-01-Case-Keys.md').url, 'https://example.com/site/2020/01/01/globbed.html');
      assert.equal(facts('docs/_posts/2020-01-05-late-night.md').url, 'https://example.com/site/2020/01/05/globbed.html');
    });

    it('uses front matter `slug` and `permalink`', () => {
      assert.equal(facts('docs/_posts/2021-10-01-with-slug.md').url, 'https://example.com/site/2021/10/01/another-slug.html');
      assert.equal(facts('docs/_posts/2021-08-01-custom-permalink.md').url, 'https://example.com/site/custom/2021/custom-permalink/');
    });

    it('addresses pages and collection documents', () => {
      assert.equal(facts('docs/index.md').url, 'https://example.com/site/');
      assert.equal(facts('docs/about.md').url, 'https://example.com/site/about.html');
      assert.equal(facts('docs/about.md').title, 'About this site');
      assert.equal(facts('docs/guides/index.md').url, 'https://example.com/site/docs/index/');
      assert.equal(facts('docs/guides/setup.markdown').url, 'https://example.com/site/setup/');
      assert.equal(facts('docs/_recipes/cake.md').url, 'https://example.com/site/recipes/cake/');
      assert.equal(facts('docs/notes.md').title, 'Notes without front matter');
    });
  });

  describe('jekyll-pretty (source: src, collections_dir: content, permalink: pretty)', () => {
    let facts: (file: string) => Facts;
    before(async () => {
      facts = (await fixtureSite('jekyll-pretty', '')).facts;
    });

    it('reads posts only inside collections_dir', () => {
      assert.equal(facts('src/content/_posts/2022-03-04-pretty-post.md').kind, 'post');
      assert.equal(facts('src/content/news/_posts/2022-05-06-news-item.md').kind, 'post');
      assert.match(facts('src/_posts/2022-01-01-outside-collections-dir.md').reason, /outside `collections_dir: content`/);
      assert.equal(facts('src/_posts/2022-01-01-outside-collections-dir.md').kind, 'ignored');
      assert.equal(facts('_config.yml').kind, 'ignored');
    });

    it('reads a folder named in `include`, excludes by prefix, skips _ folders inside a collection', () => {
      const contact = facts('src/_pages/contact.md');
      assert.deepEqual([contact.kind, contact.url], ['page', 'https://blog.example.org/_pages/contact/']);
      assert.match(facts('src/archive-old/old.md').reason, /exclude: archive/);
      assert.equal(facts('src/content/_notes/_private/secret.md').kind, 'ignored');
      assert.equal(facts('src/content/_notes/draft-note.md~').kind, 'ignored');
    });

    it('excludes by glob, as File.fnmatch does', () => {
      assert.equal(facts('src/ideas.wip.md').kind, 'ignored');
      assert.equal(facts('src/content/_posts/2022-04-04-idea.wip.md').kind, 'ignored');
    });

    it('builds pretty URLs and publishes future posts', () => {
      const f = facts('src/content/_posts/2022-03-04-pretty-post.md');
      assert.equal(f.url, 'https://blog.example.org/2022/03/04/pretty-post/');
      assert.equal(facts('src/content/_posts/2030-01-01-future-built.md').status, 'published');
      assert.equal(facts('src/content/news/_posts/2022-05-06-news-item.md').url, 'https://blog.example.org/news/releases/updates/2022/05/06/news-item/');
      assert.equal(facts('src/content/_posts/2022-06-07-Mixed.Dots.And_Underscores!.md').url, 'https://blog.example.org/2022/06/08/Mixed.Dots.And_Underscores!/');
      assert.equal(facts('src/about.md').url, 'https://blog.example.org/about/');
      assert.equal(facts('src/index.html').url, 'https://blog.example.org/');
    });

    it('gives no URL to a collection that is not output', () => {
      const f = facts('src/content/_notes/first-note.md');
      assert.deepEqual([f.kind, f.url, f.title], ['page', undefined, 'First note']);
    });
  });

  describe('permalink styles and placeholders', () => {
    const post = '_posts/2021-01-03-Hello-World.md';
    async function urlWith(config: string, text = '---\n---\n', file = post): Promise<string | undefined> {
      const site = await detectAt(memoryFiles({ '_config.yml': config, [file]: text }), '');
      return factsOf(site, file, text).url;
    }

    it('follows the built-in styles', async () => {
      assert.equal(await urlWith('permalink: date\n'), '/2021/01/03/Hello-World.html');
      assert.equal(await urlWith('permalink: pretty\n'), '/2021/01/03/Hello-World/');
      assert.equal(await urlWith('permalink: ordinal\n'), '/2021/003/Hello-World.html');
      assert.equal(await urlWith('permalink: weekdate\n'), '/2021/W53/Sun/Hello-World.html');
      assert.equal(await urlWith('permalink: none\n'), '/Hello-World.html');
    });

    it('fills every placeholder of a custom pattern', async () => {
      const text = '---\ndate: 2021-01-03 04:05:06 +0000\ncategories: [Big News, "c++"]\n---\n';
      assert.equal(
        await urlWith('timezone: UTC\npermalink: /:categories/:slugified_categories/:year/:short_year/:month/:i_month/:day/:i_day/:hour-:minute-:second/:slug/:name/\n', text),
        '/big%20news/c++/big-news/c/2021/21/01/1/03/3/04-05-06/hello-world/2021-01-03-hello-world/',
      );
      assert.equal(await urlWith('timezone: UTC\npermalink: /:short_month/:long_month/:long_day/:w_year-:week-:w_day/:y_day/:collection/:title:output_ext\n', text), '/Jan/January/Sunday/2020-53-7/003/posts/Hello-World.html');
      assert.equal(await urlWith('permalink: /:year_:month/:title\n'), '/2021_01/Hello-World');
      assert.equal(await urlWith('permalink: /:nonsense/:title/\n'), undefined);
      assert.equal(await urlWith('permalink: constructor\n'), '/constructor');
      assert.equal(await urlWith('permalink: /:constructor/\n'), undefined);
      const site = await detectAt(memoryFiles({ '_config.yml': 'collections: { __proto__: { output: true } }\n' }), '');
      assert.equal(site.classify('__proto__/x.md').kind, 'ignored');
      assert.equal(site.classify('_toString/x.md').kind, 'ignored');
    });

    it('keeps pages in step with the style', async () => {
      assert.equal(await urlWith('permalink: pretty\n', '---\n---\n', 'docs/page.md'), '/docs/page/');
      assert.equal(await urlWith('permalink: none\n', '---\n---\n', 'docs/page.md'), '/docs/page.html');
      assert.equal(await urlWith('permalink: weekdate\n', '---\n---\n', 'docs/page.md'), '/docs/page');
      assert.equal(await urlWith('permalink: /:year/:title/\n', '---\n---\n', 'docs/page.md'), '/docs/page/');
      assert.equal(await urlWith('permalink: /:year/:title\n', '---\n---\n', 'docs/page.md'), '/docs/page');
      assert.equal(await urlWith('permalink: /:year/:title:output_ext\n', '---\npermalink: /x/:basename:output_ext\n---\n', 'docs/page.md'), '/x/page.html');
    });

    it('uses a collection’s own permalink and output flag', async () => {
      const config = 'collections:\n  guides:\n    output: true\n  hidden:\n    output: false\npermalink: pretty\n';
      assert.equal(await urlWith(config, '---\n---\n', '_guides/deep/intro.md'), '/guides/deep/intro/');
      assert.equal(await urlWith(config, '---\n---\n', '_hidden/intro.md'), undefined);
      assert.equal(await urlWith('collections:\n  guides:\n    output: true\n    permalink: /g/:name:output_ext\n', '---\n---\n', '_guides/2020-01-01-intro.md'), '/g/2020-01-01-intro.html');
    });
  });

  describe('front matter defaults', () => {
    const config = [
      'collections_dir: coll',
      'collections:',
      '  recipes:',
      '    output: true',
      'defaults:',
      '  - scope: { path: "" }',
      '    values: { layout: default, permalink: /all/:title/ }',
      '  - scope: { path: "blog", type: posts }',
      '    values: { categories: [from-defaults], permalink: /blog/:categories/:title/ }',
      '  - scope: { path: "coll/blog/_posts/2020-*.md", type: post }',
      '    values: { slug: globbed }',
      '  - scope: { type: recipes }',
      '    values: { permalink: /food/:name/ }',
      '  - scope: { path: "guides/", type: pages }',
      '    values: { permalink: /docs/:basename/ }',
      '',
    ].join('\n');
    async function urlOf(file: string, text = '---\n---\n'): Promise<string | undefined> {
      const site = await detectAt(memoryFiles({ '_config.yml': config, [file]: text }), '');
      return factsOf(site, file, text).url;
    }

    it('applies the most specific scope, by path, glob and type', async () => {
      assert.equal(await urlOf('coll/_posts/2021-01-01-a.md'), '/all/a/');
      assert.equal(await urlOf('coll/blog/_posts/2021-01-01-a.md'), '/blog/blog/from-defaults/a/');
      assert.equal(await urlOf('coll/blog/_posts/2020-01-01-a.md'), '/blog/blog/from-defaults/globbed/');
      assert.equal(await urlOf('coll/_recipes/cake.md'), '/food/cake/');
      assert.equal(await urlOf('guides/intro.md'), '/docs/intro/');
      // A page's permalink knows only :path, :basename and :output_ext: Jekyll leaves :title as written.
      assert.equal(await urlOf('about.md'), '/all/:title/');
    });

    it('lets front matter win, joining categories', async () => {
      assert.equal(await urlOf('coll/blog/_posts/2021-01-01-a.md', '---\npermalink: /own/:categories/\ncategories: [Mine]\n---\n'), '/own/blog/from-defaults/mine/');
      assert.equal(await urlOf('coll/_recipes/cake.md', '---\npermalink: /cake/\n---\n'), '/cake/');
    });

    it('says what it applies', async () => {
      const site = await detectAt(memoryFiles({ '_config.yml': config }), '');
      assert.match(site.notes.join('\n'), /`defaults` \(5 scopes\): 5 set/);
    });
  });

  describe('helpers', () => {
    it('slugifies as Utils.slugify does', () => {
      assert.equal(jekyllSlugify('Hello, World!'), 'hello-world');
      assert.equal(jekyllSlugify('  Ünïcödé  straße '), 'ünïcödé-straße');
      assert.equal(jekyllSlugify("Mixed.Dots_And!'s  <b>", 'pretty', true), "Mixed.Dots_And!'s-b");
      assert.equal(jekyllSlugOfName('2020-1-5-a-post...md'), 'a-post');
      assert.equal(jekyllSlugOfName('untitled.md'), 'untitled');
    });

    it("reads a date's wall time in the site's zone", () => {
      const offset = { kind: 'datetime', year: 2013, month: 5, day: 6, hour: 2, minute: 12, second: 52, offsetMinutes: 120 } as const;
      assert.deepEqual(jekyllWallTime(offset, 'America/Los_Angeles'), { year: 2013, month: 5, day: 5, hour: 17, minute: 12, second: 52 });
      assert.deepEqual(jekyllWallTime(offset, 'Pacific/Kiritimati'), { year: 2013, month: 5, day: 6, hour: 14, minute: 12, second: 52 });
      assert.deepEqual(jekyllWallTime(offset, undefined), { year: 2013, month: 5, day: 6, hour: 2, minute: 12, second: 52 });
      const floating = { kind: 'datetime', year: 2020, month: 1, day: 5, hour: 2, minute: 0, second: 0 } as const;
      assert.equal(jekyllWallTime(floating, 'America/Los_Angeles', '2020-01-05 02:00:00').day, 4);
      assert.equal(jekyllWallTime(floating, 'America/Los_Angeles', '2020-01-05 02:00').day, 5);
      assert.equal(jekyllWallTime({ kind: 'date', year: 2020, month: 1, day: 5 }, 'Pacific/Kiritimati').day, 5);
    });

    it('flags a file name date Jekyll reads but Postdesk does not', async () => {
      const site = await detectAt(memoryFiles({ '_config.yml': '' }), '');
      assert.match(site.classify('_posts/2020-1-5-short.md').reason, /not written YYYY-MM-DD/);
    });

    it('classifies 100,000 posts in nested _posts folders (its speed is in npm run bench)', async () => {
      const site = await detectAt(memoryFiles({ '_config.yml': 'exclude: [a, "b*", c/d/]\ncollections: [x, y]\n' }), '');
      let posts = 0;
      for (let i = 0; i < 100_000; i++) if (site.classify(`news/${i % 7}/_posts/2020-01-${String((i % 28) + 1).padStart(2, '0')}-post-${i}.md`).kind === 'post') posts++;
      assert.equal(posts, 100_000);
    });
  });
});

describe('site model: Jekyll static folders (#17)', () => {
  it('serves the source folder at the site root', async () => {
    const site = await jekyllGenerator.detect(memoryFiles({ 'docs/_config.yml': 'baseurl: /blog\nsource: src\ntitle: T\n' }), 'docs', ['_config.yml']);
    assert.deepEqual(site?.staticDirs, ['docs/src']);
    assert.equal(site?.baseUrl, '/blog');
    const top = await jekyllGenerator.detect(memoryFiles({ '_config.yml': 'title: T\n' }), '', ['_config.yml']);
    assert.deepEqual(top?.staticDirs, ['']);
  });
});
