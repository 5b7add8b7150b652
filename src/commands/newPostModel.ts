// New Post's decisions as plain functions (no editor API), so unit tests pin
// down the slug, the file name, the front matter and the target folder.
import { stringify } from 'yaml';

/** Letters that Unicode decomposition does not turn into ASCII. */
const TRANSLITERATIONS: Readonly<Record<string, string>> = {
  ß: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ø: 'o', Ø: 'o', đ: 'd', Đ: 'd', ð: 'd', Ð: 'd', ł: 'l', Ł: 'l', þ: 'th', Þ: 'th', ı: 'i',
};

const MAX_SLUG_LENGTH = 80;

/**
 * A file-name slug: accents stripped ("Café" → "cafe"), letters of any script
 * kept ("日本語" stays), everything else collapsed into single hyphens.
 * Empty when the title has no letters or digits at all.
 */
export function slugify(title: string): string {
  const ascii = title
    .replace(/[ßæÆœŒøØđĐðÐłŁþÞı]/g, (c) => TRANSLITERATIONS[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    // Apostrophes join words ("don't" → "dont"), they do not split them.
    .replace(/['’]/g, '');
  const slug = ascii.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  // Cut at a word boundary so the name does not end mid-word.
  const cut = slug.slice(0, MAX_SLUG_LENGTH);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > MAX_SLUG_LENGTH / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, '');
}

export interface NewPostNameOptions {
  /** Today's local date as YYYY-MM-DD. */
  readonly today: string;
  readonly datePrefix: boolean;
  /** ".md", ".markdown" or ".mdx". */
  readonly extension: string;
}

/** "2020-11-06-tips-for-boxers.md"; "untitled" stands in for a title without letters. */
export function newPostFileName(title: string, options: NewPostNameOptions): string {
  const slug = slugify(title) || 'untitled';
  const extension = /^\.(md|markdown|mdx)$/.test(options.extension) ? options.extension : '.md';
  return `${options.datePrefix ? `${options.today}-` : ''}${slug}${extension}`;
}

/**
 * The YAML scalar for a title: plain when that reads back as the same string,
 * quoted otherwise. Quoting follows YAML 1.1 too, so Jekyll (Ruby's YAML 1.1)
 * does not read a title such as "yes" or "2020-11-06" as a boolean or a date.
 */
export function yamlTitle(title: string): string {
  const scalar = stringify(title, { version: '1.1', lineWidth: 0 }).replace(/\n$/, '');
  // A block scalar ("|-") would need an indented next line; keep one line.
  return scalar.startsWith('|') || scalar.startsWith('>') || scalar.includes('\n') ? JSON.stringify(title) : scalar;
}

export interface NewPostContent {
  readonly text: string;
  /** Zero-based line where the body starts, for the cursor. */
  readonly bodyLine: number;
}

export function newPostContent(title: string, today: string, eol: '\n' | '\r\n' = '\n'): NewPostContent {
  const lines = ['---', `title: ${yamlTitle(title.trim())}`, `date: ${today}`, 'draft: true', '---', '', ''];
  return { text: lines.join(eol), bodyLine: lines.length - 1 };
}

/**
 * Where New Post puts a file when postdesk.newPost.folder is empty: the folder
 * that holds the most posts (a page bundle "2020-11-06-x/index.md" counts for
 * the folder around the bundle), else `_posts` when it exists, else the root.
 * Paths are relative to the workspace folder, with forward slashes.
 */
export function defaultPostFolder(relativePostPaths: readonly string[], hasPostsFolder: boolean): string {
  const counts = new Map<string, number>();
  for (const path of relativePostPaths) {
    const parts = path.split('/');
    parts.pop();
    const file = path.slice(path.lastIndexOf('/') + 1);
    if (/^_?index\.(md|markdown|mdx)$/i.test(file) && parts.length > 0) parts.pop();
    const folder = parts.join('/');
    counts.set(folder, (counts.get(folder) ?? 0) + 1);
  }
  let best: string | undefined;
  let bestCount = 0;
  for (const [folder, count] of counts) {
    // Ties go to the shorter path, then alphabetical order, so the choice is stable.
    if (count > bestCount || (count === bestCount && best !== undefined && (folder.length < best.length || (folder.length === best.length && folder < best)))) {
      best = folder;
      bestCount = count;
    }
  }
  if (best !== undefined) return best;
  return hasPostsFolder ? '_posts' : '';
}

/** A configured folder made safe: relative, forward slashes, no `..` escaping the workspace folder. */
export function cleanFolderSetting(folder: string): string | undefined {
  const parts = folder.replace(/\\/g, '/').split('/').filter((part) => part !== '' && part !== '.');
  if (parts.some((part) => part === '..')) return undefined;
  return parts.join('/');
}
