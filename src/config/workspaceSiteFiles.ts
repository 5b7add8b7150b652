// The site model's view of a workspace folder through vscode.workspace.fs, so
// it works in both extension hosts and on every file system: config files
// read as text (never run), folders listed.
import * as vscode from 'vscode';
import type { DirEntry, SiteFiles } from '../core';

/** Config files larger than this are not site configs worth reading. */
const MAX_CONFIG_BYTES = 1024 * 1024;

export function workspaceSiteFiles(folder: vscode.Uri): SiteFiles {
  const resolve = (rel: string): vscode.Uri => (rel === '' ? folder : vscode.Uri.joinPath(folder, ...rel.split('/')));
  return {
    async readText(rel: string): Promise<string | undefined> {
      try {
        const uri = resolve(rel);
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.type & vscode.FileType.Directory || stat.size > MAX_CONFIG_BYTES) return undefined;
        return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        return undefined;
      }
    },
    async list(rel: string): Promise<readonly DirEntry[] | undefined> {
      try {
        const uri = resolve(rel);
        // Asked first because a missing folder (`_plugins/`, `content/`) is the common answer, and reading one logs an error in the host.
        if (!((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory)) return undefined;
        const entries = await vscode.workspace.fs.readDirectory(uri);
        return entries
          .map(([name, type]) => ({ name, isDir: (type & vscode.FileType.Directory) !== 0 }))
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch {
        return undefined;
      }
    },
  };
}
