// Turns a document's analysis into the `render` message's article: render
// with src/core/render, and localise the header texts here (the page has no
// access to vscode.l10n).
import * as vscode from 'vscode';
import { statusText } from '../common/labels';
import type { ArticleRenderer, RenderedArticle, RenderOptions } from '../core/render';
import type { Analysis, PostStatus } from '../core/types';
import type { PreviewArticle } from './protocol';

/** The badge for posts that are not simply published. */
function statusLabel(status: PostStatus): string | undefined {
  return status === 'published' ? undefined : statusText(status);
}

function statsText(rendered: RenderedArticle, locale: string): string {
  let words: string;
  try {
    words = rendered.wordCount.toLocaleString(locale);
  } catch {
    words = String(rendered.wordCount);
  }
  const wordText = rendered.wordCount === 1 ? vscode.l10n.t('1 word') : vscode.l10n.t('{0} words', words);
  return vscode.l10n.t('{0} · {1} min read', wordText, rendered.readingMinutes);
}

export interface ArticleInput {
  readonly uri: vscode.Uri;
  /** The document's shared analysis (src/analysis): the diagnostics and the index use the same one. */
  readonly analysis: Analysis;
  readonly allowRemoteImages: boolean;
  readonly resolveResource?: (href: string) => string | undefined;
  /** The preview's renderer: keeps unchanged blocks between updates. */
  readonly renderer: ArticleRenderer;
}

export interface BuiltArticle {
  readonly rendered: RenderedArticle;
  readonly article: PreviewArticle;
}

export function buildArticle(input: ArticleInput): BuiltArticle {
  const locale = vscode.env.language;
  const analysis = input.analysis;
  const options: RenderOptions = {
    locale,
    allowRemoteImages: input.allowRemoteImages,
    resolveResource: input.resolveResource,
    // The resolver is made per render; what it resolves against is the panel's webview (one renderer per panel) and the document.
    resourceScope: input.uri.toString(),
    labels: {
      marker: vscode.l10n.t('Advertisement — stray marker, not part of the article'),
      remoteImageBlocked: vscode.l10n.t('Remote image blocked'),
      imageUnavailable: vscode.l10n.t('Image not available'),
    },
  };
  const rendered = input.renderer.render(analysis, options);
  const article: PreviewArticle = {
    title: rendered.title,
    dateText: rendered.dateText,
    status: rendered.status,
    statusLabel: statusLabel(rendered.status),
    authorText: rendered.author !== undefined ? vscode.l10n.t('by {0}', rendered.author) : undefined,
    tags: rendered.tags,
    ...(analysis.post.url !== undefined ? { url: analysis.post.url } : {}),
    statsText: statsText(rendered, locale),
    bodyHtml: rendered.bodyHtml,
    markerCount: rendered.markers.length,
  };
  return { rendered, article };
}
