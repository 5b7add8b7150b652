// Output of `postdesk list`: dated posts newest first, then undated posts.
import { comparePostDates, formatIsoDate } from '../core';
import type { ContentKind, DateSource, Post, PostSite, PostStatus } from '../core/types';
import type { ListFormat } from './args';
import { escapeTerminal } from './terminal';

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
  /** The front matter key (or URL-like field) the date was read from, when it came from one. */
  readonly dateField?: string;
  readonly status: PostStatus;
  /** `post`, `page` or `section`, as the site's generator sees the file. */
  readonly kind: ContentKind;
  /** The post's address on the site, when knowable. */
  readonly url?: string;
  /** The site the file belongs to; absent for a folder without a generator. */
  readonly site?: PostSite;
  /** Why the file is a post (or a page): "Jekyll post: in _posts/ (_config.yml)". */
  readonly reason?: string;
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
    ...(date?.field !== undefined ? { dateField: date.field } : {}),
    status: p.post.status,
    kind: p.post.kind ?? 'post',
    ...(p.post.url !== undefined ? { url: p.post.url } : {}),
    ...(p.post.site ? { site: p.post.site } : {}),
    ...(p.post.reason !== undefined ? { reason: p.post.reason } : {}),
  };
}

export function formatList(format: ListFormat, posts: readonly ListedPost[]): string {
  const sorted = sortPosts(posts);
  if (format === 'json') return JSON.stringify({ version: 1, posts: sorted.map(toJsonPost) }) + '\n';
  if (sorted.length === 0) return 'No posts found.\n';
  const rows = sorted.map((p) => ({
    // People read the calendar day; the full time and offset are in --format json.
    date: p.post.date ? formatIsoDate(p.post.date.value).slice(0, 10) : 'undated',
    title: escapeTerminal(shorten(p.post.title.replace(/\s*[\r\n]+\s*/g, ' '), MAX_TITLE)),
    mark: [p.post.kind !== undefined && p.post.kind !== 'post' ? `[${p.post.kind}]` : '', p.post.status === 'published' || (p.post.kind !== undefined && p.post.kind !== 'post') ? '' : `[${p.post.status}]`].join(''),
    path: `(${escapeTerminal(p.displayPath)})`,
  }));
  const titleWidth = rows.reduce((w, r) => Math.max(w, r.title.length), 0);
  const markWidth = rows.reduce((w, r) => Math.max(w, r.mark.length), 0);
  const lines = rows.map((r) => {
    const cells = [r.date.padEnd(10), r.title.padEnd(titleWidth)];
    if (markWidth > 0) cells.push(r.mark.padEnd(markWidth));
    cells.push(r.path);
    return cells.join('  ');
  });
  const postsOnly = sorted.filter((p) => (p.post.kind ?? 'post') === 'post');
  const count = (s: PostStatus): number => postsOnly.filter((p) => p.post.status === s).length;
  const extras = (['draft', 'scheduled', 'expired', 'unlisted', 'undated'] as const).filter((s) => count(s) > 0).map((s) => `${count(s)} ${s}`);
  const others = sorted.length - postsOnly.length;
  lines.push('', `${postsOnly.length} post${postsOnly.length === 1 ? '' : 's'}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}${others > 0 ? `, ${others} page${others === 1 ? '' : 's'}` : ''}`);
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
