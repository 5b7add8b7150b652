// The index's file reading loop: synchronous reads where the host offers them,
// the asynchronous reader for the rest and once reads prove slow, every file
// read once, and the event loop given back between slices.

import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { readEach, type ReadTarget } from '../../../src/index/readEach';
import type { ContentReader, ReadResult } from '../../../src/index/reader';
import { SliceScheduler } from '../../../src/index/support';

interface Item {
  readonly uri: vscode.Uri;
  readonly maxSize: number;
  readonly name: string;
}

const READ_ITEM: ReadTarget<Item> = { uriOf: (item) => item.uri, maxSizeOf: (item) => item.maxSize };

function items(count: number): Item[] {
  return Array.from({ length: count }, (_, i) => ({ uri: { toString: () => `file:///p${i}.md` } as unknown as vscode.Uri, maxSize: 100, name: `p${i}` }));
}

function bytes(name: string): ReadResult {
  return { kind: 'bytes', bytes: new TextEncoder().encode(name) };
}

function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // Simulates a slow disk answering a synchronous read.
  }
}

describe('readEach', () => {
  it('reads every file once through readSync when the host offers it', async () => {
    const calls = { sync: 0, async: 0 };
    const reader: ContentReader = {
      read: async () => {
        calls.async++;
        return { kind: 'missing' };
      },
      readSync: (uri) => {
        calls.sync++;
        return bytes(uri.toString());
      },
    };
    const seen: string[] = [];
    await readEach(items(500), READ_ITEM, reader, new SliceScheduler(), () => true, (item, result) => {
      assert.equal(result.kind, 'bytes');
      seen.push(item.name);
    });
    assert.equal(seen.length, 500);
    assert.equal(new Set(seen).size, 500);
    assert.deepEqual(calls, { sync: 500, async: 0 });
  });

  it('goes over to the asynchronous reader once synchronous reads prove slow, still reading each file once', async () => {
    let syncCalls = 0;
    const reader: ContentReader = {
      read: async (uri) => bytes(`async ${uri.toString()}`),
      readSync: (uri) => {
        syncCalls++;
        busyWait(10);
        return bytes(`sync ${uri.toString()}`);
      },
    };
    const seen = new Map<string, string>();
    await readEach(items(40), READ_ITEM, reader, new SliceScheduler(), () => true, (item, result) => {
      assert.ok(!seen.has(item.name), `${item.name} read twice`);
      seen.set(item.name, result.kind === 'bytes' ? new TextDecoder().decode(result.bytes) : result.kind);
    });
    assert.equal(seen.size, 40);
    assert.equal(syncCalls, 3, 'three slow reads are enough to give up on synchronous reads');
    assert.equal([...seen.values()].filter((text) => text.startsWith('async')).length, 37);
  });

  it('keeps reading synchronously when only now and then a read is slow (a garbage collection, a busy machine)', async () => {
    const calls = { sync: 0, async: 0 };
    const reader: ContentReader = {
      read: async () => {
        calls.async++;
        return { kind: 'missing' };
      },
      readSync: () => {
        // Five slow reads in 1,000: each one alone would look like a slow disk.
        if (++calls.sync % 200 === 0) busyWait(10);
        return { kind: 'missing' };
      },
    };
    await readEach(items(1000), READ_ITEM, reader, new SliceScheduler(), () => true, () => undefined);
    assert.deepEqual(calls, { sync: 1000, async: 0 });
  });

  it('reads many files in batches through readMany where the reader has it, each file once', async () => {
    const calls = { many: 0, manyFiles: 0, sync: 0 };
    const reader: ContentReader = {
      read: async () => ({ kind: 'missing' }),
      readSync: () => {
        calls.sync++;
        return { kind: 'missing' };
      },
      readMany: async (uris) => {
        calls.many++;
        calls.manyFiles += uris.length;
        return uris.map((uri) => bytes(uri.toString()));
      },
    };
    const seen: string[] = [];
    await readEach(items(600), READ_ITEM, reader, new SliceScheduler(), () => true, (item, result, uri) => {
      assert.equal(result.kind === 'bytes' ? new TextDecoder().decode(result.bytes) : result.kind, uri.toString());
      assert.equal(uri, item.uri);
      seen.push(item.name);
    });
    assert.deepEqual(seen, items(600).map((item) => item.name));
    assert.deepEqual(calls, { many: 3, manyFiles: 600, sync: 0 });
  });

  it('reads the rest itself when readMany fails part way', async () => {
    let batches = 0;
    let syncReads = 0;
    const reader: ContentReader = {
      read: async () => ({ kind: 'missing' }),
      readSync: (uri) => {
        syncReads++;
        return bytes(`sync ${uri.toString()}`);
      },
      readMany: async (uris) => {
        if (++batches > 1) throw new Error('the worker died');
        return uris.map((uri) => bytes(`many ${uri.toString()}`));
      },
    };
    const seen = new Map<string, string>();
    await readEach(items(600), READ_ITEM, reader, new SliceScheduler(), () => true, (item, result) => {
      assert.ok(!seen.has(item.name), `${item.name} read twice`);
      seen.set(item.name, result.kind === 'bytes' ? new TextDecoder().decode(result.bytes) : result.kind);
    });
    assert.equal(seen.size, 600);
    assert.equal([...seen.values()].filter((text) => text.startsWith('many')).length, 256);
    assert.equal(syncReads, 600 - 256);
  });

  it('reads a handful of files itself, not through readMany', async () => {
    let many = 0;
    const reader: ContentReader = {
      read: async () => ({ kind: 'missing' }),
      readSync: () => ({ kind: 'missing' }),
      readMany: async (uris) => {
        many++;
        return uris.map(() => ({ kind: 'missing' }));
      },
    };
    let count = 0;
    await readEach(items(3), READ_ITEM, reader, new SliceScheduler(), () => true, () => count++);
    assert.equal(count, 3);
    assert.equal(many, 0);
  });

  it('uses the asynchronous reader alone when there is no readSync (the web host)', async () => {
    const reader: ContentReader = { read: async (uri) => bytes(uri.toString()) };
    let count = 0;
    await readEach(items(100), READ_ITEM, reader, new SliceScheduler(), () => true, () => count++);
    assert.equal(count, 100);
  });

  it('stops when the work is no longer current', async () => {
    let current = true;
    let count = 0;
    const reader: ContentReader = { read: async () => ({ kind: 'missing' }), readSync: () => ({ kind: 'missing' }) };
    await readEach(items(100), READ_ITEM, reader, new SliceScheduler(), () => current, () => {
      if (++count === 10) current = false;
    });
    assert.equal(count, 10);
  });

  it('gives the event loop back between slices', async () => {
    // Every read takes at least 1 ms, so a 5 ms slice holds at most five of
    // them whatever the machine's load; both ways of reading are slow, since
    // a loaded machine can make the synchronous reads look slow enough to
    // switch to the asynchronous ones.
    const reader: ContentReader = {
      read: async () => {
        busyWait(1);
        return { kind: 'missing' };
      },
      readSync: () => {
        busyWait(1);
        return { kind: 'missing' };
      },
    };
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      await readEach(items(60), READ_ITEM, reader, new SliceScheduler(5), () => true, () => undefined);
    } finally {
      clearInterval(timer);
    }
    assert.ok(ticks >= 5, `timers ran ${ticks} times during 60 ms of reading in 5 ms slices`);
  });
});

describe('SliceScheduler', () => {
  it('leaves the event loop idle for its rest at each yield', async () => {
    const slices = new SliceScheduler(1);
    slices.restMs = 30;
    busyWait(2);
    let shortTimerFired = false;
    setTimeout(() => (shortTimerFired = true), 5);
    await slices.yieldIfDue();
    assert.ok(shortTimerFired, 'a 5 ms timer set before the yield ran during the 30 ms rest');
  });

  it('lets loops running side by side share one slice', async () => {
    // A clock that moves only when told: a loaded machine can take longer
    // than any budget between the yield and the assertion.
    let time = 0;
    const slices = new SliceScheduler(5, () => time);
    time = 6;
    assert.ok(slices.due);
    let timers = 0;
    const realSetTimeout = globalThis.setTimeout;
    const counting = ((...args: Parameters<typeof setTimeout>) => {
      timers++;
      return realSetTimeout(...args);
    }) as typeof setTimeout;
    globalThis.setTimeout = counting;
    try {
      // Several waiters resume together after one yield, and the new slice starts once for all.
      await Promise.all([slices.yieldIfDue(), slices.yieldIfDue(), slices.yieldIfDue()]);
    } finally {
      globalThis.setTimeout = realSetTimeout;
    }
    assert.equal(timers, 1);
    assert.ok(!slices.due);
    time = 10;
    assert.ok(!slices.due, 'the new slice started when the yield ended, at 6');
    time = 11;
    assert.ok(slices.due);
  });
});
