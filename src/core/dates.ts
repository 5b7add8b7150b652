// The calendar-date model. A date-only value is three numbers, never an
// instant, so `2020-11-06` is November 6 in every time zone; a date-time keeps
// the offset its author wrote (or none, for a floating local time).

import type { PostDate, Span } from './types';

type DateOnly = Extract<PostDate, { kind: 'date' }>;
type DateTime = Extract<PostDate, { kind: 'datetime' }>;

const MONTHS: Readonly<Record<string, number>> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10,
  november: 11, nov: 11, december: 12, dec: 12,
};

const WEEKDAYS: readonly string[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function makeDate(year: number, month: number, day: number): DateOnly | undefined {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return undefined;
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { kind: 'date', year, month, day };
}

function makeDateTime(
  date: DateOnly,
  hour: number,
  minute: number,
  second: number,
  offsetMinutes: number | undefined,
): DateTime | undefined {
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const { year, month, day } = date;
  // Two literals rather than a spread: a spread copy cost 2 µs a date, a visible share of checking 10,000 posts.
  return offsetMinutes === undefined
    ? { kind: 'datetime', year, month, day, hour, minute, second }
    : { kind: 'datetime', year, month, day, hour, minute, second, offsetMinutes };
}

/** Parses `Z`, `+05:00`, `+0500`, `+05`; undefined when absent, null when malformed or out of range. */
function parseOffset(text: string | undefined): number | undefined | null {
  if (text === undefined || text === '') return undefined;
  if (text === 'Z' || text === 'z') return 0;
  const m = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(text);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = m[3] === undefined ? 0 : Number(m[3]);
  // Real offsets run from -12:00 to +14:00.
  if (minutes > 59 || hours > 14) return null;
  const total = hours * 60 + minutes;
  return m[1] === '-' ? -total : total;
}

// ISO 8601 / RFC 3339 / TOML / YAML timestamp, plus Jekyll's `2020-11-06 10:00:00 -0500`.
const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:(?:[Tt]|[ \t]+)(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:[ \t]*(Z|z|[+-]\d{2}(?::?\d{2})?))?)?$/;
// `November 6, 2020`, `Nov 6, 2020`, `Nov. 6 2020`
const MDY_RE = /^([A-Za-z]+)\.?[ \t]+(\d{1,2}),?[ \t]+(\d{4})$/;
// `6 November 2020`, `06 Nov 2020`
const DMY_RE = /^(\d{1,2})[ \t]+([A-Za-z]+)\.?,?[ \t]+(\d{4})$/;

function monthNumber(name: string): number | undefined {
  return MONTHS[name.toLowerCase()];
}

/**
 * Parses the date formats authors actually write. Returns undefined for
 * anything impossible (2020-02-30) or garbled, rather than guessing.
 */
export function parseDate(text: string): PostDate | undefined {
  const s = text.trim();
  if (s.length === 0 || s.length > 64) return undefined;
  let m = ISO_RE.exec(s);
  if (m) {
    const date = makeDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (!date) return undefined;
    if (m[4] === undefined) return date;
    const offset = parseOffset(m[7]);
    if (offset === null) return undefined;
    return makeDateTime(date, Number(m[4]), Number(m[5]), m[6] === undefined ? 0 : Number(m[6]), offset);
  }
  m = MDY_RE.exec(s);
  if (m) {
    const month = monthNumber(m[1]);
    return month === undefined ? undefined : makeDate(Number(m[3]), month, Number(m[2]));
  }
  m = DMY_RE.exec(s);
  if (m) {
    const month = monthNumber(m[2]);
    return month === undefined ? undefined : makeDate(Number(m[3]), month, Number(m[1]));
  }
  return undefined;
}

function weekdayOf(d: { year: number; month: number; day: number }): number {
  const t = new Date(0);
  t.setUTCFullYear(d.year, d.month - 1, d.day);
  return t.getUTCDay();
}

/**
 * The normalised text for a date value that `parseDate` rejects but whose
 * intended date is still unambiguous (for the invalid-date quick fix), or
 * undefined when any reading would be a guess.
 */
export function normalizeDateText(text: string): string | undefined {
  const direct = parseDate(text);
  if (direct) return formatIsoDate(direct);
  let s = text.trim().replace(/\s+/g, ' ');
  if (s.length === 0 || s.length > 64) return undefined;

  // A leading weekday is redundant when it agrees with the date, and a
  // contradiction (so a guess) when it does not.
  const wd = /^([A-Za-z]+)\.?,? (.*)$/.exec(s);
  let expectedWeekday: number | undefined;
  if (wd) {
    const name = wd[1].toLowerCase();
    const index = WEEKDAYS.findIndex((w) => w === name || (name.length >= 3 && w.startsWith(name)));
    if (index !== -1) {
      expectedWeekday = index;
      s = wd[2];
    }
  }
  // Ordinal suffixes: `November 6th, 2020`, `6th of November 2020`.
  s = s.replace(/\b(\d{1,2})(?:st|nd|rd|th)\b/gi, '$1').replace(/^(\d{1,2}) of /i, '$1 ');

  const result = normalizeCore(s);
  if (!result) return undefined;
  if (expectedWeekday !== undefined && weekdayOf(result) !== expectedWeekday) return undefined;
  return formatIsoDate(result);
}

function normalizeCore(s: string): PostDate | undefined {
  const parsed = parseDate(s);
  if (parsed) return parsed;
  // Year first with other separators or unpadded fields: 2020/11/06, 2020.11.6, 2020-11-6.
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?(Z|[+-]\d{2}(?::?\d{2})?))?)?$/.exec(s);
  if (m) {
    const date = makeDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (!date || m[4] === undefined) return date;
    const offset = parseOffset(m[7]);
    if (offset === null) return undefined;
    return makeDateTime(date, Number(m[4]), Number(m[5]), m[6] === undefined ? 0 : Number(m[6]), offset);
  }
  // Day and month in either order (11/06/2020): only when one reading is impossible or both agree.
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const year = Number(m[3]);
    const mdy = makeDate(year, a, b);
    const dmy = makeDate(year, b, a);
    if (mdy && dmy) return a === b ? mdy : undefined;
    return mdy ?? dmy;
  }
  // Month names with other punctuation: `Nov 6 2020`, `06-Nov-2020`.
  m = /^(\d{1,2})[ -]([A-Za-z]+)\.?[ -](\d{4})$/.exec(s) ;
  if (m) {
    const month = monthNumber(m[2]);
    return month === undefined ? undefined : makeDate(Number(m[3]), month, Number(m[1]));
  }
  // Jekyll sites generated from `date` output sometimes repeat the year after
  // the time (`2023-01-29 18:30:22 2023 -0800`). When the repeated year is the
  // same as the date's own year the token carries no information, so dropping
  // it cannot change the meaning; a different year is a contradiction.
  m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}:\d{2}(?::\d{2})?) (\d{4}) ([+-]\d{2}:?\d{2}|Z)$/.exec(s);
  if (m && m[5] === m[1]) return parseDate(`${m[1]}-${m[2]}-${m[3]} ${m[4]} ${m[6]}`);
  return undefined;
}

// ---------------------------------------------------------------------------
// File names

export interface FileNameDate {
  readonly date: PostDate;
  /** Where the date prefix sits inside the path string. */
  readonly span?: Span;
}

const BUNDLE_INDEX = /^_?index\.(md|mdx|markdown)$/i;

/**
 * The `YYYY-MM-DD-` prefix of a file name (Jekyll) or, for a page bundle's
 * `index.md`/`_index.md`, of its folder name (Hugo).
 */
export function dateFromFileName(path: string): FileNameDate | undefined {
  // Only the last two names are looked at: no split of the whole path.
  let end = path.length;
  let start = lastSeparator(path, end) + 1;
  if (start > 0 && BUNDLE_INDEX.test(path.slice(start))) {
    end = start - 1;
    start = lastSeparator(path, end) + 1;
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})-/.exec(path.slice(start, end));
  if (!m) return undefined;
  const date = makeDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (!date) return undefined;
  return { date, span: { start, end: start + 10 } };
}

/** The index of the last `/` or `\\` before `end`, or -1. */
function lastSeparator(path: string, end: number): number {
  for (let i = end - 1; i >= 0; i--) {
    const c = path.charCodeAt(i);
    if (c === 0x2f || c === 0x5c) return i;
  }
  return -1;
}

// ---------------------------------------------------------------------------
// Formatting

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, '0');
}

/** `YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm:ss±HH:MM` keeping the author's offset (none for a floating time). */
export function formatIsoDate(d: PostDate): string {
  const date = `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
  if (d.kind === 'date') return date;
  const time = `${pad(d.hour)}:${pad(d.minute)}:${pad(d.second)}`;
  if (d.offsetMinutes === undefined) return `${date}T${time}`;
  const sign = d.offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(d.offsetMinutes);
  return `${date}T${time}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

// Formatters are costly to build and a tree of thousands of posts formats
// thousands of dates; keep one per locale and style.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, weekday: boolean): Intl.DateTimeFormat {
  const key = `${locale}\u0000${weekday ? 'long' : 'short'}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' };
    if (weekday) options.weekday = 'long';
    try {
      f = new Intl.DateTimeFormat(locale, options);
    } catch {
      // An unknown display language must not break the view.
      f = new Intl.DateTimeFormat('en-US', options);
    }
    if (formatters.size > 64) formatters.clear();
    formatters.set(key, f);
  }
  return f;
}

function calendarInstant(d: PostDate): Date {
  // The calendar fields as a UTC instant, formatted in UTC: the local zone can never move the day.
  const t = new Date(0);
  t.setUTCFullYear(d.year, d.month - 1, d.day);
  return t;
}

/** "November 6, 2020" (the author's own calendar day, in the display language). */
export function formatDisplayDate(d: PostDate, locale = 'en-US'): string {
  return formatter(locale, false).format(calendarInstant(d));
}

/** "Friday, November 6, 2020". */
export function formatLongDisplayDate(d: PostDate, locale = 'en-US'): string {
  return formatter(locale, true).format(calendarInstant(d));
}

// ---------------------------------------------------------------------------
// Comparison

function dayKey(d: PostDate): number {
  return d.year * 10000 + d.month * 100 + d.day;
}

function secondsOfDay(d: PostDate): number {
  return d.kind === 'date' ? -1 : d.hour * 3600 + d.minute * 60 + d.second;
}

/** Milliseconds since the epoch for a date-time with an offset. */
export function instantOf(d: PostDate): number | undefined {
  if (d.kind !== 'datetime' || d.offsetMinutes === undefined) return undefined;
  const t = new Date(0);
  t.setUTCFullYear(d.year, d.month - 1, d.day);
  t.setUTCHours(d.hour, d.minute, d.second, 0);
  return t.getTime() - d.offsetMinutes * 60000;
}

/**
 * Orders dates oldest first. Two date-times with offsets compare as instants;
 * otherwise the author's calendar day decides, then the time of day (a
 * date-only value counts as the start of its day).
 */
export function comparePostDates(a: PostDate, b: PostDate): number {
  const ia = instantOf(a);
  const ib = instantOf(b);
  if (ia !== undefined && ib !== undefined) return ia - ib;
  const byDay = dayKey(a) - dayKey(b);
  if (byDay !== 0) return byDay;
  return secondsOfDay(a) - secondsOfDay(b);
}

/** The local calendar day of `now` (the machine's time zone). */
export function todayLocal(now: Date = new Date()): PostDate {
  return { kind: 'date', year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

/**
 * Whether a post dated `d` is still to come: a date-only value after today's
 * local date, a date-time after `now` (a floating time read in the local zone).
 */
export function isFuture(d: PostDate, now: Date = new Date()): boolean {
  if (d.kind === 'date') return dayKey(d) > dayKey(todayLocal(now));
  const instant = instantOf(d);
  if (instant !== undefined) return instant > now.getTime();
  const local = new Date(now.getTime());
  local.setFullYear(d.year, d.month - 1, d.day);
  local.setHours(d.hour, d.minute, d.second, 0);
  return local.getTime() > now.getTime();
}

/**
 * A number that orders dates as instants: a date-only value counts as the
 * start of its calendar day, a date-time with an offset as its UTC instant, a
 * floating time as if written in UTC. Computed once per post, so sorting
 * 100,000 posts compares numbers rather than date objects.
 */
export function dateSortKey(date: PostDate): number {
  const days = daysFromCivil(date.year, date.month, date.day);
  if (date.kind === 'date') return days * 86400;
  return days * 86400 + date.hour * 3600 + date.minute * 60 + date.second - (date.offsetMinutes ?? 0) * 60;
}

/** Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm); no Date, no zone. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
