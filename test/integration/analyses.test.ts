// One analysis per document version, whoever asks first (src/analysis): an
// edit burst of ten keystrokes on an open post is analysed once per version
// that a debounced feature asks for, and the index, the diagnostics, the
// hover, the quick fixes and the preview all get that same analysis. Counted
// through the test API's analysis recording, in the real extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatePostdesk, closeAllEditors, fixture, revertToDisk, summary, waitFor } from './diagnostics.helpers';

const KEYSTROKES = 'ertisement';

describe('Document analyses', function () {
  this.timeout(60_000);
  let post: vscode.Uri | undefined;

  afterEach(async () => {
    const deleted = post;
    post = undefined;
    // Whatever a failed test left unsaved: closing it would ask to save.
    const unsaved = deleted && vscode.workspace.textDocuments.find((document) => document.isDirty && document.uri.toString() === deleted.toString());
    if (unsaved) await revertToDisk(unsaved);
    await closeAllEditors();
    if (!deleted) return;
    await vscode.workspace.fs.delete(deleted).then(undefined, () => undefined);
    // Gone from the index and the Problems panel before the next suite compares them with the CLI (a loaded host hears of the deletion late).
    const api = await activatePostdesk();
    try {
      await waitFor(() => api.index.get(deleted) === undefined && summary(deleted).length === 0, 'the deleted post gone from the index and its diagnostics cleared', 30_000);
    } catch (error) {
      const entry = api.index.get(deleted);
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === deleted.toString());
      throw new Error(`${String(error)}: index entry ${entry ? `from ${entry.fromOpenEditor ? 'the editor' : 'the file'}` : 'none'}, diagnostics ${JSON.stringify(summary(deleted))}, document ${document ? `loaded${document.isDirty ? ', unsaved' : ''}` : 'closed'}`);
    }
  });

  it('analyses an edit burst of ten keystrokes once per version, for the index, the diagnostics, the hover, the quick fixes and the preview', async () => {
    const api = await activatePostdesk();
    const uri = fixture('_posts', '2021-08-01-analysed-once.md');
    post = uri;
    // The burst completes "Adv" into "Advertisement": a stray marker appears only at its last keystroke.
    const lines = ['---', 'title: Analysed once', 'date: 2021-08-01', '---', '', 'First paragraph.', '', 'Adv', '', 'Last paragraph.', ''];
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(lines.join('\n')));
    await waitFor(() => api.index.get(uri) !== undefined, 'the new post in the index');
    const editor = await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One, preview: false });
    await waitFor(() => summary(uri).length === 0 && api.index.get(uri)?.analyzed === true, 'the post checked without findings');

    const recording = api.analyses.record();
    try {
      const markerLine = lines.indexOf('Adv');
      // One edit per keystroke, each a version of its own (VS Code refuses an edit sent before the previous one is applied).
      for (const [i, key] of [...KEYSTROKES].entries()) {
        assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(markerLine, 3 + i), key)), `keystroke ${i + 1} applied`);
      }
      const document = editor.document;
      const final = document.version;
      assert.equal(document.lineAt(markerLine).text, 'Advertisement');

      // The debounced askers: the index (200 ms) and the diagnostics (300 ms) settle on the last version.
      await waitFor(() => api.index.get(uri)?.findings.some((f) => f.rule === 'stray-marker') === true, 'the index to see the marker');
      await waitFor(() => summary(uri).includes(`stray-marker@${markerLine}`), 'the marker diagnostic');
      // Then everyone else who asks about this version.
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(2, 8));
      assert.ok(hovers.length > 0, 'a hover on the date');
      const range = new vscode.Range(markerLine, 0, markerLine, 13);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
      assert.ok(actions.some((action) => /stray marker/i.test(action.title)), 'the marker quick fix');
      await vscode.commands.executeCommand('postdesk.openPreviewToSide', uri);
      await waitFor(() => api.preview.lastRendered?.uri === uri.toString() && api.preview.lastRendered.documentVersion === final, 'the preview of the last version');
      assert.equal(api.preview.lastRendered?.markerCount, 1);
      assert.equal(document.version, final, 'no edit since the burst');

      const counts = recording.countsOf(uri);
      assert.equal(counts.get(final), 1, 'the last version analysed once, though five features asked for it');
      const twice = [...counts].filter(([, count]) => count > 1);
      assert.deepEqual(twice, [], 'no version analysed twice');
      // Versions before the last are analysed only when a debounce fired mid-burst (a slow host): never one per keystroke and feature.
      assert.ok(recording.total <= KEYSTROKES.length, `${recording.total} analyses for ${KEYSTROKES.length} keystrokes`);
      console.log(`    analyses for a burst of ${KEYSTROKES.length} keystrokes: ${recording.total} (versions ${[...counts.keys()].join(', ')})`);
    } finally {
      recording.dispose();
      // The preview beside it may be the active editor: revert the post's own editor, or closing it would ask to save.
      await revertToDisk(editor.document);
    }
  });

  it('stops counting once the recording is disposed', async () => {
    const api = await activatePostdesk();
    const uri = fixture('_posts', '2021-08-02-not-counted.md');
    post = uri;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('---\ntitle: Not counted\ndate: 2021-08-02\n---\n\nText.\n'));
    const recording = api.analyses.record();
    recording.dispose();
    const editor = await vscode.window.showTextDocument(uri, { preview: false });
    await editor.edit((edit) => edit.insert(new vscode.Position(5, 0), 'More. '));
    await waitFor(() => api.index.get(uri)?.fromOpenEditor === true, 'the index to take the edit');
    assert.equal(recording.total, 0);
    await revertToDisk(editor.document);
  });
});
