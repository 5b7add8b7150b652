// Which files the index reads: every content file of every workspace folder
// (the host's own folder walk when it has one, else vscode.workspace.findFiles),
// and the content files of a folder that appeared.
import * as vscode from 'vscode';
import { flatGlobUnion } from '../core/braces';
import type { ConfigService } from '../config/configService';
import { folderRelativePath } from '../config/paths';
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

/** Every content file of every folder; the glob check runs in slices, since a large site lists 100,000 files at once. */
export async function listContentFiles(config: ConfigService, reader: ContentReader, slices: SliceScheduler, isCurrent: () => boolean): Promise<FolderFiles[]> {
  const found: FolderFiles[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const folderConfig = config.forFolder(folder);
    // The host's walk applies these very globs itself.
    const walked = await reader.listFolder?.(folder, folderConfig);
    if (!isCurrent()) return [];
    if (walked) {
      // Until its sites are detected, every file the walk found counts.
      if (!config.sitesOf(folder)) {
        found.push({ folder, files: walked });
        continue;
      }
      const root = folder.uri.fsPath.replace(/[\\/]$/, '');
      const kept: string[] = [];
      for (const file of walked) {
        if (config.isContentPath(folder, file.slice(root.length + 1).replace(/\\/g, '/'), true)) kept.push(file);
        await slices.yieldIfDue();
      }
      found.push({ folder, files: kept });
      continue;
    }
    const uris = await vscode.workspace.findFiles(
      new vscode.RelativePattern(folder, flatGlobUnion(folderConfig.include)),
      folderConfig.exclude.length > 0 ? new vscode.RelativePattern(folder, flatGlobUnion(folderConfig.exclude)) : null,
    );
    if (!isCurrent()) return [];
    // findFiles' glob union needs the engine's exact check.
    const matching: vscode.Uri[] = [];
    for (const uri of uris) {
      if (config.isContentPath(folder, folderRelativePath(folder, uri))) matching.push(uri);
      await slices.yieldIfDue();
    }
    found.push({ folder, files: matching });
  }
  return found;
}

/** Content files neither in the index (`isIndexed`, by URI string) nor among `loading`. */
export async function unindexedContentFiles(
  config: ConfigService,
  reader: ContentReader,
  slices: SliceScheduler,
  isCurrent: () => boolean,
  isIndexed: (key: string) => boolean,
  loading: readonly FoundFile[],
): Promise<FoundFile[]> {
  const known = new Set(loading.map((file) => file.uri.toString()));
  const out: FoundFile[] = [];
  for (const { folder, files } of await listContentFiles(config, reader, slices, isCurrent)) {
    for (const file of files) {
      const uri = fileUri(file);
      const key = uri.toString();
      if (!isIndexed(key) && !known.has(key)) out.push({ uri, folder });
    }
    await slices.yieldIfDue();
  }
  return out;
}

/** Whether a deleted path may have been a folder: its name has no extension (a deleted file's usually has). */
export function mayBeFolder(uri: vscode.Uri): boolean {
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  return name !== '' && !name.slice(1).includes('.');
}

/** The content files inside a folder that appeared (moved, restored, made); undefined when `uri` is no folder of the workspace. */
export async function contentFilesInFolder(config: ConfigService, uri: vscode.Uri): Promise<FoundFile[] | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return undefined;
  try {
    if (!((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory)) return undefined;
  } catch {
    return undefined;
  }
  const folderConfig = config.forFolder(folder);
  // Every file below the folder, then the engine's check: the include globs are relative to the
  // workspace folder (`site/content/**/*.html`), so as patterns under this folder they would miss.
  const uris = await vscode.workspace.findFiles(
    new vscode.RelativePattern(uri, '**'),
    folderConfig.exclude.length > 0 ? new vscode.RelativePattern(folder, flatGlobUnion(folderConfig.exclude)) : null,
  );
  return uris.filter((found) => config.isContentPath(folder, folderRelativePath(folder, found))).map((found) => ({ uri: found, folder }));
}
