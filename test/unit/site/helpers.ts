// What the generator models' unit tests share: the fixture sites and the real
// corpus on disk, read through the same SiteFiles the CLI uses, and one
// post's facts as the engine gives them (kind, date, status, title, URL).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatIsoDate } from '../../../src/core/dates';
import { classifyLines } from '../../../src/core/markdown';
import { splitDocument } from '../../../src/core/frontmatter';
import { refineSiteContext, resolveSiteDate, siteStatus, siteTitle, siteUrl, type SiteContext } from '../../../src/core/site/facts';
import type { Site, SiteFiles } from '../../../src/core/site/types';
import { below } from '../../../src/core/site/util';
import type { SourceDocument } from '../../../src/core/types';

export { localSiteFiles as diskFiles } from '../../../src/node/siteFiles';

/** test/fixtures/sites: one folder per fixture site. */
export const SITES = path.join(__dirname, '..', '..', 'fixtures', 'sites');
/** ../shared/corpus/sites beside the repository (real sites, read only). */
export const CORPUS_SITES = path.resolve(__dirname, '../../../../shared/corpus/sites');

/** An in-memory folder for the generator models: paths to texts, folders implied, entries listed by name. */
export function memoryFiles(files: Readonly<Record<string, string>>): SiteFiles {
  return {
    async readText(path) {
      return files[path];
    },
    async list(dir) {
      const prefix = dir === '' ? '' : `${dir}/`;
      const names = new Map<string, boolean>();
      for (const path of Object.keys(files)) {
        if (!path.startsWith(prefix)) continue;
        const rest = path.slice(prefix.length);
        const slash = rest.indexOf('/');
        names.set(slash === -1 ? rest : rest.slice(0, slash), slash !== -1 || names.get(rest) === true);
      }
      if (names.size === 0) return undefined;
      return [...names].map(([name, isDir]) => ({ name, isDir })).sort((a, b) => (a.name < b.name ? -1 : 1));
    },
  };
}

/** Every file below `base/dir`, POSIX paths relative to `base`, skipping dependencies and Git. */
export function allFiles(base: string, dir = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(base, dir), { withFileTypes: true })) {
    const p = dir === '' ? e.name : `${dir}/${e.name}`;
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== '.git') out.push(...allFiles(base, p));
    } else out.push(p);
  }
  return out;
}

/** A post's facts by its site's rules, as the engine computes them for `analyze`. */
export function siteFacts(site: Site, file: string, text: string, now: Date) {
  const classification = site.classify(file);
  const rules = site.rules(file, classification);
  const split = splitDocument(text, { afterBlankLines: rules.frontMatterAfterBlankLines === true });
  const doc: SourceDocument = { path: file, text };
  const context: SiteContext = refineSiteContext({ site, classification, rules, sitePath: below(file, site.root) ?? file }, split);
  const date = resolveSiteDate(doc, split, context);
  const title = siteTitle(split, classifyLines(text, split.bodyStart), context);
  return {
    kind: context.classification.kind,
    reason: context.classification.reason,
    date: date.date ? formatIsoDate(date.date.value) : undefined,
    source: date.date?.source,
    status: siteStatus(doc, split, context, date.date, now),
    title: title.title,
    url: siteUrl(split, context, title.title, date.date?.value),
  };
}
