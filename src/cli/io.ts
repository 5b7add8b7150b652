// What the CLI needs from its surroundings, passed in so tests can run it
// in-process on temp folders and capture its output.

export interface CliStream {
  write(text: string): unknown;
  /** True when writing to a terminal: enables colour (unless NO_COLOR is set). */
  readonly isTTY?: boolean;
}

export interface CliIo {
  /** Directory that relative paths (arguments and output) are resolved against. */
  readonly cwd: string;
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  /** Environment for NO_COLOR; defaults to no variables (no colour decisions from the host). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Clock for the scheduled status; defaults to the real time. */
  readonly now?: Date;
  /** How files are spread over threads (src/cli/workers.ts): tests make small inputs go through workers. */
  readonly threads?: ThreadTuning;
}

export interface ThreadTuning {
  /** Files per thread below which fewer threads are used. */
  readonly minFilesPerThread?: number;
  /** Files per chunk handed to a thread. */
  readonly chunkSize?: number;
  /** False: the main thread leaves every chunk to the workers (it still takes over a failed worker's). */
  readonly mainThreadWorks?: boolean;
  /**
   * Told, at the end, how many workers the run used (`startedAhead` of them
   * started before the walk), how many started before the walk it stopped
   * unused, how many chunks the workers did and how many there were in all.
   */
  readonly onDone?: (stats: { readonly workers: number; readonly startedAhead: number; readonly stoppedUnused: number; readonly chunksByWorkers: number; readonly chunks: number }) => void;
  /** Told the files just before the threads start on them (a test deletes one to see it reported the same on every thread). */
  readonly beforeRun?: (files: readonly { readonly realPath: string }[]) => void;
  /** A worker ends itself after this many chunks (tests: its unanswered chunks must still be checked, by this thread). */
  readonly workerEndsAfter?: number;
}

/** Exit codes, as documented in the README. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/** A usage or configuration error: reported on stderr, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
