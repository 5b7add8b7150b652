// Reads one post from disk into the engine's plain-text document. Everything
// that can go wrong (deleted, unreadable, too large, binary, not UTF-8) comes
// back as a message for a `file` finding; nothing here throws.
import * as fsSync from 'node:fs';
import { promises as fs } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { decodeFile, MAX_FILE_SIZE_LIMIT } from '../core';
import type { SourceDocument } from '../core/types';
import { describeFsError, type TargetFile } from './files';

/**
 * The most bytes Postdesk reads from one file, whatever maxFileSize says: well
 * below the longest string V8 can hold (2^29 - 24 UTF-16 units) and the 2 GB
 * a single read() may ask for (a larger request aborts Node). The
 * --max-file-size flag and the config file refuse larger values.
 */
export const MAX_READ_SIZE = MAX_FILE_SIZE_LIMIT;

/** Bytes asked for per read() call: far below the 2 GB Node accepts in one. */
const READ_CHUNK = 16 * 1024 * 1024;

export interface ReadPost {
  readonly ok: true;
  readonly doc: SourceDocument;
  readonly bom: boolean;
  /** What was on disk when read; a fix refuses to overwrite a file that changed since. */
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
  readonly dev: number;
  /** The bytes read, compared with the file again just before a fix replaces it. */
  readonly bytes: Uint8Array;
}
export interface ReadFailure {
  readonly ok: false;
  readonly message: string;
}

export async function readPost(file: TargetFile, maxFileSize: number): Promise<ReadPost | ReadFailure> {
  if (file.problem !== undefined) return { ok: false, message: file.problem };
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file.realPath, 'r');
    const stat = await handle.stat();
    const refused = refusal(stat, maxFileSize);
    if (refused) return refused;
    return decoded(file, stat, await readAll(handle, stat.size), maxFileSize);
  } catch (error) {
    return readFailure(error);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * readPost without the promises: one open, fstat, read and close as plain
 * system calls, for the threads that check files (src/cli/workers.ts). Over
 * 10,000 small files the promise round trips of each step cost more than
 * the reads. Same checks, same messages.
 */
export function readPostSync(file: TargetFile, maxFileSize: number): ReadPost | ReadFailure {
  return withOpenFileSync(file, maxFileSize, (fd, stat) => decoded(file, stat, readAllSync(fd, stat.size), maxFileSize, true));
}

/**
 * Opens a post for the synchronous readers: the target's own problem, a
 * file that is not regular or too large, and any error of open, fstat, the
 * read or the decoding become the same failures as readPost's; the file is
 * always closed.
 */
function withOpenFileSync<T>(file: TargetFile, maxFileSize: number, read: (fd: number, stat: fsSync.Stats) => T | ReadFailure): T | ReadFailure {
  if (file.problem !== undefined) return { ok: false, message: file.problem };
  let fd: number | undefined;
  try {
    // Non-blocking: a FIFO put where a post was opens at once instead of waiting for a writer (it is then refused as not a file).
    fd = fsSync.openSync(file.realPath, fsSync.constants.O_RDONLY | (fsSync.constants.O_NONBLOCK ?? 0));
    const stat = fsSync.fstatSync(fd);
    return refusal(stat, maxFileSize) ?? read(fd, stat);
  } catch (error) {
    return readFailure(error);
  } finally {
    if (fd !== undefined) {
      try {
        fsSync.closeSync(fd);
      } catch {
        // Nothing was written through it: a failed close loses nothing.
      }
    }
  }
}

export interface ReadDoc {
  readonly ok: true;
  readonly doc: SourceDocument;
}

/** Reads of files up to this size go through one buffer, reused: no buffer per file for the collector to find. */
const SHARED_READ_BYTES = 256 * 1024;
let sharedRead: Buffer | undefined;

/**
 * The document alone, for check and list on their threads: readPostSync's
 * checks and messages (the read test holds it to readPost), without keeping
 * the bytes or the file's identity that only fix needs. The bytes of a file
 * up to 256 KB are read into one buffer this thread reuses; the text is a
 * copy of them.
 */
export function readDocSync(file: TargetFile, maxFileSize: number): ReadDoc | ReadFailure {
  return withOpenFileSync(file, maxFileSize, (fd, stat): ReadDoc | ReadFailure => {
    let bytes: Uint8Array;
    if (stat.size <= SHARED_READ_BYTES) {
      sharedRead ??= Buffer.allocUnsafeSlow(SHARED_READ_BYTES);
      bytes = readIntoSync(fd, sharedRead, stat.size);
    } else {
      bytes = readAllSync(fd, stat.size);
    }
    const limit = Math.min(maxFileSize, MAX_READ_SIZE);
    const result = quickDecode(bytes, limit) ?? decodeFile(bytes, limit);
    return result.ok ? { ok: true, doc: { path: file.absPath, text: result.text } } : { ok: false, message: result.message };
  });
}

function refusal(stat: fsSync.Stats, maxFileSize: number): ReadFailure | undefined {
  if (!stat.isFile()) return { ok: false, message: 'Not a regular file; skipped.' };
  // Checked before reading so a huge file is never loaded into memory.
  const limit = Math.min(maxFileSize, MAX_READ_SIZE);
  if (stat.size > limit) {
    return { ok: false, message: `The file is ${formatBytes(stat.size)}, over the ${formatBytes(limit)} limit (maxFileSize); it was not checked.` };
  }
  return undefined;
}

function decoded(file: TargetFile, stat: fsSync.Stats, bytes: Uint8Array, maxFileSize: number, quick = false): ReadPost | ReadFailure {
  const limit = Math.min(maxFileSize, MAX_READ_SIZE);
  const result = (quick ? quickDecode(bytes, limit) : undefined) ?? decodeFile(bytes, limit);
  if (!result.ok) return { ok: false, message: result.message };
  const { size, mtimeMs, ino, dev } = stat;
  return { ok: true, doc: { path: file.absPath, text: result.text }, bom: result.bom, size, mtimeMs, ino, dev, bytes };
}

/**
 * decodeFile's answer for the common case, by Node's own UTF-8 routines (the
 * WHATWG decoder with `fatal` is several times slower on large texts):
 * text that is valid UTF-8, within the limit, without a NUL byte in its first
 * 8 KB or a UTF-16 byte order mark. Anything else is left to decodeFile,
 * which says what is wrong with it.
 */
function quickDecode(bytes: Uint8Array, limit: number): { ok: true; text: string; bom: boolean } | undefined {
  if (bytes.length > limit || !isUtf8(bytes)) return undefined;
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return undefined;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (buffer.subarray(0, 8192).includes(0)) return undefined;
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { ok: true, text: buffer.toString('utf8', bom ? 3 : 0), bom };
}

function readFailure(error: unknown): ReadFailure {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return { ok: false, message: 'The file was deleted before it could be read.' };
  return { ok: false, message: `Cannot read the file: ${describeFsError(error)}.` };
}

function readAllSync(fd: number, size: number): Uint8Array {
  return readIntoSync(fd, Buffer.allocUnsafe(size), size);
}

/** The file's `size` bytes (fewer if it shrank meanwhile) into `buffer`, which holds at least that many. */
function readIntoSync(fd: number, buffer: Buffer, size: number): Buffer {
  let length = 0;
  while (length < size) {
    const bytesRead = fsSync.readSync(fd, buffer, length, Math.min(size - length, READ_CHUNK), length);
    if (bytesRead === 0) break;
    length += bytesRead;
  }
  return buffer.subarray(0, length);
}

/**
 * Reads the file's `size` bytes (from the one fstat) through the open handle;
 * handle.readFile would stat again, a measurable cost over 10,000 files. A file
 * that changes meanwhile is caught before any write: fix compares it again
 * just before replacing it. Read in pieces: one read() of 2 GB or more aborts
 * Node itself (an assertion, not an exception).
 */
async function readAll(handle: fs.FileHandle, size: number): Promise<Uint8Array> {
  const buffer = Buffer.allocUnsafe(size);
  let length = 0;
  while (length < size) {
    const { bytesRead } = await handle.read(buffer, length, Math.min(size - length, READ_CHUNK), length);
    if (bytesRead === 0) break;
    length += bytesRead;
  }
  return buffer.subarray(0, length);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${trim(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${trim(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

function trim(n: number): string {
  return n.toFixed(1).replace(/\.0$/, '');
}
