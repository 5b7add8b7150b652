// The workspace's posts, analysed once and kept current: the Posts view, the
// workspace diagnostics and the extension API all read from here, so a file is
// read and parsed once per change, not once per feature.
import * as vscode from 'vscode';
import { analyze, createContentMatcher, decodeFile, fileProblemFinding } from '../core';
import type { Finding, Post, PostdeskConfig } from '../core/types';
import type { ConfigService } from '../config/configService';
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

/** Scans above this many files also show a notification, not only the view's progress bar. */
const NOTIFY_ABOVE_FILES = 5000;
/** How long file events are gathered before they are applied as one change. */
const EVENT_COALESCE_MS = 100;
/** How long typing in an open post settles before it is re-analysed for the index. */
const EDIT_DEBOUNCE_MS = 200;
const READ_CONCURRENCY = 16;

export class PostIndex implements vscode.Disposable {
  private readonly posts = new Map<string, IndexedPost>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changeEmitter = new vscode.EventEmitter<PostIndexChange>();
  private readonly pendingFileEvents = new Map<string, vscode.Uri>();
  private readonly pendingEdits = new Map<string, ReturnType<typeof setTimeout>>();
  private fileEventTimer: ReturnType<typeof setTimeout> | undefined;
  private watchers: vscode.Disposable[] = [];
  private generation = 0;
  private disposed = false;
  private readonly slices = new SliceScheduler();

  readonly onDidChange = this.changeEmitter.event;
  /** Resolves when the latest full scan has finished. */
  ready: Promise<void>;

  constructor(private readonly config: ConfigService) {
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
        if (entry?.fromOpenEditor) this.queueFileEvent(document.uri);
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

  /** Whether a file is one of the workspace's posts under the current configuration. */
  isContent(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return false;
    const relative = uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
    return createContentMatcher(this.config.forFolder(folder))(relative);
  }

  private async rebuild(): Promise<void> {
    const generation = ++this.generation;
    await this.config.ready;
    this.resetWatchers();
    const folders = vscode.workspace.workspaceFolders ?? [];
    const found: { uri: vscode.Uri; folder: vscode.WorkspaceFolder }[] = [];
    for (const folder of folders) {
      const config = this.config.forFolder(folder);
      const matcher = createContentMatcher(config);
      const uris = await vscode.workspace.findFiles(
        new vscode.RelativePattern(folder, globUnion(config.include)),
        config.exclude.length > 0 ? new vscode.RelativePattern(folder, globUnion(config.exclude)) : null,
      );
      for (const uri of uris) {
        if (matcher(uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1))) found.push({ uri, folder });
      }
    }
    if (generation !== this.generation || this.disposed) return;

    const scan = async (report?: (done: number) => void): Promise<void> => {
      const next = new Map<string, IndexedPost>();
      let cursor = 0;
      const worker = async (): Promise<void> => {
        while (cursor < found.length && generation === this.generation && !this.disposed) {
          const { uri, folder } = found[cursor++];
          const entry = await this.load(uri, folder);
          if (entry) next.set(uri.toString(), entry);
          report?.(next.size);
          await this.slices.yieldIfDue();
        }
      };
      await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
      if (generation !== this.generation || this.disposed) return;
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
        await scan((done) => {
          // Report in steps of 1% so the progress UI is not flooded.
          const step = Math.max(1, Math.floor(found.length / 100));
          if (done - reported >= step) {
            progress.report({ increment: ((done - reported) / found.length) * 100, message: `${done}/${found.length}` });
            reported = done;
          }
        });
      },
    );
  }

  /** Reads and analyses one file; undefined when it no longer exists. */
  private async load(uri: vscode.Uri, folder: vscode.WorkspaceFolder | undefined): Promise<IndexedPost | undefined> {
    const config = this.config.forFolder(folder);
    let bytes: Uint8Array;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type & vscode.FileType.Directory) return undefined;
      if (stat.size > config.maxFileSize) {
        return this.unreadable(uri, folder, vscode.l10n.t('The file is larger than {0} bytes (postdesk.maxFileSize) and was not read.', config.maxFileSize));
      }
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch (error) {
      // Deleted between listing and reading: simply not a post any more.
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
      return this.unreadable(uri, folder, vscode.l10n.t('The file could not be read: {0}', error instanceof Error ? error.message : String(error)));
    }
    const decoded = decodeFile(bytes, config.maxFileSize);
    if (!decoded.ok) return this.unreadable(uri, folder, decoded.message);
    return this.fromText(uri, folder, decoded.text, config, false);
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
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, globUnion(config.include)));
      this.watchers.push(
        watcher,
        watcher.onDidCreate((uri) => this.queueFileEvent(uri)),
        watcher.onDidChange((uri) => this.queueFileEvent(uri)),
        watcher.onDidDelete((uri) => this.queueFileEvent(uri)),
      );
    }
  }

  /** Gathers file events so that a burst (a branch switch) becomes one change. */
  private queueFileEvent(uri: vscode.Uri): void {
    this.pendingFileEvents.set(uri.toString(), uri);
    if (this.fileEventTimer === undefined) {
      this.fileEventTimer = setTimeout(() => {
        this.fileEventTimer = undefined;
        void this.applyFileEvents();
      }, EVENT_COALESCE_MS);
    }
  }

  private async applyFileEvents(): Promise<void> {
    await this.ready;
    const uris = [...this.pendingFileEvents.values()];
    this.pendingFileEvents.clear();
    const changed: vscode.Uri[] = [];
    const removed: vscode.Uri[] = [];
    for (const uri of uris) {
      const key = uri.toString();
      const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === key);
      const entry = this.isContent(uri)
        ? open?.isDirty
          ? this.fromDocument(open, vscode.workspace.getWorkspaceFolder(uri))
          : await this.load(uri, vscode.workspace.getWorkspaceFolder(uri))
        : undefined;
      if (entry) {
        this.posts.set(key, entry);
        changed.push(uri);
      } else if (this.posts.delete(key)) {
        removed.push(uri);
      }
      await this.slices.yieldIfDue();
    }
    if (changed.length > 0 || removed.length > 0) this.changeEmitter.fire({ changed, removed, reset: false });
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
