// Which files a CLI run reads: explicit files as given, directories walked
// with the configured include/exclude globs (src/node/contentFiles.ts).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describeFsError, Walker, type TargetFile, type WalkOptions } from '../node/contentFiles';
import { UsageError } from './io';

export { describeFsError, toDisplayPath, type TargetFile, type WalkOptions } from '../node/contentFiles';

/** Lists the files to read for `paths` (or the whole cwd), sorted and without duplicates. */
export async function collectFiles(paths: readonly string[], options: WalkOptions): Promise<TargetFile[]> {
  const walker = new Walker(options);
  const targets = paths.length > 0 ? paths : ['.'];
  for (const given of targets) {
    const abs = path.resolve(options.cwd, given);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch (error) {
      throw new UsageError(`cannot read ${given}: ${describeFsError(error)}`);
    }
    if (stat.isDirectory()) {
      const before = walker.count;
      await walker.walkRoot(abs);
      if (walker.count === before && paths.length > 0) options.onEmptyFolder?.(given);
    } else if (stat.isFile()) {
      await walker.addExplicitFile(abs);
    } else {
      // A FIFO or device would block or never end: report it, never open it.
      walker.addProblem(abs, 'Not a regular file; it was not read.');
    }
  }
  return walker.result();
}

