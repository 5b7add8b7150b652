// The workspace's posts, analysed once and kept current: the Posts view, the
// workspace diagnostics and the extension API all read from here, so a file is
// read and parsed once per change, not once per feature.
import * as vscode from 'vscode';
import type { ConfigService } from '../config/configService';
import { Disposable, toDisposable } from '../common/dispose';
import type { DocumentAnalyses } from '../analysis/documentAnalyses';
import { IndexEntries, sameListing, withAnalysis, type IndexedPost } from './entries';

export type { IndexedPost } from './entries';
import { ContentWatcher } from './contentWatcher';
import { contentFilesInFolder, fileUri, listContentFiles, mayBeFolder, unindexedContentFiles, type FolderFiles, type FoundFile } from './listing';
import { readEach, type ReadTarget } from './readEach';
import type { ContentReader } from './reader';
import { SliceScheduler } from './support';
import { YoungFolders } from './youngFolders';
import { exists } from '../common/files';

export interface PostIndexChange {
  readonly changed: readonly vscode.Uri[];
  readonly removed: readonly vscode.Uri[];
  /** The whole index was rebuilt: consumers should reload everything. */
  readonly reset: boolean;
  /** Only the findings of `changed` changed (the first scan's analysis arriving): the posts look the same. */
  readonly findingsOnly?: boolean;
}

/** Scans above this many files also show a notification, not only the view's progress bar. */
const NOTIFY_ABOVE_FILES = 5000;
/** How long typing in an open post settles before it is re-analysed for the index. */
const EDIT_DEBOUNCE_MS = 200;
/** The first scan's rules start this long after its listing. */
const CHECK_AFTER_LISTING_MS = 100;
/** During the first scan, posts found so far are published this often, so the view fills while the scan goes on. */
const PUBLISH_INTERVAL_MS = 250;
/**
 * Scans of more files than this rest between their slices, leaving the CPU to
 * the workbench and the rest of the extension host half of the time: such a
 * scan takes seconds anyway, with a progress notification, and running flat
 * out on a machine of few cores gets the extension host preempted mid-slice.
 */
const REST_ABOVE_FILES = 20_000;
const REST_MS = 8;

export class PostIndex extends Disposable {
  private posts = new Map<string, IndexedPost>();
  private readonly changeEmitter = this._register(new vscode.EventEmitter<PostIndexChange>());
  private readonly pendingEdits = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly watcher: ContentWatcher;
  /** Folders made since the scan, whose files the watcher may miss. */
  private readonly youngFolders: YoungFolders;
  private generation = 0;
  private readonly slices = new SliceScheduler();
  private readonly entries: IndexEntries;

  readonly onDidChange = this.changeEmitter.event;
  /** Resolves when the latest full scan has finished: every post with its findings. */
  ready: Promise<void>;
  /** Resolves when the latest scan has listed every post (findings may still be coming): what the Posts view waits for. */
  listed: Promise<void> = Promise.resolve();

  constructor(
    private readonly config: ConfigService,
    analyses: DocumentAnalyses,
    private readonly reader: ContentReader,
  ) {
    super();
    this.entries = new IndexEntries(config, analyses);
    this.watcher = this._register(new ContentWatcher(config, () => void this.applyFileEvents()));
    this.youngFolders = this._register(
      new YoungFolders({
        list: async (folder) => (await contentFilesInFolder(this.config, folder))?.map((file) => file.uri),
        indexedUnder: (folder) => this.postsUnder(folder),
        isIndexed: (uri) => this.posts.has(uri.toString()),
        exists,
        queue: (uri, kind) => this.watcher.queue(uri, kind),
      }),
    );
    this._register(
      toDisposable(() => {
        for (const timer of this.pendingEdits.values()) clearTimeout(timer);
        this.pendingEdits.clear();
      }),
    );
    this.ready = this.rebuild();
    for (const disposable of [
      config.onDidChange(() => void this.refresh()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.refresh()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.scheduleEditorUpdate(event.document);
      }),
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (document.isDirty) this.scheduleEditorUpdate(document);
      }),
      // A closed editor may have held unsaved text: fall back to the file on disk.
      vscode.workspace.onDidCloseTextDocument((document) => {
        const entry = this.posts.get(document.uri.toString());
        if (entry?.fromOpenEditor) this.watcher.queue(document.uri, 'changed');
      }),
    ]) {
      this._register(disposable);
    }
  }

  get size(): number {
    return this.posts.size;
  }

  all(): readonly IndexedPost[] {
    return [...this.posts.values()];
  }

  get(uri: vscode.Uri): IndexedPost | undefined {
    return this.posts.get(uri.toString());
  }

  /** Forgets everything and scans the workspace again. */
  refresh(): Promise<void> {
    this.ready = this.rebuild();
    return this.ready;
  }

  /** Whether a folder at `uri` could hold posts (not excluded), judged without touching the disk. */
  private mayHoldContent(uri: vscode.Uri): boolean {
    return this.isContent(uri.with({ path: `${uri.path.replace(/\/$/, '')}/post.md` }));
  }

  /** Whether a file is one of the workspace's posts under the current configuration (ConfigService's one answer). */
  isContent(uri: vscode.Uri): boolean {
    return this.config.isContent(uri);
  }

  private rebuild(): Promise<void> {
    const generation = ++this.generation;
    let markListed = (): void => undefined;
    this.listed = new Promise<void>((resolve) => (markListed = resolve));
    return this.scan(generation, markListed).finally(() => {
      markListed();
      // File events after the scan are applied at full speed.
      if (generation === this.generation) this.slices.restMs = 0;
    });
  }

  private async scan(generation: number, markListed: () => void): Promise<void> {
    const isCurrent = (): boolean => generation === this.generation && !this.isDisposed;
    // A read worker starts while the configuration and the sites load.
    this.reader.prepare?.();
    await this.config.ready;
    this.watcher.reset();
    const found = await listContentFiles(this.config, this.reader, this.slices, isCurrent);
    if (!isCurrent()) return;
    // The first scan lists every post first (a quick read of the front
    // matter), then runs the rules; a rescan analyses fully and swaps the new
    // set in whole, without flicker in the view or the Problems panel.
    const first = this.posts.size === 0;
    const fileCount = found.reduce((sum, { files }) => sum + files.length, 0);
    this.slices.restMs = fileCount > REST_ABOVE_FILES ? REST_MS : 0;
    const location = fileCount > NOTIFY_ABOVE_FILES ? vscode.ProgressLocation.Notification : { viewId: 'postdesk.posts' };
    await vscode.window.withProgress(
      { location, title: vscode.l10n.t('Postdesk: indexing {0} posts', fileCount) },
      async (progress) => {
        const total = fileCount * (first ? 2 : 1);
        let reported = 0;
        let done = 0;
        // Report in steps of 1% so the progress UI is not flooded.
        const step = Math.max(1, Math.floor(total / 100));
        const report = (): void => {
          done++;
          if (done - reported >= step) {
            // The first scan counts each file twice (listed, then checked); the message counts the current pass.
            progress.report({ increment: ((done - reported) / total) * 100, message: `${done > fileCount ? done - fileCount : done}/${fileCount}` });
            reported = done;
          }
        };
        if (!first) {
          await this.rescan(found, isCurrent, report);
          return;
        }
        await this.listFirst(found, isCurrent, report);
        if (!isCurrent()) return;
        markListed();
        // What the listing set off (the view taking in the last posts) goes
        // first: the rules would otherwise share the event loop with it.
        await new Promise<void>((resolve) => setTimeout(resolve, CHECK_AFTER_LISTING_MS));
        await this.analyzeListed(isCurrent, report);
      },
    );
  }

  /** The first scan's listing: posts published as they are read, every PUBLISH_INTERVAL_MS, so the view fills while it goes on. */
  private async listFirst(found: readonly FolderFiles[], isCurrent: () => boolean, report: () => void): Promise<void> {
    let unpublished: vscode.Uri[] = [];
    let lastPublish = performance.now();
    for (const { folder, files } of found) {
      await readEach(files, this.folderTarget(folder), this.reader, this.slices, isCurrent, (_file, result, uri) => {
        const entry = this.entries.fromRead(uri, folder, result, 'summary');
        if (entry) {
          this.posts.set(uri.toString(), entry);
          unpublished.push(uri);
        }
        report();
        if (performance.now() - lastPublish >= PUBLISH_INTERVAL_MS && unpublished.length > 0) {
          this.changeEmitter.fire({ changed: unpublished, removed: [], reset: false });
          unpublished = [];
          lastPublish = performance.now();
        }
      });
      if (!isCurrent()) return;
    }
    // Unsaved editor text wins over what is on disk. Everything read is
    // already in place, so this is a change, not a reset: consumers do not
    // start over on 100,000 posts they already hold.
    for (const document of vscode.workspace.textDocuments) {
      const key = document.uri.toString();
      const entry = this.posts.get(key);
      if (document.isDirty && entry) {
        this.posts.set(key, this.entries.fromDocument(document, entry.folder));
        unpublished.push(document.uri);
      }
    }
    if (unpublished.length > 0) this.changeEmitter.fire({ changed: unpublished, removed: [], reset: false });
  }

  /** The first scan's second half: the rules for every post listed without them, published as they come. */
  private async analyzeListed(isCurrent: () => boolean, report: () => void): Promise<void> {
    // A snapshot of the entries to check; one may change while this yields, and is then skipped below.
    const listed: IndexedPost[] = [];
    for (const entry of this.posts.values()) {
      if (!entry.analyzed) listed.push(entry);
      if ((listed.length & 1023) === 1023) await this.slices.yieldIfDue();
    }
    let changed: vscode.Uri[] = [];
    let findingsOnly: vscode.Uri[] = [];
    let lastPublish = performance.now();
    const publish = (): void => {
      if (changed.length > 0) this.changeEmitter.fire({ changed, removed: [], reset: false });
      if (findingsOnly.length > 0) this.changeEmitter.fire({ changed: findingsOnly, removed: [], reset: false, findingsOnly: true });
      changed = [];
      findingsOnly = [];
      lastPublish = performance.now();
    };
    await readEach(listed, this.fileTarget, this.reader, this.slices, isCurrent, (item, result) => {
      report();
      const key = item.uri.toString();
      // Edited, changed on disk or removed since it was listed: that newer entry is already analysed.
      if (this.posts.get(key) !== item) return;
      const entry = this.entries.fromRead(item.uri, item.folder, result, 'full');
      // Gone since it was listed: the file watcher's delete event removes it.
      if (!entry) return;
      if (sameListing(item, entry)) {
        this.posts.set(key, withAnalysis(item, entry));
        findingsOnly.push(item.uri);
      } else {
        this.posts.set(key, entry);
        changed.push(item.uri);
      }
      if (performance.now() - lastPublish >= PUBLISH_INTERVAL_MS) publish();
    });
    publish();
  }

  /** A rescan: everything read and analysed again, then swapped in at once. */
  private async rescan(found: readonly FolderFiles[], isCurrent: () => boolean, report: () => void): Promise<void> {
    const next = new Map<string, IndexedPost>();
    for (const { folder, files } of found) {
      await readEach(files, this.folderTarget(folder), this.reader, this.slices, isCurrent, (_file, result, uri) => {
        const entry = this.entries.fromRead(uri, folder, result, 'full');
        if (entry) next.set(uri.toString(), entry);
        report();
      });
    }
    if (isCurrent()) this.swapIn(next);
  }

  /** Replaces the index's posts with a scan's result, unsaved editor text winning over what is on disk. */
  private swapIn(next: Map<string, IndexedPost>): void {
    for (const document of vscode.workspace.textDocuments) {
      const key = document.uri.toString();
      if (document.isDirty && next.has(key)) next.set(key, this.entries.fromDocument(document, next.get(key)?.folder));
    }
    // One assignment: copying 100,000 entries would hold the event loop.
    this.posts = next;
    this.changeEmitter.fire({ changed: [], removed: [], reset: true });
  }

  /**
   * Reads a folder's files, every one with the folder's size limit. A walked
   * file's URI is made as it is read, so a large site's 100,000 URIs are not
   * all made at once, during the walk (the collector would move them all).
   */
  private folderTarget(folder: vscode.WorkspaceFolder): ReadTarget<vscode.Uri | string> {
    const maxSize = this.config.forFolder(folder).maxFileSize;
    return { uriOf: fileUri, maxSizeOf: () => maxSize };
  }

  /** Reads files known with their folder (a post of the index, a file an event named), each with its folder's size limit. */
  private readonly fileTarget: ReadTarget<{ readonly uri: vscode.Uri; readonly folder?: vscode.WorkspaceFolder }> = {
    uriOf: (file) => file.uri,
    maxSizeOf: (file) => this.config.forFolder(file.folder).maxFileSize,
  };

  private async applyFileEvents(): Promise<void> {
    // Events that arrive while the first scan still runs the rules are applied
    // now: the scan skips posts that changed since it listed them.
    await this.listed;
    const events = this.watcher.take();
    const changed: vscode.Uri[] = [];
    const removed: vscode.Uri[] = [];
    const toLoad: FoundFile[] = [];
    let relist = false;
    // Unsaved text of a deleted file is still a post: the author may save it back (the diagnostics keep it too).
    const unsaved = new Map(vscode.workspace.textDocuments.filter((document) => document.isDirty).map((document) => [document.uri.toString(), document]));
    for (const { uri, kind } of events) {
      this.youngFolders.touch(uri);
      if (kind === 'deleted') {
        this.youngFolders.forget(uri);
        for (const gone of this.removeUnder(uri)) {
          const open = unsaved.get(gone.toString());
          if (open && this.isContent(gone)) {
            this.posts.set(gone.toString(), this.entries.fromDocument(open, vscode.workspace.getWorkspaceFolder(gone)));
            changed.push(gone);
          } else {
            removed.push(gone);
          }
        }
        relist ||= mayBeFolder(uri) && !this.isContent(uri);
      } else if (this.isContent(uri)) {
        toLoad.push({ uri, folder: vscode.workspace.getWorkspaceFolder(uri) });
      } else if (kind === 'created' && this.mayHoldContent(uri)) {
        const inFolder = await contentFilesInFolder(this.config, uri);
        if (inFolder) {
          toLoad.push(...inFolder);
          this.youngFolders.add(uri);
        }
      }
      await this.slices.yieldIfDue();
    }
    // A deleted folder may have been moved, and where to is not always
    // reported (inotify loses a folder moved soon after it was made): the
    // content files are listed again and those the index lacks are read.
    if (relist) toLoad.push(...(await unindexedContentFiles(this.config, this.reader, this.slices, () => !this.isDisposed, (key) => this.posts.has(key), toLoad)));
    const openDocuments = new Map(vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]));
    await readEach(toLoad, this.fileTarget, this.reader, this.slices, () => !this.isDisposed, (item, result) => {
      const key = item.uri.toString();
      const open = openDocuments.get(key);
      const entry = open?.isDirty ? this.entries.fromDocument(open, item.folder) : this.entries.fromRead(item.uri, item.folder, result, 'full');
      if (entry) {
        this.posts.set(key, entry);
        changed.push(item.uri);
      } else if (this.posts.delete(key)) {
        removed.push(item.uri);
      }
    });
    if (changed.length > 0 || removed.length > 0) this.changeEmitter.fire({ changed, removed, reset: false });
  }

  /** The post at `uri`, or every post below it when it is a folder. */
  private postsUnder(uri: vscode.Uri): vscode.Uri[] {
    const key = uri.toString();
    const folderPrefix = key.endsWith('/') ? key : `${key}/`;
    const out: vscode.Uri[] = [];
    for (const [postKey, entry] of this.posts) {
      if (postKey === key || postKey.startsWith(folderPrefix)) out.push(entry.uri);
    }
    return out;
  }

  /** Forgets a post, or every post below a deleted folder; returns what was forgotten. */
  private removeUnder(uri: vscode.Uri): vscode.Uri[] {
    const removed = this.postsUnder(uri);
    for (const gone of removed) this.posts.delete(gone.toString());
    return removed;
  }

  private scheduleEditorUpdate(document: vscode.TextDocument): void {
    if (document.uri.scheme === 'untitled' || !this.isContent(document.uri)) return;
    const key = document.uri.toString();
    const pending = this.pendingEdits.get(key);
    if (pending !== undefined) clearTimeout(pending);
    this.pendingEdits.set(key, setTimeout(() => {
      this.pendingEdits.delete(key);
      if (this.isDisposed || document.isClosed) return;
      // Saved or reverted text is the file's: read the file, which may be gone
      // by now (an editor's text outlives its deleted file).
      if (!document.isDirty) {
        this.watcher.queue(document.uri, 'changed');
        return;
      }
      this.posts.set(key, this.entries.fromDocument(document, vscode.workspace.getWorkspaceFolder(document.uri)));
      this.changeEmitter.fire({ changed: [document.uri], removed: [], reset: false });
    }, EDIT_DEBOUNCE_MS));
  }
}
