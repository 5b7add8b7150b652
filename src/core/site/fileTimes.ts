// A file's own times (modified, created, its last and first commit) as the
// dates a generator takes from them. The engine cannot read a disk or run
// git: its caller supplies what it knows (`withFileTimes`), and a source whose
// time was not supplied stays "unavailable", never guessed.

import { parseDate } from '../dates';
import type { PostDate } from '../types';
import type { SiteContext } from './facts';
import type { DateSourceSpec, FileTimeSource, PostRules } from './types';
import { zoneFormat } from './generators/jekyll/dates';

/** What the caller knows of one file's times; a missing field is a time it could not learn. */
export interface FileTimes {
  /** Last modification (`mtime`), milliseconds since the epoch. */
  readonly modifiedMs?: number;
  /** Last status change (`ctime`: a write, but also a chmod or a rename): Eleventy's `Last Modified`. */
  readonly changedMs?: number;
  /** Creation (`birthtime`), where the platform and file system record it. */
  readonly createdMs?: number;
  /** The author date of the last commit that touched the file, as git writes it (ISO 8601 with the author's offset). */
  readonly gitLast?: string;
  /** The author date of the first commit that has the file. */
  readonly gitFirst?: string;
  /** Why the commit dates are missing ("git is not available", "not in a git repository", "not committed yet"). */
  readonly gitMissing?: string;
}

/** The context with the file's times, for the date sources that read them. */
export function withFileTimes(context: SiteContext, times: FileTimes): SiteContext {
  return { ...context, fileTimes: times };
}

/** How each source is named when it cannot be read, in the generators' own words. */
const SOURCE_NAMES: Readonly<Record<FileTimeSource, string>> = {
  'file-mod-time': ':fileModTime',
  'file-created': 'file creation time',
  git: ':git',
  'git-created': 'first commit',
};

/** Which file times the rules may ask for, so that a caller stats or runs git only when a date could come from them. */
export interface WantedTimes {
  readonly stat: boolean;
  readonly git: boolean;
  /**
   * Git is asked for only by a front matter keyword (Eleventy's `date: git
   * Last Modified`): a caller may look for the keyword in the file before it
   * walks the repository's history.
   */
  readonly gitOnlyByKeyword: boolean;
}

export function fileTimesWanted(rules: PostRules): WantedTimes {
  let stat = false;
  let gitBySpec = false;
  let gitByKeyword = false;
  const visit = (specs: readonly DateSourceSpec[] | undefined): void => {
    for (const spec of specs ?? []) {
      const keyword = spec.kind === 'field';
      const sources: readonly FileTimeSource[] = spec.kind === 'field' ? Object.values(spec.keywords ?? {}) : spec.kind === 'file-mod-time' || spec.kind === 'file-created' || spec.kind === 'git' || spec.kind === 'git-created' ? [spec.kind] : [];
      for (const s of sources) {
        if (s !== 'git' && s !== 'git-created') stat = true;
        else if (keyword) gitByKeyword = true;
        else gitBySpec = true;
      }
    }
  };
  visit(rules.date);
  visit(rules.publishDate);
  visit(rules.expiryDate);
  return { stat, git: gitBySpec || gitByKeyword, gitOnlyByKeyword: gitByKeyword && !gitBySpec };
}

/** A date keyword that asks git (`git Last Modified`, `git Created`) in the first lines of a file, as a caller's quick test before it runs git. */
export const GIT_KEYWORD_LINE = /^[ \t]*["']?date["']?[ \t]*:[ \t]*["']?git[ \t]+(?:last[ \t]+modified|created)\b/im;

/** An instant as the wall time of `timeZone`, or of the local zone when none (or an unknown one) is given. */
export function instantDate(ms: number, timeZone: string | undefined): PostDate | undefined {
  if (!Number.isFinite(ms)) return undefined;
  const format = timeZone ? zoneFormat(timeZone) : undefined;
  if (format) {
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(new Date(ms))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
    const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
    const offsetMinutes = Math.round((wall - Math.floor(ms / 1000) * 1000) / 60000);
    return { kind: 'datetime', year: parts.year, month: parts.month, day: parts.day, hour: parts.hour % 24, minute: parts.minute, second: parts.second, offsetMinutes };
  }
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return undefined;
  return { kind: 'datetime', year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hour: d.getHours(), minute: d.getMinutes(), second: d.getSeconds(), offsetMinutes: -d.getTimezoneOffset() };
}

/** The date a file time gives, or the source's name and why there is none (no reason: no times were supplied at all). */
export function fileTimeDate(times: FileTimes | undefined, source: FileTimeSource, rules: PostRules): { readonly date: PostDate } | { readonly missing: string; readonly why?: string } {
  const name = SOURCE_NAMES[source];
  if (!times) return { missing: name };
  if (source === 'git' || source === 'git-created') {
    const written = source === 'git' ? times.gitLast : times.gitFirst;
    const date = written !== undefined ? parseDate(written) : undefined;
    if (date) return { date };
    return { missing: name, why: times.gitMissing ?? 'not committed yet' };
  }
  const ms = source === 'file-created' ? times.createdMs : rules.modifiedIsChangeTime ? times.changedMs : times.modifiedMs;
  const date = ms !== undefined ? instantDate(ms, rules.fileTimeZone) : undefined;
  return date ? { date } : { missing: name, why: 'not recorded for this file' };
}
