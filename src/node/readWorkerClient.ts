// The extension host's side of the read worker (src/node/readWorker.ts),
// which walks folders and reads files:
// started on first use, stopped after a while without work, and once it has
// failed (it could not start, or it died) every later call is refused, so
// the index goes back to reading on its own thread.
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { PostdeskConfig } from '../core/types';
import type { ReadResult } from '../common/readResult';
import type { ReadReply, WalkReply, WorkerReply, WorkerRequest } from './readWorkerProtocol';
import { Disposable, toDisposable } from '../common/dispose';

/** A worker left without work this long is stopped; the next batch starts a new one. */
const IDLE_STOP_MS = 30_000;
/** Paths per walk reply: taking in 5,000 paths is about a millisecond for the host. */
const WALK_PART_SIZE = 5000;

interface Waiting {
  /** Takes a reply to the call; true when it was the last one. */
  readonly receive: (reply: WorkerReply) => boolean;
  readonly reject: (error: Error) => void;
}

export class ReadWorkerClient extends Disposable {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly waiting = new Map<number, Waiting>();
  private failure: Error | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  /** `options` and `walkPartSize`: for tests, which run the worker's TypeScript source through a loader and walk small folders. */
  constructor(
    private readonly script: string,
    private readonly options: WorkerOptions = {},
    private readonly walkPartSize = WALK_PART_SIZE,
  ) {
    super();
    this._register(toDisposable(() => this.stop(new Error('The read worker was disposed.'))));
  }

  /** Whether calls can still succeed (false once the worker has failed or this was disposed). */
  get usable(): boolean {
    return this.failure === undefined && !this.isDisposed;
  }

  /**
   * Starts the worker now, when work for it is coming: a thread's start and
   * its bundle's compile (about 100 ms on a busy machine) then overlap what
   * the caller does first. Stopped after a while if no work comes.
   */
  prestart(): void {
    if (this.worker || !this.usable) return;
    try {
      this.start();
    } catch (error) {
      this.fail(error);
      return;
    }
    this.stopWhenIdle();
  }

  /** Reads local files in the worker; the results come in the order of `paths`. */
  read(paths: readonly string[], maxSizes: readonly number[]): Promise<ReadResult[]> {
    return new Promise<ReadResult[]>((resolve, reject) => {
      this.send((id) => ({ kind: 'read', id, paths, maxSizes }), {
        receive: (reply) => {
          resolve(unpackRead(reply as ReadReply));
          return true;
        },
        reject,
      });
    });
  }

  /** The local paths of the content files below `root`, walked in the worker (the walk `postdesk check` does). */
  walk(root: string, config: PostdeskConfig): Promise<string[]> {
    return new Promise<string[]>((resolve, reject) => {
      const paths: string[] = [];
      this.send((id) => ({ kind: 'walk', id, root, config, partSize: this.walkPartSize }), {
        receive: (reply) => {
          const part = reply as WalkReply;
          if (part.error !== undefined) reject(new Error(part.error));
          else for (const found of part.paths) paths.push(found);
          if (part.done && part.error === undefined) resolve(paths);
          // One part per task: the next is asked for once this one is in.
          else if (!part.done) this.worker?.postMessage({ kind: 'walk-more', id: part.id } satisfies WorkerRequest);
          return part.done;
        },
        reject,
      });
    });
  }

  private send(request: (id: number) => WorkerRequest, waiting: Waiting): void {
    if (this.failure) return waiting.reject(this.failure);
    if (this.isDisposed) return waiting.reject(new Error('The read worker was disposed.'));
    let worker: Worker;
    try {
      worker = this.worker ?? this.start();
    } catch (error) {
      return waiting.reject(this.fail(error));
    }
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const id = ++this.nextId;
    this.waiting.set(id, waiting);
    worker.postMessage(request(id));
  }

  private start(): Worker {
    const worker = new Worker(this.script, this.options);
    // Never what keeps the extension host's process alive.
    worker.unref();
    worker.on('message', (reply: WorkerReply) => this.receive(reply));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      // An exit this side asked for (idle, disposed) has already let go of the worker.
      if (this.worker === worker) this.fail(new Error(`The read worker stopped (exit code ${code}).`));
    });
    this.worker = worker;
    return worker;
  }

  private receive(reply: WorkerReply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting || !waiting.receive(reply)) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0 && !this.isDisposed) this.stopWhenIdle();
  }

  private stopWhenIdle(): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.waiting.size === 0) this.stop();
    }, IDLE_STOP_MS);
    this.idleTimer.unref?.();
  }

  private fail(cause: unknown): Error {
    const error = cause instanceof Error ? cause : new Error(String(cause));
    this.failure ??= error;
    this.stop(error);
    return error;
  }

  /** Lets go of the worker; calls still waiting are refused with `error`. */
  private stop(error?: Error): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const worker = this.worker;
    this.worker = undefined;
    if (worker) void worker.terminate();
    for (const waiting of this.waiting.values()) waiting.reject(error ?? new Error('The read worker was stopped.'));
    this.waiting.clear();
  }
}

function unpackRead(reply: ReadReply): ReadResult[] {
  return reply.results.map((result): ReadResult => (result.kind === 'bytes' ? { kind: 'bytes', bytes: new Uint8Array(reply.buffer, result.offset, result.length) } : result));
}
