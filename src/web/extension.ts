// Entry point for vscode.dev / github.dev: VS Code runs this bundle in its
// web-worker extension host. Files are read through vscode.workspace.fs only;
// the build (scripts/build.mjs) fails if a Node built-in reaches this bundle.
import type * as vscode from 'vscode';
import { composePostdesk } from '../compose';
import type { PostdeskApi } from '../testApi';
import { workspaceFsReader } from '../index/reader';

export type { PostdeskApi } from '../testApi';

export function activate(context: vscode.ExtensionContext): PostdeskApi {
  return composePostdesk(context, { reader: workspaceFsReader });
}

export function deactivate(): void {
  // Every registration is disposed through context.subscriptions.
}
