// The extension in desktop VS Code and remote hosts (the Node extension host),
// bundled as dist/main.js and loaded by the entry point, src/extension.ts.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { composePostdesk } from './compose';
import type { PostdeskApi } from './testApi';
import { createNodeContentReader } from './node/nodeReader';
import { nodeFileTimes } from './node/editorFileTimes';

export type { PostdeskApi } from './testApi';

export function activate(context: vscode.ExtensionContext): PostdeskApi {
  // The read worker is bundled beside this file (scripts/build.mjs); the composition disposes it.
  return composePostdesk(context, { reader: createNodeContentReader(path.join(__dirname, 'readWorker.js')), fileTimes: nodeFileTimes });
}
