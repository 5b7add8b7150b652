// From a detected site set to what `analyze` needs for one file: its site,
// what the generator makes of it, and the rules that date it.

import type { SiteContext } from './facts';
import type { SiteSet } from './detect';
import { below } from './util';

/** The site context of `path` (POSIX, relative to the folder the sites were detected in). */
export function siteContextFor(sites: SiteSet, path: string): SiteContext {
  const site = sites.siteFor(path);
  const classification = site.classify(path);
  return {
    site,
    classification,
    rules: site.rules(path, classification),
    sitePath: below(path, site.root) ?? path,
  };
}
