// Turns a document's analysis into the `render` message's article: render
// with src/core/render, and localise the header texts here (the page has no
// access to vscode.l10n).
import * as vscode from 'vscode';
import { statusText } from '../common/labels';
import type { ArticleRenderer, RenderedArticle, RenderLabels, RenderOptions, TemplateGenerator } from '../core/render';
import type { Analysis, PostStatus } from '../core/types';
import type { PreviewArticle } from './protocol';
import type { TemplateResolvers } from './templateLinks';

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

/** Names joined as the editor's language joins a list: "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  let head = names[0] ?? '';
  for (const name of names.slice(1, -1)) head = vscode.l10n.t('{0}, {1}', head, name);
  return vscode.l10n.t('{0} and {1}', head, names[names.length - 1] ?? '');
}

/** The header's site fields (#17) in the page's terms: the byline in words, the lists, the description and the cover. */
function headerFields(rendered: RenderedArticle): Pick<PreviewArticle, 'authorText' | 'authors' | 'authorTooltip' | 'tags' | 'categories' | 'tagsLabel' | 'categoriesLabel' | 'description' | 'cover'> {
  const authors = rendered.authors.map((a) => a.name);
  const roles = rendered.authors.filter((a) => a.title !== undefined).map((a) => vscode.l10n.t('{0} — {1}', a.name, a.title ?? ''));
  const cover = rendered.cover;
  return {
    ...(authors.length > 0 ? { authorText: vscode.l10n.t('by {0}', joinNames(authors)) } : {}),
    authors,
    ...(roles.length > 0 ? { authorTooltip: roles.join('\n') } : {}),
    tags: rendered.tags,
    categories: rendered.categories,
    ...(rendered.tags.length > 0 ? { tagsLabel: vscode.l10n.t('Tags') } : {}),
    ...(rendered.categories.length > 0 ? { categoriesLabel: vscode.l10n.t('Categories') } : {}),
    ...(rendered.description !== undefined ? { description: rendered.description } : {}),
    ...(cover === undefined
      ? {}
      : cover.kind === 'image'
        ? { cover: { kind: 'image', src: cover.src, alt: cover.alt, missingText: vscode.l10n.t('Image not available: {0}', cover.path) } }
        : { cover: { kind: 'placeholder', text: cover.title } }),
  };
}

export interface ArticleInput {
  readonly uri: vscode.Uri;
  /** The document's shared analysis (src/analysis): the diagnostics and the index use the same one. */
  readonly analysis: Analysis;
  readonly allowRemoteImages: boolean;
  readonly resolveResource?: (href: string) => string | undefined;
  /** The files of the post's page bundle, when listed (src/preview/siteResources.ts): the header's cover may be one. */
  readonly bundleResources?: readonly string[];
  /** The preview's renderer: keeps unchanged blocks between updates. */
  readonly renderer: ArticleRenderer;
  /** Where the post's templates link to (src/preview/templateLinks.ts); without them every such link is shown as missing. */
  readonly templates?: TemplateResolvers;
}

/** The labels of the template blocks and admonitions (#17), in the editor's language. */
function templateLabels(): Partial<RenderLabels> {
  return {
    shortcode: vscode.l10n.t('Shortcode'),
    include: vscode.l10n.t('Include'),
    component: vscode.l10n.t('Component'),
    template: vscode.l10n.t('Template'),
    openTemplate: vscode.l10n.t('open template'),
    missingPost: vscode.l10n.t('Missing post'),
    missingValue: vscode.l10n.t('No value for'),
    video: vscode.l10n.t('Video'),
    gist: vscode.l10n.t('Gist'),
    note: vscode.l10n.t('Note'),
    tip: vscode.l10n.t('Tip'),
    info: vscode.l10n.t('Info'),
    warning: vscode.l10n.t('Warning'),
    danger: vscode.l10n.t('Danger'),
    caution: vscode.l10n.t('Caution'),
  };
}

/** The site's generator as the renderer names it; none for a plain folder. */
function templateGenerator(analysis: Analysis): TemplateGenerator | undefined {
  const generator = analysis.site?.site.generator;
  return generator === undefined || generator === 'none' ? undefined : generator;
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
    bundleResources: input.bundleResources,
    // The resolver is made per render; what it resolves against is the panel's webview (one renderer per panel) and the document.
    resourceScope: input.uri.toString(),
    generator: templateGenerator(analysis),
    mdx: /\.mdx$/i.test(input.uri.path),
    siteValues: analysis.site?.site.values,
    resolvePostLink: input.templates?.resolvePostLink,
    resolveTemplate: input.templates?.resolveTemplate,
    labels: {
      ...templateLabels(),
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
    ...headerFields(rendered),
    ...(analysis.post.url !== undefined ? { url: analysis.post.url } : {}),
    statsText: statsText(rendered, locale),
    bodyHtml: rendered.bodyHtml,
    markerCount: rendered.markers.length,
  };
  return { rendered, article };
}
