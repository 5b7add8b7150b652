// The extension host's side of the read worker (src/index/readWorker.ts):
// started on first use, stopped after a while without work, and once it has
// failed (it could not start, or it died) every later call is refused, so
// the index goes back to reading on its own thread.
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { ReadResult } from './readResult';
import type { ReadReply, ReadRequest } from './readWorkerProtocol';

/** A worker left without work this long is stopped; the next batch starts a new one. */
const IDLE_STOP_MS = 30_000;

interface Waiting {
  readonly resolve: (results: ReadResult[]) => void;
  readonly reject: (error: Error) => void;
}

export class ReadWorkerClient {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly waiting = new Map<number, Waiting>();
  private failure: Error | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  /** `options`: for tests, which run the worker's TypeScript source through a loader. */
  constructor(
    private readonly script: string,
    private readonly options: WorkerOptions = {},
  ) {}

  /** Whether calls can still succeed (false once the worker has failed or this was disposed). */
  get usable(): boolean {
    return this.failure === undefined && !this.disposed;
  }

  /** Reads local files in the worker; the results come in the order of `paths`. */
  read(paths: readonly string[], maxSizes: readonly number[]): Promise<ReadResult[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.disposed) return Promise.reject(new Error('The read worker was disposed.'));
    let worker: Worker;
    try {
      worker = this.worker ?? this.start();
    } catch (error) {
      return Promise.reject(this.fail(error));
    }
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const id = ++this.nextId;
    const request: ReadRequest = { id, paths, maxSizes };
    return new Promise<ReadResult[]>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage(request);
    });
  }

  dispose(): void {
    this.disposed = true;
    this.stop(new Error('The read worker was disposed.'));
  }

  private start(): Worker {
    const worker = new Worker(this.script, this.options);
    // Never what keeps the extension host's process alive.
    worker.unref();
    worker.on('message', (reply: ReadReply) => this.receive(reply));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      // An exit this side asked for (idle, disposed) has already let go of the worker.
      if (this.worker === worker) this.fail(new Error(`The read worker stopped (exit code ${code}).`));
    });
    this.worker = worker;
    return worker;
  }

  private receive(reply: ReadReply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    const results = reply.results.map((result): ReadResult => (result.kind === 'bytes' ? { kind: 'bytes', bytes: new Uint8Array(reply.buffer, result.offset, result.length) } : result));
    waiting.resolve(results);
    if (this.waiting.size === 0 && !this.disposed) {
      this.idleTimer = setTimeout(() => {
        this.idleTimer = undefined;
        if (this.waiting.size === 0) this.stop();
      }, IDLE_STOP_MS);
      this.idleTimer.unref?.();
    }
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
