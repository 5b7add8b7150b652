// Entry point the extension host loads (extensionTestsPath): drives mocha 10
// programmatically, as @vscode/test-electron's template does, so the same
// suite runs in code-server's extension host and in desktop VS Code.
//
// - Every *.test.js next to this file (compiled from test/integration/) is
//   loaded: drop a `<feature>.test.ts` in test/integration/ and it runs.
// - Both `suite`/`test` (tdd) and `describe`/`it` (bdd) work; do not mix them
//   in one file (each keeps its own nesting).
// - Tests whose full title contains `@multi-root` run only when a
//   .code-workspace is open (the harness's second pass); all others only
//   when a single folder is open.
// - POSTDESK_TEST_GREP (a regular expression) selects tests by full title.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

const MULTI_ROOT_TAG = /@multi-root\b/;

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: process.env.POSTDESK_TEST_COLOR === '1',
    timeout: Number(process.env.POSTDESK_TEST_TIMEOUT_MS ?? 20_000),
    reporter: 'spec',
  });
  // The bdd interface as well, for files written with describe/it.
  Mocha.interfaces.bdd(mocha.suite);
  if (process.env.POSTDESK_TEST_GREP) mocha.grep(process.env.POSTDESK_TEST_GREP);

  for (const file of findTests(__dirname)) mocha.addFile(file);
  // Load now (a file that throws at load rejects run() with its error), then
  // keep only this pass's tests; run() must not load the files a second time.
  // (loadFiles/lazyLoadFiles are public in mocha 10 but missing from its typings;
  // loadFilesAsync would go through import(), which the extension host does not patch.)
  const loader = mocha as unknown as { loadFiles(): void; lazyLoadFiles(enable: boolean): void };
  loader.loadFiles();
  loader.lazyLoadFiles(true);
  const multiRoot = vscode.workspace.workspaceFile !== undefined;
  if (multiRoot) await workspaceFoldersResolved();
  keepTests(mocha.suite, (title) => MULTI_ROOT_TAG.test(title) === multiRoot);

  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, failures: failed = 0, pending = 0 } = runner.stats ?? {};
      if (pending > 0) console.log(`${pending} pending`);
      // A plain closing line for people and CI log scrapers.
      console.log(`${passes} passed, ${failed} failed`);
      if (failures > 0) reject(new Error(`${failures} test(s) failed.`));
      else resolve();
    });
  });
}

/** A .code-workspace's folders can arrive after the extension host starts; tests need them. */
async function workspaceFoldersResolved(): Promise<void> {
  if ((vscode.workspace.workspaceFolders ?? []).length > 0) return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`The workbench opened ${vscode.workspace.workspaceFile?.toString()} without any of its folders.`));
    }, 15_000);
    const listener = vscode.workspace.onDidChangeWorkspaceFolders(() => {
      if ((vscode.workspace.workspaceFolders ?? []).length === 0) return;
      clearTimeout(timer);
      listener.dispose();
      resolve();
    });
  });
}

function findTests(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.test.js'))
    .map((d) => path.join(d.parentPath, d.name))
    .sort();
}

function keepTests(suite: Mocha.Suite, keep: (fullTitle: string) => boolean): void {
  suite.tests = suite.tests.filter((t) => keep(t.fullTitle()));
  for (const child of suite.suites) keepTests(child, keep);
}
