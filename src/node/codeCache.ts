// V8's code cache for the extension's main bundle, kept in the extension's
// global storage. Compiling dist/main.js is the longest single task of the
// extension host when Postdesk activates (27–42 ms for its 480 KB here, every
// window, every time); from V8's data of the last start it is a fraction of that.
// The cache is only ever V8's own output for our own bundle: a file is named
// after the bundle's SHA-256 and V8's version, so a changed bundle or another
// VS Code never reads a stale one, and V8 itself refuses data made under
// other flags (`cachedDataRejected`). A cache that cannot be read or written
// only costs the compile it would have saved.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as vm from 'node:vm';

export interface CodeCache {
  /** The bytes to hand `vm.Script` as `cachedData`, when a cache for this very source exists. */
  readonly data: Buffer | undefined;
  /**
   * Writes the cache of `script` (compiled with `data`) when none was used:
   * V8's data is taken at once, the file written in the background. Resolves
   * with the file written, or undefined (a cache was used, or it could not
   * be written).
   */
  saveIfNeeded(script: vm.Script): Promise<string | undefined>;
}

/** No cache: nothing read, nothing written. */
export const NO_CODE_CACHE: CodeCache = { data: undefined, saveIfNeeded: () => Promise.resolve(undefined) };

const PREFIX = 'main-';
const SUFFIX = '.v8cache';

/** The name of the cache of `source`: its hash and V8's version. */
export function codeCacheFileName(source: string): string {
  return `${PREFIX}${createHash('sha256').update(source).digest('hex').slice(0, 32)}-${process.versions.v8}${SUFFIX}`;
}

/** The cache of `source` in `folder` (created when first saved). */
export function openCodeCache(folder: string, source: string): CodeCache {
  const name = codeCacheFileName(source);
  const file = path.join(folder, name);
  let data: Buffer | undefined;
  try {
    data = fs.readFileSync(file);
  } catch {
    data = undefined;
  }
  return {
    data,
    async saveIfNeeded(script) {
      if (data !== undefined && !script.cachedDataRejected) return undefined;
      const bytes = script.createCachedData();
      // Written beside, then renamed: another window starting meanwhile reads the old file or the whole new one.
      const temporary = path.join(folder, `${name}.${process.pid}.tmp`);
      try {
        await fs.promises.mkdir(folder, { recursive: true });
        await fs.promises.writeFile(temporary, bytes);
        await fs.promises.rename(temporary, file);
        // Caches of earlier versions of the bundle are of no further use.
        for (const entry of await fs.promises.readdir(folder)) {
          if (entry !== name && entry.startsWith(PREFIX) && entry.endsWith(SUFFIX)) await fs.promises.rm(path.join(folder, entry), { force: true });
        }
        return file;
      } catch {
        await fs.promises.rm(temporary, { force: true }).catch(() => undefined);
        return undefined;
      }
    },
  };
}
