// Hugo's page dates: the `[frontmatter]` date source lists as the engine's
// date sources (`:default` and the key aliases expanded), what Hugo takes for
// a date value, and the weekday and day-of-year the permalink tokens need.

import type { DateSourceSpec } from '../../types';
import { stringArray } from '../../util';
import { parseDate } from '../../../dates';

/** Front matter date keys Hugo reads by default, with their aliases (pagemeta: dateFieldAliases). */
const DATE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  date: [],
  lastmod: ['modified'],
  publishdate: ['pubdate', 'published'],
  expirydate: ['unpublishdate'],
};
const DEFAULT_DATE_KEYS: Readonly<Record<'date' | 'publishdate' | 'expirydate' | 'lastmod', readonly string[]>> = {
  date: ['date', 'publishdate', 'lastmod'],
  publishdate: ['publishdate', 'date'],
  expirydate: ['expirydate'],
  lastmod: [':git', 'lastmod', 'date', 'publishdate'],
};

/**
 * A `[frontmatter]` list as the engine's date sources, with Hugo's `:default`
 * and aliases expanded. `:git` is the author date of the file's last commit
 * (Hugo 0.111 pagemeta: `GitAuthorDate`), set only with `enableGitInfo`:
 * without it the source gives nothing and Hugo goes on to the next.
 */
export function dateSources(configured: unknown, which: keyof typeof DEFAULT_DATE_KEYS, fileSources: Set<string>, gitInfo: boolean): { specs: DateSourceSpec[]; names: string[] } {
  const written = stringArray(configured);
  const names: string[] = [];
  const add = (key: string): void => {
    const k = key.trim().toLowerCase();
    if (k === '') return;
    if (k === ':default') {
      for (const d of DEFAULT_DATE_KEYS[which]) add(d);
      return;
    }
    if (!names.includes(k)) names.push(k);
    for (const alias of DATE_ALIASES[k] ?? []) if (!names.includes(alias)) names.push(alias);
  };
  for (const key of written && written.length > 0 ? written : [':default']) add(key);
  const specs: DateSourceSpec[] = [];
  for (const name of names) {
    if (name === ':filename') specs.push({ kind: 'filename', separators: '-_ ' });
    else if (name === ':filemodtime') {
      specs.push({ kind: 'file-mod-time' });
      fileSources.add(':fileModTime');
    } else if (name === ':git') {
      if (gitInfo) specs.push({ kind: 'git' });
      fileSources.add(':git');
    } else if (!name.startsWith(':')) specs.push({ kind: 'field', key: name });
  }
  return { specs, names };
}

/** A front matter value Hugo reads as a date (the handler that stops the chain). */
export function isDateValue(v: unknown): boolean {
  if (v instanceof Date) return !Number.isNaN(v.getTime());
  return typeof v === 'string' && parseDate(v) !== undefined;
}

export function weekday(year: number, month: number, day: number): number {
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day);
  return t.getUTCDay();
}

export function yearDay(year: number, month: number, day: number): number {
  const start = new Date(0);
  start.setUTCFullYear(year, 0, 1);
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day);
  return Math.round((t.getTime() - start.getTime()) / 86_400_000) + 1;
}
