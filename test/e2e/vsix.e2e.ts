// The VSIX as a user installs it: `npm run package` output installed with
// `code-server --install-extension` into a throw-away extensions dir of a
// separate real VS Code (not loaded from the working tree), then the Posts
// view, the preview and the Problems panel checked in the workbench.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { onCleanup } from '../harness/cleanup';
import { packageVsix } from '../../scripts/package';
import { startHost, type TestHost } from '../harness/session';
import { assertPostsViewLists, assertSeedProblems, openSeedPreview, previewText, SEED_TITLE } from './shipChecks';
import { openWorkbench, type Workbench } from './workbench';

describe('Postdesk installed from its VSIX', function () {
  this.timeout(240_000);
  let host: TestHost | undefined;
  let wb: Workbench | undefined;

  before(async () => {
    // Packaged in a folder of its own: the unit tests may be packaging at the same time.
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-vsix-e2e-'));
    onCleanup(() => fs.rmSync(scratch, { recursive: true, force: true }));
    const { file, problems } = packageVsix({ quiet: true, stagingDir: path.join(scratch, 'staging'), out: path.join(scratch, 'postdesk.vsix') });
    assert.deepEqual(problems, [], `npm run package found problems in ${path.basename(file)}`);
    host = await startHost({ installExtensions: [file] });
    // No extensionDevelopmentPath: the only Postdesk in this window is the installed one.
    wb = await openWorkbench({ host, extensionDevelopmentPath: false });
  });

  after(async () => {
    await wb?.close();
    await host?.stop();
  });

  it('lists the installed extension', async () => {
    await wb!.clickActivityBar('Extensions');
    const installed = wb!.page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Postdesk' }).first();
    await installed.waitFor({ timeout: 30_000 });
    // A development extension would make this an "[Extension Development Host]" window.
    assert.doesNotMatch(await wb!.page.title(), /Extension Development Host/);
    await wb!.screenshot('vsix-extensions');
  });

  it('shows the Posts view', async () => {
    await assertPostsViewLists(wb!);
    await wb!.screenshot('vsix-posts-view');
  });

  it('previews the seed article', async () => {
    await openSeedPreview(wb!);
    assert.match(await previewText(wb!), new RegExp(SEED_TITLE));
    await wb!.screenshot('vsix-preview');
  });

  it("shows the seed's findings in the Problems panel", async () => {
    await assertSeedProblems(wb!);
    await wb!.screenshot('vsix-problems');
  });
});
