// Postdesk's Docusaurus model against Docusaurus itself, by hand (not part of
// `npm test` or CI: `@docusaurus/plugin-content-blog` pulls `@docusaurus/core`,
// webpack, babel and React, about 1,200 packages, so it is not a devDependency).
//
// Install it once outside the repository:
//
//   mkdir -p /tmp/docusaurus-check && cd /tmp/docusaurus-check && npm init -y
//   npm install @docusaurus/plugin-content-blog@3 @docusaurus/core@3 react@18 react-dom@18
//
// then run, from the repository:
//
//   node --require tsx/cjs scripts/check-docusaurus.ts [/tmp/docusaurus-check]
//
// (or set DOCUSAURUS_CHECK_INSTALL). What it does, on a temporary copy of our own
// fixture test/fixtures/sites/docusaurus-site (test code, not a workspace's):
//
// - Docusaurus side, in a child process with plain Node, working directory the
//   copy: core's own `loadContext({siteDir, locale})` reads the fixture's
//   docusaurus.config.ts (jiti) and builds the LoadContext (validated site
//   config, i18n, localizationDir, baseUrl per locale, siteStorage, VCS); every
//   blog instance (the classic preset's `blog` options, each
//   `@docusaurus/plugin-content-blog` entry of `plugins`) gets its options
//   through the plugin's `validateOptions` with `normalizePluginOptions` (Joi),
//   as core's plugin init does, then the plugin's default export and its
//   `loadContent()`. That is run for the locales en and fr, with
//   NODE_ENV=development and NODE_ENV=production (`isDraft`/`isUnlisted` read it).
//   The classic preset itself is not installed: its `blog` options are handed
//   to the plugin as the preset does.
// - Postdesk side: the CLI, `postdesk list --format json --pages .` in the
//   copy, for kind, date, status, title and URL; authors through the engine's
//   `postAuthors` with the site the Docusaurus model detects (the CLI's JSON
//   has no authors).
// - Probes: 15 more posts written into the copy only (not the fixture),
//   each an awkward case of the plugin's rules; reported apart.
//
// Compared per Markdown file of the copy: is a post (listed by loadContent in
// development), calendar date (UTC, as Docusaurus formats it), draft (listed in
// development, left out in production), unlisted (production metadata), URL
// (site `url` + permalink, with baseUrl and locale), title, author names.
// A file of a locale other than the default is compared with that locale's run.
//
// Known differences (docs/site-model.md, "Checked against") are printed as such
// and do not fail.
//
// Exit: 0 all agree; 1 a mismatch (the table says which); 2 cannot check here.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { splitDocument } from '../src/core/frontmatter';
import { postAuthors } from '../src/core/post';
import { docusaurusGenerator } from '../src/core/site/generators/docusaurus';
import { gitEnvironment } from '../src/node/fileTimes';
import { localSiteFiles } from '../src/node/siteFiles';

const REPO_ROOT = path.resolve(__dirname, '..');
const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/sites/docusaurus-site');
const install = path.resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? process.env.DOCUSAURUS_CHECK_INSTALL ?? '/tmp/docusaurus-check');

/** Awkward cases written into the copy only: path → text. */
const PROBES: Readonly<Record<string, string>> = {
  // No title, no heading: the title is the file name's text, as written.
  'blog/2023-03-03-no-title.md': '---\ntags: [a]\n---\n\nJust a paragraph.\n',
  // A heading that is not the first thing in the body is not the title.
  'blog/late-heading.md': '---\ndate: 2023-04-04\n---\n\nIntro paragraph.\n\n# Later heading\n',
  // A YAML timestamp with an offset: the UTC calendar date is the day before.
  'blog/offset.md': '---\ntitle: Offset\ndate: 2021-03-04T05:06:07+09:00\n---\n',
  // A date string without seconds (not a YAML timestamp): read as UTC.
  'blog/date-string.md': '---\ntitle: Date string\ndate: "2021-12-31 23:30"\n---\n',
  // A date in a file name below an undated folder: the folder goes after the date.
  'blog/team/2020-05-06-middle.md': '---\ntitle: Middle\n---\n',
  // A `slug` beats the file name's date path, the date stays.
  'blog/2022-02-02-slugged.md': '---\ntitle: Slugged\nslug: /custom/path\n---\n',
  // Keys of authors.yml mixed with an inline author.
  'blog/inline-authors.md': '---\ntitle: Inline authors\ndate: 2022-03-03\nauthors: [slorber, {name: Jane Doe, title: Guest}]\n---\n',
  // The legacy single author.
  'blog/legacy-author.md': '---\ntitle: Legacy author\ndate: 2022-04-04\nauthor: Joe Legacy\nauthor_title: Editor\n---\n',
  // Built but unlisted, explicitly not a draft.
  'blog/not-draft-unlisted.md': '---\ntitle: Not draft, unlisted\ndate: 2022-05-05\ndraft: false\nunlisted: true\n---\n',
  // A dated folder with index.mdx and no title: the heading.
  'blog/2024-07-08-folder/index.mdx': '---\nauthors: slorber\n---\n\n# Folder post\n\nText.\n',
  // An undated, untitled post in a folder: the title is the path's text.
  'blog/notes/plain-note.md': '---\ndate: 2024-01-02\n---\n\nNo heading here.\n',
  // A front matter title wins over the heading.
  'changelog/2020-06-01-v2.mdx': '---\ntitle: Version 2\n---\n\n# Heading loses\n',
  // Markdown in a front matter title: Docusaurus keeps it.
  'blog/markdown-title.md': '---\ntitle: A **bold** `title`\ndate: 2022-06-06\n---\n',
  // No date anywhere, committed: its first commit's date (production).
  'blog/undated-committed.md': '---\ntitle: Undated, committed\n---\n',
};
/** Written after the commit: no date anywhere, not in git, dated by its creation time (production). */
const UNTRACKED = 'blog/undated-untracked.md';
/** The date of the one commit of the copy (author and committer). */
const COMMIT_DATE = '2020-07-07T12:00:00+00:00';

interface DocusaurusPost {
  readonly mode: 'development' | 'production';
  readonly locale: string;
  readonly plugin: string;
  /** Relative to the site, POSIX. */
  readonly file: string;
  readonly url: string;
  readonly date: string;
  readonly title: string;
  readonly unlisted: boolean;
  readonly authors: readonly string[];
}

/** Run by plain Node in the site copy; prints every blog post loadContent() returns. */
const DUMP = `
import { createRequire } from 'node:module';
import path from 'node:path';
const install = process.env.DOCUSAURUS_CHECK_INSTALL;
const require = createRequire(path.join(install, 'package.json'));
const siteDir = process.cwd();
const core = path.dirname(require.resolve('@docusaurus/core/package.json'));
const { loadContext } = require(path.join(core, 'lib/server/site.js'));
const { normalizePluginOptions } = require('@docusaurus/utils-validation');
const blog = require('@docusaurus/plugin-content-blog');
const out = [];
for (const locale of ['en', 'fr']) {
  const context = await loadContext({ siteDir, locale });
  const instances = [];
  for (const p of context.siteConfig.presets ?? []) {
    const [name, opts] = Array.isArray(p) ? p : [p, {}];
    if ((name === 'classic' || name === '@docusaurus/preset-classic') && opts?.blog !== false) instances.push(opts?.blog ?? {});
  }
  for (const p of context.siteConfig.plugins ?? []) {
    const [name, opts] = Array.isArray(p) ? p : [p, {}];
    if (name === '@docusaurus/plugin-content-blog') instances.push(opts ?? {});
  }
  for (const raw of instances) {
    const options = blog.validateOptions({ validate: normalizePluginOptions, options: raw });
    const plugin = await blog.default(context, options);
    const content = await plugin.loadContent();
    for (const post of content.blogPosts) {
      const m = post.metadata;
      out.push({ mode: process.env.NODE_ENV, locale, plugin: options.id, file: m.source.replace(/^@site\\//, ''), url: context.siteConfig.url + m.permalink,
        date: m.date.toISOString(), title: m.title, unlisted: m.unlisted, authors: m.authors.map((a) => a.name ?? a.key ?? '') });
    }
  }
}
process.stdout.write(JSON.stringify(out));
`;

function fail(code: number, message: string): never {
  console.error(message);
  process.exit(code);
}

function version(pkg: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(install, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return fail(2, `${pkg} is not installed in ${install}; install it there first (see the top of this script).`);
  }
}

function copyTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    if (e.isDirectory()) copyTree(path.join(from, e.name), path.join(to, e.name));
    else fs.copyFileSync(path.join(from, e.name), path.join(to, e.name));
  }
}

function markdownFiles(base: string, dir = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(base, dir), { withFileTypes: true })) {
    const p = dir === '' ? e.name : `${dir}/${e.name}`;
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== '.docusaurus') out.push(...markdownFiles(base, p));
    } else if (/\.mdx?$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

function git(cwd: string, args: readonly string[]): void {
  const env = { ...gitEnvironment(), HOME: cwd, GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@example.org', GIT_COMMITTER_NAME: 'A', GIT_COMMITTER_EMAIL: 'a@example.org', GIT_AUTHOR_DATE: COMMIT_DATE, GIT_COMMITTER_DATE: COMMIT_DATE };
  const r = spawnSync('git', ['-c', 'commit.gpgSign=false', '-c', 'init.defaultBranch=main', ...args], { cwd, env, encoding: 'utf8' });
  if (r.status !== 0) fail(2, `git ${args.join(' ')} failed: ${r.stderr}`);
}

function runDocusaurus(site: string, mode: DocusaurusPost['mode']): DocusaurusPost[] {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', DUMP], {
    cwd: site,
    env: { ...process.env, NODE_ENV: mode, DOCUSAURUS_CHECK_INSTALL: install, NODE_OPTIONS: '' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) fail(1, `Docusaurus (${mode}) failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as DocusaurusPost[];
}

interface PostdeskEntry {
  readonly file: string;
  readonly title: string;
  readonly date: string | null;
  readonly status: string;
  readonly kind: string;
  readonly url?: string;
}

function runPostdesk(site: string): PostdeskEntry[] {
  const tsx = path.join(REPO_ROOT, 'node_modules/tsx/dist/cjs/index.cjs');
  const r = spawnSync(process.execPath, ['--require', tsx, path.join(REPO_ROOT, 'src/cli/main.ts'), 'list', '--format', 'json', '--pages', '.'], { cwd: site, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0 && r.status !== 1) fail(1, `postdesk list failed (${r.status}):\n${r.stderr}`);
  return (JSON.parse(r.stdout) as { posts: PostdeskEntry[] }).posts;
}

async function main(): Promise<void> {
  const versions = { blog: version('@docusaurus/plugin-content-blog'), core: version('@docusaurus/core'), react: version('react') };
  console.log(`Docusaurus: @docusaurus/plugin-content-blog ${versions.blog}, @docusaurus/core ${versions.core}, react ${versions.react} (${install}); Node ${process.version}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-docusaurus-'));
  const site = path.join(tmp, 'docusaurus-site');
  try {
    copyTree(FIXTURE, site);
    for (const [p, text] of Object.entries(PROBES)) {
      fs.mkdirSync(path.dirname(path.join(site, p)), { recursive: true });
      fs.writeFileSync(path.join(site, p), text);
    }
    git(site, ['init', '-q']);
    git(site, ['add', '-A']);
    git(site, ['commit', '-q', '-m', 'fixture']);
    fs.writeFileSync(path.join(site, UNTRACKED), '---\ntitle: Undated, untracked\n---\n');
    const dev = runDocusaurus(site, 'development');
    const prod = runDocusaurus(site, 'production');
    const postdesk = new Map(runPostdesk(site).map((e) => [e.file, e]));
    const model = await docusaurusGenerator.detect(localSiteFiles(tmp), 'docusaurus-site', ['docusaurus.config.ts']);
    if (!model) fail(1, 'Postdesk does not detect the copy as a Docusaurus site');

    const defaultLocale = 'en';
    /** The run a file belongs to: `i18n/<locale>/…` files in their locale's run, the rest in the default locale's. */
    const localeOf = (file: string) => /^i18n\/([^/]+)\//.exec(file)?.[1] ?? defaultLocale;
    const find = (runs: readonly DocusaurusPost[], file: string) => runs.find((p) => p.file === file && p.locale === localeOf(file));

    /** `known`: a difference docs/site-model.md names as not modelled (the comparison says so instead of failing). */
    type Row = { file: string; probe: boolean; field: string; docusaurus: string; postdesk: string; known?: string };
    const rows: Row[] = [];
    for (const file of markdownFiles(site)) {
      const probe = file in PROBES || file === UNTRACKED;
      const d = find(dev, file);
      const dp = find(prod, file);
      const p = postdesk.get(file);
      const add = (field: string, docusaurus: unknown, mine: unknown) => rows.push({ file, probe, field, docusaurus: String(docusaurus), postdesk: String(mine) });
      const isPost = p?.kind === 'post';
      add('is-post', d !== undefined, isPost);
      if (d === undefined || !isPost) continue;
      // A production build's date (a development server gives undated posts a fixed one); a draft only has a development one.
      const date = (dp ?? d).date;
      add('date', date.slice(0, 10), p.date?.slice(0, 10) ?? '(none)');
      // Postdesk keeps a date-time's written offset, Docusaurus shows its UTC day: the same instant is a known difference.
      const last = rows[rows.length - 1];
      if (last.docusaurus !== last.postdesk && p.date && /(?:[+-]\d\d:\d\d|Z)$/.test(p.date) && Date.parse(p.date) === Date.parse(date)) {
        last.known = `same instant (${p.date}); Postdesk keeps the written offset's day, Docusaurus shows the UTC day`;
      }
      // No date in the front matter or the path: Docusaurus asks git or the file system (a fixed date in development); Postdesk leaves it undated.
      if (last.docusaurus !== last.postdesk && p.date === null) last.known = 'no date in the front matter or the path: Docusaurus dates it by its first commit, else its creation time (production; a fixed date in development); Postdesk leaves it undated';
      add('draft', dp === undefined, p.status === 'draft');
      add('unlisted', dp?.unlisted ?? false, p.status === 'unlisted');
      add('url', d.url, p.url ?? '(none)');
      add('title', d.title, p.title);
      const title = rows[rows.length - 1];
      if (title.docusaurus !== title.postdesk && title.docusaurus.replace(/[*_`]+/g, '').replace(/\s+/g, ' ').trim() === p.title) {
        title.known = 'Postdesk shows a front matter title without its inline Markdown';
      }
      const split = splitDocument(fs.readFileSync(path.join(site, file), 'utf8'));
      add('authors', d.authors.join(', '), postAuthors(split.frontMatter?.data ?? {}, model).map((a) => a.name).join(', '));
    }

    const cell = (s: string) => (s === '' ? '—' : s);
    const files = [...new Set(rows.map((r) => r.file))];
    const fields = ['is-post', 'date', 'draft', 'unlisted', 'url', 'title', 'authors'];
    console.log(`\n| file | ${fields.join(' | ')} |\n| --- | ${fields.map(() => '---').join(' | ')} |`);
    for (const file of files) {
      const mine = rows.filter((r) => r.file === file);
      const cells = fields.map((f) => {
        const r = mine.find((x) => x.field === f);
        if (!r) return '';
        if (r.docusaurus === r.postdesk) return `= ${cell(r.docusaurus)}`;
        return `${r.known ? 'known ≠' : '**≠**'} D: ${cell(r.docusaurus)} / P: ${cell(r.postdesk)}`;
      });
      console.log(`| ${file}${file in PROBES || file === UNTRACKED ? ' (probe)' : ''} | ${cells.join(' | ')} |`);
    }
    for (const r of rows.filter((x) => x.known)) console.log(`\nKnown difference, ${r.file} ${r.field}: ${r.known}`);
    const summary = (probe: boolean) => {
      const set = rows.filter((r) => r.probe === probe);
      const posts = new Set(set.filter((r) => r.field === 'is-post' && r.docusaurus === 'true').map((r) => r.file)).size;
      const nFiles = new Set(set.map((r) => r.file)).size;
      const known = set.filter((r) => r.known).length;
      return `${set.filter((r) => r.docusaurus === r.postdesk).length} of ${set.length} agree${known ? `, ${known} known difference${known === 1 ? '' : 's'}` : ''} (${nFiles} Markdown files, ${posts} posts)`;
    };
    console.log(`\nFixture: ${summary(false)}`);
    console.log(`Probes:  ${summary(true)}`);
    console.log(`Runs: development ${dev.length} posts (en + fr), production ${prod.length}.`);
    const mismatches = rows.filter((r) => r.docusaurus !== r.postdesk && !r.known);
    process.exitCode = mismatches.length === 0 ? 0 : 1;
  } finally {
    if (!process.argv.includes('--keep')) fs.rmSync(tmp, { recursive: true, force: true });
    else console.log(`kept ${tmp}`);
  }
}

void main();
