// Template syntax in the preview as an author sees it (#17): the Hugo
// template fixture (test/fixtures/sites/templates-hugo, a copy of
// test/fixtures/templates/hugo with its bundle's poster) opened as its own
// folder, its bundle post previewed. Screenshot: test-results/e2e/preview-templates-hugo.png.
// The MDX fixture (test/fixtures/sites/templates-mdx, a copy of
// test/fixtures/templates/mdx) likewise: preview-templates-mdx.png.
import * as assert from 'node:assert/strict';
import { openWorkbench, type Workbench } from './workbench';

const FRAME_TIMEOUT = 30_000;

describe('Preview of template syntax in the workbench', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({ fixture: 'sites/templates-hugo', viewport: { width: 1400, height: 900 } });
  });

  after(async () => {
    await wb?.close();
  });

  it('shows the Hugo bundle post with its figure, labelled shortcode and resolved ref, no shortcode as prose', async () => {
    // The fixture's only index.md: the bundle post.
    await wb.quickOpen('index.md');
    await wb.runCommand('Postdesk: Open Preview to the Side');
    const frame = wb.webview();
    await frame.locator('.postdesk-template-figure').waitFor({ timeout: FRAME_TIMEOUT });
    // The ref and the shortcode's template file are linked by the render after the first.
    await frame.locator('a.postdesk-template-file').waitFor({ timeout: FRAME_TIMEOUT });
    assert.equal(await frame.locator('.postdesk-title').innerText(), 'Now CommonMark Compliant!');
    const body = await frame.locator('#postdesk-body').innerText();
    for (const line of body.split('\n')) assert.doesNotMatch(line.trim(), /^\{\{[<%]/, `a shortcode as prose: ${line}`);
    assert.match(body, /Hugo version 0\.60\.0 switches/);
    assert.equal(await frame.locator('.postdesk-template-missing').count(), 0, 'the ref resolves');
    assert.equal(await frame.locator('.postdesk-template-figure figcaption').innerText(), 'The release poster');
    await wb.screenshot('preview-templates-hugo');
  });
});

describe('Preview of an MDX post in the workbench', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({ fixture: 'sites/templates-mdx', viewport: { width: 1400, height: 900 } });
  });

  after(async () => {
    await wb?.close();
  });

  it('shows the MDX post with its imports hidden, the component labelled and the admonition a box', async () => {
    await wb.quickOpen('post.mdx');
    await wb.runCommand('Postdesk: Open Preview to the Side');
    const frame = wb.webview();
    await frame.locator('.postdesk-admonition').waitFor({ timeout: FRAME_TIMEOUT });
    assert.equal(await frame.locator('.postdesk-title').innerText(), 'MDX post');
    const body = await frame.locator('#postdesk-body').innerText();
    for (const line of body.split('\n')) {
      assert.doesNotMatch(line.trim(), /^import\s/, `an import line as prose: ${line}`);
      assert.doesNotMatch(line.trim(), /^:::/, `an admonition fence as prose: ${line}`);
    }
    assert.match(body, /Children are Markdown/);
    assert.match(await frame.locator('.postdesk-admonition-title').innerText(), /Pro tip/);
    await wb.screenshot('preview-templates-mdx');
  });
});
