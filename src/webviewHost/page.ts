// The HTML every Postdesk webview page starts from, as plain strings (no
// editor API, so unit tests build it directly): a Content Security Policy
// that lets in only the page's own bundle (by a fresh nonce) and stylesheets
// from the extension, and an empty body the page's script fills. A page is
// named by its id: its bundle is dist/webview/<id>.js (scripts/build.mjs
// builds one per folder src/webview/<id>/), its stylesheet media/<id>.css.

/** One page: its id names its bundle, its stylesheet and its body class. */
export interface WebviewPage {
  /** `preview`: dist/webview/preview.js, media/preview.css, `<body class="postdesk-preview">`. */
  readonly id: string;
  /** The document title (already localised). */
  readonly title: string;
  /** The page's static markup inside `<body>`, before its script (trusted: the extension's own). */
  readonly body: string;
}

/** What the page may load besides its own bundle and stylesheet. */
export interface PagePolicy {
  /** Images from any https address (the preview's postdesk.preview.allowRemoteImages). */
  readonly allowRemoteImages?: boolean;
}

/** Where a page's own files are, relative to the extension's root, as path segments. */
export function pageAssets(id: string): { readonly script: readonly string[]; readonly style: readonly string[] } {
  if (!/^[a-z][a-z0-9-]*$/.test(id)) throw new Error(`A webview page id is lower-case letters, digits and dashes: ${JSON.stringify(id)}`);
  return { script: ['dist', 'webview', `${id}.js`], style: ['media', `${id}.css`] };
}

/** The folders a page's webview may load from the extension: every page's bundles and stylesheets, nothing else of it. */
export const PAGE_RESOURCE_FOLDERS: readonly (readonly string[])[] = [['media'], ['dist', 'webview']];

/** 144 random bits, hex: a new one for every page load, so an old page's nonce opens nothing. */
export function createNonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * No script but the one carrying the nonce (no `unsafe-inline`, no
 * `unsafe-eval`), styles only from the extension or by nonce, images from the
 * extension and workspace (`cspSource`) and data: URIs, no forms, no <base>.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string, policy: PagePolicy = {}): string {
  return [
    `default-src 'none'`,
    `img-src ${cspSource} ${policy.allowRemoteImages ? 'https: ' : ''}data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `form-action 'none'`,
    `base-uri 'none'`,
  ].join('; ');
}

/** What the editor side supplies: the webview's CSP source and its URIs for the page's files. */
export interface PageHtmlInput {
  readonly page: WebviewPage;
  readonly policy?: PagePolicy;
  readonly cspSource: string;
  readonly nonce: string;
  /** The webview URI of the page's bundle and stylesheet (asWebviewUri of pageAssets). */
  readonly scriptUri: string;
  readonly styleUri: string;
  /** Further stylesheets after the page's own (webview URIs), e.g. the author's postdesk.preview.styles. */
  readonly extraStyleUris?: readonly string[];
  /** The display language, for `<html lang>`. */
  readonly language: string;
}

export function pageHtml(input: PageHtmlInput): string {
  const { page, nonce } = input;
  const csp = contentSecurityPolicy(input.cspSource, nonce, input.policy);
  const styles = [input.styleUri, ...(input.extraStyleUris ?? [])]
    .map((uri) => `<link rel="stylesheet" nonce="${nonce}" href="${escapeAttribute(uri)}">`)
    .join('\n    ');
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(input.language)}">
  <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    ${styles}
    <title>${escapeAttribute(page.title)}</title>
  </head>
  <body class="postdesk-${escapeAttribute(page.id)}">
    ${page.body}
    <script nonce="${nonce}" src="${escapeAttribute(input.scriptUri)}"></script>
  </body>
</html>`;
}
