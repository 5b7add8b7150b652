// Reading one local file synchronously: one open, fstat and read, the size
// checked before anything is read. Shared by the Node extension host's reader
// and by the worker that reads a large site's files off the host's thread.
import * as fs from 'node:fs';
import type { ReadResult } from '../common/readResult';

export function readLocalFileSync(fsPath: string, maxSize: number): ReadResult {
  let fd: number | undefined;
  try {
    fd = fs.openSync(fsPath, 'r');
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { kind: 'missing' };
    if (stat.size > maxSize) return { kind: 'too-large', size: stat.size };
    const bytes = Buffer.allocUnsafe(stat.size);
    let length = 0;
    // A file that shrinks while it is read ends early; one that grows is read up to its size when opened.
    while (length < bytes.length) {
      const read = fs.readSync(fd, bytes, length, bytes.length - length, length);
      if (read === 0) break;
      length += read;
    }
    return { kind: 'bytes', bytes: bytes.subarray(0, length) };
  } catch (error) {
    return readErrorResult(error);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export function readErrorResult(error: unknown): ReadResult {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return { kind: 'missing' };
  return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
}
