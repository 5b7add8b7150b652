// Commands on one post, run from the Posts view (which passes the post's Uri)
// or from the palette/keybindings (which fall back to the active editor).
import * as vscode from 'vscode';
import type { PostIndex } from '../index/postIndex';

/** The post a command acts on: the Uri it was given, else the active editor's file. */
export function targetUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  // Some callers hand over an object carrying the resource (e.g. a tree item).
  if (typeof arg === 'object' && arg !== null && (arg as { resourceUri?: unknown }).resourceUri instanceof vscode.Uri) {
    return (arg as { resourceUri: vscode.Uri }).resourceUri;
  }
  return vscode.window.activeTextEditor?.document.uri;
}

export async function openPost(arg: unknown, options?: { readonly preserveFocus?: boolean }): Promise<void> {
  const uri = targetUri(arg);
  if (!uri) return;
  try {
    // Like a single click in the Explorer: a preview tab, and the tree keeps
    // the focus when clicked, so browsing posts does not pile up tabs.
    await vscode.window.showTextDocument(uri, { preview: true, preserveFocus: options?.preserveFocus === true });
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not open {0}: {1}', vscode.workspace.asRelativePath(uri), error instanceof Error ? error.message : String(error)));
  }
}

export async function copyPath(arg: unknown): Promise<void> {
  const uri = targetUri(arg);
  if (!uri) return;
  // A virtual workspace (vscode.dev) has no file system path: copy the URI there.
  await vscode.env.clipboard.writeText(uri.scheme === 'file' ? uri.fsPath : uri.toString());
}

export async function revealInExplorer(arg: unknown): Promise<void> {
  const uri = targetUri(arg);
  if (!uri) return;
  await vscode.commands.executeCommand('revealInExplorer', uri);
}

/** The post's URL on its site, or undefined (said to the author) when its generator's rules do not make it knowable. */
function siteUrlOf(index: PostIndex, arg: unknown): string | undefined {
  const uri = targetUri(arg);
  if (!uri) return undefined;
  const url = index.get(uri)?.post.url;
  if (url === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t("Postdesk cannot tell this file's URL: its site's generator and config do not say where it is published."));
  }
  return url;
}

export async function copyUrl(index: PostIndex, arg: unknown): Promise<void> {
  const url = siteUrlOf(index, arg);
  if (url !== undefined) await vscode.env.clipboard.writeText(url);
}

export async function openOnSite(index: PostIndex, arg: unknown): Promise<void> {
  const url = siteUrlOf(index, arg);
  if (url === undefined) return;
  // A site without a base URL gives a path only: there is no page to open.
  if (!/^https?:\/\//i.test(url)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This post would be at {0}, but the site has no base URL to open it on.', url));
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(url));
}

/** Opens a site's generator config: the Posts view's site node passes itself (a group carrying `configUri`). */
export async function openSiteConfig(arg: unknown): Promise<void> {
  const configUri = typeof arg === 'object' && arg !== null ? (arg as { configUri?: unknown }).configUri : undefined;
  if (typeof configUri !== 'string') return;
  await vscode.window.showTextDocument(vscode.Uri.parse(configUri), { preview: true });
}
