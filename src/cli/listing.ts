// Output of `postdesk list`: dated posts newest first, then undated posts.
import { comparePostDates, formatIsoDate } from '../core';
import type { DateSource, Post, PostStatus } from '../core/types';
import type { ListFormat } from './args';

export interface ListedPost {
  readonly displayPath: string;
  readonly post: Post;
}

export interface JsonPost {
  readonly file: string;
  readonly title: string;
  /** `YYYY-MM-DD`, or ISO 8601 with the author's offset; null when undated. */
  readonly date: string | null;
  /** null when undated. */
  readonly dateSource: DateSource | null;
  readonly status: PostStatus;
}

/** Newest first; equal dates by title then path, so output is stable; undated last, by path. */
export function sortPosts(posts: readonly ListedPost[]): ListedPost[] {
  return [...posts].sort((a, b) => {
    const da = a.post.date?.value;
    const db = b.post.date?.value;
    if (da && db) {
      const byDate = comparePostDates(db, da);
      if (byDate !== 0) return byDate;
    } else if (da || db) {
      return da ? -1 : 1;
    }
    return compare(a.post.title, b.post.title) || compare(a.displayPath, b.displayPath);
  });
}

export function toJsonPost(p: ListedPost): JsonPost {
  const date = p.post.date;
  return {
    file: p.displayPath,
    title: p.post.title,
    date: date ? formatIsoDate(date.value) : null,
    dateSource: date ? date.source : null,
    status: p.post.status,
  };
}

export function formatList(format: ListFormat, posts: readonly ListedPost[]): string {
  const sorted = sortPosts(posts);
  if (format === 'json') return JSON.stringify({ version: 1, posts: sorted.map(toJsonPost) }) + '\n';
  if (sorted.length === 0) return 'No posts found.\n';
  const rows = sorted.map((p) => ({
    // People read the calendar day; the full time and offset are in --format json.
    date: p.post.date ? formatIsoDate(p.post.date.value).slice(0, 10) : 'undated',
    title: shorten(p.post.title.replace(/\s*[\r\n]+\s*/g, ' '), MAX_TITLE),
    mark: p.post.status === 'published' ? '' : `[${p.post.status}]`,
    path: `(${p.displayPath})`,
  }));
  const titleWidth = rows.reduce((w, r) => Math.max(w, r.title.length), 0);
  const markWidth = rows.reduce((w, r) => Math.max(w, r.mark.length), 0);
  const lines = rows.map((r) => {
    const cells = [r.date.padEnd(10), r.title.padEnd(titleWidth)];
    if (markWidth > 0) cells.push(r.mark.padEnd(markWidth));
    cells.push(r.path);
    return cells.join('  ');
  });
  const count = (s: PostStatus): number => sorted.filter((p) => p.post.status === s).length;
  const extras = (['draft', 'scheduled', 'undated'] as const).filter((s) => count(s) > 0).map((s) => `${count(s)} ${s}`);
  lines.push('', `${sorted.length} post${sorted.length === 1 ? '' : 's'}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`);
  return lines.join('\n') + '\n';
}

// One very long title must not push every other row's path off the screen.
const MAX_TITLE = 60;

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
