// Which files Jekyll reads as posts, drafts, collection documents or pages,
// and which it ignores (special folders, exclude, no date in a post's name):
// Jekyll's `Reader`, `EntryFilter` and `PostReader`, with the reason shown.

import type { Classification } from '../../types';
import { MARKDOWN_EXTENSIONS, below, extension, joinPath, neverContent } from '../../util';
import { HTML_EXTENSIONS, type CollectionInfo, type SiteSettings } from './config';
import { isSpecialName, matchesAny } from './filter';
import { DATE_NAME } from './permalinks';

/** Folders Jekyll itself uses, named in the author's reason. */
const SPECIAL_FOLDERS: ReadonlyMap<string, string> = new Map([
  ['_layouts', 'layouts'],
  ['_includes', 'includes'],
  ['_data', 'data files'],
  ['_sass', 'Sass partials'],
  ['_plugins', 'plugins'],
  ['_site', 'the built site'],
  ['.jekyll-cache', "Jekyll's cache"],
]);

/**
 * Whether Jekyll reads `text` as having front matter (`Utils.has_yaml_header?`:
 * the first line is `---` and nothing else but spaces). A page, or a document
 * of a collection other than posts, without it is a static file: copied, not
 * built, so neither a page nor a post. Posts and drafts do not need it.
 */
export function jekyllHasFrontMatter(text: string): boolean {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return /^---[ \t\f\v]*\r?\n/.test(text.slice(start, start + 64));
}

/** What `classify` learned of a post, kept for its rules. */
export type Where =
  | { readonly kind: 'post'; readonly dated: boolean }
  | { readonly kind: 'draft' }
  | { readonly kind: 'document'; readonly collection: CollectionInfo }
  | { readonly kind: 'page' };

/** Jekyll's reading of `path`: `learn` is told what it found, for the file's rules. */
export function classifyPath(s: SiteSettings, path: string, learn: (where: Where) => void): Classification {
  const r = below(path, s.source);
  if (r === undefined || r === '') return { kind: 'ignored', reason: `Outside Jekyll's source folder ${s.source || '.'}/ (${s.configLabel})` };
  const parts = r.split('/');
  const name = parts[parts.length - 1];
  const ext = extension(name);
  if (!isContentExtension(s, ext)) return { kind: 'ignored', reason: `Not a Markdown or HTML file Jekyll builds (${s.configLabel})` };
  const dirs = parts.slice(0, -1);

  // _posts/ and _drafts/ below folders Jekyll walks.
  const magic = dirs.findIndex((d) => d === '_posts' || d === '_drafts');
  if (magic !== -1) return classifyPublishable(s, r, parts, magic, learn);

  // A collection's documents: <collections_dir>/_<label>/...
  const cdParts = s.collectionsDir === '' ? [] : s.collectionsDir.split('/');
  if (dirs.length > cdParts.length && cdParts.every((p, i) => dirs[i] === p)) {
    const folder = dirs[cdParts.length];
    const collection = folder.startsWith('_') ? s.collections.get(folder.slice(1)) : undefined;
    if (collection) {
      const inner = parts.slice(cdParts.length + 1);
      if (isSpecialName(inner[0]) || isSpecialName(name) || name.endsWith('~')) return { kind: 'ignored', reason: `Jekyll skips files and folders whose names start with _ . # or ~ (${s.configLabel})` };
      const excluded = excludedBy(s, r);
      if (excluded && !included(s, name)) return { kind: 'ignored', reason: `Excluded by \`exclude: ${excluded}\` in ${s.configLabel}` };
      const never = neverContent(name);
      if (never) return { kind: 'ignored', reason: `Not content: ${never}` };
      learn({ kind: 'document', collection });
      return {
        kind: 'page',
        reason: `Jekyll document of the \`${collection.label}\` collection (${s.configLabel}); without front matter it is a static file`,
        collection: collection.label,
      };
    }
  }

  const walked = walkedReason(s, dirs, dirs.length);
  if (walked) return walked;
  if (isSpecialName(name) && !included(s, name)) return { kind: 'ignored', reason: `Jekyll skips files whose names start with _ . # or ~ (${s.configLabel})` };
  if (name.endsWith('~')) return { kind: 'ignored', reason: `A backup file: Jekyll skips names ending in ~ (${s.configLabel})` };
  const excluded = excludedBy(s, r);
  if (excluded && !included(s, name)) return { kind: 'ignored', reason: `Excluded by \`exclude: ${excluded}\` in ${s.configLabel}` };
  const never = neverContent(name);
  if (never) return { kind: 'ignored', reason: `Not content: ${never}` };
  learn({ kind: 'page' });
  return { kind: 'page', reason: `Jekyll page (${s.configLabel}); without front matter Jekyll copies it as a static file` };
}

function isContentExtension(s: SiteSettings, ext: string): boolean {
  return s.markdownExt.has(ext) || MARKDOWN_EXTENSIONS.has(ext) || HTML_EXTENSIONS.has(ext);
}

function included(s: SiteSettings, name: string): boolean {
  return matchesAny(s.include, name) !== undefined;
}

function excludedBy(s: SiteSettings, pathInSource: string): string | undefined {
  const hit = matchesAny(s.exclude, pathInSource);
  return hit?.text;
}

/** Why Jekyll never walks into the first `count` folders of `dirs`, or undefined when it does. */
function walkedReason(s: SiteSettings, dirs: readonly string[], count: number): Classification | undefined {
  for (let i = 0; i < count; i++) {
    const d = dirs[i];
    const lower = d.toLowerCase();
    if (lower === 'node_modules' || lower === 'vendor') return { kind: 'ignored', reason: `In ${d}/, which holds no posts (${s.configLabel})` };
    if (isSpecialName(d) && !included(s, d)) {
      const what = SPECIAL_FOLDERS.get(d);
      return {
        kind: 'ignored',
        reason: what ? `In ${d}/, Jekyll's folder of ${what} (${s.configLabel})` : `In ${d}/: Jekyll skips folders whose names start with _ . # or ~ unless they are collections (${s.configLabel})`,
      };
    }
    const sub = dirs.slice(0, i + 1).join('/');
    const excluded = excludedBy(s, sub);
    if (excluded && !included(s, d)) return { kind: 'ignored', reason: `In ${sub}/, excluded by \`exclude: ${excluded}\` in ${s.configLabel}` };
  }
  return undefined;
}

function classifyPublishable(s: SiteSettings, r: string, parts: readonly string[], magic: number, learn: (where: Where) => void): Classification {
  const dirs = parts.slice(0, -1);
  const folder = dirs[magic];
  const name = parts[parts.length - 1];
  const walked = walkedReason(s, dirs, magic);
  if (walked) return walked;
  const at = dirs.slice(0, magic).join('/');
  const cd = s.collectionsDir;
  if (cd !== '' && !(`/${at}`.startsWith(`/${cd}`))) {
    return { kind: 'ignored', reason: `In ${joinPath(at, folder)}/, outside \`collections_dir: ${cd}\`: Jekyll does not read it (${s.configLabel})` };
  }
  const inner = parts.slice(magic + 1);
  if (isSpecialName(inner[0]) || isSpecialName(name)) return { kind: 'ignored', reason: `Jekyll skips files and folders whose names start with _ . # or ~ (${s.configLabel})` };
  if (name.endsWith('~')) return { kind: 'ignored', reason: `A backup file: Jekyll skips names ending in ~ (${s.configLabel})` };
  const excluded = excludedBy(s, r);
  if (excluded && !included(s, name)) return { kind: 'ignored', reason: `Excluded by \`exclude: ${excluded}\` in ${s.configLabel}` };
  const never = neverContent(name);
  if (never) return { kind: 'ignored', reason: `Not content: ${never}` };
  const where = at === '' ? `${folder}/` : `${at}/${folder}/`;
  if (folder === '_drafts') {
    learn({ kind: 'draft' });
    return { kind: 'post', reason: `Jekyll draft: in ${where} (${s.configLabel}); built only with --drafts`, draftByLocation: true, collection: 'posts' };
  }
  const m = DATE_NAME.exec(name);
  if (!m) {
    learn({ kind: 'post', dated: false });
    return { kind: 'post', reason: `In ${where}, but Jekyll skips it: its name has no date (YYYY-MM-DD-title${ext(name)}) (${s.configLabel})`, collection: 'posts' };
  }
  learn({ kind: 'post', dated: true });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(`${m[1]}-${m[2]}-${m[3]}`)) {
    return { kind: 'post', reason: `Jekyll post: in ${where} (${s.configLabel}); its name's date ${m[1]}-${m[2]}-${m[3]} is not written YYYY-MM-DD, which Postdesk does not read`, collection: 'posts' };
  }
  return { kind: 'post', reason: `Jekyll post: in ${where} (${s.configLabel})`, collection: 'posts' };
}

function ext(name: string): string {
  const e = extension(name);
  return e === '' ? '' : `.${e}`;
}
