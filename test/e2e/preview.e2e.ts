// The article preview as an author sees it in the real workbench: the seed's
// article with its header and marker bands, a click on a band selecting the
// line in the editor, a hostile article that must not run anything or reach
// the network, a link to another post, and the light theme. Screenshots go to
// test-results/e2e/preview-*.png.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { openWorkbench, type Workbench } from './workbench';

const FRAME_TIMEOUT = 30_000;

/** What an article could have changed in the page if anything of it had run. */
interface PageTraces {
  readonly pwned: unknown;
  readonly frontMatterPwned: unknown;
  readonly title: string;
  readonly injected: boolean;
  /** src of each script, or its text when inline (VS Code injects one of its own). */
  readonly scripts: string[];
  readonly imageSources: string[];
  readonly handlers: number;
}

async function traces(frame: FrameLocator): Promise<PageTraces> {
  return frame.locator('html').evaluate(() => {
    // Runs in the webview's frame; typed loosely since this project compiles without the DOM lib.
    const win = globalThis as unknown as {
      __pwned?: unknown;
      __pwnedByFrontMatter?: unknown;
      document: {
        title: string;
        getElementById(id: string): unknown;
        querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null; attributes: ArrayLike<{ name: string }> }>;
      };
    };
    const all = Array.from(win.document.querySelectorAll('*'));
    return {
      pwned: win.__pwned,
      frontMatterPwned: win.__pwnedByFrontMatter,
      title: win.document.title,
      injected: win.document.getElementById('pwned-by-script') !== null,
      scripts: Array.from(win.document.querySelectorAll('script')).map((s) => s.getAttribute('src') ?? (s as unknown as { textContent: string }).textContent),
      imageSources: Array.from(win.document.querySelectorAll('img')).map((i) => i.getAttribute('src') ?? ''),
      handlers: all.filter((e) => Array.from(e.attributes).some((a) => a.name.toLowerCase().startsWith('on'))).length,
    };
  });
}

describe('Article preview in the workbench', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({ viewport: { width: 1400, height: 850 } });
  });

  after(async () => {
    // close() also fails the test if the window tried to reach any host but 127.0.0.1.
    await wb?.close();
  });

  it("previews the seed's article beside its editor, with header and marker bands", async () => {
    await wb.quickOpen('scraped article.md');
    await wb.runCommand('Postdesk: Open Preview to the Side');
    const frame = wb.webview();
    await frame.locator('.postdesk-title').waitFor({ timeout: FRAME_TIMEOUT });
    assert.equal(await frame.locator('.postdesk-title').innerText(), 'US sees progress in Syria talks with Russia, expects meeting soon');
    assert.equal(await frame.locator('.postdesk-badge').innerText(), 'Undated');
    assert.match(await frame.locator('.postdesk-stats').innerText(), /^\d+ words · \d+ min read$/);
    const bands = frame.locator('.postdesk-marker');
    assert.equal(await bands.count(), 2);
    assert.equal(await bands.first().innerText(), 'Advertisement — stray marker, not part of the article');
    assert.match(await frame.locator('#postdesk-body').innerText(), /US sees progress in Syria talks/);
    await wb.page.locator('.tabs-container .tab', { hasText: /^Preview / }).first().waitFor({ timeout: 10_000 });
    await wb.screenshot('preview-seed');
  });

  it('selects the marker line in the editor when its band is clicked', async () => {
    const frame = wb.webview();
    await frame.locator('.postdesk-marker').nth(1).click();
    // The second "Advertisement" is line 10; the whole line (13 characters) gets selected.
    const position = wb.page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first();
    // The status bar shows the cursor only while a text editor is the active one; the preview keeps the
    // focus (in CI once the status bar had no position at all), so the editor's own drawing is read too:
    // its cursor line's number and the selection drawn over line 10's 13 characters.
    const editor = wb.page.locator('.editor-group-container').first();
    const deadline = Date.now() + 10_000;
    let text = '';
    let drawn = false;
    while (Date.now() < deadline && !/Ln 10, Col 14 \(13 selected\)/.test(text) && !drawn) {
      text = (await position.innerText().catch(() => '')).trim();
      const cursorLine = (await editor.locator('.line-numbers.active-line-number').first().innerText().catch(() => '')).trim();
      const selection = (await editor.locator('.view-line', { hasText: /^Advertisement$/ }).count()) > 0 && (await editor.locator('.selected-text').count()) > 0;
      drawn = cursorLine === '10' && selection;
      await wb.page.waitForTimeout(100);
    }
    assert.ok(/Ln 10, Col 14 \(13 selected\)/.test(text) || drawn, `status bar: "${text}"; line 10 selected in the editor: ${drawn}`);
    await wb.screenshot('preview-marker-click');
  });

  it('renders a hostile article without running any of it', async () => {
    await wb.quickOpen('hostile-article.md');
    const frame = wb.webview();
    await frame.locator('.postdesk-title', { hasText: 'Hostile article' }).waitFor({ timeout: FRAME_TIMEOUT });
    // Markup in the title is shown as text.
    assert.match(await frame.locator('.postdesk-title').innerText(), /^<img src=x onerror=.*> Hostile article$/);
    // Give onerror/onload/autofocus/meta refresh every chance to fire.
    await wb.page.waitForTimeout(1500);
    const seen = await traces(frame);
    assert.equal(seen.pwned, undefined, 'no article script ran');
    assert.equal(seen.frontMatterPwned, undefined);
    assert.notEqual(seen.title, 'PWNED');
    assert.equal(seen.injected, false, 'no element was created by the article');
    assert.equal(seen.handlers, 0, 'no inline event handler reached the page');
    // The preview's bundle and the host's own bootstrap: nothing from the article.
    assert.ok(seen.scripts.some((s) => s.endsWith('/dist/webview/preview.js')), JSON.stringify(seen.scripts));
    assert.ok(seen.scripts.every((s) => !/pwned|example\.com/.test(s)), 'no script from the article');
    assert.ok(seen.imageSources.every((src) => !src.includes('example.com')), JSON.stringify(seen.imageSources));
    // (The webview host adds a <style> of its own to the document; the article's part must have none.)
    assert.equal(await frame.locator('#postdesk-body').locator('iframe, object, embed, form, input, svg, style, link, base, meta, script').count(), 0);
    assert.equal(await frame.locator('base, meta[http-equiv="refresh" i], link[href*="example.com"]').count(), 0);
    // The page is still the preview (no meta refresh navigated it away).
    assert.equal(await frame.locator('#postdesk-body').count(), 1);
    assert.equal(await frame.locator('.postdesk-marker').count(), 1);
    await frame.locator('img[alt="a local picture"]').waitFor({ timeout: 10_000 });
    // The policy the page runs under: nothing inline, nothing evaluated, nothing remote without the setting.
    const csp = (await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-[0-9a-f]+'(;|$)/);
    assert.ok(!/unsafe-(eval|inline)/.test(csp), csp);
    assert.ok(!/img-src[^;]*https:(\s|;|$)/.test(csp), `remote images are off by default: ${csp}`);
    await frame.locator('.postdesk-blocked-image', { hasText: 'tracking pixel' }).scrollIntoViewIfNeeded();
    await wb.screenshot('preview-hostile');
  });

  it('opens another post in the editor from a link, and the preview follows it', async () => {
    const frame = wb.webview();
    await frame.locator('a', { hasText: 'link to another post' }).click();
    await wb.activeTab('2019-02-14-magic-mirror.md').waitFor({ timeout: 15_000 });
    await frame.locator('.postdesk-title', { hasText: 'A Guide: How to Build Your Very Own Magic Mirror' }).waitFor({ timeout: FRAME_TIMEOUT });
    assert.equal(await frame.locator('.postdesk-date').innerText(), 'February 14, 2019');
  });

  it('scrolls the preview with the editor, and the editor with the preview', async () => {
    const paragraphs = Array.from({ length: 150 }, (_, i) => `Paragraph ${i + 1}: the trainers talked about footwork, guard and breathing for a long while.`);
    fs.writeFileSync(path.join(wb.folder!, '_posts', '2021-01-01-long-read.md'), `---\ntitle: A long read\ndate: 2021-01-01\n---\n\n${paragraphs.join('\n\n')}\n`);
    // A file created after the window opened: Quick Open's file list may not know it yet, the Posts view does.
    await wb.openPostdeskView();
    const listed = await wb
      .treeRow(/^2021 · \d+$/)
      .waitFor({ timeout: 20_000 })
      .then(
        () => true,
        () => false,
      );
    if (!listed) {
      // Seen twice in ten runs (2026-12-05), once in CI: the view had just revealed the previous post (its
      // year open, its rows not drawn) and took in no new post for 30 s. The picture is kept; then the
      // author's remedy, the view's Refresh button, which must bring the post in.
      await wb.screenshot('preview-scroll-sync-posts-view-stale');
      console.warn('    (the Posts view did not list the new post within 20 s: see preview-scroll-sync-posts-view-stale.png; refreshing it)');
      await wb.page.locator('[id="workbench.parts.sidebar"]').getByRole('button', { name: 'Refresh Posts', exact: true }).click();
    }
    await wb.expandTreeRow(/^2021 · \d+$/);
    await wb.expandTreeRow(/^January · \d+$/);
    await wb.treeRow('A long read').click();
    await wb.activeTab('2021-01-01-long-read.md').waitFor({ timeout: 15_000 });
    const frame = wb.webview();
    await frame.locator('.postdesk-title', { hasText: 'A long read' }).waitFor({ timeout: FRAME_TIMEOUT });
    const previewTop = () => frame.locator('html').evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY);
    const editorTopLine = async () => Math.min(...(await wb.page.locator('.editor-group-container').first().locator('.line-numbers').allInnerTexts()).map(Number).filter((n) => n > 0));
    assert.equal(await previewTop(), 0);

    // The author jumps to the end of the post in the editor: the preview follows.
    await wb.page.locator('.editor-group-container').first().locator('.view-lines').click();
    await wb.page.keyboard.press('Control+End');
    await waitUntil('the preview to scroll with the editor', async () => (await previewTop()) > 500);
    const followed = await previewTop();

    // The author scrolls the preview back up: the editor follows.
    const before = await editorTopLine();
    await wb.page.locator('iframe.webview').first().hover();
    for (let step = 0; step < 10; step++) {
      await wb.page.mouse.wheel(0, -Math.round(followed / 20));
      await wb.page.waitForTimeout(50);
    }
    await waitUntil('the editor to scroll with the preview', async () => (await editorTopLine()) < before - 10);
    await wb.screenshot('preview-scroll-sync');
  });

  it('comes back after the window reloads (panel serializer)', async () => {
    await wb.page.reload();
    await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The workbench restores the layout it last saved (not always the very latest one):
    // whichever post the restored preview shows, its tab and its page must agree and be live.
    const tab = wb.page.locator('.tabs-container .tab', { hasText: /^Preview / }).first();
    await tab.waitFor({ timeout: 60_000 });
    // The restored layout may put the preview behind another tab; a hidden webview has no frame to look into.
    await tab.click();
    const frame = wb.webview();
    await frame.locator('.postdesk-title').waitFor({ timeout: 60_000 });
    const title = await frame.locator('.postdesk-title').innerText();
    assert.ok(title.length > 0);
    await waitUntil('the tab title to match the page', async () => (await tab.innerText()).trim().startsWith(`Preview ${title}`));
    await wb.screenshot('preview-restored');
  });
});

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const THEMES = [
  { theme: 'Dark Modern', bodyClass: 'vscode-dark', dark: true, shot: 'preview-dark' },
  { theme: 'Dark High Contrast', bodyClass: 'vscode-high-contrast', dark: true, shot: 'preview-high-contrast' },
  { theme: 'Light Modern', bodyClass: 'vscode-light', dark: false, shot: 'preview-light' },
];

// One preview stays open while the author switches themes: it must follow each
// switch live, not only look right when opened in a theme.
describe('Article preview across colour themes', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({ viewport: { width: 1400, height: 850 } });
    await wb.quickOpen('scraped article.md');
    await wb.runCommand('Postdesk: Open Preview to the Side');
    await wb.webview().locator('.postdesk-marker').first().waitFor({ timeout: FRAME_TIMEOUT });
  });

  after(async () => {
    await wb?.close();
  });

  for (const { theme, bodyClass, dark, shot } of THEMES) {
    it(`follows ${theme} through VS Code’s variables and body classes`, async () => {
      await wb.selectColorTheme(theme);
      const frame = wb.webview();
      const read = () =>
        frame.locator('body').evaluate((el) => {
          const e = el as unknown as { className: string };
          const style = (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el);
          return { className: e.className, background: style.backgroundColor };
        });
      // The page gets the new theme's classes and variables a moment after the switch.
      const themed = new RegExp(`\\b${bodyClass}\\b`);
      await waitUntil(`the preview's body class ${bodyClass}`, async () => themed.test((await read()).className), FRAME_TIMEOUT);
      const body = await read();
      const [r = 0, g = 0, b = 0] = (body.background.match(/\d+/g) ?? []).map(Number);
      const luminance = (r + g + b) / 3;
      assert.ok(dark ? luminance < 80 : luminance > 200, `background ${body.background} for ${theme}`);
      await wb.screenshot(shot);
    });
  }
});
