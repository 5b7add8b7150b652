// A folder no generator claims: Markdown files are content, minus what is
// never a post anywhere (project documents, agent instructions, templates,
// build output). Where the folder has dated folders (`_posts`, `posts`,
// `blog`, `news`), the files in them are the posts and the rest are pages.

import type { Classification, PostRules, Site, SiteFiles } from '../types';
import { basename, extension, MARKDOWN_EXTENSIONS, neverContent } from '../util';

export const POST_FOLDERS: ReadonlySet<string> = new Set(['_posts', 'posts', 'blog', 'news', '_drafts']);

/** The rules of a folder without a generator: the configured date fields, then the file name, the folders and a URL-like field. */
export function plainRules(dateFields: readonly string[]): PostRules {
  return {
    date: [...dateFields.map((key) => ({ kind: 'field' as const, key })), { kind: 'filename' }, { kind: 'folder' }, { kind: 'url-field', keys: ['path', 'permalink', 'url', 'slug'] }],
    caseInsensitiveKeys: false,
    draftKeys: ['draft'],
    publishedKeys: ['published'],
    futureIsScheduled: true,
    titleFallback: ['heading', 'first-line', 'filename'],
  };
}

/**
 * The plain model of a workspace folder (or of `root` below it). `hasPostFolders`:
 * whether a dated folder exists, so that files outside such folders are pages.
 */
export function plainSite(root: string, dateFields: readonly string[], hasPostFolders: boolean, notes: readonly string[] = []): Site {
  const rules = plainRules(dateFields);
  const prefix = root === '' ? '' : `${root}/`;
  return {
    root,
    generator: 'none',
    notes: [
      'No site generator found: Markdown files are content, except project documents, templates and build output.',
      ...(hasPostFolders ? ['Files in _posts/, posts/, blog/ or news/ folders are posts; other Markdown files are pages.'] : ['Every Markdown file is a post.']),
      ...notes,
    ],
    watchFiles: [],
    classify(path: string): Classification {
      const rel = prefix !== '' && path.startsWith(prefix) ? path.slice(prefix.length) : path;
      if (!MARKDOWN_EXTENSIONS.has(extension(basename(rel)))) return { kind: 'ignored', reason: 'not a Markdown file' };
      const never = neverContent(rel);
      if (never) return { kind: 'ignored', reason: never };
      const parts = rel.split('/');
      const draft = parts.slice(0, -1).some((p) => p === '_drafts');
      const parent = parts.length > 1 ? parts[parts.length - 2].toLowerCase() : '';
      // `blog/index.md` is the blog's own listing page; `blog/2020-trip/index.md` is a post's bundle.
      if (POST_FOLDERS.has(parent) && /^_?index\.[^.]+$/i.test(parts[parts.length - 1])) return { kind: 'page', reason: `page: the listing page of ${parts[parts.length - 2]}/` };
      if (!hasPostFolders) return { kind: 'post', reason: 'Markdown file (no site generator found)' };
      const folder = parts.slice(0, -1).find((p) => POST_FOLDERS.has(p.toLowerCase()));
      if (folder) return draft ? { kind: 'post', reason: `draft: in ${folder}/`, draftByLocation: true } : { kind: 'post', reason: `post: in ${folder}/` };
      return { kind: 'page', reason: 'page: outside the posts folders (_posts/, posts/, blog/, news/)' };
    },
    rules(): PostRules {
      return rules;
    },
  };
}

/** Whether a folder listing shows a dated posts folder at its top level. */
export async function hasPostFolder(files: SiteFiles, root: string): Promise<boolean> {
  const entries = await files.list(root);
  return (entries ?? []).some((e) => e.isDir && POST_FOLDERS.has(e.name.toLowerCase()));
}
