// Local files in the Node extension host: one open, fstat and read per file,
// the size checked before anything is read. Only the Node entry imports this,
// so the web bundle never sees a Node built-in.
import { promises as fs } from 'node:fs';
import type { ContentReader } from './reader';
import { workspaceFsReader } from './reader';

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
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return { kind: 'missing' };
      return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
    } finally {
      await handle?.close();
    }
  },
};
