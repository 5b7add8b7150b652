// Entry point for desktop VS Code and remote hosts (the Node extension host).
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { composePostdesk, type PostdeskApi } from './compose';
import { createNodeContentReader } from './node/nodeReader';

export type { PostdeskApi } from './compose';

export function activate(context: vscode.ExtensionContext): PostdeskApi {
  // The read worker is bundled beside this file (scripts/build.mjs).
  const reader = createNodeContentReader(path.join(__dirname, 'readWorker.js'));
  context.subscriptions.push(reader);
  return composePostdesk(context, { reader });
}

export function deactivate(): void {
  // Every registration is disposed through context.subscriptions.
}
