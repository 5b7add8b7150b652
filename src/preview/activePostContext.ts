// The `postdesk.activeEditorIsPost` context key: true while the active editor
// holds a document Postdesk previews (a post of its site, whatever language id
// VS Code gave the file: `.mdx` as Plain Text, Hugo's `.html` content). The
// preview's menus and keybindings read it beside `editorLangId == markdown`.
import * as vscode from 'vscode';
import type { ConfigService } from '../config/configService';
import { isPreviewableDocument } from './previewManager';

export function registerActivePostContext(config: ConfigService): vscode.Disposable {
  let last: boolean | undefined;
  const update = (): void => {
    const editor = vscode.window.activeTextEditor;
    const isPost = editor !== undefined && isPreviewableDocument(editor.document, config);
    if (isPost === last) return;
    last = isPost;
    void vscode.commands.executeCommand('setContext', 'postdesk.activeEditorIsPost', isPost);
  };
  update();
  return vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor(update),
    // The site model (detected after activation, or changed config) decides what a post is.
    config.onDidChange(update),
    vscode.workspace.onDidOpenTextDocument(update),
  );
}
