// How the index lists and reads files. The editor's Node host reads local files
// straight from disk (several times faster than a round trip through
// vscode.workspace.fs for every file of a large site); the web host and every
// other scheme go through vscode.workspace.fs.
import * as vscode from 'vscode';
import type { PostdeskConfig } from '../core/types';

import type { ReadResult } from '../common/readResult';

export type { ReadResult } from '../common/readResult';

export interface ContentReader {
  read(uri: vscode.Uri, maxSize: number): Promise<ReadResult>;
  /**
   * Reads a local file synchronously, when this host can: for a small file on
   * a local disk this is a few microseconds, against a round trip through the
   * thread pool for `read`. Undefined means "use read". Callers read in short
   * slices and go back to `read` if a file turns out slow.
   */
  readSync?(uri: vscode.Uri, maxSize: number): ReadResult | undefined;
  /**
   * Reads many files at once without blocking this thread on the disk (the
   * Node host's worker thread), results in the order of `uris`. Rejects when
   * it cannot (the worker failed): callers then read the files themselves.
   */
  readMany?(uris: readonly vscode.Uri[], maxSizes: readonly number[]): Promise<ReadResult[]>;
  /**
   * The local paths of a workspace folder's content files (include and
   * exclude globs applied), when this host can list them itself; undefined
   * means "ask vscode.workspace.findFiles".
   */
  listFolder?(folder: vscode.WorkspaceFolder, config: PostdeskConfig): Promise<readonly string[] | undefined>;
  /** The index is about to list and read: a reader with a thread of its own starts it now, while the configuration loads. */
  prepare?(): void;
}

/** Reads through VS Code's file system API: works for every scheme and host. */
export const workspaceFsReader: ContentReader = {
  async read(uri, maxSize) {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type & vscode.FileType.Directory) return { kind: 'missing' };
      if (stat.size > maxSize) return { kind: 'too-large', size: stat.size };
      return { kind: 'bytes', bytes: await vscode.workspace.fs.readFile(uri) };
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return { kind: 'missing' };
      return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
    }
  },
};
