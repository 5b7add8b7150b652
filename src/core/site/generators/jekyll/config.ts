// Jekyll's configuration: reading _config.yml (or .yaml/.toml) into the
// settings the model needs: source and collections_dir, exclude/include,
// collections, markdown_ext, permalink style, time zone and `defaults`.

import { globRegex, compilePatterns, isSpecialName, type PathPattern } from './filter';
import { zoneFormat } from './dates';
import { joinPath, lookup, stringArray, stringValue, truthy, type ConfigData } from '../../util';

/** Jekyll reads the first of these in a source folder (`Configuration#config_files`). */
export const CONFIG_NAMES = ['_config.yml', '_config.yaml', '_config.toml'] as const;

/** `Configuration::DEFAULT_EXCLUDES`, added to every site's `exclude`. */
const DEFAULT_EXCLUDES = ['.sass-cache', '.jekyll-cache', 'gemfiles', 'Gemfile', 'Gemfile.lock', 'node_modules', 'vendor/bundle/', 'vendor/cache/', 'vendor/gems/', 'vendor/ruby/'];

/** `Configuration::STYLE_TO_PERMALINK`. */
const PERMALINK_STYLES: ReadonlyMap<string, string> = new Map([
  ['none', '/:categories/:title:output_ext'],
  ['date', '/:categories/:year/:month/:day/:title:output_ext'],
  ['ordinal', '/:categories/:year/:y_day/:title:output_ext'],
  ['pretty', '/:categories/:year/:month/:day/:title/'],
  ['weekdate', '/:categories/:year/W:week/:short_day/:title:output_ext'],
]);

/** Jekyll's default `markdown_ext`. */
const DEFAULT_MARKDOWN_EXT = 'markdown,mkdown,mkdn,mkd,md';

/** `Page::HTML_EXTENSIONS` that Postdesk reads as content too. */
export const HTML_EXTENSIONS: ReadonlySet<string> = new Set(['html', 'htm', 'xhtml']);

export interface CollectionInfo {
  readonly label: string;
  readonly output: boolean;
  readonly permalink?: string;
}

export interface SiteSettings {
  /** The source folder relative to the workspace folder. */
  readonly source: string;
  /** The source folder relative to the site root (the config's folder). */
  readonly sourceInRoot: string;
  /** `collections_dir` relative to the source ('' when unset). */
  readonly collectionsDir: string;
  readonly collections: ReadonlyMap<string, CollectionInfo>;
  readonly exclude: readonly PathPattern[];
  readonly include: readonly PathPattern[];
  readonly markdownExt: ReadonlySet<string>;
  readonly permalinkStyle: string;
  readonly postsPermalink: string;
  readonly future: boolean;
  readonly timeZone?: string;
  readonly configLabel: string;
  readonly defaults: readonly DefaultsSet[];
  /** Markdown without front matter is a page too (`jekyll-optional-front-matter`, on by default on GitHub Pages). */
  readonly optionalFrontMatter: boolean;
}

/** One entry of `defaults` (`FrontmatterDefaults`). */
export interface DefaultsSet {
  /** `scope.path` without leading and trailing slashes, `collections_dir` stripped; '' for every path. */
  readonly path: string;
  readonly glob?: RegExp;
  readonly type?: string;
  readonly values: ConfigData;
}

/** The keys of `defaults` the model applies. */
const DEFAULT_KEYS = ['permalink', 'slug', 'categories', 'category'] as const;

function readDefaults(raw: unknown, collectionsDir: string, notes: string[]): DefaultsSet[] {
  if (!Array.isArray(raw)) return [];
  const out: DefaultsSet[] = [];
  const strip = (p: string): string => (collectionsDir !== '' && p.startsWith(`${collectionsDir}/`) ? p.slice(collectionsDir.length + 1) : p);
  for (const set of raw) {
    if (set === null || typeof set !== 'object' || Array.isArray(set)) continue;
    const values = lookup(set as ConfigData, 'values');
    if (values === null || typeof values !== 'object' || Array.isArray(values)) continue;
    const scope = lookup(set as ConfigData, 'scope');
    const scopeData = scope !== null && typeof scope === 'object' && !Array.isArray(scope) ? (scope as ConfigData) : undefined;
    const rawPath = stringValue(lookup(scopeData, 'path')) ?? '';
    const sanitized = rawPath.startsWith('/') ? rawPath.replace(/^\/|(?<=[^/])$/g, '') : rawPath;
    const typeRaw = stringValue(lookup(scopeData, 'type'));
    const type = typeRaw === 'post' ? 'posts' : typeRaw === 'page' ? 'pages' : typeRaw === 'draft' ? 'drafts' : typeRaw;
    const path = strip(sanitized);
    out.push({ path, ...(path.includes('*') ? { glob: new RegExp(`^${globRegex(path, true).source.slice(1, -1)}(?:/|$)`) } : {}), ...(type ? { type } : {}), values: values as ConfigData });
  }
  const used = out.filter((d) => DEFAULT_KEYS.some((k) => lookup(d.values, k) !== undefined)).length;
  if (out.length > 0) {
    notes.push(
      `Front matter \`defaults\` (${out.length} scope${out.length === 1 ? '' : 's'}): ${used} set${used === 1 ? 's' : ''} a \`permalink\`, \`slug\` or categories, applied to URLs; a default \`date\`, \`title\` or \`published\` is not applied.`,
    );
  }
  return out;
}

/** `FrontmatterDefaults#all` for the URL keys: the values for `path` (Jekyll's relative path) and `type`, the most specific scope winning. */
export function defaultsFor(sets: readonly DefaultsSet[], path: string, type: string): ConfigData | undefined {
  let out: Record<string, unknown> | undefined;
  let old: DefaultsSet | undefined;
  for (const set of sets) {
    if (set.type !== undefined && set.type !== type) continue;
    if (set.path !== '' && !(set.glob ? set.glob.test(path) : path.startsWith(set.path))) continue;
    const wins = !old || (set.path.length !== old.path.length ? set.path.length >= old.path.length : set.type !== undefined || old.type === undefined);
    out ??= Object.create(null) as Record<string, unknown>;
    for (const key of DEFAULT_KEYS) {
      const v = lookup(set.values, key);
      if (v === undefined) continue;
      if (wins || !(key in out)) out[key] = v;
    }
    if (wins) old = set;
  }
  return out;
}

function readCollections(config: ConfigData | undefined, notes: string[]): Map<string, CollectionInfo> {
  const out = new Map<string, CollectionInfo>();
  const raw = lookup(config, 'collections');
  if (Array.isArray(raw)) {
    for (const label of raw) if (typeof label === 'string') out.set(label, { label, output: false });
  } else if (raw !== null && typeof raw === 'object') {
    for (const [label, meta] of Object.entries(raw as ConfigData)) {
      const m = meta !== null && typeof meta === 'object' && !Array.isArray(meta) ? (meta as ConfigData) : undefined;
      const permalink = stringValue(lookup(m, 'permalink'));
      out.set(label, { label, output: truthy(lookup(m, 'output')), ...(permalink !== undefined ? { permalink } : {}) });
    }
  } else if (raw !== undefined && raw !== null) {
    notes.push('`collections` is neither a list nor a table of collections: only posts are read.');
  }
  return out;
}

function isSafeRelative(dir: string): boolean {
  return !dir.startsWith('/') && !/^[A-Za-z]:/.test(dir) && !dir.split('/').includes('..');
}

export function makeSettings(root: string, configName: string, config: ConfigData | undefined, notes: string[], githubPages: boolean): SiteSettings {
  const configLabel = joinPath(root, configName);
  let sourceInRoot = '';
  const source = stringValue(lookup(config, 'source'));
  if (source !== undefined && source.trim() !== '' && source.trim() !== '.') {
    if (isSafeRelative(source.trim())) {
      sourceInRoot = joinPath(source.trim());
      notes.push(`Content is read from \`${sourceInRoot}/\` (\`source\` in ${configName}).`);
    } else notes.push(`\`source: ${source}\` points outside the site folder: content is read from the folder of ${configName}.`);
  }
  let collectionsDir = '';
  const cd = stringValue(lookup(config, 'collections_dir'));
  if (cd !== undefined && cd.trim() !== '' && cd.trim() !== '.') {
    if (isSafeRelative(cd.trim())) {
      collectionsDir = joinPath(cd.trim());
      notes.push(`Posts, drafts and collections are read from \`${collectionsDir}/\` (\`collections_dir\`); \`_posts/\` folders outside it are not read.`);
      if (isSpecialName(collectionsDir)) notes.push(`\`collections_dir\` starts with \`${collectionsDir[0]}\`, a folder Jekyll does not walk: posts there are not read unless it is in \`include\`.`);
    } else notes.push(`\`collections_dir: ${cd}\` points outside the source: ignored.`);
  }
  const collections = readCollections(config, notes);
  const permalinkRaw = stringValue(lookup(config, 'permalink'));
  const permalinkStyle = permalinkRaw === undefined || permalinkRaw.trim() === '' ? 'date' : permalinkRaw.trim();
  const posts = collections.get('posts');
  const postsPermalink = posts?.permalink ?? PERMALINK_STYLES.get(permalinkStyle) ?? permalinkStyle;
  collections.delete('posts');
  const userExclude = stringArray(lookup(config, 'exclude'));
  const userInclude = stringArray(lookup(config, 'include'));
  const include = userInclude ?? ['.htaccess'];
  const exclude = [...(userExclude ?? []), ...DEFAULT_EXCLUDES].filter((e) => !include.includes(e));
  const markdownExt = new Set(
    (stringValue(lookup(config, 'markdown_ext')) ?? DEFAULT_MARKDOWN_EXT)
      .split(',')
      .map((e) => e.trim().replace(/^\./, '').toLowerCase())
      .filter((e) => e !== ''),
  );
  const future = truthy(lookup(config, 'future'));
  const tz = stringValue(lookup(config, 'timezone'));
  let timeZone: string | undefined;
  if (tz !== undefined && tz.trim() !== '') {
    if (zoneFormat(tz.trim())) timeZone = tz.trim();
    else notes.push(`\`timezone: ${tz}\` is not a time zone this model knows: dates are read as written.`);
  }
  if (posts?.permalink === undefined && PERMALINK_STYLES.has(permalinkStyle)) notes.push(`Post URLs use the \`${permalinkStyle}\` permalink style: \`${postsPermalink}\`.`);
  else notes.push(`Post URLs use the pattern \`${postsPermalink}\`.`);
  if (collections.size > 0) notes.push(`Collections: ${[...collections.values()].map((c) => `\`${c.label}\`${c.output ? ' (output)' : ' (not output)'}`).join(', ')}; their documents are pages, not posts.`);
  if (future) notes.push('`future: true`: posts dated in the future are built, so they are not scheduled.');
  else notes.push('Posts dated in the future are left out of the build until their date (`future` is not set), so they show as scheduled.');
  if (truthy(lookup(config, 'unpublished'))) notes.push('`unpublished: true` builds posts with `published: false`; they are still shown as drafts.');
  if (truthy(lookup(config, 'show_drafts'))) notes.push('`show_drafts: true` builds `_drafts/`; they are still shown as drafts.');
  notes.push(
    timeZone
      ? `Dates are turned into the site's time zone \`${timeZone}\` for URLs, as Jekyll does; a post's date is shown as written.`
      : 'No `timezone` is set: Jekyll uses the build machine\'s time zone, which is not known here; dates are read as written.',
  );
  notes.push('Drafts in `_drafts/` without a date are dated by Jekyll with the file\'s modification time, which is not read: they show as undated.');
  notes.push('Front matter `draft: true` does not hide a Jekyll post; `published: false` does.');
  const defaults = readDefaults(lookup(config, 'defaults'), collectionsDir, notes);
  const plugins = [...(stringArray(lookup(config, 'plugins')) ?? []), ...(stringArray(lookup(config, 'gems')) ?? [])];
  if (githubPages) {
    notes.push('The Gemfile names `github-pages`: GitHub Pages turns on `jekyll-optional-front-matter` (Markdown without front matter is a page, not a static file) and `jekyll-titles-from-headings`.');
  } else if (plugins.includes('jekyll-optional-front-matter')) notes.push('`jekyll-optional-front-matter`: Markdown without front matter is a page, not a static file.');
  if (stringValue(lookup(config, 'theme')) !== undefined) notes.push('A `theme` gem is named: its layouts and files are not read.');
  return {
    source: joinPath(root, sourceInRoot),
    sourceInRoot,
    collectionsDir,
    collections,
    exclude: compilePatterns(exclude),
    include: compilePatterns(include),
    markdownExt,
    permalinkStyle,
    postsPermalink,
    future,
    ...(timeZone ? { timeZone } : {}),
    configLabel,
    defaults,
    optionalFrontMatter: githubPages || plugins.includes('jekyll-optional-front-matter'),
  };
}
