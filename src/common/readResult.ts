// What reading one file gave, with no editor API in it: the index's readers
// return it, and so does the worker that reads local files off the
// extension host's thread.

export type ReadResult =
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  /** Gone between listing and reading: simply not a post any more. */
  | { readonly kind: 'missing' }
  | { readonly kind: 'too-large'; readonly size: number }
  | { readonly kind: 'error'; readonly message: string };
