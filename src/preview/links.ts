// Where the article's relative addresses point, and what happens when the
// page asks to follow a link. The page only asks; the extension decides, so
// a hostile article cannot make the editor open anything but http(s)/mailto
// outside, or files inside the workspace.
import * as vscode from 'vscode';
import { exists } from '../common/files';
import { classifyUrl } from '../core/render/urls';

/** The folder a `/`-rooted address starts from: the document's workspace folder. */
function rootFor(document: vscode.Uri): vscode.Uri | undefined {
  return vscode.workspace.getWorkspaceFolder(document)?.uri;
}

function isInside(child: vscode.Uri, parent: vscode.Uri): boolean {
  if (child.scheme !== parent.scheme || child.authority !== parent.authority) return false;
  const base = parent.path.endsWith('/') ? parent.path : `${parent.path}/`;
  return child.path === parent.path || child.path.startsWith(base);
}

/** The file a relative address names, or undefined when it leaves the workspace or cannot be resolved. */
export function resolveRelative(document: vscode.Uri, href: string): vscode.Uri | undefined {
  const url = classifyUrl(href);
  if (url.kind !== 'relative' || url.path === '' || document.scheme === 'untitled') return undefined;
  const folder = rootFor(document);
  let target: vscode.Uri;
  if (url.path.startsWith('/')) {
    if (!folder) return undefined;
    target = vscode.Uri.joinPath(folder, url.path);
  } else {
    target = vscode.Uri.joinPath(document, '..', url.path);
  }
  // Only files in the workspace folders (the webview's resource roots) are offered.
  const folders = vscode.workspace.workspaceFolders ?? [];
  return folders.some((f) => isInside(target, f.uri)) ? target : undefined;
}

/** A relative address as the page can load it (images, stylesheets), or undefined. */
export function resourceResolver(webview: vscode.Webview, document: vscode.Uri): (href: string) => string | undefined {
  return (href) => {
    const target = resolveRelative(document, href);
    return target ? webview.asWebviewUri(target).toString() : undefined;
  };
}


const POST_EXTENSION = /\.(md|markdown|mdx)$/i;

/** Follows a link the page reported: posts and files open in the editor, web links in the browser. */
export async function openLink(document: vscode.Uri, href: string, kind: 'external' | 'relative', column: vscode.ViewColumn | undefined): Promise<void> {
  if (kind === 'external') {
    const url = classifyUrl(href);
    if (url.kind !== 'external') return;
    await vscode.env.openExternal(vscode.Uri.parse(url.href, true));
    return;
  }
  const target = resolveRelative(document, href);
  if (!target || !(await exists(target))) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Postdesk could not find "{0}" in the workspace.', href));
    return;
  }
  if (POST_EXTENSION.test(target.path)) {
    await vscode.window.showTextDocument(target, { viewColumn: column ?? vscode.ViewColumn.One });
  } else {
    await vscode.commands.executeCommand('vscode.open', target, { viewColumn: column ?? vscode.ViewColumn.One });
  }
}
