// A file's own times for the site model's date sources (Hugo `:fileModTime`
// and `:git`, Jekyll drafts, Eleventy `Last Modified` / `Created` / `git ...`):
// its modification and creation time from the file system, and the author
// dates of its last and first commit from ONE `git log` pass over the whole
// repository, cached per repository and HEAD.
//
// git runs on the author's repository, so nothing in that repository's own
// config may run a program: no pager, no fsmonitor, no signature check (it
// would run gpg.program), no external diff or textconv, no system config, no
// optional locks, no prompt. `git log` runs no hooks. The editor must not ask
// in an untrusted workspace: `workspaceTrusted: false` answers "not trusted"
// without starting git.

import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileTimes } from '../core/site/fileTimes';

/** The dates git gives one file: its last and first commit's author dates, ISO 8601 with the author's offset. */
export interface GitFileDates {
  readonly last: string;
  readonly first: string;
}

/** Every committed file's dates in one repository, by path relative to its top folder (POSIX). */
export interface RepoDates {
  readonly root: string;
  readonly head: string;
  readonly byPath: ReadonlyMap<string, GitFileDates>;
}

/** Why a repository's dates could not be had. */
export interface GitMissing {
  readonly missing: string;
}

export interface GitOptions {
  /** False in an untrusted editor workspace: git is then not started at all. */
  readonly workspaceTrusted: boolean;
  /** The git program (tests point it at a missing one); `git` on the PATH by default. */
  readonly gitPath?: string;
}

const GIT_TIMEOUT_MS = 120_000;
const MAX_LOG_BYTES = 1024 * 1024 * 1024;

/** Options before the subcommand that switch off everything a repository's config could make git run. */
const HARDENED = [
  '--no-pager',
  '-c', 'core.fsmonitor=false',
  '-c', 'core.untrackedCache=false',
  '-c', 'log.showSignature=false',
  '-c', 'diff.external=',
  '-c', 'core.quotePath=false',
  '-c', 'core.hooksPath=/dev/null',
];

/** The environment git runs in: none of the caller's GIT_* variables (a GIT_DIR would point it elsewhere), no system config, no locks, no prompts. */
export function gitEnvironment(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) if (!k.startsWith('GIT_')) env[k] = v;
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', PAGER: 'cat', GIT_NO_REPLACE_OBJECTS: '1', LC_ALL: 'C' };
}

const REV_PARSE = ['rev-parse', '--show-toplevel', 'HEAD'];
// %x1e starts each commit; -z ends its header and each name with a NUL.
const LOG = ['log', '--no-merges', '--no-renames', '--no-ext-diff', '--no-textconv', '--no-color', '--no-show-signature', '-z', '--name-only', '--format=%x1e%aI', '--'];

/** The newest commit that names a path is its last; the oldest its first. */
export function parseGitLog(output: string): Map<string, GitFileDates> {
  const byPath = new Map<string, { last: string; first: string }>();
  for (const record of output.split('\x1e')) {
    if (record === '') continue;
    const [date, ...names] = record.split('\0');
    if (!date) continue;
    for (let name of names) {
      name = name.replace(/^\n/, '');
      if (name === '') continue;
      const seen = byPath.get(name);
      if (seen) seen.first = date;
      else byPath.set(name, { last: date, first: date });
    }
  }
  return byPath;
}

function missingFrom(error: unknown, stderr: string): GitMissing {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return { missing: 'git is not available' };
  if (/not a git repository/i.test(stderr)) return { missing: 'not in a git repository' };
  if (/unknown revision|ambiguous argument 'HEAD'|bad revision/i.test(stderr)) return { missing: 'no commits yet' };
  if (/dubious ownership/i.test(stderr)) return { missing: 'git refuses this repository (it belongs to another user)' };
  const first = stderr.trim().split('\n')[0];
  return { missing: `git failed${first ? `: ${first}` : ''}` };
}

const cache = new Map<string, RepoDates>();

function remember(root: string, head: string, output: string): RepoDates {
  const dates = { root, head, byPath: parseGitLog(output) };
  cache.set(root, dates);
  return dates;
}

function topAndHead(stdout: string): { root: string; head: string } | undefined {
  const [root, head] = stdout.trim().split('\n');
  return root && head ? { root, head } : undefined;
}

/** The dates of every committed file in the repository holding `dir`. */
export async function gitRepoDates(dir: string, options: GitOptions): Promise<RepoDates | GitMissing> {
  if (!options.workspaceTrusted) return { missing: 'the workspace is not trusted' };
  const git = options.gitPath ?? 'git';
  const run = (args: readonly string[], cwd: string): Promise<{ error: unknown; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      execFile(git, [...HARDENED, ...args], { cwd, env: gitEnvironment(), encoding: 'utf8', maxBuffer: MAX_LOG_BYTES, timeout: GIT_TIMEOUT_MS, windowsHide: true }, (error, stdout, stderr) => resolve({ error, stdout, stderr }));
    });
  const where = await run(REV_PARSE, dir);
  const top = where.error ? undefined : topAndHead(where.stdout);
  if (!top) return missingFrom(where.error, where.stderr);
  const cached = cache.get(top.root);
  if (cached && cached.head === top.head) return cached;
  const log = await run(LOG, top.root);
  if (log.error) return missingFrom(log.error, log.stderr);
  return remember(top.root, top.head, log.stdout);
}

/** As `gitRepoDates`, blocking: for the CLI, which places its files synchronously before checking them. */
export function gitRepoDatesSync(dir: string, options: GitOptions): RepoDates | GitMissing {
  if (!options.workspaceTrusted) return { missing: 'the workspace is not trusted' };
  const git = options.gitPath ?? 'git';
  const run = (args: readonly string[], cwd: string) => spawnSync(git, [...HARDENED, ...args], { cwd, env: gitEnvironment(), encoding: 'utf8', maxBuffer: MAX_LOG_BYTES, timeout: GIT_TIMEOUT_MS, windowsHide: true });
  const where = run(REV_PARSE, dir);
  const top = where.error || where.status !== 0 ? undefined : topAndHead(where.stdout);
  if (!top) return missingFrom(where.error, where.stderr ?? '');
  const cached = cache.get(top.root);
  if (cached && cached.head === top.head) return cached;
  const log = run(LOG, top.root);
  if (log.error || log.status !== 0) return missingFrom(log.error, log.stderr ?? '');
  return remember(top.root, top.head, log.stdout);
}

/**
 * A file's times from `fs.stat`: creation time only where the file system
 * records one (Node gives 0 where it does not; Eleventy then dates the post
 * with the time of the build, which Postdesk does not guess).
 */
export function statTimes(stats: Pick<fs.Stats, 'mtimeMs' | 'ctimeMs' | 'birthtimeMs'>): Pick<FileTimes, 'modifiedMs' | 'changedMs' | 'createdMs'> {
  return { modifiedMs: stats.mtimeMs, changedMs: stats.ctimeMs, ...(stats.birthtimeMs > 0 ? { createdMs: stats.birthtimeMs } : {}) };
}

function realPath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

/** One file's commit dates out of its repository's. */
export function gitTimes(absPath: string, repo: RepoDates | GitMissing): Pick<FileTimes, 'gitLast' | 'gitFirst' | 'gitMissing'> {
  if ('missing' in repo) return { gitMissing: repo.missing };
  const rel = path.relative(realPath(repo.root), realPath(absPath)).split(path.sep).join('/');
  const dates = repo.byPath.get(rel);
  return dates ? { gitLast: dates.last, gitFirst: dates.first } : { gitMissing: 'not committed yet' };
}

/** What the site model may ask of one file, read as needed: `stat` for its own times, `git` for its commits. */
export async function fileTimesFor(absPath: string, wanted: { readonly stat: boolean; readonly git: boolean }, options: GitOptions): Promise<FileTimes> {
  let times: FileTimes = {};
  if (wanted.stat) {
    try {
      times = statTimes(await fs.promises.stat(absPath));
    } catch {
      // A file that cannot be stat'ed has no times to give: its date sources stay unavailable.
    }
  }
  if (wanted.git) times = { ...times, ...gitTimes(absPath, await gitRepoDates(path.dirname(absPath), options)) };
  return times;
}
