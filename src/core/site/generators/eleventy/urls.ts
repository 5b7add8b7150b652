// Eleventy's output addresses (../eleventy.ts's `url`), as @11ty/eleventy
// 3.1.8 computes them: `page.fileSlug` (a `YYYY-MM-DD-` dropped, `index` →
// its folder), `page.filePathStem`, the `slugify` filter, and the default
// `/<folder>/<file name>/` (`index` and a file named like its folder → the folder).

import type { UrlFacts } from '../../types';
import { basename, below, dirname, joinPath, stem } from '../../util';

const DATE_IN_SLUG = /\d{4}-\d{2}-\d{2}-(.*)/;

/** `page.fileSlug`: the file name without a `YYYY-MM-DD-` and extension; `index` → its folder's name. */
function fileSlug(inInput: string): string {
  const strip = (s: string) => DATE_IN_SLUG.exec(s)?.[1] ?? s;
  const raw = strip(stem(basename(inInput)));
  if (raw !== 'index') return raw;
  const dir = dirname(inInput);
  return dir === '' ? '' : strip(basename(dir));
}

/** `page.filePathStem`: `/<folders>/<file name without date and extension>`. */
function filePathStem(inInput: string): string {
  const raw = DATE_IN_SLUG.exec(stem(basename(inInput)))?.[1] ?? stem(basename(inInput));
  return '/' + joinPath(dirname(inInput), raw);
}

function slugify(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z\d])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const TEMPLATE_TAG = /\{\{-?\s*([\w.]+)\s*(?:\|\s*(\w+)\s*)?-?\}\}/g;

/**
 * Where Eleventy writes a file: its `permalink` (own, else `dataPermalink`
 * from the data cascade; `false` writes nothing) with `page.fileSlug`,
 * `page.filePathStem` and front-matter values filled in, else the default
 * `/<folder>/<file name>/`. Undefined when it writes nothing or the address
 * depends on what cannot be known without running the templates.
 */
export function eleventyUrl(facts: UrlFacts, root: string, input: string, dataPermalink: (path: string) => unknown): string | undefined {
  const path = joinPath(root, facts.path);
  const inInput = below(path, input);
  if (inInput === undefined) return undefined;
  const own = facts.field('permalink');
  const fromData = dataPermalink(path);
  const permalink = own !== undefined && own !== null ? own : fromData;
  if (permalink === false || permalink === null || (typeof permalink === 'string' && /^\s*false\s*$/.test(permalink))) return undefined;
  if (typeof permalink === 'string') {
    let unknown = false;
    let out = permalink.replace(TEMPLATE_TAG, (_all, name: string, filter: string | undefined) => {
      let v: string | undefined;
      if (name === 'page.fileSlug') v = fileSlug(inInput);
      else if (name === 'page.filePathStem') v = filePathStem(inInput);
      else if (!name.includes('.')) {
        const f = facts.field(name);
        v = typeof f === 'string' ? f : typeof f === 'number' ? String(f) : undefined;
      }
      if (v !== undefined && filter !== undefined) v = filter === 'slugify' || filter === 'slug' ? slugify(v) : undefined;
      if (v === undefined) unknown = true;
      return v ?? '';
    });
    if (unknown || /\{\{|\{%/.test(out)) return undefined;
    out = out.trim();
    if (!out.startsWith('/')) out = '/' + out;
    return out.replace(/\/index\.html$/, '/');
  }
  if (permalink !== undefined) return undefined;
  // The default: `/<folder>/<file name>/`, `index` or a file named like its folder → the folder.
  const dir = dirname(inInput);
  const name = stem(basename(inInput));
  const folderUrl = dir === '' ? '/' : `/${dir}/`;
  return name === 'index' || name === basename(dir) ? folderUrl : `${folderUrl}${name}/`;
}
