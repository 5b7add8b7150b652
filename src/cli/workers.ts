// Reading and analysing files on several threads. The main thread takes
// chunks of the file list itself and hands others to worker threads, so a
// worker that is slow to start costs nothing; every result is put back at its
// file's index, so the output is the same, byte for byte, whatever the number
// of threads. The worker is this same bundle (dist/cli.js) started with
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
import { loadSites, type SiteTarget } from './sites';
import { absoluteNow, Timing } from './timing';

/** What one file comes to, per task: `check` its findings; `list` its post, or why it was skipped. */
export interface TaskResults {
  check: readonly ReportedFinding[];
  list: { readonly post?: Post; readonly skipped?: string };
}
export type TaskName = keyof TaskResults;

/** The worker's `workerData`: marks the thread as one of Postdesk's. What to do comes as a `SetupMessage`. */
export interface WorkerMark {
  readonly postdeskWorker: 1;
}

/** Everything a worker needs to redo the main thread's setup: plain data only. */
interface SetupMessage {
  readonly kind: 'setup';
  readonly task: TaskName;
  /** The project root and its configuration as loaded (before the sites add their content formats). */
  readonly root: string;
  readonly loadedConfig: PostdeskConfig;
  readonly nowMs: number;
  /** ThreadTuning.workerEndsAfter. */
  readonly endAfter?: number;
}

interface WireFile {
  readonly absPath: string;
  readonly realPath: string;
  readonly displayPath: string;
  readonly problem?: string;
  readonly fileTimes?: FileTimes;
}

interface ChunkRequest {
  readonly kind: 'chunk';
  readonly chunk: number;
  readonly files: readonly WireFile[];
}
type WorkerReply =
  | { readonly chunk: number; readonly results: readonly unknown[]; /** When the worker had its sites and began the chunk (ms since the epoch). */ readonly startedAt: number }
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
    return findingsOf(read.doc, config, { now, site: file.site });
  }
  if (!read.ok) return { skipped: read.message };
  return { post: analyze(read.doc, config, { now, site: file.site }).post };
}

/** What a finding is sent back as: what the output prints of it, no fixes. */
function reported(findings: readonly ReportedFinding[]): ReportedFinding[] {
  return findings.map(({ rule, severity, message, range }) => ({ rule, severity, message, range }));
}

/** The worker's side: set up once the main thread says how, then answer chunk after chunk. */
export function runWorker(): void {
  const port = parentPort;
  if (!port) return;
  let ready: Promise<{ setup: SetupMessage; sites: SiteSet; config: PostdeskConfig }> | undefined;
  let answered = 0;
  port.on('message', (message: SetupMessage | ChunkRequest) => {
    if (message.kind === 'setup') {
      ready = prepareWorker(message);
      return;
    }
    // Messages arrive in order, so the setup has come; `then` callbacks run in the order they were added.
    void (ready ?? Promise.reject(new Error('a chunk before the setup'))).then(
      ({ setup, sites, config }) => {
        if (setup.endAfter !== undefined && answered >= setup.endAfter) process.exit(1);
        answered++;
        const startedAt = absoluteNow();
        const now = new Date(setup.nowMs);
        const results = message.files.map((wire) => {
          const result = runTask(setup.task, placeAgain(wire, sites, setup.root, config), config, now);
          return setup.task === 'check' ? reported(result as TaskResults['check']) : result;
        });
        port.postMessage({ chunk: message.chunk, results, startedAt } satisfies WorkerReply);
      },
      (error: unknown) => port.postMessage({ failed: String(error) } satisfies WorkerReply),
    );
  });
}

async function prepareWorker(setup: SetupMessage): Promise<{ setup: SetupMessage; sites: SiteSet; config: PostdeskConfig }> {
  const sites = await loadSites(setup.root, setup.loadedConfig);
  return { setup, sites, config: withSiteContent(setup.loadedConfig, sites, DEFAULT_CONFIG) };
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
    const count = workersFor(jobs ?? os.availableParallelism(), tuning);
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

  let next = 0;
  let chunksByWorkers = 0;
  const runHere = (chunk: number): void => {
    for (let i = chunk * size; i < Math.min(files.length, (chunk + 1) * size); i++) results[i] = runTask(task, files[i] as SiteTarget, setup.config, setup.now);
  };
  // Chunks given to a worker that then failed: this thread does them.
  const orphaned: number[] = [];
  const setupMessage: SetupMessage = {
    kind: 'setup',
    task,
    root: setup.root,
    loadedConfig: setup.loadedConfig,
    nowMs: setup.now.getTime(),
    ...(tuning.workerEndsAfter !== undefined ? { endAfter: tuning.workerEndsAfter } : {}),
  };
  tuning.beforeRun?.(files);
  const driven = workers.map((worker) => driveWorker(worker));

  function driveWorker(worker: Worker): Promise<void> {
    return new Promise<void>((resolve) => {
      const pending = new Set<number>();
      let done = false;
      let first = true;
      const give = (): void => {
        if (next >= chunks) return;
        const chunk = next++;
        pending.add(chunk);
        const request: ChunkRequest = { kind: 'chunk', chunk, files: files.slice(chunk * size, (chunk + 1) * size).map(toWire) };
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
        if (first) {
          first = false;
          timing.mark('a worker has its sites and begins its first chunk', reply.startedAt);
          timing.mark('… and has sent it back');
        }
        const start = reply.chunk * size;
        reply.results.forEach((result, k) => (results[start + k] = result as TaskResults[T]));
        pending.delete(reply.chunk);
        chunksByWorkers++;
        give();
        if (pending.size === 0) finish();
      });
      worker.on('error', finish);
      worker.on('exit', finish);
      worker.postMessage(setupMessage);
      // Two chunks in hand: the worker starts the second while its first answer travels back.
      give();
      give();
      if (pending.size === 0) finish();
    });
  }

  // This thread's share, a chunk at a time, letting the workers' replies in between.
  while (mainThreadWorks && next < chunks) {
    runHere(next++);
    if (driven.length > 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  timing.mark(`this thread's chunks done (${chunks - chunksByWorkers} of ${chunks} not by workers so far)`);
  await Promise.all(driven);
  timing.mark(`the workers are done (${chunksByWorkers} chunks)`);
  for (const chunk of orphaned) runHere(chunk);
  // No worker could start at all: this thread does what is left.
  while (next < chunks) runHere(next++);
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
