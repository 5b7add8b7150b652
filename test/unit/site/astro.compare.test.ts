// The Astro model against Astro itself (astro and @astrojs/mdx, pinned
// devDependencies): `astro sync` loads the content collections of a copy of
// our own fixture sites (their configs are test code, not a workspace's) and
// writes its data store; Postdesk must agree on which Markdown files are
// collection entries and of which collection, which are posts, their dates
// and their drafts. Where the machine lets the test take the network away
// (`unshare -n`, as root), Astro runs without it: nothing needs the network.
// Skipped when the package is not installed.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatIsoDate } from '../../../src/core/dates';
import { splitDocument } from '../../../src/core/frontmatter';
import { fieldValue, refineSiteContext, resolveSiteDate, siteStatus, type SiteContext } from '../../../src/core/site/facts';
import { astroGenerator } from '../../../src/core/site/generators/astro';
import type { PostDate } from '../../../src/core/types';
import { allFiles, diskFiles, SITES } from './helpers';

const MODULES = path.resolve(__dirname, '../../../node_modules');
const PACKAGE = path.join(MODULES, 'astro');
const FIXTURES = ['astro-blog', 'astro-legacy'];

/** Astro's data store is written with devalue: every entry's collection, file and data. */
const DUMP = `
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
const require = createRequire(process.env.POSTDESK_ASTRO);
const devalue = await import(require.resolve('devalue'));
const store = devalue.parse(fs.readFileSync(process.env.POSTDESK_STORE, 'utf8'));
const out = [];
for (const [collection, entries] of store) {
  if (collection === 'meta::meta') continue;
  for (const [id, entry] of entries) out.push({ collection, id, filePath: entry.filePath ?? null, data: entry.data });
}
process.stdout.write(JSON.stringify(out));
`;

interface Entry {
  readonly collection: string;
  readonly id: string;
  readonly filePath: string | null;
  readonly data: Record<string, unknown>;
}

/**
 * The instant Astro makes of Postdesk's date: z.coerce.date is `new Date(value)`,
 * so a date alone is UTC midnight when written `2024-03-05` (or unquoted, as
 * YAML reads it) and the build machine's local midnight when written
 * otherwise (`'Jul 08 2024'`): the same calendar date either way.
 */
function instantOf(date: PostDate, written: unknown): number {
  if (date.kind === 'date' && typeof written === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(written.trim())) return new Date(date.year, date.month - 1, date.day).getTime();
  const wall = date.kind === 'date' ? Date.UTC(date.year, date.month - 1, date.day) : Date.UTC(date.year, date.month - 1, date.day, date.hour, date.minute, date.second);
  return date.kind === 'datetime' && date.offsetMinutes !== undefined ? wall - date.offsetMinutes * 60_000 : wall;
}

/** Whether `unshare -n` can take the network away here (it needs root or user namespaces). */
function offlineWrapper(): string[] {
  return spawnSync('unshare', ['-n', 'true']).status === 0 ? ['unshare', '-n'] : [];
}

describe('site model: Astro against astro itself', function () {
  this.timeout(120_000);
  let version = '';
  let offline: string[] = [];

  before(function () {
    if (!fs.existsSync(path.join(PACKAGE, 'package.json'))) {
      console.log('      astro is not installed (npm install): the comparison with Astro itself is skipped');
      this.skip();
    }
    version = (JSON.parse(fs.readFileSync(path.join(PACKAGE, 'package.json'), 'utf8')) as { version: string }).version;
    offline = offlineWrapper();
  });

  for (const fixture of FIXTURES) {
    it(`${fixture}: the same collection entries, posts, dates and drafts as astro sync`, async () => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `postdesk-${fixture}-`));
      try {
        fs.cpSync(path.join(SITES, fixture), tmp, { recursive: true });
        // Only the packages the config imports, linked: Astro's cache (node_modules/.astro) stays in the copy.
        fs.mkdirSync(path.join(tmp, 'node_modules'));
        fs.symlinkSync(PACKAGE, path.join(tmp, 'node_modules', 'astro'));
        fs.symlinkSync(path.join(MODULES, '@astrojs'), path.join(tmp, 'node_modules', '@astrojs'));
        const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', CI: '1' };
        const command = [...offline, process.execPath, path.join(PACKAGE, 'astro.js'), 'sync'];
        const sync = spawnSync(command[0], command.slice(1), { cwd: tmp, env, encoding: 'utf8', timeout: 100_000 });
        assert.equal(sync.status, 0, `astro sync failed${offline.length > 0 ? ' (without network)' : ''}: ${sync.stdout}\n${sync.stderr}`);
        const dump = spawnSync(process.execPath, ['--input-type=module', '-e', DUMP], {
          cwd: tmp,
          env: { ...env, POSTDESK_ASTRO: path.join(PACKAGE, 'package.json'), POSTDESK_STORE: path.join(tmp, 'node_modules/.astro/data-store.json') },
          encoding: 'utf8',
        });
        assert.equal(dump.status, 0, dump.stderr);
        const entries = new Map((JSON.parse(dump.stdout) as Entry[]).filter((e) => e.filePath !== null && /\.mdx?$/.test(e.filePath)).map((e) => [e.filePath as string, e]));

        const rootNames = fs.readdirSync(tmp);
        const site = await astroGenerator.detect(diskFiles(tmp), '', rootNames.filter((n) => astroGenerator.markers.includes(n)));
        assert.ok(site, `${fixture} is detected as Astro`);
        const now = new Date();
        const mismatches: string[] = [];
        let posts = 0;
        let pages = 0;
        for (const file of allFiles(tmp).filter((f) => /\.mdx?$/.test(f) && !f.startsWith('node_modules/'))) {
          const text = fs.readFileSync(path.join(tmp, file), 'utf8');
          const classification = site.classify(file);
          const split = splitDocument(text);
          const context: SiteContext = refineSiteContext({ site, classification, rules: site.rules(file, classification), sitePath: file }, split);
          const { kind, reason } = context.classification;
          const entry = entries.get(file);
          // src/pages/ Markdown is a page Astro routes itself, never a collection entry.
          const routedPage = file.startsWith('src/pages/') && !/(^|\/)_/.test(file.slice('src/pages/'.length));
          if (!entry) {
            if (routedPage) {
              if (kind !== 'page') mismatches.push(`${file}: a routed page for Astro, ${kind} for Postdesk (${reason})`);
            } else if (kind !== 'ignored') mismatches.push(`${file}: no collection entry for Astro, ${kind} for Postdesk (${reason})`);
            continue;
          }
          if (kind === 'ignored') {
            mismatches.push(`${file}: an entry of "${entry.collection}" for Astro, ignored by Postdesk (${reason})`);
            continue;
          }
          if (context.classification.collection !== entry.collection) mismatches.push(`${file}: collection "${entry.collection}" for Astro, "${context.classification.collection ?? '(none)'}" for Postdesk`);
          if (kind !== 'post') {
            pages++;
            continue;
          }
          posts++;
          const doc = { path: file, text };
          const date = resolveSiteDate(doc, split, context).date;
          const theirs = date?.field !== undefined ? entry.data[date.field] : undefined;
          const theirMs = typeof theirs === 'string' ? Date.parse(theirs) : undefined;
          if (!date || theirMs === undefined || Math.floor(instantOf(date.value, fieldValue(split, date.field ?? '', false)) / 1000) !== Math.floor(theirMs / 1000)) {
            mismatches.push(`${file}: ${date?.field ?? 'date'} ${String(theirs)} for Astro, ${date ? formatIsoDate(date.value) : 'none'} for Postdesk`);
          }
          const status = siteStatus(doc, split, context, date, now);
          if ((entry.data['draft'] === true) !== (status === 'draft')) mismatches.push(`${file}: draft ${String(entry.data['draft'])} for Astro, ${status} for Postdesk`);
        }
        for (const file of entries.keys()) if (!fs.existsSync(path.join(tmp, file))) mismatches.push(`${file}: an Astro entry with no file`);
        console.log(`      ${fixture}: ${entries.size} Markdown entries, ${posts} posts and ${pages} collection pages compared, ${mismatches.length} differences (astro ${version}${offline.length > 0 ? ', without network' : ''})`);
        assert.deepEqual(mismatches, []);
        assert.ok(posts > 0, `posts compared in ${fixture}`);
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });
  }
});
