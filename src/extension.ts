// Entry point for desktop VS Code and remote hosts (the Node extension host).
// The extension itself is dist/main.js (src/main.ts); this loads it in three
// tasks of the extension host instead of one. Reading it, compiling it and
// running its top level were one block of 55–85 ms in every profile of the
// Posts view opening, the longest of the host's (docs/benchmarks-posts-view.md);
// compiling and running are about 30 ms each; V8's code cache of the bundle
// (src/node/codeCache.ts) makes the compile a fraction of that from the
// second activation on. VS Code awaits `activate`, and
// main.js gets the module scope `require` would give it, with this file's
// `require`, which VS Code's `vscode` module answers for this extension.
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import type * as vscode from 'vscode';
import type * as Main from './main';
import { NO_CODE_CACHE, openCodeCache } from './node/codeCache';
import type { CodeCacheProbe } from './testApi';

export type { PostdeskApi } from './testApi';

type ModuleFunction = (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;

const nextTask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function loadInTasks(file: string, cacheFolder: string | undefined): Promise<{ main: typeof Main; cache: CodeCacheProbe }> {
  // Read at once, as `require` would: a read through the thread pool could
  // wait behind other extensions' file system calls.
  const source = fs.readFileSync(file, 'utf8');
  const cache = cacheFolder !== undefined ? openCodeCache(cacheFolder, source) : NO_CODE_CACHE;
  await nextTask();
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData: cache.data });
  await nextTask();
  const module = { exports: {} as unknown };
  (script.runInThisContext() as ModuleFunction).call(module.exports, module.exports, require, module, file, path.dirname(file));
  await nextTask();
  // Made now, it holds what compiling and starting the bundle needs and no
  // more: a cache made after the first scan, with every function the scan
  // compiled, was 500 KB and took V8 longer to read (23 ms in a profile).
  const saved = cache.saveIfNeeded(script);
  return { main: module.exports as typeof Main, cache: { used: cache.data !== undefined && script.cachedDataRejected !== true, saved } };
}

export async function activate(context: vscode.ExtensionContext): Promise<Main.PostdeskApi> {
  // The global storage is a local folder in every Node extension host; anything else gets no cache.
  const storage = context.globalStorageUri;
  const { main, cache } = await loadInTasks(path.join(__dirname, 'main.js'), storage.scheme === 'file' ? path.join(storage.fsPath, 'code-cache') : undefined);
  await nextTask();
  return { ...main.activate(context), codeCache: cache };
}

export function deactivate(): void {
  // Every registration is disposed through context.subscriptions.
}
