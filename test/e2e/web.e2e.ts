// The web extension (vscode.dev / github.dev) in the web-worker extension
// host of the same real VS Code: a temporary copy of Postdesk whose manifest
// has only `browser` (no `main`) is loaded as the development extension, so
// VS Code can only run dist/web/extension.js, in the browser's web worker.
// The Posts view, the preview and the diagnostics must work there.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { onCleanup } from '../harness/cleanup';
import { REPO_ROOT } from '../harness/paths';
import { assertPostsViewLists, assertSeedProblems, openSeedPreview, previewText, SEED_TITLE } from './shipChecks';
import { openWorkbench, type Workbench } from './workbench';

/** What the web copy holds: the manifest and strings, the web bundle, the preview page, media, grammar, schema. */
const WEB_FILES = ['package.nls.json', 'package.nls.de.json', 'l10n', 'dist/web/extension.js', 'dist/webview/preview.js', 'media', 'syntaxes', 'schemas'];

function webOnlyCopy(): { dir: string; dispose: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-web-extension-'));
  const dispose = () => fs.rmSync(dir, { recursive: true, force: true });
  const unregister = onCleanup(dispose);
  for (const file of WEB_FILES) {
    const from = path.join(REPO_ROOT, file);
    if (!fs.existsSync(from)) throw new Error(`${file} is missing: build first (npm run test:e2e builds).`);
    fs.cpSync(from, path.join(dir, file), { recursive: true });
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  delete manifest.main; // the Node extension host only runs extensions with `main`
  assert.equal(manifest.browser, './dist/web/extension.js');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  return {
    dir,
    dispose: () => {
      unregister();
      dispose();
    },
  };
}

describe('Postdesk in the web-worker extension host', function () {
  this.timeout(180_000);
  let copy: { dir: string; dispose: () => void } | undefined;
  let wb: Workbench | undefined;

  before(async () => {
    copy = webOnlyCopy();
    wb = await openWorkbench({ extensionDevelopmentPath: copy.dir });
  });

  after(async () => {
    await wb?.close();
    copy?.dispose();
  });

  it('lists the posts in the Posts view', async () => {
    await assertPostsViewLists(wb!);
    await wb!.expandTreeRow(/^2019 · /);
    await wb!.screenshot('web-posts-view');
  });

  it('previews the seed article', async () => {
    await openSeedPreview(wb!);
    assert.match(await previewText(wb!), new RegExp(SEED_TITLE));
  });

  it("reports the seed's findings", async () => {
    await assertSeedProblems(wb!);
    await wb!.screenshot('web-worker');
  });

  it('runs in the web worker, not in the Node extension host', async () => {
    // The running-extensions editor names the host each extension runs in.
    await wb!.runCommand('Developer: Show Running Extensions');
    const list = wb!.page.locator('.runtime-extensions-editor .monaco-list');
    const row = wb!.page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'Postdesk' }).first();
    await list.waitFor({ timeout: 30_000 });
    // The list draws only the rows in view, ordered by activation: scroll until Postdesk's row is drawn.
    for (let scrolls = 0; !(await row.isVisible()); scrolls++) {
      if (scrolls === 40) throw new Error('Postdesk is not among the running extensions');
      await list.hover();
      await wb!.page.mouse.wheel(0, 200);
      await wb!.page.waitForTimeout(250);
    }
    await row.scrollIntoViewIfNeeded();
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    await wb!.screenshot('web-running-extensions');
    // VS Code labels an extension running in the web worker host "web worker"; remote ones carry the server's address.
    assert.match(text, /web worker/i, text);
    assert.doesNotMatch(text, /127\.0\.0\.1/, text);
  });
});
