// The preview page's HTML shell. It is set once per panel (and again only
// when something in its Content Security Policy or stylesheet list changes);
// article updates travel as messages. The policy allows this extension's own
// script and styles and nothing the article could bring in.
import * as vscode from 'vscode';

export interface ShellOptions {
  readonly allowRemoteImages: boolean;
  /** Extra stylesheets (postdesk.preview.styles), already limited to trusted workspaces. */
  readonly styles: readonly vscode.Uri[];
}

/** Identifies a shell: when this changes the page must be reloaded. */
export function shellKey(options: ShellOptions): string {
  return JSON.stringify([options.allowRemoteImages, options.styles.map((s) => s.toString())]);
}

function createNonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function contentSecurityPolicy(cspSource: string, nonce: string, allowRemoteImages: boolean): string {
  return [
    `default-src 'none'`,
    `img-src ${cspSource} ${allowRemoteImages ? 'https: ' : ''}data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `form-action 'none'`,
    `base-uri 'none'`,
  ].join('; ');
}

export function buildShell(webview: vscode.Webview, extensionUri: vscode.Uri, options: ShellOptions): string {
  const nonce = createNonce();
  const asset = (...path: string[]): string => escapeAttribute(webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString());
  const extraStyles = options.styles
    .map((uri) => `<link rel="stylesheet" nonce="${nonce}" href="${escapeAttribute(webview.asWebviewUri(uri).toString())}">`)
    .join('\n    ');
  const csp = contentSecurityPolicy(webview.cspSource, nonce, options.allowRemoteImages);
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(vscode.env.language)}">
  <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <link rel="stylesheet" nonce="${nonce}" href="${asset('media', 'preview.css')}">
    ${extraStyles}
    <title>${escapeAttribute(vscode.l10n.t('Postdesk Preview'))}</title>
  </head>
  <body class="postdesk-preview">
    <header id="postdesk-header" class="postdesk-header" aria-live="polite"></header>
    <main id="postdesk-body" class="postdesk-body"></main>
    <script nonce="${nonce}" src="${asset('dist', 'webview', 'preview.js')}"></script>
  </body>
</html>`;
}
