// Quick fixes, fix-all and hovers in the real extension host: each fix gives
// the expected text, one undo restores the original, CRLF files stay CRLF.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activatePostdesk, CLEAN_POST, closeAllEditors, CRLF_POST, fixture, FILENAME_DATE_POST, IMPOSSIBLE_DATE_POST, revertAndClose, SEED, SEED_FINDINGS, setSetting,
  SLASH_DATE_POST, summary, waitFor, waitForSummary,
} from './diagnostics.helpers';


async function open(segments: string[]): Promise<{ document: vscode.TextDocument; editor: vscode.TextEditor; original: string }> {
  const document = await vscode.workspace.openTextDocument(fixture(...segments));
  const editor = await vscode.window.showTextDocument(document);
  return { document, editor, original: document.getText() };
}

async function quickFixes(document: vscode.TextDocument, line: number): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider', document.uri, document.lineAt(line).range, vscode.CodeActionKind.QuickFix.value,
  );
  return actions.filter((action): action is vscode.CodeAction => 'kind' in action && action.edit !== undefined);
}

async function applyAction(actions: vscode.CodeAction[], title: RegExp): Promise<vscode.CodeAction> {
  const action = actions.find((candidate) => title.test(candidate.title));
  assert.ok(action?.edit, `a quick fix matching ${title} among ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
  return action;
}

/** One undo in the active editor must bring back the original text. */
async function undoOnceRestores(document: vscode.TextDocument, original: string): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('undo');
  assert.equal(document.getText(), original, 'one undo restores the original text');
}

function withoutLines(text: string, eol: string, lines: number[]): string {
  return text.split(eol).filter((_line, index) => !lines.includes(index)).join(eol);
}

function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

describe('Quick fixes', function () {
  this.timeout(60_000);

  before(async () => {
    await activatePostdesk();
  });

  afterEach(async () => {
    for (const document of vscode.workspace.textDocuments) if (document.isDirty) await revertAndClose(document);
    await closeAllEditors();
  });

  it('removes one stray marker (the preferred fix), and one undo restores it', async () => {
    const { document, original } = await open(SEED);
    await waitForSummary(document.uri, SEED_FINDINGS);
    const actions = await quickFixes(document, 2);
    const preferred = actions.filter((action) => action.isPreferred);
    assert.equal(preferred.length, 1, 'exactly one preferred fix');
    assert.match(preferred[0].title, /remove/i);
    await applyAction(actions, new RegExp(`^${preferred[0].title}$`));
    assert.equal(document.getText(), withoutLines(original, '\n', [2]));
    await waitForSummary(document.uri, ['missing-date@0', 'stray-marker@8']);
    await undoOnceRestores(document, original);
  });

  it('removes all stray markers of the file in one step', async () => {
    const { document, original } = await open(SEED);
    // Quick fixes answer diagnostics: wait until the reopened document has its own.
    await waitForSummary(document.uri, SEED_FINDINGS);
    await applyAction(await quickFixes(document, 9), /all 2/i);
    assert.equal(document.getText(), withoutLines(original, '\n', [2, 9]));
    await waitForSummary(document.uri, ['missing-date@0']);
    await undoOnceRestores(document, original);
  });

  it("creates the front matter with today's date when the post has none", async () => {
    const { document, original } = await open(SEED);
    // Quick fixes answer diagnostics: wait until the reopened document has its own.
    await waitForSummary(document.uri, SEED_FINDINGS);
    await applyAction(await quickFixes(document, 0), /today/i);
    assert.equal(document.getText(), `---\ndate: ${todayIso()}\n---\n${original}`);
    await waitForSummary(document.uri, ['stray-marker@5', 'stray-marker@12']);
    await undoOnceRestores(document, original);
  });

  it('keeps CRLF line endings, in the editor and on disk', async () => {
    const { document, original } = await open(CRLF_POST);
    const bytesBefore = await vscode.workspace.fs.readFile(document.uri);
    try {
      assert.equal(document.eol, vscode.EndOfLine.CRLF);
      await waitForSummary(document.uri, ['stray-marker@9']);
      await applyAction(await quickFixes(document, 9), /remove stray marker/i);
      // The marker line and one of the blank lines around it go; paragraphs stay separated by one blank line.
      assert.equal(document.getText(), withoutLines(original, '\r\n', [9, 10]));
      await document.save();
      const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
      assert.equal(onDisk, withoutLines(original, '\r\n', [9, 10]));
      assert.doesNotMatch(onDisk, /[^\r]\n/, 'no bare LF on disk');
    } finally {
      await vscode.workspace.fs.writeFile(document.uri, bytesBefore);
      // The open document reloads from disk asynchronously; later tests expect the original text.
      await waitFor(() => document.isClosed || document.getText() === original, 'the document to reload the restored file');
    }
  });

  it('inserts the disable comment after the front matter with the file\'s line endings', async () => {
    const { document, original } = await open(CRLF_POST);
    await waitForSummary(document.uri, ['stray-marker@9']);
    await applyAction(await quickFixes(document, 9), /disable stray-marker/i);
    const lines = original.split('\r\n');
    lines.splice(5, 0, '<!-- postdesk-disable stray-marker -->');
    assert.equal(document.getText(), lines.join('\r\n'));
    await waitForSummary(document.uri, []);
    await undoOnceRestores(document, original);
  });

  it('disables a rule at the top of a file without front matter; the other rules still report', async () => {
    const { document, original } = await open(SEED);
    // Quick fixes answer diagnostics: wait until the reopened document has its own.
    await waitForSummary(document.uri, SEED_FINDINGS);
    await applyAction(await quickFixes(document, 2), /disable stray-marker/i);
    assert.equal(document.getText(), `<!-- postdesk-disable stray-marker -->\n${original}`);
    await waitForSummary(document.uri, ['missing-date@0']);
    await undoOnceRestores(document, original);
  });

  it('rewrites an unambiguous invalid date to its normalised form, touching nothing else', async () => {
    const { document, original } = await open(SLASH_DATE_POST);
    await waitForSummary(document.uri, ['invalid-date@2']);
    await applyAction(await quickFixes(document, 2), /^Replace with 2020-11-06$/);
    assert.equal(document.getText(), original.replace('date: 2020/11/06', 'date: 2020-11-06'));
    await waitForSummary(document.uri, []);
  });

  it("offers no rewrite for an impossible date: the file name's date, or disabling the rule", async () => {
    const { document, original } = await open(IMPOSSIBLE_DATE_POST);
    await waitForSummary(document.uri, ['invalid-date@2']);
    const actions = await quickFixes(document, 2);
    assert.deepEqual(actions.map((action) => action.title), ["Use the file name's date (2020-11-06)", 'Disable invalid-date for this file']);
    await applyAction(actions, /file name's date/);
    assert.equal(document.getText(), original.replace('date: 2020-02-30', 'date: 2020-11-06'));
    await waitForSummary(document.uri, []);
  });

  it('provides source.fixAll.postdesk, and editor.codeActionsOnSave removes markers on save', async () => {
    const uri = fixture('_posts', '2021-05-05-fix-on-save.md');
    const text = '---\ntitle: Fix on save\ndate: 2021-05-05\n---\n\nFirst paragraph.\n\nAdvertisement\n\nSecond paragraph.\n**Sponsored**\n';
    const expected = '---\ntitle: Fix on save\ndate: 2021-05-05\n---\n\nFirst paragraph.\n\nSecond paragraph.\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const editorSettings = vscode.workspace.getConfiguration('editor');
    const previous = editorSettings.inspect('codeActionsOnSave')?.workspaceValue;
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(document);
      const fixAll = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider', uri, new vscode.Range(0, 0, 0, 0), vscode.CodeActionKind.SourceFixAll.value,
      );
      assert.deepEqual(fixAll.map((action) => action.kind?.value), ['source.fixAll.postdesk']);
      await editorSettings.update('codeActionsOnSave', { 'source.fixAll.postdesk': 'explicit' }, vscode.ConfigurationTarget.Workspace);
      await editor.edit((edit) => edit.insert(new vscode.Position(5, 0), 'Edited. '));
      await vscode.commands.executeCommand('workbench.action.files.save');
      await waitFor(() => !document.isDirty, 'the save to finish');
      const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      assert.equal(onDisk, expected.replace('First paragraph.', 'Edited. First paragraph.'));
      await waitForSummary(uri, []);
    } finally {
      await editorSettings.update('codeActionsOnSave', previous, vscode.ConfigurationTarget.Workspace);
      await closeAllEditors();
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  });

  it('"Fix All Problems in File" applies the safe fixes in one undoable step', async () => {
    const { document, original } = await open(SEED);
    await vscode.commands.executeCommand('postdesk.fixAllInFile');
    assert.equal(document.getText(), withoutLines(original, '\n', [2, 9]));
    // Today's date is a guess, not a safe fix: the missing date stays reported.
    await waitForSummary(document.uri, ['missing-date@0']);
    await undoOnceRestores(document, original);
  });

  it('fixes with the severity setting respected: an `off` rule offers no quick fix', async () => {
    const { document } = await open(SEED);
    const restore = await setSetting('severity', { 'stray-marker': 'off' });
    try {
      await waitForSummary(document.uri, ['missing-date@0']);
      const titles = (await quickFixes(document, 2)).map((action) => action.title);
      assert.ok(titles.every((title) => !/marker/i.test(title)), JSON.stringify(titles));
    } finally {
      await restore();
    }
  });
});

describe('Date hover', function () {
  this.timeout(30_000);

  before(async () => {
    await activatePostdesk();
  });

  async function hoverText(segments: string[], line: number, character: number): Promise<string> {
    const document = await vscode.workspace.openTextDocument(fixture(...segments));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, character));
    return hovers
      .flatMap((hover) => hover.contents)
      .map((content) => (typeof content === 'string' ? content : content.value))
      .join('\n');
  }

  it('shows how Postdesk reads a front matter date', async () => {
    const text = await hoverText(CLEAN_POST, 2, 8);
    assert.match(text, /Friday, November 6, 2020\*\* · from front matter `date`/);
  });

  it('shows a date taken from the file name on the opening fence', async () => {
    const text = await hoverText(FILENAME_DATE_POST, 0, 1);
    assert.match(text, /Thursday, February 14, 2019\*\* · from the file name/);
  });

  it('explains an unreadable date', async () => {
    const text = await hoverText(IMPOSSIBLE_DATE_POST, 2, 8);
    assert.match(text, /cannot read this date/);
  });

  it('shows nothing away from dates', async () => {
    assert.equal(await hoverText(CLEAN_POST, 1, 3), '');
    assert.equal(summary(fixture(...CLEAN_POST)).length, 0);
  });
});
