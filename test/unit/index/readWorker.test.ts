// The worker thread that lists and reads local files for the index, through
// its client: the same walk as postdesk check, results in order with the
// bytes intact, the size limit applied before reading, and a worker that
// cannot run refusing every call so the index does the work itself.

import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import { ReadWorkerClient } from '../../../src/node/readWorkerClient';
import { walkContentFolder } from '../../../src/node/contentFiles';

const WORKER_SOURCE = path.resolve(__dirname, '../../../src/node/readWorker.ts');

/** The worker's TypeScript source, run through the same loader as the tests. */
function newClient(script = WORKER_SOURCE): ReadWorkerClient {
  // Walks reply in parts of 7 paths, so a small folder comes in several.
  return new ReadWorkerClient(script, { execArgv: ['--require', 'tsx/cjs'] }, 7);
}

describe('ReadWorkerClient', () => {
  let dir: string;
  let client: ReadWorkerClient | undefined;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'postdesk-read-worker-'));
  });

  afterEach(async () => {
    client?.dispose();
    client = undefined;
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('reads a batch of files in order, each with its own bytes, and says which are missing, too large or folders', async () => {
    const texts = ['---\ntitle: One\n---\n', '', 'Ünïcödé – three\r\n', 'x'.repeat(5000)];
    const paths = await Promise.all(
      texts.map(async (text, i) => {
        const file = path.join(dir, `post-${i}.md`);
        await fs.writeFile(file, text);
        return file;
      }),
    );
    await fs.mkdir(path.join(dir, 'folder.md'));
    const asked = [...paths, path.join(dir, 'gone.md'), path.join(dir, 'folder.md'), paths[3]];
    client = newClient();
    const results = await client.read(asked, [1e6, 1e6, 1e6, 1e6, 1e6, 1e6, 100]);
    assert.equal(results.length, asked.length);
    texts.forEach((text, i) => {
      const result = results[i];
      assert.equal(result.kind, 'bytes');
      if (result.kind === 'bytes') assert.equal(Buffer.from(result.bytes).toString('utf8'), text, `bytes of ${asked[i]}`);
    });
    assert.deepEqual(results[4], { kind: 'missing' });
    assert.deepEqual(results[5], { kind: 'missing' });
    assert.deepEqual(results[6], { kind: 'too-large', size: 5000 });
  });

  it('answers calls made side by side, each with its own files', async () => {
    const files = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const file = path.join(dir, `p${i}.md`);
        await fs.writeFile(file, `post ${i}`);
        return file;
      }),
    );
    client = newClient();
    const batches = [files.slice(0, 10), files.slice(10, 30), files.slice(30)];
    const answers = await Promise.all(batches.map((batch) => client?.read(batch, batch.map(() => 1e6))));
    const texts = answers.flatMap((results) => (results ?? []).map((result) => (result.kind === 'bytes' ? Buffer.from(result.bytes).toString('utf8') : result.kind)));
    assert.deepEqual(texts, files.map((_, i) => `post ${i}`));
  });

  it('walks a folder as postdesk check does, with many paths arriving in parts', async () => {
    await fs.mkdir(path.join(dir, '_posts', 'node_modules'), { recursive: true });
    await fs.writeFile(path.join(dir, '_posts', 'node_modules', 'skipped.md'), 'x');
    await fs.writeFile(path.join(dir, '_posts', 'notes.txt'), 'x');
    await Promise.all(Array.from({ length: 30 }, (_, i) => fs.writeFile(path.join(dir, '_posts', `post-${i}.md`), '')));
    client = newClient();
    const walked = await client.walk(dir, DEFAULT_CONFIG);
    assert.equal(walked.length, 30);
    assert.deepEqual([...walked].sort(), (await walkContentFolder(dir, DEFAULT_CONFIG)).sort());
  });

  it('says why a walk failed', async () => {
    client = newClient();
    await assert.rejects(client.walk(path.join(dir, 'no-such-folder'), DEFAULT_CONFIG), /ENOENT|no such file/);
    // The worker itself is fine: it goes on reading.
    assert.equal(client.usable, true);
    assert.deepEqual(await client.read([path.join(dir, 'gone.md')], [1e6]), [{ kind: 'missing' }]);
  });

  it('refuses every call once the worker cannot run, so the caller reads the files itself', async () => {
    client = newClient(path.join(dir, 'no-such-worker.js'));
    await assert.rejects(client.read([path.join(dir, 'a.md')], [1e6]));
    assert.equal(client.usable, false);
    await assert.rejects(client.read([path.join(dir, 'a.md')], [1e6]));
  });

  it('started ahead of its first call (while the configuration loads), answers it', async () => {
    const file = path.join(dir, 'a.md');
    await fs.writeFile(file, 'text');
    client = newClient();
    client.prestart();
    client.prestart();
    const [result] = await client.read([file], [1e6]);
    assert.equal(result?.kind === 'bytes' && Buffer.from(result.bytes).toString('utf8'), 'text');
  });

  it('started ahead when it cannot run, refuses the calls that follow', async () => {
    client = newClient(path.join(dir, 'no-such-worker.js'));
    client.prestart();
    await assert.rejects(client.read([path.join(dir, 'a.md')], [1e6]));
    assert.equal(client.usable, false);
  });

  it('refuses calls after it is disposed', async () => {
    client = newClient();
    client.dispose();
    await assert.rejects(client.read([path.join(dir, 'a.md')], [1e6]), /disposed/);
  });
});
