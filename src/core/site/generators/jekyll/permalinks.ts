// Jekyll's URLs: slugs (`Utils.slugify`, a name's slug), permalink templates
// and their placeholders (`URL`, `Drops::UrlDrop`), and the URL of a post,
// draft, collection document (`Document#url`) or page (`Page#url`).

import type { UrlFacts } from '../../types';
import { basename, below, dirname, extension, lookup, stem } from '../../util';
import { HTML_EXTENSIONS, defaultsFor, type SiteSettings } from './config';
import { dayOfYear, isoWeek, jekyllWallTime, pad, weekday } from './dates';

/** `Document::DATE_FILENAME_MATCHER` applied to a file name. */
export const DATE_NAME = /^(\d{2,4})-(\d{1,2})-(\d{1,2})-([^/]*)(\.[^.]+)$/;
/** `Utils::SLUGIFY_DEFAULT_REGEXP` and `SLUGIFY_PRETTY_REGEXP`. */
const SLUG_DEFAULT = /[^\p{M}\p{L}\p{Nd}]+/gu;
const SLUG_PRETTY = /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu;
/** `URL.escape_path` leaves these alone. */
const URL_SAFE = /^[a-zA-Z0-9./-]+$/;
const PLACEHOLDER = /:([a-z_]+)/g;

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
 * The slug Jekyll gives a post, draft or document (`Document#populate_title`):
 * the file name without its `YYYY-MM-DD-` date and extension, trailing dots
 * dropped. Its `:title` in a URL, and (words capitalised) its title.
 */
export function jekyllSlugOfName(name: string): string {
  const m = DATE_NAME.exec(name);
  const slug = m ? m[4] : stem(name);
  return slug.replace(/\.+$/, '');
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
export function addPermalinkSuffix(template: string, style: string): string {
  if (style === 'pretty') return `${template}/`;
  if (style === 'date' || style === 'ordinal' || style === 'none') return `${template}:output_ext`;
  let out = template;
  if (style.endsWith('/')) out += '/';
  if (style.endsWith(':output_ext')) out += ':output_ext';
  return out;
}

// -------------------------------------------------------------------------
// URLs

/** The path below the source folder of a file given relative to the site root. */
function inSource(s: SiteSettings, sitePath: string): string {
  return below(sitePath, s.sourceInRoot) ?? sitePath;
}

/** The path below `collections_dir` (Jekyll's `Document#relative_path`). */
function inCollections(s: SiteSettings, sitePath: string): string {
  const r = inSource(s, sitePath);
  return s.collectionsDir === '' ? r : (below(r, s.collectionsDir) ?? r);
}

function outputExt(s: SiteSettings, name: string): string {
  const ext = extension(name);
  if (s.markdownExt.has(ext) || HTML_EXTENSIONS.has(ext)) return '.html';
  return ext === '' ? '' : `.${ext}`;
}

/** `Document#url` for a post, draft or collection document. */
export function documentUrl(s: SiteSettings, facts0: UrlFacts, template: string, label: string): string | undefined {
  const relative = inCollections(s, facts0.path);
  const facts = withDefaults(s, facts0, relative, label);
  const name = basename(relative);
  const base = stem(name);
  const fmSlug = facts.field('slug');
  const slugSource = typeof fmSlug === 'string' || typeof fmSlug === 'number' ? String(fmSlug) : jekyllSlugOfName(name);
  const categories = label === 'posts' ? categoriesOf(relative, facts) : [];
  const rawDate = facts.field('date');
  const wall = facts.date ? jekyllWallTime(facts.date, s.timeZone, rawDate) : undefined;
  const ext = outputExt(s, name);
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
function withDefaults<F extends Pick<UrlFacts, 'field'>>(s: SiteSettings, facts: F, relative: string, type: string): F {
  const defaults = s.defaults.length === 0 ? undefined : defaultsFor(s.defaults, relative, type);
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

/**
 * A post's or draft's categories as Jekyll 4.3.1 gives them (`page.categories`):
 * the folders above `_posts` (`_drafts` for a draft), then the `categories` of
 * the front matter `defaults` and of the front matter itself (a string split
 * at spaces), then `category` as written (else `categories` again), each once,
 * in that order (`Document#categories_from_path`, `#merge_categories!`,
 * `#populate_categories`). `path` is relative to the site root. The
 * documents of other collections (`label`) get the front matter's only: their
 * path starts with their own folder.
 */
export function postCategories(s: SiteSettings, facts0: Pick<UrlFacts, 'path' | 'field'>, label = 'posts'): string[] {
  const relative = inCollections(s, facts0.path);
  const facts = withDefaults(s, facts0, relative, label);
  return categoriesOf(relative, facts);
}

/**
 * Folders above `_posts`/`_drafts`, then front matter `categories` and
 * `category` (`Document#populate_categories`). The folders are what
 * `categories_from_path` leaves: the path up to the first `_posts` (or
 * `_drafts`) anywhere in it (`%r!_posts.*!`, so `my_posts/_posts/` gives
 * `my`), split at `/`, none when the path starts with it.
 */
function categoriesOf(relative: string, facts: Pick<UrlFacts, 'field'>): string[] {
  const out: string[] = [];
  const special = relative.split('/').find((p) => p === '_posts' || p === '_drafts');
  const at = special === undefined ? -1 : relative.indexOf(special);
  if (special !== undefined && at > 0) out.push(...relative.slice(0, at).split('/').filter((c) => c !== '' && c !== special && c !== basename(relative)));
  const add = (v: unknown, split: boolean): void => {
    if (typeof v === 'string') out.push(...(split ? v.split(/\s+/).filter((x) => x !== '') : [v]));
    else if (typeof v === 'number' || typeof v === 'boolean') out.push(String(v));
    // Ruby's `flatten`: a list inside the list gives its items.
    else if (Array.isArray(v)) for (const x of v.flat(Infinity) as unknown[]) if (x !== null && x !== undefined) out.push(String(x));
  };
  const plural = facts.field('categories');
  add(plural, true);
  const singular = facts.field('category');
  if (singular !== undefined && singular !== null) add(singular, false);
  else add(plural, true);
  return [...new Set(out)];
}

/** `Page#url`. */
export function pageUrl(s: SiteSettings, facts0: UrlFacts): string | undefined {
  const relative = inSource(s, facts0.path);
  const facts = withDefaults(s, facts0, relative, 'pages');
  const name = basename(relative);
  const base = stem(name);
  const dir = dirname(relative);
  const ext = outputExt(s, name);
  const html = ext === '.html';
  const template = !html ? '/:path/:basename:output_ext' : base === 'index' ? '/:path/' : addPermalinkSuffix('/:path/:basename', s.permalinkStyle);
  const permalink = facts.field('permalink');
  const pattern = typeof permalink === 'string' && permalink.trim() !== '' ? permalink : template;
  const values: Record<string, string> = { path: dir === '' ? '' : `/${dir}`, basename: base, output_ext: ext };
  let out = pattern;
  for (const [k, v] of Object.entries(values)) out = out.split(`:${k}`).join(escapePath(v));
  return sanitizeUrl(out);
}
