// Hugo's page URLs: a page's address from its `url`, `slug`, file name or the
// section's `[permalinks]` pattern (its `:tokens` expanded), with Hugo's path
// sanitising, lower-casing and Go's percent-encoding.

import type { UrlFacts } from '../../types';
import { basename, below, datePrefix, dirname, joinPath, truthy } from '../../util';
import { parseDate } from '../../../dates';
import type { HugoSettings } from './config';
import { isTable, URL_SCHEME } from './config';
import type { ContentTree } from './content';
import { languageOf, locate } from './content';
import { isDateValue, weekday, yearDay } from './dates';

// ---------------------------------------------------------------------------
// Constants

const ZERO_DATE = { year: 1, month: 1, day: 1 };
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const PERMALINK_TOKEN = /:([a-z]+)(\[[^\]]*\])?/g;
const ALLOWED_PUNCTUATION = new Set(['.', '/', '\\', '_', '#', '+', '~', '-', '@']);
const LETTER_DIGIT_MARK = /[\p{L}\p{Nd}\p{M}]/u;
const SPACE = /\s/u;
const HEX = /^[0-9a-fA-F]{2}$/;
const MARKS = /\p{M}/gu;
/** Hugo trims ` -_` around the slug left after a file name's date. */
const SLUG_TRIM = /^[ _-]+|[ _-]+$/g;

// ---------------------------------------------------------------------------
// Paths and URLs

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
// A site's URL rule

/** The `url` rule of one site: a page's address, or undefined when Hugo renders none. */
export function urlBuilder(settings: HugoSettings, tree: ContentTree, slugChains: readonly (readonly string[])[]): (facts: UrlFacts) => string | undefined {
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
    const { lang, base } = languageOf(settings, located);
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

  return url;
}
