// Reads many files for the index without blocking the extension host for long:
// synchronously in short slices where the host can (a local disk answers in
// microseconds, so a pool of asynchronous reads mostly measures the thread
// pool's round trips), otherwise, or once a file proves slow (a network
// drive), through the asynchronous reader several at a time.
import type * as vscode from 'vscode';
import type { ContentReader, ReadResult } from './reader';
import type { SliceScheduler } from './support';

/** More than this for one synchronous read, and the rest of the files are read asynchronously. */
const SLOW_SYNC_READ_MS = 8;
const SLOW_READS_TO_GIVE_UP = 3;
const READ_CONCURRENCY = 16;

export interface ReadItem {
  readonly uri: vscode.Uri;
  readonly maxSize: number;
}

/**
 * Calls `onRead` for each item with what reading it gave, in no guaranteed
 * order, yielding to the event loop between slices; stops early once
 * `isCurrent` says the work is obsolete.
 */
export async function readEach<T extends ReadItem>(
  items: readonly T[],
  reader: ContentReader,
  slices: SliceScheduler,
  isCurrent: () => boolean,
  onRead: (item: T, result: ReadResult) => void,
): Promise<void> {
  let cursor = 0;
  if (reader.readSync) {
    let slowReads = 0;
    while (cursor < items.length && isCurrent()) {
      const item = items[cursor];
      const started = performance.now();
      const result = reader.readSync(item.uri, item.maxSize);
      if (result === undefined) break;
      const took = performance.now() - started;
      cursor++;
      onRead(item, result);
      // One slow read may be a garbage collection; a few mean a slow disk.
      if (took > SLOW_SYNC_READ_MS && ++slowReads >= SLOW_READS_TO_GIVE_UP) break;
      if (slices.due) await slices.yieldIfDue();
    }
  }
  const worker = async (): Promise<void> => {
    while (cursor < items.length && isCurrent()) {
      const item = items[cursor++];
      onRead(item, await reader.read(item.uri, item.maxSize));
      await slices.yieldIfDue();
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, items.length - cursor) }, worker));
}
