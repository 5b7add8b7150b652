// Localisation end to end: VS Code in German (a language pack for `de` and
// `--locale de`) loads Postdesk's package.nls.de.json and
// l10n/bundle.l10n.de.json, and the Posts view and the preview write dates in German.
// VS Code's own UI stays English here: the language pack is a stand-in that
// translates nothing of VS Code (the real one comes from the Marketplace),
// but it makes German the display language, which is all Postdesk looks at.
// The pack is installed before the server starts (`--install-extension`, and
// the harness records it in languagepacks.json as the server would), so the
// first window is already German: no dialog, no reload, and nothing changes
// under the other tests of the run, which use the run's shared server.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { onCleanup } from '../harness/cleanup';
import { REPO_ROOT } from '../harness/paths';
import { startHost, type TestHost } from '../harness/session';
import { assertSeedProblems, SEED } from './shipChecks';
import { openWorkbench, type Workbench } from './workbench';

/** Packages a minimal language pack for German into a VSIX in `dir`. */
function germanLanguagePack(dir: string): string {
  const source = path.join(dir, 'language-pack-de');
  fs.mkdirSync(path.join(source, 'translations'), { recursive: true });
  fs.writeFileSync(
    path.join(source, 'package.json'),
    JSON.stringify({
      name: 'postdesk-test-language-pack-de',
      displayName: 'German display language for the Postdesk tests',
      description: 'Makes German the display language; translates nothing of VS Code.',
      publisher: 'postdesk-test',
      version: '0.0.1',
      license: 'MIT',
      engines: { vscode: '^1.90.0' },
      categories: ['Language Packs'],
      contributes: {
        localizations: [{ languageId: 'de', languageName: 'German', localizedLanguageName: 'Deutsch', translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] }],
      },
    }),
  );
  fs.writeFileSync(path.join(source, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
  const vsix = path.join(dir, 'language-pack-de.vsix');
  const vsce = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix], { cwd: source, stdio: 'pipe' });
  return vsix;
}

describe('Postdesk in German', function () {
  this.timeout(180_000);
  let dir: string | undefined;
  let host: TestHost | undefined;
  let wb: Workbench | undefined;

  before(async () => {
    const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-l10n-'));
    dir = packDir;
    onCleanup(() => fs.rmSync(packDir, { recursive: true, force: true }));
    host = await startHost({ locale: 'de', installExtensions: [germanLanguagePack(dir)] });
    wb = await openWorkbench({ host });
    // The page's display language, set by the messages script the server generated
    // from the pack: if this is not German, the strings checked below cannot be.
    assert.equal(await wb.page.evaluate('globalThis._VSCODE_NLS_LANGUAGE'), 'de', 'the workbench did not start in German: the language pack was not picked up');
  });

  after(async () => {
    await wb?.close();
    await host?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('names the view and its groups in German, with German month names and dates', async () => {
    await wb!.clickActivityBar('Postdesk');
    await wb!.widenSideBar(520);
    await wb!.treeRow(/^2020 · \d+$/, 'Beiträge').waitFor({ timeout: 60_000 });
    const top = (await wb!.treeRows('Beiträge')).filter((r) => r.level === 1).map((r) => r.label);
    for (const group of [/^Entwürfe · 2$/, /^Geplant · 1$/, /^Undatiert · \d+$/]) assert.ok(top.some((l) => group.test(l)), `${group} among ${JSON.stringify(top)}`);
    await wb!.expandTreeRow(/^2020 · /, 'Beiträge');
    await wb!.expandTreeRow(/^November · /, 'Beiträge');
    const boxer = 'Tips for becoming a good boxer';
    await wb!.treeRow(boxer, 'Beiträge').waitFor({ timeout: 15_000 });
    assert.equal((await wb!.treeRows('Beiträge')).find((r) => r.label === boxer)?.description, '6. November 2020');
    await wb!.expandTreeRow(/^2019 · /, 'Beiträge');
    await wb!.expandTreeRow(/^Februar · /, 'Beiträge');
    const mirror = 'A Guide: How to Build Your Very Own Magic Mirror';
    await wb!.treeRow(mirror, 'Beiträge').waitFor({ timeout: 15_000 });
    assert.equal((await wb!.treeRows('Beiträge')).find((r) => r.label === mirror)?.description, '14. Februar 2019');
    await wb!.screenshot('l10n-posts-view-de');
  });

  it('titles its commands and writes its messages in German', async () => {
    await wb!.runCommand('Postdesk: Alle Beiträge prüfen');
    await wb!.notification(/Postdesk hat \d+ Beiträge geprüft/);
    await wb!.screenshot('l10n-check-de');
  });

  it('words the problems and quick fixes of the seed in German', async () => {
    // The rule ids and lines are checked by assertSeedProblems; the words here.
    const [missing, firstMarker, secondMarker] = await assertSeedProblems(wb!);
    assert.match(missing!.text, /Dieser Beitrag hat kein Datum/);
    for (const row of [firstMarker!, secondMarker!]) assert.match(row.text, /Übrig gebliebene Zeile „Advertisement“/);
    await wb!.screenshot('l10n-problems-de');
    await wb!.quickOpen(SEED);
    await wb!.goToLine(3);
    const items = await wb!.quickFixes();
    for (const expected of ['Zeile mit übrig gebliebener Markierung entfernen', 'Alle 2 übrig gebliebenen Markierungen in dieser Datei entfernen']) {
      assert.ok(items.some((item) => item.includes(expected)), `${expected} in ${JSON.stringify(items)}`);
    }
    await wb!.screenshot('l10n-quick-fix-de');
    await wb!.page.keyboard.press('Escape');
  });

  it('titles, dates and counts the preview in German', async () => {
    // From the tree: Quick Open would also offer the build output's copy in _site/.
    await wb!.treeRow('Tips for becoming a good boxer', 'Beiträge').click();
    await wb!.activeTab('2020-11-06-boxer-tips.md').waitFor({ timeout: 15_000 });
    await wb!.runCommand('Postdesk: Vorschau an der Seite öffnen');
    const frame = wb!.webview();
    await frame.locator('.postdesk-title', { hasText: 'Tips for becoming a good boxer' }).waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('.postdesk-date').innerText(), '6. November 2020');
    // The panel's title comes from the l10n bundle too.
    await wb!.page.locator('.tabs-container .tab', { hasText: /^Vorschau / }).first().waitFor({ timeout: 10_000 });
    assert.match(await frame.locator('.postdesk-stats').innerText(), /^\d+ Wörter · \d+ Min\. Lesezeit$/);
    await wb!.page.mouse.move(5, 700); // no tab tooltip left under the pointer in the picture
    await wb!.screenshot('l10n-preview-de');
  });
});
