// Where a root-relative address of a post (`/images/x.png`,
// `/blog/assets/x.png` on a site served under `/blog`) lives in the
// workspace (#17): the site's base URL path taken off, then the site's static
// folders (`SiteRef.staticDirs`) in order, first match wins. Pure: the
// editor (src/preview/siteResources.ts) checks which candidate exists.

import type { SiteRef } from '../site/types';
import { joinPath } from '../site/util';
import { classifyUrl } from './urls';

/** The path part of a site's base URL without its trailing slash: `https://x.org/blog/` → `/blog`, `/docs` → `/docs`, none → ''. */
export function basePathOf(baseUrl: string | undefined): string {
  if (baseUrl === undefined) return '';
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(baseUrl.trim());
  const path = m ? (m[1] ?? '') : baseUrl.trim().split(/[?#]/, 1)[0] ?? '';
  if (!path.startsWith('/')) return '';
  return path.replace(/\/+$/, '');
}

/** `a/./b/../c` → `a/c`; undefined when `..` climbs above the start. */
function normalise(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/** Generators that do not copy files or folders whose names start with `_` or `.` from their static folder (Jekyll's source, Hexo's source/). */
const SKIPS_UNDERSCORE = new Set(['jekyll', 'hexo']);

/**
 * The files (relative to the workspace folder) a root-relative `href` of a
 * post on `site` may name, in the order the site serves them: undefined when
 * the address is not root-relative or the site has no static folders (then
 * it is resolved as before, against the post's folder or the workspace
 * folder); an empty list when it names nothing that can be served (it leaves
 * the site root, names a folder, or a file the generator does not copy).
 * The query and fragment are never part of the lookup.
 */
export function staticCandidates(href: string, site: Pick<SiteRef, 'generator' | 'baseUrl' | 'staticDirs'> | undefined): string[] | undefined {
  const dirs = site?.staticDirs;
  if (dirs === undefined || dirs.length === 0) return undefined;
  const url = classifyUrl(href);
  if (url.kind !== 'relative' || !url.path.startsWith('/')) return undefined;
  const path = url.path;
  // A browser reads `\` as `/`; a decoded control character names no file: neither is looked up.
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(path)) return [];
  const base = basePathOf(site?.baseUrl);
  // With the base path (as the site's pages write it) and without it (as an author often does): both are the site's.
  const forms = base !== '' && (path === base || path.startsWith(`${base}/`)) ? [path.slice(base.length), path] : [path];
  const out: string[] = [];
  for (const form of forms) {
    if (form.endsWith('/')) continue;
    const rest = normalise(form);
    if (rest === undefined) return [];
    if (rest === '') continue;
    if (SKIPS_UNDERSCORE.has(site?.generator ?? '') && rest.split('/').some((p) => p.startsWith('_') || p.startsWith('.'))) continue;
    for (const dir of dirs) {
      const candidate = joinPath(dir, rest);
      if (!out.includes(candidate)) out.push(candidate);
    }
  }
  return out;
}

/** A Hugo leaf bundle's content file: `index.md`, or a translation such as `index.fr.md` (any of Hugo's content formats). */
const HUGO_BUNDLE_INDEX = /(?:^|\/)index(?:\.[A-Za-z][A-Za-z0-9_-]*)?\.(?:md|markdown|mdown|html|htm|adoc|asciidoc|ad|pandoc|pdc|rst|org)$/i;

/**
 * Whether the post at `path` is the content file of a page bundle whose files
 * the preview's header reads (a Hugo leaf bundle: the files beside and below
 * its `index.md` are its resources, and its cover may be one of them). The
 * editor then lists that folder and passes the files in as
 * `RenderOptions.bundleResources`.
 */
export function isBundleIndex(path: string, site: Pick<SiteRef, 'generator'> | undefined): boolean {
  return site?.generator === 'hugo' && HUGO_BUNDLE_INDEX.test(path);
}
