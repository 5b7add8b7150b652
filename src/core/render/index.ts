// Renders an analysed article to the data the preview shows: a header built
// from the post model and a sanitised body. Plain text in, plain data out, so
// the extension, the unit tests and the benchmark share it (no editor API).
import { formatDisplayDate } from '../dates';
import type { Analysis, PostStatus } from '../types';
import { createPipeline, renderBody, type MarkdownPipeline } from './body';
import { BlockCache } from './blockCache';
import { countLines, type RenderEnv } from './markdown';

export { classifyUrl, type UrlKind } from './urls';
export { createMarkdown } from './markdown';

export interface RenderLabels {
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
}

export interface RenderedMarker {
  /** Zero-based document line. */
  readonly line: number;
  readonly text: string;
}

export interface RenderedArticle {
  readonly title: string;
  /** The post's date as shown everywhere in Postdesk; undefined when undated. */
  readonly dateText?: string;
  readonly status: PostStatus;
  readonly author?: string;
  readonly tags: readonly string[];
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

  render(analysis: Analysis, options: RenderOptions): RenderedArticle {
    if (options.resourceScope === undefined && options.resolveResource !== this.resolver) {
      this.resolver = options.resolveResource;
      this.resolverGeneration++;
    }
    const labels = { ...DEFAULT_RENDER_LABELS, ...options.labels };
    const context = JSON.stringify([options.resourceScope ?? this.resolverGeneration, options.allowRemoteImages, labels]);
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
  const env: RenderEnv = { lineOffset, markerLines, markerLabel: labels.marker, policy };
  const bodyHtml = renderBody(pipeline, text.slice(bodyStart), env, cache);

  const tags = [...post.tags, ...post.categories.filter((c) => !post.tags.includes(c))];
  return {
    title: post.title,
    dateText: post.date ? formatDisplayDate(post.date.value, options.locale) : undefined,
    status: post.status,
    author: post.author,
    tags,
    wordCount: post.wordCount,
    readingMinutes: readingMinutes(post.wordCount),
    bodyHtml,
    markers,
  };
}
