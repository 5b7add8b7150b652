import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { Worker } from 'node:worker_threads';
import { codeCacheFileName, openCodeCache } from '../../../src/node/codeCache';

/** A script with lazily compiled functions, run once as the extension's bundle is. */
function compileAndRun(source: string, cachedData?: Buffer): vm.Script {
  const script = new vm.Script(source, { filename: 'bundle.js', cachedData });
  const run = script.runInThisContext() as () => number;
  assert.equal(run(), 42);
  return script;
}

let made = 0;
/** A source no script of this process has compiled: V8 keeps compiled scripts per isolate and would not look at `cachedData` for a source it holds. */
function freshSource(): string {
  return `(function () { function answer() { return 6 * 7; } return function () { return answer(); }; })() // ${process.pid}-${made++}-${Date.now()}`;
}

/** Whether V8 refuses `cachedData` for `source` in an isolate of its own (a worker thread), as the next window's extension host would. */
function rejectedElsewhere(source: string, cachedData: Buffer | undefined): Promise<boolean> {
  const code = `const vm = require('node:vm'); const { workerData, parentPort } = require('node:worker_threads');
    const script = new vm.Script(workerData.source, { filename: 'bundle.js', cachedData: workerData.data && Buffer.from(workerData.data) });
    parentPort.postMessage(script.cachedDataRejected);`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { source, data: cachedData && new Uint8Array(cachedData) } });
    worker.once('message', (rejected: boolean | undefined) => resolve(rejected === true));
    worker.once('error', reject);
  });
}

describe('the code cache of the extension bundle', () => {
  let folder: string;
  beforeEach(() => {
    folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-code-cache-')), 'code-cache');
  });
  afterEach(() => fs.rmSync(path.dirname(folder), { recursive: true, force: true }));

  it('is written after the first load and accepted by V8 on the next', async () => {
    const SOURCE = freshSource();
    const first = openCodeCache(folder, SOURCE);
    assert.equal(first.data, undefined);
    await first.saveIfNeeded(compileAndRun(SOURCE));
    assert.equal(fs.readdirSync(folder).length, 1);

    const second = openCodeCache(folder, SOURCE);
    assert.ok(second.data && second.data.length > 0);
    assert.equal(await rejectedElsewhere(SOURCE, second.data), false);
    const script = compileAndRun(SOURCE, second.data);
    const before = fs.statSync(path.join(folder, fs.readdirSync(folder)[0] as string)).mtimeMs;
    // An accepted cache is not written again.
    await second.saveIfNeeded(script);
    assert.equal(fs.statSync(path.join(folder, fs.readdirSync(folder)[0] as string)).mtimeMs, before);
  });

  it('is never read for another bundle, and replaces the caches of earlier bundles', async () => {
    const SOURCE = freshSource();
    await openCodeCache(folder, SOURCE).saveIfNeeded(compileAndRun(SOURCE));
    const changed = SOURCE.replace('6 * 7', '7 * 6');
    const cache = openCodeCache(folder, changed);
    assert.equal(cache.data, undefined);
    await cache.saveIfNeeded(compileAndRun(changed));
    const files = fs.readdirSync(folder);
    assert.equal(files.length, 1);
    assert.ok(openCodeCache(folder, changed).data);
    assert.equal(openCodeCache(folder, SOURCE).data, undefined);
  });

  it('writes a fresh cache when V8 refuses the one on disk', async () => {
    const SOURCE = freshSource();
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, codeCacheFileName(SOURCE)), 'not a code cache at all');
    const cache = openCodeCache(folder, SOURCE);
    assert.ok(cache.data);
    const script = compileAndRun(SOURCE, cache.data);
    assert.equal(script.cachedDataRejected, true);
    await cache.saveIfNeeded(script);
    assert.equal(await rejectedElsewhere(SOURCE, openCodeCache(folder, SOURCE).data), false);
  });

  it('costs only the compile when its folder cannot be written', async () => {
    const SOURCE = freshSource();
    fs.mkdirSync(path.dirname(folder), { recursive: true });
    // A file where the folder should be: mkdir fails.
    fs.writeFileSync(folder, 'in the way');
    const cache = openCodeCache(folder, SOURCE);
    assert.equal(cache.data, undefined);
    await cache.saveIfNeeded(compileAndRun(SOURCE));
    assert.equal(fs.readFileSync(folder, 'utf8'), 'in the way');
  });
});
