// Keeps the `postdesk` diagnostic collection in step with the documents and the
// workspace index: open documents are analysed from their live text (debounced
// while typing), every other post takes its findings from the index when the
// scope is `workspace`. One owner for the collection avoids two sources
// fighting over the same file.
import * as vscode from 'vscode';
import type { Analysis } from '../core/types';
import type { ConfigService } from '../config/configService';
import type { DiagnosticsScope, DiagnosticsSettings } from '../config/diagnosticsSettings';
import type { DocumentAnalyses } from '../analysis/documentAnalyses';
import type { PostIndex } from '../index/postIndex';
import { Disposable, toDisposable } from '../common/dispose';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from './links';


/** Typing settles this long before an open document is analysed again. */
export const EDIT_DEBOUNCE_MS = 300;
/** Longest stretch a workspace pass keeps the extension host busy before yielding. */
const SLICE_BUDGET_MS = 10;

/** One open document's findings published (`analysedBefore`: its analysis was already made, by whoever asked first). */
export interface CheckEvent {
  readonly uri: vscode.Uri;
  readonly version: number;
  readonly ms: number;
  readonly analysedBefore: boolean;
}

/** A workspace pass published the index's findings: wall time, its longest slice, the files with findings. */
export interface PassEvent {
  readonly ms: number;
  readonly maxSliceMs: number;
  readonly files: number;
}

/** "Check All Posts" finished: the index's rescan, then everything. */
export interface WorkspaceCheckEvent {
  readonly rescanMs: number;
  readonly totalMs: number;
}

function tabUri(tab: vscode.Tab): vscode.Uri | undefined {
  const input = tab.input;
  if (input instanceof vscode.TabInputText) return input.uri;
  if (input instanceof vscode.TabInputTextDiff) return input.modified;
  return undefined;
}

function isInEditorTab(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tabUri(tab)?.toString() === key));
}

export class DiagnosticsController extends Disposable {
  readonly collection = this._register(vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE));
  /** Documents analysed from their editor text, keyed by URI string. */
  private readonly live = new Set<string>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /**
   * Posts whose file was deleted while VS Code kept a saved document of it
   * loaded (an open tab shown as deleted, or a closed tab's document, which
   * lingers for minutes): no findings for a file that is gone, until the
   * document holds unsaved text again or the file comes back.
   */
  private readonly deletedFiles = new Set<string>();
  private scope: DiagnosticsScope;
  private readonly checkEmitter = this._register(new vscode.EventEmitter<CheckEvent>());
  private readonly passEmitter = this._register(new vscode.EventEmitter<PassEvent>());
  private readonly workspaceCheckEmitter = this._register(new vscode.EventEmitter<WorkspaceCheckEvent>());
  /** An open document's findings were published. */
  readonly onDidCheck = this.checkEmitter.event;
  /** A workspace pass finished publishing. */
  readonly onDidPublishWorkspace = this.passEmitter.event;
  /** "Check All Posts" finished. */
  readonly onDidCheckWorkspace = this.workspaceCheckEmitter.event;
  /** Bumped by each workspace pass so an older, still-running pass stops. */
  private passGeneration = 0;
  private sawIndexReset = false;
  /** Files an index change touched, waiting to be published. */
  private readonly pending = new Map<string, vscode.Uri>();
  private draining = false;

  constructor(
    private readonly index: PostIndex,
    private readonly config: ConfigService,
    private readonly analyses: DocumentAnalyses,
    settings: DiagnosticsSettings,
  ) {
    super();
    this.scope = settings.for().scope;
    this._register(
      toDisposable(() => {
        for (const timer of this.timers.values()) clearTimeout(timer);
        this.timers.clear();
      }),
    );
    for (const disposable of [
      vscode.workspace.onDidOpenTextDocument((document) => this.checkNow(document)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.schedule(event.document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document)),
      // With scope `openFiles`, "open" means shown in an editor tab: VS Code keeps documents loaded after their tab closes.
      vscode.window.tabGroups.onDidChangeTabs((event) => this.onTabsChanged(event)),
      index.onDidChange((change) => {
        if (change.reset) {
          this.sawIndexReset = true;
          void this.workspacePass();
          return;
        }
        this.applyIndexChange(change.changed, change.removed);
      }),
      config.onDidChange(() => this.recheckOpenDocuments()),
      settings.onDidChange(() => {
        const scope = settings.for().scope;
        if (scope === this.scope) return;
        this.scope = scope;
        // Open documents first (their live findings appear or go with the tabs), then everything else.
        for (const document of vscode.workspace.textDocuments) this.checkNow(document);
        void this.workspacePass();
      }),
    ]) {
      this._register(disposable);
    }
    void this.start();
  }

  private async start(): Promise<void> {
    // Before the folders' postdesk.config.json files are read, a check would use the wrong markers.
    await this.config.ready;
    if (this.isDisposed) return;
    // Anything analysed before (a document opened, a quick fix or hover asked for) used the config without its files: its generation is gone.
    for (const document of vscode.workspace.textDocuments) this.checkNow(document);
    await this.index.ready;
    // The first reset may have fired before this controller subscribed.
    if (!this.sawIndexReset && !this.isDisposed) await this.workspacePass();
  }

  /** Whether Postdesk checks this document at all: a content file of its folder, or a loose Markdown file. */
  isChecked(document: vscode.TextDocument): boolean {
    const uri = document.uri;
    if (uri.scheme === 'untitled') return document.languageId === 'markdown';
    if (!vscode.workspace.getWorkspaceFolder(uri)) return uri.scheme === 'file' && document.languageId === 'markdown';
    return this.analyses.isContent(uri);
  }

  /** The document's shared analysis (made once per version, whoever asks first), or undefined when it is not checked. */
  analysisFor(document: vscode.TextDocument): Analysis | undefined {
    return this.isChecked(document) ? this.analyses.analysisOf(document) : undefined;
  }

  /**
   * The analysis of a document's current text once the folders' config files
   * are read (so it uses the right markers and content globs), whether or not
   * its diagnostics are published yet; undefined when it is not checked.
   */
  async currentAnalysis(document: vscode.TextDocument): Promise<Analysis | undefined> {
    await this.config.ready;
    return this.isDisposed || document.isClosed ? undefined : this.analysisFor(document);
  }

  /** The analysis of a document's current version when one was made already (by anyone): never analyses. */
  cachedAnalysis(document: vscode.TextDocument): Analysis | undefined {
    return this.isChecked(document) ? this.analyses.cachedAnalysisOf(document) : undefined;
  }

  /** Analyses a document right away and publishes its findings. */
  checkNow(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.cancelTimer(key);
    if (this.isDisposed || document.isClosed) return;
    if (!this.isChecked(document) || (this.deletedFiles.has(key) && !document.isDirty)) {
      // It may have just left the content globs, or its file be gone.
      if (this.live.delete(key)) this.collection.delete(document.uri);
      return;
    }
    const started = performance.now();
    const version = document.version;
    const analysedBefore = this.analyses.cachedAnalysisOf(document) !== undefined;
    const analysis = this.analysisFor(document);
    // A result computed for text the author has since changed is dropped; the pending check publishes the newer one.
    if (!analysis || document.version !== version || analysis.document.version !== document.version) return;
    this.live.add(key);
    if (this.scope === 'openFiles' && !isInEditorTab(document.uri)) this.collection.delete(document.uri);
    else this.collection.set(document.uri, analysis.findings.map(toDiagnostic));
    this.checkEmitter.fire({ uri: document.uri, version, ms: performance.now() - started, analysedBefore });
  }

  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.cancelTimer(key);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.checkNow(document);
    }, EDIT_DEBOUNCE_MS));
  }

  private cancelTimer(key: string): void {
    const timer = this.timers.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(key);
  }

  /** A closed document falls back to the index's findings (workspace scope) or loses them (openFiles). */
  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.cancelTimer(key);
    this.deletedFiles.delete(key);
    if (!this.live.delete(key)) return;
    const entry = this.scope === 'workspace' ? this.index.get(document.uri) : undefined;
    if (entry && entry.findings.length > 0) this.collection.set(document.uri, entry.findings.map(toDiagnostic));
    else this.collection.delete(document.uri);
  }

  private onTabsChanged(event: vscode.TabChangeEvent): void {
    if (this.scope !== 'openFiles') return;
    for (const tab of [...event.opened, ...event.closed]) {
      const uri = tabUri(tab);
      if (!uri || !this.live.has(uri.toString())) continue;
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (document) this.checkNow(document);
    }
  }

  private recheckOpenDocuments(): void {
    for (const document of vscode.workspace.textDocuments) this.checkNow(document);
  }

  private applyIndexChange(changed: readonly vscode.Uri[], removed: readonly vscode.Uri[]): void {
    for (const uri of removed) {
      const key = uri.toString();
      const document = this.live.has(key) ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === key) : undefined;
      // Still content, saved, yet gone from the index: its file was deleted.
      if (document && !document.isDirty && this.isChecked(document)) this.deletedFiles.add(key);
      // An open file that left the globs or whose file is gone loses its diagnostics too; unsaved text keeps its live ones.
      if (document) this.checkNow(document);
      else this.collection.delete(uri);
    }
    for (const uri of changed) {
      // The file is back (saved again, restored, recreated by an atomic save): its document is checked again.
      const key = uri.toString();
      const document = this.deletedFiles.delete(key) ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === key) : undefined;
      if (document) this.checkNow(document);
    }
    if (this.scope !== 'workspace') return;
    // Queued and published in slices: a change may hold thousands of files (the first scan publishing as it goes, a branch switch).
    for (const uri of changed) this.pending.set(uri.toString(), uri);
    if (!this.draining) void this.drainPending();
  }

  private async drainPending(): Promise<void> {
    this.draining = true;
    try {
      while (this.pending.size > 0 && !this.isDisposed && this.scope === 'workspace') {
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        const sliceStart = performance.now();
        const batch: [vscode.Uri, vscode.Diagnostic[]][] = [];
        for (const [key, uri] of this.pending) {
          this.pending.delete(key);
          if (this.live.has(key)) continue; // the live text is newer than what the index read
          const entry = this.index.get(uri);
          if (entry && entry.findings.length > 0) batch.push([uri, entry.findings.map(toDiagnostic)]);
          else if (this.collection.has(uri)) this.collection.delete(uri);
          if (performance.now() - sliceStart >= SLICE_BUDGET_MS) break;
        }
        this.collection.set(batch);
      }
    } finally {
      this.draining = false;
    }
  }

  /**
   * Publishes the index's findings for every post that is not open (workspace
   * scope), or drops them (openFiles scope), in slices so that 10,000 posts
   * never block the extension host.
   */
  async workspacePass(): Promise<void> {
    const generation = ++this.passGeneration;
    // Start in a task of its own: an index reset also makes other views rebuild, and their work must not add up with this pass's first slice.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (generation !== this.passGeneration || this.isDisposed) return;
    // This pass publishes what the index holds now, queued files included.
    this.pending.clear();
    const passStart = performance.now();
    let maxSliceMs = 0;
    let files = 0;
    let sliceStart = passStart;
    const stale: vscode.Uri[] = [];
    this.collection.forEach((uri) => {
      const key = uri.toString();
      const shown = this.live.has(key) && (this.scope === 'workspace' || isInEditorTab(uri));
      if (!shown && (this.scope !== 'workspace' || !this.index.get(uri))) stale.push(uri);
    });
    for (const uri of stale) this.collection.delete(uri);
    if (this.scope === 'workspace') {
      const entries = this.index.all();
      let batch: [vscode.Uri, vscode.Diagnostic[]][] = [];
      for (const listed of entries) {
        if (this.live.has(listed.uri.toString())) continue;
        // The index may have moved on while this pass yielded: publish what it holds now.
        const entry = this.index.get(listed.uri);
        if (!entry) continue;
        if (entry.findings.length > 0) {
          batch.push([entry.uri, entry.findings.map(toDiagnostic)]);
          files++;
        } else if (this.collection.has(entry.uri)) this.collection.delete(entry.uri);
        if (performance.now() - sliceStart >= SLICE_BUDGET_MS) {
          this.collection.set(batch);
          batch = [];
          maxSliceMs = Math.max(maxSliceMs, performance.now() - sliceStart);
          await new Promise<void>((resolve) => setTimeout(resolve, 0));
          if (generation !== this.passGeneration || this.isDisposed) return;
          sliceStart = performance.now();
        }
      }
      this.collection.set(batch);
    }
    maxSliceMs = Math.max(maxSliceMs, performance.now() - sliceStart);
    if (generation !== this.passGeneration || this.isDisposed) return;
    this.passEmitter.fire({ ms: performance.now() - passStart, maxSliceMs, files });
  }

  /** "Check All Posts": a full rescan of the index, every open document checked again, then a workspace pass. */
  async checkWorkspace(): Promise<void> {
    const started = performance.now();
    await this.index.refresh();
    const rescanMs = performance.now() - started;
    for (const document of vscode.workspace.textDocuments) this.checkNow(document);
    // Publishing directly (not waiting for the index's event) supersedes the pass that event started, and cannot miss it.
    await this.workspacePass();
    this.workspaceCheckEmitter.fire({ rescanMs, totalMs: performance.now() - started });
  }
}
