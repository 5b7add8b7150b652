// Writes a fixed file without ever leaving it half-written: the new bytes go
// to a temporary file in the same folder (same file system), which is synced
// and renamed over the original. The original's permission bits are kept, and
// a file that changed on disk since it was read is left alone.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export interface Expected {
  readonly size: number;
  readonly mtimeMs: number;
}

export class ChangedOnDiskError extends Error {
  constructor() {
    super('the file changed on disk while it was being fixed; it was left as it is');
    this.name = 'ChangedOnDiskError';
  }
}

export async function writeFileAtomic(target: string, bytes: Uint8Array, expected: Expected): Promise<void> {
  const before = await fs.stat(target);
  if (before.size !== expected.size || before.mtimeMs !== expected.mtimeMs) throw new ChangedOnDiskError();
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.postdesk-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  // 'wx': never reuse or clobber an existing file of that name.
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(bytes);
      // chmod after creation: the mode given to open() is masked by the umask.
      await handle.chmod(before.mode & 0o7777);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}
