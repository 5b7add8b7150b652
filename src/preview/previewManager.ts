// Owns the one Postdesk preview panel: which document it shows, whether it is
// locked to it, and keeping the page current. The page's HTML is set once;
// every update is a `render` message, the first at once and then at most one
// per RENDER_INTERVAL_MS while the author types.
import * as vscode from 'vscode';
import type { ConfigService } from '../config/configService';
import type { DocumentAnalyses } from '../analysis/documentAnalyses';
import type { PreviewSettings } from '../config/previewSettings';
import type { SiteRef } from '../core/site/types';
import { ArticleSource } from './articleSource';
import { buildShell, previewPanelOptions, shellKey, type ShellOptions } from './html';
import { openLink } from './links';
import { isPreviewableDocument } from './activePostContext';
import { isFromPageMessage, type FromPageMessage, type ToPageMessage } from './protocol';
import type { PageReport, PreviewSnapshot } from './snapshots';
import { ScrollSync } from './scrollSync';
import { Disposable, DisposableStore, MutableDisposable, toDisposable } from '../common/dispose';
import { WebviewChannel } from '../webviewHost';

export const PREVIEW_VIEW_TYPE = 'postdesk.preview';

/** The workspace's post that a link of a post on `site` names by its address, if any. */
export type PostAtLink = (href: string, site: SiteRef | undefined) => vscode.Uri | undefined;
const RENDER_INTERVAL_MS = 300;

export class PreviewManager extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** The panel's own listeners and channel, let go of with the panel. */
  private readonly panelDisposables = this._register(new DisposableStore());
  /** The typed channel to the panel's page (src/webviewHost), one per panel. */
  private channel: WebviewChannel<ToPageMessage, FromPageMessage> | undefined;
  private documentUri: vscode.Uri | undefined;
  private locked = false;
  private pageReady = false;
  private currentShell: string | undefined;
  private lastRenderAt = -Infinity;
  private renderTimer: ReturnType<typeof setTimeout> | undefined;
  private renderId = 0;
  private renderSkipped = false;
  /** Scroll target for the next render (set when the document changes). */
  private pendingScrollLine: number | undefined;
  /** Watches the previewed file for its deletion; replaced with the file. */
  private readonly deleteWatcher = this._register(new MutableDisposable());
  private readonly scrollSync: ScrollSync;
  /** The renderer and what the article refers to in the workspace. */
  private readonly articles = new ArticleSource();
  /** The site of the last render, for the links the page asks to open. */
  private lastSite: SiteRef | undefined;
  private readonly renderedEmitter = this._register(new vscode.EventEmitter<PreviewSnapshot>());
  private readonly pageEmitter = this._register(new vscode.EventEmitter<PageReport>());

  lastRendered: PreviewSnapshot | undefined;
  lastPageReport: PageReport | undefined;
  readonly onDidRender = this.renderedEmitter.event;
  readonly onDidPageRender = this.pageEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly config: ConfigService,
    private readonly analyses: DocumentAnalyses,
    private readonly settings: PreviewSettings,
    /** The post a link names by its address on the site, when the workspace has it. */
    private readonly postAtLink: PostAtLink = () => undefined,
  ) {
    super();
    this.scrollSync = this._register(new ScrollSync((message) => this.post(message), () => this.documentUri, settings));
    this._register(
      toDisposable(() => {
        if (this.renderTimer) clearTimeout(this.renderTimer);
        this.renderTimer = undefined;
      }),
    );
    // Disposing the panel runs onPanelDisposed, which lets go of the panel's listeners and watcher.
    this._register(toDisposable(() => this.panel?.dispose()));
    for (const disposable of [
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (this.panel && !this.locked && editor && isPreviewableDocument(editor.document, this.config)) this.setDocument(editor.document.uri);
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (this.isCurrent(event.document.uri) && event.contentChanges.length > 0) this.requestRender();
      }),
      vscode.workspace.onDidRenameFiles((event) => {
        const moved = event.files.find((f) => this.isCurrent(f.oldUri));
        if (moved) this.setDocument(moved.newUri);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        // An untitled document ceases to exist when closed, like a deleted file.
        if (document.uri.scheme === 'untitled' && this.isCurrent(document.uri)) this.panel?.dispose();
      }),
      vscode.workspace.onDidDeleteFiles((event) => {
        if (event.files.some((f) => this.isCurrent(f))) this.panel?.dispose();
        if (this.articles.siteResources.forget('found')) this.requestRender();
      }),
      settings.onDidChange(() => this.requestRender()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.requestRender()),
      config.onDidChange(() => this.requestRender()),
      vscode.workspace.onDidCreateFiles(() => {
        // A post or template created since may be what a missing link names.
        this.articles.templateLinks.forgetMissing();
        this.articles.siteResources.forget('missing');
        this.requestRender();
      }),
    ]) {
      this._register(disposable);
    }
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  get isLocked(): boolean {
    return this.locked;
  }

  get previewedUri(): vscode.Uri | undefined {
    return this.documentUri;
  }

  /** Shows `uri` in the preview, creating the panel in `column` when there is none. */
  show(uri: vscode.Uri, column: vscode.ViewColumn, preserveFocus: boolean): void {
    if (this.panel) {
      this.panel.reveal(this.panel.viewColumn ?? column, preserveFocus);
    } else {
      const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, vscode.l10n.t('Preview'), { viewColumn: column, preserveFocus }, previewPanelOptions(this.extensionUri));
      this.attach(panel);
    }
    this.setDocument(uri);
  }

  /** Adopts a panel VS Code restored after a reload (see the serializer). */
  restore(panel: vscode.WebviewPanel, uri: vscode.Uri, locked: boolean): void {
    if (this.panel) {
      // Only one preview: a second restored panel is redundant.
      panel.dispose();
      return;
    }
    panel.webview.options = previewPanelOptions(this.extensionUri);
    this.attach(panel);
    this.locked = locked;
    this.setDocument(uri);
  }

  toggleLock(): void {
    if (!this.panel) return;
    this.locked = !this.locked;
    this.post({ type: 'locked', locked: this.locked });
    this.updateTitle();
    // Unlocking follows the active editor again right away.
    const editor = vscode.window.activeTextEditor;
    if (!this.locked && editor && isPreviewableDocument(editor.document, this.config)) this.setDocument(editor.document.uri);
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.pageReady = false;
    this.currentShell = undefined;
    // One per panel (cached blocks hold addresses made for its webview), made at its first render.
    this.articles.forgetRenderer();
    panel.iconPath = {
      light: vscode.Uri.joinPath(this.extensionUri, 'media', 'preview-light.svg'),
      dark: vscode.Uri.joinPath(this.extensionUri, 'media', 'preview-dark.svg'),
    };
    const channel = (this.channel = new WebviewChannel<ToPageMessage, FromPageMessage>(panel.webview, isFromPageMessage));
    for (const disposable of [
      channel,
      channel.onMessage((message) => void this.onPageMessage(message)),
      panel.onDidDispose(() => this.onPanelDisposed()),
      // A hidden panel's page is torn down; it says `ready` when shown again and gets the current article then.
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.renderSkipped) this.requestRender();
      }),
      // What the file watcher missed beside the post or in the site's static folders.
      this.articles.recheckEvery(() => panel.visible, () => this.panel === panel && this.requestRender()),
    ]) {
      this.panelDisposables.add(disposable);
    }
  }

  private onPanelDisposed(): void {
    this.panelDisposables.clear();
    this.channel = undefined;
    this.deleteWatcher.clear();
    if (this.renderTimer) clearTimeout(this.renderTimer);
    this.renderTimer = undefined;
    this.panel = undefined;
    this.articles.forgetRenderer();
    this.documentUri = undefined;
    this.locked = false;
    this.pageReady = false;
    this.lastRenderAt = -Infinity;
  }

  private isCurrent(uri: vscode.Uri): boolean {
    return this.documentUri?.toString() === uri.toString();
  }

  private setDocument(uri: vscode.Uri): void {
    if (!this.panel) return;
    if (!this.isCurrent(uri)) {
      this.documentUri = uri;
      this.watchFolder(uri);
      const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
      this.pendingScrollLine = editor?.visibleRanges[0]?.start.line ?? 0;
      // A new document renders at once, not after the typing throttle.
      this.lastRenderAt = -Infinity;
      if (this.renderTimer) clearTimeout(this.renderTimer);
      this.renderTimer = undefined;
    }
    this.requestRender();
  }

  /**
   * Closes the preview when its file is deleted outside the editor too (git
   * checkout, terminal), and renders again when a file beside it comes or goes
   * there (a bundle's cover, an image the article shows as missing): the
   * workspace's file-operation events report only what the editor itself did.
   * Three levels deep: a bundle keeps its images near its content file.
   */
  private watchFolder(uri: vscode.Uri): void {
    this.deleteWatcher.clear();
    if (uri.scheme !== 'file' && uri.scheme !== 'vscode-remote') return;
    const base = vscode.Uri.joinPath(uri, '..');
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(base, '{*,*/*,*/*/*}'), false, true, false);
    this.deleteWatcher.value = vscode.Disposable.from(
      watcher,
      watcher.onDidDelete((deleted) => {
        if (this.isCurrent(deleted)) this.panel?.dispose();
        else if (this.articles.siteResources.forget('found')) this.requestRender();
      }),
      watcher.onDidCreate(() => {
        if (this.articles.siteResources.forget('missing')) this.requestRender();
      }),
    );
  }

  /** First render at once, then at most one per RENDER_INTERVAL_MS (the last edit always renders). */
  private requestRender(): void {
    if (!this.panel || this.renderTimer) return;
    const wait = this.lastRenderAt + RENDER_INTERVAL_MS - Date.now();
    if (wait <= 0) {
      void this.renderNow();
      return;
    }
    this.renderTimer = setTimeout(() => {
      this.renderTimer = undefined;
      void this.renderNow();
    }, wait);
  }

  private shellOptions(uri: vscode.Uri): ShellOptions {
    const settings = this.settings.for(uri);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    // Stylesheets come from the workspace: only a trusted workspace may restyle the page.
    const styles = vscode.workspace.isTrusted && folder ? settings.styles.map((s) => vscode.Uri.joinPath(folder.uri, s)) : [];
    return { allowRemoteImages: settings.allowRemoteImages, styles };
  }

  private async renderNow(): Promise<void> {
    const panel = this.panel;
    const uri = this.documentUri;
    if (!panel || !uri) return;
    if (!panel.visible && this.currentShell !== undefined) {
      // Nobody sees it: render when it is shown again, not on every keystroke meanwhile.
      // (A panel without its page yet, e.g. one restored after a reload, always gets it.)
      this.renderSkipped = true;
      return;
    }
    this.renderSkipped = false;
    const startedAt = (this.lastRenderAt = Date.now());
    let document: vscode.TextDocument;
    try {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      // A closed untitled document is gone (opening its URI would make a new, empty one).
      if (!open && uri.scheme === 'untitled') throw new Error('closed');
      document = open ?? (await vscode.workspace.openTextDocument(uri));
    } catch {
      // The file is gone, unreadable, or a closed untitled document: a preview of nothing helps no one.
      if (this.panel === panel && this.isCurrent(uri)) panel.dispose();
      return;
    }
    if (this.panel !== panel || !this.isCurrent(uri)) return;

    const shell = this.shellOptions(uri);
    const key = shellKey(shell);
    if (key !== this.currentShell) {
      // First render, or the policy/stylesheets changed: (re)load the page; it says `ready` when loaded.
      this.currentShell = key;
      this.pageReady = false;
      panel.webview.html = buildShell(panel.webview, this.extensionUri, shell);
    }

    await this.articles.load();
    if (this.panel !== panel || !this.isCurrent(uri)) return;
    // The first sites are detected after activation without a change event
    // (ConfigService counts it silently): a preview opened meanwhile would keep
    // the plain site's reading (no generator, front matter after a blank line
    // as prose) until the next edit. Wait for them; afterwards this is settled.
    await this.config.ready;
    if (this.panel !== panel || !this.isCurrent(uri)) return;
    const analysis = this.analyses.analysisOf(document);
    this.lastSite = analysis.site?.site;
    const { rendered, article } = this.articles.render(panel.webview, uri, analysis, shell.allowRemoteImages);
    // References the render met for the first time: look them up, and render again when one exists.
    this.articles.settle(() => {
      if (this.panel === panel && this.isCurrent(uri)) this.requestRender();
    });
    this.renderId++;
    this.lastRendered = {
      uri: uri.toString(),
      documentVersion: document.version,
      renderId: this.renderId,
      startedAt,
      title: rendered.title,
      dateText: rendered.dateText,
      status: rendered.status,
      markerCount: rendered.markers.length,
      bodyHtml: rendered.bodyHtml,
      locked: this.locked,
      ...(article.url !== undefined ? { url: article.url } : {}),
      article,
    };
    this.pendingMessage = {
      type: 'render',
      uri: uri.toString(),
      version: this.renderId,
      article,
      locked: this.locked,
      lineCount: document.lineCount,
      scrollEditorWithPreview: this.settings.for(uri).scrollEditorWithPreview,
      scrollToLine: this.pendingScrollLine,
    };
    this.updateTitle();
    this.flush();
    this.renderedEmitter.fire(this.lastRendered);
  }

  /** The latest render waiting for the page to be ready. */
  private pendingMessage: Extract<ToPageMessage, { type: 'render' }> | undefined;

  private flush(): void {
    if (!this.pageReady || !this.pendingMessage) return;
    const message = this.pendingMessage;
    this.pendingMessage = undefined;
    this.pendingScrollLine = undefined;
    void this.channel?.post(message);
  }

  private post(message: ToPageMessage): void {
    if (this.pageReady) void this.channel?.post(message);
  }

  private updateTitle(): void {
    if (!this.panel || !this.lastRendered) return;
    const title = this.lastRendered.title;
    this.panel.title = this.locked ? vscode.l10n.t('Preview {0} (locked)', title) : vscode.l10n.t('Preview {0}', title);
  }

  private async onPageMessage(message: FromPageMessage): Promise<void> {
    const uri = this.documentUri;
    switch (message.type) {
      case 'ready':
        this.pageReady = true;
        if (!this.pendingMessage) {
          // The page reloaded (hidden and shown again): send the article again; the page restores its own scroll.
          this.pendingScrollLine = undefined;
          this.lastRenderAt = -Infinity;
          this.requestRender();
        }
        this.flush();
        break;
      case 'rendered':
        this.lastPageReport = { renderId: message.version, title: message.title, dateText: message.dateText, markerCount: message.markerCount };
        this.pageEmitter.fire(this.lastPageReport);
        break;
      case 'revealLine':
        if (uri) await this.scrollSync.revealInEditor(uri, message.line, this.panel?.viewColumn);
        break;
      case 'didScroll':
        if (uri) this.scrollSync.onPreviewScrolled(uri, message.line);
        break;
      case 'openLink': {
        if (!uri) break;
        // A link to another post by its permalink (root-relative, or on the site's own address) opens that post here.
        const post = this.postAtLink(message.href, this.lastSite);
        if (post) {
          await vscode.window.showTextDocument(post, { viewColumn: this.editorColumn(uri) ?? vscode.ViewColumn.One });
          break;
        }
        // A root-relative link to a file of the site's static folders opens that file.
        await openLink(uri, (message.kind === 'relative' ? this.articles.siteResources.workspaceHref(uri, message.href, this.lastSite) : undefined) ?? message.href, message.kind, this.editorColumn(uri));
        break;
      }
    }
  }

  private editorColumn(uri: vscode.Uri): vscode.ViewColumn | undefined {
    return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString())?.viewColumn;
  }
}
