// Which files the index reads: every content file of every workspace folder
// (the host's own folder walk when it has one, else vscode.workspace.findFiles),
// and the content files of a folder that appeared.
import * as vscode from 'vscode';
import { createContentMatcher } from '../core';
import type { ConfigService } from '../config/configService';
import type { ContentReader } from './reader';
import type { SliceScheduler } from './support';

export interface FoundFile {
  readonly uri: vscode.Uri;
  readonly folder: vscode.WorkspaceFolder | undefined;
}

/**
 * One workspace folder's content files: URIs, or the local paths of a walk of
 * the disk, each turned into its URI when it is read (`fileUri`). A site of
 * 100,000 posts is held as that, not as an object per file.
 */
export interface FolderFiles {
  readonly folder: vscode.WorkspaceFolder;
  readonly files: readonly (vscode.Uri | string)[];
}

export function fileUri(file: vscode.Uri | string): vscode.Uri {
  return typeof file === 'string' ? vscode.Uri.file(file) : file;
}

/** Whether the folder's site generator publishes a file (path relative to the folder); undefined when every file counts. */
function publishedBy(config: ConfigService, folder: vscode.WorkspaceFolder): ((rel: string) => boolean) | undefined {
  const sites = config.sitesOf(folder);
  if (!sites) return undefined;
  return (rel) => sites.siteFor(rel).classify(rel).kind !== 'ignored';
}

/** Every content file of every folder; the glob check runs in slices, since a large site lists 100,000 files at once. */
export async function listContentFiles(config: ConfigService, reader: ContentReader, slices: SliceScheduler, isCurrent: () => boolean): Promise<FolderFiles[]> {
  const found: FolderFiles[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const folderConfig = config.forFolder(folder);
    // The host's walk applies these very globs itself.
    const walked = await reader.listFolder?.(folder, folderConfig);
    if (!isCurrent()) return [];
    const published = publishedBy(config, folder);
    if (walked) {
      if (!published) {
        found.push({ folder, files: walked });
        continue;
      }
      const root = folder.uri.fsPath.replace(/[\\/]$/, '');
      const kept: string[] = [];
      for (const file of walked) {
        if (published(file.slice(root.length + 1).replace(/\\/g, '/'))) kept.push(file);
        await slices.yieldIfDue();
      }
      found.push({ folder, files: kept });
      continue;
    }
    const uris = await vscode.workspace.findFiles(
      new vscode.RelativePattern(folder, globUnion(folderConfig.include)),
      folderConfig.exclude.length > 0 ? new vscode.RelativePattern(folder, globUnion(folderConfig.exclude)) : null,
    );
    if (!isCurrent()) return [];
    // findFiles' glob union needs the engine's exact check.
    const matcher = createContentMatcher(folderConfig);
    const prefixLength = folder.uri.path.replace(/\/$/, '').length + 1;
    const matching: vscode.Uri[] = [];
    for (const uri of uris) {
      const rel = uri.path.slice(prefixLength);
      if (matcher(rel) && (!published || published(rel))) matching.push(uri);
      await slices.yieldIfDue();
    }
    found.push({ folder, files: matching });
  }
  return found;
}

/** The content files inside a folder that appeared (moved or restored); nothing when `uri` is not a folder. */
export async function contentFilesInFolder(config: ConfigService, uri: vscode.Uri, isContent: (uri: vscode.Uri) => boolean): Promise<FoundFile[]> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return [];
  try {
    if (!((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory)) return [];
  } catch {
    return [];
  }
  const folderConfig = config.forFolder(folder);
  const uris = await vscode.workspace.findFiles(
    new vscode.RelativePattern(uri, globUnion(folderConfig.include)),
    folderConfig.exclude.length > 0 ? new vscode.RelativePattern(folder, globUnion(folderConfig.exclude)) : null,
  );
  return uris.filter((found) => isContent(found)).map((found) => ({ uri: found, folder }));
}

/** `{a,b}` for several globs, the glob itself for one. */
export function globUnion(globs: readonly string[]): string {
  return globs.length === 1 ? globs[0] : `{${globs.join(',')}}`;
}
