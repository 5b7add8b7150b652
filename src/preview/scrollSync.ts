// Keeps the editor and the preview scrolled to the same place, both ways,
// without the two echoing each other's scroll events back and forth.
import * as vscode from 'vscode';
import { Disposable } from '../common/dispose';
import type { ToPageMessage } from './protocol';
import type { PreviewSettings } from '../config/previewSettings';

/** How long a scroll we caused is not treated as the author's own. */
const ECHO_WINDOW_MS = 250;

export class ScrollSync extends Disposable {
  private ignoreEditorUntil = 0;

  constructor(
    private readonly post: (message: ToPageMessage) => void,
    private readonly previewedUri: () => vscode.Uri | undefined,
    private readonly settings: PreviewSettings,
  ) {
    super();
    this._register(
      vscode.window.onDidChangeTextEditorVisibleRanges((event) => {
        const uri = this.previewedUri();
        if (!uri || event.textEditor.document.uri.toString() !== uri.toString()) return;
        if (Date.now() < this.ignoreEditorUntil) return;
        if (!this.settings.for(uri).scrollPreviewWithEditor) return;
        const top = event.visibleRanges[0]?.start.line;
        if (top !== undefined) this.post({ type: 'scrollToLine', line: top });
      }),
    );
  }

  /** The author scrolled the preview: bring the editors showing the document along. */
  onPreviewScrolled(uri: vscode.Uri, line: number): void {
    if (!this.settings.for(uri).scrollEditorWithPreview) return;
    const target = Math.max(0, Math.floor(line));
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() !== uri.toString()) continue;
      this.ignoreEditorUntil = Date.now() + ECHO_WINDOW_MS;
      const position = new vscode.Position(Math.min(target, editor.document.lineCount - 1), 0);
      editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
    }
  }

  /** A click on a marker band (or a double-click): show that line in an editor and select it. */
  async revealInEditor(uri: vscode.Uri, line: number, previewColumn: vscode.ViewColumn | undefined): Promise<void> {
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const column = visible?.viewColumn ?? (previewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(uri, { viewColumn: column, preserveFocus: false });
    const target = Math.min(Math.max(0, Math.floor(line)), editor.document.lineCount - 1);
    const lineRange = editor.document.lineAt(target).range;
    this.ignoreEditorUntil = Date.now() + ECHO_WINDOW_MS;
    editor.selection = new vscode.Selection(lineRange.start, lineRange.end);
    editor.revealRange(lineRange, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}
