// Loads a CommonJS bundle with a V8 code cache beside it, as Node 22's
// module.enableCompileCache does (the editor's extension host runs older
// Nodes): the bytecode V8 compiled the last time is read back instead of
// compiling the source again. For Postdesk's bundle, compiling it was most of
// the event-loop block of its activation.
//
// The cache is trusted only for the very source it was made from: V8 itself
// checks little more than the source's length, so each cache file starts with
// a SHA-256 of the source, and a cache of another source is never given to V8.
// It lives in the extension's own storage (the author's, never the
// workspace's); anything wrong with it means compiling afresh.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** What a load found in the cache. */
export type CodeCacheUse = 'used' | 'none' | 'stale' | 'rejected';

export interface CachedLoad<T> {
  /** The bundle's `module.exports`. */
  readonly exports: T;
  readonly cache: CodeCacheUse;
  /** Writes the cache of what V8 has compiled of the bundle so far (unless the one read was used); false if it could not. */
  save(): Promise<boolean>;
}

const HASH_BYTES = 32;

/**
 * Runs `file` as a CommonJS module whose `require` is `requireFn` (the
 * caller's: the bundle must sit beside it), compiled with the code cache in
 * `cacheFile` when that cache was made from the same source.
 */
export async function loadWithCodeCache<T>(file: string, cacheFile: string, requireFn: NodeJS.Require): Promise<CachedLoad<T>> {
  const [source, cached] = await Promise.all([fs.readFile(file, 'utf8'), fs.readFile(cacheFile).catch(() => undefined)]);
  const hash = createHash('sha256').update(source).digest();
  let cache: CodeCacheUse = 'none';
  let cachedData: Buffer | undefined;
  if (cached) {
    if (cached.length > HASH_BYTES && hash.equals(cached.subarray(0, HASH_BYTES))) cachedData = cached.subarray(HASH_BYTES);
    else cache = 'stale';
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, ...(cachedData ? { cachedData } : {}) });
  if (cachedData) cache = script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, requireFn, module, file, path.dirname(file));
  return {
    exports: module.exports as T,
    cache,
    save: async () => {
      if (cache === 'used') return false;
      try {
        await fs.mkdir(path.dirname(cacheFile), { recursive: true });
        // Written whole, then renamed: a window starting meanwhile reads the old cache or the new one, never half of one.
        const partial = `${cacheFile}.${process.pid}.partial`;
        await fs.writeFile(partial, Buffer.concat([hash, script.createCachedData()]));
        await fs.rename(partial, cacheFile);
        return true;
      } catch {
        return false;
      }
    },
  };
}
