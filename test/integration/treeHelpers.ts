// Shared helpers of the Posts view's integration tests: reach the extension
// API, read the view's rows as rendered, and wait for the view to catch up
// with the file system (it is event driven, so tests poll with a deadline).
import * as vscode from 'vscode';
import type { PostdeskApi } from '../../src/extension';
import type { PostsViewApi, PostsViewRow } from '../../src/tree';

export async function treeApi(): Promise<PostsViewApi> {
  const extension = vscode.extensions.getExtension<PostdeskApi>('postdesk.postdesk');
  if (!extension) throw new Error('the Postdesk extension is not installed in this host');
  const api = await extension.activate();
  const tree = (api as PostdeskApi & { tree?: PostsViewApi }).tree;
  if (!tree) throw new Error('the extension API has no `tree` (src/extension.ts must expose registerPostsView(...).api)');
  await api.index.ready;
  return tree;
}

export function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need the fixture workspace open');
  return folder.uri;
}

export function postUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(root(), ...segments);
}

/** Every row, depth first, with its path of group labels. */
export function flatten(rows: readonly PostsViewRow[], path: string[] = []): { row: PostsViewRow; path: string[] }[] {
  return rows.flatMap((row) => [{ row, path }, ...flatten(row.children ?? [], [...path, row.label])]);
}

export function findByUri(rows: readonly PostsViewRow[], uri: vscode.Uri): { row: PostsViewRow; path: string[] } | undefined {
  return flatten(rows).find(({ row }) => row.uri === uri.toString());
}

export function topLabels(rows: readonly PostsViewRow[]): string[] {
  return rows.map((row) => row.label);
}

/** Polls the rendered tree until `check` returns a value (not undefined/false) or the deadline passes. */
export async function waitForTree<T>(
  tree: PostsViewApi,
  check: (rows: PostsViewRow[]) => T | undefined | false,
  what: string,
  timeoutMs = 15000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let rows: PostsViewRow[] = [];
  for (;;) {
    rows = await tree.snapshot({ tooltips: true });
    const result = check(rows);
    if (result !== undefined && result !== false) return result;
    if (Date.now() > deadline) {
      const dump = flatten(rows)
        .map(({ row, path }) => `${'  '.repeat(path.length)}${row.label}${row.description ? ` — ${row.description}` : ''}`)
        .join('\n');
      throw new Error(`timed out waiting for the Posts view: ${what}\n${dump}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function deleteIfExists(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false });
  } catch {
    // Already gone.
  }
}

/** Today's local date as YYYY-MM-DD, computed independently of the code under test. */
export function todayText(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
