// Workspace trust: in Restricted Mode (an untrusted folder, workspace trust
// on) Postdesk still lists, previews and checks posts, but the workspace's
// `postdesk.preview.styles` stylesheet is not loaded. The same folder opened
// trusted is the control: there the stylesheet is applied, so the test would
// notice if the check went wrong in either direction.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startHost, type TestHost } from '../harness/session';
import { assertPostsViewLists, assertSeedProblems, openSeedPreview } from './shipChecks';
import { openWorkbench, type Workbench } from './workbench';

const STYLESHEET = 'preview-custom.css';
const MARK = 'rgb(1, 2, 3)';
const SETTINGS = { 'postdesk.preview.styles': [STYLESHEET] };

/** What the page-side code reads (no DOM types in this Node project). */
interface PageGlobals {
  getComputedStyle(element: unknown): { backgroundColor: string };
  document: { body: unknown; querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null }> };
}

async function writeStylesheet(wb: Workbench): Promise<void> {
  fs.writeFileSync(path.join(wb.folder!, STYLESHEET), `body { background-color: ${MARK} !important; }\n`);
}

/** The preview page's stylesheet links and body background. */
async function previewStyles(wb: Workbench): Promise<{ links: string[]; background: string }> {
  return wb
    .webview()
    .locator('body')
    .evaluate((body) => {
      const page = globalThis as unknown as PageGlobals;
      const links = Array.from(page.document.querySelectorAll('link[rel="stylesheet"]')).map((l) => l.getAttribute('href') ?? '');
      return { links, background: page.getComputedStyle(body).backgroundColor };
    });
}

describe('Workspace trust', function () {
  this.timeout(240_000);

  describe('a trusted folder (control)', () => {
    let wb: Workbench | undefined;
    before(async () => {
      wb = await openWorkbench({ settings: SETTINGS });
      await writeStylesheet(wb);
    });
    after(async () => wb?.close());

    it('applies postdesk.preview.styles to the preview', async () => {
      await openSeedPreview(wb!);
      const deadline = Date.now() + 15_000;
      let styles = await previewStyles(wb!);
      while (styles.background !== MARK && Date.now() < deadline) {
        await wb!.page.waitForTimeout(250);
        styles = await previewStyles(wb!);
      }
      assert.ok(styles.links.some((href) => href.includes(STYLESHEET)), JSON.stringify(styles.links));
      assert.equal(styles.background, MARK);
    });
  });

  describe('an untrusted folder (Restricted Mode)', () => {
    let host: TestHost | undefined;
    let wb: Workbench | undefined;
    before(async () => {
      host = await startHost({
        workspaceTrust: true,
        // Open untrusted folders in Restricted Mode without the modal prompt, and say so in a banner.
        settings: { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'always' },
      });
      wb = await openWorkbench({ host, settings: SETTINGS });
      await writeStylesheet(wb);
    });
    after(async () => {
      await wb?.close();
      await host?.stop();
    });

    it('is in Restricted Mode', async () => {
      await wb!.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 30_000 });
    });

    it('still lists the posts', async () => {
      await assertPostsViewLists(wb!);
    });

    it('still checks the posts', async () => {
      await wb!.quickOpen('scraped article.md');
      await assertSeedProblems(wb!);
    });

    it('previews without the workspace stylesheet', async () => {
      await openSeedPreview(wb!);
      const styles = await previewStyles(wb!);
      await wb!.screenshot('trust-restricted-preview');
      assert.ok(!styles.links.some((href) => href.includes(STYLESHEET)), JSON.stringify(styles.links));
      assert.notEqual(styles.background, MARK);
      assert.ok(styles.links.some((href) => href.includes('preview.css')), 'the preview still has its own stylesheet');
    });
  });
});
