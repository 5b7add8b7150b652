// The editor side of a webview page: its HTML from the shared shell (page.ts)
// with the webview's own URIs, and the options every page's webview gets.
// VS Code puts its theme classes (vscode-light, vscode-dark,
// vscode-high-contrast, vscode-high-contrast-light) on the page's <body> next
// to the shell's `postdesk-<id>`; stylesheets key off those and --vscode-* colours.
import * as vscode from 'vscode';
import { createNonce, PAGE_RESOURCE_FOLDERS, pageAssets, pageHtml, type PagePolicy, type WebviewPage } from './page';

export interface PageShellOptions {
  readonly policy?: PagePolicy;
  /** Stylesheets after the page's own (files the webview may load: see pageResourceRoots). */
  readonly extraStyles?: readonly vscode.Uri[];
}

/** The page's HTML with a fresh nonce: set it as `webview.html` (each load gets a new one). */
export function buildPageHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage, options: PageShellOptions = {}): string {
  const assets = pageAssets(page.id);
  const uri = (segments: readonly string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...segments)).toString();
  return pageHtml({
    page,
    policy: options.policy,
    cspSource: webview.cspSource,
    nonce: createNonce(),
    scriptUri: uri(assets.script),
    styleUri: uri(assets.style),
    extraStyleUris: (options.extraStyles ?? []).map((style) => webview.asWebviewUri(style).toString()),
    language: vscode.env.language,
  });
}

/** The extension folders a page's webview may load from (its bundle and stylesheet); add what the page itself shows (a workspace's images). */
export function pageResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return PAGE_RESOURCE_FOLDERS.map((segments) => vscode.Uri.joinPath(extensionUri, ...segments));
}
