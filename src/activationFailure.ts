// What the author sees when Postdesk fails to start: one error message that
// names the cause, with the details (stack) in the "Postdesk" output channel,
// instead of a Posts view that silently stays empty.
import * as vscode from 'vscode';

/** The parts of `vscode.window` this needs, so tests can pass fakes. */
export interface FailureUi {
  createOutputChannel(name: string): Pick<vscode.OutputChannel, 'appendLine' | 'show' | 'dispose'>;
  showErrorMessage(message: string, ...items: string[]): Thenable<string | undefined>;
}

/** Reports an activation failure; returns the message shown (for tests). */
export function reportActivationFailure(error: unknown, subscriptions: { push(d: vscode.Disposable): void }, ui: FailureUi = vscode.window): string {
  const detail = error instanceof Error ? error.message : String(error);
  const message = vscode.l10n.t('Postdesk could not start: {0}', detail);
  const channel = ui.createOutputChannel('Postdesk');
  subscriptions.push(channel);
  channel.appendLine(`[${new Date().toISOString()}] ${message}`);
  if (error instanceof Error && error.stack) channel.appendLine(error.stack);
  const showLog = vscode.l10n.t('Show Log');
  void ui.showErrorMessage(message, showLog).then((choice) => {
    if (choice === showLog) channel.show(true);
  });
  return message;
}
