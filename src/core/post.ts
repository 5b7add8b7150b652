// The post model: title, date and where it came from, status, authors, tags
// and word count, read from the split document.

import type { ListedPost, Post, PostdeskConfig, SourceDocument, SplitDocument } from './types';
import { classifyLines, countWords, type BodyLines } from './markdown';
import { fieldValue, resolveSiteDate, siteStatus, siteTitle, siteUrl, titleFromName, type DateResolution, type SiteContext } from './site/facts';
import { plainRules } from './site/generators/none';
import type { AuthorProfile, Classification, PostRules, SiteRef } from './site/types';

export type { DateResolution, InvalidDateField } from './site/facts';

/**
 * The site context of a file whose caller knows no site: a post, dated by the
 * configured date fields, then its file name, folders and URL-like fields.
 */
export function plainSiteContext(config: PostdeskConfig, path: string): SiteContext {
  let rules = plainRulesCache.get(config.dateFields);
  if (!rules) {
    rules = plainRules(config.dateFields);
    plainRulesCache.set(config.dateFields, rules);
  }
  return { site: PLAIN_SITE, classification: PLAIN_POST, rules, sitePath: path };
}

const PLAIN_SITE: SiteRef = { root: '', generator: 'none' };
const PLAIN_POST: Classification = { kind: 'post', reason: 'Markdown file' };
const plainRulesCache = new WeakMap<readonly string[], PostRules>();

/** The post's date by the site's rules (the configured fields, then the file name, when no site is given). */
export function resolveDate(doc: SourceDocument, split: SplitDocument, config: PostdeskConfig, site: SiteContext = plainSiteContext(config, doc.path)): DateResolution {
  return resolveSiteDate(doc, split, site);
}

function asString(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** One entry of an `author`/`authors` field: a name or profile key, or an inline object. */
function authorEntry(v: unknown, profiles: Readonly<Record<string, AuthorProfile>> | undefined): AuthorProfile | undefined {
  if (isRecord(v)) {
    // Docusaurus inline author ({name, title, url, image_url}); `key` borrows a profile and overrides its fields.
    const key = asString(v.key);
    const base = key !== undefined ? profiles?.[key] : undefined;
    const name = asString(v.name) ?? base?.name ?? key;
    if (name === undefined) return undefined;
    const title = asString(v.title) ?? base?.title;
    const url = asString(v.url) ?? base?.url;
    const imageUrl = asString(v.image_url) ?? asString(v.imageURL) ?? base?.imageUrl;
    return { name, ...(title !== undefined ? { title } : {}), ...(url !== undefined ? { url } : {}), ...(imageUrl !== undefined ? { imageUrl } : {}) };
  }
  const text = asString(v);
  if (text === undefined) return undefined;
  // A key the site defines (Docusaurus `authors.yml`); a key it does not define is shown as written.
  const profile = profiles !== undefined && Object.prototype.hasOwnProperty.call(profiles, text) ? profiles[text] : undefined;
  return profile ?? { name: text };
}

function authorEntries(v: unknown, profiles: Readonly<Record<string, AuthorProfile>> | undefined): AuthorProfile[] {
  const list = Array.isArray(v) ? v : [v];
  return list.map((entry) => authorEntry(entry, profiles)).filter((a): a is AuthorProfile => a !== undefined);
}

/**
 * Every author a post names, in order, once each (by name):
 * - Jekyll `author`: a string, a list, or an object with `name` (jekyll-seo-tag);
 * - Hugo `authors` (a list, often a taxonomy); Zola `authors` (a top-level
 *   page field since Zola 0.19; themes before it used `[extra] author(s)`);
 * - Docusaurus (3.x blog docs) `authors`: a key of `authors.yml`, a list of
 *   keys, inline objects `{name, title, url, image_url}`, or a mix; keys
 *   resolve through `site.authorProfiles`, an unknown key is shown as written;
 *   the legacy `author` with `author_title`, `author_url`, `author_image_url`.
 */
export function postAuthors(data: Readonly<Record<string, unknown>>, site?: SiteRef): AuthorProfile[] {
  // Most posts name no author: no lists to build for them.
  if (data.author === undefined && data.authors === undefined && data.extra === undefined) return [];
  const profiles = site?.authorProfiles;
  const found = [...authorEntries(data.author, profiles), ...authorEntries(data.authors, profiles)];
  if (found.length === 0 && isRecord(data.extra)) found.push(...authorEntries(data.extra.authors, profiles), ...authorEntries(data.extra.author, profiles));
  // Docusaurus' legacy single author: its title, link and picture sit beside it.
  const first = found[0];
  if (first !== undefined && typeof data.author === 'string') {
    const title = first.title ?? asString(data.author_title);
    const url = first.url ?? asString(data.author_url);
    const imageUrl = first.imageUrl ?? asString(data.author_image_url);
    found[0] = { ...first, ...(title !== undefined ? { title } : {}), ...(url !== undefined ? { url } : {}), ...(imageUrl !== undefined ? { imageUrl } : {}) };
  }
  const seen = new Set<string>();
  return found.filter((a) => !seen.has(a.name) && (seen.add(a.name), true));
}

/** Jekyll accepts a YAML list or a space-separated string; commas are accepted too. */
/** A tag or category as written: a string, a number, or (Docusaurus) an object with its `label`. */
function listItem(v: unknown): string | undefined {
  return isRecord(v) ? asString(v.label) : asString(v);
}

function stringList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(listItem).filter((s): s is string => s !== undefined);
  const s = asString(v);
  if (s === undefined) return [];
  return s.split(s.includes(',') ? /\s*,\s*/ : /\s+/).filter((t) => t.length > 0);
}

/** "2019-02-14-magic-mirror/index.md" → "Magic mirror". */
export const titleFromFileName = titleFromName;

export function buildPost(
  doc: SourceDocument,
  split: SplitDocument,
  config: PostdeskConfig,
  now: Date = new Date(),
  lines: BodyLines = classifyLines(doc.text, split.bodyStart),
  resolution?: DateResolution,
  site: SiteContext = plainSiteContext(config, doc.path),
): Post {
  // Counted, so a whole Post.
  return assemblePost(doc, split, now, lines, resolution, site, true) as Post;
}

/** `buildPost` without the word count, which stays in its place, undefined (the key order is the CLI's output order). */
export function buildListedPost(doc: SourceDocument, split: SplitDocument, now: Date, lines: BodyLines, resolution: DateResolution | undefined, site: SiteContext): ListedPost {
  return assemblePost(doc, split, now, lines, resolution, site, false);
}

function assemblePost(
  doc: SourceDocument,
  split: SplitDocument,
  now: Date,
  lines: BodyLines,
  resolution: DateResolution | undefined,
  site: SiteContext,
  words: boolean,
): ListedPost {
  const data = split.frontMatter?.data ?? {};
  const { title, source: titleSource } = siteTitle(split, lines, site);
  const date = (resolution ?? resolveSiteDate(doc, split, site)).date;
  const status = siteStatus(doc, split, site, date, now);
  const authors = postAuthors(data, site.site).map((a) => a.name);
  const author = authors[0];
  const { rules } = site;
  // The generator's own categories (Jekyll: the folders above `_posts`, then the front matter's), else the front matter's.
  const categories = rules.categories
    ? [...rules.categories({ path: site.sitePath, field: (key) => fieldValue(split, key, rules.caseInsensitiveKeys) })]
    : stringList(data.categories ?? data.category);
  const url = site.classification.kind === 'section' ? undefined : siteUrl(split, site, title, date?.value);
  const known = site.site.generator !== 'none' || site.site.root !== '';
  const post: ListedPost = {
    path: doc.path,
    title,
    titleSource,
    ...(date ? { date } : {}),
    status,
    ...(author !== undefined ? { author, authors } : {}),
    tags: stringList(data.tags ?? data.tag),
    categories,
    wordCount: words ? countWords(lines) : undefined,
    kind: site.classification.kind === 'ignored' ? 'static' : site.classification.kind,
    reason: site.classification.reason,
    ...(url !== undefined ? { url } : {}),
    ...(known ? { site: { root: site.site.root, generator: site.site.generator, ...(site.site.configFile !== undefined ? { configFile: site.site.configFile } : {}) } } : {}),
  };
  return post;
}
