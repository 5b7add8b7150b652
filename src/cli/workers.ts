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
import { readPosts, type ReadFailure, type ReadPost } from './read';
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

/** One file's result for a task, on whichever thread, from what reading it gave. */
export function analyseRead<T extends TaskName>(task: T, file: SiteTarget, read: ReadPost | ReadFailure, config: PostdeskConfig, now: Date): TaskResults[T];
export function analyseRead(task: TaskName, file: SiteTarget, read: ReadPost | ReadFailure, config: PostdeskConfig, now: Date): TaskResults[TaskName] {
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

/** The worker's side: set up once, then answer chunk after chunk; a chunk's files are read as soon as it comes. */
export function runWorker(setup: WorkerSetup): void {
  const port = parentPort;
  if (!port) return;
  const ready = prepareWorker(setup);
  port.on('message', (request: ChunkRequest) => {
    void Promise.all([ready, readPosts(request.files, setup.loadedConfig.maxFileSize)]).then(
      ([{ sites, config }, reads]) => {
        const now = new Date(setup.nowMs);
        const results = request.files.map((wire, k) => analyseRead(setup.task, placeAgain(wire, sites, setup.root, config), reads[k] as ReadPost | ReadFailure, config, now));
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
  const chunkFiles = (chunk: number): readonly SiteTarget[] => files.slice(chunk * size, (chunk + 1) * size);
  const readChunk = (chunk: number): { chunk: number; reads: Promise<(ReadPost | ReadFailure)[]> } => ({ chunk, reads: readPosts(chunkFiles(chunk), setup.config.maxFileSize) });
  const analyseHere = (chunk: number, reads: readonly (ReadPost | ReadFailure)[]): void => {
    chunkFiles(chunk).forEach((file, k) => (results[chunk * size + k] = analyseRead(task, file, reads[k] as ReadPost | ReadFailure, setup.config, setup.now)));
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

  // This thread's share, a chunk at a time: the next chunk's files are read
  // while this one is analysed, and the workers' replies come in meanwhile.
  let claimed = mainThreadWorks && next < chunks ? readChunk(next++) : undefined;
  while (claimed) {
    const current = claimed;
    claimed = next < chunks ? readChunk(next++) : undefined;
    analyseHere(current.chunk, await current.reads);
  }
  await Promise.all(workers);
  // A failed worker's chunks, and all of them when no worker could start.
  const left = [...orphaned];
  while (next < chunks) left.push(next++);
  for (const chunk of left) analyseHere(chunk, await readChunk(chunk).reads);
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
