// Dates as Jekyll's URLs see them: a post's date turned into the site's
// `timezone` (`jekyllWallTime`), and the calendar helpers (day of year, ISO
// week, weekday) the permalink placeholders are filled from.

import type { PostDate } from '../../../types';

/** A front matter date-time without an offset, as YAML reads a timestamp (seconds written). */
const FLOATING_YAML_TIMESTAMP = /^\d{4}-\d{1,2}-\d{1,2}[Tt ]+\d{1,2}:\d{2}:\d{2}(\.\d+)?$/;

// ---------------------------------------------------------------------------
// Dates as Jekyll's URLs see them

export interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function civilOf(date: PostDate): Civil {
  return date.kind === 'date'
    ? { year: date.year, month: date.month, day: date.day, hour: 0, minute: 0, second: 0 }
    : { year: date.year, month: date.month, day: date.day, hour: date.hour, minute: date.minute, second: date.second };
}

function utcMillis(c: Civil): number {
  const t = new Date(0);
  t.setUTCFullYear(c.year, c.month - 1, c.day);
  t.setUTCHours(c.hour, c.minute, c.second, 0);
  return t.getTime();
}

const zoneFormats = new Map<string, Intl.DateTimeFormat | undefined>();

export function zoneFormat(timeZone: string): Intl.DateTimeFormat | undefined {
  if (!zoneFormats.has(timeZone)) {
    let format: Intl.DateTimeFormat | undefined;
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch {
      format = undefined;
    }
    zoneFormats.set(timeZone, format);
  }
  return zoneFormats.get(timeZone);
}

function inZone(millis: number, timeZone: string): Civil | undefined {
  const format = zoneFormat(timeZone);
  if (!format) return undefined;
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(millis))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour % 24, minute: parts.minute, second: parts.second };
}

/**
 * The wall time Jekyll formats a post's URL with: Jekyll turns every date into
 * the site's `timezone` (`Utils.parse_date` → `Time#localtime`). A date-time
 * with an offset is an instant; YAML reads an unquoted date-time without one
 * (seconds written) as UTC. A date alone is midnight in the site's zone. With
 * no `timezone` set Jekyll uses the build machine's zone, which is not known
 * here: the date is taken as written.
 */
export function jekyllWallTime(date: PostDate, timeZone: string | undefined, rawValue?: unknown): Civil {
  const civil = civilOf(date);
  if (!timeZone || date.kind === 'date') return civil;
  let millis: number | undefined;
  if (date.offsetMinutes !== undefined) millis = utcMillis(civil) - date.offsetMinutes * 60000;
  else if (typeof rawValue === 'string' && FLOATING_YAML_TIMESTAMP.test(rawValue.trim())) millis = utcMillis(civil);
  if (millis === undefined) return civil;
  return inZone(millis, timeZone) ?? civil;
}

export function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function weekday(c: Civil): number {
  const t = new Date(0);
  t.setUTCFullYear(c.year, c.month - 1, c.day);
  return t.getUTCDay();
}

export function dayOfYear(c: Civil): number {
  const t = new Date(0);
  t.setUTCFullYear(c.year, c.month - 1, c.day);
  const start = new Date(0);
  start.setUTCFullYear(c.year, 0, 1);
  return Math.round((t.getTime() - start.getTime()) / 86400000) + 1;
}

/** ISO 8601 week number and week-numbering year (`%V`, `%G`). */
export function isoWeek(c: Civil): { week: number; year: number } {
  const t = new Date(0);
  t.setUTCFullYear(c.year, c.month - 1, c.day);
  const dow = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - dow);
  const year = t.getUTCFullYear();
  const start = new Date(0);
  start.setUTCFullYear(year, 0, 1);
  return { week: Math.ceil(((t.getTime() - start.getTime()) / 86400000 + 1) / 7), year };
}
