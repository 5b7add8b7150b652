// A group of more posts than postdesk.tree.pageSize shows a page of them and
// a "Show more" row; its commands show the rest, and revealing a post beyond
// the page (follow the active editor) brings its page in first.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { PostsViewApi, PostsViewRow } from '../../src/tree';
import { deleteIfExists, flatten, postUri, treeApi, waitForTree, writeText } from './treeHelpers';

suite('Posts view: long groups in pages', () => {
  let tree: PostsViewApi;
  const folder = postUri('_posts', 'paged');
  const count = 12;
  // Days 1..12 of May 2012: newest first, so day 12 is the first row and day 1 the last.
  const files = Array.from({ length: count }, (_, i) => vscode.Uri.joinPath(folder, `2012-05-${String(i + 1).padStart(2, '0')}-paged-${i + 1}.md`));
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('postdesk.tree');

  suiteSetup(async () => {
    tree = await treeApi();
    await settings().update('pageSize', 5, vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.createDirectory(folder);
    await Promise.all(files.map((file, i) => writeText(file, `---\ntitle: "Paged ${i + 1}"\n---\nText.\n`)));
  });

  suiteTeardown(async () => {
    await settings().update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    await deleteIfExists(folder);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** May 2012's rows once they match `check`. */
  const may = (check: (rows: readonly PostsViewRow[]) => boolean, what: string): Promise<readonly PostsViewRow[]> =>
    waitForTree(
      tree,
      (rows) => {
        const month = flatten(rows).find(({ row, path }) => path[0]?.startsWith('2012') && row.id === 'y2012/m5')?.row;
        const children = month?.children ?? [];
        return month && check(children) ? children : undefined;
      },
      what,
      30_000,
    );

  const labels = (rows: readonly PostsViewRow[]): string[] => rows.map((row) => (row.uri ? row.label : `${row.label} (${row.description})`));

  /** The "Show more" element the view was given for May 2012, as a click passes it. */
  const moreElement = (): unknown => {
    const year = tree.provider.childrenOf(undefined).find((element) => !(element instanceof vscode.Uri) && element.id === 'y2012');
    const month = year && tree.provider.childrenOf(year).find((element) => !(element instanceof vscode.Uri) && element.id === 'y2012/m5');
    const more = month && tree.provider.childrenOf(month).find((element) => !(element instanceof vscode.Uri) && element.kind === 'more');
    assert.ok(more, 'May 2012 has a "Show more" row');
    return more;
  };

  test('shows the newest page of a long month, then a "Show more" row that clicks through to the rest', async () => {
    const first = await may((rows) => rows.length === 6, 'five posts and a "Show more" row');
    assert.deepEqual(labels(first), ['Paged 12', 'Paged 11', 'Paged 10', 'Paged 9', 'Paged 8', 'Show 5 more (5 of 12 shown)']);
    const more = first[5];
    assert.equal(more.contextValue, 'more');
    assert.equal(more.command, 'postdesk.showMorePosts');
    assert.equal(more.icon, 'ellipsis');

    await vscode.commands.executeCommand('postdesk.showMorePosts', moreElement());
    const second = await may((rows) => rows.length === 11, 'ten posts and a "Show more" row');
    assert.deepEqual(labels(second).slice(-2), ['Paged 3', 'Show 2 more (10 of 12 shown)']);

    await vscode.commands.executeCommand('postdesk.showMorePosts', moreElement());
    const all = await may((rows) => rows.length === count, 'all twelve posts');
    assert.ok(all.every((row) => row.uri !== undefined), 'no "Show more" row once every post is shown');
  });

  test('starts again from the first page when the page size changes, and "Show all" shows every post at once', async () => {
    await settings().update('pageSize', 4, vscode.ConfigurationTarget.Global);
    const paged = await may((rows) => rows.length === 5, 'four posts and a "Show more" row');
    assert.equal(labels(paged)[4], 'Show 4 more (4 of 12 shown)');
    await vscode.commands.executeCommand('postdesk.showAllPosts', moreElement());
    await may((rows) => rows.length === count && rows.every((row) => row.uri !== undefined), 'all twelve posts');
    // Commands given anything else (the Command Palette, a stale argument) do nothing.
    await vscode.commands.executeCommand('postdesk.showMorePosts');
    await vscode.commands.executeCommand('postdesk.showAllPosts', 'y2012/m5');
  });

  test('keeps the page as posts come and go, with the counts current', async () => {
    await settings().update('pageSize', 3, vscode.ConfigurationTarget.Global);
    await may((rows) => rows.length === 4, 'three posts and a "Show more" row');
    const extra = vscode.Uri.joinPath(folder, '2012-05-20-paged-late.md');
    try {
      await writeText(extra, '---\ntitle: "Paged late"\n---\nText.\n');
      const rows = await may((r) => r[0]?.label === 'Paged late', 'the new post first');
      assert.deepEqual(labels(rows), ['Paged late', 'Paged 12', 'Paged 11', 'Show 3 more (3 of 13 shown)']);
    } finally {
      await deleteIfExists(extra);
    }
    await may((r) => labels(r).join('|') === 'Paged 12|Paged 11|Paged 10|Show 3 more (3 of 12 shown)', 'the late post gone');
  });

  test('brings the page of a post beyond the shown ones into view to reveal it', async () => {
    await settings().update('pageSize', 3, vscode.ConfigurationTarget.Global);
    await may((rows) => rows.length === 4, 'three posts and a "Show more" row');
    await vscode.commands.executeCommand('postdesk.posts.focus');
    // The oldest post of May, on the fourth page of three: opening it selects it in the view.
    const oldest = files[0];
    await vscode.window.showTextDocument(oldest);
    const deadline = Date.now() + 15000;
    while (!tree.view.selection.some((s) => s instanceof vscode.Uri && s.toString() === oldest.toString())) {
      if (Date.now() > deadline) assert.fail(`selection is ${tree.view.selection.map(String).join(', ') || 'empty'}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const rows = await may((r) => r.some((row) => row.uri === oldest.toString()), 'the oldest post shown');
    assert.equal(rows.length, count, 'four pages of three: every post, no "Show more" row');
  });
});
