// Hugo's static folders: what it serves at the site root, for the preview's
// root-relative images (#17).
//
// Followed: the Hugo documentation (gohugo.io, content-management/static-files
// and hugo-modules/configuration: `staticDir`, `staticDir0`…`staticDir10`, a
// mount with target `static` replacing the default `static/`, a theme's own
// `static/` below the project's) and hugo v0.111.3 (Debian's), checked here:
// in the union of several static folders the one listed LAST wins a file both
// have (`staticDir = ["s1", "s2"]` serves s2's `x.png`; `staticDir2` wins over
// `staticDir`; of two mounts the later one). `SiteRef.staticDirs` is first
// match wins, so the list is returned reversed.

import type { ConfigData } from '../../util';
import { joinPath, stringArray, stringValue, table } from '../../util';
import { siteFolder } from '../resources';
import { isTable } from './config';

/** The folders (relative to the workspace folder) Hugo serves at the site root, first match wins. */
export function hugoStaticDirs(data: ConfigData, root: string, notes: string[]): string[] {
  const listed: string[] = [];
  const outside: string[] = [];
  const add = (dir: string): void => {
    const folder = siteFolder(root, dir);
    if (folder === undefined) outside.push(dir);
    else listed.push(folder);
  };

  const mounts = table(data, 'module')?.['mounts'];
  const staticMounts = Array.isArray(mounts) ? mounts.filter((m): m is ConfigData => isTable(m) && joinPath(stringValue(m['target']) ?? '') === 'static') : [];
  const below = Array.isArray(mounts) ? mounts.filter((m) => isTable(m) && /^static\/./.test(joinPath(stringValue(m['target']) ?? ''))).length : 0;
  if (staticMounts.length > 0) {
    // A mount targeting static replaces the default static/ (and staticDir, which Hugo turns into such mounts).
    for (const m of staticMounts) add(stringValue(m['source']) ?? '');
  } else {
    const own = stringArray(data['staticdir']) ?? ['static'];
    for (const dir of own) add(dir);
    for (let i = 0; i <= 10; i++) for (const dir of stringArray(data[`staticdir${i}`]) ?? []) add(dir);
  }
  if (below > 0) notes.push(`${below} module mount${below > 1 ? 's' : ''} below static/ (a sub-folder of the site root) not read for root-relative images.`);
  if (outside.length > 0) notes.push(`static folder${outside.length > 1 ? 's' : ''} outside the site not read: ${outside.join(', ')}.`);

  const languages = table(data, 'languages');
  const perLanguage = languages ? Object.keys(languages).filter((code) => Object.keys(table(languages, code) ?? {}).some((k) => /^staticdir\d*$/.test(k))) : [];
  if (perLanguage.length > 0) notes.push(`per-language staticDir (${perLanguage.join(', ')}) is not modelled: root-relative images are looked up in the site's static folders.`);

  // The project's folders win over its themes', and the first theme over the next (Hugo's theme precedence).
  const themesDir = stringValue(data['themesdir'])?.trim() || 'themes';
  const themes = stringArray(data['theme']) ?? [];
  const themeDirs: string[] = [];
  for (const theme of themes) {
    const folder = siteFolder(root, joinPath(themesDir, theme, 'static'));
    if (folder !== undefined) themeDirs.push(folder);
  }
  return [...new Set([...listed.reverse(), ...themeDirs])];
}
