// The post model: title, date and where it came from, status, author, tags
// and word count, read from the split document.

import type { FrontMatterField, Post, PostdeskConfig, PostDateInfo, PostStatus, SourceDocument, SplitDocument } from './types';
import { dateFromFileName, isFuture, parseDate } from './dates';
import { classifyLines, countWords, firstHeading, stripInline, type BodyLines } from './markdown';

/** A configured date field whose value cannot be read as a date. */
export interface InvalidDateField {
  readonly field: FrontMatterField;
  /** The value as written, without quotes. */
  readonly text: string;
}

export interface DateResolution {
  readonly date?: PostDateInfo;
  readonly invalid: readonly InvalidDateField[];
}

function valueText(text: string, field: FrontMatterField): string {
  if (typeof field.value === 'string') return field.value;
  if (field.value === null || field.value === undefined) return '';
  return text.slice(field.valueSpan.start, field.valueSpan.end);
}

/** Configured front matter fields first (in order), then the file or folder name. */
export function resolveDate(doc: SourceDocument, split: SplitDocument, config: PostdeskConfig): DateResolution {
  const invalid: InvalidDateField[] = [];
  let date: PostDateInfo | undefined;
  const fields = split.frontMatter?.fields ?? [];
  for (const name of config.dateFields) {
    for (const field of fields) {
      if (field.key !== name) continue;
      const text = valueText(doc.text, field);
      const parsed = typeof field.value === 'string' || field.value === null || field.value === undefined ? parseDate(text) : undefined;
      if (parsed) {
        date ??= { value: parsed, source: 'front-matter', field: name, span: field.valueSpan };
      } else {
        invalid.push({ field, text });
      }
    }
  }
  if (!date) {
    const fromName = dateFromFileName(doc.path);
    if (fromName) date = { value: fromName.date, source: 'filename' };
  }
  return date ? { date, invalid } : { invalid };
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

function isTrue(v: unknown): boolean {
  return v === true || (typeof v === 'string' && /^(true|yes|on)$/i.test(v.trim()));
}

function isFalse(v: unknown): boolean {
  return v === false || (typeof v === 'string' && /^(false|no|off)$/i.test(v.trim()));
}

/** "2019-02-14-magic-mirror/index.md" → "Magic mirror". */
export function titleFromFileName(path: string): string {
  const parts = path.split(/[\\/]/).filter((p) => p.length > 0);
  let name = parts[parts.length - 1] ?? '';
  if (/^_?index\.[^.]+$/i.test(name) && parts.length > 1) name = parts[parts.length - 2];
  let stem = name.replace(/\.(md|markdown|mdx|txt)$/i, '');
  try {
    stem = decodeURIComponent(stem);
  } catch {
    // A lone % in a file name is just a character.
  }
  stem = stem.replace(/^\d{4}-\d{2}-\d{2}-/, '').replace(/[-_]+/g, ' ').trim();
  if (stem === '') return name || 'Untitled';
  return stem[0].toUpperCase() + stem.slice(1);
}

export function buildPost(
  doc: SourceDocument,
  split: SplitDocument,
  config: PostdeskConfig,
  now: Date = new Date(),
  lines: BodyLines = classifyLines(doc.text, split.bodyStart),
  resolution: DateResolution = resolveDate(doc, split, config),
): Post {
  const data = split.frontMatter?.data ?? {};
  let title = asString(data.title);
  let titleSource: Post['titleSource'] = 'front-matter';
  if (title === undefined) {
    title = firstHeading(lines);
    titleSource = 'heading';
  } else {
    title = stripInline(title) || title;
  }
  if (title === undefined) {
    title = titleFromFileName(doc.path);
    titleSource = 'filename';
  }

  const date = resolution.date;
  let status: PostStatus;
  if (isTrue(data.draft) || isFalse(data.published)) status = 'draft';
  else if (!date) status = 'undated';
  else if (isFuture(date.value, now)) status = 'scheduled';
  else status = 'published';

  const author = personName(data.author) ?? personName(data.authors);
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
  };
  return post;
}
