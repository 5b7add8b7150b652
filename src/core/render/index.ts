// Renders an analysed article to the data the preview shows: a header built
// from the post model and a sanitised body. Plain text in, plain data out, so
// the extension, the unit tests and the benchmark share it (no editor API).
import { formatDisplayDate } from '../dates';
import type { Analysis, PostStatus } from '../types';
import { createPipeline, renderBody, type MarkdownPipeline } from './body';
import { BlockCache } from './blockCache';
import { articleHeader, type ArticleHeader } from './header';
import { countLines, type RenderEnv } from './markdown';
import { DEFAULT_TEMPLATE_LABELS, type ResolvedPostLink, type TemplateEnv, type TemplateGenerator, type TemplateLabels, type TemplateReference } from './templates/types';

export type { ResolvedPostLink, TemplateGenerator, TemplateLabels, TemplateReference } from './templates/types';
export { DEFAULT_TEMPLATE_LABELS } from './templates/types';

export { classifyUrl, type UrlKind } from './urls';
export type { ArticleHeader, HeaderAuthor, HeaderCover } from './header';
export { createMarkdown } from './markdown';

export interface RenderLabels extends TemplateLabels {
  /** Text of the band that replaces a stray marker line. */
  readonly marker: string;
  /** Placeholder for a remote image that is not loaded. */
  readonly remoteImageBlocked: string;
  /** Placeholder for an image that cannot be shown (missing, or an unsafe address). */
  readonly imageUnavailable: string;
}

export const DEFAULT_RENDER_LABELS: RenderLabels = {
  marker: 'Advertisement — stray marker, not part of the article',
  remoteImageBlocked: 'Remote image blocked',
  imageUnavailable: 'Image not available',
  ...DEFAULT_TEMPLATE_LABELS,
};

export interface RenderOptions {
  /** BCP 47 tag for the date in the header, e.g. `vscode.env.language`. */
  readonly locale: string;
  /** Maps a relative address to a URL the preview can load; undefined when it cannot. */
  readonly resolveResource?: (href: string) => string | undefined;
  /** Show https images from the internet; otherwise they become placeholders. */
  readonly allowRemoteImages: boolean;
  /** Localised texts; English by default. */
  readonly labels?: Partial<RenderLabels>;
  /**
   * What `resolveResource` resolves against (e.g. the webview and the
   * document). An {@link ArticleRenderer} reuses blocks rendered under the
   * same scope; without one, only under the same `resolveResource` function.
   */
  readonly resourceScope?: string;
  /**
   * The site's generator, whose template syntax (shortcodes, Liquid, …) the
   * preview recognises and renders (#17). Without it, template syntax is
   * prose; an `.mdx` file gets MDX syntax either way.
   */
  readonly generator?: TemplateGenerator;
  /** Whether MDX syntax applies; by default, when the document's path ends in `.mdx`. */
  readonly mdx?: boolean;
  /**
   * The files of the post's page bundle, as paths below its folder, when the
   * caller has listed them (src/preview/siteResources.ts): a Hugo post without
   * `images` takes its cover from them, as Hugo's Open Graph template does.
   */
  readonly bundleResources?: readonly string[];
  /** The site's config values (`{{ site.title }}`, Hugo `param`'s site params). The page's are its front matter. */
  readonly siteValues?: Readonly<Record<string, unknown>>;
  /** A post a template links to (Hugo `ref`/`relref`, Jekyll `post_url`/`link`); undefined when there is none. */
  readonly resolvePostLink?: (target: string) => ResolvedPostLink | undefined;
  /** A template's file (shortcode, include, component), to link to from its label; undefined when it does not exist. */
  readonly resolveTemplate?: (reference: TemplateReference) => { readonly href: string } | undefined;
}

export interface RenderedMarker {
  /** Zero-based document line. */
  readonly line: number;
  readonly text: string;
}

/** The article's header (title, date, status, and the site's fields from header.ts) and its body. */
export interface RenderedArticle extends ArticleHeader {
  readonly title: string;
  /** The post's date as shown everywhere in Postdesk; undefined when undated. */
  readonly dateText?: string;
  readonly status: PostStatus;
  readonly wordCount: number;
  readonly readingMinutes: number;
  /** Sanitised HTML of the body (never the front matter). */
  readonly bodyHtml: string;
  readonly markers: readonly RenderedMarker[];
}

/** Words per minute for the reading-time estimate (a common figure for adults reading prose on screen). */
const WORDS_PER_MINUTE = 230;

export function readingMinutes(wordCount: number): number {
  return wordCount <= 0 ? 0 : Math.max(1, Math.round(wordCount / WORDS_PER_MINUTE));
}

// markdown-it instances are costly to build and safe to reuse across renders.
let sharedPipeline: MarkdownPipeline | undefined;

/** Renders an article from scratch (no cache): the CLI, tests and the benchmark's cold render. */
export function renderArticle(analysis: Analysis, options: RenderOptions): RenderedArticle {
  sharedPipeline ??= createPipeline();
  return render(sharedPipeline, analysis, options, undefined);
}

/**
 * A renderer for one preview: renders like {@link renderArticle} and keeps
 * the HTML of the blocks it rendered, so the next render of the same article
 * while the author types parses only the blocks that changed.
 */
export class ArticleRenderer {
  private readonly pipeline = createPipeline();
  private readonly blocks = new BlockCache();
  private resolver: RenderOptions['resolveResource'];
  private resolverGeneration = 0;
  private templateResolvers: [RenderOptions['resolvePostLink'], RenderOptions['resolveTemplate']] = [undefined, undefined];
  private templateResolverGeneration = 0;

  render(analysis: Analysis, options: RenderOptions): RenderedArticle {
    if (options.resourceScope === undefined && options.resolveResource !== this.resolver) {
      this.resolver = options.resolveResource;
      this.resolverGeneration++;
    }
    if (options.resolvePostLink !== this.templateResolvers[0] || options.resolveTemplate !== this.templateResolvers[1]) {
      this.templateResolvers = [options.resolvePostLink, options.resolveTemplate];
      this.templateResolverGeneration++;
    }
    const labels = { ...DEFAULT_RENDER_LABELS, ...options.labels };
    // Templates render from the front matter and site values too: a change there renders every block again.
    const templates = options.generator !== undefined || isMdx(analysis, options) ? [options.generator, isMdx(analysis, options), analysis.split.frontMatter?.data ?? null, options.siteValues ?? null, this.templateResolverGeneration] : null;
    const context = JSON.stringify([options.resourceScope ?? this.resolverGeneration, options.allowRemoteImages, labels, templates]);
    return render(this.pipeline, analysis, options, { blocks: this.blocks, context });
  }

  /** Of the latest render: blocks reused from the cache, blocks rendered anew, and inline contents those parsed anew. */
  get lastRender(): { readonly reused: number; readonly rendered: number; readonly inlinesParsed: number } {
    return { reused: this.blocks.reused, rendered: this.blocks.rendered, inlinesParsed: this.blocks.inlinesParsed };
  }

  /** Forgets every cached block. */
  clear(): void {
    this.blocks.begin('');
    this.blocks.end();
  }
}

function isMdx(analysis: Analysis, options: RenderOptions): boolean {
  return options.mdx ?? /\.mdx$/i.test(analysis.document.path);
}

function render(pipeline: MarkdownPipeline, analysis: Analysis, options: RenderOptions, cache: { blocks: BlockCache; context: string } | undefined): RenderedArticle {
  const { document, split, post } = analysis;
  const labels = { ...DEFAULT_RENDER_LABELS, ...options.labels };
  const text = document.text;
  const bodyStart = Math.min(Math.max(split.bodyStart, 0), text.length);
  const lineOffset = countLines(text.slice(0, bodyStart));

  const markers: RenderedMarker[] = [];
  const markerLines = new Set<number>();
  for (const finding of analysis.findings) {
    if (finding.rule !== 'stray-marker' || finding.span.start < bodyStart) continue;
    const line = finding.range.start.line;
    if (markerLines.has(line - lineOffset)) continue;
    markerLines.add(line - lineOffset);
    markers.push({ line, text: text.slice(finding.span.start, finding.span.end).trim() });
  }

  const policy = { resolveResource: options.resolveResource, allowRemoteImages: options.allowRemoteImages, labels };
  const mdx = isMdx(analysis, options);
  const templates: TemplateEnv | undefined =
    options.generator !== undefined || mdx
      ? {
          generator: options.generator,
          mdx,
          page: analysis.split.frontMatter?.data ?? {},
          site: options.siteValues ?? {},
          resolvePostLink: options.resolvePostLink,
          resolveTemplate: options.resolveTemplate,
          labels,
          imports: new Map(),
        }
      : undefined;
  const env: RenderEnv = { lineOffset, markerLines, markerLabel: labels.marker, policy, templates };
  const bodyHtml = renderBody(pipeline, text.slice(bodyStart), env, cache);

  return {
    title: post.title,
    dateText: post.date ? formatDisplayDate(post.date.value, options.locale) : undefined,
    status: post.status,
    ...articleHeader(post, split.frontMatter?.data ?? {}, analysis.site?.site, policy, options.bundleResources),
    wordCount: post.wordCount,
    readingMinutes: readingMinutes(post.wordCount),
    bodyHtml,
    markers,
  };
}
