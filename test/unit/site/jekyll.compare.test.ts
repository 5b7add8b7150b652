// The Jekyll site model against the real Jekyll (4.3, Debian's `jekyll`):
// each fixture site is copied to a temporary folder and built with a tiny
// plugin that writes what Jekyll read (posts with their dates, titles, URLs
// and whether they are drafts; collection documents; pages; static files) as
// JSON. The plugin hooks `:site, :post_read` (not `:post_write`) and then ends
// the build: every fact compared (what was read and published, dates, titles,
// URLs) is settled by then, rendering would only cost time, and the real
// Jekyll blog's posts link to documents that are not copied. Builds run with and without
// `--drafts --future --unpublished`, to see every file and what a plain build
// publishes. Skipped when `jekyll` is not installed.
//
// How dates are compared: Postdesk shows a post's date as the author wrote it
// (`2013-05-06 02:12:52 +0200` is May 6); Jekyll turns every date into the
// site's `timezone` (or the machine's: the builds here run with TZ=UTC) and
// builds the URL from that wall time. So Jekyll's date is compared with
// `jekyllWallTime` of Postdesk's date in the same zone (calendar day and time
// of day), and with the instant itself when the author wrote an offset.

import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { instantOf } from '../../../src/core/dates';
import { splitDocument } from '../../../src/core/frontmatter';
import { DEFAULT_CONFIG } from '../../../src/core';
import { buildPost } from '../../../src/core/post';
import { classifyLines } from '../../../src/core/markdown';
import { fieldValue, resolveSiteDate, siteStatus, siteTitle, siteUrl } from '../../../src/core/site/facts';
import { jekyllGenerator, jekyllHasFrontMatter, jekyllWallTime } from '../../../src/core/site/generators/jekyll';
import type { Site } from '../../../src/core/site/types';
import { withFileTimes } from '../../../src/core/site/fileTimes';
import { statTimes } from '../../../src/node/fileTimes';
import type { PostDate } from '../../../src/core/types';
import { diskFiles } from './helpers';

const FIXTURES = path.resolve(__dirname, '../../fixtures/sites');
const CORPUS = path.resolve(__dirname, '../../../../shared/corpus/jekyll-posts');
const CORPUS_FALLBACK = '/work/shared/corpus/jekyll-posts';

const PLUGIN = `# Written by Postdesk's comparison test: what Jekyll read, as JSON.
require "json"
Jekyll::Hooks.register :site, :post_read do |site|
  doc = lambda do |d|
    { "path" => d.path, "date" => d.date.strftime("%Y-%m-%dT%H:%M:%S"), "epoch" => d.date.to_i,
      "title" => d.data["title"], "url" => d.url, "collection" => d.collection.label, "categories" => d.data["categories"],
      "locationDraft" => d.collection.label == "posts" && d.relative_path.index(d.collection.relative_directory).nil?,
      "output" => d.write? }
  end
  out = {
    "posts" => site.posts.docs.map(&doc),
    "documents" => site.collections.reject { |k, _| k == "posts" }.values.flat_map { |c| c.docs.map(&doc) },
    "pages" => site.pages.map { |p| { "path" => File.join(site.source, p.relative_path), "url" => p.url, "title" => p.data["title"] } },
    "static" => site.static_files.map(&:path) + site.collections.values.flat_map { |c| c.files.map(&:path) },
  }
  File.write(ENV.fetch("POSTDESK_JEKYLL_OUT"), JSON.generate(out))
  # Rendering and writing the site adds nothing to compare: stop here.
  $stdout.flush
  exit!(0)
end
`;

interface JekyllDoc {
  path: string;
  date: string;
  epoch: number;
  title: unknown;
  url: string;
  collection: string;
  /** \`page.categories\`, as Jekyll keeps it (a number category may appear as the number and as its text). */
  categories: unknown;
  locationDraft: boolean;
  output: boolean;
}

interface Dump {
  posts: JekyllDoc[];
  documents: JekyllDoc[];
  pages: { path: string; url: string; title: unknown }[];
  static: string[];
}

function jekyllVersion(): string | undefined {
  const r = spawnSync('jekyll', ['--version'], { encoding: 'utf8', timeout: 20000 });
  return r.status === 0 ? r.stdout.trim() : undefined;
}


function walk(base: string, dir = ''): string[] {
  return fs.readdirSync(path.join(base, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = dir === '' ? e.name : `${dir}/${e.name}`;
    return e.isDirectory() ? walk(base, rel) : [rel];
  });
}

/** Differences counted, not failed: they are documented limits of the model. */
interface Tally {
  files: number;
  posts: number;
  drafts: number;
  pages: number;
  staticFiles: number;
  skippedByJekyll: number;
  ignored: number;
  datesCompared: number;
  urlsCompared: number;
  titlesCompared: number;
  /** Posts and documents whose \`page.categories\` were compared with the post model's. */
  categoriesCompared: number;
  /** A post's URL day differs from the day the author wrote (site zone): agreed with Jekyll. */
  zoneShiftedDays: number;
  /** Slug titles that differ only in case (Ruby's `capitalize` lowercases the rest of each word). */
  titleCaseOnly: number;
  /** Dates Postdesk reports as invalid (invalid-date fires) that Ruby's `Time.parse` reads leniently: the calendar day is compared. */
  lenientDates: number;
  /** Drafts without a date: Jekyll uses the file's modification time. */
  mtimeDrafts: number;
  mismatches: string[];
}

function newTally(): Tally {
  return { files: 0, posts: 0, drafts: 0, pages: 0, staticFiles: 0, skippedByJekyll: 0, ignored: 0, datesCompared: 0, urlsCompared: 0, titlesCompared: 0, categoriesCompared: 0, zoneShiftedDays: 0, titleCaseOnly: 0, lenientDates: 0, mtimeDrafts: 0, mismatches: [] };
}

function wallText(w: { year: number; month: number; day: number; hour: number; minute: number; second: number }): string {
  const p = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${p(w.year, 4)}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}:${p(w.second)}`;
}

describe('Jekyll model against the real jekyll', function () {
  this.timeout(120000);
  let version: string | undefined;
  let work: string;
  let plugins: string;
  let builds = 0;
  const jobs = new Map<string, Job | undefined>();

  before(function () {
    version = jekyllVersion();
    if (!version) {
      console.log('    jekyll is not installed: the comparison with the real Jekyll is skipped');
      this.skip();
    }
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-jekyll-'));
    plugins = path.join(work, 'plugins');
    fs.mkdirSync(plugins);
    fs.writeFileSync(path.join(plugins, 'postdesk_dump.rb'), PLUGIN);
  });

  after(async () => {
    // Builds of cases left out by --grep may still run: let them end first.
    await Promise.allSettled([...jobs.values()].flatMap((j) => (j ? [j.full, j.plain] : [])));
    if (work) fs.rmSync(work, { recursive: true, force: true, maxRetries: 3 });
  });

  /** Builds the site whose config folder is `siteDir`; `all` adds --drafts --future --unpublished. */
  function build(siteDir: string, all: boolean): Promise<Dump> {
    const n = ++builds;
    const out = path.join(work, `dump-${n}.json`);
    const args = ['build', '--disable-disk-cache', '--plugins', plugins, '--destination', path.join(work, `site-${n}`)];
    if (all) args.push('--drafts', '--future', '--unpublished');
    return limit(
      () =>
        new Promise<Dump>((resolve, reject) => {
          const env = { ...process.env, TZ: 'UTC', POSTDESK_JEKYLL_OUT: out, JEKYLL_NO_BUNDLER_REQUIRE: 'true', JEKYLL_ENV: 'production' };
          execFile('jekyll', args, { cwd: siteDir, encoding: 'utf8', timeout: 60000, env }, (_error, stdout, stderr) => {
            if (!fs.existsSync(out)) reject(new Error(`jekyll ${args.join(' ')} in ${siteDir} wrote nothing:\n${stdout}\n${stderr}`));
            else resolve(JSON.parse(fs.readFileSync(out, 'utf8')) as Dump);
          });
        }),
    );
  }

  /** Runs at most three builds at once: Ruby's start-up dominates, and the machine is shared. */
  const queue: (() => void)[] = [];
  let running = 0;
  function limit<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const run = (): void => {
        running++;
        task()
          .then(resolve, reject)
          .finally(() => {
            running--;
            queue.shift()?.();
          });
      };
      if (running < 3) run();
      else queue.push(run);
    });
  }

  function copy(from: string, name: string): string {
    const to = path.join(work, name);
    fs.cpSync(from, to, { recursive: true });
    return to;
  }

  interface Job {
    readonly ws: string;
    readonly root: string;
    readonly full: Promise<Dump>;
    readonly plain?: Promise<Dump>;
  }

  /** Starts the builds of a workspace at once (they run while earlier cases compare). */
  function start(ws: string, root: string, plain = true): Job {
    const siteDir = path.join(ws, root);
    const full = build(siteDir, true);
    // Unhandled until awaited by its case: keep a rejection from surfacing early.
    full.catch(() => undefined);
    if (!plain) return { ws, root, full };
    const p = build(siteDir, false);
    p.catch(() => undefined);
    return { ws, root, full, plain: p };
  }

  /** Compares every file of the workspace `ws` with Jekyll's reading of the site at `root`. */
  async function compare(job: Job): Promise<Tally> {
    const { ws, root } = job;
    const t = newTally();
    const siteDir = path.join(ws, root);
    const full = await job.full;
    const plain = job.plain ? await job.plain : undefined;
    const rel = (p: string): string => path.relative(ws, p).split(path.sep).join('/');
    const posts = new Map(full.posts.map((d) => [rel(d.path), d]));
    const documents = new Map(full.documents.map((d) => [rel(d.path), d]));
    const pages = new Map(full.pages.map((p) => [rel(p.path), p]));
    const statics = new Set(full.static.map(rel));
    const published = plain ? new Set(plain.posts.map((d) => rel(d.path))) : undefined;

    const listing = fs.readdirSync(siteDir);
    const site = (await jekyllGenerator.detect(diskFiles(ws), root, listing.filter((n) => jekyllGenerator.markers.includes(n)))) as Site;
    assert.ok(site, 'detected');
    const zone = site.notes.join('\n').match(/time zone `([^`]+)`/)?.[1] ?? 'UTC';
    const now = new Date();
    const bad = (file: string, what: string): void => {
      t.mismatches.push(`${file}: ${what}`);
    };

    for (const file of walk(ws).sort()) {
      t.files++;
      const c = site.classify(file);
      const text = fs.readFileSync(path.join(ws, file), 'utf8');
      const post = posts.get(file);
      const doc = documents.get(file);
      const page = pages.get(file);
      if (post) {
        if (c.kind !== 'post') bad(file, `Jekyll post, Postdesk ${c.kind} (${c.reason})`);
        else if ((c.draftByLocation === true) !== post.locationDraft) bad(file, `draft by location: Jekyll ${post.locationDraft}, Postdesk ${c.draftByLocation === true}`);
        if (post.locationDraft) t.drafts++;
        else t.posts++;
      } else if (doc || page) {
        t.pages++;
        if (c.kind !== 'page') bad(file, `Jekyll ${doc ? 'document' : 'page'}, Postdesk ${c.kind} (${c.reason})`);
      } else if (statics.has(file)) {
        t.staticFiles++;
        if (c.kind === 'page' ? jekyllHasFrontMatter(text) : c.kind !== 'ignored') bad(file, `Jekyll static file, Postdesk ${c.kind} (${c.reason})`);
      } else if (c.kind === 'post') {
        t.skippedByJekyll++;
        if (!/Jekyll skips it/.test(c.reason)) bad(file, `not read by Jekyll, Postdesk post (${c.reason})`);
      } else {
        t.ignored++;
        if (c.kind !== 'ignored') bad(file, `not read by Jekyll, Postdesk ${c.kind} (${c.reason})`);
      }
      if (c.kind !== 'post' && c.kind !== 'page') continue;

      const rules = site.rules(file, c);
      // The file's own times, as the CLI reads them: Jekyll dates a draft without a date by its modification time.
      const context = withFileTimes({ site, classification: c, rules, sitePath: root === '' ? file : file.slice(root.length + 1) }, statTimes(fs.statSync(path.join(ws, file))));
      const split = splitDocument(text);
      const source = { path: file, text };
      const resolution = resolveSiteDate(source, split, context);
      const date = resolution.date?.value;
      const title = siteTitle(split, classifyLines(text, split.bodyStart), context);
      const url = siteUrl(split, context, title.title, date);
      const path0 = url === undefined || site.baseUrl === undefined ? url : url.slice(site.baseUrl.length);
      const jdoc = post ?? doc;

      if (post && published) {
        const status = siteStatus(source, split, context, date ? { value: date, source: 'front-matter' } : undefined, now);
        const ours = status === 'published';
        if (ours !== published.has(file)) bad(file, `published: Jekyll ${published.has(file)}, Postdesk ${status}`);
      }
      if (post) {
        if (!date) bad(file, `Jekyll dates it ${post.date}, Postdesk has no date`);
        else {
          t.datesCompared++;
          if (post.locationDraft && resolution.date?.source === 'file-mod-time') t.mtimeDrafts++;
          const wall = wallText(jekyllWallTime(date, zone, fieldValue(split, 'date', false)));
          if (resolution.invalid.length > 0 && wall.slice(0, 10) === post.date.slice(0, 10)) t.lenientDates++;
          else if (wall !== post.date) bad(file, `date: Jekyll ${post.date} (${zone}), Postdesk ${wall}`);
          const instant = instantOf(date as PostDate);
          if (instant !== undefined && instant / 1000 !== post.epoch) bad(file, `instant: Jekyll ${post.epoch}, Postdesk ${instant / 1000}`);
          if (wall.slice(0, 10) !== `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`) t.zoneShiftedDays++;
        }
      }
      if (jdoc) {
        t.titlesCompared++;
        const theirs = String(jdoc.title ?? '');
        if (theirs !== title.title) {
          if (title.source === 'slug' && theirs.toLowerCase() === title.title.toLowerCase()) t.titleCaseOnly++;
          else bad(file, `title: Jekyll ${JSON.stringify(theirs)}, Postdesk ${JSON.stringify(title.title)} (${title.source})`);
        }
        // The post model's categories (the header's): Jekyll's, as text, each once.
        t.categoriesCompared++;
        const theirCategories = [...new Set((Array.isArray(jdoc.categories) ? (jdoc.categories as unknown[]) : []).map(String))];
        const ours = buildPost(source, split, DEFAULT_CONFIG, now, classifyLines(text, split.bodyStart), resolution, context).categories;
        if (JSON.stringify(ours) !== JSON.stringify(theirCategories)) bad(file, `categories: Jekyll ${JSON.stringify(jdoc.categories)}, Postdesk ${JSON.stringify(ours)}`);
        if (date || !post?.locationDraft) {
          if (jdoc.output) {
            t.urlsCompared++;
            if (path0 !== jdoc.url) bad(file, `URL: Jekyll ${jdoc.url}, Postdesk ${path0}`);
          } else if (path0 !== undefined) bad(file, `Jekyll writes no page, Postdesk has the URL ${path0}`);
        }
      } else if (page) {
        t.urlsCompared++;
        if (path0 !== page.url) bad(file, `URL: Jekyll ${page.url}, Postdesk ${path0}`);
        if (typeof page.title === 'string') {
          t.titlesCompared++;
          if (page.title !== title.title) bad(file, `title: Jekyll ${JSON.stringify(page.title)}, Postdesk ${JSON.stringify(title.title)}`);
        }
      }
    }
    return t;
  }

  function report(name: string, t: Tally): void {
    console.log(
      `    ${name}: ${t.files} files: ${t.posts} posts, ${t.drafts} drafts, ${t.pages} pages/documents, ${t.staticFiles} static, ${t.skippedByJekyll} skipped by Jekyll, ${t.ignored} not read; ` +
        `agreed ${t.datesCompared} dates (${t.zoneShiftedDays} moved to another day by the site's zone), ${t.urlsCompared} URLs, ${t.titlesCompared} titles (${t.titleCaseOnly} differ only in case), ${t.categoriesCompared} category lists; ` +
        `${t.lenientDates} invalid dates Jekyll reads leniently (same day); ${t.mtimeDrafts} drafts dated by mtime; ${t.mismatches.length} mismatches`,
    );
    assert.deepEqual(t.mismatches, [], `${name}: Postdesk and ${version} disagree`);
  }

  const styles = [
    'pretty',
    'ordinal',
    'weekdate',
    'none',
    '/:categories/:year/:i_month/:i_day/:slug:output_ext',
    '/:short_year/:hour-:minute-:second/:slugified_categories/:name/:long_month/:short_month/:w_year-:week-:w_day/:long_day/:y_day/:title/',
  ];

  function corpusSite(name: string, config: string): string | undefined {
    const from = fs.existsSync(CORPUS) ? CORPUS : CORPUS_FALLBACK;
    if (!fs.existsSync(from)) return undefined;
    const ws = path.join(work, name);
    fs.mkdirSync(path.join(ws, '_posts'), { recursive: true });
    for (const f of fs.readdirSync(from)) fs.copyFileSync(path.join(from, f), path.join(ws, '_posts', f));
    // The posts' Liquid links to documents of Jekyll's own site: read, not rendered.
    fs.writeFileSync(path.join(ws, '_config.yml'), `${config}defaults:\n  - scope: { path: "" }\n    values: { render_with_liquid: false }\n`);
    return ws;
  }

  before(function () {
    if (!version) return;
    jobs.set('blog', start(copy(path.join(FIXTURES, 'jekyll-blog'), 'blog'), 'docs'));
    jobs.set('pretty', start(copy(path.join(FIXTURES, 'jekyll-pretty'), 'pretty'), ''));
    jobs.set('categories', start(copy(path.join(FIXTURES, 'jekyll-categories'), 'categories'), ''));
    styles.forEach((style, i) => {
      const ws = copy(path.join(FIXTURES, 'jekyll-blog'), `style-${i}`);
      fs.appendFileSync(path.join(ws, 'docs/_config.yml'), `permalink: "${style}"\n`);
      jobs.set(`style-${i}`, start(ws, 'docs', false));
    });
    const la = corpusSite('corpus-la', 'timezone: America/Los_Angeles\npermalink: /news/:year/:month/:day/:title/\n');
    jobs.set('corpus-la', la ? start(la, '') : undefined);
    const utc = corpusSite('corpus-utc', 'timezone: UTC\n');
    jobs.set('corpus-utc', utc ? start(utc, '') : undefined);
  });

  function job(name: string): Job {
    const j = jobs.get(name);
    assert.ok(j);
    return j;
  }

  it('agrees on the jekyll-blog fixture (site in docs/, time zone America/Los_Angeles)', async () => {
    const t = await compare(job('blog'));
    report('jekyll-blog', t);
    assert.ok(t.posts >= 16 && t.drafts === 2 && t.skippedByJekyll === 1, 'the fixture is read whole');
  });

  it('agrees on the jekyll-pretty fixture (source: src, collections_dir, pretty, future: true)', async () => {
    report('jekyll-pretty', await compare(job('pretty')));
  });

  it('agrees on categories from folders, defaults, `categories` and `category` (jekyll-categories)', async () => {
    const t = await compare(job('categories'));
    report('jekyll-categories', t);
    assert.equal(t.categoriesCompared, 7, 'every post and the draft');
  });

  styles.forEach((style, i) => {
    it(`agrees on URLs with permalink: ${style}`, async () => {
      report(`permalink ${style}`, await compare(job(`style-${i}`)));
    });
  });

  it("agrees on the Jekyll blog's 102 real posts (timezone America/Los_Angeles, /news/ permalinks)", async function () {
    if (!jobs.get('corpus-la')) this.skip();
    const t = await compare(job('corpus-la'));
    report('jekyll-posts (America/Los_Angeles)', t);
    assert.equal(t.posts, 102);
  });

  it("agrees on the Jekyll blog's real posts with timezone: UTC and the default permalink", async function () {
    if (!jobs.get('corpus-utc')) this.skip();
    report('jekyll-posts (UTC)', await compare(job('corpus-utc')));
  });
});
