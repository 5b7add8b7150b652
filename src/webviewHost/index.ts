// The shared shell of Postdesk's webview pages (docs/architecture.md,
// "Webview pages"): HTML with a strict CSP and a fresh nonce, each page's own
// bundle and stylesheet, the resource roots, and the typed message channel.
export { WebviewChannel } from './channel';
export { buildPageHtml, pageResourceRoots, type PageShellOptions } from './shell';
export { contentSecurityPolicy, pageAssets, type PagePolicy, type WebviewPage } from './page';
