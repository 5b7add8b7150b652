// The content engine's shared vocabulary. Everything here is plain data so the
// CLI, the editor features and the unit tests speak the same language; nothing
// in src/core may import the editor API.

/** Half-open range of UTF-16 offsets into a document's text: [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Zero-based line and UTF-16 column, the same convention as the editor API. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** A replacement of `span` (offsets into the original text) by `newText`. */
export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

/**
 * The minimal document the engine works on: the editor adapts its documents
 * to this, the CLI builds it from a file. `text` never includes a byte order
 * mark (the reader strips and remembers it).
 */
export interface SourceDocument {
  /** Path or URI string, used for messages and the file-name date source. */
  readonly path: string;
  readonly text: string;
  /** Increases with every change; lets callers drop results for stale text. */
  readonly version?: number;
}

import type { RuleId } from './rules/table';
import type { SiteOverride } from './site/detect';
import type { SiteContext } from './site/facts';

// ---------------------------------------------------------------------------
// Dates

/**
 * A calendar date, or a date-time with the author's own UTC offset. A
 * date-only value is never turned into an instant, so `2020-11-06` is
 * November 6 in every time zone.
 */
export type PostDate =
  | { readonly kind: 'date'; readonly year: number; readonly month: number; readonly day: number }
  | {
      readonly kind: 'datetime';
      readonly year: number;
      readonly month: number;
      readonly day: number;
      readonly hour: number;
      readonly minute: number;
      readonly second: number;
      /** Minutes east of UTC as written by the author; undefined for a local (floating) time. */
      readonly offsetMinutes?: number;
    };

/**
 * Where a post's date came from: a front matter field, the file name, a dated
 * folder, a URL-like field (`path`, `permalink`), or the file's own times
 * (modified, created, its last or first commit; see site/fileTimes.ts).
 */
export type DateSource = 'front-matter' | 'filename' | 'folder' | 'url' | 'file-mod-time' | 'file-created' | 'git' | 'git-created';

// ---------------------------------------------------------------------------
// Messages

/**
 * An English sentence of the engine's catalogue (src/core/messages.ts) with
 * the values of its `{name}` placeholders. Filling `template` with `args`
 * gives exactly the English text next to it; the editor translates
 * `template` first, so the author reads it in the display language.
 */
export interface MessageTemplate {
  /** The catalogue key, e.g. `missingDateNoFrontMatter`. */
  readonly id: string;
  readonly template: string;
  readonly args: Readonly<Record<string, string | number>>;
}

// ---------------------------------------------------------------------------
// Front matter

export type FrontMatterLanguage = 'yaml' | 'toml' | 'json';

/** One top-level key of the front matter, with exact source positions. */
export interface FrontMatterField {
  readonly key: string;
  /** The key as written (without quotes for quoted keys is NOT applied: the raw key span). */
  readonly keySpan: Span;
  /** The value as written, quotes included; empty span right after the separator when there is no value. */
  readonly valueSpan: Span;
  /** Whole line(s) of the entry, from the start of its first line to the end of its last line (line break excluded). */
  readonly entrySpan: Span;
  /** Parsed value. Timestamps stay strings (the author's text), never `Date` objects. */
  readonly value: unknown;
}

export interface FrontMatterProblem {
  readonly message: string;
  readonly span: Span;
  /** `message` as a template the editor can translate (see MessageTemplate). */
  readonly messageTemplate?: MessageTemplate;
}

export interface FrontMatter {
  /** The language named by the fences, e.g. `yaml`, `toml`, `json`, or a refused one such as `js`. */
  readonly language: string;
  /** From the opening fence to the end of the closing fence line, line break included when there is one. */
  readonly blockSpan: Span;
  /** The opening fence line (line break excluded). */
  readonly openFenceSpan: Span;
  /** The closing fence line (line break excluded); undefined when the block is never closed. */
  readonly closeFenceSpan?: Span;
  /** The text between the fences. */
  readonly contentSpan: Span;
  /** Parsed data; empty when the block could not be parsed. */
  readonly data: Readonly<Record<string, unknown>>;
  /** Top-level keys in source order. */
  readonly fields: readonly FrontMatterField[];
  /** Syntax errors, an unclosed block, a refused language. */
  readonly problems: readonly FrontMatterProblem[];
}

/** A document split into front matter and body. */
export interface SplitDocument {
  readonly frontMatter?: FrontMatter;
  /** Offset where the body starts (after the front matter block, or 0). */
  readonly bodyStart: number;
  /** The line ending the document mostly uses; edits insert this. */
  readonly eol: '\n' | '\r\n';
}

// ---------------------------------------------------------------------------
// Posts

export type PostStatus = 'published' | 'draft' | 'scheduled' | 'expired' | 'unlisted' | 'undated';

/** What the site's generator makes of a file that Postdesk reads: a dated post, a page, a section's list page, or a static file it copies as is (Jekyll, without front matter). */
export type ContentKind = 'post' | 'page' | 'section' | 'static';

/** The site a file belongs to, as `postdesk site` and the Posts view name it. */
export interface PostSite {
  /** The site's root folder, relative to the workspace folder or project root ('' is that folder). */
  readonly root: string;
  readonly generator: string;
  /** The generator's config file, relative to the same folder. */
  readonly configFile?: string;
}

export interface PostDateInfo {
  readonly value: PostDate;
  readonly source: DateSource;
  /** The front matter key that gave the date (source `front-matter` or `url`). */
  readonly field?: string;
  /** The value's span in the document (source `front-matter`). */
  readonly span?: Span;
}

export interface Post {
  readonly path: string;
  readonly title: string;
  readonly titleSource: 'front-matter' | 'heading' | 'first-line' | 'slug' | 'filename';
  readonly date?: PostDateInfo;
  readonly status: PostStatus;
  /** The first author's name (the hover and list show one where there is room for one). */
  readonly author?: string;
  /** Every author's name, in the order the post names them (`author` is the first); absent without one. */
  readonly authors?: readonly string[];
  readonly tags: readonly string[];
  readonly categories: readonly string[];
  readonly wordCount: number;
  /** Post, page or section, by the site's generator (absent: a post, for callers that know no site). */
  readonly kind?: ContentKind;
  /** Why the file is what `kind` says ("Jekyll post: in _posts/ (_config.yml)"). */
  readonly reason?: string;
  /** The post's address on the site, when the generator's rules and config make it knowable. */
  readonly url?: string;
  readonly site?: PostSite;
}

/**
 * A Post as the editor's first listing has it, before the rules run: the word
 * count (a read of the whole body, about half of a listed post's time)
 * comes with the findings. Only a post's hover shows it.
 */
export type ListedPost = Omit<Post, 'wordCount'> & { readonly wordCount?: number };

// ---------------------------------------------------------------------------
// Rules and findings

/** A rule's id, one per line of the rule table (rules/table.ts). */
export type { RuleId };
export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface Fix {
  /** What the fix does, said to the author ("Remove stray marker line"). */
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** Safe enough for `postdesk fix` and fix-all on save. */
  readonly safe: boolean;
  /** Preferred quick fix in the editor. */
  readonly preferred?: boolean;
  /**
   * `file` for a fix that repairs every finding of its rule in the file (the
   * same object is attached to each of them); fix-all applies it once.
   */
  readonly scope?: 'finding' | 'file';
  /** `title` as a template the editor can translate. */
  readonly titleTemplate?: MessageTemplate;
}

export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly range: Range;
  readonly fixes: readonly Fix[];
  /** `message` as a template the editor can translate; absent for text the engine does not own. */
  readonly messageTemplate?: MessageTemplate;
}

/** Everything the engine knows about one document. */
export interface Analysis {
  readonly document: SourceDocument;
  readonly split: SplitDocument;
  readonly post: Post;
  readonly findings: readonly Finding[];
  /** The file's place in its site and the generator's rules the analysis followed. */
  readonly site?: SiteContext;
}

// ---------------------------------------------------------------------------
// Configuration (defaults and validation live in config.ts)

export interface PostdeskConfig {
  /** Globs, relative to the project root, of the files that are posts. */
  readonly include: readonly string[];
  /** Globs never read (dependencies, build output, VCS folders). */
  readonly exclude: readonly string[];
  /** Front matter keys that hold a post's date, in order of preference. */
  readonly dateFields: readonly string[];
  /** Boilerplate lines the `stray-marker` rule flags (compared case-insensitively). */
  readonly markers: readonly string[];
  /** Severity per rule; `off` disables a rule. */
  readonly severity: Readonly<Record<RuleId, SeveritySetting>>;
  /** Files larger than this many bytes are reported by the `file` rule and not parsed. */
  readonly maxFileSize: number;
  /** Overrides of the site detection (generator, root, which files are posts or pages, date and draft fields). */
  readonly site?: SiteOverride;
}
