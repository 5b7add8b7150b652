// A thread that reads files ahead of the thread that checks them. When one
// thread checks everything (the default on two cores: see defaultJobs in
// workers.ts), a quarter of its time went to system calls (open, fstat,
// read, close); a second thread that only makes those calls takes them off
// it, while the checking thread decodes and checks. The reader is the same
// bundle, started with a `ReaderMark`; it never decodes or checks anything.
//
// Files go in chunks, taken from one shared counter by both threads: the
// checking thread takes the next chunk and reads it itself whenever the
// reader has none ready for it, so a reader that is slow to start, falls
// behind or fails costs nothing but the help. Each chunk's bytes travel in
// one transferred buffer (no copy); the reader stays at most `window`
// chunks ahead, so memory stays bounded however large the site.
import { MessageChannel, parentPort, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { readBytesSync, type ReadBytes } from './read';
import type { TargetFile } from './files';

/** The reader's `workerData`. What to read comes as a `ReaderRun`. */
export interface ReaderMark {
  readonly postdeskReader: 1;
}

export function isReaderMark(data: unknown): data is ReaderMark {
  return typeof data === 'object' && data !== null && (data as { postdeskReader?: unknown }).postdeskReader === 1;
}

/** What readBytesSync needs of a file. */
type FileToRead = Pick<TargetFile, 'realPath' | 'problem'>;

interface ReaderRun {
  readonly files: readonly FileToRead[];
  readonly maxFileSize: number;
  readonly chunkSize: number;
  /** Chunks the reader may hold that the checking thread has not taken in. */
  readonly window: number;
  /** Int32 counters, see NEXT, POSTED, TAKEN_IN. */
  readonly counters: SharedArrayBuffer;
  readonly port: MessagePort;
  /** Where the checking thread sends each chunk's buffer back once it decoded the chunk, for the reader to fill again. */
  readonly returned: MessagePort;
  /** Tests: the reader ends itself after this many chunks. */
  readonly endAfter?: number;
}

/** The next chunk neither thread has taken. */
const NEXT = 0;
/** Chunks the reader has sent. */
const POSTED = 1;
/** Chunks of the reader's the checking thread has taken in. */
const TAKEN_IN = 2;

/**
 * One chunk as read: where each file's bytes end in `buffer` (each starts
 * where the one before ended), or -1 for a file that could not be read, whose
 * message is the next of `failures`.
 */
interface ReadChunk {
  readonly chunk: number;
  readonly ends: Int32Array;
  readonly failures: readonly string[];
  readonly buffer: ArrayBuffer;
}

/** The reader's side: chunk after chunk until none is left, never more than `window` ahead. */
export function runReader(): void {
  parentPort?.once('message', (run: ReaderRun) => {
    const counters = new Int32Array(run.counters);
    const chunks = Math.ceil(run.files.length / run.chunkSize);
    for (let sent = 0; ; sent++) {
      for (;;) {
        const takenIn = Atomics.load(counters, TAKEN_IN);
        if (Atomics.load(counters, POSTED) - takenIn < run.window) break;
        Atomics.wait(counters, TAKEN_IN, takenIn);
      }
      const chunk = Atomics.add(counters, NEXT, 1);
      if (chunk >= chunks) break;
      if (run.endAfter !== undefined && sent >= run.endAfter) process.exit(1);
      const read = readChunk(run, chunk, receiveMessageOnPort(run.returned)?.message as ArrayBuffer | undefined);
      run.port.postMessage(read, [read.buffer]);
      Atomics.add(counters, POSTED, 1);
      Atomics.notify(counters, POSTED);
    }
    run.port.close();
    run.returned.close();
  });
}

function readChunk(run: ReaderRun, chunk: number, reused: ArrayBuffer | undefined): ReadChunk {
  let buffer = reused ?? new ArrayBuffer(64 * 1024);
  let used = 0;
  const into = (size: number): Buffer => {
    if (used + size > buffer.byteLength) {
      const grown = new ArrayBuffer(Math.max(buffer.byteLength * 2, used + size));
      new Uint8Array(grown).set(new Uint8Array(buffer, 0, used));
      buffer = grown;
    }
    return Buffer.from(buffer, used, size);
  };
  const first = chunk * run.chunkSize;
  const ends = new Int32Array(Math.min(run.files.length, first + run.chunkSize) - first);
  const failures: string[] = [];
  for (let k = 0; k < ends.length; k++) {
    const read = readBytesSync(run.files[first + k] as FileToRead, run.maxFileSize, into);
    if (read.ok) {
      used += read.bytes.length;
      ends[k] = used;
    } else {
      failures.push(read.message);
      ends[k] = -1;
    }
  }
  return { chunk, ends, failures, buffer };
}

/**
 * The checking thread's side of one run over `files`. `nextChunk` hands out
 * the chunks in the order they come: one the reader has read (with each
 * file's bytes) or, when none is ready, the next one nobody took (without:
 * the caller reads it); `rest` waits for what the reader still holds once
 * every chunk is taken.
 */
export class ReadAhead {
  private readonly counters = new Int32Array(new SharedArrayBuffer(12));
  private readonly port: MessagePort;
  private readonly returned: MessagePort;
  /** The buffer of the chunk handed out last: the caller is done with it when it asks for the next. */
  private lent: ArrayBuffer | undefined;
  private readonly chunks: number;
  private exited = false;
  /** Chunks the reader sent that this thread took in. */
  private takenIn = 0;
  /** Chunks this thread took to read itself. */
  private readHere = 0;

  constructor(
    private readonly reader: Worker,
    files: readonly FileToRead[],
    options: { readonly maxFileSize: number; readonly chunkSize: number; readonly window?: number; readonly endAfter?: number },
  ) {
    this.chunks = Math.ceil(files.length / options.chunkSize);
    const channel = new MessageChannel();
    this.port = channel.port1;
    const returns = new MessageChannel();
    this.returned = returns.port1;
    reader.once('exit', () => (this.exited = true));
    const run: ReaderRun = {
      files: files.map(({ realPath, problem }) => (problem !== undefined ? { realPath, problem } : { realPath })),
      maxFileSize: options.maxFileSize,
      chunkSize: options.chunkSize,
      window: options.window ?? 8,
      counters: this.counters.buffer as SharedArrayBuffer,
      port: channel.port2,
      returned: returns.port2,
      ...(options.endAfter !== undefined ? { endAfter: options.endAfter } : {}),
    };
    reader.postMessage(run, [channel.port2, returns.port2]);
  }

  /** The next chunk to check and, if the reader read it, each file's bytes; undefined once every chunk is taken. */
  nextChunk(): { readonly chunk: number; readonly reads?: readonly ReadBytes[] } | undefined {
    const ready = this.receive();
    if (ready) return ready;
    const chunk = Atomics.add(this.counters, NEXT, 1);
    if (chunk >= this.chunks) return undefined;
    this.readHere++;
    return { chunk };
  }

  /**
   * The chunks the reader took and had not sent when nextChunk ran out, as
   * they come; stops early if the reader ended (its unsent chunks are then
   * the caller's to read).
   */
  async *rest(): AsyncGenerator<{ readonly chunk: number; readonly reads: readonly ReadBytes[] }> {
    for (;;) {
      const ready = this.receive();
      if (ready) {
        yield ready;
        continue;
      }
      if (this.takenIn + this.readHere >= this.chunks || this.exited) return;
      const posted = Atomics.load(this.counters, POSTED);
      if (posted > this.takenIn) continue;
      // A short wait on this thread, then the event loop: that is where the reader's exit is heard.
      Atomics.wait(this.counters, POSTED, posted, 5);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** How many chunks the reader read. */
  get chunksRead(): number {
    return this.takenIn;
  }

  /** Stops the reader; a run that ended early leaves it waiting otherwise. */
  dispose(): void {
    this.port.close();
    this.returned.close();
    void this.reader.terminate();
  }

  private receive(): { readonly chunk: number; readonly reads: readonly ReadBytes[] } | undefined {
    if (this.lent) {
      this.returned.postMessage(this.lent, [this.lent]);
      this.lent = undefined;
    }
    const received = receiveMessageOnPort(this.port);
    if (!received) return undefined;
    const { chunk, ends, failures, buffer } = received.message as ReadChunk;
    this.takenIn++;
    Atomics.store(this.counters, TAKEN_IN, this.takenIn);
    Atomics.notify(this.counters, TAKEN_IN);
    this.lent = buffer;
    const reads: ReadBytes[] = [];
    let start = 0;
    let failed = 0;
    for (const end of ends) {
      if (end < 0) {
        reads.push({ ok: false, message: failures[failed++] as string });
        continue;
      }
      reads.push({ ok: true, bytes: new Uint8Array(buffer, start, end - start) });
      start = end;
    }
    return { chunk, reads };
  }
}
