// The messages between the extension host and the worker that reads local
// files for the index (src/index/readWorker.ts), used by both sides.

/** Read these files, each up to its size limit. */
export interface ReadRequest {
  readonly id: number;
  readonly paths: readonly string[];
  readonly maxSizes: readonly number[];
}

/** One file's result; a file's bytes are a range of the reply's one buffer. */
export type PackedReadResult =
  | { readonly kind: 'bytes'; readonly offset: number; readonly length: number }
  | { readonly kind: 'missing' }
  | { readonly kind: 'too-large'; readonly size: number }
  | { readonly kind: 'error'; readonly message: string };

/** The results in the order of the request's paths; `buffer` is transferred, not copied. */
export interface ReadReply {
  readonly id: number;
  readonly results: readonly PackedReadResult[];
  readonly buffer: ArrayBuffer;
}
