// The diagnostics commands: check every post now, and fix what can be fixed
// safely in the current file.
import * as vscode from 'vscode';
import type { PostdeskConfig } from '../core/types';
import type { PostIndex } from '../index/postIndex';
import { fixAllEdit } from './codeActions';
import type { DiagnosticsController } from './controller';
import { DIAGNOSTIC_SOURCE } from './links';

export function registerDiagnosticsCommands(controller: DiagnosticsController, index: PostIndex, configFor: (uri: vscode.Uri) => PostdeskConfig): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('postdesk.checkWorkspace', async () => {
      // A full rescan: files changed outside the editor are read again, then every open document is re-analysed.
      await controller.checkWorkspace();
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      let problems = 0;
      let files = 0;
      controller.collection.forEach((_uri, diagnostics) => {
        const ours = diagnostics.filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE).length;
        problems += ours;
        if (ours > 0) files++;
      });
      void vscode.window.showInformationMessage(
        problems === 0
          ? vscode.l10n.t('Postdesk checked {0} posts: no problems.', index.size)
          : vscode.l10n.t('Postdesk checked {0} posts: {1} problems in {2} files.', index.size, problems, files),
      );
    }),
    vscode.commands.registerCommand('postdesk.fixAllInFile', async (uri?: vscode.Uri) => {
      const document = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      if (!document) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Open a post to fix its problems.'));
        return;
      }
      const analysis = controller.analysisFor(document);
      if (!analysis) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Postdesk does not check this file (it is not matched by postdesk.content.include).'));
        return;
      }
      const all = fixAllEdit(document, analysis, configFor(document.uri));
      if (!all) {
        void vscode.window.showInformationMessage(
          analysis.findings.length === 0
            ? vscode.l10n.t('No Postdesk problems in this file.')
            : vscode.l10n.t('Nothing to fix automatically: {0} problems need a decision (use the quick fixes).', analysis.findings.length),
        );
        return;
      }
      // One WorkspaceEdit: a single undo restores the file.
      if (!(await vscode.workspace.applyEdit(all.edit))) {
        void vscode.window.showErrorMessage(vscode.l10n.t('The file changed while Postdesk was fixing it; nothing was changed. Try again.'));
        return;
      }
      controller.checkNow(document);
      const left = controller.analysisFor(document)?.findings.length ?? 0;
      if (left > 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Fixed {0} problems; {1} need a decision (use the quick fixes).', all.fixed, left));
      }
    }),
  );
}
