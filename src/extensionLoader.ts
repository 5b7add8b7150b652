// What the Node extension host loads (dist/extension.js): a few lines that
// load the extension itself (src/extension.ts, bundled as dist/postdesk.js)
// with a V8 code cache (src/node/codeCache.ts), then activate it in a task of
// its own. Loading the bundle (reading, compiling, running its modules) and
// activating it were one block of 50-60 ms of the host's event loop while the
// Posts view opened; with the cache and the break between them, two shorter
// ones.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { PostdeskApi } from './testApi';
import { loadWithCodeCache } from './node/codeCache';

interface Extension {
  activate(context: vscode.ExtensionContext): PostdeskApi;
  deactivate(): void;
}

/** When the cache is written: after activation, so it holds what activation compiles and no more (a larger cache costs more to read). */
const SAVE_CACHE_AFTER_MS = 1_000;

let extension: Extension | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<PostdeskApi> {
  const cacheFile = path.join(context.globalStorageUri.fsPath, 'code-cache', 'postdesk.js.cache');
  const loaded = await loadWithCodeCache<Extension>(path.join(__dirname, 'postdesk.js'), cacheFile, require);
  await new Promise<void>((resolve) => setImmediate(resolve));
  extension = loaded.exports;
  const api = extension.activate(context);
  if (loaded.cache !== 'used') {
    const timer = setTimeout(() => void loaded.save(), SAVE_CACHE_AFTER_MS);
    timer.unref();
    context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  }
  return { ...api, codeCache: loaded.cache };
}

export function deactivate(): void {
  extension?.deactivate();
}
