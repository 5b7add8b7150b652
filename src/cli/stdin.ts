// `postdesk check --stdin --stdin-filename <path>`: the text piped in is
// checked as if it were the file at <path> (its site, generator and
// configuration), for editors and hooks that hold unsaved text.
import type { CliIo } from './io';

/** Standard input, for --stdin; the binary passes the process's own, tests pass text. */
export interface StdinIo {
  readonly stdin?: AsyncIterable<string | Uint8Array> | string | Uint8Array;
}

export type CheckIo = CliIo & StdinIo;

/** All of standard input as bytes, stopping (with `tooLarge`) once more than `limit` bytes came. */
export async function readStdin(io: StdinIo, limit: number): Promise<{ bytes: Uint8Array; tooLarge: boolean }> {
  const source = io.stdin ?? process.stdin;
  if (typeof source === 'string') return fit(Buffer.from(source, 'utf8'), limit);
  if (source instanceof Uint8Array) return fit(source, limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    size += buffer.length;
    // Over the limit: keep one byte past it so the size check reports it, and read no more into memory.
    if (size > limit) {
      chunks.push(buffer.subarray(0, Math.max(0, buffer.length - (size - limit) + 1)));
      return { bytes: Buffer.concat(chunks), tooLarge: true };
    }
    chunks.push(buffer);
  }
  return { bytes: Buffer.concat(chunks), tooLarge: false };
}

function fit(bytes: Uint8Array, limit: number): { bytes: Uint8Array; tooLarge: boolean } {
  return { bytes, tooLarge: bytes.length > limit };
}
