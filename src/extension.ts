// Composes Postdesk's features. Each feature's register…() returns a
// Disposable; this file only wires them together and owns nothing else.
import * as vscode from 'vscode';

/** What activate() hands to tests and other extensions: small and typed. */
export interface PostdeskApi {
  readonly version: string;
}

export function activate(context: vscode.ExtensionContext): PostdeskApi {
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
  return { version };
}

export function deactivate(): void {
  // Every registration is disposed through context.subscriptions.
}
