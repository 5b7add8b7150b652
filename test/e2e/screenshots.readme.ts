// The README's screenshots, taken from the real workbench on the sample site
// in the light and dark default themes: the Posts view, the preview and the
// Problems panel. Saved as test-results/e2e/readme-*.png; `npm run
// screenshots` runs this file and copies them to docs/images/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { problemRows } from './shipChecks';
import { E2E_RESULTS, openWorkbench, type TreeRow, type Workbench } from './workbench';

const FIXTURE = 'sample';
const THEMES = { light: 'Light Modern', dark: 'Dark Modern' } as const;
const VIEWPORT = { width: 1200, height: 720 };

/** Posts of the opened site on disk, relative paths with their text. */
function posts(folder: string): { file: string; text: string }[] {
  return fs
    .readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.md') && !d.parentPath.includes('node_modules') && d.name !== 'README.md')
    .map((d) => ({ file: path.relative(folder, path.join(d.parentPath, d.name)), text: fs.readFileSync(path.join(d.parentPath, d.name), 'utf8') }))
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** The scraped article: no front matter, and a line holding only "Advertisement". */
function scrapedArticle(folder: string): string {
  const found = posts(folder).find((p) => !p.text.startsWith('---') && !p.text.startsWith('+++') && /^Advertisement\s*$/m.test(p.text));
  assert.ok(found, 'the site has the seed article (no front matter, stray "Advertisement" lines)');
  return path.basename(found.file);
}

/** A published post with an image, to show the preview at its best. */
function illustratedPost(folder: string): string {
  const candidates = posts(folder).filter((p) => /^date:/m.test(p.text) && /!\[[^\]]*\]\(/.test(p.text) && !/^draft:\s*true/m.test(p.text));
  return path.basename((candidates[candidates.length - 1] ?? posts(folder)[0]!).file);
}

async function save(wb: Workbench, name: string, clip?: { x: number; y: number; width: number; height: number }): Promise<void> {
  fs.mkdirSync(E2E_RESULTS, { recursive: true });
  // No hover tooltip in the picture; let animations (tree expansion, the panel sliding in) settle.
  await wb.page.mouse.move(24, VIEWPORT.height - 200); // the empty middle of the activity bar
  await wb.page.waitForTimeout(800);
  await wb.page.screenshot({ path: path.join(E2E_RESULTS, `readme-${name}.png`), clip });
}

/** Runs a palette command, then moves the pointer off the spot where the palette row was (a tab's close button lies below it). */
async function command(wb: Workbench, title: string): Promise<void> {
  await wb.runCommand(title);
  await wb.page.mouse.move(24, VIEWPORT.height - 200);
}


/** Rows of the Posts view once `ready` holds (children render a moment after a group expands). */
async function rowsWhen(wb: Workbench, ready: (rows: TreeRow[]) => boolean): Promise<TreeRow[]> {
  const deadline = Date.now() + 15_000;
  let rows = await wb.treeRows();
  while (!ready(rows) && Date.now() < deadline) {
    await wb.page.waitForTimeout(200);
    rows = await wb.treeRows();
  }
  return rows;
}

for (const [theme, colorTheme] of Object.entries(THEMES)) {
  describe(`README screenshots, ${theme} theme`, function () {
    this.timeout(180_000);
    let wb: Workbench;

    before(async () => {
      wb = await openWorkbench({
        fixture: FIXTURE,
        viewport: VIEWPORT,
        settings: { 'editor.minimap.enabled': false, 'workbench.editor.enablePreview': false },
      });
      // code-server's web workbench does not apply workbench.colorTheme from
      // settings files at startup; pick the theme as an author does.
      await wb.selectColorTheme(colorTheme);
      await wb.page.mouse.move(24, VIEWPORT.height - 200);
    });

    after(async () => {
      await wb?.close();
    });

    it('the Posts view with the newest year open', async () => {
      await wb.openPostdeskView();
      // The first window of a fresh server takes longest to index the site.
      await wb.treeRow(/^\d{4} · \d+$/).waitFor({ timeout: 60_000 });
      await wb.widenSideBar(430);
      const year = (await wb.treeRows()).find((r) => r.level === 1 && /^\d{4} · \d+$/.test(r.label));
      assert.ok(year, 'a year group');
      await wb.expandTreeRow(year.label);
      const month = (await rowsWhen(wb, (rows) => rows.some((r) => r.level === 2))).find((r) => r.level === 2 && r.expanded === false);
      if (month) await wb.expandTreeRow(month.label);
      const post = (await rowsWhen(wb, (rows) => rows.some((r) => r.level === 3 && r.expanded === undefined))).find((r) => r.level === 3 && r.expanded === undefined);
      assert.ok(post, 'a post under the newest month');
      await wb.treeRow(post.label).click();
      await wb.activeTab().waitFor({ timeout: 15_000 });
      await save(wb, `posts-view-${theme}`, { x: 0, y: 0, width: 960, height: 600 });
    });

    it('the preview beside the editor', async () => {
      await wb.quickOpen(illustratedPost(wb.folder!));
      await command(wb, 'View: Toggle Primary Side Bar Visibility'); // room for the editor and the preview
      await command(wb, 'Postdesk: Open Preview to the Side');
      await wb.webview().locator('#postdesk-body p').first().waitFor({ timeout: 30_000 });
      await save(wb, `preview-${theme}`);
      await command(wb, 'View: Toggle Primary Side Bar Visibility');
    });

    it("the Problems panel with the scraped article's findings", async () => {
      await command(wb, 'View: Close All Editors'); // the article alone, full width
      const article = scrapedArticle(wb.folder!);
      await wb.quickOpen(article);
      await problemRows(wb);
      // Only the article's findings, next to their squiggles.
      await wb.page.locator('.markers-panel-action-filter input, .viewpane-filter input').first().fill(article);
      const deadline = Date.now() + 30_000;
      let rows = await problemRows(wb);
      while (rows.filter((r) => r.level === 2).length < 3 && Date.now() < deadline) {
        await wb.page.waitForTimeout(300);
        rows = await problemRows(wb);
      }
      assert.ok(rows.some((r) => /stray-marker/.test(r.text)), JSON.stringify(rows.map((r) => r.text)));
      await wb.activeTab(article).click(); // focus back in the editor: no selected row in the panel
      await save(wb, `problems-${theme}`);
    });
  });
}
