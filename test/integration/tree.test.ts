// The Posts view in the real extension host, on the fixture workspace
// (test/fixtures/README.md lists what each file is for).
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { PostsViewApi, PostsViewRow } from '../../src/tree';
import { deleteIfExists, findByUri, flatten, postUri, readText, topLabels, treeApi, waitForTree, writeText } from './treeHelpers';

const COUNT_LABEL = /^(.+) · (\d+)$/;

/** Number of post rows below a row. */
function postsBelow(row: PostsViewRow): number {
  return flatten(row.children ?? []).filter(({ row: r }) => r.uri !== undefined).length;
}

suite('Posts view', () => {
  let tree: PostsViewApi;

  suiteSetup(async () => {
    tree = await treeApi();
    await vscode.workspace.getConfiguration('postdesk.tree').update('grouping', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('postdesk.tree').update('sortOrder', undefined, vscode.ConfigurationTarget.Global);
  });

  test('puts Drafts, Scheduled and Undated first, then years newest first', async () => {
    const rows = await tree.snapshot();
    const labels = topLabels(rows).map((label) => COUNT_LABEL.exec(label)?.[1] ?? label);
    assert.deepEqual(labels.slice(0, 3), ['Drafts', 'Scheduled', 'Undated']);
    const years = labels.slice(3).map(Number);
    assert.ok(years.length >= 3 && years.every((y) => Number.isInteger(y)), `years: ${labels.join(', ')}`);
    assert.deepEqual(years, [...years].sort((a, b) => b - a), 'years newest first');
    assert.equal(rows.find((r) => r.label.startsWith('Undated'))?.icon, 'warning');
  });

  test('every group label carries the number of posts below it', async () => {
    const rows = await tree.snapshot();
    const groups = flatten(rows).filter(({ row }) => row.uri === undefined);
    assert.ok(groups.length > 5);
    for (const { row } of groups) {
      const match = COUNT_LABEL.exec(row.label);
      assert.ok(match, `group label "${row.label}" has a count`);
      assert.equal(Number(match[2]), postsBelow(row), row.label);
    }
  });

  test('shows each post by title with its display date, under its year and month', async () => {
    const rows = await tree.snapshot({ tooltips: true });
    const boxer = findByUri(rows, postUri('_posts', '2020-11-06-boxer-tips.md'));
    assert.ok(boxer, 'the TOML post is listed');
    assert.equal(boxer.row.label, 'Tips for becoming a good boxer');
    assert.equal(boxer.row.description, 'November 6, 2020');
    assert.deepEqual(boxer.path.map((p) => COUNT_LABEL.exec(p)?.[1]), ['2020', 'November']);
    assert.equal(boxer.row.contextValue, 'post.published');
    assert.equal(boxer.row.command, 'postdesk.openPost');
    assert.match(boxer.row.tooltip ?? '', /from front matter `date`/);

    const mirror = findByUri(rows, postUri('_posts', '2019-02-14-magic-mirror.md'));
    assert.equal(mirror?.row.label, 'A Guide: How to Build Your Very Own Magic Mirror');
    assert.equal(mirror?.row.description, 'February 14, 2019');
    assert.deepEqual(mirror?.path.map((p) => COUNT_LABEL.exec(p)?.[1]), ['2019', 'February']);
    assert.match(mirror?.row.tooltip ?? '', /from the file name/);
    assert.match(mirror?.row.tooltip ?? '', /\d+ words/);
    assert.match(mirror?.row.tooltip ?? '', /_posts\/2019-02-14-magic-mirror\.md/);

    const spaced = findByUri(rows, postUri('_posts', 'news and notes', '2018-11-09-vacation-without-expanding.md'));
    assert.ok(spaced, 'a post in a folder with a space in its name is listed');
    assert.equal(spaced.row.description, 'November 9, 2018');
    // A published post has its format's codicon, as the other statuses have theirs (no file-icon-theme lookup per row).
    assert.equal(spaced.row.icon, 'markdown');
  });

  test('sets drafts, scheduled and undated posts apart', async () => {
    const rows = await tree.snapshot({ tooltips: true });
    const group = (name: string): PostsViewRow | undefined => rows.find((r) => r.label.startsWith(`${name} ·`));
    const drafts = group('Drafts')?.children ?? [];
    const draftUris = drafts.map((r) => r.uri);
    assert.ok(draftUris.includes(postUri('_posts', '2020-11-03-one-or-multiple-dogs.md').toString()));
    assert.ok(draftUris.includes(postUri('_posts', '2020-11-06-charged-with-a-crime.md').toString()));
    assert.ok(drafts.every((r) => r.contextValue === 'post.draft' && r.icon === 'edit'));

    const scheduled = group('Scheduled')?.children ?? [];
    assert.deepEqual(scheduled.map((r) => [r.label, r.description, r.contextValue, r.icon]), [['Letters to the readers of 2099', 'January 1, 2099', 'post.scheduled', 'watch']]);

    const undated = group('Undated')?.children ?? [];
    const seed = undated.find((r) => r.uri === postUri('_posts', 'scraped article.md').toString());
    assert.ok(seed, 'the seed article is undated');
    assert.equal(seed.icon, 'warning');
    assert.equal(seed.contextValue, 'post.undated');

    // Broken YAML: still listed, under Undated, with its problem in the tooltip.
    const broken = undated.find((r) => r.uri === postUri('_posts', '2018-11-24-baseball-stars.md').toString());
    assert.ok(broken, 'the broken-YAML post is listed under Undated');
    assert.equal(broken.icon, 'error');
    assert.match(broken.tooltip ?? '', /\$\(error\)/);
  });

  test('never lists dependencies or build output', async () => {
    const uris = flatten(await tree.snapshot()).map(({ row }) => row.uri ?? '');
    assert.ok(!uris.some((u) => u.includes('/node_modules/')), 'node_modules');
    assert.ok(!uris.some((u) => u.includes('/_site/')), '_site');
    assert.equal(uris.filter((u) => u !== '').length, tree.provider.size);
  });

  test('follows the grouping and order settings without a reload', async () => {
    const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('postdesk.tree');
    try {
      await vscode.commands.executeCommand('postdesk.changeGrouping', 'year');
      await waitForTree(tree, (rows) => rows.some((r) => r.label.startsWith('2020 ·') && r.children?.every((c) => c.uri !== undefined)), 'year grouping');
      assert.equal(settings().get('grouping'), 'year');

      await vscode.commands.executeCommand('postdesk.changeGrouping', 'none');
      await vscode.commands.executeCommand('postdesk.changeSortOrder', 'title');
      const rows = await waitForTree(tree, (rs) => (rs.some((r) => /^\d{4} ·/.test(r.label)) ? undefined : rs), 'no year groups');
      const posts = rows.filter((r) => r.uri !== undefined).map((r) => r.label);
      assert.ok(posts.length >= 5);
      const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
      assert.deepEqual(posts, [...posts].sort(collator.compare), 'sorted by title');

      await vscode.commands.executeCommand('postdesk.changeGrouping', 'year-month');
      await vscode.commands.executeCommand('postdesk.changeSortOrder', 'oldest');
      const oldest = await waitForTree(tree, (rs) => {
        const years = rs.filter((r) => /^\d{4} ·/.test(r.label)).map((r) => parseInt(r.label, 10));
        return years.length > 1 && years[0] < years[years.length - 1] ? years : undefined;
      }, 'oldest first');
      assert.deepEqual(oldest, [...oldest].sort((a, b) => a - b));
    } finally {
      await settings().update('grouping', undefined, vscode.ConfigurationTarget.Global);
      await settings().update('sortOrder', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitForTree(tree, (rows) => rows.some((r) => r.label.startsWith('2020 ·') && r.children?.some((c) => c.label.startsWith('November'))), 'defaults again');
  });

  test('rejects an unknown grouping value with a message and keeps the setting', async () => {
    await vscode.commands.executeCommand('postdesk.changeGrouping', 'by-colour');
    assert.equal(vscode.workspace.getConfiguration('postdesk.tree').get('grouping'), 'year-month');
  });

  test('adds, updates, moves and removes a post as its file changes on disk', async () => {
    const created = postUri('_posts', '2015-06-01-tree-test.md');
    const renamed = postUri('_posts', '2014-03-02-tree-test-renamed.md');
    try {
      await writeText(created, '---\ntitle: A post from the tests\ndate: 2015-06-01\n---\n\nHello.\n');
      let row = await waitForTree(tree, (rows) => findByUri(rows, created), 'created file appears');
      assert.equal(row.row.label, 'A post from the tests');
      assert.equal(row.row.description, 'June 1, 2015');
      assert.deepEqual(row.path, ['2015 · 1', 'June · 1']);

      await writeText(created, '---\ntitle: Renamed in the front matter\ndate: 2015-07-04\n---\n\nHello.\n');
      row = await waitForTree(tree, (rows) => {
        const found = findByUri(rows, created);
        return found?.row.label === 'Renamed in the front matter' ? found : undefined;
      }, 'edited title and date');
      assert.deepEqual(row.path, ['2015 · 1', 'July · 1']);

      await vscode.workspace.fs.rename(created, renamed);
      row = await waitForTree(tree, (rows) => (findByUri(rows, created) ? undefined : findByUri(rows, renamed)), 'renamed file moves');
      assert.deepEqual(row.path, ['2015 · 1', 'July · 1'], 'the front matter date still wins over the new file name');

      await vscode.workspace.fs.delete(renamed);
      await waitForTree(tree, (rows) => !findByUri(rows, renamed) && !rows.some((r) => r.label.startsWith('2015')), 'deleted file and its empty year disappear');
    } finally {
      await deleteIfExists(created);
      await deleteIfExists(renamed);
    }
  });

  test('coalesces a burst of new files into the view', async () => {
    const folder = postUri('_posts', 'burst');
    const count = 200;
    const files = Array.from({ length: count }, (_, i) => vscode.Uri.joinPath(folder, `2012-01-${String((i % 28) + 1).padStart(2, '0')}-burst-${i}.md`));
    let updates = 0;
    const listener = tree.onDidUpdate(() => updates++);
    try {
      await vscode.workspace.fs.createDirectory(folder);
      await Promise.all(files.map((file, i) => writeText(file, `# Burst ${i}\n\nText.\n`)));
      const rows = await waitForTree(tree, (rs) => rs.find((r) => r.label === `2012 · ${count}`), '200 posts in 2012');
      assert.equal(rows.children?.[0]?.label, `January · ${count}`);
      assert.ok(updates <= 20, `a burst of ${count} new files should arrive in a few coalesced updates, got ${updates}`);
      updates = 0;
      // A branch switch deletes file by file.
      await Promise.all(files.map((file) => vscode.workspace.fs.delete(file)));
      await waitForTree(tree, (rs) => !rs.some((r) => r.label.startsWith('2012')), 'burst removed');
      assert.ok(updates <= 20, `a burst of ${count} deletions should arrive in a few coalesced updates, got ${updates}`);
    } finally {
      listener.dispose();
      await deleteIfExists(folder);
    }
  });

  test('removes the posts of a deleted folder', async () => {
    const folder = postUri('_posts', 'doomed folder');
    try {
      await vscode.workspace.fs.createDirectory(folder);
      await writeText(vscode.Uri.joinPath(folder, '2011-04-01-doomed.md'), '# Doomed\n');
      await waitForTree(tree, (rows) => rows.some((r) => r.label.startsWith('2011 ·')), 'post in new folder listed');
      await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
      await waitForTree(tree, (rows) => !rows.some((r) => r.label.startsWith('2011 ·')), 'posts of the deleted folder removed');
    } finally {
      await deleteIfExists(folder);
    }
  });

  test('follows a folder of posts that is renamed', async () => {
    const from = postUri('_posts', 'moving folder');
    const to = postUri('_posts', 'moved folder');
    try {
      await vscode.workspace.fs.createDirectory(from);
      await writeText(vscode.Uri.joinPath(from, '2012-06-01-moving.md'), '# Moving along\n');
      await waitForTree(tree, (rows) => rows.some((r) => r.label.startsWith('2012 ·')), 'post in the folder listed');
      await vscode.workspace.fs.rename(from, to);
      const moved = vscode.Uri.joinPath(to, '2012-06-01-moving.md');
      const old = vscode.Uri.joinPath(from, '2012-06-01-moving.md');
      await waitForTree(tree, (rows) => findByUri(rows, moved) !== undefined && findByUri(rows, old) === undefined, 'the post listed at its new path only');
    } finally {
      await deleteIfExists(from);
      await deleteIfExists(to);
    }
  });

  test('shows unsaved edits and leaves the open document alone', async () => {
    const uri = postUri('_posts', '2019-02-14-magic-mirror.md');
    const before = await readText(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    try {
      const edit = new vscode.WorkspaceEdit();
      // The post has no date field: give it a title and a date while "typing".
      edit.insert(uri, new vscode.Position(1, 0), 'date: 2017-05-20\n');
      const titleLine = document.getText().split(/\r?\n/).findIndex((line) => line.startsWith('title:'));
      assert.ok(titleLine > 0);
      edit.replace(uri, document.lineAt(titleLine).range, 'title: Typed but not saved');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const row = await waitForTree(tree, (rows) => {
        const found = findByUri(rows, uri);
        return found?.row.label === 'Typed but not saved' && found.row.description === 'May 20, 2017' ? found : undefined;
      }, 'unsaved title and date');
      assert.deepEqual(row.path.map((p) => COUNT_LABEL.exec(p)?.[1]), ['2017', 'May']);
      assert.match(row.row.tooltip ?? '', /Unsaved changes/);
      assert.ok(document.isDirty, 'the tree never saves the document');
      assert.equal(await readText(uri), before, 'the file on disk is untouched');
    } finally {
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await waitForTree(tree, (rows) => findByUri(rows, uri)?.row.label === 'A Guide: How to Build Your Very Own Magic Mirror', 'reverted title');
  });

  test('reveals and selects the post of the active editor', async () => {
    await vscode.commands.executeCommand('postdesk.posts.focus');
    const uri = postUri('_posts', 'news and notes', '2018-11-09-vacation-without-expanding.md');
    await vscode.window.showTextDocument(uri);
    const deadline = Date.now() + 10000;
    while (!tree.view.selection.some((s) => s instanceof vscode.Uri && s.toString() === uri.toString())) {
      if (Date.now() > deadline) assert.fail(`selection is ${tree.view.selection.map(String).join(', ') || 'empty'}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(await tree.reveal(postUri('README-not-a-post.md')), false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('leaves the selection alone when postdesk.tree.followActiveEditor is off', async () => {
    const settings = vscode.workspace.getConfiguration('postdesk.tree');
    await settings.update('followActiveEditor', false, vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('postdesk.posts.focus');
      const boxer = postUri('_posts', '2020-11-06-boxer-tips.md');
      assert.equal(await tree.reveal(boxer), true);
      await vscode.window.showTextDocument(postUri('_posts', '2019-02-14-magic-mirror.md'));
      // Following would select the mirror post within a few milliseconds; give it ample time.
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.deepEqual(tree.view.selection.map(String), [boxer.toString()]);
    } finally {
      await settings.update('followActiveEditor', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  test('opens a post from its row and copies its path', async () => {
    const uri = postUri('_posts', '2020-11-06-boxer-tips.md');
    await vscode.commands.executeCommand('postdesk.openPost', uri);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    await vscode.commands.executeCommand('postdesk.copyPath', uri);
    const copied = await vscode.env.clipboard.readText();
    // The browser-hosted workbench may refuse clipboard access; when it works it must be the path.
    if (copied !== '') assert.equal(copied, uri.scheme === 'file' ? uri.fsPath : uri.toString());
    await vscode.commands.executeCommand('postdesk.revealInExplorer', uri);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test("sends a post's row without its tooltip and command; resolving it (a hover, a click) adds both", async () => {
    const uri = postUri('_posts', '2020-11-06-boxer-tips.md');
    await tree.snapshot();
    const element = tree.provider.elementFor(uri);
    assert.ok(element, 'the post is in the view');
    const item = tree.provider.getTreeItem(element);
    assert.equal(item.command, undefined);
    assert.equal(item.tooltip, undefined);
    const resolved = tree.provider.resolveTreeItem(item, element);
    assert.equal(resolved.command?.command, 'postdesk.openPost');
    assert.deepEqual(resolved.command?.arguments?.map(String), [uri.toString(), '[object Object]']);
    assert.ok(resolved.tooltip instanceof vscode.MarkdownString);
  });

  test("records when the workbench received a group's children (the test API's clock)", async () => {
    // A year the workbench has never shown, so expanding it must fetch its children.
    const file = postUri('_posts', '2009-04-01-clock-test.md');
    const until = async (check: () => boolean, what: string): Promise<void> => {
      const deadline = Date.now() + 10000;
      while (!check()) {
        if (Date.now() > deadline) assert.fail(`${what}; last served: ${JSON.stringify(tree.lastServed)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    // When the view's model took the new post in; the workbench fetches the top level again after that.
    let listedAt = 0;
    const listener = tree.onDidUpdate(() => {
      if (listedAt === 0 && tree.provider.elementFor(file)) listedAt = performance.now();
    });
    try {
      // A hidden view is not refreshed (the previous test left the Explorer open).
      await vscode.commands.executeCommand('postdesk.posts.focus');
      await until(() => tree.view.visible, 'the view visible');
      await writeText(file, '---\ntitle: "Clock test"\n---\nText.\n');
      await until(() => listedAt > 0, 'the view takes the new post in');
      const post = tree.provider.elementFor(file);
      assert.ok(post);
      const month = tree.provider.getParent(post);
      const year = month && tree.provider.getParent(month);
      assert.ok(year && !(year instanceof vscode.Uri) && year.id === 'y2009', `the post's year: ${JSON.stringify(year && !(year instanceof vscode.Uri) ? year.id : year)}`);
      // Revealing a group the workbench has not fetched yet (its refresh of the top level still on its way) does nothing: ask again until it expands.
      const before = performance.now();
      const deadline = Date.now() + 15000;
      while (!(tree.lastServed?.id === 'y2009' && tree.lastServed.at >= before)) {
        if (Date.now() > deadline) assert.fail(`the workbench never asked for 2009's children; the view took the post in ${Math.round(before - listedAt)} ms before the first reveal; last served: ${JSON.stringify(tree.lastServed)}`);
        await tree.view.reveal(year, { expand: true, select: false, focus: false });
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      assert.equal(tree.lastServed?.children, 1, 'one month');
      assert.equal(tree.lastServed?.posts, tree.provider.size);
    } finally {
      listener.dispose();
      await deleteIfExists(file);
    }
    await waitForTree(tree, (rows) => !rows.some((row) => row.label.startsWith('2009')), 'the 2009 group removed');
  });
});

suite('Posts view @multi-root', () => {
  test('gives each workspace folder its own top-level node', async () => {
    const tree = await treeApi();
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 2, 'this suite runs with multi-root.code-workspace');
    const rows = await tree.snapshot();
    assert.deepEqual(topLabels(rows), folders.map((f) => f.name));
    const second = rows[1];
    const spring = findByUri(second.children ?? [], vscode.Uri.joinPath(folders[1].uri, 'posts', '2021-05-01-second-root-spring.md'));
    assert.equal(spring?.row.label, 'Spring notes from the second site');
    assert.deepEqual(spring?.path, ['2021 · 1', 'May · 1']);
    assert.ok(flatten(rows[0].children ?? []).some(({ row }) => row.label === 'Tips for becoming a good boxer'));
  });
});
