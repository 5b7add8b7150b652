// The engine's messages and fix titles as the editor shows them. The test host
// runs in English, so this checks the presentation path end to end in
// English: what the Problems panel and the quick fix menu show is exactly
// the engine's text, filled from its catalogue template by vscode.l10n.t
// (the German side is checked against the bundle in the unit tests and by
// the German e2e test).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analyze, DEFAULT_CONFIG, formatMessage } from '../../src/core';
import { findingMessage, fixTitle } from '../../src/common/localize';
import { activatePostdesk, BROKEN_YAML_POST, closeAllEditors, fixture, postdeskDiagnostics, SEED, SEED_FINDINGS, waitForSummary } from './diagnostics.helpers';

describe('Engine messages in the editor', function () {
  this.timeout(60_000);

  before(async () => {
    await activatePostdesk();
  });

  afterEach(async () => {
    await closeAllEditors();
  });

  it('shows the seed article\'s problems in the engine\'s exact words', async () => {
    const document = await vscode.workspace.openTextDocument(fixture(...SEED));
    await vscode.window.showTextDocument(document);
    await waitForSummary(document.uri, SEED_FINDINGS);
    const shown = postdeskDiagnostics(document.uri)
      .sort((a, b) => a.range.start.line - b.range.start.line)
      .map((diagnostic) => diagnostic.message);
    assert.deepEqual(shown, [
      'This post has no date: add front matter with a `date: YYYY-MM-DD` field (or start the file name with YYYY-MM-DD-).',
      'Stray "Advertisement" line, left over from a copied web page: remove it.',
      'Stray "Advertisement" line, left over from a copied web page: remove it.',
    ]);
  });

  it('titles the quick fixes in the engine\'s exact words', async () => {
    const document = await vscode.workspace.openTextDocument(fixture(...SEED));
    await vscode.window.showTextDocument(document);
    await waitForSummary(document.uri, SEED_FINDINGS);
    const titlesAt = async (line: number): Promise<string[]> => {
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider', document.uri, document.lineAt(line).range, vscode.CodeActionKind.QuickFix.value,
      );
      return actions.map((action) => action.title);
    };
    assert.deepEqual(await titlesAt(2), ['Remove stray marker line', 'Remove all 2 stray markers in this file', 'Disable stray-marker for this file']);
    const first = await titlesAt(0);
    assert.match(first[0] ?? '', /^Insert today's date \(\d{4}-\d{2}-\d{2}\) into a new front matter block$/, JSON.stringify(first));
  });

  it('shows a front matter problem as the parser wrapped it', async () => {
    const document = await vscode.workspace.openTextDocument(fixture(...BROKEN_YAML_POST));
    await vscode.window.showTextDocument(document);
    await waitForSummary(document.uri, ['front-matter@1']);
    const expected = analyze({ path: document.uri.path, text: document.getText() }, DEFAULT_CONFIG).findings[0];
    assert.ok(expected.messageTemplate, 'the engine gives the template');
    assert.equal(postdeskDiagnostics(document.uri)[0].message, expected.message);
    assert.match(expected.message, /^YAML: /);
  });

  it('translates through vscode.l10n.t: named placeholders are filled as the engine fills them', () => {
    const template = { id: 'replaceDateWith', template: 'Replace with {date}', args: { date: '2020-11-06' } };
    assert.equal(fixTitle({ title: 'Replace with 2020-11-06', titleTemplate: template }), formatMessage(template.template, template.args));
    assert.equal(fixTitle({ title: 'Replace with 2020-11-06', titleTemplate: template }), 'Replace with 2020-11-06');
    // Without a template (text worded outside the catalogue) the message is shown as it is.
    assert.equal(findingMessage({ message: 'As {it} is.' }), 'As {it} is.');
  });
});
