// Dates from a file's own times (Hugo `:fileModTime` and `:git`, Jekyll
// drafts, Eleventy's `Last Modified` / `Created` / `git ...` keywords and its
// creation-time default), with the times supplied by the caller as the CLI and
// the editor do: the right source wins in generator order, is named, becomes a
// calendar date in the right zone, and is "unavailable" when not supplied.
// Runs in every TZ lane: expectations for the local zone are derived from the
// instant, the named zones are fixed.

import * as assert from 'node:assert/strict';
import { formatIsoDate } from '../../../src/core/dates';
import { splitDocument } from '../../../src/core/frontmatter';
import { resolveSiteDate, siteStatus, type SiteContext } from '../../../src/core/site/facts';
import { fileTimesWanted, GIT_KEYWORD_LINE, instantDate, withFileTimes, type FileTimes } from '../../../src/core/site/fileTimes';
import { eleventyGenerator } from '../../../src/core/site/generators/eleventy';
import { hugoGenerator } from '../../../src/core/site/generators/hugo';
import { jekyllGenerator } from '../../../src/core/site/generators/jekyll';
import type { GeneratorModel, Site } from '../../../src/core/site/types';
import type { PostDate } from '../../../src/core/types';
import { memoryFiles } from './helpers';


async function detect(generator: GeneratorModel, tree: Readonly<Record<string, string>>): Promise<Site> {
  const files = memoryFiles(tree);
  const found = generator.markers.filter((m) => tree[m] !== undefined);
  const site = await generator.detect(files, '', found);
  assert.ok(site, `${generator.id} site detected`);
  return site;
}

function contextOf(site: Site, file: string, times?: FileTimes): SiteContext {
  const classification = site.classify(file);
  const context: SiteContext = { site, classification, rules: site.rules(file, classification), sitePath: file };
  return times ? withFileTimes(context, times) : context;
}

function dateOf(site: Site, file: string, text: string, times?: FileTimes) {
  const context = contextOf(site, file, times);
  const split = splitDocument(text, { afterBlankLines: context.rules.frontMatterAfterBlankLines === true });
  const r = resolveSiteDate({ path: file, text }, split, context);
  return { date: r.date ? formatIsoDate(r.date.value) : undefined, value: r.date?.value, source: r.date?.source, field: r.date?.field, unavailable: r.unavailable, context, split, text };
}

/** The wall time of `ms` in this process's zone, written as Postdesk writes a date-time with an offset. */
function localIso(ms: number): string {
  const d = new Date(ms);
  const off = -d.getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${sign}${pad(Math.trunc(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}

const MOD = Date.UTC(2021, 0, 1, 3, 30, 0); // 2021-01-01T03:30:00Z: the previous day west of UTC
const BIRTH = Date.UTC(2019, 6, 14, 22, 0, 0);
const CHANGED = Date.UTC(2021, 1, 2, 10, 0, 0);
const TIMES: FileTimes = { modifiedMs: MOD, changedMs: CHANGED, createdMs: BIRTH, gitLast: '2020-06-10T20:00:00-07:00', gitFirst: '2020-03-01T23:30:00+09:00' };
const NOW = new Date('2024-06-01T12:00:00Z');

describe('site model: dates from file times', () => {
  describe('instantDate', () => {
    it('turns an instant into the wall time of a named zone, with its offset', () => {
      const d = (ms: number, zone: string): string => formatIsoDate(instantDate(ms, zone) as PostDate);
      assert.equal(d(MOD, 'America/New_York'), '2020-12-31T22:30:00-05:00');
      assert.equal(d(MOD, 'Asia/Tokyo'), '2021-01-01T12:30:00+09:00');
      assert.equal(d(MOD, 'UTC'), '2021-01-01T03:30:00+00:00');
      assert.equal(d(Date.UTC(2021, 6, 1, 3, 30), 'America/New_York'), '2021-06-30T23:30:00-04:00', 'summer time');
      assert.equal(d(MOD, 'Pacific/Kiritimati'), '2021-01-01T17:30:00+14:00');
    });

    it("uses the machine's zone when none is named, or the name is unknown", () => {
      assert.equal(formatIsoDate(instantDate(MOD, undefined) as PostDate), localIso(MOD));
      assert.equal(formatIsoDate(instantDate(MOD, 'Not/AZone') as PostDate), localIso(MOD));
      assert.equal(instantDate(Number.NaN, undefined), undefined);
    });
  });

  describe('Hugo', () => {
    const config = 'baseURL = "https://example.org/"\nenableGitInfo = true\ntimeZone = "Asia/Tokyo"\n[frontmatter]\ndate = [":git", ":fileModTime", "date"]\npublishDate = [":fileModTime", ":default"]\n';
    const text = '---\ntitle: A\ndate: 2018-02-02\n---\nBody.\n';
    let site: Site;
    before(async () => {
      site = await detect(hugoGenerator, { 'hugo.toml': config, 'content/posts/a.md': text });
    });

    it(':git first: the last commit, with the offset git recorded (Hugo does not move it to timeZone)', () => {
      const r = dateOf(site, 'content/posts/a.md', text, TIMES);
      assert.deepEqual([r.date, r.source, r.unavailable], ['2020-06-10T20:00:00-07:00', 'git', undefined]);
    });

    it('a file git does not know falls through to :fileModTime, in the local zone', () => {
      const r = dateOf(site, 'content/posts/a.md', text, { modifiedMs: MOD, gitMissing: 'not committed yet' });
      assert.deepEqual([r.date, r.source], [localIso(MOD), 'file-mod-time']);
      assert.deepEqual(r.unavailable, [':git (not committed yet)']);
    });

    it('no git and no stat: the front matter date, and both sources said to be unavailable', () => {
      const r = dateOf(site, 'content/posts/a.md', text, { gitMissing: 'git is not available' });
      assert.deepEqual([r.date, r.source], ['2018-02-02', 'front-matter']);
      assert.deepEqual(r.unavailable, [':git (git is not available)', ':fileModTime (not recorded for this file)']);
    });

    it('without times supplied (the web extension): unavailable, never guessed', () => {
      const r = dateOf(site, 'content/posts/a.md', text);
      assert.deepEqual([r.date, r.source], ['2018-02-02', 'front-matter']);
      assert.deepEqual(r.unavailable, [':git', ':fileModTime']);
    });

    it('a modification time in the future schedules the page through publishDate', () => {
      const future = Date.UTC(2099, 0, 1);
      const r = dateOf(site, 'content/posts/a.md', text, { modifiedMs: future, gitMissing: 'not committed yet' });
      assert.equal(siteStatus({ path: 'content/posts/a.md', text }, r.split, r.context, { value: r.value as PostDate, source: 'file-mod-time' }, NOW), 'scheduled');
      const past = dateOf(site, 'content/posts/a.md', text, TIMES);
      assert.equal(siteStatus({ path: 'content/posts/a.md', text }, past.split, past.context, { value: past.value as PostDate, source: 'git' }, NOW), 'published');
    });

    it('asks for a stat and git only when its rules name them', async () => {
      assert.deepEqual(fileTimesWanted(contextOf(site, 'content/posts/a.md').rules), { stat: true, git: true, gitOnlyByKeyword: false });
      const plain = await detect(hugoGenerator, { 'hugo.toml': 'title = "x"\n', 'content/posts/a.md': text });
      assert.deepEqual(fileTimesWanted(contextOf(plain, 'content/posts/a.md').rules), { stat: false, git: false, gitOnlyByKeyword: false });
    });
  });

  describe('Jekyll drafts', () => {
    it("are dated by their modification time in the site's timezone (Jekyll sets the process zone to it)", async () => {
      const site = await detect(jekyllGenerator, { '_config.yml': 'timezone: America/New_York\n', '_drafts/idea.md': '---\ntitle: Idea\n---\n', '_posts/2020-01-01-a.md': '---\n---\n' });
      const r = dateOf(site, '_drafts/idea.md', '---\ntitle: Idea\n---\nBody.\n', { modifiedMs: MOD });
      assert.deepEqual([r.date, r.source], ['2020-12-31T22:30:00-05:00', 'file-mod-time']);
      // A post's own date still comes first.
      const dated = dateOf(site, '_drafts/idea.md', '---\ntitle: Idea\ndate: 2019-05-05\n---\nBody.\n', { modifiedMs: MOD });
      assert.deepEqual([dated.date, dated.source], ['2019-05-05', 'front-matter']);
    });

    it("in the machine's zone without a timezone", async () => {
      const site = await detect(jekyllGenerator, { '_config.yml': 'title: x\n', '_drafts/idea.md': '---\n---\n', '_posts/2020-01-01-a.md': '---\n---\n' });
      const r = dateOf(site, '_drafts/idea.md', '---\ntitle: Idea\n---\nBody.\n', { modifiedMs: MOD });
      assert.deepEqual([r.date, r.source], [localIso(MOD), 'file-mod-time']);
    });
  });

  describe('Eleventy', () => {
    let site: Site;
    before(async () => {
      site = await detect(eleventyGenerator, { 'eleventy.config.js': 'export default function () {}\n', 'posts/posts.json': '{ "tags": ["posts"] }', 'posts/a.md': 'x' });
    });
    const post = (date: string) => `---\ntitle: A\ndate: ${date}\n---\nBody.\n`;

    it('reads the four keywords from the file and git, whatever their case, naming the field', () => {
      const cases: [string, string, string][] = [
        // Eleventy 3's Last Modified is the stat's ctime, not its mtime.
        ['Last Modified', localIso(CHANGED), 'file-mod-time'],
        ['created', localIso(BIRTH), 'file-created'],
        ['git Last Modified', '2020-06-10T20:00:00-07:00', 'git'],
        ['GIT CREATED', '2020-03-01T23:30:00+09:00', 'git-created'],
      ];
      for (const [keyword, date, source] of cases) {
        const r = dateOf(site, 'posts/a.md', post(keyword), TIMES);
        assert.deepEqual([r.date, r.source, r.field], [date, source, 'date'], keyword);
      }
    });

    it('asks git only through a keyword, which a caller can spot in the first lines', () => {
      assert.deepEqual(fileTimesWanted(contextOf(site, 'posts/a.md').rules), { stat: true, git: true, gitOnlyByKeyword: true });
      assert.match(post('git Last Modified'), GIT_KEYWORD_LINE);
      assert.match('---\n"date": "GIT created"\n---\n', GIT_KEYWORD_LINE);
      assert.doesNotMatch(post('Last Modified'), GIT_KEYWORD_LINE);
      assert.doesNotMatch('---\ntitle: git Last Modified\n---\n', GIT_KEYWORD_LINE);
    });

    it('says which keyword it could not read, and why', () => {
      assert.deepEqual(dateOf(site, 'posts/a.md', post('Last Modified')).unavailable, ['date: Last Modified']);
      assert.deepEqual(dateOf(site, 'posts/a.md', post('git Created'), { modifiedMs: MOD, gitMissing: 'not in a git repository' }).unavailable, ['date: git Created (not in a git repository)']);
      // The keyword names the one source Eleventy uses: no later source (the date in the file name) stands in for it.
      const named = dateOf(site, 'posts/2022-02-02-a.md', post('Last Modified'));
      assert.deepEqual([named.date, named.unavailable], [undefined, ['date: Last Modified']]);
    });

    it('dates a post with no date anywhere by its creation time, after the date in its path', () => {
      const none = '---\ntitle: A\n---\nBody.\n';
      assert.deepEqual([dateOf(site, 'posts/a.md', none, TIMES).date, dateOf(site, 'posts/a.md', none, TIMES).source], [localIso(BIRTH), 'file-created']);
      const named = dateOf(site, 'posts/2022-02-02-a.md', none, TIMES);
      assert.deepEqual([named.date, named.source], ['2022-02-02', 'filename']);
      assert.deepEqual(dateOf(site, 'posts/a.md', none, { modifiedMs: MOD }).unavailable, ['file creation time (not recorded for this file)']);
    });
  });
});
