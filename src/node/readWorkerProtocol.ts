// The messages between the extension host and the worker that lists and
// reads local files for the index (src/node/readWorker.ts), used by both
// sides.
import type { PostdeskConfig } from '../core/types';

/** Read these files, each up to its size limit. */
export interface ReadRequest {
  readonly kind: 'read';
  readonly id: number;
  readonly paths: readonly string[];
  readonly maxSizes: readonly number[];
}

/** List the content files below `root` (the walk `postdesk check` does). */
export interface WalkRequest {
  readonly kind: 'walk';
  readonly id: number;
  readonly root: string;
  readonly config: PostdeskConfig;
  /** Paths per reply: the host takes in each reply in one go. */
  readonly partSize: number;
}

/** The next part of a walk's paths: the host asks once it has taken in a part, so parts never pile up in one task. */
export interface WalkMoreRequest {
  readonly kind: 'walk-more';
  readonly id: number;
}

export type WorkerRequest = ReadRequest | WalkRequest | WalkMoreRequest;

/** One file's result; a file's bytes are a range of the reply's one buffer. */
export type PackedReadResult =
  | { readonly kind: 'bytes'; readonly offset: number; readonly length: number }
  | { readonly kind: 'missing' }
  | { readonly kind: 'too-large'; readonly size: number }
  | { readonly kind: 'error'; readonly message: string };

/** The results in the order of the request's paths; `buffer` is transferred, not copied. */
export interface ReadReply {
  readonly kind: 'read';
  readonly id: number;
  readonly results: readonly PackedReadResult[];
  readonly buffer: ArrayBuffer;
}

/**
 * Part of a walk's paths: a large site's arrive in several messages, one per
 * `walk-more`, so the extension host never takes in 100,000 paths at once.
 * The last part says `done`, or `error` when the walk failed.
 */
export interface WalkReply {
  readonly kind: 'walk';
  readonly id: number;
  readonly paths: readonly string[];
  readonly done: boolean;
  readonly error?: string;
}

export type WorkerReply = ReadReply | WalkReply;
