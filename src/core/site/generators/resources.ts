// What every generator model shares about a site's resources (#17): the
// folders it serves at the site root (`SiteRef.staticDirs`), author profiles
// read from a data file (`SiteRef.authorProfiles`).

import type { AuthorProfile, SiteFiles } from '../types';
import { extension, joinPath, parseConfigFile, stringValue } from '../util';

/** The note `postdesk site` prints for the static folders, or none when there are none. */
export function staticDirsNote(dirs: readonly string[]): string | undefined {
  if (dirs.length === 0) return undefined;
  const list = dirs.map((d) => `${d || '.'}/`).join(', ');
  return `Static folders (served at the site root; a root-relative image is looked up ${dirs.length > 1 ? 'in them in this order' : 'there'}): ${list}.`;
}

/** A site-relative folder joined onto the site root, or undefined when it leaves the root (absolute, `..`, a URL). */
export function siteFolder(root: string, dir: string): string | undefined {
  const d = dir.trim().replace(/^\.\//, '').replace(/\/+$/, '');
  if (d === '' || d === '.') return root;
  if (d.startsWith('/') || /^[A-Za-z]:/.test(d) || /^[a-z][a-z0-9+.-]*:/i.test(d) || d.split('/').includes('..')) return undefined;
  return joinPath(root, d);
}

/**
 * Docusaurus' authors map (`authors.yml` or `.json`, Docusaurus 3.x blog
 * docs, "authors"): a table of keys to `{ name, title, url, image_url }`
 * (`imageURL` also accepted, as the plugin's own validation does). Entries
 * without a name keep their key as the name; anything not a table is skipped.
 */
export async function readAuthorsMap(files: SiteFiles, path: string): Promise<Record<string, AuthorProfile> | undefined> {
  const text = await files.readText(path);
  if (text === undefined) return undefined;
  const ext = extension(path);
  const data = parseConfigFile(ext === 'json' ? 'authors.json' : 'authors.yml', text).data;
  if (!data) return undefined;
  const out = Object.create(null) as Record<string, AuthorProfile>;
  for (const [key, value] of Object.entries(data)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const entry = value as Record<string, unknown>;
    const name = stringValue(entry['name'])?.trim() || key;
    const title = stringValue(entry['title'])?.trim();
    const url = stringValue(entry['url'])?.trim();
    const imageUrl = (stringValue(entry['image_url']) ?? stringValue(entry['imageURL']))?.trim();
    out[key] = { name, ...(title ? { title } : {}), ...(url ? { url } : {}), ...(imageUrl ? { imageUrl } : {}) };
  }
  return out;
}
