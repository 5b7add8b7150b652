// The CLI's side of the site model: the sites below the project root (the
// config file's folder, or the working directory), and each file's place in
// them. Files the generator does not publish are left out of a folder walk;
// a file named on the command line is always read. A file whose dates may
// come from its own times (Hugo `:fileModTime` and `:git`, Jekyll drafts,
// Eleventy `Last Modified`) gets them here: a stat, and one `git log` per
// repository, only when its rules ask.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectSites, plainSiteContext, siteContextFor, type SiteContext, type SiteSet } from '../core';
import { fileTimesWanted, GIT_KEYWORD_LINE, withFileTimes, type FileTimes, type WantedTimes } from '../core/site/fileTimes';
import type { PostRules } from '../core/site/types';
import type { PostdeskConfig } from '../core/types';
import { gitRepoDatesSync, gitTimes, statTimes, type GitMissing, type RepoDates } from '../node/fileTimes';
import { localSiteFiles } from '../node/siteFiles';
import type { TargetFile } from './files';

export interface SiteTarget extends TargetFile {
  readonly site: SiteContext;
}

export async function loadSites(root: string, config: PostdeskConfig): Promise<SiteSet> {
  return detectSites(localSiteFiles(root), { dateFields: config.dateFields, ...(config.site ? { override: config.site } : {}) });
}

/** Each file with its site context; files that are not content for their site are dropped unless named explicitly. */
export function placeFiles(files: readonly TargetFile[], sites: SiteSet, root: string, config: PostdeskConfig, explicit: ReadonlySet<string>): SiteTarget[] {
  const out: SiteTarget[] = [];
  const times = new FileTimesReader(root);
  const below = belowRoot(root);
  for (const file of files) {
    const rel = below(file.absPath);
    const placed = rel !== undefined ? siteContextFor(sites, rel) : plainSiteContext(config, file.absPath);
    if (placed.classification.kind === 'ignored' && file.problem === undefined && !explicit.has(file.absPath)) continue;
    // A file named on the command line is checked whatever its site makes of it: as a plain post.
    const site = placed.classification.kind === 'ignored' ? plainSiteContext(config, file.absPath) : placed;
    const { absPath, realPath, displayPath, problem } = file;
    out.push(problem === undefined ? { absPath, realPath, displayPath, site: times.add(site, absPath) } : { absPath, realPath, displayPath, problem, site });
  }
  return out;
}

/**
 * The path of a file below `root`, relative to it with forward slashes, or
 * undefined for one outside it (or root itself). Walked paths are normalised,
 * so below the root the answer is the rest of the string; path.relative
 * settles the others.
 */
export function belowRoot(root: string): (absPath: string) => string | undefined {
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  const sep = path.sep;
  const posix = sep === '/';
  const normalised = (p: string): boolean => !p.endsWith(sep) && !p.includes(`${sep}..`) && !p.includes(`${sep}.${sep}`) && !p.includes(sep + sep);
  return (absPath) => {
    if (absPath.length > prefix.length && absPath.startsWith(prefix) && normalised(absPath)) {
      const rel = absPath.slice(prefix.length);
      return posix ? rel : rel.split(path.sep).join('/');
    }
    const rel = path.relative(root, absPath);
    const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    return inside ? rel.split(path.sep).join('/') : undefined;
  };
}

/** The first bytes of a file hold a git date keyword: only then is a repository's history walked for a site that asks git by keyword alone. */
const KEYWORD_HEAD_BYTES = 4096;
const headBuffer = Buffer.alloc(KEYWORD_HEAD_BYTES);

function asksGit(absPath: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(absPath, 'r');
    const n = fs.readSync(fd, headBuffer, 0, KEYWORD_HEAD_BYTES, 0);
    return GIT_KEYWORD_LINE.test(headBuffer.toString('utf8', 0, n));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * The times of the files whose rules ask for them. The user runs the CLI on
 * their own files, so git is trusted here; it still runs hardened
 * (src/node/fileTimes.ts), once per repository.
 */
class FileTimesReader {
  private readonly wanted = new WeakMap<PostRules, WantedTimes>();
  private readonly repos = new Map<string, RepoDates | GitMissing>();

  constructor(private readonly root: string) {}

  add(context: SiteContext, absPath: string): SiteContext {
    let wanted = this.wanted.get(context.rules);
    if (!wanted) {
      wanted = fileTimesWanted(context.rules);
      this.wanted.set(context.rules, wanted);
    }
    if (!wanted.stat && !wanted.git) return context;
    let times: FileTimes = {};
    if (wanted.stat) {
      try {
        times = statTimes(fs.statSync(absPath));
      } catch {
        // No times to give: the sources that need them stay unavailable, and the read says why the file is missing.
      }
    }
    // One repository per site root: a rev-parse per folder would start a process for each.
    const repoDir = path.join(this.root, context.site.root);
    if (wanted.git && (!wanted.gitOnlyByKeyword || asksGit(absPath))) times = { ...times, ...gitTimes(absPath, this.repoOf(repoDir)) };
    return withFileTimes(context, times);
  }

  private repoOf(dir: string): RepoDates | GitMissing {
    let repo = this.repos.get(dir);
    if (!repo) {
      repo = gitRepoDatesSync(dir, { workspaceTrusted: true });
      this.repos.set(dir, repo);
    }
    return repo;
  }
}

/** The absolute paths named on the command line. */
export function explicitPaths(cwd: string, paths: readonly string[]): Set<string> {
  return new Set(paths.map((p) => path.resolve(cwd, p)));
}
