// A post's listing facts (title, date, status, author, tags, word count)
// without running the rules: the same Post that `analyze` builds, for a view
// that must list thousands of posts before their findings are known
// (`summarizeListing` leaves out the word count too, which needs the whole
// body read).
//
// Most of `analyze`'s time per file is the YAML parser. Nearly every post's
// front matter is a few `key: value` lines (or TOML `key = value` lines), so
// the quick readers of ./frontmatter/quick read it, the same ones `check`
// uses; what they are not sure of goes to the full splitter. The unit tests
// check both give the same result.

import type { ListedPost, Post, PostdeskConfig, SourceDocument, SplitDocument } from './types';
import { splitDocumentFast } from './frontmatter/quick';
import { classifyLines, type BodyLines } from './markdown';
import { buildListedPost, buildPost, plainSiteContext, resolveDate, type DateResolution } from './post';
import { refineSiteContext, type SiteContext } from './site/facts';

export interface PostSummary<P extends ListedPost = Post> {
  /** The Post exactly as `analyze` would build it (without its word count, from `summarizeListing`). */
  readonly post: P;
  /**
   * The front matter could not be parsed: `post` is still right, but the
   * caller wants the full analysis for the problem's wording and severity.
   */
  readonly frontMatterProblem: boolean;
}

export function summarizePost(doc: SourceDocument, config: PostdeskConfig, now: Date = new Date(), pathSite: SiteContext = plainSiteContext(config, doc.path)): PostSummary {
  return summarize(doc, config, pathSite, (split, lines, resolution, site) => buildPost(doc, split, config, now, lines, resolution, site));
}

/** `summarizePost` without the word count: what the editor's first listing of a site shows (see ListedPost). */
export function summarizeListing(doc: SourceDocument, config: PostdeskConfig, now: Date, pathSite: SiteContext): PostSummary<ListedPost> {
  return summarize(doc, config, pathSite, (split, lines, resolution, site) => buildListedPost(doc, split, now, lines, resolution, site));
}

function summarize<P extends ListedPost>(
  doc: SourceDocument,
  config: PostdeskConfig,
  pathSite: SiteContext,
  build: (split: SplitDocument, lines: BodyLines, resolution: DateResolution, site: SiteContext) => P,
): PostSummary<P> {
  const split = splitDocumentFast(doc.text, { afterBlankLines: pathSite.rules.frontMatterAfterBlankLines === true });
  const site = refineSiteContext(pathSite, split);
  const post = build(split, classifyLines(doc.text, split.bodyStart), resolveDate(doc, split, config, site), site);
  return { post, frontMatterProblem: (split.frontMatter?.problems.length ?? 0) > 0 };
}
