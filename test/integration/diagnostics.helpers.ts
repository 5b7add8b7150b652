// Shared by diagnostics.test.ts and quickfix.test.ts: activation, waiting for
// the debounced diagnostics, and the fixture's URIs (the harness opens a
// temporary copy of test/fixtures/workspace).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PostdeskApi } from '../../src/extension';

/** Activates Postdesk and waits for its first index scan; its test API. */
export async function activatePostdesk(): Promise<PostdeskApi> {
  const extension = vscode.extensions.getExtension<PostdeskApi>('postdesk.postdesk');
  assert.ok(extension, 'the Postdesk extension is installed in the test host');
  const api = await extension.activate();
  await api.index.ready;
  return api;
}

export function extensionPath(): string {
  const extension = vscode.extensions.getExtension('postdesk.postdesk');
  assert.ok(extension);
  return extension.extensionPath;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return folder.uri;
}

export function fixture(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...segments);
}

export const SEED = ['_posts', 'scraped article.md'];
/** The seed's findings as `rule@line` (0-based): the missing date and the two stray markers. */
export const SEED_FINDINGS = ['missing-date@0', 'stray-marker@2', 'stray-marker@9'];
export const CRLF_POST = ['_posts', '2018-11-24-blog-into-business.md'];
export const CLEAN_POST = ['_posts', '2020-11-06-recent-posts.md'];
export const SLASH_DATE_POST = ['_posts', '2020-11-06-cruise-party.md'];
export const IMPOSSIBLE_DATE_POST = ['_posts', '2020-11-06-hens-night.md'];
export const BROKEN_YAML_POST = ['_posts', '2018-11-24-baseball-stars.md'];
export const FILENAME_DATE_POST = ['_posts', '2019-02-14-magic-mirror.md'];

export function postdeskDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'postdesk');
}

export function ruleOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' ? code.value : code);
}

/** "rule@line" (0-based lines) of a file's Postdesk diagnostics, sorted: compact to compare. */
export function summary(uri: vscode.Uri): string[] {
  return postdeskDiagnostics(uri)
    .map((diagnostic) => `${ruleOf(diagnostic)}@${diagnostic.range.start.line}`)
    .sort();
}

/** Polls until `check` holds: diagnostics are debounced and published asynchronously. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function waitForSummary(uri: vscode.Uri, expected: string[], timeoutMs = 10_000): Promise<void> {
  const want = [...expected].sort();
  try {
    await waitFor(() => JSON.stringify(summary(uri)) === JSON.stringify(want), `${uri.path} diagnostics ${JSON.stringify(want)}`, timeoutMs);
  } catch (error) {
    // Show what was there instead, not only that it timed out.
    assert.deepEqual(summary(uri), want, String(error));
  }
}

export async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Sets a postdesk.* setting for the workspace and returns a function restoring its previous value. */
export async function setSetting(key: string, value: unknown): Promise<() => Promise<void>> {
  const settings = vscode.workspace.getConfiguration('postdesk');
  const previous = settings.inspect(key)?.workspaceValue;
  await settings.update(key, value, vscode.ConfigurationTarget.Workspace);
  return async () => {
    await vscode.workspace.getConfiguration('postdesk').update(key, previous, vscode.ConfigurationTarget.Workspace);
  };
}

/** Throws away unsaved changes of a document and closes its editors. */
export async function revertAndClose(document: vscode.TextDocument): Promise<void> {
  if (document.isClosed) return;
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
}

/**
 * Reverts a document to its file until the editor holds the file's text
 * without unsaved changes: on a loaded host a revert has been seen to leave
 * the document unsaved after reporting it saved, and closing it then would
 * ask to save, or leave it to the next suite.
 */
export async function revertToDisk(document: vscode.TextDocument): Promise<void> {
  const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
  for (let attempt = 1; ; attempt++) {
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preview: false });
    await vscode.commands.executeCommand('workbench.action.files.revert');
    try {
      await waitFor(() => !document.isDirty && document.getText() === onDisk, `${document.uri.path} reverted to its file`, 5000);
      return;
    } catch (error) {
      if (attempt === 3) throw new Error(`${String(error)} (unsaved ${document.isDirty}, text ${document.getText() === onDisk ? 'the file\'s' : `${JSON.stringify(document.getText())} v${document.version} against ${JSON.stringify(onDisk)}`}, active editor ${vscode.window.activeTextEditor?.document.uri.path}, active tab ${vscode.window.tabGroups.activeTabGroup.activeTab?.label})`);
    }
  }
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
