// The Posts view on real generators' sites, as an author who opens their Hugo
// or Jekyll blog sees it: posts dated the generator's way, section pages and
// other pages left out, drafts, scheduled and expired posts set apart, and
// the generator named in the hover (screenshots sites-hugo.png, sites-jekyll.png).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openWorkbench, type Workbench } from './workbench';

describe('Posts view on generator sites', () => {
  let wb: Workbench | undefined;

  afterEach(async () => {
    await wb?.close();
    wb = undefined;
  });

  it('a Hugo site: sections are not posts, front matter after a blank line is read, expired posts set apart', async () => {
    wb = await openWorkbench({ fixture: 'sites/hugo-blog', viewport: { width: 1280, height: 800 } });
    await wb.openPostdeskView();
    await wb.widenSideBar();
    await wb.treeRow(/^Expired · \d+$/).waitFor({ timeout: 20_000 });
    await wb.expandTreeRow(/^Scheduled · \d+$/);
    await wb.expandTreeRow(/^Expired · \d+$/);
    await wb.expandTreeRow(/^2020 · \d+$/);
    await wb.treeRow('Leading blank line').waitFor({ timeout: 15_000 });
    const rows = await wb.treeRows();
    const labels = rows.map((r) => r.label);
    assert.ok(labels.includes('TOML front matter'), 'the expired post is listed under Expired');
    assert.ok(!labels.some((l) => /^(Posts|Notes|Home)$/.test(l)), `no section page is listed: ${labels.join(', ')}`);
    await wb.screenshot('sites-hugo');
  });

  it('a Jekyll site in docs/: posts from _posts/ folders, pages left out, a post Jekyll skips shown as undated', async () => {
    wb = await openWorkbench({ fixture: 'sites/jekyll-blog', viewport: { width: 1280, height: 800 } });
    await wb.openPostdeskView();
    await wb.widenSideBar();
    await wb.expandTreeRow(/^Undated · \d+$/);
    await wb.expandTreeRow(/^2021 · \d+$/);
    await wb.expandTreeRow(/^April · \d+$/);
    await wb.treeRow('No date in the name').waitFor({ timeout: 20_000 });
    // April's rows arrive after its expansion (in CI once read before they were drawn): wait for them, then judge.
    await wb
      .treeRow('Two folder categories')
      .waitFor({ timeout: 20_000 })
      .catch(() => undefined);
    const labels = (await wb.treeRows()).map((r) => r.label);
    assert.ok(labels.includes('Two folder categories'), `a post in blog/travel/_posts/ is a post: ${labels.join(', ')}`);
    assert.ok(labels.some((l) => /^docs · Jekyll · \d+$/.test(l)), 'the site is named with its generator');
    assert.ok(!labels.includes('About'), 'pages are not listed');
    await wb.treeRow('No date in the name').hover();
    await wb.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Jekyll' }).first().waitFor({ timeout: 10_000 });
    await wb.screenshot('sites-jekyll');
    // The preview's header: the post's URL as the site's permalink rule makes it.
    await wb.quickOpen('2021-04-05-two-categories.md');
    await wb.runCommand('Postdesk: Open Preview to the Side');
    const url = wb.webview().locator('.postdesk-url');
    await url.waitFor({ timeout: 30_000 });
    assert.match(await url.innerText(), /^https?:\/\/.+two-categories/);
    await wb.screenshot('sites-jekyll-preview');
  });

  it('a link to another post by its permalink opens that post in the editor, not the browser', async () => {
    wb = await openWorkbench({ fixture: 'sites/jekyll-blog', viewport: { width: 1280, height: 800 } });
    // Written as a Jekyll author writes it: the site's baseurl, the permalink of the post; and on the site's own address.
    fs.writeFileSync(
      path.join(wb.folder!, 'docs', '_posts', '2021-05-01-links.md'),
      '---\ntitle: Links between posts\n---\nSee [the first post](/site/2020/11/06/hello-world.html) and [it on the site](https://example.com/site/2020/11/06/hello-world.html).\n',
    );
    await wb.openPostdeskView();
    await wb.expandTreeRow(/^2021 · \d+$/);
    await wb.expandTreeRow(/^May · \d+$/);
    await wb.treeRow('Links between posts').click();
    await wb.activeTab('2021-05-01-links.md').waitFor({ timeout: 15_000 });
    await wb.runCommand('Postdesk: Open Preview to the Side');
    const frame = wb.webview();
    await frame.locator('a', { hasText: 'the first post' }).click();
    await wb.activeTab('2020-11-06-hello-world.md').waitFor({ timeout: 15_000 });
    // The preview followed the opened post; back to the one with the links.
    await wb.treeRow('Links between posts').click();
    await wb.activeTab('2021-05-01-links.md').waitFor({ timeout: 15_000 });
    await frame.locator('a', { hasText: 'it on the site' }).click();
    await wb.activeTab('2020-11-06-hello-world.md').waitFor({ timeout: 15_000 });
  });
});
