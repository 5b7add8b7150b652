// Entry point for desktop VS Code and remote hosts (the Node extension host).
import type * as vscode from 'vscode';
import { composePostdesk, type PostdeskApi } from './compose';
import { nodeContentReader } from './index/nodeReader';

export type { PostdeskApi } from './compose';

export function activate(context: vscode.ExtensionContext): PostdeskApi {
  return composePostdesk(context, { reader: nodeContentReader });
}

export function deactivate(): void {
  // Every registration is disposed through context.subscriptions.
}
