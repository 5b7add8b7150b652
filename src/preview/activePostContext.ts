// Which documents Postdesk previews, and the `postdesk.activeEditorIsPost`
// context key: true while the active editor holds such a document (a post of
// its site, whatever language id VS Code gave the file: `.mdx` as Plain Text,
// Hugo's `.html` content). The preview's menus and keybindings read it beside
// `editorLangId == markdown`.
import * as vscode from 'vscode';
import type { ConfigService } from '../config/configService';

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

/**
 * Whether Postdesk previews the document: Markdown by its language or name,
 * or a file its site model counts as content (a post or page, whatever
 * language id VS Code gave it: Hugo's `.html` content, `.mdx` as Plain Text).
 */
export function isPreviewableDocument(document: vscode.TextDocument, config: ConfigService): boolean {
  return document.languageId === 'markdown' || document.languageId === 'mdx' || /\.(md|markdown|mdx)$/i.test(document.uri.path) || config.isContent(document.uri);
}
