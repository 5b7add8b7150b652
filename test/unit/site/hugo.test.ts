// The Hugo generator model: detection (and refusing a config.toml that is not
// Hugo's), classification of content, bundles and resources, and the rules
// that date, draft, schedule, expire, title and address a page, applied by
// the shared engine (facts.ts) with a fixed clock.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatIsoDate } from '../../../src/core/dates';
import { splitDocument } from '../../../src/core/frontmatter';
import { classifyLines } from '../../../src/core/markdown';
import { resolveSiteDate, siteStatus, siteTitle, siteUrl } from '../../../src/core/site/facts';
import { hugoGenerator } from '../../../src/core/site/generators/hugo';
import type { Site, SiteFiles } from '../../../src/core/site/types';
import { below } from '../../../src/core/site/util';
import type { SourceDocument } from '../../../src/core/types';
import { diskFiles, memoryFiles } from './helpers';

const SITES = path.join(__dirname, '..', '..', 'fixtures', 'sites');
const NOW = new Date('2024-06-01T12:00:00Z');



function markersIn(files: Readonly<Record<string, string>>, root = ''): string[] {
  const names = new Set(Object.keys(files).map((f) => below(f, root)?.split('/')[0]));
  return hugoGenerator.markers.filter((m) => names.has(m));
}

async function detect(tree: Readonly<Record<string, string>>, root = ''): Promise<{ site: Site | undefined; files: SiteFiles & { text(p: string): string } }> {
  const files = { ...memoryFiles(tree), text: (p: string) => tree[p] as string };
  return { site: await hugoGenerator.detect(files, root, markersIn(tree, root)), files };
}

function analyze(site: Site, file: string, text: string, now = NOW) {
  const classification = site.classify(file);
  const split = splitDocument(text);
  const doc: SourceDocument = { path: file, text };
  const context = { site, classification, rules: site.rules(file, classification), sitePath: below(file, site.root) ?? file };
  const date = resolveSiteDate(doc, split, context);
  const title = siteTitle(split, classifyLines(text, split.bodyStart), context);
  return {
    kind: classification.kind,
    reason: classification.reason,
    date: date.date ? formatIsoDate(date.date.value) : undefined,
    source: date.date?.source,
    unavailable: date.unavailable,
    status: siteStatus(doc, split, context, date.date, now),
    title: title.title,
    titleSource: title.source,
    url: siteUrl(split, context, title.title, date.date?.value),
  };
}

const post = (fm: string, body = 'Body.\n'): string => `---\n${fm}\n---\n${body}`;

describe('site model: Hugo', () => {
  describe('detection', () => {
    it('takes hugo.toml as Hugo by its name, and says so', async () => {
      const { site } = await detect({ 'hugo.toml': 'title = "x"\n', 'content/a.md': post('title: A') });
      assert.ok(site);
      assert.equal(site.generator, 'hugo');
      assert.equal(site.configFile, 'hugo.toml');
      assert.match(site.notes[0], /hugo\.toml is Hugo's own config file name/);
    });

    it('takes a config.toml with Hugo keys, and refuses one with Zola keys only', async () => {
      const hugo = await detect({ 'config.toml': 'baseURL = "https://example.org/"\nlanguageCode = "en-us"\n' });
      assert.ok(hugo.site);
      assert.equal(hugo.site.baseUrl, 'https://example.org');
      assert.match(hugo.site.notes[0], /Hugo's keys languagecode/);

      const zola = await detect({ 'config.toml': 'base_url = "https://example.org"\ntitle = "Z"\ncompile_sass = true\n[markdown]\nhighlight_code = true\n[extra]\n', 'content/_index.md': '+++\n+++\n', 'themes/t/theme.toml': '' });
      assert.equal(zola.site, undefined);
    });

    it('refuses the Zola fixture and takes the colleague fixture whose config.toml is Hugo\'s', async () => {
      const files = diskFiles(SITES);
      assert.equal(await hugoGenerator.detect(files, 'zola-blog', ['config.toml']), undefined);
      const site = await hugoGenerator.detect(files, 'zola-hugo-config', ['config.toml']);
      assert.ok(site);
      assert.equal(site.root, 'zola-hugo-config');
    });

    it('refuses a config.json or config.yaml that is any other program\'s', async () => {
      assert.equal((await detect({ 'config.json': '{ "port": 3000, "theme": "dark" }', 'src/index.js': '' })).site, undefined);
      assert.equal((await detect({ 'config.yaml': 'database:\n  host: localhost\n' })).site, undefined);
      assert.equal((await detect({ 'config.toml': 'not = [valid' })).site, undefined);
      assert.equal((await detect({ 'config.json': '{ "baseUrl": "http://localhost:3000/api", "params": {} }', 'src/app.ts': '' })).site, undefined);
      assert.ok((await detect({ 'config.json': '{ "baseURL": "https://example.org/" }', 'content/a.md': '' })).site);
    });

    it('takes an ambiguous config beside layouts/ or archetypes/, or a theme beside themes/', async () => {
      assert.ok((await detect({ 'config.yaml': 'title: x\n', 'layouts/index.html': '' })).site);
      assert.ok((await detect({ 'config.toml': 'title = "x"\n', 'archetypes/default.md': '' })).site);
      assert.ok((await detect({ 'config.toml': 'theme = "ananke"\n', 'themes/ananke/theme.toml': '' })).site);
      assert.equal((await detect({ 'config.toml': 'theme = "ananke"\n' })).site, undefined);
    });

    it('reads config/_default/ (by key per file) and config/production/ over the root file', async () => {
      const { site } = await detect({
        'hugo.toml': 'baseURL = "https://root.example.org/"\ncontentDir = "ignored"\n',
        'config/_default/hugo.yaml': 'baseURL: https://default.example.org/\ncontentDir: pages\n',
        'config/_default/permalinks.toml': 'posts = "/:year/:slug/"\n',
        'config/_default/menus.en.toml': '[[main]]\nname = "x"\n',
        'config/production/hugo.toml': 'baseURL = "https://prod.example.org/"\n',
        'pages/posts/a.md': post('title: A\ndate: 2020-01-02'),
        'content/posts/b.md': post('title: B'),
      });
      assert.ok(site);
      assert.equal(site.baseUrl, 'https://prod.example.org');
      assert.equal(site.classify('pages/posts/a.md').kind, 'post');
      assert.equal(site.classify('content/posts/b.md').kind, 'ignored');
      assert.ok(site.watchFiles.includes('config/_default/permalinks.toml'));
      assert.ok(site.watchFiles.includes('hugo.toml'));
      assert.ok(site.notes.some((n) => n.includes('menus.en.toml')));
      assert.equal(analyze(site, 'pages/posts/a.md', post('title: A\ndate: 2020-01-02')).url, 'https://prod.example.org/2020/a/');
    });

    it('reads hugo.toml before config.toml, and only it', async () => {
      const { site } = await detect({ 'hugo.toml': 'baseURL = "https://a.example.org"\n', 'config.toml': 'baseURL = "https://b.example.org"\n' });
      assert.equal(site?.baseUrl, 'https://a.example.org');
      assert.ok(site?.notes.some((n) => /config\.toml is not read/.test(n)));
    });

    it('finds a site below the workspace folder', async () => {
      const { site } = await detect({ 'docs/hugo.yaml': 'baseURL: https://x.org/\n', 'docs/content/posts/a.md': post('title: A\ndate: 2020-01-01'), 'content/b.md': '' }, 'docs');
      assert.ok(site);
      assert.equal(site.configFile, 'docs/hugo.yaml');
      assert.equal(site.classify('docs/content/posts/a.md').kind, 'post');
      assert.equal(site.classify('content/b.md').kind, 'ignored');
      assert.equal(analyze(site, 'docs/content/posts/a.md', post('title: A\ndate: 2020-01-01')).url, 'https://x.org/posts/a/');
    });
  });

  describe('the hugo-blog fixture', () => {
    let site: Site;
    const files = diskFiles(SITES);
    const read = (f: string): string => fs.readFileSync(path.join(SITES, f), 'utf8');
    const at = (f: string) => analyze(site, `hugo-blog/${f}`, read(`hugo-blog/${f}`));
    before(async () => {
      const s = await hugoGenerator.detect(files, 'hugo-blog', ['hugo.toml']);
      assert.ok(s);
      site = s;
    });

    it('classifies pages, sections, bundles, resources and what Hugo does not read', () => {
      const kinds = (f: string): string => site.classify(`hugo-blog/${f}`).kind;
      assert.equal(kinds('content/posts/fm-date.md'), 'post');
      assert.equal(kinds('content/about.md'), 'post');
      assert.equal(kinds('content/posts/html-page.html'), 'post');
      assert.equal(kinds('content/docs/guide.mdown'), 'post');
      assert.equal(kinds('content/posts/2019-07-01-trip/index.md'), 'post');
      assert.equal(kinds('content/_index.md'), 'section');
      assert.equal(kinds('content/posts/_index.md'), 'section');
      assert.equal(kinds('content/notes/2022/_index.md'), 'section');
      assert.equal(kinds('content/posts/2019-07-01-trip/notes.md'), 'ignored');
      assert.equal(kinds('content/posts/2019-07-01-trip/more/deep.md'), 'ignored');
      assert.equal(kinds('content/docs/not-content.mkd'), 'ignored');
      assert.equal(kinds('content/docs/.hidden.md'), 'ignored');
      assert.equal(kinds('archetypes/default.md'), 'ignored');
      assert.equal(kinds('layouts/index.html'), 'ignored');
      assert.equal(kinds('hugo.toml'), 'ignored');

      assert.equal(site.classify('hugo-blog/content/posts/2019-07-01-trip/notes.md').reason, 'Hugo page resource of the bundle posts/2019-07-01-trip/');
      assert.equal(site.classify('hugo-blog/content/posts/_index.md').reason, 'Hugo section page (_index) of posts/');
      assert.equal(site.classify('hugo-blog/content/_index.md').reason, 'Hugo home page (_index)');
      assert.equal(site.classify('hugo-blog/content/posts/fm-date.md').collection, 'posts');
      assert.equal(site.classify('hugo-blog/content/about.md').collection, undefined);
      assert.match(site.classify('hugo-blog/content/posts/fm-date.md').reason, /^Hugo page in section posts\/ \(hugo-blog\/hugo\.toml\)$/);
      assert.equal(site.classify('hugo-blog/archetypes/default.md').reason, 'Hugo archetype (a template for new content), not content (archetypes/)');
      assert.equal(site.classify('hugo-blog/hugo.toml').reason, "Not in Hugo's content folder (hugo-blog/hugo.toml)");
    });

    it('dates by [frontmatter] date = [":filename", ":default"]', () => {
      assert.deepEqual([at('content/posts/2020-03-04-first-post.md').date, at('content/posts/2020-03-04-first-post.md').source], ['2020-03-04', 'filename']);
      assert.equal(at('content/posts/2016-12-31-both-dates.md').date, '2016-12-31');
      assert.deepEqual([at('content/posts/fm-date.md').date, at('content/posts/fm-date.md').source], ['2018-05-06', 'front-matter']);
      assert.equal(at('content/posts/2019-07-01-trip/index.md').date, '2019-07-01');
      assert.equal(at('content/posts/pubdate-alias.md').date, '2019-04-01');
      assert.equal(at('content/posts/upper-keys.md').date, '2019-04-02');
      assert.equal(at('content/posts/2021-02-31-impossible.md').date, undefined);
      assert.equal(at('content/posts/json-front-matter.md').date, '2019-02-04T10:00:00+02:00');
      assert.equal(at('content/posts/toml-front-matter.md').date, '2019-02-05T23:30:00');
      assert.equal(site.rules('hugo-blog/content/posts/fm-date.md', site.classify('hugo-blog/content/posts/fm-date.md')).timeZone, 'Europe/Berlin');
    });

    it('says drafts, scheduled, expired, published and undated pages', () => {
      assert.equal(at('content/posts/a-draft.md').status, 'draft');
      assert.equal(at('content/posts/upper-keys.md').status, 'draft');
      assert.equal(at('content/posts/unpublished.md').status, 'draft');
      assert.equal(at('content/posts/future.md').status, 'scheduled');
      assert.equal(at('content/posts/toml-front-matter.md').status, 'expired');
      assert.equal(at('content/posts/fm-date.md').status, 'published');
      assert.equal(at('content/about.md').status, 'undated');
    });

    it('addresses pages by [permalinks], slugs from file names and front matter url', () => {
      assert.equal(at('content/posts/2020-03-04-first-post.md').url, 'https://blog.example.org/2020/03/first-post/');
      assert.equal(at('content/posts/2020-03-05_second.md').url, 'https://blog.example.org/2020/03/kept-slug/');
      assert.equal(at('content/posts/Unicode Title.md').url, 'https://blog.example.org/2019/05/h%C3%A9llo-w%C3%B6rld-its-here/');
      assert.equal(at('content/posts/2021-02-31-impossible.md').url, 'https://blog.example.org/1/01/impossible-date/');
      assert.equal(at('content/notes/2022/deep/deep-note.md').url, 'https://blog.example.org/n/2022/deep-note/');
      assert.equal(at('content/docs/Getting Started.md').url, 'https://blog.example.org/docs/getting-started/');
      assert.equal(at('content/docs/custom-url.md').url, 'https://blog.example.org/Custom/Path/');
      assert.equal(at('content/docs/unrendered.md').url, undefined);
      assert.equal(at('content/about.md').url, 'https://blog.example.org/about/');
      assert.equal(at('content/_index.md').url, 'https://blog.example.org/');
      assert.equal(at('content/posts/_index.md').url, 'https://blog.example.org/posts/');
    });

    it('takes titles from front matter, else the first heading, else the file name', () => {
      assert.deepEqual([at('content/posts/fm-date.md').title, at('content/posts/fm-date.md').titleSource], ['Front matter wins', 'front-matter']);
      const s = site;
      assert.deepEqual(
        (({ title, titleSource }) => [title, titleSource])(analyze(s, 'hugo-blog/content/posts/x.md', '---\ndate: 2020-01-01\n---\n# A heading\n')),
        ['A heading', 'heading'],
      );
      assert.deepEqual(
        (({ title, titleSource }) => [title, titleSource])(analyze(s, 'hugo-blog/content/posts/my-notes.md', '---\ndate: 2020-01-01\n---\nText.\n')),
        ['My notes', 'filename'],
      );
    });

    it('notes what it read', () => {
      assert.ok(site.notes.some((n) => n.startsWith('content: content/')));
      assert.ok(site.notes.some((n) => n.includes('[frontmatter] dates: date from :filename, date, publishdate, pubdate, published, lastmod, modified')));
    });
  });

  describe('rules from the config', () => {
    it('does not schedule with buildFuture, nor expire with buildExpired', async () => {
      const tree = {
        'hugo.toml': 'baseURL = "https://x.org/"\nbuildFuture = true\nbuildExpired = true\n',
        'content/posts/f.md': post('title: F\ndate: 2099-01-01'),
        'content/posts/e.md': post('title: E\ndate: 2001-01-01\nexpiryDate: 2002-01-01'),
      };
      const { site, files } = await detect(tree);
      assert.ok(site);
      assert.equal(analyze(site, 'content/posts/f.md', files.text('content/posts/f.md')).status, 'published');
      assert.equal(analyze(site, 'content/posts/e.md', files.text('content/posts/e.md')).status, 'published');
    });

    it('says :fileModTime is unavailable when no file times were supplied, and drops :git without enableGitInfo as Hugo does', async () => {
      const { site } = await detect({ 'hugo.toml': '[frontmatter]\ndate = [":fileModTime", "date"]\nlastmod = [":git"]\npublishDate = [":git", ":default"]\n', 'content/a.md': '' });
      assert.ok(site);
      const c = site.classify('content/a.md');
      const r = analyze(site, 'content/a.md', post('title: A\ndate: 2020-05-05'));
      assert.equal(r.date, '2020-05-05');
      assert.deepEqual(r.unavailable, [':fileModTime']);
      assert.deepEqual(site.rules('content/a.md', c).date.map((s) => s.kind), ['file-mod-time', 'field']);
      assert.deepEqual(site.rules('content/a.md', c).publishDate?.map((s) => s.kind), ['field', 'field', 'field', 'field']);
      assert.ok(site.notes.some((n) => n.includes('`:git` gives nothing without enableGitInfo')));
      assert.ok(site.notes.some((n) => n.includes("`:fileModTime`: the file's modification time")));
    });

    it('reads :git with enableGitInfo', async () => {
      const { site } = await detect({ 'hugo.toml': 'enableGitInfo = true\n[frontmatter]\ndate = [":git", "date"]\n', 'content/a.md': '' });
      assert.ok(site);
      assert.deepEqual(site.rules('content/a.md', site.classify('content/a.md')).date.map((s) => s.kind), ['git', 'field']);
      assert.ok(site.notes.some((n) => n.includes("`:git`: the author date of the file's last commit")));
    });

    it('expands :default and the aliases in a configured list', async () => {
      const { site } = await detect({ 'hugo.toml': '[frontmatter]\ndate = ["myDate", ":default"]\nexpiryDate = ["sunset"]\n', 'content/a.md': '' });
      assert.ok(site);
      const rules = site.rules('content/a.md', site.classify('content/a.md'));
      assert.deepEqual(
        rules.date.map((s) => (s.kind === 'field' ? s.key : s.kind)),
        ['mydate', 'date', 'publishdate', 'pubdate', 'published', 'lastmod', 'modified'],
      );
      assert.deepEqual(rules.expiryDate?.map((s) => (s.kind === 'field' ? s.key : s.kind)), ['sunset']);
      assert.equal(analyze(site, 'content/a.md', post('title: A\nMyDate: 2020-05-05\ndate: 2021-01-01')).date, '2020-05-05');
    });

    it('expands every permalink token hugo 0.111 knows, and the newer contentbasename', async () => {
      const { site } = await detect({
        'hugo.toml': '[permalinks]\nposts = "/:year/:month/:monthname/:day/:weekday/:weekdayname/:yearday/:section/:title/:slugorfilename/:filename/"\nnews = "/:contentbasename/:slugorcontentbasename/"\nbad = "/:nosuchtoken/"\n',
        'content/posts/A Post.md': '',
        'content/news/b/index.md': '',
        'content/bad/c.md': '',
      });
      assert.ok(site);
      assert.equal(analyze(site, 'content/posts/A Post.md', post('title: The Title!\ndate: 2021-12-31')).url, '/2021/12/december/31/5/friday/365/posts/the-title/a-post/a-post/');
      assert.equal(analyze(site, 'content/news/b/index.md', post('title: B\nslug: Sluggy\ndate: 2020-01-01')).url, '/b/sluggy/');
      assert.equal(analyze(site, 'content/bad/c.md', post('title: C\ndate: 2020-01-01')).url, undefined);
    });

    it('keeps the case with disablePathToLower, and builds ugly URLs when asked', async () => {
      const { site } = await detect({ 'hugo.toml': 'disablePathToLower = true\nuglyURLs = true\n', 'content/Posts/My Post.md': '' });
      assert.ok(site);
      assert.equal(analyze(site, 'content/Posts/My Post.md', post('title: T\ndate: 2020-01-01')).url, '/Posts/My-Post.html');
    });

    it('gives no URL to a headless bundle, nor to a url with a protocol (Hugo refuses it)', async () => {
      const { site } = await detect({ 'hugo.toml': 'baseURL = "https://x.org/"\n', 'content/h/index.md': '', 'content/p.md': '' });
      assert.ok(site);
      assert.equal(analyze(site, 'content/h/index.md', post('title: H\nheadless: true')).url, undefined);
      assert.equal(analyze(site, 'content/p.md', post('title: P\nurl: https://elsewhere.org/p/')).url, undefined);
      assert.equal(analyze(site, 'content/p.md', post('title: P\nbuild:\n  render: never')).url, undefined);
      assert.equal(analyze(site, 'content/p.md', post('title: P\nurl: /feed.xml')).url, 'https://x.org/feed.xml');
    });

    it('puts languages in their prefix, the default one too with defaultContentLanguageInSubdir', async () => {
      const { site } = await detect({
        'hugo.yaml': 'defaultContentLanguage: de\ndefaultContentLanguageInSubdir: true\nlanguages:\n  de: {weight: 1}\n  en: {weight: 2}\n  it: {disabled: true}\n',
        'content/a.md': '',
        'content/a.en.md': '',
        'content/a.it.md': '',
        'content/_index.en.md': '',
      });
      assert.ok(site);
      assert.equal(analyze(site, 'content/a.md', post('title: A\ndate: 2020-01-01')).url, '/de/a/');
      assert.equal(analyze(site, 'content/a.en.md', post('title: A\ndate: 2020-01-01')).url, '/en/a/');
      assert.equal(site.classify('content/a.it.md').kind, 'ignored');
      assert.equal(site.classify('content/_index.en.md').kind, 'section');
      assert.equal(analyze(site, 'content/_index.en.md', post('title: Home')).url, '/en/');
    });

    it('makes the whole content folder one bundle when it holds index.md, as Hugo does', async () => {
      const { site } = await detect({ 'hugo.toml': '', 'content/index.md': '', 'content/posts/a.md': '' });
      assert.ok(site);
      assert.equal(site.classify('content/index.md').kind, 'post');
      assert.equal(site.classify('content/posts/a.md').kind, 'ignored');
      assert.equal(analyze(site, 'content/index.md', post('title: Home')).url, '/');
    });

    it('leaves project documents, editor backups and other formats out', async () => {
      const { site } = await detect({ 'hugo.toml': '', 'content/README.md': '', 'content/a.md~': '', 'content/#a.md#': '', 'content/x.mdx': '', 'content/y.txt': '', 'content/ok.adoc': '', 'content/ok.org': '' });
      assert.ok(site);
      for (const f of ['content/README.md', 'content/a.md~', 'content/#a.md#', 'content/x.mdx', 'content/y.txt']) assert.equal(site.classify(f).kind, 'ignored', f);
      for (const f of ['content/ok.adoc', 'content/ok.org']) assert.equal(site.classify(f).kind, 'post', f);
      // Project-document names that are ordinary website pages stay pages (Hugo's docs have about/security.md).
      assert.equal(site.classify('content/about/security.md').kind, 'post');
      assert.equal(site.classify('content/about/LICENSE.md').kind, 'ignored');
    });

    it('reads a site shaped like Hugo\'s own documentation (content/en mounted as content)', async () => {
      const { site, files } = await detect({
        'hugo.toml': [
          'baseURL = "https://gohugo.io/"',
          'defaultContentLanguage = "en"',
          'timeZone = "Europe/Oslo"',
          '[build]',
          '  [build.buildStats]',
          '    enable = true',
          '[frontmatter]',
          "  date        = ['date']",
          "  expiryDate  = ['expirydate']",
          "  lastmod     = [':git', 'lastmod', 'publishdate', 'date']",
          "  publishDate = ['publishdate', 'date']",
          '[languages]',
          '  [languages.en]',
          '    languageName = "English"',
          '    weight = 1',
          '[module]',
          '  [[module.mounts]]',
          '    source = "assets"',
          '    target = "assets"',
          '  [[module.mounts]]',
          "    lang   = 'en'",
          "    source = 'content/en'",
          "    target = 'content'",
        ].join('\n'),
        'README.md': '# Hugo docs\n',
        'content/en/_index.md': post('title: Hugo'),
        'content/en/templates/_index.md': post('title: Templates'),
        'content/en/templates/introduction.md': post('title: Introduction to templating\ndate: 2017-02-01\npublishdate: 2017-02-01'),
        'content/en/functions/strings/Contains.md': post('title: strings.Contains\ndate: 2023-01-01'),
        'content/en/news/2024-05-01-release.md': post('title: Release\ndate: 2024-05-01'),
        'content/en/showcase/bypass/index.md': post('title: Bypass\ndate: 2019-01-01'),
        'content/en/showcase/bypass/bio.md': 'A bundle resource.\n',
        'layouts/baseof.html': '',
      });
      assert.ok(site);
      assert.equal(site.classify('content/en/templates/introduction.md').kind, 'post');
      assert.equal(site.classify('content/en/templates/introduction.md').collection, 'templates');
      assert.equal(site.classify('content/en/templates/_index.md').kind, 'section');
      assert.equal(site.classify('content/en/showcase/bypass/bio.md').kind, 'ignored');
      assert.equal(site.classify('README.md').kind, 'ignored');
      const url = (f: string): string | undefined => analyze(site, f, files.text(f)).url;
      assert.equal(url('content/en/templates/introduction.md'), 'https://gohugo.io/templates/introduction/');
      assert.equal(url('content/en/functions/strings/Contains.md'), 'https://gohugo.io/functions/strings/contains/');
      assert.equal(url('content/en/news/2024-05-01-release.md'), 'https://gohugo.io/news/2024-05-01-release/');
      assert.equal(url('content/en/showcase/bypass/index.md'), 'https://gohugo.io/showcase/bypass/');
      assert.equal(url('content/en/_index.md'), 'https://gohugo.io/');
      assert.deepEqual(site.rules('content/en/templates/introduction.md', site.classify('content/en/templates/introduction.md')).date, [{ kind: 'field', key: 'date' }]);
      assert.ok(site.notes.some((n) => n.includes('content read from module mounts: content/en/ (en)')));
    });

    it('classifies 100,000 paths, bundles and their resources apart (its speed is in npm run bench)', async () => {
      const tree: Record<string, string> = { 'hugo.toml': '' };
      for (let i = 0; i < 200; i++) tree[`content/posts/b${i}/index.md`] = '';
      const { site } = await detect(tree);
      assert.ok(site);
      const paths: string[] = [];
      for (let i = 0; i < 100_000; i++) paths.push(i % 2 === 0 ? `content/posts/y${i % 50}/m${i % 12}/post-${i}.md` : `content/posts/b${i % 200}/img/r${i}.md`);
      let posts = 0;
      for (const p of paths) if (site.classify(p).kind === 'post') posts++;
      assert.equal(posts, 50_000);
    });
  });
});

describe('site model: Hugo static folders (#17)', () => {
  it('serves static/ by default and a theme\'s static/ below it; staticDir lists are last-wins, so reversed', async () => {
    const plain = await hugoGenerator.detect(memoryFiles({ 'blog/hugo.toml': 'title = "B"\ntheme = "ananke"\n' }), 'blog', ['hugo.toml']);
    assert.deepEqual(plain?.staticDirs, ['blog/static', 'blog/themes/ananke/static']);
    assert.match(plain?.notes.join('\n') ?? '', /Static folders .*blog\/static\//);
    const listed = await hugoGenerator.detect(memoryFiles({ 'hugo.toml': 'staticDir = ["s1", "s2"]\nstaticDir2 = "extra"\n' }), '', ['hugo.toml']);
    // hugo 0.111 serves s2's file over s1's, and staticDir2's over both.
    assert.deepEqual(listed?.staticDirs, ['extra', 's2', 's1']);
    const one = await hugoGenerator.detect(memoryFiles({ 'hugo.toml': 'staticDir = "assets/static"\n' }), '', ['hugo.toml']);
    assert.deepEqual(one?.staticDirs, ['assets/static']);
  });

  it('reads module mounts targeting static instead of staticDir, and refuses folders outside the site', async () => {
    const site = await hugoGenerator.detect(
      memoryFiles({ 'hugo.toml': 'staticDir = "ignored"\n[[module.mounts]]\nsource = "files"\ntarget = "static"\n[[module.mounts]]\nsource = "../outside"\ntarget = "static"\n[[module.mounts]]\nsource = "img"\ntarget = "static/img"\n' }),
      '',
      ['hugo.toml'],
    );
    assert.deepEqual(site?.staticDirs, ['files']);
    const notes = site?.notes.join('\n') ?? '';
    assert.match(notes, /outside the site not read: \.\.\/outside/);
    assert.match(notes, /1 module mount below static\//);
  });
});
