// A post deleted while its editor stays open: the index follows the file, not
// the editor's leftover text. Unsaved text of a deleted file is still a post
// (the author can save it back); text that is saved, reverted or undone to
// what was on disk is the file's, and the file is gone.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatePostdesk, fixture, sleep, summary, waitFor } from './diagnostics.helpers';

describe('A post deleted while its editor is open', function () {
  this.timeout(60_000);

  it('leaves the index, comes back while its text is unsaved, and leaves again once the edit is undone', async () => {
    const api = await activatePostdesk();
    const uri = fixture('_posts', '2021-08-03-deleted-while-open.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('---\ntitle: Deleted while open\ndate: 2021-08-03\n---\n\nAdvertisement\n\nText.\n'));
    try {
      await waitFor(() => api.index.get(uri)?.analyzed === true, 'the new post in the index');
      const editor = await vscode.window.showTextDocument(uri, { preview: false });
      await waitFor(() => summary(uri).includes('stray-marker@5'), 'the marker diagnostic');

      await vscode.workspace.fs.delete(uri);
      await waitFor(() => api.index.get(uri) === undefined, 'the deleted post to leave the index');
      await waitFor(() => summary(uri).length === 0, 'its diagnostics cleared');

      assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(7, 0), 'More. ')), 'the edit applied');
      await waitFor(() => api.index.get(uri)?.fromOpenEditor === true, 'the unsaved text of the deleted file indexed');

      await vscode.window.showTextDocument(editor.document, { preview: false });
      await vscode.commands.executeCommand('undo');
      await waitFor(() => !editor.document.isDirty, 'the edit undone');
      // The editor's text is again what the file held: the file is gone, so is the post.
      await waitFor(() => api.index.get(uri) === undefined, 'the post to leave the index again');
      await sleep(600);
      assert.equal(api.index.get(uri), undefined, 'still gone after the edit debounce');
      assert.deepEqual(summary(uri), []);
    } finally {
      await cleanUp(uri);
    }
  });

  it('keeps a post whose file is deleted while its text is unsaved, in the index and the Problems panel alike', async () => {
    const api = await activatePostdesk();
    const uri = fixture('_posts', '2021-08-04-deleted-while-unsaved.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('---\ntitle: Deleted while unsaved\ndate: 2021-08-04\n---\n\nAdvertisement\n\nText.\n'));
    try {
      await waitFor(() => api.index.get(uri)?.analyzed === true, 'the new post in the index');
      const editor = await vscode.window.showTextDocument(uri, { preview: false });
      assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(7, 0), 'More. ')), 'the edit applied');
      await waitFor(() => api.index.get(uri)?.fromOpenEditor === true, 'the unsaved text indexed');

      let deletionApplied = false;
      const listener = api.index.onDidChange((change) => {
        if ([...change.changed, ...change.removed].some((changed) => changed.toString() === uri.toString())) deletionApplied = true;
      });
      try {
        await vscode.workspace.fs.delete(uri);
        await waitFor(() => deletionApplied, 'the index to apply the deletion');
      } finally {
        listener.dispose();
      }
      assert.equal(api.index.get(uri)?.fromOpenEditor, true, 'still listed, from its unsaved text');
      assert.deepEqual(summary(uri), ['stray-marker@5'], 'its findings still shown');
    } finally {
      await cleanUp(uri);
    }
  });
});

/** Reverts whatever the test left unsaved (a deleted file's revert keeps no text to save), closes the editors, deletes the file. */
async function cleanUp(uri: vscode.Uri): Promise<void> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open?.isDirty) {
    await vscode.window.showTextDocument(open, { preview: false });
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor(() => !open.isDirty, 'the test\'s edit reverted');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
}
