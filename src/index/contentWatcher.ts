// Watches every workspace folder for its posts (and for folders of posts that
// come and go as a whole) and gathers the events into bursts: a branch switch
// of thousands of files becomes one change of the index.
import * as vscode from 'vscode';
import type { ConfigService } from '../config/configService';
import { Disposable, DisposableStore, toDisposable } from '../common/dispose';
import { flatGlobUnion } from '../core/braces';

export type FileEventKind = 'created' | 'changed' | 'deleted';

export interface FileEvent {
  readonly uri: vscode.Uri;
  readonly kind: FileEventKind;
}

/** How long file events are gathered before they are applied as one change. */
const EVENT_COALESCE_MS = 100;

export class ContentWatcher extends Disposable {
  /** The current folders' watchers, replaced as a whole by `reset`. */
  private readonly watchers = this._register(new DisposableStore());
  /** The folders and globs the current watchers were made for. */
  private watching: string | undefined;
  private readonly pending = new Map<string, FileEvent>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly config: ConfigService,
    /** Told once a burst has gathered; the index then takes the events when it is ready for them. */
    private readonly onDue: () => void,
  ) {
    super();
    this._register(
      toDisposable(() => {
        if (this.timer !== undefined) clearTimeout(this.timer);
        this.timer = undefined;
      }),
    );
  }

  /**
   * Watches the current workspace folders with the current configuration.
   * Watchers whose folders and globs are unchanged are kept: a file moved in
   * while one is replaced would go unreported (and most changes of
   * configuration, such as git's dates arriving, change no glob).
   */
  reset(): void {
    const wanted = (vscode.workspace.workspaceFolders ?? []).map((folder) => ({ folder, glob: flatGlobUnion(this.config.forFolder(folder).include) }));
    const watching = JSON.stringify(wanted.map(({ folder, glob }) => [folder.uri.toString(), glob]));
    if (watching === this.watching) return;
    this.watching = watching;
    this.watchers.clear();
    for (const { folder, glob } of wanted) {
      const posts = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, glob));
      // Folders come and go as a whole (a deleted or moved folder of posts):
      // the posts watcher alone does not hear about their files.
      const folders = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**'), false, true, false);
      for (const disposable of [
        posts,
        folders,
        posts.onDidCreate((uri) => this.queue(uri, 'created')),
        posts.onDidChange((uri) => this.queue(uri, 'changed')),
        posts.onDidDelete((uri) => this.queue(uri, 'deleted')),
        folders.onDidCreate((uri) => this.queue(uri, 'created')),
        folders.onDidDelete((uri) => this.queue(uri, 'deleted')),
      ]) {
        this.watchers.add(disposable);
      }
    }
  }

  /** Gathers an event (also one the index makes up itself) into the current burst; the last event of a file wins. */
  queue(uri: vscode.Uri, kind: FileEventKind): void {
    const key = uri.toString();
    // A created or changed post that is then deleted within the window is gone; a delete then create is a change.
    this.pending.delete(key);
    this.pending.set(key, { uri, kind });
    if (this.timer === undefined && !this.isDisposed) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.onDue();
      }, EVENT_COALESCE_MS);
    }
  }

  /** The events gathered so far, each file's last; the next burst starts empty. */
  take(): FileEvent[] {
    const events = [...this.pending.values()];
    this.pending.clear();
    return events;
  }
}
