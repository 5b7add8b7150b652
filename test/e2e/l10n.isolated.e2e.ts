// Localisation end to end: VS Code in German (a language pack for `de` and
// `--locale de`) loads Postdesk's package.nls.de.json and
// l10n/bundle.l10n.de.json, and the Posts view writes its dates in German.
// VS Code's own UI stays English here: the language pack is a stand-in that
// translates nothing of VS Code (the real one comes from the Marketplace),
// but it makes German the display language, which is all Postdesk looks at.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { onCleanup } from '../harness/cleanup';
import { REPO_ROOT } from '../harness/paths';
import { startHost, type TestHost } from '../harness/session';
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
  let dir: string;
  let host: TestHost | undefined;
  let wb: Workbench | undefined;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-l10n-'));
    onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
    const pack = germanLanguagePack(dir);
    host = await startHost({ locale: 'de' });
    wb = await openWorkbench({ host });
    // Installed through the running server (Install from VSIX…), which records
    // the pack in its languagepacks.json; then a reload starts the workbench in German.
    // The Extensions commands register a little after the window shows: retry for a while.
    for (let attempt = 1; ; attempt++) {
      try {
        await wb.runCommand('Extensions: Install from VSIX...');
        break;
      } catch (error) {
        if (attempt === 4) throw error;
        await wb.page.waitForTimeout(5_000);
      }
    }
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 15_000 });
    await input.fill(pack);
    // The simple file dialog must have listed the folder before it accepts the
    // path: an Enter typed earlier is lost (seen when other windows were open).
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'language-pack-de.vsix' }).first().waitFor({ timeout: 15_000 });
    await wb.page.locator('.quick-input-widget .monaco-button', { hasText: /^Install$/ }).first().click();
    // The toast is added on an animation frame, and this headless page (one of
    // several windows in the run's browser) may get none until something paints
    // it: a screenshot does, so wait with one every second.
    const toast = wb.page.locator('.notification-toast', { hasText: /Completed installing/ });
    for (let waited = 0; (await toast.count()) === 0; waited++) {
      if (waited === 60) throw new Error('the language pack was not installed within 60 s');
      await wb.page.screenshot({ path: path.join(dir, 'installing.png') });
      await wb.page.waitForTimeout(1_000);
    }
    await wb.page.reload();
    await wb.page.locator('.activitybar .action-item').first().waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await wb?.close();
    await host?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('names the view and its groups in German, with German month names and dates', async () => {
    await wb!.clickActivityBar('Postdesk');
    await wb!.treeRow(/^2019 · \d+$/, 'Beiträge').waitFor({ timeout: 60_000 });
    const top = (await wb!.treeRows('Beiträge')).filter((r) => r.level === 1).map((r) => r.label);
    for (const group of [/^Entwürfe · 2$/, /^Geplant · 1$/, /^Undatiert · \d+$/]) assert.ok(top.some((l) => group.test(l)), `${group} among ${JSON.stringify(top)}`);
    await wb!.expandTreeRow(/^2019 · /, 'Beiträge');
    await wb!.treeRow(/^Februar · /, 'Beiträge').waitFor({ timeout: 15_000 });
    await wb!.expandTreeRow(/^Februar · /, 'Beiträge');
    const title = 'A Guide: How to Build Your Very Own Magic Mirror';
    await wb!.treeRow(title, 'Beiträge').waitFor({ timeout: 15_000 });
    const row = (await wb!.treeRows('Beiträge')).find((r) => r.label === title);
    assert.equal(row?.description, '14. Februar 2019');
    await wb!.screenshot('l10n-posts-view-de');
  });

  it('titles its commands and writes its messages in German', async () => {
    await wb!.runCommand('Postdesk: Alle Beiträge prüfen');
    await wb!.notification(/Postdesk hat \d+ Beiträge geprüft/);
    await wb!.screenshot('l10n-check-de');
  });
});
