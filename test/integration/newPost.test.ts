// Postdesk: New Post in the real extension host: the file it writes, where,
// the editor it opens, and that it never overwrites an existing file.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { deleteIfExists, findByUri, postUri, readText, todayText, treeApi, waitForTree, writeText } from './treeHelpers';

suite('New Post', () => {
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('postdesk.newPost');

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const key of ['folder', 'datePrefix', 'extension']) await settings().update(key, undefined, vscode.ConfigurationTarget.Global);
  });

  test('creates a dated draft in _posts and opens it with the cursor in the body', async () => {
    const tree = await treeApi();
    const title = 'Café: a "quoted" post';
    const expected = postUri('_posts', `${todayText()}-cafe-a-quoted-post.md`);
    await deleteIfExists(expected);
    try {
      const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('postdesk.newPost', { title });
      assert.equal(created?.toString(), expected.toString());
      assert.equal(await readText(expected), `---\ntitle: 'Café: a "quoted" post'\ndate: ${todayText()}\ndraft: true\n---\n\n`);

      const editor = vscode.window.activeTextEditor;
      assert.equal(editor?.document.uri.toString(), expected.toString());
      assert.equal(editor?.selection.active.line, 6, 'cursor on the first body line');
      assert.equal(editor?.document.isDirty, false);

      // The draft shows up under Drafts, titled as typed.
      const row = await waitForTree(tree, (rows) => findByUri(rows, expected), 'new draft listed');
      assert.equal(row.row.label, title);
      assert.match(row.path[0], /^Drafts · \d+$/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await deleteIfExists(expected);
    }
  });

  test('refuses to overwrite an existing file and leaves it untouched', async () => {
    await settings().update('datePrefix', false, vscode.ConfigurationTarget.Global);
    const existing = postUri('_posts', 'already-here.md');
    const original = '# Keep me\r\n\r\nAuthor text that must survive.\r\n';
    await writeText(existing, original);
    try {
      const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('postdesk.newPost', { title: 'Already here!' });
      assert.equal(created, undefined);
      assert.equal(await readText(existing), original);
    } finally {
      await deleteIfExists(existing);
    }
  });

  test('follows the folder, date prefix and extension settings', async () => {
    await settings().update('folder', 'content/notes/', vscode.ConfigurationTarget.Global);
    await settings().update('datePrefix', false, vscode.ConfigurationTarget.Global);
    await settings().update('extension', '.markdown', vscode.ConfigurationTarget.Global);
    const expected = postUri('content', 'notes', 'strasse-und-日本.markdown');
    try {
      const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('postdesk.newPost', { title: 'Straße und 日本' });
      assert.equal(created?.toString(), expected.toString());
      assert.match(await readText(expected), /^---\ntitle: Straße und 日本\n/);
    } finally {
      await deleteIfExists(postUri('content'));
    }
  });

  test('refuses a folder setting that leaves the workspace folder', async () => {
    await settings().update('folder', '../outside', vscode.ConfigurationTarget.Global);
    const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('postdesk.newPost', { title: 'Escape attempt' });
    assert.equal(created, undefined);
  });

  test('rejects an empty title', async () => {
    const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('postdesk.newPost', { title: '   ' });
    assert.equal(created, undefined);
  });
});
