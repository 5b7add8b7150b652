// The preview's header as the site shows it (#17): every author, the
// categories and the tags apart, the description and the cover image, each
// only when the post has it. One pure function from the analysis' post, its
// front matter and its site to plain data; the page draws every string as
// text. The cover is resolved by the same address policy as the body's
// images (src/core/render/addresses.ts), so bundle-relative paths, the
// remote-image setting and the CSP apply to it alike. What the site knows
// beyond the post (Docusaurus tag labels, a Hugo bundle's files) comes in
// through the site and the render's options; nothing here reads a file.
import { postAuthors } from '../post';
import type { Post } from '../types';
import type { SiteRef } from '../site/types';
import { hugoFeaturedImage } from '../site/generators/hugo/resources';
import { imageDecision, type AddressPolicy } from './addresses';

/** An author as the header names them. */
export interface HeaderAuthor {
  readonly name: string;
  /** A role or title from the site's profile or the inline entry ("Maintainer"). */
  readonly title?: string;
}

/** The post's cover image: loaded from `src`, or a placeholder that names the address. */
export type HeaderCover =
  | { readonly kind: 'image'; readonly src: string; readonly alt: string; readonly path: string }
  | { readonly kind: 'placeholder'; readonly text: string; readonly title: string; readonly path: string };

export interface ArticleHeader {
  /** Every author, in the order the post names them; empty without one. */
  readonly authors: readonly HeaderAuthor[];
  /** The first author's name (kept for callers that show one). */
  readonly author?: string;
  /** The post's tags, each once, in order. */
  readonly tags: readonly string[];
  /** The post's categories, each once, in order. */
  readonly categories: readonly string[];
  /** The front matter's `description`, as text. */
  readonly description?: string;
  readonly cover?: HeaderCover;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** A list of names as a taxonomy holds them (Zola's `[taxonomies]` table). */
function names(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'number' ? String(x) : text(x))).filter((x): x is string => x !== undefined);
  const one = text(v);
  return one === undefined ? [] : [one];
}

/**
 * The cover's address and alt text, by the fields the generators and their
 * common themes read, first found wins:
 * - Hugo `images` (its internal Open Graph and Twitter templates, Hugo
 *   0.123+: the first entry; a page resource, else a site path);
 * - Astro `heroImage` (the blog starter, Astro 4/5);
 * - `cover`: a string, or an object with `image` (and `alt`) as Hugo
 *   PaperMod writes it;
 * - `image`: a string (Docusaurus 3 blog posts, jekyll-seo-tag) or an object
 *   with `path` (and `alt`) (jekyll-seo-tag 2.x).
 * With none of them, a Hugo bundle's featured image (`articleHeader`).
 */
function coverSource(data: Readonly<Record<string, unknown>>): { readonly path: string; readonly alt: string } | undefined {
  const images = data.images;
  const first = Array.isArray(images) ? text(images[0]) : text(images);
  if (first !== undefined) return { path: first, alt: '' };
  const hero = text(data.heroImage);
  if (hero !== undefined) return { path: hero, alt: '' };
  const cover = data.cover;
  if (isRecord(cover)) {
    const image = text(cover.image);
    if (image !== undefined) return { path: image, alt: text(cover.alt) ?? '' };
  } else {
    const image = text(cover);
    if (image !== undefined) return { path: image, alt: '' };
  }
  const image = data.image;
  if (isRecord(image)) {
    const path = text(image.path);
    if (path !== undefined) return { path, alt: text(image.alt) ?? '' };
  } else {
    const path = text(image);
    if (path !== undefined) return { path, alt: '' };
  }
  return undefined;
}

/**
 * Docusaurus' tags (3.x blog docs, "tags"; @docusaurus/utils 3.10
 * `normalizeTag`): a string that is a key of the tags file shows that tag's
 * label; any other string is an inline tag, shown as written; an object is
 * an inline tag with its own `label`.
 */
function docusaurusTags(v: unknown, labels: Readonly<Record<string, string>>): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v
    .map((tag) => {
      if (isRecord(tag)) return text(tag.label);
      const key = typeof tag === 'number' ? String(tag) : text(tag);
      return key !== undefined && Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : key;
    })
    .filter((t): t is string => t !== undefined);
}

/** A path below the bundle as a relative address: each segment percent-encoded, so `#`, `%` or a space stay part of the name. */
function bundleAddress(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * The header's fields beyond title, date, status and URL (which the post
 * model has): authors (profiles resolved through `site.authorProfiles`),
 * tags (labels through `site.tagLabels`) and categories apart, the
 * description, and the cover image resolved by `policy` exactly as a body
 * image is. `bundleResources` are the files of the post's page bundle (paths
 * below its folder), when the caller has listed them: a Hugo post without a
 * cover in its front matter takes the bundle's featured image, as Hugo's
 * Open Graph and Twitter Card templates do.
 */
export function articleHeader(
  post: Post,
  frontMatter: Readonly<Record<string, unknown>>,
  site: SiteRef | undefined,
  policy: AddressPolicy,
  bundleResources?: readonly string[],
): ArticleHeader {
  const authors: HeaderAuthor[] = postAuthors(frontMatter, site).map((a) => (a.title !== undefined ? { name: a.name, title: a.title } : { name: a.name }));
  let tags = post.tags;
  if (site?.tagLabels !== undefined) tags = docusaurusTags(frontMatter.tags, site.tagLabels) ?? tags;
  let categories = post.categories;
  // Zola puts taxonomies in their own table (`[taxonomies] tags = […]`).
  const taxonomies = frontMatter.taxonomies;
  if (isRecord(taxonomies)) {
    if (tags.length === 0) tags = names(taxonomies.tags);
    if (categories.length === 0) categories = names(taxonomies.categories);
  }
  const description = text(frontMatter.description);
  let source = coverSource(frontMatter);
  if (source === undefined && site?.generator === 'hugo' && bundleResources !== undefined) {
    const featured = hugoFeaturedImage(bundleResources, frontMatter);
    if (featured !== undefined) source = { path: bundleAddress(featured), alt: '' };
  }
  let cover: HeaderCover | undefined;
  if (source !== undefined) {
    const decision = imageDecision(source.path, source.alt, policy);
    cover =
      decision.kind === 'image'
        ? { kind: 'image', src: decision.src, alt: source.alt, path: source.path }
        : { kind: 'placeholder', text: decision.text, title: decision.title, path: source.path };
  }
  return {
    authors,
    ...(authors[0] !== undefined ? { author: authors[0].name } : {}),
    tags: unique(tags),
    categories: unique(categories),
    ...(description !== undefined ? { description } : {}),
    ...(cover !== undefined ? { cover } : {}),
  };
}
