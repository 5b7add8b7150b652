// The Docusaurus model: posts of the blog plugin(s), documentation and
// Markdown pages, read from the config as text.
//
// Followed: Docusaurus 3.x documentation (docusaurus.io/docs: blog,
// api/plugins/@docusaurus/plugin-content-blog, api/docusaurus-config, i18n) and
// the source of @docusaurus/plugin-content-blog 3.10.2: the file name/folder date
// (`DATE_FILENAME_REGEX`: a `YYYY-MM-DD` or `YYYY/MM/DD` anywhere in the path
// below the blog folder), the slug `/<date with slashes>/<folders><rest>`, a
// front matter `slug` winning, titles from `title`, then a heading at the very
// top of the body, then the file name's text as written (`docusaurusTitle`), the
// default excludes (`_` files and folders, tests), `draft` and `unlisted`.

import type { Classification, GeneratorModel, PostRules, Site, SiteFiles, UrlFacts } from '../types';
import { below, extension, joinPath, neverContent, parseConfigFile, readFirstConfig, staticStringProperty, stringValue, stripComments, trimBaseUrl } from '../util';
import type { AuthorProfile } from '../types';
import { balanced, globSet, literalBoolean, literalString, literalStrings, objectEntries, propertyExpression, splitTopLevel } from './jsSource';
import { readAuthorsMap, siteFolder, staticDirsNote } from './resources';

const CONFIG_NAMES = ['docusaurus.config.js', 'docusaurus.config.ts', 'docusaurus.config.mjs', 'docusaurus.config.cjs', 'docusaurus.config.mts', 'docusaurus.config.cts'];
const DEFAULT_EXCLUDE = ['**/_*.{js,jsx,ts,tsx,md,mdx}', '**/_*/**', '**/*.test.{js,jsx,ts,tsx}', '**/__tests__/**'];
const DATE_IN_PATH = /^(.*)(\d{4}[-/]\d{1,2}[-/]\d{1,2})[-/]?(.*?)(?:\/index)?\.mdx?$/;

interface Blog {
  readonly id: string;
  /** Folder relative to the workspace folder. */
  readonly dir: string;
  readonly routeBasePath: string;
  readonly matches: (inDir: string) => boolean;
  readonly source: string;
  /** The authors map (`authorsMapPath`, relative to the blog folder; `authors.yml` by default), relative to the workspace folder. */
  readonly authorsMap?: string;
  /** The tags file (`tags`, relative to the blog folder; `tags.yml` by default; none with `tags: false` or `null`), relative to the workspace folder. */
  readonly tagsFile?: string;
}

interface DocsPlugin {
  readonly dir: string;
}

function pluginOptions(js: string, pluginName: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`["'\`]${pluginName.replace(/[.*+?^${}()|[\]\\/@]/g, '\\$&')}["'\`]\\s*,\\s*\\{`, 'g');
  for (let m = re.exec(js); m; m = re.exec(js)) {
    const inside = balanced(js, m.index + m[0].length - 1);
    if (inside !== undefined) out.push(inside);
  }
  return out;
}

/** The value source of `key:` inside the classic preset's options, or undefined. */
function presetOption(js: string, key: string): string | undefined {
  const presets = /\bpresets\s*:\s*\[/.exec(js);
  if (!presets) return undefined;
  const inside = balanced(js, presets.index + presets[0].length - 1) ?? '';
  const m = new RegExp(`(?:^|[\\s,{])${key}\\s*:\\s*`).exec(inside);
  if (!m) return undefined;
  const start = m.index + m[0].length;
  if (inside[start] === '{') return `{${balanced(inside, start) ?? ''}}`;
  const end = /[,}\n]/.exec(inside.slice(start));
  return inside.slice(start, end ? start + end.index : inside.length);
}


/**
 * A JavaScript literal as data: strings (without interpolation), numbers,
 * booleans, null, arrays and objects of them. Undefined when any part of it is
 * not a literal (a call, an identifier, a template with `${}`).
 */
export function literalValue(expr: string | undefined): unknown {
  if (expr === undefined) return undefined;
  const t = expr.trim();
  const s = literalString(t);
  if (s !== undefined) return s;
  const b = literalBoolean(t);
  if (b !== undefined) return b;
  if (t === 'null') return null;
  if (/^-?\d+(?:\.\d+)?$/.test(t)) return Number(t);
  if (t.startsWith('[')) {
    const inside = balanced(t, 0);
    if (inside === undefined || inside.length + 2 !== t.length) return undefined;
    const items = splitTopLevel(inside).filter((p) => p.trim() !== '');
    const out: unknown[] = [];
    for (const item of items) {
      const v = literalValue(item);
      if (v === undefined) return undefined;
      out.push(v);
    }
    return out;
  }
  if (t.startsWith('{')) {
    const inside = balanced(t, 0);
    if (inside === undefined || inside.length + 2 !== t.length) return undefined;
    const out = Object.create(null) as Record<string, unknown>;
    for (const [key, value] of objectEntries(inside)) {
      // A shorthand `key` (its value is the identifier) is not a literal.
      if (value === key && !/^["']/.test(value)) return undefined;
      const v = literalValue(value);
      if (v === undefined) return undefined;
      out[key] = v;
    }
    return out;
  }
  return undefined;
}

export const docusaurusGenerator: GeneratorModel = {
  id: 'docusaurus',
  markers: CONFIG_NAMES,
  async detect(files, root, found) {
    const config = await readFirstConfig(files, root, found, CONFIG_NAMES);
    if (!config) return undefined;
    const { configFile, source } = config;
    const js = stripComments(source);
    const notes: string[] = [`Docusaurus site: ${configFile} read as text, not run.`];

    const url = staticStringProperty(js, 'url');
    const baseUrlPath = staticStringProperty(js, 'baseUrl') ?? '/';
    if (url === undefined) notes.push('`url` is not a string literal in the config; post URLs are given without the site address.');
    const baseUrl = trimBaseUrl((trimBaseUrl(url) ?? '') + '/' + baseUrlPath.replace(/^\/+/, ''));

    const classic = /["'`](?:classic|@docusaurus\/preset-classic)["'`]/.test(js);
    const blogs: Blog[] = [];
    const addBlog = (opts: string | undefined, where: string) => {
      const entries = objectEntries(opts ?? '');
      const id = literalString(entries.get('id')) ?? 'default';
      const pathText = entries.has('path') ? literalString(entries.get('path')) : 'blog';
      const routeText = entries.has('routeBasePath') ? literalString(entries.get('routeBasePath')) : 'blog';
      if (pathText === undefined || routeText === undefined) {
        notes.push(`The blog plugin "${id}" (${where}): its ${pathText === undefined ? 'path' : 'routeBasePath'} is not a string literal; its posts are not known.`);
        return;
      }
      const include = entries.has('include') ? (literalStrings(entries.get('include')) ?? ['**/*.{md,mdx}']) : ['**/*.{md,mdx}'];
      const exclude = entries.has('exclude') ? (literalStrings(entries.get('exclude')) ?? DEFAULT_EXCLUDE) : DEFAULT_EXCLUDE;
      const dir = joinPath(root, pathText.replace(/^\.\//, ''));
      const authorsText = entries.has('authorsMapPath') ? literalString(entries.get('authorsMapPath')) : 'authors.yml';
      if (authorsText === undefined) notes.push(`The blog plugin "${id}" (${where}): its authorsMapPath is not a string literal; its authors map is not read.`);
      const authorsMap = authorsText === undefined ? undefined : siteFolder(dir, authorsText);
      // `tags` (Docusaurus 3.4+): a path relative to the blog folder, `tags.yml` by default; `false` or `null` reads none.
      const tagsExpr = entries.get('tags');
      const tagsOff = tagsExpr !== undefined && (literalBoolean(tagsExpr) === false || tagsExpr.trim() === 'null');
      const tagsText = tagsExpr === undefined ? 'tags.yml' : tagsOff ? undefined : literalString(tagsExpr);
      if (tagsExpr !== undefined && !tagsOff && tagsText === undefined) notes.push(`The blog plugin "${id}" (${where}): its tags option is not a string literal; its tags file is not read.`);
      const tagsFile = tagsText === undefined ? undefined : siteFolder(dir, tagsText);
      blogs.push({
        id,
        dir,
        routeBasePath: routeText.replace(/^\/+|\/+$/g, ''),
        matches: globSet([...include, ...exclude.map((e) => `!${e}`)]),
        source: where,
        ...(authorsMap !== undefined ? { authorsMap } : {}),
        ...(tagsFile !== undefined ? { tagsFile } : {}),
      });
      notes.push(`Blog "${id}" (${where}): posts in ${dir}/, addressed under /${routeText.replace(/^\/+|\/+$/g, '')}/.`);
    };
    const docs: DocsPlugin[] = [];
    if (classic) {
      const blogOption = presetOption(js, 'blog');
      if (blogOption !== undefined && literalBoolean(blogOption) === false) notes.push('The classic preset\'s blog is off (blog: false).');
      else addBlog(blogOption?.trim().startsWith('{') ? blogOption.trim().slice(1, -1) : undefined, 'the classic preset');
      const docsOption = presetOption(js, 'docs');
      if (!(docsOption !== undefined && literalBoolean(docsOption) === false)) {
        const p = docsOption?.trim().startsWith('{') ? objectEntries(docsOption.trim().slice(1, -1)).get('path') : undefined;
        docs.push({ dir: joinPath(root, (literalString(p) ?? 'docs').replace(/^\.\//, '')) });
      }
    }
    for (const opts of pluginOptions(js, '@docusaurus/plugin-content-blog')) addBlog(opts, 'a plugin-content-blog instance');
    for (const opts of pluginOptions(js, '@docusaurus/plugin-content-docs')) {
      const p = literalString(objectEntries(opts).get('path'));
      docs.push({ dir: joinPath(root, (p ?? 'docs').replace(/^\.\//, '')) });
    }
    if (blogs.length === 0 && !classic) notes.push('No classic preset and no blog plugin found in the config: no posts.');
    notes.push('Dates: front matter `date`, else a YYYY-MM-DD (or YYYY/MM/DD) in the file or folder names; a post with neither is left undated here, where Docusaurus dates it by its first commit or creation time in a production build and by a fixed date on a development server.');
    notes.push('`draft: true` is left out of production builds; `unlisted: true` is built but not listed (not shown as a status). Future-dated posts are built.');

    // Static folders: `staticDirectories` (Docusaurus 3.x docs, api/docusaurus-config), `['static']` by default, copied to the output root in order.
    const staticDirs: string[] = [];
    const staticExpr = propertyExpression(js, 'staticDirectories');
    const staticList = staticExpr === undefined ? ['static'] : literalStrings(staticExpr);
    if (staticList === undefined) notes.push('`staticDirectories` is not a list of string literals; static/ is assumed.');
    for (const d of staticList ?? ['static']) {
      const folder = siteFolder(root, d);
      if (folder !== undefined) staticDirs.push(folder);
      else notes.push(`The static folder ${d} is outside the site; not read.`);
    }
    const staticNote = staticDirsNote(staticDirs);
    if (staticNote) notes.push(staticNote);

    // Authors: each blog's authors map; a key the first blog defines is kept.
    const watchFiles = [configFile];
    let authorProfiles: Record<string, AuthorProfile> | undefined;
    for (const blog of blogs) {
      if (blog.authorsMap === undefined) continue;
      // The plugin reads that one file, YAML or JSON by its extension.
      const path = blog.authorsMap;
      watchFiles.push(path);
      const map = await readAuthorsMap(files, path);
      if (map === undefined) continue;
      authorProfiles ??= Object.create(null) as Record<string, AuthorProfile>;
      for (const [key, profile] of Object.entries(map)) if (!(key in authorProfiles)) authorProfiles[key] = profile;
      notes.push(`Authors: ${Object.keys(map).length} profile${Object.keys(map).length === 1 ? '' : 's'} in ${path} (blog "${blog.id}").`);
    }

    // Tags: each blog's tags file, read like the authors map; a key the first blog defines is kept.
    let tagLabels: Record<string, string> | undefined;
    for (const blog of blogs) {
      if (blog.tagsFile === undefined) continue;
      watchFiles.push(blog.tagsFile);
      const labels = await readTagsFile(files, blog.tagsFile);
      if (labels === undefined) continue;
      tagLabels ??= Object.create(null) as Record<string, string>;
      for (const [key, label] of Object.entries(labels)) if (!(key in tagLabels)) tagLabels[key] = label;
      const count = Object.keys(labels).length;
      notes.push(`Tags: ${count} tag${count === 1 ? '' : 's'} in ${blog.tagsFile} (blog "${blog.id}"); a post's tag that names one shows its label.`);
    }

    // The config values a page could show: title, tagline, url, baseUrl and customFields, where literal.
    const values = Object.create(null) as Record<string, unknown>;
    for (const key of ['title', 'tagline', 'url', 'baseUrl']) {
      const v = staticStringProperty(js, key);
      if (v !== undefined) values[key] = v;
    }
    const customFields = propertyExpression(js, 'customFields');
    if (customFields !== undefined) {
      const v = literalValue(customFields);
      if (v !== undefined) values['customFields'] = v;
      else notes.push('`customFields` is not a literal; not read.');
    }

    const pagesDir = joinPath(root, 'src/pages');
    const versionedDocs = joinPath(root, 'versioned_docs');
    const i18nDir = joinPath(root, 'i18n');
    const titleFallback = ['heading', 'filename'] as const;
    const rulesByBlog = new Map<string, PostRules>();
    for (const blog of blogs) {
      rulesByBlog.set(blog.id, {
        // A post with no date here is dated by plugin-content-blog 3.10.2's `getDate` from its first commit's committer time
        // (`git log --follow --diff-filter=A`, production builds only), else its creation time, and by a fixed date on a
        // development server: not modelled (a walk of the whole history for every Docusaurus site, for a rare case that
        // differs between the author's `npm start` and the build); the post stays undated and missing-date asks for a date.
        date: [{ kind: 'field', key: 'date' }, { kind: 'filename', separators: '-' }, { kind: 'folder' }],
        caseInsensitiveKeys: false,
        draftKeys: ['draft'],
        publishedKeys: [],
        futureIsScheduled: false,
        titleFallback,
        // Built, but left out of the blog's lists, feeds and sitemap (Docusaurus 3 front matter `unlisted`).
        unlistedBy: (field) => (field('unlisted') === true ? 'unlisted: true' : undefined),
        // Docusaurus reads a date string as UTC (it appends `Z`).
        timeZone: 'UTC',
        url: (facts) => blogUrl(facts, blog, root, i18nDir),
        titleFromBody: (body, sitePath) => {
          const path = joinPath(root, sitePath);
          const inBlog = below(path, blog.dir) ?? translatedBelow(path, i18nDir, blog.id);
          return inBlog === undefined ? undefined : docusaurusTitle(body, inBlog);
        },
      });
    }
    const pageRules: PostRules = { date: [], caseInsensitiveKeys: false, draftKeys: ['draft'], publishedKeys: [], futureIsScheduled: false, titleFallback };

    const classify = (path: string): Classification => {
      const inRoot = below(path, root);
      if (inRoot === undefined) return { kind: 'ignored', reason: 'Outside the Docusaurus site' };
      const ext = extension(path);
      if (ext !== 'md' && ext !== 'mdx') return { kind: 'ignored', reason: 'Not a Markdown file Docusaurus reads (.md, .mdx)' };
      const never = neverContent(inRoot);
      if (never !== undefined) return { kind: 'ignored', reason: `Not a post: ${never}` };
      for (const blog of blogs) {
        const inBlog = below(path, blog.dir) ?? translatedBelow(path, i18nDir, blog.id);
        if (inBlog === undefined) continue;
        if (!blog.matches(inBlog)) return { kind: 'ignored', reason: `Excluded by the blog plugin (files and folders starting with _ are left out)` };
        const translated = below(path, blog.dir) === undefined ? ' (a translation)' : '';
        return { kind: 'post', reason: `Docusaurus blog post${translated}: in ${blog.dir}/ (${blog.source})`, collection: blog.id };
      }
      if (inRoot.split('/').some((p) => p.startsWith('_'))) return { kind: 'ignored', reason: 'Docusaurus leaves out files and folders starting with _' };
      for (const d of docs) if (below(path, d.dir) !== undefined) return { kind: 'page', reason: `Docusaurus documentation page (${d.dir}/)` };
      if (below(path, versionedDocs) !== undefined) return { kind: 'page', reason: 'Docusaurus documentation page of a past version (versioned_docs/)' };
      if (below(path, pagesDir) !== undefined) return { kind: 'page', reason: 'Docusaurus Markdown page (src/pages/)' };
      if (below(path, i18nDir) !== undefined) return { kind: 'page', reason: 'Docusaurus translation (i18n/)' };
      return { kind: 'ignored', reason: 'Not in a blog, docs or pages folder of this Docusaurus site' };
    };

    const site: Site = {
      root,
      generator: 'docusaurus',
      configFile,
      ...(baseUrl !== undefined ? { baseUrl } : {}),
      values,
      staticDirs,
      ...(authorProfiles !== undefined ? { authorProfiles } : {}),
      ...(tagLabels !== undefined ? { tagLabels } : {}),
      notes,
      watchFiles,
      classify,
      rules: (_path, classification) => (classification.kind === 'post' && classification.collection !== undefined ? (rulesByBlog.get(classification.collection) ?? pageRules) : pageRules),
    };
    return site;
  },
};

/**
 * A blog's tags file as Docusaurus 3.x reads it (docs: blog, "tags";
 * @docusaurus/utils-validation 3.10 `getTagsFile`, `normalizeTagsFile`): a
 * YAML table of tag keys, each `{ label, permalink, description }` or empty;
 * the label is `label`, else the key with its first letter capitalised and the
 * rest lower-cased (lodash `capitalize`). Undefined when the file is missing
 * or is not such a table (Docusaurus stops the build then). Translated tags
 * files (`i18n/<locale>/…/tags.yml`) are not read.
 */
export async function readTagsFile(files: SiteFiles, path: string): Promise<Record<string, string> | undefined> {
  const text = await files.readText(path);
  if (text === undefined || text.trim() === '') return undefined;
  const data = parseConfigFile('tags.yml', text).data;
  if (!data) return undefined;
  const out = Object.create(null) as Record<string, string>;
  for (const [key, value] of Object.entries(data)) {
    if (value !== null && (typeof value !== 'object' || Array.isArray(value))) return undefined;
    const label = value === null ? undefined : stringValue((value as Record<string, unknown>)['label']);
    out[key] = label || capitalize(key);
  }
  return out;
}

/** lodash `capitalize`: the first character upper-cased, the rest lower-cased. */
function capitalize(text: string): string {
  const lower = text.toLowerCase();
  const first = lower.codePointAt(0);
  if (first === undefined) return lower;
  const head = String.fromCodePoint(first);
  return head.toUpperCase() + lower.slice(head.length);
}

/** `i18n/<locale>/docusaurus-plugin-content-blog[-<id>]/<rest>` → `<rest>`. */
function translatedBelow(path: string, i18nDir: string, id: string): string | undefined {
  const inI18n = below(path, i18nDir);
  if (inI18n === undefined) return undefined;
  const parts = inI18n.split('/');
  const folder = id === 'default' ? 'docusaurus-plugin-content-blog' : `docusaurus-plugin-content-blog-${id}`;
  return parts.length > 2 && parts[1] === folder ? parts.slice(2).join('/') : undefined;
}

/**
 * The title of a blog post without a front matter `title`, as
 * plugin-content-blog 3.10.2 takes it (`frontMatter.title ?? contentTitle ??
 * parsedBlogFileName.text`): the content title of @docusaurus/utils'
 * `parseMarkdownContentTitle`, a `# ` (or setext `===`) heading only when it
 * is the first thing of the body after MDX `import` blocks, its trailing `#`s
 * and `{#id}` dropped and inline code unwrapped (other Markdown kept as
 * written); else the path below the blog folder as written: the text after a
 * file or folder date (`2019-05-28-first-post.md` → `first-post`), or the
 * whole path without `.md`/`/index.md` (`notes/a-note.md` → `notes/a-note`).
 */
export function docusaurusTitle(body: string, inBlog: string): { title: string; source: 'heading' | 'filename' } | undefined {
  const content = body.trim().replace(/^(?:import\s(?:.|\r?\n(?!\r?\n))*(?:\r?\n){2,})*/, '').trim();
  const atx = /^#[ \t]+([^ \t].*)(?:\r?\n|$)/.exec(content);
  const setext = atx ? undefined : /^(.*)\r?\n=+(?:\r?\n|$)/.exec(content);
  const unwrap = (t: string) => t.replace(/`([^`]*)`/g, '$1').trim();
  if (atx) {
    const title = unwrap(atx[1].trim().replace(/\s*(?:\{#*[\w-]+\}|#+)$/, ''));
    if (title !== '') return { title, source: 'heading' };
  } else if (setext) {
    const title = unwrap(setext[1].trim().replace(/\s*=+$/, ''));
    if (title !== '') return { title, source: 'heading' };
  }
  const m = DATE_IN_PATH.exec(inBlog);
  const text = m ? m[3] : inBlog.replace(/(?:\/index)?\.mdx?$/, '');
  return text === '' ? undefined : { title: text, source: 'filename' };
}

/** `/<routeBasePath>/<slug>`: the `slug` field, else the date as folders and the rest of the path. */
function blogUrl(facts: UrlFacts, blog: Blog, root: string, i18nDir: string): string | undefined {
  const path = joinPath(root, facts.path);
  let locale = '';
  let inBlog = below(path, blog.dir);
  if (inBlog === undefined) {
    inBlog = translatedBelow(path, i18nDir, blog.id);
    if (inBlog === undefined) return undefined;
    locale = '/' + (below(path, i18nDir) ?? '').split('/')[0];
  }
  const route = blog.routeBasePath === '' ? '' : `/${blog.routeBasePath}`;
  const slugField = facts.field('slug');
  if (typeof slugField === 'string' && slugField.trim() !== '') return `${locale}${route}/${slugField.trim().replace(/^\/+/, '')}`;
  const m = DATE_IN_PATH.exec(inBlog);
  if (m) return `${locale}${route}/${m[2].replace(/-/g, '/')}/${m[1]}${m[3]}`;
  return `${locale}${route}/${inBlog.replace(/(?:\/index)?\.mdx?$/, '')}`;
}
