// Jekyll's reading of a site: which files are posts, drafts, collection
// documents, pages or nothing at all, and how Jekyll dates, titles and
// addresses them.
//
// Followed: the Jekyll 4.3 documentation (jekyllrb.com/docs: configuration,
// posts, drafts, collections, permalinks, front matter, structure) and, where
// the docs are silent, the jekyll 4.3.1 gem's own source (Debian's package):
// `Reader`, `EntryFilter`, `PostReader`, `Document`, `Drops::UrlDrop`, `URL`,
// `Page`, `Configuration` and `Utils.slugify`. The model never runs Ruby or a
// plugin: `_plugins/` and themes are named in the notes when present. Front
// matter `defaults` are applied to what makes a URL (`permalink`, `slug`,
// `categories`, `category`), not to dates or `published`.

import type { PostDate } from '../../types';
import type { Classification, DateSourceSpec, GeneratorModel, PostRules, Site, SiteFiles, UrlFacts } from '../types';
import { MARKDOWN_EXTENSIONS, basename, below, dirname, extension, joinPath, lookup, neverContent, parseConfigFile, stem, stringArray, stringValue, trimBaseUrl, truthy, type ConfigData } from '../util';

/** Jekyll reads the first of these in a source folder (`Configuration#config_files`). */
const CONFIG_NAMES = ['_config.yml', '_config.yaml', '_config.toml'] as const;

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
const HTML_EXTENSIONS: ReadonlySet<string> = new Set(['html', 'htm', 'xhtml']);

/** Folders Jekyll itself uses, named in the author's reason. */
const SPECIAL_FOLDERS: ReadonlyMap<string, string> = new Map([
  ['_layouts', 'layouts'],
  ['_includes', 'includes'],
  ['_data', 'data files'],
  ['_sass', 'Sass partials'],
  ['_plugins', 'plugins'],
  ['_site', 'the built site'],
  ['.jekyll-cache', "Jekyll's cache"],
]);

/** `Document::DATE_FILENAME_MATCHER` applied to a file name. */
const DATE_NAME = /^(\d{2,4})-(\d{1,2})-(\d{1,2})-([^/]*)(\.[^.]+)$/;
/** `Utils::SLUGIFY_DEFAULT_REGEXP` and `SLUGIFY_PRETTY_REGEXP`. */
const SLUG_DEFAULT = /[^\p{M}\p{L}\p{Nd}]+/gu;
const SLUG_PRETTY = /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu;
/** `URL.escape_path` leaves these alone. */
const URL_SAFE = /^[a-zA-Z0-9./-]+$/;
const PLACEHOLDER = /:([a-z_]+)/g;
/** A front matter date-time without an offset, as YAML reads a timestamp (seconds written). */
const FLOATING_YAML_TIMESTAMP = /^\d{4}-\d{1,2}-\d{1,2}[Tt ]+\d{1,2}:\d{2}:\d{2}(\.\d+)?$/;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// ---------------------------------------------------------------------------
// Small pure helpers, exported for the tests and the lead.

/** `Utils.slugify` in the `default` mode (or `pretty` with `cased`), as Jekyll 4.3 writes slugs. */
export function jekyllSlugify(text: string, mode: 'default' | 'pretty' = 'default', cased = false): string {
  const slug = text.replace(mode === 'pretty' ? SLUG_PRETTY : SLUG_DEFAULT, '-').replace(/^-|-$/g, '');
  return cased ? slug : slug.toLowerCase();
}

/**
 * Whether Jekyll reads `text` as having front matter (`Utils.has_yaml_header?`:
 * the first line is `---` and nothing else but spaces). A page, or a document
 * of a collection other than posts, without it is a static file: copied, not
 * built, so neither a page nor a post. Posts and drafts do not need it.
 */
export function jekyllHasFrontMatter(text: string): boolean {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return /^---[ \t\f\v]*\r?\n/.test(text.slice(start, start + 64));
}

/**
 * Whether the file at `path` (classified by `site`) is a static file, neither
 * page nor post, when its text has no front matter (see
 * `jekyllHasFrontMatter`): true for pages and for the documents of
 * collections other than posts, except Markdown pages on a site with
 * `jekyll-optional-front-matter` (GitHub Pages turns it on).
 */
export function jekyllNeedsFrontMatter(site: Site, path: string, classification: Classification): boolean {
  if (classification.kind !== 'page') return false;
  if (site instanceof JekyllSite) return !(site.optionalFrontMatter && classification.collection === undefined && site.isMarkdown(path));
  return true;
}

/**
 * The slug Jekyll gives a post, draft or document (`Document#populate_title`):
 * the file name without its `YYYY-MM-DD-` date and extension, trailing dots
 * dropped. Its `:title` in a URL, and (words capitalised) its title.
 */
export function jekyllSlugOfName(name: string): string {
  const m = DATE_NAME.exec(name);
  const slug = m ? m[4] : stem(name);
  return slug.replace(/\.+$/, '');
}

/** `File.fnmatch?` without flags (a `*` crosses `/`), or `Dir.glob` (`inFolder`: it does not), compiled once. */
function globRegex(pattern: string, inFolder = false): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += inFolder ? '[^/]*' : '.*';
    else if (c === '?') re += inFolder ? '[^/]' : '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end === -1) re += '\\[';
      else {
        const body = pattern.slice(i + 1, end).replace(/\\/g, '\\\\');
        re += `[${body.startsWith('!') ? '^' + body.slice(1) : body}]`;
        i = end;
      }
    } else if (c === '{') {
      const end = pattern.indexOf('}', i + 1);
      if (end === -1) re += '\\{';
      else {
        // Ruby's fnmatch expands braces only with FNM_EXTGLOB: literal here.
        re += '\\{';
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

interface PathPattern {
  readonly text: string;
  readonly prefix: string;
  readonly glob?: RegExp;
}

function compilePatterns(patterns: readonly string[]): PathPattern[] {
  return patterns
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => {
      const text = p.replace(/^\.?\/+/, '');
      const prefix = text.replace(/\/+$/, '');
      return /[*?[]/.test(text) ? { text, prefix, glob: globRegex(prefix) } : { text, prefix };
    });
}

/**
 * `EntryFilter#glob_include?`: a pattern matches a path relative to the
 * source when it globs it or when the path merely starts with it (Jekyll
 * compares strings: `exclude: [docs]` leaves out `docs-old/` too).
 */
function matchesAny(patterns: readonly PathPattern[], path: string): PathPattern | undefined {
  for (const p of patterns) {
    if (p.prefix === '') continue;
    if (path.startsWith(p.prefix) || p.glob?.test(path)) return p;
  }
  return undefined;
}

function isSpecialName(name: string): boolean {
  const c = name[0];
  return c === '_' || c === '.' || c === '#' || c === '~';
}

// ---------------------------------------------------------------------------
// Dates as Jekyll's URLs see them

interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function civilOf(date: PostDate): Civil {
  return date.kind === 'date'
    ? { year: date.year, month: date.month, day: date.day, hour: 0, minute: 0, second: 0 }
    : { year: date.year, month: date.month, day: date.day, hour: date.hour, minute: date.minute, second: date.second };
}

function utcMillis(c: Civil): number {
  const t = new Date(0);
  t.setUTCFullYear(c.year, c.month - 1, c.day);
  t.setUTCHours(c.hour, c.minute, c.second, 0);
  return t.getTime();
}

const zoneFormats = new Map<string, Intl.DateTimeFormat | undefined>();

function zoneFormat(timeZone: string): Intl.DateTimeFormat | undefined {
  if (!zoneFormats.has(timeZone)) {
    let format: Intl.DateTimeFormat | undefined;
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch {
      format = undefined;
    }
    zoneFormats.set(timeZone, format);
  }
  return zoneFormats.get(timeZone);
}

function inZone(millis: number, timeZone: string): Civil | undefined {
  const format = zoneFormat(timeZone);
  if (!format) return undefined;
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(millis))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour % 24, minute: parts.minute, second: parts.second };
}

/**
 * The wall time Jekyll formats a post's URL with: Jekyll turns every date into
 * the site's `timezone` (`Utils.parse_date` → `Time#localtime`). A date-time
 * with an offset is an instant; YAML reads an unquoted date-time without one
 * (seconds written) as UTC. A date alone is midnight in the site's zone. With
 * no `timezone` set Jekyll uses the build machine's zone, which is not known
 * here: the date is taken as written.
 */
export function jekyllWallTime(date: PostDate, timeZone: string | undefined, rawValue?: unknown): Civil {
  const civil = civilOf(date);
  if (!timeZone || date.kind === 'date') return civil;
  let millis: number | undefined;
  if (date.offsetMinutes !== undefined) millis = utcMillis(civil) - date.offsetMinutes * 60000;
  else if (typeof rawValue === 'string' && FLOATING_YAML_TIMESTAMP.test(rawValue.trim())) millis = utcMillis(civil);
  if (millis === undefined) return civil;
  return inZone(millis, timeZone) ?? civil;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function weekday(c: Civil): number {
  const t = new Date(0);
  t.setUTCFullYear(c.year, c.month - 1, c.day);
  return t.getUTCDay();
}

function dayOfYear(c: Civil): number {
  const t = new Date(0);
  t.setUTCFullYear(c.year, c.month - 1, c.day);
  const start = new Date(0);
  start.setUTCFullYear(c.year, 0, 1);
  return Math.round((t.getTime() - start.getTime()) / 86400000) + 1;
}

/** ISO 8601 week number and week-numbering year (`%V`, `%G`). */
function isoWeek(c: Civil): { week: number; year: number } {
  const t = new Date(0);
  t.setUTCFullYear(c.year, c.month - 1, c.day);
  const dow = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - dow);
  const year = t.getUTCFullYear();
  const start = new Date(0);
  start.setUTCFullYear(year, 0, 1);
  return { week: Math.ceil(((t.getTime() - start.getTime()) / 86400000 + 1) / 7), year };
}

/** `URL.escape_path`. */
function escapePath(value: string): string {
  if (value === '' || URL_SAFE.test(value)) return value;
  let out: string;
  try {
    out = encodeURI(value);
  } catch {
    out = value;
  }
  return out.replace('#', '%23');
}

/** `URL#sanitize_url`. */
function sanitizeUrl(url: string): string {
  return `/${url}`.replace(/\.\./g, '/').replace(/\.\//g, '').replace(/\/+/g, '/');
}

/** `URL#generate_url_from_drop`: undefined when a placeholder is unknown (Jekyll stops the build). */
function fillTemplate(template: string, values: (name: string) => string | undefined): string | undefined {
  let failed = false;
  const out = template.replace(PLACEHOLDER, (match, name: string) => {
    let value = values(name);
    let consumed = name;
    if (value === undefined && name.endsWith('_')) {
      consumed = name.slice(0, -1);
      value = values(consumed);
    }
    if (value === undefined) {
      failed = true;
      return match;
    }
    return escapePath(value) + match.slice(consumed.length + 1);
  });
  return failed ? undefined : out;
}

/** `Utils.add_permalink_suffix`. */
function addPermalinkSuffix(template: string, style: string): string {
  if (style === 'pretty') return `${template}/`;
  if (style === 'date' || style === 'ordinal' || style === 'none') return `${template}:output_ext`;
  let out = template;
  if (style.endsWith('/')) out += '/';
  if (style.endsWith(':output_ext')) out += ':output_ext';
  return out;
}

// ---------------------------------------------------------------------------
// The site

interface CollectionInfo {
  readonly label: string;
  readonly output: boolean;
  readonly permalink?: string;
}

interface SiteSettings {
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
interface DefaultsSet {
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
function defaultsFor(sets: readonly DefaultsSet[], path: string, type: string): ConfigData | undefined {
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

function hexoLike(config: ConfigData | undefined, packageJson: string | undefined): boolean {
  if (packageJson !== undefined && /"hexo"\s*:/.test(packageJson)) return true;
  if (!config) return false;
  return ['new_post_name', 'source_dir', 'public_dir', 'post_asset_folder', 'permalink_defaults'].some((k) => lookup(config, k) !== undefined);
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

function makeSettings(root: string, configName: string, config: ConfigData | undefined, notes: string[], githubPages: boolean): SiteSettings {
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

/** What `classify` learned of a post, kept for its rules. */
type Where =
  | { readonly kind: 'post'; readonly dated: boolean }
  | { readonly kind: 'draft' }
  | { readonly kind: 'document'; readonly collection: CollectionInfo }
  | { readonly kind: 'page' };

class JekyllSite implements Site {
  readonly generator = 'jekyll' as const;
  readonly notes: string[];
  readonly watchFiles: string[];
  readonly baseUrl?: string;
  private readonly postRules: PostRules;
  private readonly undatablePostRules: PostRules;
  private readonly draftRules: PostRules;
  private readonly pageRules: PostRules;
  private readonly documentRules = new Map<string, PostRules>();
  /** What the last `classify` call learned, for `rules` (synchronous, so never stale). */
  private lastWhere: Where | undefined;
  readonly optionalFrontMatter: boolean;

  constructor(
    readonly root: string,
    readonly configFile: string,
    private readonly s: SiteSettings,
    baseUrl: string | undefined,
    notes: string[],
  ) {
    this.notes = notes;
    this.optionalFrontMatter = s.optionalFrontMatter;
    this.watchFiles = [configFile, joinPath(root, 'Gemfile')];
    if (baseUrl !== undefined) this.baseUrl = baseUrl;
    const common = {
      caseInsensitiveKeys: false,
      draftKeys: [] as string[],
      publishedKeys: ['published'],
      futureIsScheduled: !s.future,
      ...(s.timeZone ? { timeZone: s.timeZone } : {}),
    };
    const postDate: DateSourceSpec[] = [{ kind: 'field', key: 'date' }, { kind: 'filename' }];
    const postUrl = (facts: UrlFacts): string | undefined => this.documentUrl(facts, s.postsPermalink, 'posts');
    this.postRules = { ...common, date: postDate, titleFallback: ['slug'], url: postUrl };
    // Jekyll never reads a `_posts/` file whose name has no date: nothing dates it.
    this.undatablePostRules = { ...common, date: [], titleFallback: ['slug'] };
    this.draftRules = { ...common, date: [...postDate, { kind: 'file-mod-time' }], titleFallback: ['slug'], url: postUrl };
    this.pageRules = { ...common, date: [{ kind: 'field', key: 'date' }], titleFallback: ['heading', 'filename'], url: (facts) => this.pageUrl(facts) };
    for (const c of s.collections.values()) {
      const template = c.permalink ?? addPermalinkSuffix('/:collection/:path', s.permalinkStyle);
      this.documentRules.set(c.label, {
        ...common,
        date: postDate,
        titleFallback: ['slug'],
        url: (facts) => (c.output ? this.documentUrl(facts, template, c.label) : undefined),
      });
    }
  }

  classify(path: string): Classification {
    this.lastWhere = undefined;
    const classification = this.classifyPath(path);
    // Known only from the text: without front matter, Jekyll copies a page or document as a static file.
    return jekyllNeedsFrontMatter(this, path, classification) ? { ...classification, requiresFrontMatter: true } : classification;
  }

  private classifyPath(path: string): Classification {
    const r = below(path, this.s.source);
    if (r === undefined || r === '') return { kind: 'ignored', reason: `Outside Jekyll's source folder ${this.s.source || '.'}/ (${this.s.configLabel})` };
    const parts = r.split('/');
    const name = parts[parts.length - 1];
    const ext = extension(name);
    if (!this.isContentExtension(ext)) return { kind: 'ignored', reason: `Not a Markdown or HTML file Jekyll builds (${this.s.configLabel})` };
    const dirs = parts.slice(0, -1);

    // _posts/ and _drafts/ below folders Jekyll walks.
    const magic = dirs.findIndex((d) => d === '_posts' || d === '_drafts');
    if (magic !== -1) return this.classifyPublishable(r, parts, magic);

    // A collection's documents: <collections_dir>/_<label>/...
    const cdParts = this.s.collectionsDir === '' ? [] : this.s.collectionsDir.split('/');
    if (dirs.length > cdParts.length && cdParts.every((p, i) => dirs[i] === p)) {
      const folder = dirs[cdParts.length];
      const collection = folder.startsWith('_') ? this.s.collections.get(folder.slice(1)) : undefined;
      if (collection) {
        const inner = parts.slice(cdParts.length + 1);
        if (isSpecialName(inner[0]) || isSpecialName(name) || name.endsWith('~')) return { kind: 'ignored', reason: `Jekyll skips files and folders whose names start with _ . # or ~ (${this.s.configLabel})` };
        const excluded = this.excludedBy(r);
        if (excluded && !this.included(name)) return { kind: 'ignored', reason: `Excluded by \`exclude: ${excluded}\` in ${this.s.configLabel}` };
        const never = neverContent(name);
        if (never) return { kind: 'ignored', reason: `Not content: ${never}` };
        this.lastWhere = { kind: 'document', collection };
        return {
          kind: 'page',
          reason: `Jekyll document of the \`${collection.label}\` collection (${this.s.configLabel}); without front matter it is a static file`,
          collection: collection.label,
        };
      }
    }

    const walked = this.walkedReason(dirs, dirs.length);
    if (walked) return walked;
    if (isSpecialName(name) && !this.included(name)) return { kind: 'ignored', reason: `Jekyll skips files whose names start with _ . # or ~ (${this.s.configLabel})` };
    if (name.endsWith('~')) return { kind: 'ignored', reason: `A backup file: Jekyll skips names ending in ~ (${this.s.configLabel})` };
    const excluded = this.excludedBy(r);
    if (excluded && !this.included(name)) return { kind: 'ignored', reason: `Excluded by \`exclude: ${excluded}\` in ${this.s.configLabel}` };
    const never = neverContent(name);
    if (never) return { kind: 'ignored', reason: `Not content: ${never}` };
    this.lastWhere = { kind: 'page' };
    return { kind: 'page', reason: `Jekyll page (${this.s.configLabel}); without front matter Jekyll copies it as a static file` };
  }

  rules(path: string, classification: Classification): PostRules {
    this.classify(path);
    const where = this.lastWhere;
    if (where?.kind === 'post') return where.dated ? this.postRules : this.undatablePostRules;
    if (where?.kind === 'draft' || classification.draftByLocation) return this.draftRules;
    if (where?.kind === 'document') return this.documentRules.get(where.collection.label) ?? this.pageRules;
    return this.pageRules;
  }

  /** Whether Jekyll converts `path` as Markdown (`markdown_ext`). */
  isMarkdown(path: string): boolean {
    return this.s.markdownExt.has(extension(path));
  }

  private isContentExtension(ext: string): boolean {
    return this.s.markdownExt.has(ext) || MARKDOWN_EXTENSIONS.has(ext) || HTML_EXTENSIONS.has(ext);
  }

  private included(name: string): boolean {
    return matchesAny(this.s.include, name) !== undefined;
  }

  private excludedBy(pathInSource: string): string | undefined {
    const hit = matchesAny(this.s.exclude, pathInSource);
    return hit?.text;
  }

  /** Why Jekyll never walks into the first `count` folders of `dirs`, or undefined when it does. */
  private walkedReason(dirs: readonly string[], count: number): Classification | undefined {
    for (let i = 0; i < count; i++) {
      const d = dirs[i];
      const lower = d.toLowerCase();
      if (lower === 'node_modules' || lower === 'vendor') return { kind: 'ignored', reason: `In ${d}/, which holds no posts (${this.s.configLabel})` };
      if (isSpecialName(d) && !this.included(d)) {
        const what = SPECIAL_FOLDERS.get(d);
        return {
          kind: 'ignored',
          reason: what ? `In ${d}/, Jekyll's folder of ${what} (${this.s.configLabel})` : `In ${d}/: Jekyll skips folders whose names start with _ . # or ~ unless they are collections (${this.s.configLabel})`,
        };
      }
      const sub = dirs.slice(0, i + 1).join('/');
      const excluded = this.excludedBy(sub);
      if (excluded && !this.included(d)) return { kind: 'ignored', reason: `In ${sub}/, excluded by \`exclude: ${excluded}\` in ${this.s.configLabel}` };
    }
    return undefined;
  }

  private classifyPublishable(r: string, parts: readonly string[], magic: number): Classification {
    const dirs = parts.slice(0, -1);
    const folder = dirs[magic];
    const name = parts[parts.length - 1];
    const walked = this.walkedReason(dirs, magic);
    if (walked) return walked;
    const at = dirs.slice(0, magic).join('/');
    const cd = this.s.collectionsDir;
    if (cd !== '' && !(`/${at}`.startsWith(`/${cd}`))) {
      return { kind: 'ignored', reason: `In ${joinPath(at, folder)}/, outside \`collections_dir: ${cd}\`: Jekyll does not read it (${this.s.configLabel})` };
    }
    const inner = parts.slice(magic + 1);
    if (isSpecialName(inner[0]) || isSpecialName(name)) return { kind: 'ignored', reason: `Jekyll skips files and folders whose names start with _ . # or ~ (${this.s.configLabel})` };
    if (name.endsWith('~')) return { kind: 'ignored', reason: `A backup file: Jekyll skips names ending in ~ (${this.s.configLabel})` };
    const excluded = this.excludedBy(r);
    if (excluded && !this.included(name)) return { kind: 'ignored', reason: `Excluded by \`exclude: ${excluded}\` in ${this.s.configLabel}` };
    const never = neverContent(name);
    if (never) return { kind: 'ignored', reason: `Not content: ${never}` };
    const where = at === '' ? `${folder}/` : `${at}/${folder}/`;
    if (folder === '_drafts') {
      this.lastWhere = { kind: 'draft' };
      return { kind: 'post', reason: `Jekyll draft: in ${where} (${this.s.configLabel}); built only with --drafts`, draftByLocation: true, collection: 'posts' };
    }
    const m = DATE_NAME.exec(name);
    if (!m) {
      this.lastWhere = { kind: 'post', dated: false };
      return { kind: 'post', reason: `In ${where}, but Jekyll skips it: its name has no date (YYYY-MM-DD-title${ext(name)}) (${this.s.configLabel})`, collection: 'posts' };
    }
    this.lastWhere = { kind: 'post', dated: true };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(`${m[1]}-${m[2]}-${m[3]}`)) {
      return { kind: 'post', reason: `Jekyll post: in ${where} (${this.s.configLabel}); its name's date ${m[1]}-${m[2]}-${m[3]} is not written YYYY-MM-DD, which Postdesk does not read`, collection: 'posts' };
    }
    return { kind: 'post', reason: `Jekyll post: in ${where} (${this.s.configLabel})`, collection: 'posts' };
  }

  // -------------------------------------------------------------------------
  // URLs

  /** The path below the source folder of a file given relative to the site root. */
  private inSource(sitePath: string): string {
    return below(sitePath, this.s.sourceInRoot) ?? sitePath;
  }

  /** The path below `collections_dir` (Jekyll's `Document#relative_path`). */
  private inCollections(sitePath: string): string {
    const r = this.inSource(sitePath);
    return this.s.collectionsDir === '' ? r : (below(r, this.s.collectionsDir) ?? r);
  }

  private outputExt(name: string): string {
    const ext = extension(name);
    if (this.s.markdownExt.has(ext) || HTML_EXTENSIONS.has(ext)) return '.html';
    return ext === '' ? '' : `.${ext}`;
  }

  /** `Document#url` for a post, draft or collection document. */
  private documentUrl(facts0: UrlFacts, template: string, label: string): string | undefined {
    const relative = this.inCollections(facts0.path);
    const facts = this.withDefaults(facts0, relative, label);
    const name = basename(relative);
    const base = stem(name);
    const fmSlug = facts.field('slug');
    const slugSource = typeof fmSlug === 'string' || typeof fmSlug === 'number' ? String(fmSlug) : jekyllSlugOfName(name);
    const categories = label === 'posts' ? this.categories(relative, facts) : [];
    const rawDate = facts.field('date');
    const wall = facts.date ? jekyllWallTime(facts.date, this.s.timeZone, rawDate) : undefined;
    const ext = this.outputExt(name);
    const collectionDir = `_${label}`;
    const values = (key: string): string | undefined => {
      switch (key) {
        case 'collection':
          return label;
        case 'path': {
          const noExt = relative.slice(0, relative.length - (extension(name) === '' ? 0 : extension(name).length + 1));
          return noExt.replace(collectionDir, '').replace(/\.*$/, '');
        }
        case 'output_ext':
          return ext;
        case 'name':
          return jekyllSlugify(base);
        case 'title':
          return jekyllSlugify(slugSource, 'pretty', true);
        case 'slug':
          return jekyllSlugify(slugSource);
        case 'categories':
          return [...new Set(categories.map((c) => c.toLowerCase()))].join('/');
        case 'slugified_categories':
          return [...new Set(categories.map((c) => jekyllSlugify(c)))].join('/');
      }
      if (!wall) return undefined;
      switch (key) {
        case 'year':
          return pad(wall.year, 4);
        case 'month':
          return pad(wall.month);
        case 'day':
          return pad(wall.day);
        case 'hour':
          return pad(wall.hour);
        case 'minute':
          return pad(wall.minute);
        case 'second':
          return pad(wall.second);
        case 'i_day':
          return String(wall.day);
        case 'i_month':
          return String(wall.month);
        case 'short_month':
          return MONTHS[wall.month - 1].slice(0, 3);
        case 'long_month':
          return MONTHS[wall.month - 1];
        case 'short_year':
          return pad(wall.year % 100);
        case 'w_year':
          return String(isoWeek(wall).year);
        case 'week':
          return pad(isoWeek(wall).week);
        case 'w_day':
          return String(weekday(wall) || 7);
        case 'short_day':
          return WEEKDAYS[weekday(wall)].slice(0, 3);
        case 'long_day':
          return WEEKDAYS[weekday(wall)];
        case 'y_day':
          return pad(dayOfYear(wall), 3);
      }
      return undefined;
    };
    const permalink = facts.field('permalink');
    const pattern = typeof permalink === 'string' && permalink.trim() !== '' ? permalink : template;
    const filled = fillTemplate(pattern, values);
    return filled === undefined ? undefined : sanitizeUrl(filled);
  }

  /** The facts with front matter `defaults` under the front matter's own values. */
  private withDefaults(facts: UrlFacts, relative: string, type: string): UrlFacts {
    const defaults = this.s.defaults.length === 0 ? undefined : defaultsFor(this.s.defaults, relative, type);
    if (!defaults) return facts;
    return {
      ...facts,
      field: (key) => {
        const own = facts.field(key);
        const fallback = lookup(defaults, key);
        if (key === 'categories' && own !== undefined && own !== null && fallback !== undefined && fallback !== null) {
          // `Document#merge_categories!`: front matter categories join the defaults'.
          const list = (v: unknown): unknown[] => (typeof v === 'string' ? v.split(/\s+/).filter((x) => x !== '') : Array.isArray(v) ? v : [v]);
          return [...list(fallback), ...list(own)];
        }
        return own ?? fallback;
      },
    };
  }

  /** Folders above `_posts`/`_drafts`, then front matter `categories` and `category` (`Document#populate_categories`). */
  private categories(relative: string, facts: UrlFacts): string[] {
    const out: string[] = [];
    const parts = relative.split('/');
    const magic = parts.findIndex((p) => p === '_posts' || p === '_drafts');
    if (magic > 0) out.push(...parts.slice(0, magic));
    const add = (v: unknown, split: boolean): void => {
      if (typeof v === 'string') out.push(...(split ? v.split(/\s+/).filter((x) => x !== '') : [v]));
      else if (typeof v === 'number' || typeof v === 'boolean') out.push(String(v));
      else if (Array.isArray(v)) for (const x of v) if (x !== null && x !== undefined) out.push(String(x));
    };
    const plural = facts.field('categories');
    add(plural, true);
    const singular = facts.field('category');
    if (singular !== undefined && singular !== null) add(singular, false);
    else add(plural, true);
    return [...new Set(out)];
  }

  /** `Page#url`. */
  private pageUrl(facts0: UrlFacts): string | undefined {
    const relative = this.inSource(facts0.path);
    const facts = this.withDefaults(facts0, relative, 'pages');
    const name = basename(relative);
    const base = stem(name);
    const dir = dirname(relative);
    const ext = this.outputExt(name);
    const html = ext === '.html';
    const template = !html ? '/:path/:basename:output_ext' : base === 'index' ? '/:path/' : addPermalinkSuffix('/:path/:basename', this.s.permalinkStyle);
    const permalink = facts.field('permalink');
    const pattern = typeof permalink === 'string' && permalink.trim() !== '' ? permalink : template;
    const values: Record<string, string> = { path: dir === '' ? '' : `/${dir}`, basename: base, output_ext: ext };
    let out = pattern;
    for (const [k, v] of Object.entries(values)) out = out.split(`:${k}`).join(escapePath(v));
    return sanitizeUrl(out);
  }
}

function ext(name: string): string {
  const e = extension(name);
  return e === '' ? '' : `.${e}`;
}

export const jekyllGenerator: GeneratorModel = {
  id: 'jekyll',
  markers: [...CONFIG_NAMES],
  async detect(files: SiteFiles, root: string, found: readonly string[]): Promise<Site | undefined> {
    const configName = CONFIG_NAMES.find((n) => found.includes(n));
    if (!configName) return undefined;
    const configFile = joinPath(root, configName);
    const text = await files.readText(configFile);
    if (text === undefined) return undefined;
    const notes: string[] = [];
    let config: ConfigData | undefined;
    if (text.trim() !== '') {
      const parsed = parseConfigFile(configName, text);
      if (parsed.error) notes.push(`${parsed.error}: Jekyll's defaults are assumed.`);
      config = parsed.data;
    }
    const packageJson = await files.readText(joinPath(root, 'package.json'));
    const entries = await files.list(root);
    if (hexoLike(config, packageJson) || entries?.some((e) => e.isDir && e.name === 'scaffolds')) return undefined;
    const gemfile = entries?.some((e) => !e.isDir && e.name === 'Gemfile') ? await files.readText(joinPath(root, 'Gemfile')) : undefined;
    const githubPages = gemfile !== undefined && /^\s*gem\s+["']github-pages["']/m.test(gemfile);
    notes.unshift(`Jekyll site: ${configFile} (Jekyll 4.3 rules).`);
    const others = CONFIG_NAMES.filter((n) => n !== configName && found.includes(n));
    if (others.length > 0) notes.push(`${others.join(' and ')} ${others.length === 1 ? 'is' : 'are'} not read: Jekyll reads ${configName} first.`);
    const settings = makeSettings(root, configName, config, notes, githubPages);
    const url = stringValue(lookup(config, 'url')) ?? '';
    const baseurl = stringValue(lookup(config, 'baseurl')) ?? '';
    const baseUrl = trimBaseUrl(url.replace(/\/+$/, '') + (baseurl === '' ? '' : `/${baseurl.replace(/^\/+/, '')}`));
    const listing = await files.list(joinPath(settings.source, '_plugins'));
    if (listing && listing.length > 0) notes.push('`_plugins/` is not run: a plugin that changes posts, dates or URLs is not seen.');
    return new JekyllSite(root, configFile, settings, baseUrl, notes);
  },
};
