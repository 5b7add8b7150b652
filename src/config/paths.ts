// How a file is named to the engine: one answer for every feature (the index,
// the diagnostics, the preview once used `uri.path`, `document.uri.path` and
// `fsPath`, which differ on Windows).
import type * as vscode from 'vscode';

/** The path the engine sees for a file: the URI's path, forward slashes on every platform and file system. */
export function enginePath(uri: vscode.Uri): string {
  return uri.path;
}

/** A file's path relative to its workspace folder (forward slashes), as content globs and site models take it. */
export function folderRelativePath(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string {
  return uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
}
