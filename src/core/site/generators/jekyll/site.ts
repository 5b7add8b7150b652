// The Jekyll site: the `Site` the model hands out, which classifies a file
// (classify.ts), gives it the rules for its dates, titles and URLs
// (permalinks.ts), and says whether it needs front matter to be built.

import type { Classification, DateSourceSpec, PostRules, Site, UrlFacts } from '../../types';
import { extension, joinPath } from '../../util';
import { staticDirsNote } from '../resources';
import { classifyPath, type Where } from './classify';
import type { SiteSettings } from './config';
import { addPermalinkSuffix, documentUrl, pageUrl, postCategories } from './permalinks';

/**
 * Whether the file at `path` (classified by `site`) is a static file, neither
 * page nor post, when its text has no front matter (see
 * `jekyllHasFrontMatter`): true for pages and for the documents of
 * collections other than posts, except Markdown pages on a site with
 * `jekyll-optional-front-matter` (GitHub Pages turns it on).
 */
export function jekyllNeedsFrontMatter(site: Site, path: string, classification: Classification): boolean {
  if (classification.kind !== 'page') return false;
  if (site instanceof JekyllSite) return !(site.optionalFrontMatter && classification.collection === undefined && site.isMarkdown(path));
  return true;
}

// ---------------------------------------------------------------------------
// The site

export class JekyllSite implements Site {
  readonly generator = 'jekyll' as const;
  readonly notes: string[];
  readonly watchFiles: string[];
  readonly baseUrl?: string;
  readonly values?: Readonly<Record<string, unknown>>;
  /** Jekyll copies every file of its source without front matter as it is (Jekyll 4.3 docs, static files): the source is served at the site root. */
  readonly staticDirs: readonly string[];
  private readonly postRules: PostRules;
  private readonly undatablePostRules: PostRules;
  private readonly draftRules: PostRules;
  private readonly pageRules: PostRules;
  private readonly documentRules = new Map<string, PostRules>();
  /** What the last `classify` call learned, for `rules` (synchronous, so never stale). */
  private lastWhere: Where | undefined;
  readonly optionalFrontMatter: boolean;

  constructor(
    readonly root: string,
    readonly configFile: string,
    private readonly s: SiteSettings,
    baseUrl: string | undefined,
    notes: string[],
    values?: Readonly<Record<string, unknown>>,
  ) {
    this.notes = notes;
    if (values !== undefined) this.values = values;
    this.optionalFrontMatter = s.optionalFrontMatter;
    this.watchFiles = [configFile, joinPath(root, 'Gemfile')];
    this.staticDirs = [s.source];
    const staticNote = staticDirsNote(this.staticDirs);
    if (staticNote) notes.push(`${staticNote} (Files and folders starting with _ or . are not copied.)`);
    if (baseUrl !== undefined) this.baseUrl = baseUrl;
    const common = {
      caseInsensitiveKeys: false,
      draftKeys: [] as string[],
      publishedKeys: ['published'],
      futureIsScheduled: !s.future,
      // Jekyll sets the process zone to `timezone`, so a draft's modification time is read there.
      ...(s.timeZone ? { timeZone: s.timeZone, fileTimeZone: s.timeZone } : {}),
    };
    const postDate: DateSourceSpec[] = [{ kind: 'field', key: 'date' }, { kind: 'filename' }];
    const postUrl = (facts: UrlFacts): string | undefined => documentUrl(s, facts, s.postsPermalink, 'posts');
    // `page.categories`: the folders above `_posts` (or `_drafts`), then the defaults' and the front matter's.
    const categories = (facts: Pick<UrlFacts, 'path' | 'field'>): string[] => postCategories(s, facts);
    this.postRules = { ...common, date: postDate, titleFallback: ['slug'], url: postUrl, categories };
    // Jekyll never reads a `_posts/` file whose name has no date: nothing dates it.
    this.undatablePostRules = { ...common, date: [], titleFallback: ['slug'], categories };
    this.draftRules = { ...common, date: [...postDate, { kind: 'file-mod-time' }], titleFallback: ['slug'], url: postUrl, categories };
    this.pageRules = { ...common, date: [{ kind: 'field', key: 'date' }], titleFallback: ['heading', 'filename'], url: (facts) => pageUrl(s, facts) };
    for (const c of s.collections.values()) {
      const template = c.permalink ?? addPermalinkSuffix('/:collection/:path', s.permalinkStyle);
      this.documentRules.set(c.label, {
        ...common,
        date: postDate,
        titleFallback: ['slug'],
        url: (facts) => (c.output ? documentUrl(s, facts, template, c.label) : undefined),
        categories: (facts) => postCategories(s, facts, c.label),
      });
    }
  }

  classify(path: string): Classification {
    this.lastWhere = undefined;
    const classification = classifyPath(this.s, path, (where) => {
      this.lastWhere = where;
    });
    // Known only from the text: without front matter, Jekyll copies a page or document as a static file.
    return jekyllNeedsFrontMatter(this, path, classification) ? { ...classification, requiresFrontMatter: true } : classification;
  }

  rules(path: string, classification: Classification): PostRules {
    this.classify(path);
    const where = this.lastWhere;
    if (where?.kind === 'post') return where.dated ? this.postRules : this.undatablePostRules;
    if (where?.kind === 'draft' || classification.draftByLocation) return this.draftRules;
    if (where?.kind === 'document') return this.documentRules.get(where.collection.label) ?? this.pageRules;
    return this.pageRules;
  }

  /** Whether Jekyll converts `path` as Markdown (`markdown_ext`). */
  isMarkdown(path: string): boolean {
    return this.s.markdownExt.has(extension(path));
  }
}
