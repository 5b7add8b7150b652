// The preview page's HTML: the shared webview shell (src/webviewHost) with
// the preview's header and article containers. It is set once per panel (and
// again only when something in its Content Security Policy or stylesheet list
// changes); article updates travel as messages. The policy allows this
// extension's own script and styles and nothing the article could bring in.
import * as vscode from 'vscode';
import { buildPageHtml, pageResourceRoots } from '../webviewHost';

export interface ShellOptions {
  readonly allowRemoteImages: boolean;
  /** Extra stylesheets (postdesk.preview.styles), already limited to trusted workspaces. */
  readonly styles: readonly vscode.Uri[];
}

/** The preview's page id: dist/webview/preview.js, media/preview.css, src/webview/preview/. */
export const PREVIEW_PAGE_ID = 'preview';

/** Identifies a shell: when this changes the page must be reloaded. */
export function shellKey(options: ShellOptions): string {
  return JSON.stringify([options.allowRemoteImages, options.styles.map((s) => s.toString())]);
}

export function buildShell(webview: vscode.Webview, extensionUri: vscode.Uri, options: ShellOptions): string {
  const page = {
    id: PREVIEW_PAGE_ID,
    title: vscode.l10n.t('Postdesk Preview'),
    body: [
      '<header id="postdesk-header" class="postdesk-header" aria-live="polite"></header>',
      '<main id="postdesk-body" class="postdesk-body"></main>',
    ].join('\n    '),
  };
  return buildPageHtml(webview, extensionUri, page, { policy: { allowRemoteImages: options.allowRemoteImages }, extraStyles: options.styles });
}

/** The preview panel's webview: scripts for its own page only, no command links, and the workspace's files for the article's images. */
export function previewPanelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableFindWidget: true,
    localResourceRoots: [...pageResourceRoots(extensionUri), ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri)],
  };
}
