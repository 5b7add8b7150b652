// Reads many files for the index without blocking the extension host for long:
// synchronously in short slices where the host can (a local disk answers in
// microseconds, so a pool of asynchronous reads mostly measures the thread
// pool's round trips), otherwise, or once a file proves slow (a network
// drive), through the asynchronous reader several at a time.
import type * as vscode from 'vscode';
import type { ContentReader, ReadResult } from './reader';
import type { SliceScheduler } from './support';

/** A synchronous read taking longer than this is slow. */
const SLOW_SYNC_READ_MS = 8;
/**
 * The rest of the files are read asynchronously once this many reads were
 * slow, and more than one in SLOW_READ_RATIO: on a slow disk nearly every
 * read is, while on a busy local disk a garbage collection or the operating
 * system now and then lands inside a read (the asynchronous path is slower
 * there, and its thread pool adds to the load).
 */
const SLOW_READS_TO_GIVE_UP = 3;
const SLOW_READ_RATIO = 100;
const READ_CONCURRENCY = 16;
/** Sets of at least this many files are read by `readMany` where the reader has it (a worker thread). */
const READ_MANY_FROM = 16;
/** Files per `readMany` call. */
const BATCH_SIZE = 256;
/**
 * Batches asked for ahead of the one being handled. The worker that reads
 * them shares few cores with the workbench: with one batch ahead, the
 * extension host waited for it a fifth of a 10,000-post listing.
 */
const BATCHES_AHEAD = 4;

/**
 * Where an item's bytes are and how many may be read. Items need not be
 * objects made for reading: the first scan reads a folder's 100,000 URIs as
 * they are, rather than holding an extra object per file while it lists.
 */
export interface ReadTarget<T> {
  readonly uriOf: (item: T) => vscode.Uri;
  readonly maxSizeOf: (item: T) => number;
}

/**
 * Calls `onRead` for each item with what reading it gave (and the URI read), in no guaranteed
 * order, yielding to the event loop between slices; stops early once
 * `isCurrent` says the work is obsolete.
 */
export async function readEach<T>(
  items: readonly T[],
  target: ReadTarget<T>,
  reader: ContentReader,
  slices: SliceScheduler,
  isCurrent: () => boolean,
  onRead: (item: T, result: ReadResult, uri: vscode.Uri) => void,
): Promise<void> {
  let cursor = 0;
  if (reader.readMany && items.length >= READ_MANY_FROM) cursor = await readInBatches(items, target, reader.readMany.bind(reader), slices, isCurrent, onRead);
  if (!isCurrent()) return;
  if (reader.readSync) {
    let slowReads = 0;
    while (cursor < items.length && isCurrent()) {
      const item = items[cursor];
      const uri = target.uriOf(item);
      const started = performance.now();
      const result = reader.readSync(uri, target.maxSizeOf(item));
      if (result === undefined) break;
      const took = performance.now() - started;
      cursor++;
      onRead(item, result, uri);
      if (took > SLOW_SYNC_READ_MS && ++slowReads >= SLOW_READS_TO_GIVE_UP && slowReads * SLOW_READ_RATIO > cursor) break;
      if (slices.due) await slices.yieldIfDue();
    }
  }
  const worker = async (): Promise<void> => {
    while (cursor < items.length && isCurrent()) {
      const item = items[cursor++];
      const uri = target.uriOf(item);
      onRead(item, await reader.read(uri, target.maxSizeOf(item)), uri);
      await slices.yieldIfDue();
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, items.length - cursor) }, worker));
}

/**
 * Reads through `readMany` in batches, BATCHES_AHEAD batches ahead of the one
 * being handled; returns how many items were handled: all of them, or fewer
 * when `readMany` failed or the work became obsolete (the caller reads the
 * rest itself, or stops).
 */
async function readInBatches<T>(
  items: readonly T[],
  target: ReadTarget<T>,
  readMany: (uris: readonly vscode.Uri[], maxSizes: readonly number[]) => Promise<ReadResult[]>,
  slices: SliceScheduler,
  isCurrent: () => boolean,
  onRead: (item: T, result: ReadResult, uri: vscode.Uri) => void,
): Promise<number> {
  const requested: { from: number; uris: vscode.Uri[]; results: Promise<ReadResult[] | undefined> }[] = [];
  let requestedUpTo = 0;
  const requestMore = (): void => {
    while (requested.length < BATCHES_AHEAD && requestedUpTo < items.length) {
      const from = requestedUpTo;
      const batch = items.slice(from, from + BATCH_SIZE);
      const uris = batch.map((item) => target.uriOf(item));
      // A failed batch is read again by the caller's own means.
      const results = readMany(uris, batch.map((item) => target.maxSizeOf(item))).catch(() => undefined);
      requested.push({ from, uris, results });
      requestedUpTo += batch.length;
    }
  };
  let handled = 0;
  requestMore();
  while (isCurrent() && requested.length > 0) {
    const current = requested[0];
    const results = await current.results;
    if (!results || results.length !== current.uris.length) break;
    requested.shift();
    requestMore();
    for (let i = 0; i < results.length; i++) {
      if (!isCurrent()) return handled;
      onRead(items[current.from + i], results[i], current.uris[i]);
      handled++;
      if (slices.due) await slices.yieldIfDue();
    }
  }
  return handled;
}
