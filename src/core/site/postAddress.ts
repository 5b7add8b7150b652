// A link in a post to another post by its address (`/2021/03/04/news.html`,
// `https://blog.example/posts/hello/`, `/blog/posts/hello` on a site served
// under `/blog`): the post whose URL it names, by the site model's URLs
// (`post.url`). Pure: the editor keeps the index's URLs in a map by
// `addressKey` and asks with `linkAddressKeys`.

import type { SiteRef } from './types';

/**
 * What two addresses of one page share: host and path, lower-case host, no
 * scheme, query or fragment, no trailing `/`, `index.html` or `.html`
 * (Jekyll and Hugo serve `/a/` and `/a.html` alike where the page is
 * `a/index.html`). Undefined for what is not an absolute http(s) URL.
 */
export function addressKey(url: string): string | undefined {
  const m = /^https?:\/\/([^/?#]+)([^?#]*)/i.exec(url.trim());
  if (!m) return undefined;
  let path = m[2] ?? '';
  try {
    path = decodeURI(path);
  } catch {
    // A malformed escape is kept as written: it still names one address.
  }
  path = path.replace(/\/index\.html?$/i, '/').replace(/\.html?$/i, '').replace(/\/+$/, '');
  return `${(m[1] ?? '').toLowerCase()}${path}`;
}

/**
 * The keys a link `href` of a post on `site` may name: an absolute http(s)
 * URL as it is; a root-relative one against the site's base URL, with the
 * base URL's path added when the author left it out. Nothing for a relative
 * path (a file beside the post) or when the site has no base URL.
 */
export function linkAddressKeys(href: string, site: Pick<SiteRef, 'baseUrl'> | undefined): string[] {
  const trimmed = href.trim();
  if (/^https?:\/\//i.test(trimmed)) {
    const key = addressKey(trimmed);
    return key === undefined ? [] : [key];
  }
  if (!trimmed.startsWith('/') || trimmed.startsWith('//')) return [];
  const base = site?.baseUrl;
  const origin = base === undefined ? undefined : /^(https?:\/\/[^/?#]+)([^?#]*)/i.exec(base.trim());
  if (!origin) return [];
  const basePath = (origin[2] ?? '').replace(/\/+$/, '');
  const forms = basePath !== '' && !(trimmed === basePath || trimmed.startsWith(`${basePath}/`)) ? [`${basePath}${trimmed}`, trimmed] : [trimmed];
  return [...new Set(forms.map((form) => addressKey(`${origin[1]}${form}`)).filter((key): key is string => key !== undefined))];
}
