// The CLI's side of the site model: the sites below the project root (the
// config file's folder, or the working directory), and each file's place in
// them. Files the generator does not publish are left out of a folder walk;
// a file named on the command line is always read.
import * as path from 'node:path';
import { detectSites, plainSiteContext, siteContextFor, type SiteContext, type SiteSet } from '../core';
import type { PostdeskConfig } from '../core/types';
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
  for (const file of files) {
    const rel = path.relative(root, file.absPath);
    const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    const placed = inside ? siteContextFor(sites, rel.split(path.sep).join('/')) : plainSiteContext(config, file.absPath);
    if (placed.classification.kind === 'ignored' && file.problem === undefined && !explicit.has(file.absPath)) continue;
    // A file named on the command line is checked whatever its site makes of it: as a plain post.
    const site = placed.classification.kind === 'ignored' ? plainSiteContext(config, file.absPath) : placed;
    out.push({ ...file, site });
  }
  return out;
}

/** The absolute paths named on the command line. */
export function explicitPaths(cwd: string, paths: readonly string[]): Set<string> {
  return new Set(paths.map((p) => path.resolve(cwd, p)));
}
