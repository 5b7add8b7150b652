// The workspace's posts, analysed once and kept current: the Posts view, the
// workspace diagnostics and the extension API all read from here, so a file is
// read and parsed once per change, not once per feature.
import * as vscode from 'vscode';
import { analyze, createContentMatcher, decodeFile, fileProblemFinding } from '../core';
import type { Finding, Post, PostdeskConfig } from '../core/types';
import type { ConfigService } from '../config/configService';
import type { ContentReader } from './reader';
import { fallbackPost, pathOf, SliceScheduler } from './support';

export interface IndexedPost {
  readonly uri: vscode.Uri;
  readonly folder?: vscode.WorkspaceFolder;
  readonly post: Post;
  readonly findings: readonly Finding[];
  /** Why the file could not be read or parsed, for tooltips. */
  readonly problem?: string;
  /** True when built from an open editor's unsaved text. */
  readonly fromOpenEditor: boolean;
}

export interface PostIndexChange {
  readonly changed: readonly vscode.Uri[];
  readonly removed: readonly vscode.Uri[];
  /** The whole index was rebuilt: consumers should reload everything. */
  readonly reset: boolean;
}

type FileEventKind = 'created' | 'changed' | 'deleted';

/** Scans above this many files also show a notification, not only the view's progress bar. */
const NOTIFY_ABOVE_FILES = 5000;
/** How long file events are gathered before they are applied as one change. */
const EVENT_COALESCE_MS = 100;
/** How long typing in an open post settles before it is re-analysed for the index. */
const EDIT_DEBOUNCE_MS = 200;
const READ_CONCURRENCY = 16;
/** During the first scan, posts found so far are published this often, so the view fills while the scan goes on. */
const PUBLISH_INTERVAL_MS = 250;

export class PostIndex implements vscode.Disposable {
  private readonly posts = new Map<string, IndexedPost>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changeEmitter = new vscode.EventEmitter<PostIndexChange>();
  private readonly pendingFileEvents = new Map<string, { uri: vscode.Uri; kind: FileEventKind }>();
  private readonly pendingEdits = new Map<string, ReturnType<typeof setTimeout>>();
  private fileEventTimer: ReturnType<typeof setTimeout> | undefined;
  private watchers: vscode.Disposable[] = [];
  private generation = 0;
  private disposed = false;
  private readonly slices = new SliceScheduler();

  readonly onDidChange = this.changeEmitter.event;
  /** Resolves when the latest full scan has finished. */
  ready: Promise<void>;

  constructor(
    private readonly config: ConfigService,
    private readonly reader: ContentReader,
  ) {
    this.disposables.push(this.changeEmitter);
    this.ready = this.rebuild();
    this.disposables.push(
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
        if (entry?.fromOpenEditor) this.queueFileEvent(document.uri, 'changed');
      }),
    );
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

  /** Whether a file is one of the workspace's posts under the current configuration. */
  isContent(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return false;
    const relative = uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
    return createContentMatcher(this.config.forFolder(folder))(relative);
  }

  private async rebuild(): Promise<void> {
    const generation = ++this.generation;
    const isCurrent = (): boolean => generation === this.generation && !this.disposed;
    await this.config.ready;
    this.resetWatchers();
    const found = await this.listContentFiles(isCurrent);
    if (!isCurrent()) return;

    // The first scan publishes as it goes (an empty view that fills is better
    // than one that waits); a rescan swaps the new set in whole, without flicker.
    const progressive = this.posts.size === 0;
    const scan = async (report: (done: number) => void): Promise<void> => {
      const next = new Map<string, IndexedPost>();
      let unpublished: vscode.Uri[] = [];
      let lastPublish = performance.now();
      await this.loadMany(found, isCurrent, (uri, entry) => {
        if (entry) {
          next.set(uri.toString(), entry);
          if (progressive) {
            this.posts.set(uri.toString(), entry);
            unpublished.push(uri);
          }
        }
        report(next.size);
        if (progressive && performance.now() - lastPublish >= PUBLISH_INTERVAL_MS && unpublished.length > 0) {
          this.changeEmitter.fire({ changed: unpublished, removed: [], reset: false });
          unpublished = [];
          lastPublish = performance.now();
        }
      });
      if (!isCurrent()) return;
      // Unsaved editor text wins over what is on disk.
      for (const document of vscode.workspace.textDocuments) {
        const key = document.uri.toString();
        if (document.isDirty && next.has(key)) next.set(key, this.fromDocument(document, next.get(key)?.folder));
      }
      this.posts.clear();
      for (const [key, entry] of next) this.posts.set(key, entry);
      this.changeEmitter.fire({ changed: [], removed: [], reset: true });
    };

    const location = found.length > NOTIFY_ABOVE_FILES ? vscode.ProgressLocation.Notification : { viewId: 'postdesk.posts' };
    await vscode.window.withProgress(
      { location, title: vscode.l10n.t('Postdesk: indexing {0} posts', found.length) },
      async (progress) => {
        let reported = 0;
        // Report in steps of 1% so the progress UI is not flooded.
        const step = Math.max(1, Math.floor(found.length / 100));
        await scan((done) => {
          if (done - reported >= step) {
            progress.report({ increment: ((done - reported) / found.length) * 100, message: `${done}/${found.length}` });
            reported = done;
          }
        });
      },
    );
  }

  /** Every content file of every folder; the glob check runs in slices, since a large site lists 100,000 files at once. */
  private async listContentFiles(isCurrent: () => boolean): Promise<{ uri: vscode.Uri; folder: vscode.WorkspaceFolder }[]> {
    const found: { uri: vscode.Uri; folder: vscode.WorkspaceFolder }[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const config = this.config.forFolder(folder);
      const matcher = createContentMatcher(config);
      const uris =
        (await this.reader.listFolder?.(folder, config)) ??
        (await vscode.workspace.findFiles(
          new vscode.RelativePattern(folder, globUnion(config.include)),
          config.exclude.length > 0 ? new vscode.RelativePattern(folder, globUnion(config.exclude)) : null,
        ));
      if (!isCurrent()) return [];
      const prefixLength = folder.uri.path.replace(/\/$/, '').length + 1;
      for (const uri of uris) {
        if (matcher(uri.path.slice(prefixLength))) found.push({ uri, folder });
        await this.slices.yieldIfDue();
      }
    }
    return found;
  }

  /** Loads files several at a time, giving the event loop back between slices. */
  private async loadMany(
    items: readonly { uri: vscode.Uri; folder: vscode.WorkspaceFolder | undefined }[],
    isCurrent: () => boolean,
    onLoaded: (uri: vscode.Uri, entry: IndexedPost | undefined) => void,
  ): Promise<void> {
    let cursor = 0;
    const worker = async (): Promise<void> => {
      while (cursor < items.length && isCurrent()) {
        const { uri, folder } = items[cursor++];
        onLoaded(uri, await this.load(uri, folder));
        await this.slices.yieldIfDue();
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, items.length) }, worker));
  }

  /** Reads and analyses one file; undefined when it no longer exists. */
  private async load(uri: vscode.Uri, folder: vscode.WorkspaceFolder | undefined): Promise<IndexedPost | undefined> {
    const config = this.config.forFolder(folder);
    const result = await this.reader.read(uri, config.maxFileSize);
    switch (result.kind) {
      case 'missing':
        return undefined;
      case 'too-large':
        return this.unreadable(uri, folder, vscode.l10n.t('The file is larger than {0} bytes (postdesk.maxFileSize) and was not read.', config.maxFileSize));
      case 'error':
        return this.unreadable(uri, folder, vscode.l10n.t('The file could not be read: {0}', result.message));
      case 'bytes': {
        const decoded = decodeFile(result.bytes, config.maxFileSize);
        if (!decoded.ok) return this.unreadable(uri, folder, decoded.message);
        return this.fromText(uri, folder, decoded.text, config, false);
      }
    }
  }

  private fromText(uri: vscode.Uri, folder: vscode.WorkspaceFolder | undefined, text: string, config: PostdeskConfig, fromOpenEditor: boolean): IndexedPost {
    const analysis = analyze({ path: pathOf(uri), text }, config);
    const parseProblem = analysis.findings.find((finding) => finding.rule === 'front-matter');
    return { uri, folder, post: analysis.post, findings: analysis.findings, problem: parseProblem?.message, fromOpenEditor };
  }

  private fromDocument(document: vscode.TextDocument, folder: vscode.WorkspaceFolder | undefined): IndexedPost {
    return this.fromText(document.uri, folder, document.getText(), this.config.forFolder(folder), document.isDirty);
  }

  private unreadable(uri: vscode.Uri, folder: vscode.WorkspaceFolder | undefined, problem: string): IndexedPost {
    const severity = this.config.forFolder(folder).severity.file;
    const findings = severity === 'off' ? [] : [fileProblemFinding(problem, severity)];
    return { uri, folder, post: fallbackPost(pathOf(uri)), findings, problem, fromOpenEditor: false };
  }

  private resetWatchers(): void {
    for (const watcher of this.watchers.splice(0)) watcher.dispose();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const config = this.config.forFolder(folder);
      const posts = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, globUnion(config.include)));
      // Folders come and go as a whole (a deleted or moved folder of posts):
      // the posts watcher alone does not hear about their files.
      const folders = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**'), false, true, false);
      this.watchers.push(
        posts,
        folders,
        posts.onDidCreate((uri) => this.queueFileEvent(uri, 'created')),
        posts.onDidChange((uri) => this.queueFileEvent(uri, 'changed')),
        posts.onDidDelete((uri) => this.queueFileEvent(uri, 'deleted')),
        folders.onDidCreate((uri) => this.queueFileEvent(uri, 'created')),
        folders.onDidDelete((uri) => this.queueFileEvent(uri, 'deleted')),
      );
    }
  }

  /** Gathers file events so that a burst (a branch switch) becomes one change; the last event of a file wins. */
  private queueFileEvent(uri: vscode.Uri, kind: FileEventKind): void {
    const key = uri.toString();
    // A created or changed post that is then deleted within the window is gone; a delete then create is a change.
    this.pendingFileEvents.delete(key);
    this.pendingFileEvents.set(key, { uri, kind });
    if (this.fileEventTimer === undefined) {
      this.fileEventTimer = setTimeout(() => {
        this.fileEventTimer = undefined;
        void this.applyFileEvents();
      }, EVENT_COALESCE_MS);
    }
  }

  private async applyFileEvents(): Promise<void> {
    await this.ready;
    const events = [...this.pendingFileEvents.values()];
    this.pendingFileEvents.clear();
    const changed: vscode.Uri[] = [];
    const removed: vscode.Uri[] = [];
    const toLoad: { uri: vscode.Uri; folder: vscode.WorkspaceFolder | undefined }[] = [];
    for (const { uri, kind } of events) {
      if (kind === 'deleted') {
        removed.push(...this.removeUnder(uri));
      } else if (this.isContent(uri)) {
        toLoad.push({ uri, folder: vscode.workspace.getWorkspaceFolder(uri) });
      } else if (kind === 'created' && this.mayHoldContent(uri)) {
        toLoad.push(...(await this.contentFilesInFolder(uri)));
      }
      await this.slices.yieldIfDue();
    }
    const openDocuments = new Map(vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]));
    await this.loadMany(toLoad, () => !this.disposed, (uri, loaded) => {
      const key = uri.toString();
      const open = openDocuments.get(key);
      const entry = open?.isDirty ? this.fromDocument(open, vscode.workspace.getWorkspaceFolder(uri)) : loaded;
      if (entry) {
        this.posts.set(key, entry);
        changed.push(uri);
      } else if (this.posts.delete(key)) {
        removed.push(uri);
      }
    });
    if (changed.length > 0 || removed.length > 0) this.changeEmitter.fire({ changed, removed, reset: false });
  }

  /** Forgets a post, or every post below a deleted folder; returns what was forgotten. */
  private removeUnder(uri: vscode.Uri): vscode.Uri[] {
    const key = uri.toString();
    const folderPrefix = key.endsWith('/') ? key : `${key}/`;
    const removed: vscode.Uri[] = [];
    for (const [postKey, entry] of this.posts) {
      if (postKey === key || postKey.startsWith(folderPrefix)) {
        this.posts.delete(postKey);
        removed.push(entry.uri);
      }
    }
    return removed;
  }

  /** The content files inside a folder that appeared (moved or restored); nothing when `uri` is not a folder. */
  private async contentFilesInFolder(uri: vscode.Uri): Promise<{ uri: vscode.Uri; folder: vscode.WorkspaceFolder | undefined }[]> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return [];
    try {
      if (!((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory)) return [];
    } catch {
      return [];
    }
    const config = this.config.forFolder(folder);
    const uris = await vscode.workspace.findFiles(
      new vscode.RelativePattern(uri, globUnion(config.include)),
      config.exclude.length > 0 ? new vscode.RelativePattern(folder, globUnion(config.exclude)) : null,
    );
    return uris.filter((found) => this.isContent(found)).map((found) => ({ uri: found, folder }));
  }

  private scheduleEditorUpdate(document: vscode.TextDocument): void {
    if (document.uri.scheme === 'untitled' || !this.isContent(document.uri)) return;
    const key = document.uri.toString();
    const pending = this.pendingEdits.get(key);
    if (pending !== undefined) clearTimeout(pending);
    this.pendingEdits.set(key, setTimeout(() => {
      this.pendingEdits.delete(key);
      if (this.disposed || document.isClosed) return;
      this.posts.set(key, this.fromDocument(document, vscode.workspace.getWorkspaceFolder(document.uri)));
      this.changeEmitter.fire({ changed: [document.uri], removed: [], reset: false });
    }, EDIT_DEBOUNCE_MS));
  }

  dispose(): void {
    this.disposed = true;
    if (this.fileEventTimer !== undefined) clearTimeout(this.fileEventTimer);
    for (const timer of this.pendingEdits.values()) clearTimeout(timer);
    for (const disposable of [...this.watchers.splice(0), ...this.disposables.splice(0)]) disposable.dispose();
  }
}

/** `{a,b}` for several globs, the glob itself for one. */
function globUnion(globs: readonly string[]): string {
  return globs.length === 1 ? globs[0] : `{${globs.join(',')}}`;
}
