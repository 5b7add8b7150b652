// The preview's header as the site's (#17): a Hugo bundle post with every
// header field (test/fixtures/sites/header-hugo): cover from `images`,
// categories, title, description, draft badge, date, three authors, stats,
// URL, tags. Screenshots in the dark, light and high-contrast themes:
// test-results/e2e/preview-header-{dark,light,hc}.png. A second post names a
// cover that does not exist: the header shows it missing, with its path.
import * as assert from 'node:assert/strict';
import { openWorkbench, type Workbench } from './workbench';

const FRAME_TIMEOUT = 30_000;

describe('Preview header with every field in the workbench', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({ fixture: 'sites/header-hugo', viewport: { width: 1400, height: 900 } });
  });

  after(async () => {
    await wb?.close();
  });

  it('shows the cover, categories, description, authors and tags, drawn apart, in every theme', async () => {
    await wb.quickOpen('index.md');
    await wb.runCommand('Postdesk: Open Preview to the Side');
    const frame = wb.webview();
    const cover = frame.locator('.postdesk-cover-image');
    await cover.waitFor({ timeout: FRAME_TIMEOUT });
    // The bundle's image loaded through the webview's resource URL: it has a size.
    const naturalWidth = () => cover.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
    for (let attempt = 0; attempt < 100 && (await naturalWidth()) === 0; attempt++) await wb.page.waitForTimeout(100);
    assert.ok((await naturalWidth()) > 0, 'the cover image loaded');
    assert.equal(await frame.locator('.postdesk-cover-missing').count(), 0);
    assert.equal(await frame.locator('.postdesk-title').innerText(), 'A post with every header field');
    assert.match(await frame.locator('.postdesk-description').innerText(), /^The lead paragraph the site shows under the title/);
    assert.equal(await frame.locator('.postdesk-author').innerText(), 'by Ada Lovelace, Grace Hopper and Margaret Hamilton');
    assert.deepEqual(await frame.locator('.postdesk-category').allTextContents(), ['Engineering', 'Releases']);
    assert.deepEqual((await frame.locator('.postdesk-tag').allTextContents()).map((t) => t.replace(/^#/, '')), ['preview', 'header', 'hugo']);
    assert.ok((await frame.locator('.postdesk-badge').count()) === 1, 'the draft badge');
    assert.match(await frame.locator('.postdesk-url').innerText(), /^https:\/\/example\.org\//);
    // The workbench opens in its default light theme; the webview follows a theme change live.
    await wb.screenshot('preview-header-light');
    await wb.selectColorTheme('Dark Modern');
    await wb.screenshot('preview-header-dark');
    await wb.selectColorTheme('Dark High Contrast');
    await wb.screenshot('preview-header-hc');
  });

  it('shows a cover that does not load as missing, with its path', async () => {
    await wb.quickOpen('missing-cover.md');
    const frame = wb.webview();
    const missing = frame.locator('.postdesk-cover-missing');
    await missing.waitFor({ timeout: FRAME_TIMEOUT });
    assert.equal(await frame.locator('.postdesk-title').innerText(), 'A post whose cover is not there');
    assert.match(await missing.innerText(), /no-such-cover\.png$/);
    assert.equal(await frame.locator('.postdesk-cover-image').count(), 0);
    await wb.screenshot('preview-header-missing-cover');
  });
});
