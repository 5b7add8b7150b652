// The site model's vocabulary: which generator builds a folder, which of its
// files are posts, pages or sections, and the rules that date, title, draft
// and address a post the way that generator does. Plain data and small pure
// functions: the CLI, both extension hosts and the unit tests share them, and
// nothing here reads a disk or runs a workspace file.

import type { PostDate } from '../types';

export type GeneratorId = 'hugo' | 'jekyll' | 'zola' | 'astro' | 'eleventy' | 'docusaurus' | 'hexo' | 'none';

/** What the generator makes of one file. */
export type ContentKind =
  /** A dated article: listed by the Posts view, dated by the rules. */
  | 'post'
  /** A content page that is not a post (documentation, an about page): checked, never listed as a post, never asked for a date. */
  | 'page'
  /** A list page of a section (Hugo and Zola `_index.md`): checked, never a post. */
  | 'section'
  /** Not content at all for this generator (README, templates, a bundle's resources, excluded folders): not read. */
  | 'ignored';

export interface Classification {
  readonly kind: ContentKind;
  /** Why, said to the author: "Jekyll post: in _posts/ (docs/_config.yml)". */
  readonly reason: string;
  /** A draft by where it lives (Jekyll `_drafts/`, Hexo `source/_drafts/`). */
  readonly draftByLocation?: boolean;
  /** The section or collection the file belongs to, when the generator names one. */
  readonly collection?: string;
  /** Without front matter the generator copies the file as it is (Jekyll's static files): then it is not content. */
  readonly requiresFrontMatter?: boolean;
}

/** Read-only access to the files of one workspace folder; paths are POSIX, relative to that folder ('' is the folder). */
export interface SiteFiles {
  /** A file's text; undefined when it is missing, unreadable or not a file. */
  readText(path: string): Promise<string | undefined>;
  /** A folder's entries; undefined when it is missing or not a folder. */
  list(path: string): Promise<readonly DirEntry[] | undefined>;
}

export interface DirEntry {
  readonly name: string;
  readonly isDir: boolean;
}

// ---------------------------------------------------------------------------
// Per-post rules: declarative, so one engine (facts.ts) applies every generator's.

/** One place a date can come from, tried in order. */
export type DateSourceSpec =
  /**
   * A front matter key (case-insensitively when the rules say so). `keywords`
   * are values that name a file time rather than a date (Eleventy's
   * `date: Last Modified`), by their lower-case text: not invalid, read from
   * the file's times.
   */
  | { readonly kind: 'field'; readonly key: string; readonly keywords?: Readonly<Record<string, FileTimeSource>> }
  /** `YYYY-MM-DD-` (or `YYYY-MM-DD_` where the generator accepts it) at the start of the file name, or of a bundle's folder name. */
  | { readonly kind: 'filename'; readonly separators?: string }
  /** `YYYY/MM/DD/` or `YYYY-MM-DD` in the folders above the file (Docusaurus, dated archives). */
  | { readonly kind: 'folder' }
  /** A `YYYY/MM/DD` or `YYYY-MM-DD` at the start of a path-like front matter field (`path`, `permalink`, `url`, `slug`). */
  | { readonly kind: 'url-field'; readonly keys: readonly string[] }
  /**
   * A time of the file itself (its modification or creation time, its last or
   * first commit): read from the `FileTimes` its caller supplied with the
   * context (`withFileTimes`), said to be unavailable when none were.
   */
  | { readonly kind: FileTimeSource };

/**
 * The file times a date can come from: `file-mod-time` (Hugo `:fileModTime`,
 * Jekyll drafts, Eleventy `Last Modified`), `file-created` (Eleventy
 * `Created` and its default), `git` (the last commit: Hugo `:git`, Eleventy
 * `git Last Modified`), `git-created` (the first commit: Eleventy `git Created`).
 */
export type FileTimeSource = 'file-mod-time' | 'file-created' | 'git' | 'git-created';

export interface PostRules {
  /** The post's date: the first source that yields one wins. */
  readonly date: readonly DateSourceSpec[];
  /** When the post goes live (Hugo `publishDate`); defaults to the date. A future one makes the post scheduled. */
  readonly publishDate?: readonly DateSourceSpec[];
  /** When the post goes away (Hugo `expiryDate`); a past one makes the post expired. */
  readonly expiryDate?: readonly DateSourceSpec[];
  /** Front matter may follow blank lines at the top of the file (Hugo reads it there; Jekyll and most others do not). */
  readonly frontMatterAfterBlankLines?: boolean;
  /** Front matter keys compared case-insensitively (Hugo does; Jekyll does not). */
  readonly caseInsensitiveKeys: boolean;
  /** Keys whose true value makes a draft (`draft`). */
  readonly draftKeys: readonly string[];
  /** Keys whose false value makes a draft (Jekyll and Hexo `published: false`). */
  readonly publishedKeys: readonly string[];
  /**
   * Why the generator builds the post but leaves it out of its lists and
   * feeds (Hugo `_build: { list: never }`, Docusaurus `unlisted: true`), or
   * undefined when it lists it.
   */
  readonly unlistedBy?: (field: (key: string) => unknown) => string | undefined;
  /** Whether a future date makes a post scheduled (every generator here leaves future posts out of a production build by default). */
  readonly futureIsScheduled: boolean;
  /** Title sources after the front matter `title`, in order. */
  readonly titleFallback: readonly TitleFallback[];
  /**
   * The generator's own title rule after the front matter `title`, given the
   * body (the text after the front matter) and the path relative to the site;
   * when it gives a title, `titleFallback` is not consulted (Docusaurus: a
   * heading only at the very top of the body, else the path's text as written).
   */
  readonly titleFromBody?: (body: string, sitePath: string) => { readonly title: string; readonly source: 'heading' | 'filename' } | undefined;
  /** The post's address on the site, when the generator's rules make it knowable. */
  readonly url?: (facts: UrlFacts) => string | undefined;
  /**
   * The post's categories as the generator assigns them, where that is more
   * than the front matter's `categories` (Jekyll: the folders above `_posts`
   * first); absent, the front matter's are read.
   */
  readonly categories?: (facts: Pick<UrlFacts, 'path' | 'field'>) => readonly string[];
  /**
   * What the document's own front matter makes of it, where the path alone
   * cannot tell (Eleventy's `tags: post`, `eleventyExcludeFromCollections`);
   * undefined keeps the path's classification.
   */
  readonly kindFromFrontMatter?: (field: (key: string) => unknown, classification: Classification) => Classification | undefined;
  /** IANA time zone of the site (Hugo `timeZone`, Jekyll `timezone`), for dates written without an offset. */
  readonly timeZone?: string;
  /**
   * The zone a file's modification or creation time is read in (Jekyll sets
   * the process zone to the site's `timezone`); absent, the local zone of the
   * machine, as Hugo and Eleventy read them. A commit date keeps the offset
   * git recorded with it.
   */
  readonly fileTimeZone?: string;
  /** The file's modification date is its status change time, `ctime` (Eleventy 3's `Last Modified`), not its `mtime`. */
  readonly modifiedIsChangeTime?: boolean;
}

/** Title sources after the front matter `title`. */
export type TitleFallback =
  /** The first `#` heading of the body. */
  | 'heading'
  /** The first line of a document with no front matter, when it stands alone as a headline (a pasted article). */
  | 'first-line'
  /** Jekyll: the slug of the file name, words capitalised. */
  | 'slug'
  /** The file (or bundle folder) name, as written. */
  | 'filename';

/** What a URL rule knows of a post. */
export interface UrlFacts {
  /** Path relative to the site root, POSIX. */
  readonly path: string;
  /** Front matter value by key (with the rules' key case handling). */
  readonly field: (key: string) => unknown;
  readonly date?: PostDate;
  readonly title: string;
  readonly classification: Classification;
}

// ---------------------------------------------------------------------------
// A site

export interface SiteRef {
  /** The site's root folder, relative to the workspace folder ('' is the folder itself). */
  readonly root: string;
  readonly generator: GeneratorId;
  /** The config file the generator reads, relative to the workspace folder. */
  readonly configFile?: string;
  /** The site's base URL (`baseURL`, `url` + `baseurl`, `base_url`, `site`), without a trailing slash. */
  readonly baseUrl?: string;
  /**
   * The config's values as the generator reads them (Hugo's config with its
   * `params`, keys lower-cased as Hugo reads them; Jekyll's `_config.yml`):
   * what the preview's `{{ site.x }}` and `param` show. Absent when not read.
   */
  readonly values?: Readonly<Record<string, unknown>>;
  /**
   * Folders (relative to the workspace folder) whose files the generator
   * serves at the site's root, first match wins: Hugo `static/` (and
   * `staticDir`), Zola and Docusaurus `static/`, Astro `public/`, Jekyll's
   * source root. A root-relative image (`/images/x.png`, after the base
   * URL's path) is looked up in them. Absent when the generator has none.
   */
  readonly staticDirs?: readonly string[];
  /**
   * Authors the site defines once and posts name by key (Docusaurus
   * `authors.yml`, Hugo and Jekyll data files where read): the preview's
   * byline shows the name. Absent when the site defines none.
   */
  readonly authorProfiles?: Readonly<Record<string, AuthorProfile>>;
  /**
   * Tags the site defines once and posts name by key (Docusaurus `tags.yml`):
   * each key's label, which the preview's header shows. Absent when the site
   * defines none.
   */
  readonly tagLabels?: Readonly<Record<string, string>>;
}

/** An author as the site defines them. */
export interface AuthorProfile {
  readonly name: string;
  /** A role or title ("Maintainer"). */
  readonly title?: string;
  readonly url?: string;
  /** As written in the site's file (a URL or a site path), resolved by the preview like any image. */
  readonly imageUrl?: string;
}

export interface Site extends SiteRef {
  /**
   * What was detected and why, and what could not be read (a JavaScript
   * config read as text, `:git` dates): `postdesk site` prints these.
   */
  readonly notes: readonly string[];
  /** Config files whose change alters this model (relative to the workspace folder), to watch. */
  readonly watchFiles: readonly string[];
  /**
   * Globs (relative to the workspace folder) of content files in formats
   * other than Markdown that the generator reads (Hugo's `.html` content):
   * the folder walk reads them too.
   */
  readonly contentGlobs?: readonly string[];
  /** What the generator makes of a file; `path` is relative to the workspace folder. */
  classify(path: string): Classification;
  /** The rules that date, title, draft and address the post or page at `path` (relative to the workspace folder). */
  rules(path: string, classification: Classification): PostRules;
}

/** A generator's reading of a candidate site root. */
export interface GeneratorModel {
  readonly id: Exclude<GeneratorId, 'none'>;
  /** The config files that mark a site root of this generator, as names in that root (globs not allowed). */
  readonly markers: readonly string[];
  /**
   * The site rooted at `root` (relative to the workspace folder), or
   * undefined when the files there are not this generator's after all (a
   * `config.toml` that is not Hugo's). Reads files as text; runs nothing.
   */
  detect(files: SiteFiles, root: string, found: readonly string[]): Promise<Site | undefined>;
}
