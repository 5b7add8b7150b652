// Reading and analysing files on several threads. The file list is cut into
// chunks; every thread, this one and the workers, takes the next chunk from a
// shared counter (Atomics), so a worker that is slow to start costs nothing
// and no worker waits for this thread to hand it work; every result is put
// back at its file's index, so the output is the same, byte for byte,
// whatever the number of threads. The worker is this same bundle (dist/cli.js) started with
// `workerData`: src/cli/main.ts runs `runWorker` instead of the command line.
//
// A worker takes a while to start (a thread, a V8 isolate, the bundle
// compiled). When a folder is to be walked, the command starts its workers
// first (`startWorkers`), so they start while this thread reads the
// configuration, finds the sites and walks; once the files are known, a
// worker that is not needed (a small input) is stopped unused.
//
// Site contexts hold the generators' rules as functions, which cannot cross
// to a thread: each worker finds the sites itself (the same files, the same
// answer) and places each file as the main thread did; only the file times
// the main thread read are sent along. A worker sends back only what the
// output prints of each finding.
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parentPort, Worker } from 'node:worker_threads';
import { analyze, DEFAULT_CONFIG, findingsOf, plainSiteContext, siteContextFor, withSiteContent, type SiteContext, type SiteSet } from '../core';
import { withFileTimes, type FileTimes } from '../core/site/fileTimes';
import type { Post, PostdeskConfig } from '../core/types';
import { fileFinding } from './fileFinding';
import { readDocSync } from './read';
import type { ThreadTuning } from './io';
import type { ReportedFinding } from './report';
import { belowRoot, loadSites, type SiteTarget } from './sites';
import { absoluteNow, Timing } from './timing';

/** What one file comes to, per task: `check` its findings; `list` its post, or why it was skipped. */
export interface TaskResults {
  check: readonly ReportedFinding[];
  list: { readonly post?: Post; readonly skipped?: string };
}
export type TaskName = keyof TaskResults;

/** The worker's `workerData`: marks the thread as one of Postdesk's. What to do comes as a `RunMessage`. */
export interface WorkerMark {
  readonly postdeskWorker: 1;
}

/** Everything a worker needs: the main thread's setup to redo, the files, and the counter the threads take chunks from. Plain data only. */
interface RunMessage {
  readonly task: TaskName;
  /** The project root and its configuration as loaded (before the sites add their content formats). */
  readonly root: string;
  readonly loadedConfig: PostdeskConfig;
  readonly nowMs: number;
  readonly files: readonly WireFile[];
  readonly chunkSize: number;
  /** One Int32: the next chunk no thread has taken yet (`Atomics.add`). */
  readonly nextChunk: SharedArrayBuffer;
  /** ThreadTuning.workerEndsAfter. */
  readonly endAfter?: number;
}

interface WireFile {
  readonly absPath: string;
  /** Absent when it is absPath (nearly always). */
  readonly realPath?: string;
  readonly displayPath: string;
  readonly problem?: string;
  readonly fileTimes?: FileTimes;
}

type WorkerReply =
  | { readonly chunk: number; readonly results: readonly unknown[]; /** When the worker began the chunk (ms since the epoch). */ readonly startedAt: number }
  | { readonly done: true }
  | { readonly failed: string };

export function isWorkerMark(data: unknown): data is WorkerMark {
  return typeof data === 'object' && data !== null && (data as { postdeskWorker?: unknown }).postdeskWorker === 1;
}

/** One file's result for a task, on whichever thread. */
export function runTask<T extends TaskName>(task: T, file: SiteTarget, config: PostdeskConfig, now: Date): TaskResults[T];
export function runTask(task: TaskName, file: SiteTarget, config: PostdeskConfig, now: Date): TaskResults[TaskName] {
  const read = readDocSync(file, config.maxFileSize);
  if (task === 'check') {
    if (!read.ok) {
      const finding = fileFinding(read.message, config);
      return finding ? [finding] : [];
    }
    // Only what the output prints of each finding is kept: no fixes (see `reported`).
    return findingsOf(read.doc, config, { now, site: file.site, reportOnly: true });
  }
  if (!read.ok) return { skipped: read.message };
  return { post: analyze(read.doc, config, { now, site: file.site }).post };
}

/** What a finding is sent back as: what the output prints of it, no fixes. */
function reported(findings: readonly ReportedFinding[]): ReportedFinding[] {
  return findings.map(({ rule, severity, message, range }) => ({ rule, severity, message, range }));
}

/**
 * The worker's side: once told the run, take chunk after chunk from the
 * shared counter and send each one's results back, until none is left. It
 * never waits for the main thread, which may be busy with a chunk of its own.
 */
export function runWorker(): void {
  const port = parentPort;
  if (!port) return;
  port.once('message', (run: RunMessage) => {
    prepareWorker(run).then(
      ({ sites, config }) => {
        const now = new Date(run.nowMs);
        const next = new Int32Array(run.nextChunk);
        const chunks = Math.ceil(run.files.length / run.chunkSize);
        const below = belowRoot(run.root);
        for (let answered = 0; ; answered++) {
          const chunk = Atomics.add(next, 0, 1);
          if (chunk >= chunks) break;
          if (run.endAfter !== undefined && answered >= run.endAfter) process.exit(1);
          const startedAt = absoluteNow();
          const results: unknown[] = [];
          for (let i = chunk * run.chunkSize; i < Math.min(run.files.length, (chunk + 1) * run.chunkSize); i++) {
            const result = runTask(run.task, placeAgain(run.files[i] as WireFile, sites, below, config), config, now);
            results.push(run.task === 'check' ? reported(result as TaskResults['check']) : result);
          }
          port.postMessage({ chunk, results, startedAt } satisfies WorkerReply);
        }
        port.postMessage({ done: true } satisfies WorkerReply);
      },
      (error: unknown) => port.postMessage({ failed: String(error) } satisfies WorkerReply),
    );
  });
}

async function prepareWorker(run: RunMessage): Promise<{ sites: SiteSet; config: PostdeskConfig }> {
  const sites = await loadSites(run.root, run.loadedConfig);
  return { sites, config: withSiteContent(run.loadedConfig, sites, DEFAULT_CONFIG) };
}

/** The file's site context as `placeFiles` (src/cli/sites.ts) gave it on the main thread. */
function placeAgain(wire: WireFile, sites: SiteSet, below: (absPath: string) => string | undefined, config: PostdeskConfig): SiteTarget {
  const rel = below(wire.absPath);
  const placed = rel !== undefined ? siteContextFor(sites, rel) : plainSiteContext(config, wire.absPath);
  let site: SiteContext = placed.classification.kind === 'ignored' ? plainSiteContext(config, wire.absPath) : placed;
  if (wire.fileTimes) site = withFileTimes(site, wire.fileTimes);
  return { absPath: wire.absPath, realPath: wire.realPath ?? wire.absPath, displayPath: wire.displayPath, ...(wire.problem !== undefined ? { problem: wire.problem } : {}), site };
}

function toWire(file: SiteTarget): WireFile {
  return {
    absPath: file.absPath,
    ...(file.realPath !== file.absPath ? { realPath: file.realPath } : {}),
    displayPath: file.displayPath,
    ...(file.problem !== undefined ? { problem: file.problem } : {}),
    ...(file.site.fileTimes ? { fileTimes: file.site.fileTimes } : {}),
  };
}

/** Files per chunk: a few milliseconds of work, so threads finish close together and replies stay small. */
const CHUNK = 32;
/** Below this many files per thread, starting a worker costs more than it saves. */
export const MIN_FILES_PER_THREAD = 250;

/**
 * Threads without --jobs: one per two cores. Each thread is a V8 isolate
 * that compiles and warms up the engine on its own, and the compiler and
 * collector of one thread already keep a second core busy for much of a
 * run. Measured on two cores (docs/benchmarks-cli.md): one thread checked
 * 10,000 posts in 0.65x the time of two (the generated posts; 0.55x the
 * Node.js blog ×10, 0.85x the Jekyll posts ×100, and 0.75x all three together, 31,000
 * files), with two threads spending 1.3-2 s more CPU than one.
 */
export function defaultJobs(): number {
  return Math.max(1, Math.floor(os.availableParallelism() / 2));
}

/** How many threads read and analyse `files` files: never more than --jobs (default: `defaultJobs`), one for small inputs. */
export function threadCount(files: number, jobs: number | undefined, tuning: ThreadTuning = {}): number {
  const most = jobs ?? defaultJobs();
  const perThread = tuning.minFilesPerThread ?? MIN_FILES_PER_THREAD;
  return Math.max(1, Math.min(most, Math.floor(files / perThread)));
}

/** Worker threads for `threads` threads in all: this one works too, unless the tuning says it only hands out chunks. */
function workersFor(threads: number, tuning: ThreadTuning): number {
  const mainThreadWorks = tuning.mainThreadWorks ?? true;
  if (threads <= 1 && mainThreadWorks) return 0;
  return mainThreadWorks ? threads - 1 : Math.max(1, threads);
}

/**
 * Workers started before the files are known (see the top of this file).
 * `runOnThreads` takes what it needs; `dispose` stops the rest, and must run
 * however the command ends. Until taken, a worker does not keep the process
 * alive: a command that fails early exits without waiting for it.
 */
export class StartedWorkers {
  private readonly idle: Worker[] = [];
  /** Workers that ended before they were taken (one whose start failed): never handed out. */
  private readonly ended = new WeakSet<Worker>();

  private constructor(readonly entry: WorkerEntry) {}

  /**
   * Workers for a run on at most `jobs` threads (default: the cores), or
   * undefined when there will be one thread anyway or no bundle to start.
   */
  static start(jobs: number | undefined, tuning: ThreadTuning = {}, timing?: Timing): StartedWorkers | undefined {
    const count = workersFor(jobs ?? defaultJobs(), tuning);
    const entry = count > 0 ? workerEntry() : undefined;
    if (!entry) return undefined;
    const started = new StartedWorkers(entry);
    for (let i = 0; i < count; i++) {
      const worker = startWorker(entry, timing);
      worker.once('exit', () => started.ended.add(worker));
      worker.unref();
      started.idle.push(worker);
    }
    return started;
  }

  /** Up to `count` of the started workers, now keeping the process alive while they work. */
  take(count: number): Worker[] {
    const taken = this.idle.filter((worker) => !this.ended.has(worker)).slice(0, count);
    this.idle.splice(0, this.idle.length, ...this.idle.filter((worker) => !taken.includes(worker)));
    for (const worker of taken) worker.ref();
    return taken;
  }

  /** Stops the workers not taken; returns how many. */
  dispose(): number {
    const unused = this.idle.splice(0);
    for (const worker of unused) void worker.terminate();
    return unused.length;
  }
}

function startWorker(entry: WorkerEntry, timing?: Timing): Worker {
  // A small young generation: measured, it keeps a 10,000-post run's peak RSS some 6 MB lower at no cost in time.
  const worker = new Worker(entry.script, { eval: entry.eval, workerData: { postdeskWorker: 1 } satisfies WorkerMark, resourceLimits: { maxYoungGenerationSizeMb: 6 } });
  // A worker that fails ends: its chunks go back to this thread ('exit' below), so the error itself needs no handling.
  worker.on('error', () => undefined);
  if (timing?.enabled) worker.once('online', () => timing.mark('a worker thread is running'));
  return worker;
}

export interface ThreadSetup {
  readonly root: string;
  readonly loadedConfig: PostdeskConfig;
  readonly config: PostdeskConfig;
  readonly now: Date;
}

export interface ThreadOptions {
  readonly tuning?: ThreadTuning;
  /** Workers started early; any this run does not need are stopped here. */
  readonly started?: StartedWorkers;
  readonly timing?: Timing;
}

/**
 * Each file's result for `task`, in the files' order, on `threads` threads:
 * this one and threads - 1 workers. A worker that fails or cannot start
 * leaves its chunks to this thread: the result is the same, only later.
 */
export async function runOnThreads<T extends TaskName>(task: T, files: readonly SiteTarget[], setup: ThreadSetup, threads: number, options: ThreadOptions = {}): Promise<TaskResults[T][]> {
  const { tuning = {}, timing = new Timing(false) } = options;
  const results = new Array<TaskResults[T]>(files.length);
  const size = tuning.chunkSize ?? CHUNK;
  const chunks = Math.ceil(files.length / size);
  const mainThreadWorks = tuning.mainThreadWorks ?? true;
  const wanted = workersFor(threads, tuning);
  const workers = options.started?.take(wanted) ?? [];
  const startedAhead = workers.length;
  const stoppedUnused = options.started?.dispose() ?? 0;
  const entry = workers.length < wanted ? (options.started?.entry ?? workerEntry()) : undefined;
  while (entry && workers.length < wanted) workers.push(startWorker(entry, timing));

  // Every thread takes the next chunk from this counter; the workers never wait for this thread to hand one out.
  const nextChunk = new SharedArrayBuffer(4);
  const take = (): number => Atomics.add(new Int32Array(nextChunk), 0, 1);
  const done = new Uint8Array(chunks);
  let chunksByWorkers = 0;
  const runHere = (chunk: number): void => {
    for (let i = chunk * size; i < Math.min(files.length, (chunk + 1) * size); i++) results[i] = runTask(task, files[i] as SiteTarget, setup.config, setup.now);
    done[chunk] = 1;
  };
  tuning.beforeRun?.(files);
  const driven: Promise<void>[] = [];
  if (workers.length > 0) {
    const run: RunMessage = {
      task,
      root: setup.root,
      loadedConfig: setup.loadedConfig,
      nowMs: setup.now.getTime(),
      files: files.map(toWire),
      chunkSize: size,
      nextChunk,
      ...(tuning.workerEndsAfter !== undefined ? { endAfter: tuning.workerEndsAfter } : {}),
    };
    for (const worker of workers) driven.push(driveWorker(worker, run));
  }

  /** Collects a worker's results until it says it is done, fails or ends. */
  function driveWorker(worker: Worker, run: RunMessage): Promise<void> {
    return new Promise<void>((resolve) => {
      let ended = false;
      let first = true;
      const end = (): void => {
        if (ended) return;
        ended = true;
        void worker.terminate();
        resolve();
      };
      worker.on('message', (reply: WorkerReply) => {
        if (ended) return;
        if ('failed' in reply || 'done' in reply) return end();
        if (first) {
          first = false;
          timing.mark('a worker has its sites and begins its first chunk', reply.startedAt);
          timing.mark('… and has sent it back');
        }
        const start = reply.chunk * size;
        reply.results.forEach((result, k) => (results[start + k] = result as TaskResults[T]));
        done[reply.chunk] = 1;
        chunksByWorkers++;
      });
      worker.on('error', end);
      worker.on('exit', end);
      worker.postMessage(run);
    });
  }

  // This thread's share, a chunk at a time, letting the workers' results in between.
  if (mainThreadWorks) {
    for (let chunk = take(); chunk < chunks; chunk = take()) {
      runHere(chunk);
      if (driven.length > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  timing.mark(`this thread's chunks done (${chunks - chunksByWorkers} of ${chunks} not by workers so far)`);
  await Promise.all(driven);
  timing.mark(`the workers are done (${chunksByWorkers} chunks)`);
  // Chunks a worker took but never answered (it failed or ended), or that no worker could take: this thread does them.
  for (let chunk = 0; chunk < chunks; chunk++) if (done[chunk] === 0) runHere(chunk);
  tuning.onDone?.({ workers: driven.length, startedAhead, stoppedUnused, chunksByWorkers, chunks });
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
