// Hugo's configuration: the root hugo.toml (or config.*), the config/_default/
// and config/production/ folders merged over it, the evidence that a config is
// Hugo's rather than Zola's, and the settings the rest of the model reads
// (content roots, languages, permalinks, uglyURLs, ignoreFiles).

import type { DirEntry, SiteFiles } from '../../types';
import type { ConfigData } from '../../util';
import { basename, extension, joinPath, parseConfigFile, stem, stringArray, stringValue, table, truthy } from '../../util';

// ---------------------------------------------------------------------------
// Constants

export const ROOT_CONFIG_NAMES = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml', 'config.json'] as const;
const CONFIG_EXTENSIONS = new Set(['toml', 'yaml', 'yml', 'json']);
/** `hugo` builds with the production environment: its config folder is merged over `_default`. */
const CONFIG_ENVIRONMENTS = ['_default', 'production'] as const;

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

export const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

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

export function isTable(v: unknown): v is ConfigData {
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

export interface LoadedConfig {
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

export async function loadConfig(files: SiteFiles, root: string, found: readonly string[]): Promise<LoadedConfig> {
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

export async function weighEvidence(files: SiteFiles, root: string, found: readonly string[], config: LoadedConfig): Promise<Evidence> {
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

export interface ContentRoot {
  /** The folder, relative to the site root. */
  readonly dir: string;
  /** Where it sits inside Hugo's content tree ('' for `content` itself; a module mount's target below `content/`). */
  readonly target: string;
  /** Its language, when it has one (a language's contentDir, a mount's `lang`). */
  readonly lang?: string;
}

export interface HugoSettings {
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

export function readSettings(data: ConfigData, notes: string[]): HugoSettings {
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
