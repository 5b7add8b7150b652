// The seed's article as an author sees it in the real workbench: squiggles and
// highlighted "Advertisement" lines in the editor, its findings (and those of
// posts that are not open) in the Problems panel, and the quick-fix menu.
// Screenshots: test-results/e2e/problems-*.png.
import * as assert from 'node:assert/strict';
import { problemRows } from './shipChecks';
import { openWorkbench, type ProblemRow, type Workbench } from './workbench';

/** Narrows the Problems panel to files matching `text`: its list only renders the rows that fit. */
/** Filters the panel and waits until it shows `minimum` rows, the first naming `text`, and `settled` holds (the tree redraws in steps). */
async function filterProblems(wb: Workbench, text: string, minimum: number, settled: (rows: ProblemRow[]) => boolean = () => true): Promise<ProblemRow[]> {
  const input = wb.page.locator('.markers-panel-action-filter input, .viewpane-filter input').first();
  await input.fill(text);
  const deadline = Date.now() + 15_000;
  let rows = await problemRows(wb);
  while ((rows.length < minimum || (text !== '' && !rows[0]?.text.includes(text)) || !settled(rows)) && Date.now() < deadline) {
    await wb.page.waitForTimeout(250);
    // In CI the box once kept the previous filter for 15 s (the panel redrawing as the fill landed): type it again.
    if ((await input.inputValue()) !== text) await input.fill(text);
    rows = await problemRows(wb);
  }
  if (rows.length < minimum) await wb.screenshot(`problems-filter-${text || 'none'}-failed`);
  return rows;
}

describe('Problems panel in the workbench', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({ viewport: { width: 1400, height: 900 } });
    await wb.quickOpen('scraped article.md');
    // Diagnostics of the posts that are not open arrive once the index has scanned them.
    await wb.problems({ minimum: 8 });
  });

  after(async () => {
    await wb?.close();
  });

  it("lists the seed article's missing date and both stray markers, with their rule ids", async () => {
    const rows = await filterProblems(wb, 'scraped article', 4);
    const start = rows.findIndex((row) => row.level === 1 && row.text.includes('scraped article.md'));
    assert.ok(start >= 0, `a file row for the seed among ${JSON.stringify(rows.map((r) => r.text))}`);
    const seedRows: ProblemRow[] = [];
    for (let i = start + 1; i < rows.length && rows[i].level === 2; i++) seedRows.push(rows[i]);
    assert.equal(seedRows.length, 3, JSON.stringify(seedRows));
    const summary = seedRows.map((row) => {
      const rule = /postdesk\W*(missing-date|stray-marker)/.exec(row.text)?.[1];
      const line = /\[Ln (\d+), Col (\d+)\]/.exec(row.text)?.[1];
      return `${rule}@${line}`;
    });
    assert.deepEqual(summary, ['missing-date@1', 'stray-marker@3', 'stray-marker@10']);
    assert.match(seedRows[1].ariaLabel, /^Warning/);
    await wb.screenshot('problems-panel-seed');
  });

  it('lists problems of posts that are not open', async () => {
    for (const [name, rule] of [['2020-11-06-hens-night.md', 'invalid-date'], ['2018-11-24-baseball-stars.md', 'front-matter'], ['2018-11-24-blog-into-business.md', 'stray-marker']]) {
      // A row of the previous filter can linger under the new file's row for a moment: wait for its own.
      const rows = await filterProblems(wb, name, 2, (shown) => new RegExp(`postdesk\\W*${rule}`).test(shown[1]?.text ?? ''));
      assert.ok(rows[0]?.level === 1 && rows[0].text.includes(name), `${name} in ${JSON.stringify(rows)}`);
      assert.match(rows[1]?.text ?? '', new RegExp(`postdesk\\W*${rule}`));
    }
    await filterProblems(wb, '', 8);
    await wb.screenshot('problems-panel-all');
  });

  it('offers the quick fixes on a marker line', async () => {
    await wb.goToLine(3);
    const items = await wb.quickFixes();
    for (const expected of ['Remove stray marker line', 'Remove all 2 stray markers in this file', 'Disable stray-marker for this file']) {
      assert.ok(items.some((item) => item.includes(expected)), `${expected} in ${JSON.stringify(items)}`);
    }
    await wb.screenshot('problems-quick-fix-menu');
    await wb.page.keyboard.press('Escape');
  });
});
