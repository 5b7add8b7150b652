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

/** Every content file of every folder; the glob check runs in slices, since a large site lists 100,000 files at once. */
export async function listContentFiles(config: ConfigService, reader: ContentReader, slices: SliceScheduler, isCurrent: () => boolean): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const folderConfig = config.forFolder(folder);
    const walked = await reader.listFolder?.(folder, folderConfig);
    // The host's walk applied these very globs; findFiles' glob union needs the engine's exact check.
    const matcher = walked ? () => true : createContentMatcher(folderConfig);
    const uris =
      walked ??
      (await vscode.workspace.findFiles(
        new vscode.RelativePattern(folder, globUnion(folderConfig.include)),
        folderConfig.exclude.length > 0 ? new vscode.RelativePattern(folder, globUnion(folderConfig.exclude)) : null,
      ));
    if (!isCurrent()) return [];
    const prefixLength = folder.uri.path.replace(/\/$/, '').length + 1;
    for (const uri of uris) {
      if (matcher(uri.path.slice(prefixLength))) found.push({ uri, folder });
      await slices.yieldIfDue();
    }
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
