// The index's second look at folders made while the workspace is open
// (src/index/youngFolders.ts), outside VS Code: a stub stands in for the one
// `vscode` event it listens to, and a hand-driven clock for its timers, so the
// looks the file watcher's misses call for are checked without waiting.
import { strict as assert } from 'node:assert';
import Module from 'node:module';
import type { FileEventKind } from '../../../src/index/contentWatcher';
import type * as YoungFoldersModule from '../../../src/index/youngFolders';

interface FakeUri {
  toString(): string;
}
const uri = (path: string): FakeUri => ({ toString: () => `file://${path}` });

const focusListeners: ((state: { focused: boolean }) => void)[] = [];
const vscodeStub = {
  window: {
    onDidChangeWindowState: (listener: (state: { focused: boolean }) => void) => {
      focusListeners.push(listener);
      return { dispose: () => focusListeners.splice(focusListeners.indexOf(listener), 1) };
    },
  },
};

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Load };

/** setTimeout and clearTimeout by hand: `advance` runs what is due. */
class Clock {
  now = 0;
  private timers = new Map<number, { at: number; run: () => void }>();
  private nextId = 1;
  private saved: { set: typeof setTimeout; clear: typeof clearTimeout } | undefined;

  install(): void {
    this.saved = { set: globalThis.setTimeout, clear: globalThis.clearTimeout };
    globalThis.setTimeout = ((run: () => void, ms: number) => {
      const id = this.nextId++;
      this.timers.set(id, { at: this.now + ms, run });
      return id;
    }) as unknown as typeof setTimeout;
    globalThis.clearTimeout = ((id: number | undefined) => {
      if (id !== undefined) this.timers.delete(id);
    }) as typeof clearTimeout;
  }

  uninstall(): void {
    if (!this.saved) return;
    globalThis.setTimeout = this.saved.set;
    globalThis.clearTimeout = this.saved.clear;
  }

  pending(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.now);
  }

  /** Moves time on by `ms`, running each timer due, and lets the looks' promises settle. */
  async advance(ms: number): Promise<void> {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      due[1].run();
      for (let i = 0; i < 20; i++) await Promise.resolve();
    }
    this.now = until;
  }
}

/** A disk and an index that agree until a test makes them differ. */
class FakeIndex {
  readonly disk = new Map<string, string[]>();
  readonly indexed = new Set<string>();
  readonly queued: [string, FileEventKind][] = [];
  lists = 0;

  list = async (folder: FakeUri): Promise<readonly FakeUri[] | undefined> => {
    this.lists++;
    const files = this.disk.get(folder.toString());
    return files?.map((path) => uri(path));
  };
  indexedUnder = (folder: FakeUri): FakeUri[] => [...this.indexed].filter((key) => key.startsWith(`${folder.toString()}/`)).map((key) => ({ toString: () => key }));
  isIndexed = (file: FakeUri): boolean => this.indexed.has(file.toString());
  exists = async (file: FakeUri): Promise<boolean> => [...this.disk.values()].some((files) => files.some((path) => `file://${path}` === file.toString()));
  queue = (file: FakeUri, kind: FileEventKind): void => {
    this.queued.push([file.toString().replace('file://', ''), kind]);
  };
}

describe('Index: folders made while the workspace is open are looked at again', () => {
  let mod: typeof YoungFoldersModule;
  const original = loader._load;
  const clock = new Clock();
  let index: FakeIndex;
  let young: YoungFoldersModule.YoungFolders;

  before(() => {
    loader._load = function (request, parent, isMain) {
      return request === 'vscode' ? vscodeStub : original.call(this, request, parent, isMain);
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require('../../../src/index/youngFolders') as typeof YoungFoldersModule;
  });

  after(() => {
    loader._load = original;
  });

  beforeEach(() => {
    clock.install();
    index = new FakeIndex();
    young = new mod.YoungFolders(index as unknown as YoungFoldersModule.YoungFolderIndex);
  });

  afterEach(() => {
    young.dispose();
    clock.uninstall();
  });

  const add = (path: string): void => young.add(uri(path) as never);

  it('reports a post the watcher missed in a new folder, at the first look', async () => {
    index.disk.set('file:///site/content/new', ['/site/content/new/index.md']);
    add('/site/content/new');
    await clock.advance(mod.RECHECK_DELAYS_MS[0]! - 1);
    assert.deepEqual(index.queued, [], 'nothing before the first delay');
    await clock.advance(1);
    assert.deepEqual(index.queued, [['/site/content/new/index.md', 'created']]);
  });

  it('reports nothing when the index has every file, and looks less and less often', async () => {
    index.disk.set('file:///site/content/new', ['/site/content/new/index.md']);
    index.indexed.add('file:///site/content/new/index.md');
    add('/site/content/new');
    const waits: number[] = [];
    for (let i = 0; i < mod.RECHECK_DELAYS_MS.length + 1; i++) {
      waits.push(Math.min(...clock.pending()));
      await clock.advance(waits.at(-1)!);
    }
    assert.deepEqual(index.queued, []);
    assert.deepEqual(waits, [...mod.RECHECK_DELAYS_MS, mod.RECHECK_DELAYS_MS.at(-1)]);
  });

  it('after a miss, looks again soon: the folder is in use', async () => {
    index.disk.set('file:///site/new', []);
    add('/site/new');
    await clock.advance(mod.RECHECK_DELAYS_MS[0]! + mod.RECHECK_DELAYS_MS[1]!);
    index.disk.set('file:///site/new', ['/site/new/a.md']);
    await clock.advance(mod.RECHECK_DELAYS_MS[2]!);
    assert.deepEqual(index.queued, [['/site/new/a.md', 'created']]);
    assert.deepEqual(clock.pending(), [mod.RECHECK_DELAYS_MS[0]]);
  });

  it('looks again soon when the watcher reports anything inside a young folder, without putting the look off', async () => {
    index.disk.set('file:///site/new', []);
    add('/site/new');
    await clock.advance(mod.RECHECK_DELAYS_MS[0]! + mod.RECHECK_DELAYS_MS[1]!);
    assert.deepEqual(clock.pending(), [mod.RECHECK_DELAYS_MS[2]]);
    young.touch(uri('/elsewhere/x.md') as never);
    assert.deepEqual(clock.pending(), [mod.RECHECK_DELAYS_MS[2]], 'an event elsewhere changes nothing');
    young.touch(uri('/site/new/incoming') as never);
    assert.deepEqual(clock.pending(), [mod.RECHECK_DELAYS_MS[0]]);
    await clock.advance(1000);
    young.touch(uri('/site/new/incoming') as never);
    assert.deepEqual(clock.pending(), [mod.RECHECK_DELAYS_MS[0]! - 1000], 'a look already due soon is not put off');
  });

  it('reports a file the index keeps out (not a post) once, not at every look', async () => {
    index.disk.set('file:///site/new', ['/site/new/notes.md']);
    add('/site/new');
    await clock.advance(60_000);
    assert.deepEqual(index.queued, [['/site/new/notes.md', 'created']]);
  });

  it('reports a post that is gone from disk, never one the listing merely left out', async () => {
    index.disk.set('file:///site/new', ['/site/new/kept.md']);
    index.disk.set('file:///elsewhere', ['/site/new/excluded.md']);
    for (const key of ['kept.md', 'excluded.md', 'gone.md']) index.indexed.add(`file:///site/new/${key}`);
    add('/site/new');
    await clock.advance(mod.RECHECK_DELAYS_MS[0]!);
    assert.deepEqual(index.queued, [['/site/new/gone.md', 'deleted']]);
  });

  it('reports the folder deleted when it is gone with posts indexed below it, then stops looking', async () => {
    index.indexed.add('file:///site/new/a.md');
    add('/site/new');
    await clock.advance(mod.RECHECK_DELAYS_MS[0]!);
    assert.deepEqual(index.queued, [['/site/new', 'deleted']]);
    assert.equal(young.size, 0);
    assert.deepEqual(clock.pending(), []);
  });

  it('keeps a folder inside a young one as part of it, and an outer one replaces those inside it', () => {
    add('/site/a/b');
    add('/site/a/b/c');
    assert.equal(young.size, 1);
    add('/site/a');
    add('/site/x');
    assert.equal(young.size, 2);
    young.forget(uri('/site/a') as never);
    assert.equal(young.size, 1);
  });

  it(`keeps at most ${50} folders, the newest`, () => {
    for (let i = 0; i < mod.MAX_YOUNG_FOLDERS + 5; i++) add(`/site/f${i}`);
    assert.equal(young.size, mod.MAX_YOUNG_FOLDERS);
  });

  it('looks at once when the window gets the focus back (files made in a terminal or a file manager)', async () => {
    index.disk.set('file:///site/new', []);
    add('/site/new');
    await clock.advance(mod.RECHECK_DELAYS_MS[0]! + mod.RECHECK_DELAYS_MS[1]!);
    const before = index.lists;
    index.disk.set('file:///site/new', ['/site/new/b.md']);
    for (const listener of focusListeners) listener({ focused: true });
    await clock.advance(0);
    assert.equal(index.lists, before + 1);
    assert.deepEqual(index.queued, [['/site/new/b.md', 'created']]);
  });

  it('stops looking once disposed', async () => {
    add('/site/new');
    young.dispose();
    assert.deepEqual(clock.pending(), []);
  });
});
