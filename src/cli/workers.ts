// Reading and analysing files on several threads. The main thread takes
// chunks of the file list itself and hands others to worker threads, so a
// worker that is slow to start costs nothing; every result is put back at its
// file's index, so the output is the same, byte for byte, whatever the number
// of threads. The worker is this same bundle (dist/cli.js) started with
// `workerData`: src/cli/main.ts runs `runWorker` instead of the command line.
//
// Site contexts hold the generators' rules as functions, which cannot cross
// to a thread: each worker finds the sites itself (the same files, the same
// answer) and places each file as the main thread did; only the file times
// the main thread read are sent along.
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parentPort, Worker } from 'node:worker_threads';
import { analyze, DEFAULT_CONFIG, findingsOf, plainSiteContext, siteContextFor, withSiteContent, type SiteContext, type SiteSet } from '../core';
import { withFileTimes, type FileTimes } from '../core/site/fileTimes';
import type { Finding, Post, PostdeskConfig } from '../core/types';
import { fileFinding } from './fileFinding';
import { readPostSync } from './read';
import type { ThreadTuning } from './io';
import { loadSites, type SiteTarget } from './sites';

/** What one file comes to, per task: `check` its findings; `list` its post, or why it was skipped. */
export interface TaskResults {
  check: readonly Finding[];
  list: { readonly post?: Post; readonly skipped?: string };
}
export type TaskName = keyof TaskResults;

/** Everything a worker needs to redo the main thread's setup: plain data only. */
export interface WorkerSetup {
  readonly postdeskWorker: 1;
  readonly task: TaskName;
  /** The project root and its configuration as loaded (before the sites add their content formats). */
  readonly root: string;
  readonly loadedConfig: PostdeskConfig;
  readonly nowMs: number;
}

interface WireFile {
  readonly absPath: string;
  readonly realPath: string;
  readonly displayPath: string;
  readonly problem?: string;
  readonly fileTimes?: FileTimes;
}

interface ChunkRequest {
  readonly chunk: number;
  readonly files: readonly WireFile[];
}
type WorkerReply = { readonly chunk: number; readonly results: readonly unknown[] } | { readonly failed: string };

export function isWorkerSetup(data: unknown): data is WorkerSetup {
  return typeof data === 'object' && data !== null && (data as { postdeskWorker?: unknown }).postdeskWorker === 1;
}

/** One file's result for a task, on whichever thread. */
export function runTask<T extends TaskName>(task: T, file: SiteTarget, config: PostdeskConfig, now: Date): TaskResults[T];
export function runTask(task: TaskName, file: SiteTarget, config: PostdeskConfig, now: Date): TaskResults[TaskName] {
  const read = readPostSync(file, config.maxFileSize);
  if (task === 'check') {
    if (!read.ok) {
      const finding = fileFinding(read.message, config);
      return finding ? [finding] : [];
    }
    return findingsOf(read.doc, config, { now, site: file.site });
  }
  if (!read.ok) return { skipped: read.message };
  return { post: analyze(read.doc, config, { now, site: file.site }).post };
}

/** The worker's side: set up once, then answer chunk after chunk. */
export function runWorker(setup: WorkerSetup): void {
  const port = parentPort;
  if (!port) return;
  const ready = prepareWorker(setup);
  port.on('message', (request: ChunkRequest) => {
    void ready.then(
      ({ sites, config }) => {
        const now = new Date(setup.nowMs);
        const results = request.files.map((wire) => runTask(setup.task, placeAgain(wire, sites, setup.root, config), config, now));
        port.postMessage({ chunk: request.chunk, results } satisfies WorkerReply);
      },
      (error: unknown) => port.postMessage({ failed: String(error) } satisfies WorkerReply),
    );
  });
}

async function prepareWorker(setup: WorkerSetup): Promise<{ sites: SiteSet; config: PostdeskConfig }> {
  const sites = await loadSites(setup.root, setup.loadedConfig);
  return { sites, config: withSiteContent(setup.loadedConfig, sites, DEFAULT_CONFIG) };
}

/** The file's site context as `placeFiles` (src/cli/sites.ts) gave it on the main thread. */
function placeAgain(wire: WireFile, sites: SiteSet, root: string, config: PostdeskConfig): SiteTarget {
  const rel = path.relative(root, wire.absPath);
  const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  const placed = inside ? siteContextFor(sites, rel.split(path.sep).join('/')) : plainSiteContext(config, wire.absPath);
  let site: SiteContext = placed.classification.kind === 'ignored' ? plainSiteContext(config, wire.absPath) : placed;
  if (wire.fileTimes) site = withFileTimes(site, wire.fileTimes);
  return { absPath: wire.absPath, realPath: wire.realPath, displayPath: wire.displayPath, ...(wire.problem !== undefined ? { problem: wire.problem } : {}), site };
}

function toWire(file: SiteTarget): WireFile {
  return {
    absPath: file.absPath,
    realPath: file.realPath,
    displayPath: file.displayPath,
    ...(file.problem !== undefined ? { problem: file.problem } : {}),
    ...(file.site.fileTimes ? { fileTimes: file.site.fileTimes } : {}),
  };
}

/** Files per chunk: a few milliseconds of work, so threads finish close together and replies stay small. */
const CHUNK = 32;
/** Below this many files per thread, starting a worker costs more than it saves. */
export const MIN_FILES_PER_THREAD = 250;

/** How many threads read and analyse `files` files: never more than --jobs (default: the cores), one for small inputs. */
export function threadCount(files: number, jobs: number | undefined, tuning: ThreadTuning = {}): number {
  const most = jobs ?? os.availableParallelism();
  const perThread = tuning.minFilesPerThread ?? MIN_FILES_PER_THREAD;
  return Math.max(1, Math.min(most, Math.floor(files / perThread)));
}

/**
 * Each file's result for `task`, in the files' order, on `threads` threads:
 * this one and threads - 1 workers. A worker that fails or cannot start
 * leaves its chunks to this thread: the result is the same, only later.
 */
export async function runOnThreads<T extends TaskName>(
  task: T,
  files: readonly SiteTarget[],
  setup: { readonly root: string; readonly loadedConfig: PostdeskConfig; readonly config: PostdeskConfig; readonly now: Date },
  threads: number,
  tuning: ThreadTuning = {},
): Promise<TaskResults[T][]> {
  const results = new Array<TaskResults[T]>(files.length);
  const size = tuning.chunkSize ?? CHUNK;
  const chunks = Math.ceil(files.length / size);
  const mainThreadWorks = tuning.mainThreadWorks ?? true;
  const entry = threads > 1 || !mainThreadWorks ? workerEntry() : undefined;
  let next = 0;
  let chunksByWorkers = 0;
  const runHere = (chunk: number): void => {
    for (let i = chunk * size; i < Math.min(files.length, (chunk + 1) * size); i++) results[i] = runTask(task, files[i] as SiteTarget, setup.config, setup.now);
  };
  // Chunks given to a worker that then failed: this thread does them.
  const orphaned: number[] = [];
  const workers: Promise<void>[] = [];
  if (entry) {
    const workerData: WorkerSetup = { postdeskWorker: 1, task, root: setup.root, loadedConfig: setup.loadedConfig, nowMs: setup.now.getTime() };
    const count = mainThreadWorks ? threads - 1 : Math.max(1, threads);
    for (let w = 0; w < count; w++) workers.push(driveWorker(entry, workerData));
  }

  function driveWorker(where: WorkerEntry, workerData: WorkerSetup): Promise<void> {
    return new Promise<void>((resolve) => {
      const pending = new Set<number>();
      let done = false;
      // A small young generation: measured, it keeps a 10,000-post run's peak RSS some 6 MB lower at no cost in time.
      const worker = new Worker(where.script, { eval: where.eval, workerData, resourceLimits: { maxYoungGenerationSizeMb: 6 } });
      const give = (): void => {
        if (next >= chunks) return;
        const chunk = next++;
        pending.add(chunk);
        const request: ChunkRequest = { chunk, files: files.slice(chunk * size, (chunk + 1) * size).map(toWire) };
        worker.postMessage(request);
      };
      const finish = (): void => {
        if (done) return;
        done = true;
        orphaned.push(...pending);
        pending.clear();
        void worker.terminate();
        resolve();
      };
      worker.on('message', (reply: WorkerReply) => {
        if (done) return;
        if ('failed' in reply) return finish();
        const start = reply.chunk * size;
        reply.results.forEach((result, k) => (results[start + k] = result as TaskResults[T]));
        pending.delete(reply.chunk);
        chunksByWorkers++;
        give();
        if (pending.size === 0) finish();
      });
      worker.on('error', finish);
      worker.on('exit', finish);
      // Two chunks in hand: the worker starts the second while its first answer travels back.
      give();
      give();
      if (pending.size === 0) finish();
    });
  }

  // This thread's share, a chunk at a time, letting the workers' replies in between.
  while (mainThreadWorks && next < chunks) {
    runHere(next++);
    if (workers.length > 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await Promise.all(workers);
  for (const chunk of orphaned) runHere(chunk);
  // No worker could start at all: this thread does what is left.
  while (next < chunks) runHere(next++);
  tuning.onDone?.({ workers: workers.length, chunksByWorkers, chunks });
  return results;
}

interface WorkerEntry {
  readonly script: string;
  readonly eval: boolean;
}

/**
 * The script a worker runs: the CLI bundle itself (dist/cli.js, or the one
 * beside the benchmark's bundle); run from source (tests), the TypeScript
 * entry through tsx. Undefined when there is none: one thread does the work.
 */
function workerEntry(): WorkerEntry | undefined {
  if (__filename.endsWith('.ts')) {
    // Named through a variable so the bundler leaves it alone: only source runs need tsx.
    const loader = 'tsx/cjs';
    return { script: `require(${JSON.stringify(require.resolve(loader))}); require(${JSON.stringify(path.join(__dirname, 'main.ts'))});`, eval: true };
  }
  const bundle = path.basename(__filename) === 'cli.js' ? __filename : path.join(__dirname, 'cli.js');
  return existsSync(bundle) ? { script: bundle, eval: false } : undefined;
}
