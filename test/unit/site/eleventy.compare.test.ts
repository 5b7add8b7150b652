// The Eleventy model against Eleventy itself (@11ty/eleventy, a pinned
// devDependency): Eleventy builds a copy of our own fixture site (its config
// and data files are test code, not a workspace's) in a child process and
// reports every template it wrote (`toJSON`: input path, URL) and every
// collection item (date, tags); Postdesk must agree on which Markdown files
// are posts, pages or left out, on drafts and `permalink: false`, on dates
// (including `Last Modified`, `Created`, `git Last Modified`, `git Created`
// and the creation-time default, read through the same file times the CLI
// reads) and on every URL it claims to know. Skipped when the package is not
// installed.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatIsoDate } from '../../../src/core/dates';
import { splitDocument } from '../../../src/core/frontmatter';
import { classifyLines } from '../../../src/core/markdown';
import { refineSiteContext, resolveSiteDate, siteStatus, siteTitle, siteUrl, type SiteContext } from '../../../src/core/site/facts';
import { withFileTimes } from '../../../src/core/site/fileTimes';
import { eleventyGenerator } from '../../../src/core/site/generators/eleventy';
import type { PostDate } from '../../../src/core/types';
import { gitEnvironment, gitRepoDatesSync, gitTimes, statTimes } from '../../../src/node/fileTimes';
import { allFiles, diskFiles, SITES } from './helpers';

const PACKAGE = path.resolve(__dirname, '../../../node_modules/@11ty/eleventy');
const FIXTURES = ['eleventy-blog', 'eleventy-base-blog'];
/** Eleventy's tags that make a blog collection, as the model reads them (eleventy.ts POST_TAGS). */
const POST_TAGS = new Set(['post', 'posts', 'blog', 'blogpost', 'blogposts', 'blog-post', 'blog-posts', 'article', 'articles', 'news', 'journal', 'diary', 'notes', 'til']);

/** Run in the site's folder: Eleventy resolves its input and config from the working directory. */
const DUMP = `
const { default: Eleventy } = await import(process.env.POSTDESK_ELEVENTY);
let items = [];
const eleventy = new Eleventy(undefined, undefined, {
  quietMode: true,
  configPath: 'eleventy.config.js',
  config(eleventyConfig) {
    eleventyConfig.addCollection('postdeskDump', (api) => {
      items = api.getAll().map((i) => ({ inputPath: i.inputPath, url: i.url, date: i.date.toISOString(), tags: i.data.tags ?? [] }));
      return [];
    });
  },
});
const pages = await eleventy.toJSON();
process.stdout.write(JSON.stringify({ pages: pages.map((p) => ({ inputPath: p.inputPath, url: p.url })), items }));
`;

interface Dump {
  readonly pages: readonly { inputPath: string; url: string | false }[];
  readonly items: readonly { inputPath: string; url: string | false; date: string; tags: readonly string[] }[];
}

function git(cwd: string, args: string[], author: string): void {
  const env = { ...gitEnvironment(), HOME: cwd, GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@example.org', GIT_COMMITTER_NAME: 'C', GIT_COMMITTER_EMAIL: 'c@example.org', GIT_AUTHOR_DATE: author, GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z' };
  const run = spawnSync('git', ['-c', 'commit.gpgSign=false', ...args], { cwd, env, encoding: 'utf8' });
  assert.equal(run.status, 0, `git ${args.join(' ')}: ${run.stderr}`);
}

/** The instant Eleventy makes of a date: one without an offset is UTC (Luxon, zone utc). */
function instantOf(date: PostDate): number {
  const wall = date.kind === 'date' ? Date.UTC(date.year, date.month - 1, date.day) : Date.UTC(date.year, date.month - 1, date.day, date.hour, date.minute, date.second);
  return date.kind === 'datetime' && date.offsetMinutes !== undefined ? wall - date.offsetMinutes * 60_000 : wall;
}

describe('site model: Eleventy against @11ty/eleventy itself', function () {
  this.timeout(60_000);
  let version = '';

  before(function () {
    if (!fs.existsSync(path.join(PACKAGE, 'package.json'))) {
      console.log('      @11ty/eleventy is not installed (npm install): the comparison with Eleventy itself is skipped');
      this.skip();
    }
    version = (JSON.parse(fs.readFileSync(path.join(PACKAGE, 'package.json'), 'utf8')) as { version: string }).version;
  });

  for (const fixture of FIXTURES) {
    it(`${fixture}: the same posts, pages, drafts, dates and URLs as Eleventy`, async () => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `postdesk-${fixture}-`));
      try {
        fs.cpSync(path.join(SITES, fixture), tmp, { recursive: true });
        // Two commits with fixed author dates, so `git Last Modified` and `git Created` differ and are known.
        git(tmp, ['init', '-q', '-b', 'main'], '2020-03-01T23:30:00+09:00');
        git(tmp, ['add', '.'], '2020-03-01T23:30:00+09:00');
        git(tmp, ['commit', '-q', '-m', 'site'], '2020-03-01T23:30:00+09:00');
        const committed = path.join(tmp, 'content/blog/committed.md');
        if (fs.existsSync(committed)) {
          fs.appendFileSync(committed, '\nEdited.\n');
          git(tmp, ['commit', '-q', '-am', 'edit'], '2020-06-10T20:00:00-07:00');
        }
        // Eleventy's `Last Modified` is the ctime: an mtime set back (utimes moves the ctime to now) must not be taken for it.
        const modified = path.join(tmp, 'content/blog/modified.md');
        if (fs.existsSync(modified)) fs.utimesSync(modified, new Date('2019-01-01T20:00:00Z'), new Date('2019-01-01T20:00:00Z'));
        const run = spawnSync(process.execPath, ['--input-type=module', '-e', DUMP], { cwd: tmp, env: { ...process.env, POSTDESK_ELEVENTY: path.join(PACKAGE, 'src/Eleventy.js'), ELEVENTY_RUN_MODE: 'build' }, encoding: 'utf8', timeout: 50_000 });
        assert.equal(run.status, 0, `Eleventy failed: ${run.stderr}`);
        const dump = JSON.parse(run.stdout) as Dump;
        const pages = new Map(dump.pages.map((p) => [p.inputPath.replace(/^\.\//, ''), p]));
        const items = new Map(dump.items.map((i) => [i.inputPath.replace(/^\.\//, ''), i]));

        const site = await eleventyGenerator.detect(diskFiles(tmp), '', ['eleventy.config.js']);
        assert.ok(site, `${fixture} is detected as Eleventy`);
        const repo = gitRepoDatesSync(tmp, { workspaceTrusted: true });
        const now = new Date();
        const mismatches: string[] = [];
        let posts = 0;
        let dated = 0;
        let urls = 0;
        let unknownUrls = 0;
        for (const file of allFiles(tmp).filter((f) => f.endsWith('.md'))) {
          const text = fs.readFileSync(path.join(tmp, file), 'utf8');
          const classification = site.classify(file);
          const rules = site.rules(file, classification);
          const split = splitDocument(text);
          const placed: SiteContext = { site, classification, rules, sitePath: file };
          const abs = path.join(tmp, file);
          const context = refineSiteContext(withFileTimes(placed, { ...statTimes(fs.statSync(abs)), ...gitTimes(abs, repo) }), split);
          const kind = context.classification.kind;
          const page = pages.get(file);
          const item = items.get(file);
          const why = `(${context.classification.reason})`;
          if (!page && !item) {
            // Not built: ignored by Eleventy, or a draft its config's preprocessor leaves out.
            const doc = { path: file, text };
            const status = kind === 'ignored' ? 'ignored' : siteStatus(doc, split, context, resolveSiteDate(doc, split, context).date, now);
            if (status !== 'ignored' && status !== 'draft') mismatches.push(`${file}: not built by Eleventy, ${kind} (${status}) for Postdesk ${why}`);
            continue;
          }
          const eleventyKind = item && item.tags.some((t) => POST_TAGS.has(t)) ? 'post' : 'page';
          if (kind !== eleventyKind) {
            mismatches.push(`${file}: ${eleventyKind} for Eleventy (tags ${item?.tags.join(', ') ?? 'none'}), ${kind} for Postdesk ${why}`);
            continue;
          }
          const doc = { path: file, text };
          const date = resolveSiteDate(doc, split, context).date;
          const title = siteTitle(split, classifyLines(text, split.bodyStart), context);
          const url = siteUrl(split, context, title.title, date?.value);
          const builtUrl = page?.url ?? item?.url;
          if (kind === 'post') {
            posts++;
            const status = siteStatus(doc, split, context, date, now);
            if ((builtUrl === false) !== (status === 'draft')) mismatches.push(`${file}: url ${String(builtUrl)} for Eleventy, ${status} for Postdesk`);
            if (item) {
              const theirs = Math.floor(Date.parse(item.date) / 1000);
              const mine = date ? Math.floor(instantOf(date.value) / 1000) : undefined;
              if (mine !== theirs) mismatches.push(`${file}: date ${item.date} for Eleventy, ${date ? `${formatIsoDate(date.value)} (${date.source})` : 'none'} for Postdesk`);
              else dated++;
            }
          }
          if (url !== undefined) {
            urls++;
            const expected = builtUrl === false ? undefined : `${site.baseUrl ?? ''}${builtUrl ?? ''}`;
            if (url !== expected) mismatches.push(`${file}: URL ${String(builtUrl)} for Eleventy, ${url} for Postdesk`);
          } else if (builtUrl !== false) unknownUrls++;
        }
        console.log(`      ${fixture}: ${dump.pages.length} Eleventy templates, ${posts} posts compared, ${dated} dates agree, ${urls} URLs agree, ${unknownUrls} URLs Postdesk does not claim to know (computed permalinks); ${mismatches.length} differences (Eleventy ${version})`);
        assert.deepEqual(mismatches, []);
        assert.ok(posts > 0, `posts compared in ${fixture}`);
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });
  }
});
