// The Posts view as an author sees it in the real workbench: the groups at the
// top, a year expanded to its posts with their dates, the title-bar actions,
// the context menu, type-to-filter on titles, and the look in light, dark and
// high-contrast themes (screenshots in test-results/e2e/tree-*.png).
import * as assert from 'node:assert/strict';
import { openWorkbench, type Workbench } from './workbench';

const BOXER = 'Tips for becoming a good boxer';

describe('Posts view in the workbench', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({ settings: { 'workbench.list.defaultFindMode': 'filter' }, viewport: { width: 1280, height: 800 } });
    await wb.openPostdeskView();
  });

  after(async () => {
    await wb?.close();
  });

  it('lists the groups, and a year expands to months and posts with their dates', async () => {
    await wb.widenSideBar();
    await wb.expandTreeRow(/^2020 · \d+$/);
    await wb.expandTreeRow(/^November · \d+$/);
    await wb.treeRow(BOXER).waitFor({ timeout: 15_000 });
    const rows = await wb.treeRows();
    assert.deepEqual(rows.slice(0, 3).map((r) => r.label.replace(/ · \d+$/, '')), ['Drafts', 'Scheduled', 'Undated']);
    const boxer = rows.find((r) => r.label === BOXER);
    assert.equal(boxer?.description, 'November 6, 2020');
    assert.equal(boxer?.level, 3);
    await wb.screenshot('tree-year-expanded');
  });

  it('has New Post, grouping, order, Refresh and Collapse All in the title bar', async () => {
    // With one view in the container, its actions sit in the side bar's title.
    const sidebar = wb.page.locator('[id="workbench.parts.sidebar"]');
    for (const name of ['New Post', 'Change Grouping', 'Change Sort Order', 'Refresh Posts', 'Collapse All']) {
      await sidebar.getByRole('button', { name, exact: true }).waitFor({ timeout: 10_000 });
    }
  });

  it('offers the post actions in the context menu', async () => {
    await wb.treeRow(BOXER).click({ button: 'right' });
    const menu = wb.page.locator('.context-view .monaco-menu');
    await menu.waitFor({ timeout: 10_000 });
    const items = (await menu.locator('.action-label').allInnerTexts()).map((t) => t.trim()).filter((t) => t !== '');
    for (const expected of ['Open Preview', 'Open Preview to the Side', 'Reveal in Explorer View', 'Copy Path']) {
      assert.ok(items.includes(expected), `context menu ${JSON.stringify(items)} lacks ${expected}`);
    }
    await wb.screenshot('tree-context-menu');
    await wb.page.keyboard.press('Escape');
  });

  it('shows the post tooltip with its date source, status and path', async () => {
    await wb.treeRow(BOXER).hover();
    const hover = wb.page.locator('.monaco-hover:visible, .workbench-hover:visible').first();
    await hover.waitFor({ timeout: 10_000 });
    // The tooltip is resolved lazily: VS Code shows "Loading..." until the provider answers.
    let text = await hover.innerText();
    for (const deadline = Date.now() + 10_000; /^Loading/.test(text.trim()) && Date.now() < deadline; text = await hover.innerText()) {
      await wb.page.waitForTimeout(100);
    }
    assert.match(text, /November 6, 2020 · from front matter date/);
    assert.match(text, /Published · \d+ words/);
    assert.match(text, /_posts\/2020-11-06-boxer-tips\.md/);
    await wb.screenshot('tree-tooltip');
    await wb.page.mouse.move(5, 700);
  });

  it('filters rows by title as the author types', async () => {
    // The find widget filters the rows the tree has loaded: open the month.
    await wb.expandTreeRow(/^2020 · \d+$/);
    await wb.expandTreeRow(/^November · \d+$/);
    // Focus the tree without opening anything, open its find widget (filter
    // mode is set for this window), then type.
    await wb.treeRow(/^Drafts · /).click();
    await wb.treeRow(/^Drafts · /).click();
    await wb.page.keyboard.press('Control+Alt+F');
    await wb.page.keyboard.type('boxer');
    const deadline = Date.now() + 10_000;
    let leaves: string[] = [];
    while (Date.now() < deadline) {
      leaves = (await wb.treeRows()).filter((r) => r.expanded === undefined).map((r) => r.label);
      if (leaves.length > 0 && leaves.every((l) => /boxer/i.test(l))) break;
      await wb.page.waitForTimeout(200);
    }
    assert.deepEqual(leaves, [BOXER]);
    await wb.screenshot('tree-filter');
    await wb.page.keyboard.press('Escape');
  });
});

describe('Posts view in dark and high-contrast themes', () => {
  let themed: Workbench;

  before(async () => {
    themed = await openWorkbench({ viewport: { width: 1280, height: 800 } });
    await themed.openPostdeskView();
    await themed.widenSideBar();
    await themed.expandTreeRow(/^Undated · \d+$/);
    await themed.expandTreeRow(/^2019 · \d+$/);
    await themed.expandTreeRow(/^February · \d+$/);
    await themed.treeRow('A Guide: How to Build Your Very Own Magic Mirror').waitFor({ timeout: 15_000 });
  });

  after(async () => {
    await themed?.close();
  });

  for (const [name, theme] of [
    ['dark', 'Dark Modern'],
    ['high-contrast', 'Dark High Contrast'],
  ] as const) {
    it(`reads well in ${name}`, async () => {
      await themed.selectColorTheme(theme);
      await themed.treeRow('A Guide: How to Build Your Very Own Magic Mirror').waitFor({ timeout: 15_000 });
      await themed.screenshot(`tree-${name}`);
    });
  }
});

describe('Posts view: a long group in pages', () => {
  let paged: Workbench;

  before(async () => {
    // One post a page, grouped by year: 2020 (four posts) is a long group.
    paged = await openWorkbench({ settings: { 'postdesk.tree.pageSize': 1, 'postdesk.tree.grouping': 'year' }, viewport: { width: 1280, height: 800 } });
    await paged.openPostdeskView();
    await paged.widenSideBar();
  });

  after(async () => {
    await paged?.close();
  });

  /** The rows below a year, up to the next year. */
  const yearRows = async (year: string): Promise<{ label: string; description: string }[]> => {
    const rows = await paged.treeRows();
    const start = rows.findIndex((r) => r.label.startsWith(`${year} · `));
    const end = rows.findIndex((r, i) => i > start && r.level === 1);
    return rows.slice(start + 1, end < 0 ? undefined : end).map(({ label, description }) => ({ label, description }));
  };

  const waitForRows = async (year: string, count: number): Promise<{ label: string; description: string }[]> => {
    let rows: { label: string; description: string }[] = [];
    for (const deadline = Date.now() + 15_000; Date.now() < deadline; await paged.page.waitForTimeout(100)) {
      rows = await yearRows(year);
      if (rows.length === count) return rows;
    }
    assert.fail(`${year} shows ${JSON.stringify(rows)}, not ${count} rows`);
  };

  it('shows the newest posts of a long year and a "Show more" row; clicking it shows a page more', async () => {
    await paged.expandTreeRow(/^2020 · 4$/);
    const first = await waitForRows('2020', 2);
    assert.deepEqual(first[1], { label: 'Show 1 more', description: '1 of 4 shown' });
    await paged.screenshot('tree-show-more');
    await paged.treeRow('Show 1 more').click();
    const second = await waitForRows('2020', 3);
    assert.deepEqual(second[2], { label: 'Show 1 more', description: '2 of 4 shown' });
  });

  it('shows every post at once from the row\'s inline "Show All Posts" button', async () => {
    const more = paged.treeRow('Show 1 more');
    await more.hover();
    const button = more.getByRole('button', { name: 'Show All Posts' });
    await button.waitFor({ timeout: 10_000 });
    await paged.screenshot('tree-show-all-button');
    await button.click();
    const all = await waitForRows('2020', 4);
    assert.ok(!all.some((r) => r.label.startsWith('Show ')), JSON.stringify(all));
  });
});
