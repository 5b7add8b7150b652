// A post's listing facts (title, date, status, author, tags, word count)
// without running the rules: the same Post that `analyze` builds, for a view
// that must list thousands of posts before their findings are known.
//
// Most of `analyze`'s time per file is the YAML parser. Nearly every post's
// front matter is a few `key: value` lines (or TOML `key = value` lines), so
// the quick readers of ./frontmatter/quick read it, the same ones `check`
// uses; what they are not sure of goes to the full splitter. The unit tests
// check both give the same result.

import type { Post, PostdeskConfig, SourceDocument } from './types';
import { splitDocumentFast } from './frontmatter/quick';
import { classifyLines } from './markdown';
import { buildPost, plainSiteContext, resolveDate } from './post';
import { refineSiteContext, type SiteContext } from './site/facts';

export interface PostSummary {
  /** The Post exactly as `analyze` would build it. */
  readonly post: Post;
  /**
   * The front matter could not be parsed: `post` is still right, but the
   * caller wants the full analysis for the problem's wording and severity.
   */
  readonly frontMatterProblem: boolean;
}

export function summarizePost(doc: SourceDocument, config: PostdeskConfig, now: Date = new Date(), pathSite: SiteContext = plainSiteContext(config, doc.path)): PostSummary {
  const split = splitDocumentFast(doc.text, { afterBlankLines: pathSite.rules.frontMatterAfterBlankLines === true });
  const site = refineSiteContext(pathSite, split);
  const lines = classifyLines(doc.text, split.bodyStart);
  const post = buildPost(doc, split, config, now, lines, resolveDate(doc, split, config, site), site);
  return { post, frontMatterProblem: (split.frontMatter?.problems.length ?? 0) > 0 };
}
