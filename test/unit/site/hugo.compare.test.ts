// The Hugo model against Hugo itself: `hugo list all` on a copy of each
// fixture site names every regular page with its dates, draft flag and
// permalink; Postdesk must find the same pages and agree on all of them.
// Skipped when no `hugo` is installed (Debian's is 0.111.3).

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
import { hugoGenerator } from '../../../src/core/site/generators/hugo';
import type { PostDateInfo, SourceDocument } from '../../../src/core/types';
import type { Site } from '../../../src/core/site/types';
import { diskFiles } from './helpers';

const SITES = path.join(__dirname, '..', '..', 'fixtures', 'sites');
const FIXTURES = ['hugo-blog', 'hugo-multilingual', 'hugo-config-toml', 'hugo-mounts'];
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
      const source = path.join(SITES, fixture);
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `postdesk-${fixture}-`));
      let pages: HugoPage[];
      try {
        fs.cpSync(source, tmp, { recursive: true });
        pages = hugoList(tmp);
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
      const byPath = new Map(pages.map((p) => [p.path, p]));

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
        const context: SiteContext = { site, classification, rules, sitePath: file };
        const date = resolveSiteDate(doc, split, context).date;
        const publish = rules.publishDate ? resolveDates(doc, split, rules.publishDate, rules, file, false).date : undefined;
        const expiry = rules.expiryDate ? resolveDates(doc, split, rules.expiryDate, rules, file, false).date : undefined;
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

      console.log(`      ${fixture}: ${pages.length} Hugo pages, ${compared} compared, ${mismatches.length} differences (${version.split(' ')[1] ?? version})`);
      assert.deepEqual(mismatches, []);
      assert.ok(compared > 0, `pages compared in ${fixture}`);
      assert.equal(compared, pages.length, 'every Hugo page compared');
    });
  }
});
