// The extension's bundle loaded with a V8 code cache (src/node/codeCache.ts):
// the cache is written, used the next time, and never used for a source it
// was not made from, even one V8 itself would take it for; a broken or
// unwritable cache costs only the cache.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

interface Load {
  readonly cache?: string;
  readonly exports?: { answer: string; sum: number; here: string; file: string };
  readonly saved?: boolean;
  readonly error?: string;
}

/** loadWithCodeCache in a process of its own, as each window's extension host is (see codeCache/load.ts). */
async function load(bundle: string, cacheFile: string, save = false): Promise<Load> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--require', 'tsx/cjs', path.join(__dirname, 'codeCache/load.ts'), bundle, cacheFile, ...(save ? ['save'] : [])], {
    cwd: path.resolve(__dirname, '../../..'),
  });
  return JSON.parse(stdout) as Load;
}

describe('loading a bundle with a code cache', function () {
  // Every load is a Node process of its own.
  this.timeout(60_000);
  let dir: string;
  let bundle: string;
  let cacheFile: string;
  // A module of some size, so V8 has bytecode worth caching; `require` and `__dirname` are the caller's.
  const source = (answer: string): string =>
    `'use strict';\nconst path = require('node:path');\n${Array.from({ length: 50 }, (_, i) => `function f${i}(x) { return x * ${i} + ${i}; }`).join('\n')}\nmodule.exports = { answer: '${answer}', sum: f7(2) + f9(3), here: path.basename(__dirname), file: path.basename(__filename) };\n`;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'postdesk-code-cache-'));
    bundle = path.join(dir, 'bundle.js');
    cacheFile = path.join(dir, 'storage', 'code-cache', 'bundle.js.cache');
    await fs.writeFile(bundle, source('aaa'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('runs the module with the given require, writes the cache, and uses it the next time', async () => {
    const first = await load(bundle, cacheFile, true);
    assert.deepEqual(first.exports, { answer: 'aaa', sum: 7 * 2 + 7 + 9 * 3 + 9, here: path.basename(dir), file: 'bundle.js' });
    assert.equal(first.cache, 'none');
    assert.equal(first.saved, true);
    assert.ok((await fs.stat(cacheFile)).size > 32);
    assert.deepEqual(await fs.readdir(path.dirname(cacheFile)), ['bundle.js.cache'], 'no partial file left');

    const second = await load(bundle, cacheFile, true);
    assert.equal(second.cache, 'used');
    assert.equal(second.exports?.answer, 'aaa');
    assert.equal(second.saved, false, 'a cache that was used is not written again');
  });

  it('never uses the cache of another source, even of the same length (V8 would)', async () => {
    await load(bundle, cacheFile, true);
    await fs.writeFile(bundle, source('bbb'));
    const changed = await load(bundle, cacheFile, true);
    assert.equal(changed.cache, 'stale');
    assert.equal(changed.exports?.answer, 'bbb');
    // Written anew for the new source, and used after that.
    assert.equal(changed.saved, true);
    const after = await load(bundle, cacheFile);
    assert.equal(after.cache, 'used');
    assert.equal(after.exports?.answer, 'bbb');
  });

  it('compiles afresh when V8 refuses the cache, and when the file is no cache at all', async () => {
    await load(bundle, cacheFile, true);
    const cached = await fs.readFile(cacheFile);
    // The right source hash, then bytes that are no V8 cache.
    await fs.writeFile(cacheFile, Buffer.concat([cached.subarray(0, 32), Buffer.alloc(cached.length - 32, 7)]));
    const refused = await load(bundle, cacheFile);
    assert.equal(refused.cache, 'rejected');
    assert.equal(refused.exports?.answer, 'aaa');
    await fs.writeFile(cacheFile, 'short');
    const short = await load(bundle, cacheFile);
    assert.equal(short.cache, 'stale');
    assert.equal(short.exports?.answer, 'aaa');
  });

  it('loads without a cache when the storage cannot be written, and says so', async () => {
    // A file where the storage folder would be: no folder can be made there, whoever runs the test.
    await fs.writeFile(path.join(dir, 'storage'), 'not a folder');
    const loaded = await load(bundle, cacheFile, true);
    assert.equal(loaded.cache, 'none');
    assert.equal(loaded.exports?.answer, 'aaa');
    assert.equal(loaded.saved, false);
  });

  it('fails as the module fails: an error thrown while it runs reaches the caller', async () => {
    await fs.writeFile(bundle, "throw new Error('broken bundle');\n");
    assert.equal((await load(bundle, cacheFile)).error, 'broken bundle');
  });
});
