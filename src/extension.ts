// Entry point for desktop VS Code and remote hosts (the Node extension host).
// The extension itself is dist/main.js (src/main.ts); this loads it in three
// tasks of the extension host instead of one. Reading it, compiling it and
// running its top level were one block of 55–85 ms in every profile of the
// Posts view opening, the longest of the host's (docs/benchmarks-posts-view.md);
// compiling and running are about 30 ms each. VS Code awaits `activate`, and
// main.js gets the module scope `require` would give it, with this file's
// `require`, which VS Code's `vscode` module answers for this extension.
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import type * as vscode from 'vscode';
import type * as Main from './main';

export type { PostdeskApi } from './testApi';

type ModuleFunction = (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;

const nextTask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function loadInTasks(file: string): Promise<typeof Main> {
  // Read at once, as `require` would: a read through the thread pool could
  // wait behind other extensions' file system calls.
  const source = fs.readFileSync(file, 'utf8');
  await nextTask();
  const script = new vm.Script(Module.wrap(source), { filename: file });
  await nextTask();
  const module = { exports: {} as unknown };
  (script.runInThisContext() as ModuleFunction).call(module.exports, module.exports, require, module, file, path.dirname(file));
  return module.exports as typeof Main;
}

export async function activate(context: vscode.ExtensionContext): Promise<Main.PostdeskApi> {
  const main = await loadInTasks(path.join(__dirname, 'main.js'));
  await nextTask();
  return main.activate(context);
}

export function deactivate(): void {
  // Every registration is disposed through context.subscriptions.
}
