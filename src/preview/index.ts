// The preview feature: commands, the panel serializer and the test hook.
// registerPreview() is the only thing src/extension.ts needs from here.
import * as vscode from 'vscode';
import type { ConfigService } from '../config/configService';
import type { DocumentAnalyses } from '../analysis/documentAnalyses';
import { PreviewSettings } from '../config/previewSettings';
import { isPreviewPageState } from './protocol';
import { isPreviewableDocument, registerActivePostContext } from './activePostContext';
import { PREVIEW_VIEW_TYPE, PreviewManager, type PostAtLink } from './previewManager';
import type { PageReport, PreviewSnapshot } from './snapshots';

export type { PageReport, PreviewSnapshot } from './snapshots';

/** Read-only view of the preview for tests (exposed as `api.preview`). */
export interface PreviewApi {
  readonly isOpen: boolean;
  readonly isLocked: boolean;
  /** The document the preview shows, as a URI string. */
  readonly previewedUri: string | undefined;
  /** What the extension last sent to the page. */
  readonly lastRendered: PreviewSnapshot | undefined;
  /** What the page last reported it drew. */
  readonly lastPageReport: PageReport | undefined;
  readonly onDidRender: vscode.Event<PreviewSnapshot>;
  readonly onDidPageRender: vscode.Event<PageReport>;
}

export interface PreviewRegistration extends vscode.Disposable {
  readonly api: PreviewApi;
}

/** Finds the document a command was invoked for: a URI, a tree item carrying one, or the active editor. */
function targetUri(arg: unknown, config: ConfigService): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'object' && arg !== null) {
    const record = arg as { uri?: unknown; resourceUri?: unknown };
    if (record.uri instanceof vscode.Uri) return record.uri;
    if (record.resourceUri instanceof vscode.Uri) return record.resourceUri;
  }
  const editor = vscode.window.activeTextEditor;
  return editor && isPreviewableDocument(editor.document, config) ? editor.document.uri : undefined;
}

export function registerPreview(extensionUri: vscode.Uri, config: ConfigService, analyses: DocumentAnalyses, postAtLink?: PostAtLink): PreviewRegistration {
  const settings = new PreviewSettings();
  const manager = new PreviewManager(extensionUri, config, analyses, settings, postAtLink);

  const open = (arg: unknown, toSide: boolean): void => {
    const uri = targetUri(arg, config);
    if (!uri) {
      if (!manager.isOpen) void vscode.window.showInformationMessage(vscode.l10n.t('Open a Markdown post to preview it.'));
      return;
    }
    manager.show(uri, toSide ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active, toSide);
  };

  const disposables: vscode.Disposable[] = [
    manager,
    settings,
    registerActivePostContext(config),
    vscode.commands.registerCommand('postdesk.openPreview', (arg: unknown) => open(arg, false)),
    vscode.commands.registerCommand('postdesk.openPreviewToSide', (arg: unknown) => open(arg, true)),
    vscode.commands.registerCommand('postdesk.togglePreviewLock', () => manager.toggleLock()),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        if (!isPreviewPageState(state)) {
          panel.dispose();
          return;
        }
        const uri = vscode.Uri.parse(state.uri, true);
        try {
          await vscode.workspace.fs.stat(uri);
        } catch {
          // The previewed file is gone since the last session.
          panel.dispose();
          return;
        }
        manager.restore(panel, uri, state.locked);
      },
    }),
  ];

  const api: PreviewApi = {
    get isOpen() {
      return manager.isOpen;
    },
    get isLocked() {
      return manager.isLocked;
    },
    get previewedUri() {
      return manager.previewedUri?.toString();
    },
    get lastRendered() {
      return manager.lastRendered;
    },
    get lastPageReport() {
      return manager.lastPageReport;
    },
    onDidRender: manager.onDidRender,
    onDidPageRender: manager.onDidPageRender,
  };

  const registration = vscode.Disposable.from(...disposables);
  return { api, dispose: () => registration.dispose() };
}
