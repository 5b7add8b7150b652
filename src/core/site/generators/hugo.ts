// The Hugo generator model: which folder is a Hugo site, which of its files
// are regular pages, section pages or bundle resources, and the rules that
// date, draft, schedule, expire and address a page the way Hugo does.
//
// Follows the Hugo documentation (gohugo.io, current 0.14x: configuration,
// content organisation, page bundles, front matter dates, permalinks, URL
// management, multilingual) and reproduces hugo v0.111.3 (Debian's), which
// test/unit/site/hugo.compare.test.ts runs, where the two differ:
//  - `:contentbasename` and `:slugorcontentbasename` permalink tokens and
//    kind-keyed `[permalinks.page]` tables are newer than 0.111; both are read.
//  - `.mkd`, `.mdx` files are not content in Hugo (0.111 and now); `.adoc` is
//    content in current Hugo (and here) but not in 0.111, which reads `.ad`
//    and `.asciidoc` only.
//  - `config/_default/` and `config/production/` override the root hugo.toml
//    (0.111 checked: the config folder wins); `hugo` builds with the
//    production environment, so its folder is merged too.
//  - A page dated only by a `:filename` date keeps a zero publishDate in
//    0.111, so Hugo never schedules it; the engine (facts.ts) falls back to
//    the date and does. Said in the report, not fixed here.
//
// Pure: reads files only through SiteFiles, never runs a workspace file.

import type { Classification, DateSourceSpec, DirEntry, GeneratorModel, PostRules, Site, SiteFiles, UrlFacts } from '../types';
import type { ConfigData } from '../util';
import { basename, below, datePrefix, dirname, extension, joinPath, neverContent, parseConfigFile, stem, stringArray, stringValue, table, trimBaseUrl, truthy } from '../util';
import { parseDate } from '../../dates';

// ---------------------------------------------------------------------------
// Constants

const ROOT_CONFIG_NAMES = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml', 'config.json'] as const;
const CONFIG_EXTENSIONS = new Set(['toml', 'yaml', 'yml', 'json']);
/** `hugo` builds with the production environment: its config folder is merged over `_default`. */
const CONFIG_ENVIRONMENTS = ['_default', 'production'] as const;

/** File extensions Hugo reads as content (its content formats' media type suffixes). */
const CONTENT_EXTENSIONS: ReadonlySet<string> = new Set(['md', 'markdown', 'mdown', 'html', 'htm', 'adoc', 'asciidoc', 'ad', 'pandoc', 'pdc', 'rst', 'org']);

/** Front matter date keys Hugo reads by default, with their aliases (pagemeta: dateFieldAliases). */
const DATE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  date: [],
  lastmod: ['modified'],
  publishdate: ['pubdate', 'published'],
  expirydate: ['unpublishdate'],
};
const DEFAULT_DATE_KEYS: Readonly<Record<'date' | 'publishdate' | 'expirydate' | 'lastmod', readonly string[]>> = {
  date: ['date', 'publishdate', 'lastmod'],
  publishdate: ['publishdate', 'date'],
  expirydate: ['expirydate'],
  lastmod: [':git', 'lastmod', 'date', 'publishdate'],
};

/** Config keys only Hugo writes (compared lower case): one of them makes a `config.*` Hugo's. */
const HUGO_KEYS = new Set([
  'languagecode',
  'defaultcontentlanguage',
  'defaultcontentlanguageinsubdir',
  'contentdir',
  'permalinks',
  'frontmatter',
  'disablepathtolower',
  'removepathaccents',
  'builddrafts',
  'buildfuture',
  'buildexpired',
  'enablerobotstxt',
  'enableemoji',
  'enablegitinfo',
  'uglyurls',
  'summarylength',
  'disablekinds',
  'disablealiases',
  'pluralizelisttitles',
  'outputformats',
  'mediatypes',
  'canonifyurls',
  'hascjklanguage',
  'disqusshortname',
  'archetypedir',
  'layoutdir',
]);
/** Keys Hugo reads that other programs' configs may also have (`baseUrl`, `params`): Hugo's only beside `content/` or `themes/`. */
const HUGO_SHARED_KEYS = new Set(['baseurl', 'params', 'module', 'markup', 'menu', 'menus', 'outputs', 'paginate', 'pagination', 'publishdir', 'relativeurls', 'googleanalytics', 'theme', 'taxonomies']);
/** Keys of Zola's config.toml that Hugo never reads: with no Hugo key, the file is Zola's. */
const ZOLA_KEYS = ['base_url', 'compile_sass', 'build_search_index', 'generate_feed', 'generate_feeds', 'feed_filename', 'feed_filenames', 'minify_html', 'ignored_content', 'markdown', 'extra', 'link_checker', 'slugify', 'search', 'default_language', 'output_dir'];
/** Folders of a Hugo project (`themes/` is Zola's too, so it counts only with Hugo keys or `content/`). */
const HUGO_FOLDERS = ['archetypes', 'layouts'];

/**
 * Names `neverContent` takes for project documents that are ordinary pages of
 * a website when they sit in Hugo's content folder (Hugo's own documentation
 * has `content/en/about/security.md`): Hugo publishes them, so they stay pages.
 */
const WEBSITE_PAGE_NAMES: ReadonlySet<string> = new Set(['security', 'support', 'history', 'changes', 'governance', 'maintainers', 'authors']);

/** A Hugo project's other folders, said by name when a file in one is left out. */
const PROJECT_FOLDERS: Readonly<Record<string, string>> = {
  archetypes: 'archetype (a template for new content)',
  layouts: 'layout template',
  themes: 'theme',
  static: 'static file',
  assets: 'asset',
  data: 'data file',
  i18n: 'translation table',
  public: 'build output',
  resources: 'generated resource',
};

/** Folders walked at most to find page bundles, so a huge site cannot stall detection. */
const MAX_WALKED_FOLDERS = 20_000;
const WALK_BATCH = 32;

const ZERO_DATE = { year: 1, month: 1, day: 1 };
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const PERMALINK_TOKEN = /:([a-z]+)(\[[^\]]*\])?/g;
const ALLOWED_PUNCTUATION = new Set(['.', '/', '\\', '_', '#', '+', '~', '-', '@']);
const LETTER_DIGIT_MARK = /[\p{L}\p{Nd}\p{M}]/u;
const SPACE = /\s/u;
const HEX = /^[0-9a-fA-F]{2}$/;
const MARKS = /\p{M}/gu;
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** Hugo trims ` -_` around the slug left after a file name's date. */
const SLUG_TRIM = /^[ _-]+|[ _-]+$/g;

// ---------------------------------------------------------------------------
// Config reading

/** Keys lower-cased at every depth (Hugo's config is case-insensitive throughout, and so are its language and permalink keys). */
function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (value !== null && typeof value === 'object') {
    const out = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k.toLowerCase()] = lowerKeys(v);
    return out;
  }
  return value;
}

function isTable(v: unknown): v is ConfigData {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `over` merged onto `base`, tables deeply, everything else replaced. */
function merge(base: ConfigData, over: ConfigData): ConfigData {
  const out = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(base)) out[k] = v;
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isTable(b) && isTable(v) ? merge(b, v) : v;
  }
  return out;
}

interface LoadedConfig {
  readonly data: ConfigData;
  /** The file the site is named by (a root config file, else the config folder's main file). */
  readonly configFile?: string;
  readonly read: readonly string[];
  readonly watch: readonly string[];
  readonly notes: readonly string[];
  /** Config files were found but none could be read. */
  readonly unreadable: boolean;
  readonly hasConfigDir: boolean;
}

async function readConfigFile(files: SiteFiles, path: string, notes: string[]): Promise<ConfigData | undefined> {
  const text = await files.readText(path);
  if (text === undefined) return undefined;
  const parsed = parseConfigFile(basename(path), text);
  if (parsed.error !== undefined) {
    notes.push(`${path}: ${parsed.error}; its settings are not used`);
    return undefined;
  }
  return parsed.data ? (lowerKeys(parsed.data) as ConfigData) : undefined;
}

/** A config folder's files merged: `hugo.*`/`config.*` at the top, `params.toml` under `params`, and so on. */
async function readConfigFolder(files: SiteFiles, dir: string, entries: readonly DirEntry[], notes: string[], read: string[]): Promise<ConfigData | undefined> {
  const names = entries
    .filter((e) => !e.isDir && CONFIG_EXTENSIONS.has(extension(e.name)))
    .map((e) => e.name)
    .sort((a, b) => mainFirst(a) - mainFirst(b) || a.localeCompare(b));
  let data: ConfigData | undefined;
  for (const name of names) {
    const key = stem(name).toLowerCase();
    if (key.includes('.')) {
      notes.push(`${joinPath(dir, name)} (language-specific settings) is not read`);
      continue;
    }
    const path = joinPath(dir, name);
    const fileData = await readConfigFile(files, path, notes);
    if (!fileData) continue;
    read.push(path);
    const part = key === 'hugo' || key === 'config' ? fileData : ({ [key]: fileData } as ConfigData);
    data = data ? merge(data, part) : part;
  }
  return data;
}

function mainFirst(name: string): number {
  const s = stem(name).toLowerCase();
  return s === 'hugo' ? 0 : s === 'config' ? 1 : 2;
}

async function loadConfig(files: SiteFiles, root: string, found: readonly string[]): Promise<LoadedConfig> {
  const notes: string[] = [];
  const read: string[] = [];
  const watch = ROOT_CONFIG_NAMES.map((n) => joinPath(root, n));
  let data: ConfigData = Object.create(null) as ConfigData;
  let configFile: string | undefined;
  let sawFile = false;

  // Hugo reads the first of hugo.toml, hugo.yaml, hugo.yml, hugo.json, config.toml, ... and only that one.
  const rootName = ROOT_CONFIG_NAMES.find((n) => found.includes(n));
  if (rootName) {
    sawFile = true;
    const path = joinPath(root, rootName);
    configFile = path;
    const fileData = await readConfigFile(files, path, notes);
    if (fileData) {
      data = fileData;
      read.push(path);
    }
    const ignored = ROOT_CONFIG_NAMES.filter((n) => n !== rootName && found.includes(n));
    if (ignored.length > 0) notes.push(`${ignored.join(', ')} ${ignored.length === 1 ? 'is' : 'are'} not read: Hugo reads ${rootName} first and only it`);
  }

  let hasConfigDir = false;
  if (found.includes('config')) {
    const configDir = joinPath(root, 'config');
    const entries = await files.list(configDir);
    for (const env of CONFIG_ENVIRONMENTS) {
      if (!entries?.some((e) => e.isDir && e.name === env)) continue;
      const dir = joinPath(configDir, env);
      const envEntries = await files.list(dir);
      if (!envEntries) continue;
      if (env === '_default') hasConfigDir = true;
      const before = read.length;
      const envData = await readConfigFolder(files, dir, envEntries, notes, read);
      for (const e of envEntries) if (!e.isDir && CONFIG_EXTENSIONS.has(extension(e.name))) watch.push(joinPath(dir, e.name));
      if (read.length > before) sawFile = true;
      if (envData) {
        data = merge(data, envData);
        configFile ??= read[before];
        if (env === 'production') notes.push(`${dir}/ merged over the defaults: \`hugo\` builds with the production environment`);
      }
    }
    if (hasConfigDir && rootName) notes.push(`${configDir}/_default/ settings override ${rootName}'s (as hugo 0.111 merges them)`);
  }
  return { data, ...(configFile ? { configFile } : {}), read, watch, notes, unreadable: sawFile && read.length === 0, hasConfigDir };
}

// ---------------------------------------------------------------------------
// Detection evidence

interface Evidence {
  readonly isHugo: boolean;
  readonly why: string;
}

async function weighEvidence(files: SiteFiles, root: string, found: readonly string[], config: LoadedConfig): Promise<Evidence> {
  const rootName = ROOT_CONFIG_NAMES.find((n) => found.includes(n));
  if (rootName?.startsWith('hugo.')) return { isHugo: true, why: `${rootName} is Hugo's own config file name` };
  if (config.hasConfigDir) return { isHugo: true, why: 'config/_default/ is Hugo\'s config folder' };

  const keys = Object.keys(config.data);
  const hugoKeys = keys.filter((k) => HUGO_KEYS.has(k));
  const zolaKeys = keys.filter((k) => ZOLA_KEYS.includes(k));
  const entries = (await files.list(root)) ?? [];
  const folders = new Set(entries.filter((e) => e.isDir).map((e) => e.name));
  const hugoFolders = HUGO_FOLDERS.filter((f) => folders.has(f));
  const name = rootName ?? 'config';

  if (zolaKeys.length > 0 && hugoKeys.length === 0) {
    return { isHugo: false, why: `${name} has ${zolaKeys.join(', ')}, Zola's keys, and no Hugo key` };
  }
  if (hugoKeys.length > 0) return { isHugo: true, why: `${name} has Hugo's keys ${hugoKeys.slice(0, 4).join(', ')}` };
  if (hugoFolders.length > 0) return { isHugo: true, why: `${name} beside Hugo's ${hugoFolders.map((f) => f + '/').join(' and ')}` };
  const sharedKeys = keys.filter((k) => HUGO_SHARED_KEYS.has(k));
  const beside = folders.has('content') ? 'content/' : folders.has('themes') ? 'themes/' : undefined;
  if (sharedKeys.length > 0 && beside !== undefined && zolaKeys.length === 0) {
    return { isHugo: true, why: `${name} has ${sharedKeys.slice(0, 4).join(', ')}, beside ${beside}` };
  }
  return { isHugo: false, why: `${name} has no key only Hugo reads and no archetypes/ or layouts/ beside it` };
}

// ---------------------------------------------------------------------------
// Settings

interface ContentRoot {
  /** The folder, relative to the site root. */
  readonly dir: string;
  /** Where it sits inside Hugo's content tree ('' for `content` itself; a module mount's target below `content/`). */
  readonly target: string;
  /** Its language, when it has one (a language's contentDir, a mount's `lang`). */
  readonly lang?: string;
}

interface HugoSettings {
  readonly contentRoots: readonly ContentRoot[];
  readonly languages: ReadonlySet<string>;
  readonly disabledLanguages: ReadonlySet<string>;
  readonly defaultLanguage: string;
  readonly multilingual: boolean;
  readonly defaultInSubdir: boolean;
  readonly permalinks: ReadonlyMap<string, string>;
  readonly uglyAll: boolean;
  readonly uglySections: ReadonlySet<string>;
  readonly disablePathToLower: boolean;
  readonly removePathAccents: boolean;
  readonly ignoreFiles: readonly RegExp[];
}

function booleanSetting(data: ConfigData, key: string): boolean {
  return truthy(data[key]);
}

function readSettings(data: ConfigData, notes: string[]): HugoSettings {
  const contentDir = stringValue(data['contentdir'])?.trim() || 'content';
  const defaultLanguage = (stringValue(data['defaultcontentlanguage'])?.trim() || 'en').toLowerCase();
  const disabledLanguages = new Set((stringArray(data['disablelanguages']) ?? []).map((l) => l.toLowerCase()));

  const languagesTable = table(data, 'languages');
  const languages = new Set<string>(languagesTable ? Object.keys(languagesTable) : []);
  const roots: ContentRoot[] = [];
  if (languagesTable) {
    for (const code of Object.keys(languagesTable)) {
      const lang = table(languagesTable, code);
      if (lang && truthy(lang['disabled'])) disabledLanguages.add(code);
      const dir = stringValue(lang?.['contentdir'])?.trim();
      if (dir) roots.push({ dir: joinPath(dir), target: '', lang: code });
    }
  }
  // Languages without a contentDir of their own share the site's.
  if (roots.length === 0 || [...languages].some((code) => !roots.some((r) => r.lang === code))) roots.push({ dir: joinPath(contentDir), target: '' });

  // Module mounts replace the default content mount when any of them targets content.
  const mounts = table(data, 'module')?.['mounts'];
  if (Array.isArray(mounts)) {
    const contentMounts: ContentRoot[] = [];
    for (const m of mounts) {
      if (!isTable(m)) continue;
      const source = stringValue(m['source']);
      const target = stringValue(m['target']);
      if (source === undefined || target === undefined) continue;
      const t = joinPath(target);
      const inner = t === 'content' ? '' : t.startsWith('content/') ? t.slice('content/'.length) : undefined;
      if (inner === undefined) continue;
      if (URL_SCHEME.test(source) || source.startsWith('..') || source.startsWith('/')) {
        notes.push(`content mount ${source} is outside the site and not read`);
        continue;
      }
      const lang = stringValue(m['lang'])?.toLowerCase();
      contentMounts.push({ dir: joinPath(source), target: inner, ...(lang ? { lang } : {}) });
    }
    if (contentMounts.length > 0) {
      roots.length = 0;
      roots.push(...contentMounts);
      notes.push(`content read from module mounts: ${contentMounts.map((r) => r.dir + '/' + (r.target ? ` → content/${r.target}` : '') + (r.lang ? ` (${r.lang})` : '')).join(', ')}`);
    }
  }
  // The most specific folder wins when one holds another (`content` and `content/fr`).
  roots.sort((a, b) => b.dir.length - a.dir.length);

  const permalinks = new Map<string, string>();
  const permalinkTable = table(data, 'permalinks');
  if (permalinkTable) {
    // Hugo 0.120+ also accepts `[permalinks.page]`; its entries are read for regular pages.
    const page = table(permalinkTable, 'page');
    for (const source of [permalinkTable, page]) {
      if (!source) continue;
      for (const [section, pattern] of Object.entries(source)) if (typeof pattern === 'string') permalinks.set(section, pattern);
    }
  }

  const ugly = data['uglyurls'];
  const uglySections = new Set<string>();
  if (isTable(ugly)) for (const [section, v] of Object.entries(ugly)) if (truthy(v)) uglySections.add(section);

  const ignoreFiles: RegExp[] = [];
  // Hugo matches them against the file's absolute path, unknown here: the site-relative path with a leading `/` stands in.
  for (const pattern of stringArray(data['ignorefiles']) ?? []) {
    try {
      ignoreFiles.push(new RegExp(pattern));
    } catch {
      notes.push(`ignoreFiles pattern ${pattern} cannot be read as a regular expression; not applied`);
    }
  }

  const activeLanguages = [...languages].filter((l) => !disabledLanguages.has(l));
  return {
    contentRoots: roots,
    languages,
    disabledLanguages,
    defaultLanguage,
    multilingual: activeLanguages.length > 1,
    defaultInSubdir: booleanSetting(data, 'defaultcontentlanguageinsubdir'),
    permalinks,
    uglyAll: ugly === true || (typeof ugly === 'string' && truthy(ugly)),
    uglySections,
    disablePathToLower: booleanSetting(data, 'disablepathtolower'),
    removePathAccents: booleanSetting(data, 'removepathaccents'),
    ignoreFiles,
  };
}

/** A `[frontmatter]` list as the engine's date sources, with Hugo's `:default` and aliases expanded. */
function dateSources(configured: unknown, which: keyof typeof DEFAULT_DATE_KEYS, unavailable: Set<string>): { specs: DateSourceSpec[]; names: string[] } {
  const written = stringArray(configured);
  const names: string[] = [];
  const add = (key: string): void => {
    const k = key.trim().toLowerCase();
    if (k === '') return;
    if (k === ':default') {
      for (const d of DEFAULT_DATE_KEYS[which]) add(d);
      return;
    }
    if (!names.includes(k)) names.push(k);
    for (const alias of DATE_ALIASES[k] ?? []) if (!names.includes(alias)) names.push(alias);
  };
  for (const key of written && written.length > 0 ? written : [':default']) add(key);
  const specs: DateSourceSpec[] = [];
  for (const name of names) {
    if (name === ':filename') specs.push({ kind: 'filename', separators: '-_ ' });
    else if (name === ':filemodtime') {
      specs.push({ kind: 'file-mod-time' });
      unavailable.add(':fileModTime');
    } else if (name === ':git') {
      specs.push({ kind: 'git' });
      unavailable.add(':git');
    } else if (!name.startsWith(':')) specs.push({ kind: 'field', key: name });
  }
  return { specs, names };
}

// ---------------------------------------------------------------------------
// Page bundles: found by walking the content folders once, at detection.

interface ContentTree {
  /** Leaf bundle folders (holding `index.<content ext>`), relative to the site root. */
  readonly leafBundles: ReadonlySet<string>;
  /** Folders holding an `_index.<content ext>` (branch bundles, nested sections), relative to the site root. */
  readonly branchBundles: ReadonlySet<string>;
  readonly complete: boolean;
}

/** `index` or `_index` with an optional language (`index.fr`), for a content file name; undefined otherwise. */
function indexKind(name: string, languages: ReadonlySet<string>): 'leaf' | 'branch' | undefined {
  if (!CONTENT_EXTENSIONS.has(extension(name))) return undefined;
  const base = translationBase(stem(name), languages).base;
  return base === 'index' ? 'leaf' : base === '_index' ? 'branch' : undefined;
}

function skippedFolder(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

async function walkContent(files: SiteFiles, siteRoot: string, roots: readonly ContentRoot[], languages: ReadonlySet<string>): Promise<ContentTree> {
  const leafBundles = new Set<string>();
  const branchBundles = new Set<string>();
  let queue = roots.map((r) => r.dir);
  const seen = new Set<string>();
  let walked = 0;
  while (queue.length > 0) {
    const next: string[] = [];
    for (let i = 0; i < queue.length; i += WALK_BATCH) {
      const batch = queue.slice(i, i + WALK_BATCH).filter((d) => !seen.has(d));
      if (walked + batch.length > MAX_WALKED_FOLDERS) return { leafBundles, branchBundles, complete: false };
      walked += batch.length;
      for (const d of batch) seen.add(d);
      const listed = await Promise.all(batch.map((d) => files.list(joinPath(siteRoot, d))));
      batch.forEach((dir, j) => {
        const entries = listed[j];
        if (!entries) return;
        let leaf = false;
        for (const e of entries) {
          if (e.isDir) continue;
          const kind = indexKind(e.name, languages);
          if (kind === 'leaf') leaf = true;
          else if (kind === 'branch') branchBundles.add(dir);
        }
        if (leaf) leafBundles.add(dir);
        // Below a leaf bundle everything is a resource: no need to look.
        else for (const e of entries) if (e.isDir && !skippedFolder(e.name)) next.push(joinPath(dir, e.name));
      });
    }
    queue = next;
  }
  return { leafBundles, branchBundles, complete: true };
}

// ---------------------------------------------------------------------------
// Paths and URLs

/** `post.fr` → base `post`, lang `fr` when `fr` is a configured language; otherwise the name as is. */
function translationBase(name: string, languages: ReadonlySet<string>): { base: string; lang?: string } {
  const dot = name.lastIndexOf('.');
  if (dot > 0) {
    const lang = name.slice(dot + 1).toLowerCase();
    if (languages.has(lang)) return { base: name.slice(0, dot), lang };
  }
  return { base: name };
}

/** Where a site-relative path sits in Hugo's content tree. */
interface Located {
  readonly root: ContentRoot;
  /** The path inside the content tree (a mount's target included). */
  readonly inner: string;
}

function locate(settings: HugoSettings, sitePath: string): Located | undefined {
  for (const root of settings.contentRoots) {
    const rest = below(sitePath, root.dir);
    if (rest === undefined || rest === '') continue;
    return { root, inner: root.target === '' ? rest : `${root.target}/${rest}` };
  }
  return undefined;
}

/**
 * Hugo's path sanitising (helpers.PathSpec.UnicodeSanitize, 0.111): letters,
 * digits, marks and `._/\#+~-@` kept, `%XX` escapes kept, a run of spaces
 * becomes one `-`, everything else dropped; then lower-cased unless
 * `disablePathToLower`.
 */
function sanitizePath(s: string, settings: HugoSettings, lower = !settings.disablePathToLower): string {
  const source = Array.from(settings.removePathAccents ? s.normalize('NFD').replace(MARKS, '') : s);
  let out = '';
  let hyphen = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    const allowed = ALLOWED_PUNCTUATION.has(c) || LETTER_DIGIT_MARK.test(c) || (c === '%' && HEX.test(source.slice(i + 1, i + 3).join('')));
    if (allowed) {
      if (hyphen) out += '-';
      hyphen = false;
      out += c;
    } else if (out.length > 0 && SPACE.test(c)) hyphen = true;
  }
  return lower ? out.toLowerCase() : out;
}

/** A path's characters outside printable ASCII percent-encoded, as Go's url.URL.String() writes them. */
function escapePath(path: string): string {
  let out = '';
  for (const c of path) {
    const code = c.codePointAt(0) ?? 0;
    out += code > 0x20 && code < 0x7f && c !== '"' && c !== '<' && c !== '>' && c !== '`' ? c : encodeURIComponent(c);
  }
  return out;
}

function urlize(s: string, settings: HugoSettings): string {
  return sanitizePath(s, settings, true);
}

function fieldString(facts: UrlFacts, key: string): string | undefined {
  const v = facts.field(key);
  const s = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
  return s === '' ? undefined : s;
}

/** A front matter value Hugo reads as a date (the handler that stops the chain). */
function isDateValue(v: unknown): boolean {
  if (v instanceof Date) return !Number.isNaN(v.getTime());
  return typeof v === 'string' && parseDate(v) !== undefined;
}

function weekday(year: number, month: number, day: number): number {
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day);
  return t.getUTCDay();
}

function yearDay(year: number, month: number, day: number): number {
  const start = new Date(0);
  start.setUTCFullYear(year, 0, 1);
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day);
  return Math.round((t.getTime() - start.getTime()) / 86_400_000) + 1;
}

/** `:sections[1:]`, `[last]`, `[:2]`: Hugo's slice of the section path. */
function sliceSections(parts: readonly string[], spec: string | undefined): string[] {
  if (!spec) return [...parts];
  const inner = spec.slice(1, -1).trim();
  const index = (s: string, fallback: number): number => {
    const t = s.trim();
    if (t === '') return fallback;
    if (t === 'last') return parts.length - 1;
    const n = Number(t);
    return Number.isInteger(n) ? n : fallback;
  };
  if (!inner.includes(':')) {
    // hugo 0.111 gives nothing for `[last]` of a single section (checked).
    if (inner === 'last' && parts.length === 1) return [];
    const i = index(inner, 0);
    return i >= 0 && i < parts.length ? [parts[i]] : [];
  }
  const [a, b] = inner.split(':');
  return parts.slice(Math.max(0, index(a, 0)), Math.min(parts.length, index(b, parts.length)));
}

// ---------------------------------------------------------------------------
// The model

export const hugoGenerator: GeneratorModel = {
  id: 'hugo',
  markers: [...ROOT_CONFIG_NAMES, 'config'],

  async detect(files: SiteFiles, root: string, found: readonly string[]): Promise<Site | undefined> {
    const config = await loadConfig(files, root, found);
    const evidence = await weighEvidence(files, root, found, config);
    if (!evidence.isHugo) return undefined;

    const notes: string[] = [`Hugo site: ${evidence.why}`, ...config.notes];
    if (config.unreadable) notes.push('no config file could be read: Hugo\'s defaults assumed');
    const data = config.data;
    const settings = readSettings(data, notes);
    const configName = config.configFile ?? joinPath(root, 'config');

    notes.push(
      `content: ${settings.contentRoots.map((r) => (r.dir || '.') + '/' + (r.lang ? ` (${r.lang})` : '')).join(', ')}` +
        (settings.multilingual ? `; languages ${[...settings.languages].filter((l) => !settings.disabledLanguages.has(l)).join(', ')}, default ${settings.defaultLanguage}${settings.defaultInSubdir ? ' (in its own /' + settings.defaultLanguage + '/)' : ''}` : ''),
    );
    const theme = stringArray(data['theme']);
    if (theme && theme.length > 0) notes.push(`theme ${theme.join(', ')}: its config and content are not read`);
    if (Array.isArray(table(data, 'module')?.['imports'])) notes.push('module imports are not read: content they mount is not seen');
    if (settings.multilingual) {
      const perLanguageBase = [...settings.languages].some((code) => stringValue(table(table(data, 'languages'), code)?.['baseurl']) !== undefined);
      if (perLanguageBase) notes.push('per-language baseURL (multihost) is not modelled: URLs use the site baseURL');
    }

    const tree = await walkContent(files, root, settings.contentRoots, settings.languages);
    if (!tree.complete) notes.push(`more than ${MAX_WALKED_FOLDERS} content folders: page bundles below them are not known, their resources are read as pages`);

    // Date rules, once per site.
    const unavailable = new Set<string>();
    const fmTable = table(data, 'frontmatter');
    const date = dateSources(fmTable?.['date'], 'date', unavailable);
    const publish = dateSources(fmTable?.['publishdate'], 'publishdate', unavailable);
    const expiry = dateSources(fmTable?.['expirydate'], 'expirydate', unavailable);
    const lastmod = dateSources(fmTable?.['lastmod'], 'lastmod', new Set());
    for (const u of unavailable) notes.push(`\`${u}\` date source is not read; dates fall back to the next source`);
    if (fmTable) notes.push(`[frontmatter] dates: date from ${date.names.join(', ')}; publishDate from ${publish.names.join(', ')}`);
    const buildFuture = truthy(data['buildfuture']);
    const buildExpired = truthy(data['buildexpired']);
    if (buildFuture) notes.push('buildFuture: future pages are built, not scheduled');
    if (buildExpired) notes.push('buildExpired: expired pages are still built');
    if (truthy(data['builddrafts'])) notes.push('buildDrafts: drafts are built too; they are still shown as drafts');
    const timeZone = stringValue(data['timezone'])?.trim();
    /** The date lists whose `:filename` source sets the slug (Hugo: when the file name gives the date and no slug is written). */
    const slugChains = [date.names, publish.names, expiry.names, lastmod.names].filter((names) => names.includes(':filename'));

    const bundleOf = (sitePath: string, located: Located): string | undefined => {
      // The nearest leaf bundle at or above the file's folder, within its content root.
      const rootLength = located.root.dir.length;
      let dir = dirname(sitePath);
      for (;;) {
        if (tree.leafBundles.has(dir)) return dir;
        if (dir.length <= rootLength) return undefined;
        dir = dirname(dir);
      }
    };

    /** The language a located file is built in. */
    const languageOf = (located: Located): { lang: string; base: string } => {
      const name = stem(basename(located.inner));
      const t = translationBase(name, settings.languages);
      return { lang: t.lang ?? located.root.lang ?? settings.defaultLanguage, base: t.base };
    };

    // Reasons said for every file of a site: built once, or once per section.
    const notInContent: Classification = { kind: 'ignored', reason: `Not in Hugo's content folder (${configName})` };
    const projectFolders = new Map<string, Classification>(
      Object.entries(PROJECT_FOLDERS).map(([folder, what]) => [folder, { kind: 'ignored', reason: `Hugo ${what}, not content (${folder}/)` }]),
    );
    const hidden: Classification = { kind: 'ignored', reason: 'Hugo skips hidden and editor backup files' };
    const ignoredByConfig: Classification = { kind: 'ignored', reason: `Hugo ignores it (ignoreFiles in ${configName})` };
    const pageReasons = new Map<string, Classification>();
    const pageIn = (section: string | undefined): Classification => {
      const key = section ?? '';
      let c = pageReasons.get(key);
      if (!c) {
        c = section !== undefined ? { kind: 'post', reason: `Hugo page in section ${section}/ (${configName})`, collection: section } : { kind: 'post', reason: `Hugo page (${configName})` };
        pageReasons.set(key, c);
      }
      return c;
    };

    const classifyInSite = (sitePath: string): Classification => {
      const located = locate(settings, sitePath);
      if (!located) {
        const top = sitePath.indexOf('/');
        return (top === -1 ? undefined : projectFolders.get(sitePath.slice(0, top))) ?? notInContent;
      }
      const { inner } = located;
      const slash = inner.lastIndexOf('/');
      const name = slash === -1 ? inner : inner.slice(slash + 1);
      if (name.charCodeAt(0) === 0x2e /* . */ || name.charCodeAt(0) === 0x23 /* # */ || name.endsWith('~') || inner.includes('/.') || inner.charCodeAt(0) === 0x2e) return hidden;
      const ext = extension(name);
      if (!CONTENT_EXTENSIONS.has(ext)) return { kind: 'ignored', reason: `Not a content format Hugo reads (.${ext || name})` };
      const project = neverContent(name);
      if (project !== undefined && !WEBSITE_PAGE_NAMES.has(stem(name).toLowerCase())) return { kind: 'ignored', reason: project };
      if (settings.ignoreFiles.length > 0 && settings.ignoreFiles.some((re) => re.test('/' + sitePath))) return ignoredByConfig;
      const { lang, base } = languageOf(located);
      if (settings.disabledLanguages.size > 0 && settings.disabledLanguages.has(lang)) return { kind: 'ignored', reason: `In language ${lang}, which ${configName} disables` };

      const innerDir = slash === -1 ? '' : inner.slice(0, slash);
      if (tree.leafBundles.size > 0) {
        const bundle = bundleOf(sitePath, located);
        if (bundle !== undefined && !(base === 'index' && bundle === dirname(sitePath))) {
          return { kind: 'ignored', reason: `Hugo page resource of the bundle ${below(bundle, located.root.dir) || '(content root)'}/` };
        }
        if (bundle !== undefined) {
          return { kind: 'post', reason: `Hugo page: the leaf bundle ${innerDir || '(content root)'}/ (${configName})`, ...(innerDir === '' ? {} : { collection: innerDir.split('/')[0] }) };
        }
      }
      const firstSlash = innerDir.indexOf('/');
      const section = innerDir === '' ? undefined : firstSlash === -1 ? innerDir : innerDir.slice(0, firstSlash);
      if (base === '_index') {
        return { kind: 'section', reason: innerDir === '' ? 'Hugo home page (_index)' : `Hugo section page (_index) of ${innerDir}/`, ...(section !== undefined ? { collection: section } : {}) };
      }
      return pageIn(section);
    };

    /** The slug Hugo takes from a `YYYY-MM-DD-slug` file name, when the `:filename` date source gives the date. */
    const filenameSlug = (facts: UrlFacts, contentBase: string): string | undefined => {
      for (const chain of slugChains) {
        for (const name of chain) {
          if (name === ':filename') {
            const prefix = datePrefix(contentBase, '-_ ');
            if (prefix && parseDate(contentBase.slice(0, 10))) return prefix.rest.replace(SLUG_TRIM, '');
            break;
          }
          if (!name.startsWith(':') && isDateValue(facts.field(name))) break;
        }
      }
      return undefined;
    };

    const url = (facts: UrlFacts): string | undefined => {
      const { classification } = facts;
      if (classification.kind === 'ignored') return undefined;
      const located = locate(settings, facts.path);
      if (!located) return undefined;
      const buildOptions = facts.field('_build') ?? facts.field('build');
      if (isTable(buildOptions)) {
        const render = Object.entries(buildOptions).find(([k]) => k.toLowerCase() === 'render')?.[1];
        if (render === false || render === 'never' || render === 'false') return undefined;
      }
      const { lang, base } = languageOf(located);
      const innerDir = dirname(located.inner);
      const isBundle = classification.kind === 'post' && base === 'index';
      if (isBundle && truthy(facts.field('headless'))) return undefined;
      const langPrefix = settings.multilingual && (lang !== settings.defaultLanguage || settings.defaultInSubdir) ? lang : '';

      const written = fieldString(facts, 'url');
      if (written !== undefined) {
        if (URL_SCHEME.test(written)) return undefined; // Hugo refuses URLs with a protocol.
        const prefix = written.startsWith('/') ? '' : langPrefix;
        let link = '/' + joinPath(prefix, written);
        if (written.endsWith('/') || !written.includes('.')) link += '/';
        return escapePath(link === '//' ? '/' : link);
      }

      if (classification.kind === 'section') {
        return escapePath(sanitizePath('/' + joinPath(langPrefix, innerDir) + (innerDir === '' && langPrefix === '' ? '' : '/'), settings));
      }

      const contentBase = isBundle ? basename(innerDir) : base;
      const pageDir = isBundle ? dirname(innerDir) : innerDir;
      const section = located.inner.includes('/') ? located.inner.split('/')[0] : '';
      const slug = fieldString(facts, 'slug') ?? (slugChains.length > 0 ? filenameSlug(facts, contentBase) : undefined);
      const ugly = settings.uglyAll || settings.uglySections.has(section);

      let path: string;
      const pattern = section !== '' ? settings.permalinks.get(section) : undefined;
      if (pattern !== undefined) {
        const expanded = expandPermalink(pattern, facts, { section, innerDir: isBundle ? pageDir : innerDir, contentBase, slug });
        if (expanded === undefined) return undefined;
        path = joinPath(expanded);
      } else {
        path = joinPath(pageDir, slug ?? contentBase);
      }
      const link = '/' + joinPath(langPrefix, path) + (path === '' ? '' : ugly ? '.html' : '/');
      return escapePath(sanitizePath(link, settings));
    };

    const expandPermalink = (pattern: string, facts: UrlFacts, page: { section: string; innerDir: string; contentBase: string; slug: string | undefined }): string | undefined => {
      const d = facts.date ?? ZERO_DATE;
      const title = fieldString(facts, 'title') ?? '';
      let unknown = false;
      const out = pattern.replace(PERMALINK_TOKEN, (whole, token: string, slice: string | undefined) => {
        switch (token) {
          case 'year':
            return String(d.year);
          case 'month':
            return String(d.month).padStart(2, '0');
          case 'monthname':
            return MONTH_NAMES[d.month - 1];
          case 'day':
            return String(d.day).padStart(2, '0');
          case 'weekday':
            return String(weekday(d.year, d.month, d.day));
          case 'weekdayname':
            return WEEKDAY_NAMES[weekday(d.year, d.month, d.day)];
          case 'yearday':
            return String(yearDay(d.year, d.month, d.day));
          case 'section':
            return page.section;
          case 'sections':
            return sliceSections(currentSection(page.innerDir, facts.path).split('/').filter((p) => p !== ''), slice).join('/');
          case 'title':
            return urlize(title, settings);
          case 'slug':
            return urlize(page.slug ?? title, settings);
          case 'filename':
          case 'contentbasename':
            return urlize(page.contentBase, settings);
          case 'slugorfilename':
          case 'slugorcontentbasename':
            return urlize(page.slug ?? page.contentBase, settings);
          default:
            unknown = true;
            return whole;
        }
      });
      return unknown ? undefined : out;
    };

    /** The page's current section as a content path: its top-level folder or the deepest folder above it with an `_index`. */
    const currentSection = (innerDir: string, sitePath: string): string => {
      if (innerDir === '') return '';
      const parts = innerDir.split('/');
      const located = locate(settings, sitePath);
      const siteDirOf = (n: number): string | undefined => {
        if (!located) return undefined;
        const innerPrefix = parts.slice(0, n).join('/');
        const rest = below(innerPrefix, located.root.target);
        return rest === undefined ? undefined : joinPath(located.root.dir, rest);
      };
      for (let n = parts.length; n > 1; n--) {
        const d = siteDirOf(n);
        if (d !== undefined && tree.branchBundles.has(d)) return parts.slice(0, n).join('/');
      }
      return parts[0];
    };

    const rules: PostRules = {
      date: date.specs,
      publishDate: publish.specs,
      ...(buildExpired ? {} : { expiryDate: expiry.specs }),
      caseInsensitiveKeys: true,
      // Hugo reads front matter after blank lines at the top of the file.
      frontMatterAfterBlankLines: true,
      draftKeys: ['draft'],
      // Hugo reads an undocumented `published: false` as a draft (Jekyll's way), unless `draft` is also set.
      publishedKeys: ['published'],
      futureIsScheduled: !buildFuture,
      titleFallback: ['heading', 'filename'],
      url,
      ...(timeZone ? { timeZone } : {}),
    };

    return {
      root,
      generator: 'hugo',
      configFile: configName,
      ...(() => {
        const baseUrl = trimBaseUrl(stringValue(data['baseurl']));
        return baseUrl ? { baseUrl } : {};
      })(),
      notes,
      watchFiles: [...new Set(config.watch)],
      // Hugo builds HTML content files too; the walk reads Markdown only unless told.
      contentGlobs: settings.contentRoots.map((r) => `${joinPath(root, r.dir)}${joinPath(root, r.dir) === '' ? '' : '/'}**/*.{html,htm}`),
      classify(path: string): Classification {
        const sitePath = below(path, root);
        if (sitePath === undefined || sitePath === '') return { kind: 'ignored', reason: `Outside the Hugo site ${root || '.'}/` };
        return classifyInSite(sitePath);
      },
      rules(): PostRules {
        return rules;
      },
    };
  },
};
