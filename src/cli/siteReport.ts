// Output of `postdesk site`: for each site root, the generator and the config
// file it was read from, the detection's notes, and how many posts, pages and
// sections it holds, with where the posts' dates came from.
import type { SiteSet } from '../core';
import type { Post } from '../core/types';
import type { ListFormat } from './args';
import type { SiteTarget } from './sites';
import * as path from 'node:path';

interface SiteFile {
  readonly file: SiteTarget;
  readonly post: Post | undefined;
}

interface SiteSummary {
  readonly root: string;
  readonly generator: string;
  readonly configFile?: string;
  readonly baseUrl?: string;
  readonly notes: readonly string[];
  /** Generator config files that cannot be read as the generator reads them. */
  readonly problems: readonly string[];
  readonly posts: number;
  readonly pages: number;
  readonly sections: number;
  readonly unreadable: number;
  readonly statuses: Record<string, number>;
  readonly dateSources: Record<string, number>;
  /** Why posts whose rules ask for git dates got none ("not in a git repository"), by reason. */
  readonly gitMissing: Record<string, number>;
}

function summarizeSites(sites: SiteSet, files: readonly SiteFile[]): SiteSummary[] {
  return sites.sites.map((site) => {
    const mine = files.filter((f) => f.file.site.site === site);
    // The document may have changed what its path said (front matter tags, a static file without front matter).
    const kindOf = (f: SiteFile): string => f.post?.kind ?? f.file.site.classification.kind;
    const posts = mine.filter((f) => kindOf(f) === 'post');
    const statuses: Record<string, number> = {};
    const dateSources: Record<string, number> = {};
    const gitMissing: Record<string, number> = {};
    for (const { post, file } of posts) {
      const missing = file.site.fileTimes?.gitMissing;
      // A file not committed yet is dated by the next source, as its generator does: only a missing git or repository is worth saying.
      if (missing !== undefined && missing !== 'not committed yet') gitMissing[missing] = (gitMissing[missing] ?? 0) + 1;
      if (!post) continue;
      statuses[post.status] = (statuses[post.status] ?? 0) + 1;
      const source = post.date ? post.date.source : 'none';
      dateSources[source] = (dateSources[source] ?? 0) + 1;
    }
    return {
      root: site.root === '' ? '.' : site.root,
      generator: site.generator,
      ...(site.configFile !== undefined ? { configFile: site.configFile } : {}),
      ...(site.baseUrl !== undefined ? { baseUrl: site.baseUrl } : {}),
      notes: site.notes,
      problems: problemsOf(sites, site.root === '' ? '.' : site.root),
      posts: posts.length,
      pages: mine.filter((f) => kindOf(f) === 'page').length,
      sections: mine.filter((f) => kindOf(f) === 'section').length,
      unreadable: mine.filter((f) => f.post === undefined).length,
      statuses,
      dateSources,
      gitMissing,
    };
  });
}

/** The config problems of one site's folder, by file. */
function problemsOf(sites: SiteSet, root: string): string[] {
  return sites.problems.filter((p) => root === '.' || p.file.startsWith(`${root}/`)).map((p) => `${p.file}: ${p.message}`);
}

function counts(record: Record<string, number>): string {
  const entries = Object.entries(record).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return entries.length === 0 ? 'none' : entries.map(([k, n]) => `${n} ${k}`).join(', ');
}

export function formatSites(format: ListFormat, sites: SiteSet, files: readonly SiteFile[], display: (abs: string) => string, root: string): string {
  const summaries = summarizeSites(sites, files);
  if (format === 'json') return JSON.stringify({ version: 1, sites: summaries }) + '\n';
  const lines: string[] = [];
  for (const s of summaries) {
    const where = display(path.join(root, s.root));
    lines.push(`${where}: ${s.generator === 'none' ? 'no site generator' : s.generator}${s.configFile !== undefined ? ` (${display(path.join(root, s.configFile))})` : ''}`);
    if (s.baseUrl !== undefined) lines.push(`  base URL: ${s.baseUrl}`);
    for (const note of s.notes) lines.push(`  - ${note}`);
    for (const problem of s.problems) lines.push(`  ! ${problem}`);
    lines.push(`  ${s.posts} post${s.posts === 1 ? '' : 's'} (${counts(s.statuses)}), ${s.pages} page${s.pages === 1 ? '' : 's'}, ${s.sections} section page${s.sections === 1 ? '' : 's'}`);
    lines.push(`  dates from: ${counts(s.dateSources)}`);
    for (const [why, n] of Object.entries(s.gitMissing)) lines.push(`  git dates not read for ${n} post${n === 1 ? '' : 's'}: ${why}`);
    if (s.unreadable > 0) lines.push(`  ${s.unreadable} file${s.unreadable === 1 ? '' : 's'} could not be read (run "postdesk check")`);
    lines.push('');
  }
  return lines.join('\n');
}
