// Decides what a link or image address in an article may become in the
// preview. Articles are untrusted (scraped pages end up here), so every
// address is classified from the text a browser would actually act on.

/** What an address in an article points at. */
export type UrlKind =
  /** `#section` inside the article. */
  | { readonly kind: 'fragment'; readonly href: string }
  /** http(s) or mailto: opened outside the editor, after the page asks. */
  | { readonly kind: 'external'; readonly href: string; readonly scheme: 'http' | 'https' | 'mailto' }
  /** A path relative to the article (or to the folder root when it starts with `/`). */
  | { readonly kind: 'relative'; readonly href: string; readonly path: string; readonly isPost: boolean }
  /** An inline raster image (`data:image/png;base64,…`), safe inside `<img>`. */
  | { readonly kind: 'data-image'; readonly href: string }
  /** Anything else: javascript:, vbscript:, data:text/html, file:, command:, protocol-relative… */
  | { readonly kind: 'blocked'; readonly href: string };

const POST_EXTENSION = /\.(md|markdown|mdx)$/i;
// Raster formats only: an SVG is a document and has no business being inlined.
const SAFE_DATA_IMAGE = /^data:image\/(png|gif|jpeg|jpg|webp|avif|bmp);base64,[a-z0-9+/=\s]*$/i;

/**
 * Browsers drop ASCII tab/CR/LF anywhere in a URL and trim C0 controls and
 * spaces around it, so `java\tscript:` is `javascript:`. Normalise the same
 * way before looking at the scheme.
 */
function browserNormalise(href: string): string {
  // Most addresses have nothing to drop: one pass over the characters says so.
  const last = href.length - 1;
  let clean = last < 0 || (href.charCodeAt(0) > 0x20 && href.charCodeAt(last) > 0x20);
  for (let i = 0; clean && i <= last; i++) {
    const c = href.charCodeAt(i);
    if (c === 9 || c === 10 || c === 13) clean = false;
  }
  if (clean) return href;
  // eslint-disable-next-line no-control-regex
  return href.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}

/** Whether `href` holds a C0 control character or DEL. */
function hasControl(href: string): boolean {
  for (let i = 0; i < href.length; i++) {
    const c = href.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

export function classifyUrl(rawHref: string): UrlKind {
  const href = browserNormalise(rawHref);
  if (href.startsWith('#')) return { kind: 'fragment', href };
  // `//host/x` and `\\host\x` borrow the page's scheme: treat as remote, and refuse.
  if (/^[/\\]{2}/.test(href)) return { kind: 'blocked', href };
  // Any remaining control character makes the address suspicious (`java\0script:`).
  if (hasControl(href)) return { kind: 'blocked', href };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    const path = href.split(/[?#]/, 1)[0] ?? '';
    let decoded = path;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      // A malformed escape: keep the text as written.
    }
    return { kind: 'relative', href, path: decoded, isPost: POST_EXTENSION.test(decoded) };
  }
  if (scheme === 'http' || scheme === 'https' || scheme === 'mailto') return { kind: 'external', href, scheme };
  if (scheme === 'data' && SAFE_DATA_IMAGE.test(href)) return { kind: 'data-image', href };
  return { kind: 'blocked', href };
}
