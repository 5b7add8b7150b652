// The Hugo model against Hugo itself: `hugo list all` on a copy of each
// fixture site names every regular page with its dates, draft flag and
// permalink; Postdesk must find the same pages and agree on all of them.
// hugo-git is committed in its copy with fixed author dates (and a file left
// out of git, with its modification time set back) so that `:git` and
// `:fileModTime` are compared too, read through the same file times the CLI
// reads. Skipped when no `hugo` is installed (Debian's is 0.111.3).

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatIsoDate } from '../../../src/core/dates';
import { splitDocument } from '../../../src/core/frontmatter';
import { classifyLines } from '../../../src/core/markdown';
import { resolveDates, resolveSiteDate, siteStatus, siteTitle, siteUrl } from '../../../src/core/site/facts';
import type { SiteContext } from '../../../src/core/site/facts';
import { withFileTimes } from '../../../src/core/site/fileTimes';
import { gitEnvironment, gitRepoDatesSync, gitTimes, statTimes } from '../../../src/node/fileTimes';
import { hugoGenerator } from '../../../src/core/site/generators/hugo';
import type { PostDateInfo, SourceDocument } from '../../../src/core/types';
import type { Site } from '../../../src/core/site/types';
import { diskFiles } from './helpers';

const SITES = path.join(__dirname, '..', '..', 'fixtures', 'sites');
const FIXTURES = ['hugo-blog', 'hugo-multilingual', 'hugo-config-toml', 'hugo-mounts', 'hugo-git'];

function git(cwd: string, args: string[], author: string): void {
  const env = { ...gitEnvironment(), HOME: cwd, GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@example.org', GIT_COMMITTER_NAME: 'C', GIT_COMMITTER_EMAIL: 'c@example.org', GIT_AUTHOR_DATE: author, GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z' };
  const run = spawnSync('git', ['-c', 'commit.gpgSign=false', ...args], { cwd, env, encoding: 'utf8' });
  assert.equal(run.status, 0, `git ${args.join(' ')}: ${run.stderr}`);
}

/** hugo-git's history: every file but one committed, one of them twice (the author dates differ from the committer's, which Hugo 0.111 does not use). */
function commitHugoGit(dir: string): void {
  git(dir, ['init', '-q', '-b', 'main'], '2020-03-01T23:30:00+09:00');
  git(dir, ['add', 'hugo.toml', 'content/posts/_index.md', 'content/posts/committed.md', 'content/posts/front-matter-loses.md', 'content/posts/published-later.md'], '2020-03-01T23:30:00+09:00');
  git(dir, ['commit', '-q', '-m', 'site'], '2020-03-01T23:30:00+09:00');
  fs.appendFileSync(path.join(dir, 'content/posts/committed.md'), '\nEdited.\n');
  git(dir, ['commit', '-q', '-am', 'edit'], '2020-06-10T20:00:00-07:00');
  const past = new Date('2019-01-01T20:00:00Z');
  fs.utimesSync(path.join(dir, 'content/posts/not-committed.md'), past, past);
}
const ZERO = '0001-01-01T00:00:00Z';


function allFiles(base: string, dir = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(base, dir), { withFileTypes: true })) {
    const rel = dir === '' ? e.name : `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...allFiles(base, rel));
    else out.push(rel);
  }
  return out;
}

/** RFC 4180 CSV, as Go's encoding/csv writes it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

interface HugoPage {
  readonly path: string;
  readonly title: string;
  readonly date: string;
  readonly expiryDate: string;
  readonly publishDate: string;
  readonly draft: boolean;
  readonly permalink: string;
}

function hugoList(source: string): HugoPage[] {
  const run = spawnSync('hugo', ['list', 'all', '--source', source], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(run.status, 0, `hugo list all failed: ${run.stderr}`);
  const [header, ...rows] = parseCsv(run.stdout).filter((r) => r.length > 1);
  const col = (name: string): number => header.indexOf(name);
  return rows.map((r) => ({
    path: r[col('path')],
    title: r[col('title')],
    date: r[col('date')],
    expiryDate: r[col('expiryDate')],
    publishDate: r[col('publishDate')],
    draft: r[col('draft')] === 'true',
    permalink: r[col('permalink')],
  }));
}

/** Hugo's date as Postdesk writes it: the calendar date, and the time and offset when the post has them. */
function sameDate(hugo: string, ours: PostDateInfo | undefined): boolean {
  if (hugo === ZERO || hugo === '') return ours === undefined;
  if (!ours) return false;
  const mine = formatIsoDate(ours.value);
  if (ours.value.kind === 'date') return hugo.slice(0, 10) === mine && hugo.slice(10, 19) === 'T00:00:00';
  if (ours.value.offsetMinutes === undefined) return hugo.slice(0, 19) === mine;
  return hugo.replace(/Z$/, '+00:00') === mine;
}

function hugoInstalled(): boolean {
  const run = spawnSync('hugo', ['version'], { encoding: 'utf8' });
  return run.status === 0;
}

describe('site model: Hugo against hugo itself', function () {
  this.timeout(60_000);
  const now = new Date();
  let version = '';

  before(function () {
    if (!hugoInstalled()) {
      console.log('      hugo is not installed: the comparison with Hugo itself is skipped');
      this.skip();
    }
    version = spawnSync('hugo', ['version'], { encoding: 'utf8' }).stdout.trim();
  });

  for (const fixture of FIXTURES) {
    it(`${fixture}: the same pages, dates, drafts, statuses and URLs as hugo list all`, async () => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `postdesk-${fixture}-`));
      try {
        // Hugo and Postdesk read the same copy: its files' times are the ones compared.
        const source = tmp;
        fs.cpSync(path.join(SITES, fixture), tmp, { recursive: true });
        if (fixture === 'hugo-git') commitHugoGit(tmp);
        const pages = hugoList(tmp);
        const byPath = new Map(pages.map((p) => [p.path, p]));
        const repo = gitRepoDatesSync(tmp, { workspaceTrusted: true });
        const timesOf = (file: string) => ({ ...statTimes(fs.statSync(path.join(tmp, file))), ...gitTimes(path.join(tmp, file), repo) });
        const sources = new Map<string, number>();

        const files = diskFiles(source);
        const rootNames = fs.readdirSync(source);
        const site = (await hugoGenerator.detect(files, '', rootNames.filter((n) => hugoGenerator.markers.includes(n)))) as Site;
        assert.ok(site, `${fixture} is detected as Hugo`);

        const mismatches: string[] = [];
        let compared = 0;
        const ours = new Set<string>();
        for (const file of allFiles(source)) {
          const classification = site.classify(file);
          if (classification.kind !== 'post') continue;
          ours.add(file);
          const hugo = byPath.get(file);
          if (!hugo) {
            mismatches.push(`${file}: a post for Postdesk (${classification.reason}), not a page for Hugo`);
            continue;
          }
          const text = fs.readFileSync(path.join(source, file), 'utf8');
          compared++;
          const rules = site.rules(file, classification);
          const split = splitDocument(text, { afterBlankLines: rules.frontMatterAfterBlankLines === true });
          const doc: SourceDocument = { path: file, text };
          const times = timesOf(file);
          const context: SiteContext = withFileTimes({ site, classification, rules, sitePath: file }, times);
          const date = resolveSiteDate(doc, split, context).date;
          if (date) sources.set(date.source, (sources.get(date.source) ?? 0) + 1);
          const publish = rules.publishDate ? resolveDates(doc, split, rules.publishDate, rules, file, false, times).date : undefined;
          const expiry = rules.expiryDate ? resolveDates(doc, split, rules.expiryDate, rules, file, false, times).date : undefined;
          const title = siteTitle(split, classifyLines(text, split.bodyStart), context);
          const url = siteUrl(split, context, title.title, date?.value);
          const status = siteStatus(doc, split, context, date, now);

          const expected = hugo.draft
            ? 'draft'
            : hugo.expiryDate !== ZERO && Date.parse(hugo.expiryDate) <= now.getTime()
              ? 'expired'
              : hugo.publishDate !== ZERO && Date.parse(hugo.publishDate) > now.getTime()
                ? 'scheduled'
                : hugo.date === ZERO && hugo.publishDate === ZERO
                  ? 'undated'
                  : 'published';
          const check = (what: string, ok: boolean, theirs: string, mine: string | undefined): void => {
            if (!ok) mismatches.push(`${file}: ${what} ${theirs} for Hugo, ${mine ?? '(none)'} for Postdesk`);
          };
          check('date', sameDate(hugo.date, date), hugo.date, date && formatIsoDate(date.value));
          check('publishDate', sameDate(hugo.publishDate, publish), hugo.publishDate, publish && formatIsoDate(publish.value));
          check('expiryDate', sameDate(hugo.expiryDate, expiry), hugo.expiryDate, expiry && formatIsoDate(expiry.value));
          check('status', status === expected, expected, status);
          check('permalink', (url ?? '') === hugo.permalink, hugo.permalink || '(none)', url);
          if (title.source === 'front-matter') check('title', title.title === hugo.title, hugo.title, title.title);
        }
        for (const page of pages) if (!ours.has(page.path)) mismatches.push(`${page.path}: a page for Hugo, ${site.classify(page.path).kind} for Postdesk (${site.classify(page.path).reason})`);

        console.log(`      ${fixture}: ${pages.length} Hugo pages, ${compared} compared, ${mismatches.length} differences; dates from ${[...sources].map(([k, n]) => `${n} ${k}`).join(', ')} (${version.split(' ')[1] ?? version})`);
        assert.deepEqual(mismatches, []);
        assert.ok(compared > 0, `pages compared in ${fixture}`);
        assert.equal(compared, pages.length, 'every Hugo page compared');
        if (fixture === 'hugo-git') assert.deepEqual([sources.get('git'), sources.get('file-mod-time')], [3, 1], 'dates from git and the file system');
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });
  }
});
