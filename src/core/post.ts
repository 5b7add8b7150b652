// The post model: title, date and where it came from, status, author, tags
// and word count, read from the split document.

import type { Post, PostdeskConfig, SourceDocument, SplitDocument } from './types';
import { classifyLines, countWords, type BodyLines } from './markdown';
import { resolveSiteDate, siteStatus, siteTitle, siteUrl, titleFromName, type DateResolution, type SiteContext } from './site/facts';
import { plainRules } from './site/generators/none';
import type { Classification, PostRules, SiteRef } from './site/types';

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

function personName(v: unknown): string | undefined {
  if (Array.isArray(v)) return personName(v[0]);
  if (v !== null && typeof v === 'object') return asString((v as Record<string, unknown>).name);
  return asString(v);
}

/** Jekyll accepts a YAML list or a space-separated string; commas are accepted too. */
function stringList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(asString).filter((s): s is string => s !== undefined);
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
  const data = split.frontMatter?.data ?? {};
  const { title, source: titleSource } = siteTitle(split, lines, site);
  const date = (resolution ?? resolveSiteDate(doc, split, site)).date;
  const status = siteStatus(doc, split, site, date, now);
  const author = personName(data.author) ?? personName(data.authors);
  const url = site.classification.kind === 'section' ? undefined : siteUrl(split, site, title, date?.value);
  const known = site.site.generator !== 'none' || site.site.root !== '';
  const post: Post = {
    path: doc.path,
    title,
    titleSource,
    ...(date ? { date } : {}),
    status,
    ...(author !== undefined ? { author } : {}),
    tags: stringList(data.tags ?? data.tag),
    categories: stringList(data.categories ?? data.category),
    wordCount: countWords(lines),
    kind: site.classification.kind === 'ignored' ? 'static' : site.classification.kind,
    reason: site.classification.reason,
    ...(url !== undefined ? { url } : {}),
    ...(known ? { site: { root: site.site.root, generator: site.site.generator, ...(site.site.configFile !== undefined ? { configFile: site.site.configFile } : {}) } } : {}),
  };
  return post;
}
