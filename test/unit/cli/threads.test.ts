// postdesk check and list on several threads print exactly what one thread
// prints, byte for byte, in every output format: on the fixture sites, and on
// a copy of the real Jekyll posts with unreadable files mixed in. Small
// inputs normally stay on one thread, so these runs tell the CLI to send
// every chunk (of one file) through worker threads, and check they did.
import assert from 'node:assert/strict';
import { existsSync, promises as fs, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ThreadTuning } from '../../../src/cli/io';
import { threadCount } from '../../../src/cli/workers';
import { JEKYLL_CORPUS, runWith, type CliRun } from './helpers';

const REPO = path.resolve(__dirname, '../../..');
const FORMATS = ['text', 'json', 'sarif', 'junit', 'github'] as const;
/** maxFileSize for the Jekyll copy: a few real posts are over it too. */
const LIMIT = 16 * 1024;

function runThreads(cwd: string, threads: ThreadTuning | undefined, argv: readonly string[]): Promise<CliRun> {
  return runWith(cwd, argv, threads ? { threads } : {});
}

/** The same command on one thread and through two workers: the same bytes, the same exit code. */
async function assertSameOnThreads(cwd: string, argv: readonly string[]): Promise<number> {
  const single = await runThreads(cwd, undefined, [...argv, '--jobs', '1']);
  let chunksByWorkers = 0;
  const tuning: ThreadTuning = { minFilesPerThread: 1, chunkSize: 1, mainThreadWorks: false, onDone: (stats) => (chunksByWorkers = stats.chunksByWorkers) };
  const parallel = await runThreads(cwd, tuning, [...argv, '--jobs', '2']);
  assert.equal(parallel.stdout, single.stdout, `${argv.join(' ')} in ${cwd}: stdout`);
  assert.equal(parallel.stderr, single.stderr, `${argv.join(' ')} in ${cwd}: stderr`);
  assert.equal(parallel.code, single.code);
  return chunksByWorkers;
}

describe('postdesk on several threads', function () {
  // Each run starts workers that compile the TypeScript sources through tsx.
  this.timeout(240_000);

  it('uses one thread for small inputs and at most --jobs threads', () => {
    assert.equal(threadCount(10, 8), 1);
    assert.equal(threadCount(10_000, 1), 1);
    assert.equal(threadCount(10_000, 2), 2);
    assert.equal(threadCount(10_000, 64), 40);
    assert.equal(threadCount(3, 4, { minFilesPerThread: 1 }), 3);
  });

  it('prints the same bytes for the fixture sites in every format', async () => {
    // All the fixture sites under one root, so each format is one run (each run starts its workers anew).
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'postdesk-threads-fixtures-'));
    try {
      await fs.cp(path.join(REPO, 'test/fixtures/sites'), path.join(root, 'sites'), { recursive: true });
      await fs.cp(path.join(REPO, 'test/unit/cli/fixtures'), path.join(root, 'cli'), { recursive: true });
      let viaWorkers = 0;
      for (const format of FORMATS) viaWorkers += await assertSameOnThreads(root, ['check', '--format', format]);
      viaWorkers += await assertSameOnThreads(root, ['list', '--format', 'json', '--pages']);
      assert.ok(viaWorkers > 6 * 50, `${viaWorkers} files went through workers`);
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });

  describe('on a copy of the real Jekyll posts', () => {
    let dir: string;
    before(async function () {
      if (!existsSync(JEKYLL_CORPUS)) {
        console.warn(`    (skipped: ${JEKYLL_CORPUS} is not present; it sits beside the checkout in CI)`);
        this.skip();
      }
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'postdesk-threads-'));
      await fs.cp(JEKYLL_CORPUS, path.join(dir, '_posts'), { recursive: true });
      // Files no thread can read as a post: each must give the same `file` finding wherever it is read.
      await fs.writeFile(path.join(dir, '_posts/2020-01-01-binary.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01]));
      await fs.writeFile(path.join(dir, '_posts/2020-01-02-latin1.md'), Buffer.from('---\ntitle: caf\xe9\n---\n', 'latin1'));
      await fs.writeFile(path.join(dir, '_posts/2020-01-03-utf16.md'), Buffer.from('\ufeff---\ntitle: x\n---\n', 'utf16le'));
      await fs.writeFile(path.join(dir, '_posts/2020-01-04-large.md'), `---\ntitle: big\n---\n${'x'.repeat(20_000)}\n`);
      await fs.writeFile(path.join(dir, '_posts/2020-01-05-bom.md'), `\ufeff---\ntitle: bom\ndate: 2020-01-05\n---\nAdvertisement\n`);
      await fs.writeFile(path.join(dir, 'postdesk.config.json'), JSON.stringify({ maxFileSize: LIMIT }));
    });
    after(async () => {
      if (dir) await fs.rm(dir, { recursive: true, force: true });
    });

    it('prints the same bytes in every format, and lists the same posts', async () => {
      let viaWorkers = 0;
      for (const format of FORMATS) viaWorkers += await assertSameOnThreads(dir, ['check', '--format', format]);
      viaWorkers += await assertSameOnThreads(dir, ['list', '--format', 'json']);
      viaWorkers += await assertSameOnThreads(dir, ['list']);
      assert.ok(viaWorkers >= 7 * 100, `${viaWorkers} files went through workers`);
      const json = JSON.parse((await runThreads(dir, undefined, ['check', '--format', 'json'])).stdout) as { files: number; findings: { rule: string; message: string }[] };
      assert.equal(json.files, 107);
      const unreadable = json.findings.filter((f) => f.rule === 'file').map((f) => f.message);
      let tooLarge = 0;
      for (const name of await fs.readdir(JEKYLL_CORPUS)) if ((await fs.stat(path.join(JEKYLL_CORPUS, name))).size > LIMIT) tooLarge++;
      assert.equal(unreadable.length, 4 + tooLarge, unreadable.join('\n'));
    });
  });

  describe('workers started before the walk', () => {
    let dir: string;
    const post = (i: number): string => `---\ntitle: Post ${i}\ndate: 2020-01-${String((i % 28) + 1).padStart(2, '0')}\n---\n${i % 7 === 0 ? 'TODO\n' : 'Text.\n'}`;
    before(async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'postdesk-threads-ahead-'));
      for (let i = 0; i < 40; i++) {
        await fs.mkdir(path.join(dir, 'posts', `y${i % 4}`), { recursive: true });
        await fs.writeFile(path.join(dir, 'posts', `y${i % 4}`, `2020-01-01-p${i}.md`), post(i));
      }
    });
    after(async () => {
      if (dir) await fs.rm(dir, { recursive: true, force: true });
    });

    type Stats = Parameters<NonNullable<ThreadTuning['onDone']>>[0];
    async function runStats(argv: readonly string[], tuning: ThreadTuning): Promise<{ run: CliRun; stats: Stats | undefined }> {
      let stats: Stats | undefined;
      const run = await runThreads(dir, { ...tuning, onDone: (s) => (stats = s) }, argv);
      return { run, stats };
    }

    it('starts them before the walk when a folder is checked, and uses them', async () => {
      const single = await runThreads(dir, undefined, ['check', '--format', 'json', '--jobs', '1']);
      const { run, stats } = await runStats(['check', '--format', 'json', '--jobs', '2'], { minFilesPerThread: 1, chunkSize: 1 });
      assert.equal(run.stdout, single.stdout);
      assert.equal(stats?.startedAhead, 1);
      assert.equal(stats?.workers, 1);
      // The walk's folder was given by name too.
      const named = await runStats(['list', '--format', 'json', '--jobs', '2', 'posts'], { minFilesPerThread: 1, chunkSize: 1, mainThreadWorks: false });
      assert.equal(named.stats?.startedAhead, 2);
      assert.equal(named.stats?.chunksByWorkers, 40);
      assert.equal(named.run.stdout, (await runThreads(dir, undefined, ['list', '--format', 'json', '--jobs', '1', 'posts'])).stdout);
    });

    it('leaves them unused (stopped) when the folder is too small for them, and starts none for files named one by one', async () => {
      const small = await runStats(['check', '--format', 'json', '--jobs', '2'], {});
      assert.deepEqual(small.stats && { workers: small.stats.workers, startedAhead: small.stats.startedAhead, stoppedUnused: small.stats.stoppedUnused }, { workers: 0, startedAhead: 0, stoppedUnused: 1 });
      assert.equal(small.run.stdout, (await runThreads(dir, undefined, ['check', '--format', 'json', '--jobs', '1'])).stdout);
      const files = ['posts/y0/2020-01-01-p0.md', 'posts/y1/2020-01-01-p1.md', 'posts/y2/2020-01-01-p2.md'];
      const named = await runStats(['check', '--format', 'json', '--jobs', '2', ...files], { minFilesPerThread: 1, chunkSize: 1 });
      assert.deepEqual(named.stats && { workers: named.stats.workers, startedAhead: named.stats.startedAhead, stoppedUnused: named.stats.stoppedUnused }, { workers: 1, startedAhead: 0, stoppedUnused: 0 });
      assert.equal(named.run.stdout, (await runThreads(dir, undefined, ['check', '--format', 'json', '--jobs', '1', ...files])).stdout);
    });

    it('reports a file deleted while the threads check, as one thread does', async () => {
      const victim = path.join(dir, 'posts/y3/2020-01-01-p7.md');
      const deleteIt = (): void => rmSync(victim);
      try {
        const single = await runThreads(dir, { beforeRun: deleteIt }, ['check', '--format', 'json', '--jobs', '1']);
        await fs.writeFile(victim, post(7));
        const parallel = await runThreads(dir, { minFilesPerThread: 1, chunkSize: 1, mainThreadWorks: false, beforeRun: deleteIt }, ['check', '--format', 'json', '--jobs', '2']);
        assert.equal(parallel.stdout, single.stdout);
        const json = JSON.parse(parallel.stdout) as { files: number; findings: { file: string; rule: string; message: string }[] };
        assert.equal(json.files, 40);
        assert.deepEqual(
          json.findings.filter((f) => f.rule === 'file').map((f) => [f.file, f.message]),
          [['posts/y3/2020-01-01-p7.md', 'The file was deleted before it could be read.']],
        );
      } finally {
        await fs.writeFile(victim, post(7));
      }
    });

    it('checks the chunks a worker left unanswered when it ended mid-run', async () => {
      const single = await runThreads(dir, undefined, ['check', '--format', 'sarif', '--jobs', '1']);
      let stats: Stats | undefined;
      const tuning: ThreadTuning = { minFilesPerThread: 1, chunkSize: 2, mainThreadWorks: false, workerEndsAfter: 3, onDone: (s) => (stats = s) };
      const parallel = await runThreads(dir, tuning, ['check', '--format', 'sarif', '--jobs', '2']);
      assert.equal(parallel.stdout, single.stdout);
      assert.equal(parallel.code, single.code);
      // Two workers, each ending after three chunks of two files: the rest was checked by this thread.
      assert.equal(stats?.chunksByWorkers, 6);
      assert.equal(stats?.chunks, 20);
    });

    it('prints the phases of a run on stderr with POSTDESK_TIMING, and the same output', async () => {
      const plain = await runThreads(dir, undefined, ['check', '--format', 'json']);
      const timed = await runWith(dir, ['check', '--format', 'json', '--jobs', '2'], { env: { POSTDESK_TIMING: '1' }, threads: { minFilesPerThread: 1 } });
      assert.equal(timed.stdout, plain.stdout);
      assert.equal(plain.stderr, '');
      for (const phase of ['configuration read', 'sites found', 'folders walked', '40 files placed in their sites', 'output written', 'end (CPU']) assert.ok(timed.stderr.includes(phase), `${phase} in\n${timed.stderr}`);
      assert.match(timed.stderr, /^postdesk timing:\n/);
    });
  });

  it('refuses a --jobs that is not a whole number from 1 to 64', async () => {
    for (const bad of ['0', '65', 'two', '1.5', '-1']) {
      const result = await runThreads(REPO, undefined, ['check', '--jobs', bad, 'README.md']);
      assert.equal(result.code, 2, bad);
      assert.match(result.stderr, /--jobs/);
    }
  });
});
