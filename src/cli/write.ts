// Writes a fixed file over the original, losing nothing on the way:
//
// - Right before the original is replaced it is compared with what the fix
//   read (inode, size, mtime and every byte), with no await in between; a file
//   that changed is left alone ("changed while fixing; not written").
// - Normally the new bytes go to a temporary file beside it (a short name, so
//   a 255-byte file name still has room) that gets the original's owner,
//   group and mode, is synced and renamed over it: never half-written. The
//   original stays open meanwhile, so what another process appends to it
//   between the last comparison and the rename (it opened the file just
//   before) is carried over to the new file, watched for a moment after.
// - A file another process holds open (`while …; done >> post.md`, seen in
//   /proc on Linux), with a second hard link, whose owner we cannot give the
//   new file, or in a folder we may not create files in is written in place,
//   through a descriptor of the verified file: same inode, links, owner and
//   mode. The new text is first written over the old length only; an append
//   seen then restores the original (the appended part was never touched)
//   and the file is left alone. Only an append landing between that check and
//   the truncate that shortens the file can still be lost: without a lock
//   taken by the writer the OS offers no compare-and-truncate.
// - A file without any write permission bit is refused (root could write it,
//   but its author said "read-only").
import type * as Crypto from 'node:crypto';
import * as fsSync from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

let cryptoModule: typeof Crypto | undefined;

/**
 * node:crypto, loaded by the first write: it takes 5-10 ms to load, which
 * every `check` (that never writes) paid at start-up.
 */
function crypto(): typeof Crypto {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  cryptoModule ??= require('node:crypto') as typeof Crypto;
  return cryptoModule;
}

/** The file as the fix read it. */
export interface Expected {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
  readonly dev: number;
  readonly bytes: Uint8Array;
}

/** The file was deliberately not written; the message says why, for "postdesk: <file>: <message>". */
export class WriteRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WriteRefusedError';
  }
}

export class ChangedOnDiskError extends WriteRefusedError {
  constructor() {
    super('changed while fixing; not written (run fix again)');
    this.name = 'ChangedOnDiskError';
  }
}

export class ReadOnlyError extends WriteRefusedError {
  constructor(mode: number) {
    super(`read-only (mode ${(mode & 0o7777).toString(8).padStart(4, '0')}); not written (make it writable to have it fixed)`);
    this.name = 'ReadOnlyError';
  }
}

export const writeSeams: {
  /**
   * How the new bytes replace the old: `auto` writes in place a file another
   * process holds open (Linux), and renames a temporary file over any other.
   * Tests force one way or the other.
   */
  mode: 'auto' | 'in-place' | 'rename';
  /** Test seam: runs after the last comparison, right before the file is replaced. */
  beforeReplace?: () => void;
} = { mode: 'auto' };

const { O_RDONLY, O_RDWR, O_WRONLY, O_APPEND, O_NOFOLLOW } = fsSync.constants;
/** Pieces for reads and writes, far below the 2 GB one call may move. */
const CHUNK = 16 * 1024 * 1024;

export async function writeFixedFile(target: string, bytes: Uint8Array, expected: Expected): Promise<void> {
  const original = openOriginal(target, O_RDONLY);
  try {
    const stat = fsSync.fstatSync(original);
    if (!stat.isFile()) throw new ChangedOnDiskError();
    if ((stat.mode & 0o222) === 0) throw new ReadOnlyError(stat.mode);
    verify(original, stat, expected);
    const inPlace = writeSeams.mode === 'in-place' || stat.nlink > 1 || (writeSeams.mode === 'auto' && heldOpenElsewhere(stat));
    const temp = inPlace ? undefined : await createTemp(target, bytes, stat);
    if (temp === undefined) {
      writeInPlace(target, bytes, expected);
      return;
    }
    try {
      // From here to the rename: no await, so nothing of ours runs in between.
      verify(original, fsSync.fstatSync(original), expected);
      const now = fsSync.lstatSync(target);
      if (now.ino !== expected.ino || now.dev !== expected.dev) throw new ChangedOnDiskError();
      writeSeams.beforeReplace?.();
      fsSync.renameSync(temp.path, target);
    } catch (error) {
      fsSync.rmSync(temp.path, { force: true });
      throw error;
    }
    let carried = carryOver(original, expected.size, target, temp.ino);
    await syncFolder(path.dirname(target));
    // A writer that opened the old file just before the rename may write to it a moment later.
    carried = carryOver(original, carried, target, temp.ino);
    await new Promise((resolve) => setTimeout(resolve, LATE_WRITE_MS));
    carryOver(original, carried, target, temp.ino);
  } finally {
    fsSync.closeSync(original);
  }
}

/** How long the old file is watched for a late write after the rename. */
const LATE_WRITE_MS = 30;

/**
 * True when another process has the file open (Linux: /proc/<pid>/fd), for
 * example `while …; done >> post.md`: it would go on writing to the old inode
 * after a rename, so the file is written in place. One pass over /proc per
 * file written (a few milliseconds), so a writer that started a moment ago is
 * seen too. Only processes we may inspect are seen (as a user: our own).
 */
function heldOpenElsewhere(stat: fsSync.Stats): boolean {
  if (process.platform !== 'linux') return false;
  let pids: string[];
  try {
    pids = fsSync.readdirSync('/proc');
  } catch {
    return false; // no /proc: nothing known
  }
  for (const pid of pids) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    let fds: string[];
    try {
      fds = fsSync.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or not ours to inspect
    }
    for (const fd of fds) {
      try {
        const file = fsSync.statSync(`/proc/${pid}/fd/${fd}`);
        if (file.ino === stat.ino && file.dev === stat.dev) return true;
      } catch {
        // Closed meanwhile, or not ours to inspect.
      }
    }
  }
  return false;
}

function openOriginal(target: string, flags: number): number {
  try {
    return fsSync.openSync(target, flags | O_NOFOLLOW);
  } catch (error) {
    const code = (error as { code?: string }).code;
    // Deleted, or replaced by a link or a folder, since it was read.
    if (code === 'ENOENT' || code === 'ELOOP' || code === 'ENOTDIR' || code === 'EISDIR') throw new ChangedOnDiskError();
    throw error;
  }
}

/** Throws ChangedOnDiskError unless the open file is, byte for byte, the one the fix read. */
function verify(fd: number, stat: fsSync.Stats, expected: Expected): void {
  if (stat.ino !== expected.ino || stat.dev !== expected.dev || stat.size !== expected.size || stat.mtimeMs !== expected.mtimeMs) {
    throw new ChangedOnDiskError();
  }
  // One byte more than expected: growth since the fstat shows as a difference.
  const now = readRange(fd, 0, expected.size + 1);
  if (!now.equals(expected.bytes)) throw new ChangedOnDiskError();
}

function readRange(fd: number, start: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let read = 0;
  while (read < length) {
    const n = fsSync.readSync(fd, buffer, read, Math.min(length - read, CHUNK), start + read);
    if (n === 0) break;
    read += n;
  }
  return buffer.subarray(0, read);
}

function writeRange(fd: number, bytes: Uint8Array, position: number): void {
  let written = 0;
  while (written < bytes.length) {
    written += fsSync.writeSync(fd, bytes, written, Math.min(bytes.length - written, CHUNK), position + written);
  }
}

interface Temp {
  readonly path: string;
  readonly ino: number;
}

/**
 * The new bytes in a temporary file beside the target, with its owner, group
 * and mode, synced. Undefined when that is not possible (a folder we may not
 * create files in, a path at the OS limit, an owner only root can give).
 */
async function createTemp(target: string, bytes: Uint8Array, stat: fsSync.Stats): Promise<Temp | undefined> {
  const dir = path.dirname(target);
  let tempPath = '';
  let handle: fs.FileHandle | undefined;
  for (let attempt = 0; handle === undefined; attempt++) {
    // Short and fixed in length: the target's own name may already use the 255 bytes a name can have.
    tempPath = path.join(dir, `.pd-${crypto().randomBytes(6).toString('hex')}`);
    try {
      // 'wx': never reuse or clobber an existing file of that name.
      handle = await fs.open(tempPath, 'wx', 0o600);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'EEXIST' && attempt < 5) continue;
      if (code === 'EACCES' || code === 'EPERM' || code === 'ENAMETOOLONG') return undefined;
      throw error;
    }
  }
  try {
    let ownerKept = true;
    try {
      await handle.writeFile(bytes);
      if (stat.uid !== process.getuid?.() || stat.gid !== process.getgid?.()) {
        ownerKept = await handle.chown(stat.uid, stat.gid).then(
          () => true,
          (error: { code?: string }) => {
            if (error.code === 'EPERM' || error.code === 'EINVAL') return false;
            throw error;
          },
        );
      }
      // After chown, which clears set-user-ID and set-group-ID bits; and the mode given to open() was masked by the umask.
      if (ownerKept) await handle.chmod(stat.mode & 0o7777);
      if (ownerKept) await handle.sync();
    } finally {
      await handle.close();
    }
    if (!ownerKept) {
      await fs.rm(tempPath, { force: true });
      return undefined;
    }
    return { path: tempPath, ino: (await fs.stat(tempPath)).ino };
  } catch (error) {
    await fs.rm(tempPath, { force: true }).catch(() => undefined);
    throw error;
  }
}

/**
 * Appends to the new file what reached the old one after `from` (its size
 * when last seen): writes by another process to a file that it opened before
 * the rename. Returns the old file's size now.
 */
function carryOver(original: number, from: number, target: string, newIno: number): number {
  const size = fsSync.fstatSync(original).size;
  if (size <= from) return from;
  const tail = readRange(original, from, size - from);
  const fd = fsSync.openSync(target, O_WRONLY | O_APPEND | O_NOFOLLOW);
  try {
    // Only into the file this fix wrote; if that was replaced too, the tail stays where it was.
    if (fsSync.fstatSync(fd).ino !== newIno) return size;
    fsSync.writeSync(fd, tail);
    fsSync.fsyncSync(fd);
  } finally {
    fsSync.closeSync(fd);
  }
  return from + tail.length;
}

/** The new bytes written through a descriptor of the verified file: same inode, links, owner and mode. */
function writeInPlace(target: string, bytes: Uint8Array, expected: Expected): void {
  const fd = openOriginal(target, O_RDWR);
  try {
    verify(fd, fsSync.fstatSync(fd), expected);
    writeSeams.beforeReplace?.();
    const oldSize = expected.size;
    // First only over the old length: whatever another process appends lands after it, untouched.
    writeRange(fd, bytes.subarray(0, Math.min(bytes.length, oldSize)), 0);
    if (fsSync.fstatSync(fd).size !== oldSize) {
      // Appended meanwhile: put the original back (the appended part was never touched) and leave it.
      writeRange(fd, expected.bytes.subarray(0, Math.min(bytes.length, oldSize)), 0);
      fsSync.fsyncSync(fd);
      throw new ChangedOnDiskError();
    }
    if (bytes.length > oldSize) writeRange(fd, bytes.subarray(oldSize), oldSize);
    else if (bytes.length < oldSize) fsSync.ftruncateSync(fd, bytes.length);
    fsSync.fsyncSync(fd);
  } finally {
    fsSync.closeSync(fd);
  }
}

async function syncFolder(dir: string): Promise<void> {
  // Makes the rename itself durable; some file systems cannot sync a folder, which is no reason to fail.
  const handle = await fs.open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close().catch(() => undefined);
}
