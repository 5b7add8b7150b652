// Local files in the Node extension host: one open, fstat and read per file,
// the size checked before anything is read. Only the Node entry imports this,
// so the web bundle never sees a Node built-in.
import * as fsSync from 'node:fs';
import { promises as fs } from 'node:fs';
import { walkContentFolder } from '../node/contentFiles';
import type { ContentReader, ReadResult } from './reader';
import { workspaceFsReader } from './reader';

/** The walk shares the extension host: between its slices of a large folder, the event loop stays idle this long. */
const WALK_REST_MS = 2;

export const nodeContentReader: ContentReader = {
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
      return readError(error);
    } finally {
      await handle?.close();
    }
  },
  readSync(uri, maxSize) {
    if (uri.scheme !== 'file') return undefined;
    let fd: number | undefined;
    try {
      fd = fsSync.openSync(uri.fsPath, 'r');
      const stat = fsSync.fstatSync(fd);
      if (!stat.isFile()) return { kind: 'missing' };
      if (stat.size > maxSize) return { kind: 'too-large', size: stat.size };
      const bytes = Buffer.allocUnsafe(stat.size);
      let length = 0;
      // A file that shrinks while it is read ends early; one that grows is read up to its size when opened.
      while (length < bytes.length) {
        const read = fsSync.readSync(fd, bytes, length, bytes.length - length, length);
        if (read === 0) break;
        length += read;
      }
      return { kind: 'bytes', bytes: bytes.subarray(0, length) };
    } catch (error) {
      return readError(error);
    } finally {
      if (fd !== undefined) fsSync.closeSync(fd);
    }
  },
  // The same walk as `postdesk check` (so both see the same files), and it
  // arrives as many small awaits instead of one findFiles answer that a site
  // of 100,000 posts turns into a single long block.
  async listFolder(folder, config) {
    if (folder.uri.scheme !== 'file') return undefined;
    return walkContentFolder(folder.uri.fsPath, config, WALK_REST_MS);
  },
};

function readError(error: unknown): ReadResult {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return { kind: 'missing' };
  return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
}
