// What an article's link and image addresses become in the preview, decided
// in one place for both paths into the page: Markdown links and images
// (rendered directly) and raw HTML tags (through the sanitiser).
import { classifyUrl } from './urls';

export interface AddressPolicy {
  /** Maps a relative address to something the page can load; undefined = not available. */
  readonly resolveResource?: (href: string) => string | undefined;
  readonly allowRemoteImages: boolean;
  /** Localised texts for the placeholders of images that are not shown. */
  readonly labels: { readonly remoteImageBlocked: string; readonly imageUnavailable: string };
}

/** The attributes a link keeps: `href` for what the page may follow, `data-href` for what it asks the extension to open. */
export function linkAttributes(rawHref: string, policy: AddressPolicy): { href?: string; 'data-href'?: string } {
  const url = classifyUrl(rawHref);
  switch (url.kind) {
    case 'fragment':
    case 'external':
      return { href: url.href };
    case 'relative':
      // The page posts data-href back; the extension resolves and opens it.
      return { href: (url.isPost ? undefined : policy.resolveResource?.(url.href)) ?? '#', 'data-href': url.href };
    default:
      return {};
  }
}

export type ImageDecision =
  | { readonly kind: 'image'; readonly src: string }
  /** Not loaded: shown as its alt text in a box, with the reason and address in the tooltip. */
  | { readonly kind: 'placeholder'; readonly text: string; readonly title: string };

export function imageDecision(rawSrc: string, alt: string, policy: AddressPolicy): ImageDecision {
  const url = classifyUrl(rawSrc);
  const { remoteImageBlocked, imageUnavailable } = policy.labels;
  if (url.kind === 'data-image') return { kind: 'image', src: url.href };
  if (url.kind === 'external' && url.scheme !== 'mailto') {
    if (policy.allowRemoteImages && url.scheme === 'https') return { kind: 'image', src: url.href };
    return { kind: 'placeholder', text: alt || remoteImageBlocked, title: `${remoteImageBlocked}: ${url.href}` };
  }
  if (url.kind === 'relative') {
    const resolved = policy.resolveResource?.(url.href);
    if (resolved !== undefined) return { kind: 'image', src: resolved };
  }
  return { kind: 'placeholder', text: alt || imageUnavailable, title: `${imageUnavailable}: ${rawSrc}` };
}

export const PLACEHOLDER_CLASS = 'postdesk-blocked-image';
