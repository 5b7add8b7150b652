// Local files in the Node extension host: read on this thread one at a time
// (a few microseconds each on a local disk), or many at once by a worker
// thread, so that a read blocked in the kernel never holds the extension
// host. Only the Node entry imports this, so the web bundle never sees a
// Node built-in.
import { promises as fs } from 'node:fs';
import type * as vscode from 'vscode';
import { walkContentFolder } from './contentFiles';
import { readErrorResult, readLocalFileSync } from './localRead';
import type { ContentReader } from '../index/reader';
import { workspaceFsReader } from '../index/reader';
import { ReadWorkerClient } from './readWorkerClient';

/** The walk shares the extension host: between its slices of a large folder, the event loop stays idle this long. */
const WALK_REST_MS = 2;

export interface NodeContentReader extends ContentReader {
  dispose(): void;
}

/** `workerScript`: the bundled read worker (dist/readWorker.js beside dist/extension.js). */
export function createNodeContentReader(workerScript: string): NodeContentReader {
  const worker = new ReadWorkerClient(workerScript);
  return {
    async read(uri, maxSize) {
      if (uri.scheme !== 'file') return workspaceFsReader.read(uri, maxSize);
      let handle: fs.FileHandle | undefined;
      try {
        handle = await fs.open(uri.fsPath, 'r');
        const stat = await handle.stat();
        if (!stat.isFile()) return { kind: 'missing' };
        if (stat.size > maxSize) return { kind: 'too-large', size: stat.size };
        return { kind: 'bytes', bytes: await handle.readFile() };
      } catch (error) {
        return readErrorResult(error);
      } finally {
        await handle?.close();
      }
    },
    readSync(uri, maxSize) {
      return uri.scheme === 'file' ? readLocalFileSync(uri.fsPath, maxSize) : undefined;
    },
    async readMany(uris, maxSizes) {
      if (!worker.usable) throw new Error('The read worker is not available.');
      if (uris.some((uri) => uri.scheme !== 'file')) return Promise.all(uris.map((uri, i) => this.read(uri, maxSizes[i])));
      return worker.read(uris.map(fsPathOf), maxSizes);
    },
    // The same walk as `postdesk check` (so both see the same files), and it
    // arrives as many small awaits instead of one findFiles answer that a site
    // of 100,000 posts turns into a single long block.
    async listFolder(folder, config) {
      if (folder.uri.scheme !== 'file') return undefined;
      // In the worker, the walk's fs calls and garbage stay off this thread; without it, the walk runs here in slices.
      if (worker.usable) {
        try {
          return await worker.walk(folder.uri.fsPath, config);
        } catch {
          // The worker failed (or the walk did, and does again below, with its own error).
        }
      }
      return walkContentFolder(folder.uri.fsPath, config, WALK_REST_MS);
    },
    prepare() {
      worker.prestart();
    },
    dispose() {
      worker.dispose();
    },
  };
}

function fsPathOf(uri: vscode.Uri): string {
  return uri.fsPath;
}
