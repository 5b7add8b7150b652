// A change of more than 200 posts (a branch switch, a folder copied in) goes
// into the Posts view in slices instead of a rebuild; a file edited while
// that runs must still show its latest state afterwards.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { PostsViewApi } from '../../src/tree';
import { deleteIfExists, flatten, postUri, treeApi, waitForTree, writeText } from './treeHelpers';

suite('Posts view: large changes', () => {
  let tree: PostsViewApi;

  suiteSetup(async () => {
    tree = await treeApi();
  });

  test('takes in 450 new posts at once, an edit made meanwhile, and their removal', async () => {
    const folder = postUri('_posts', 'large change');
    const count = 450;
    const files = Array.from({ length: count }, (_, i) => vscode.Uri.joinPath(folder, `2013-${String((i % 12) + 1).padStart(2, '0')}-01-large-${i}.md`));
    try {
      await vscode.workspace.fs.createDirectory(folder);
      await Promise.all(files.map((file, i) => writeText(file, `---\ntitle: "Large ${i}"\n---\nText.\n`)));
      // While the view may still be taking the batch in, one of them changes again.
      await writeText(files[7], '---\ntitle: "Large seven, edited"\n---\nText.\n');
      const year = await waitForTree(tree, (rows) => rows.find((row) => row.label === `2013 · ${count}`), `${count} posts in 2013`, 30_000);
      const months = year.children ?? [];
      assert.equal(months.length, 12);
      const labels = new Set(flatten(months).map(({ row }) => row.label));
      await waitForTree(tree, (rows) => flatten(rows).some(({ row }) => row.label === 'Large seven, edited'), 'the edit made during the batch', 30_000);
      assert.ok(labels.has('Large 0') && labels.has(`Large ${count - 1}`));

      await Promise.all(files.map((file) => vscode.workspace.fs.delete(file)));
      await waitForTree(tree, (rows) => !rows.some((row) => row.label.startsWith('2013')), 'all removed', 30_000);
    } finally {
      await deleteIfExists(folder);
    }
  });
});
