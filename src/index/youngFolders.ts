// Folders made while the workspace is open, looked at again now and then. On
// Linux the file watcher misses files in a folder created moments before, and
// in the folders a copy or `mkdir -p` makes inside it it may miss every later
// file too: inotify can watch a folder only once it exists, and the watcher
// VS Code uses adds those watches late or never (parcel-bundler/watcher#97,
// #243). That is a site copied in, a bundle made and its files dropped in, a
// branch checked out. Each look lists the folder's content files and makes up
// the events the watcher lost: files the index lacks, posts that are gone.
import * as vscode from 'vscode';
import { Disposable, toDisposable } from '../common/dispose';
import type { FileEventKind } from './contentWatcher';

/** The wait before each look after a folder arrives (or a look found something); the last repeats. */
export const RECHECK_DELAYS_MS: readonly number[] = [2_000, 5_000, 10_000, 30_000, 60_000, 300_000];
/** Folders kept at most; the oldest goes first (a young folder inside another is covered by it). */
export const MAX_YOUNG_FOLDERS = 50;

export interface YoungFolderIndex {
  /** The content files below `folder` now; undefined when it is no longer a folder. */
  list(folder: vscode.Uri): Promise<readonly vscode.Uri[] | undefined>;
  /** The posts the index holds below `folder`. */
  indexedUnder(folder: vscode.Uri): readonly vscode.Uri[];
  isIndexed(uri: vscode.Uri): boolean;
  exists(uri: vscode.Uri): Promise<boolean>;
  /** An event as if the watcher had reported it. */
  queue(uri: vscode.Uri, kind: FileEventKind): void;
}

/** `uri`'s string form without a trailing slash, so folders compare by prefix. */
function folderKey(uri: vscode.Uri): string {
  return uri.toString().replace(/\/+$/, '');
}

/** Whether `key` is `folder` or inside it. */
function isAtOrBelow(key: string, folder: string): boolean {
  return key === folder || key.startsWith(`${folder}/`);
}

/** The wait before look number `step` (0 first). */
export function recheckDelay(step: number): number {
  return RECHECK_DELAYS_MS[Math.min(step, RECHECK_DELAYS_MS.length - 1)] ?? 0;
}

export class YoungFolders extends Disposable {
  private readonly folders = new Map<string, vscode.Uri>();
  /** Each folder's files at its last look: a file the index keeps out (not a post) is not reported again and again. */
  private readonly lastListing = new Map<string, ReadonlySet<string>>();
  private step = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The wait the pending look was scheduled with. */
  private timerDelay = 0;
  private looking = false;

  constructor(private readonly index: YoungFolderIndex) {
    super();
    this._register(toDisposable(() => clearTimeout(this.timer)));
    // An author back from a terminal or a file manager may have made files there.
    this._register(
      vscode.window.onDidChangeWindowState((state) => {
        if (state.focused && this.folders.size > 0) this.schedule(0);
      }),
    );
  }

  get size(): number {
    return this.folders.size;
  }

  /** A folder that was just made (or moved in): looked at again from the first delay on. */
  add(folder: vscode.Uri): void {
    const key = folderKey(folder);
    if (![...this.folders.keys()].some((known) => isAtOrBelow(key, known))) {
      for (const known of [...this.folders.keys()]) {
        if (isAtOrBelow(known, key)) this.drop(known);
      }
      if (this.folders.size >= MAX_YOUNG_FOLDERS) {
        const oldest = this.folders.keys().next().value;
        if (oldest !== undefined) this.drop(oldest);
      }
      this.folders.set(key, folder);
    }
    this.step = 0;
    this.schedule(recheckDelay(0));
  }

  /**
   * The watcher reported something at `uri`: inside a young folder, that
   * folder is in use (the author at work there), so it is looked at again soon.
   */
  touch(uri: vscode.Uri): void {
    if (this.folders.size === 0) return;
    const key = folderKey(uri);
    if (![...this.folders.keys()].some((known) => isAtOrBelow(key, known))) return;
    this.step = 0;
    // A look already due soon stays (a stream of events must not put it off for ever).
    if (this.timer === undefined || this.timerDelay > recheckDelay(0)) this.schedule(recheckDelay(0));
  }

  /** Something at `uri` was deleted: a young folder there (or below) is no longer looked at. */
  forget(uri: vscode.Uri): void {
    const key = folderKey(uri);
    for (const known of [...this.folders.keys()]) {
      if (isAtOrBelow(known, key)) this.drop(known);
    }
  }

  private drop(key: string): void {
    this.folders.delete(key);
    this.lastListing.delete(key);
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.folders.size === 0 || this.isDisposed) return;
    this.timerDelay = delay;
    this.timer = setTimeout(() => void this.look(), delay);
  }

  private async look(): Promise<void> {
    this.timer = undefined;
    if (this.looking) return;
    this.looking = true;
    let found = false;
    try {
      for (const [key, folder] of [...this.folders]) {
        found = (await this.lookAt(key, folder)) || found;
        if (this.isDisposed) return;
      }
    } finally {
      this.looking = false;
    }
    // Something was missed: the folder is in use, look again soon; otherwise less and less often.
    this.step = found ? 0 : this.step + 1;
    if (this.timer === undefined) this.schedule(recheckDelay(this.step));
  }

  /** Queues what the watcher missed in one folder; true when there was anything. */
  private async lookAt(key: string, folder: vscode.Uri): Promise<boolean> {
    const files = await this.index.list(folder);
    if (!this.folders.has(key)) return false;
    if (files === undefined) {
      // Gone, and the watcher may not have said so either.
      this.drop(key);
      if (this.index.indexedUnder(folder).length === 0) return false;
      this.index.queue(folder, 'deleted');
      return true;
    }
    const before = this.lastListing.get(key);
    const listed = new Set(files.map((uri) => uri.toString()));
    this.lastListing.set(key, listed);
    let found = false;
    for (const uri of files) {
      if (before?.has(uri.toString()) || this.index.isIndexed(uri)) continue;
      this.index.queue(uri, 'created');
      found = true;
    }
    for (const uri of this.index.indexedUnder(folder)) {
      // A listing may leave out a file it cannot see (excluded, unreadable): only a file that is gone is a deletion.
      if (listed.has(uri.toString()) || (await this.index.exists(uri))) continue;
      this.index.queue(uri, 'deleted');
      found = true;
    }
    return found;
  }
}
