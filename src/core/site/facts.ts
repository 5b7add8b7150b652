// One engine applies every generator's PostRules to a parsed document: the
// post's date and where it came from, the dates that schedule or expire it,
// its status, its title and its URL. Generator models only declare rules.

import type { FrontMatterField, Post, PostDate, PostDateInfo, PostStatus, SourceDocument, SplitDocument } from '../types';
import { isFuture, parseDate } from '../dates';
import type { BodyLines } from '../markdown';
import { firstHeading, stripInline } from '../markdown';
import type { Classification, DateSourceSpec, FileTimeSource, PostRules, SiteRef } from './types';
import { fileTimeDate, type FileTimes } from './fileTimes';
import { basename, datePrefix, dirname, falsy, stem, truthy } from './util';

/** What the engine knows of one file's place in a site: given to `analyze` by its caller. */
export interface SiteContext {
  readonly site: SiteRef;
  readonly classification: Classification;
  readonly rules: PostRules;
  /** The file's path relative to the site root, POSIX. */
  readonly sitePath: string;
  /** The file's own times, when its caller could learn them (`withFileTimes`): without them file-time and git date sources are unavailable. */
  readonly fileTimes?: FileTimes;
}

/** A configured date field whose value cannot be read as a date. */
export interface InvalidDateField {
  readonly field: FrontMatterField;
  /** The value as written, without quotes. */
  readonly text: string;
}

export interface DateResolution {
  readonly date?: PostDateInfo;
  readonly invalid: readonly InvalidDateField[];
  /** Sources asked for whose times were not supplied or not found (`:git (not in a git repository)`, `date: Last Modified`). */
  readonly unavailable?: readonly string[];
}

function valueText(text: string, field: FrontMatterField): string {
  if (typeof field.value === 'string') return field.value;
  if (field.value === null || field.value === undefined) return '';
  if (field.value instanceof Date) return Number.isNaN(field.value.getTime()) ? '' : field.value.toISOString();
  return text.slice(field.valueSpan.start, field.valueSpan.end);
}

function keyMatches(field: FrontMatterField, key: string, caseInsensitive: boolean): boolean {
  return field.key === key || (caseInsensitive && field.key.toLowerCase() === key.toLowerCase());
}

/** A front matter value by key, with the rules' case handling. */
export function fieldValue(split: SplitDocument, key: string, caseInsensitive: boolean): unknown {
  const fm = split.frontMatter;
  if (!fm) return undefined;
  const data = fm.data;
  if (Object.prototype.hasOwnProperty.call(data, key)) return data[key];
  if (!caseInsensitive) return undefined;
  const lower = key.toLowerCase();
  for (const field of fm.fields) if (field.key.toLowerCase() === lower) return field.value;
  return undefined;
}

const DATE_IN_PATH = /^\/?(\d{4})[/-](\d{2})[/-](\d{2})(?:[/_-]|$)/;

function makeDate(year: number, month: number, day: number): PostDate | undefined {
  return parseDate(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

/** The date of a `YYYY-MM-DD-` file name, or of a bundle folder's name for an `index` file. */
function dateFromName(sitePath: string, separators: string): PostDate | undefined {
  let name = stem(basename(sitePath));
  // A bundle's index (`index.md`, Hugo's `index.fr.md`) is named by its folder.
  if (/^_?index(?:\.[a-z]{2,3}(?:-[a-z0-9]+)?)?$/i.test(name)) name = basename(dirname(sitePath));
  const prefix = datePrefix(name, separators);
  return prefix ? makeDate(prefix.year, prefix.month, prefix.day) : undefined;
}

/** `2020/07/27/` or a `2020-07-27` folder above the file. */
function dateFromFolders(sitePath: string): PostDate | undefined {
  const folders = dirname(sitePath).split('/');
  for (let i = 0; i + 2 < folders.length; i++) {
    if (/^\d{4}$/.test(folders[i]) && /^\d{2}$/.test(folders[i + 1]) && /^\d{2}$/.test(folders[i + 2])) {
      const d = makeDate(Number(folders[i]), Number(folders[i + 1]), Number(folders[i + 2]));
      if (d) return d;
    }
  }
  for (const folder of folders) {
    const prefix = datePrefix(folder, '-_');
    if (prefix) {
      const d = makeDate(prefix.year, prefix.month, prefix.day);
      if (d) return d;
    }
  }
  return undefined;
}

/** The file time a keyword value names (`Last Modified`), compared as Eleventy does: trimmed, any case. */
function keywordSource(keywords: NonNullable<Extract<DateSourceSpec, { kind: 'field' }>['keywords']>, text: string): FileTimeSource | undefined {
  const key = text.trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(keywords, key) ? keywords[key] : undefined;
}

/** Tries `specs` in order; every invalid value of a named field is reported once. `times` are the file's own, when known. */
export function resolveDates(doc: SourceDocument, split: SplitDocument, specs: readonly DateSourceSpec[], rules: PostRules, sitePath: string, collectInvalid: boolean, times?: FileTimes): DateResolution {
  const invalid: InvalidDateField[] = [];
  const unavailable: string[] = [];
  let date: PostDateInfo | undefined;
  const fields = split.frontMatter?.fields ?? [];
  let keywordUnread = false;
  for (const spec of specs) {
    if (keywordUnread) break;
    switch (spec.kind) {
      case 'field':
        for (const field of fields) {
          if (!keyMatches(field, spec.key, rules.caseInsensitiveKeys)) continue;
          const text = valueText(doc.text, field);
          const keyword = spec.keywords && typeof field.value === 'string' ? keywordSource(spec.keywords, text) : undefined;
          if (keyword) {
            if (date) continue;
            const fromFile = fileTimeDate(times, keyword, rules);
            if ('date' in fromFile) date = { value: fromFile.date, source: keyword, field: field.key };
            else {
              unavailable.push(`${field.key}: ${text.trim()}${fromFile.why !== undefined ? ` (${fromFile.why})` : ''}`);
              // The generator takes the keyword's time and no other source: a later one would be a guess.
              keywordUnread = true;
            }
            continue;
          }
          const readable = typeof field.value === 'string' || field.value === null || field.value === undefined || field.value instanceof Date;
          const parsed = readable ? parseDate(text) : undefined;
          if (parsed) date ??= { value: parsed, source: 'front-matter', field: field.key, span: field.valueSpan };
          // A boolean is another meaning of the key (Hugo's `published: false`), not a date written wrong.
          else if (collectInvalid && typeof field.value !== 'boolean') invalid.push({ field, text });
        }
        break;
      case 'filename':
        if (!date) {
          const d = dateFromName(sitePath, spec.separators ?? '-');
          if (d) date = { value: d, source: 'filename' };
        }
        break;
      case 'folder':
        if (!date) {
          const d = dateFromFolders(sitePath);
          if (d) date = { value: d, source: 'folder' };
        }
        break;
      case 'url-field':
        if (!date) {
          for (const key of spec.keys) {
            const v = fieldValue(split, key, rules.caseInsensitiveKeys);
            const m = typeof v === 'string' ? DATE_IN_PATH.exec(v.trim()) : null;
            const d = m ? makeDate(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
            if (d) {
              date = { value: d, source: 'url', field: key };
              break;
            }
          }
        }
        break;
      case 'file-mod-time':
      case 'file-created':
      case 'git':
      case 'git-created':
        if (!date) {
          const fromFile = fileTimeDate(times, spec.kind, rules);
          if ('date' in fromFile) date = { value: fromFile.date, source: spec.kind };
          else unavailable.push(fromFile.missing + (fromFile.why !== undefined ? ` (${fromFile.why})` : ''));
        }
        break;
    }
  }
  const base = date ? { date, invalid } : { invalid };
  return unavailable.length > 0 ? { ...base, unavailable } : base;
}

/**
 * The site context once the document's own text is known: a file the
 * generator copies as is without front matter is not content, and front
 * matter may make a page a post or a post a page.
 */
export function refineSiteContext(context: SiteContext, split: SplitDocument): SiteContext {
  const { classification, rules } = context;
  if (classification.requiresFrontMatter && !split.frontMatter) {
    return { ...context, classification: { kind: 'ignored', reason: `${classification.reason.replace(/[;,] without front matter.*$/, '')}: no front matter, so the generator copies it as a static file` } };
  }
  if (!rules.kindFromFrontMatter || !split.frontMatter) return context;
  const refined = rules.kindFromFrontMatter((key) => fieldValue(split, key, rules.caseInsensitiveKeys), classification);
  return refined ? { ...context, classification: refined } : context;
}

/** The post's date by the site's rules, with the invalid date fields among them. */
export function resolveSiteDate(doc: SourceDocument, split: SplitDocument, context: SiteContext): DateResolution {
  return resolveDates(doc, split, context.rules.date, context.rules, context.sitePath, true, context.fileTimes);
}

/** Draft, expired, scheduled, published or undated, as the generator would build the post. */
export function siteStatus(doc: SourceDocument, split: SplitDocument, context: SiteContext, date: PostDateInfo | undefined, now: Date): PostStatus {
  const { rules } = context;
  if (context.classification.draftByLocation) return 'draft';
  const draftValues = rules.draftKeys.map((k) => fieldValue(split, k, rules.caseInsensitiveKeys));
  if (draftValues.some(truthy)) return 'draft';
  // An explicit `draft: false` decides (Hugo); otherwise `published: false` makes a draft (Jekyll, Hexo).
  if (!draftValues.some(falsy) && rules.publishedKeys.some((k) => falsy(fieldValue(split, k, rules.caseInsensitiveKeys)))) return 'draft';
  if (rules.unlistedBy?.((key) => fieldValue(split, key, rules.caseInsensitiveKeys)) !== undefined) return 'unlisted';
  if (rules.expiryDate) {
    const expiry = resolveDates(doc, split, rules.expiryDate, rules, context.sitePath, false, context.fileTimes).date;
    if (expiry && !isFuture(expiry.value, now)) return 'expired';
  }
  // A generator with its own publish date sources (Hugo) never falls back to the post's date: a page dated only by its file name is not scheduled.
  const publish = rules.publishDate ? resolveDates(doc, split, rules.publishDate, rules, context.sitePath, false, context.fileTimes).date : date;
  if (!date && !publish) return 'undated';
  if (rules.futureIsScheduled && publish && isFuture(publish.value, now)) return 'scheduled';
  return date ? 'published' : 'undated';
}

/** Where a title came from: the Post model's own list. */
export type TitleSource = Post['titleSource'];

/** The longest first line read as a pasted article's headline. */
const MAX_HEADLINE = 160;

/**
 * The first line of a document without front matter, when it stands alone as
 * a headline: followed by a blank line or by a longer paragraph line, short,
 * not a sentence that runs on, not Markdown syntax.
 */
export function headlineOf(lines: BodyLines): string | undefined {
  const { index, kinds } = lines;
  for (let l = lines.firstBodyLine; l < kinds.length; l++) {
    if (kinds[l] === 'blank') continue;
    if (kinds[l] !== 'text') return undefined;
    const line = index.lineText(l).trim();
    // A scraped page's sidebar comes first: "-" separators and "Title - November 6, 2020" entries.
    if (line === '-' || isSidebarEntry(line)) continue;
    if (line.length === 0 || line.length > MAX_HEADLINE) return undefined;
    if (/^([-*+>#|<]|\d+[.)]\s|[-=_*]{3,}$|!?\[)/.test(line)) return undefined;
    if (/[.,;:]$/.test(line)) return undefined;
    const next = l + 1 < kinds.length ? index.lineText(l + 1).trim() : '';
    if (next !== '' && next.length <= line.length) return undefined;
    // A headline heads something: a lone line is the whole text, not its title.
    let rest = l + 1;
    while (rest < kinds.length && kinds[rest] === 'blank') rest++;
    if (rest >= kinds.length) return undefined;
    return stripInline(line) || undefined;
  }
  return undefined;
}

/** "Some title - November 6, 2020": a link to another post in a scraped page's sidebar. */
function isSidebarEntry(line: string): boolean {
  const dash = line.lastIndexOf(' - ');
  return dash > 0 && parseDate(line.slice(dash + 3)) !== undefined;
}

/** Jekyll's title from a post's slug: `2020-01-01-hello-world.md` → "Hello World". */
export function titleFromSlug(sitePath: string): string {
  let name = stem(basename(sitePath));
  const prefix = datePrefix(name, '-');
  if (prefix) name = prefix.rest;
  return name
    .split('-')
    .filter((w) => w.length > 0)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
}

/** The file (or bundle folder) name as written, date prefix and extension dropped. */
export function titleFromName(sitePath: string): string {
  const parts = sitePath.split('/').filter((p) => p.length > 0);
  let name = parts[parts.length - 1] ?? '';
  if (/^_?index(?:\.[a-z]{2,3}(?:-[a-z0-9]+)?)?\.[^.]+$/i.test(name) && parts.length > 1) name = parts[parts.length - 2];
  let s = stem(name);
  try {
    s = decodeURIComponent(s);
  } catch {
    // A lone % in a file name is just a character.
  }
  const prefix = datePrefix(s, '-_');
  if (prefix && prefix.rest !== '') s = prefix.rest;
  s = s.replace(/[-_]+/g, ' ').trim();
  if (s === '') return name || 'Untitled';
  return s[0].toUpperCase() + s.slice(1);
}

/** The title by the site's rules, never changing the case of what the author wrote. */
export function siteTitle(split: SplitDocument, lines: BodyLines, context: SiteContext): { title: string; source: TitleSource } {
  const fromFm = fieldValue(split, 'title', context.rules.caseInsensitiveKeys);
  const fm = typeof fromFm === 'string' ? fromFm.trim() : typeof fromFm === 'number' ? String(fromFm) : '';
  // Generators print a front matter title as written (Hugo's .Title, Jekyll's page.title): `__init__` and `my_var` keep their underscores.
  if (fm !== '') return { title: fm.replace(/\s+/g, ' '), source: 'front-matter' };
  const own = context.rules.titleFromBody?.(lines.text.slice(split.bodyStart), context.sitePath);
  if (own !== undefined && own.title !== '') return own;
  for (const fallback of context.rules.titleFallback) {
    let title: string | undefined;
    if (fallback === 'heading') title = firstHeading(lines);
    else if (fallback === 'first-line') title = split.frontMatter ? undefined : headlineOf(lines);
    else if (fallback === 'slug') title = titleFromSlug(context.sitePath) || undefined;
    else {
      // A pasted article without front matter is titled by its own headline before its file name, whatever the generator.
      const headline = split.frontMatter ? undefined : headlineOf(lines);
      if (headline) return { title: headline, source: 'first-line' };
      title = titleFromName(context.sitePath);
    }
    if (title) return { title, source: fallback };
  }
  return { title: titleFromName(context.sitePath), source: 'filename' };
}

/** The post's URL with the site's base URL, when the rules make it knowable. */
export function siteUrl(split: SplitDocument, context: SiteContext, title: string, date: PostDate | undefined): string | undefined {
  const { rules } = context;
  if (!rules.url) return undefined;
  const path = rules.url({
    path: context.sitePath,
    field: (key) => fieldValue(split, key, rules.caseInsensitiveKeys),
    ...(date ? { date } : {}),
    title,
    classification: context.classification,
  });
  if (path === undefined) return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return path;
  const base = context.site.baseUrl ?? '';
  return base + (path.startsWith('/') ? path : `/${path}`);
}
