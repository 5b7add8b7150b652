// The site model in the real extension host: a Jekyll site in docs/ and a
// Hugo site in blog/ appear beside the fixture's plain posts; pages are not
// posts (no missing-date, not in the Posts view); the tooltip says why a file
// is a post; editing a generator's config takes effect without a reload.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PostdeskApi } from '../../src/extension';
import type { PostsViewApi } from '../../src/tree';
import { activatePostdesk as api, waitFor } from './diagnostics.helpers';
import { deleteIfExists, findByUri, flatten, postUri, treeApi, waitForTree, writeText } from './treeHelpers';

const JEKYLL_FILES: Record<string, string> = {
  'docs/_config.yml': 'title: Docs\nurl: "https://docs.example"\npermalink: /:year/:month/:day/:title:output_ext\n',
  'docs/_posts/2021-03-04-jekyll-news.md': '---\ntitle: Jekyll news\n---\nA post dated by its file name.\n',
  'docs/about.md': '---\ntitle: About these docs\n---\nA page: no date, and none needed.\n',
  'docs/README.md': '# Docs\n\nHow to build the docs.\n',
};

const HUGO_FILES: Record<string, string> = {
  'blog/hugo.toml': 'baseURL = "https://blog.example/"\nlanguageCode = "en"\ntitle = "Blog"\n',
  'blog/content/_index.md': '---\ntitle: Home\n---\n',
  'blog/content/posts/_index.md': '---\ntitle: Posts\n---\n',
  'blog/content/posts/hugo-hello.md': '\n---\ntitle: Hugo hello\nPublishDate: 2022-05-06\n---\nFront matter after a blank line, a lower-case key.\n',
};

suite('Site model', () => {
  let tree: PostsViewApi;
  const written: vscode.Uri[] = [];

  suiteSetup(async () => {
    tree = await treeApi();
    for (const [path, text] of Object.entries({ ...JEKYLL_FILES, ...HUGO_FILES })) {
      const uri = postUri(...path.split('/'));
      await writeText(uri, text);
      written.push(uri);
    }
    // A new generator config makes a new site: the index reads the folder again.
    const index = (await api()).index;
    await waitFor(() => index.get(postUri('blog', 'content', 'posts', 'hugo-hello.md'))?.post.site?.generator === 'hugo' && index.get(postUri('docs', '_posts', '2021-03-04-jekyll-news.md'))?.post.site?.generator === 'jekyll', 'both sites to be read', 15_000);
  });

  suiteTeardown(async () => {
    for (const uri of [...written].reverse()) await deleteIfExists(uri);
    for (const folder of ['docs', 'blog', 'gitblog']) await deleteIfExists(postUri(folder));
    // The sites go with their folders: the view is back to one plain site, as the next suites expect.
    await waitForTree(tree, (rows) => !rows.some((r) => / · (Jekyll|Hugo|Markdown)\b/.test(r.label)), 'the site nodes gone with their folders');
  });

  test('dates, titles and URLs come from each generator', async () => {
    const index = (await api()).index;
    const jekyll = index.get(postUri('docs', '_posts', '2021-03-04-jekyll-news.md'))?.post;
    assert.equal(jekyll?.kind, 'post');
    assert.equal(jekyll?.date?.source, 'filename');
    assert.equal(jekyll?.url, 'https://docs.example/2021/03/04/jekyll-news.html');
    assert.match(jekyll?.reason ?? '', /Jekyll post/);
    const hugo = index.get(postUri('blog', 'content', 'posts', 'hugo-hello.md'))?.post;
    assert.equal(hugo?.title, 'Hugo hello', 'front matter after a blank line is read, as Hugo reads it');
    assert.equal(hugo?.date?.field, 'PublishDate', 'keys are case-insensitive for Hugo');
    assert.equal(hugo?.url, 'https://blog.example/posts/hugo-hello/');
  });

  test('pages and sections are checked but never asked for a date, and not listed as posts', async () => {
    const index = (await api()).index;
    const about = postUri('docs', 'about.md');
    const section = postUri('blog', 'content', 'posts', '_index.md');
    assert.equal(index.get(about)?.post.kind, 'page');
    assert.equal(index.get(section)?.post.kind, 'section');
    assert.equal(index.get(postUri('docs', 'README.md')), undefined, 'a README is not content');
    const rows = flatten(await tree.snapshot()).map(({ row }) => row.uri);
    assert.ok(!rows.includes(about.toString()) && !rows.includes(section.toString()), 'pages are not in the Posts view');
    for (const uri of [about, section]) {
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      await new Promise((resolve) => setTimeout(resolve, 800));
      const missing = vscode.languages.getDiagnostics(uri).filter((d) => String(d.code && typeof d.code === 'object' ? d.code.value : d.code) === 'missing-date');
      assert.deepEqual(missing, [], `no missing-date on ${uri.path}`);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('postdesk.tree.showPages lists pages in a group of their own', async () => {
    const settings = vscode.workspace.getConfiguration('postdesk.tree');
    await settings.update('showPages', true, vscode.ConfigurationTarget.Global);
    try {
      // With several sites in the folder, each site has its node, and its pages their group below it.
      await waitForTree(tree, (rows) => flatten(rows).find(({ row }) => row.uri === postUri('docs', 'about.md').toString())?.path.some((label) => label.startsWith('Pages')), 'a Pages group with the about page');
    } finally {
      await settings.update('showPages', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitForTree(tree, (rows) => !flatten(rows).some(({ row }) => row.label.startsWith('Pages')), 'the Pages group gone again');
  });

  test('the tooltip says why a file is a post, and its URL', async () => {
    const post = postUri('docs', '_posts', '2021-03-04-jekyll-news.md');
    const tooltip = await waitForTree(tree, (rows) => findByUri(rows, post)?.row.tooltip, 'the Jekyll post in the view');
    assert.match(tooltip, /Jekyll post/);
    assert.ok(tooltip.includes('](https://docs.example/2021/03/04/jekyll-news.html)'), tooltip);
  });

  test('a folder with several sites shows a node per site, named with its generator', async () => {
    const rows = await tree.snapshot();
    const labels = rows.map((r) => r.label.replace(/ · \d+$/, ''));
    assert.ok(labels.includes('docs · Jekyll') && labels.includes('blog · Hugo'), labels.join(', '));
    assert.equal(rows.find((r) => r.label.startsWith('docs · Jekyll'))?.contextValue, 'group.site.config');
  });

  test("the preview's header shows the post's URL on its site", async () => {
    const extension = vscode.extensions.getExtension<PostdeskApi>('postdesk.postdesk');
    assert.ok(extension, 'the Postdesk extension is installed in the test host');
    const preview = (await extension.activate()).preview;
    const post = postUri('docs', '_posts', '2021-03-04-jekyll-news.md');
    await vscode.window.showTextDocument(post, { preview: false });
    await vscode.commands.executeCommand('postdesk.openPreviewToSide');
    await waitFor(() => preview.lastRendered?.uri === post.toString() && preview.lastRendered.url === 'https://docs.example/2021/03/04/jekyll-news.html', 'the preview of the Jekyll post with its URL', 15_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('editing the generator config takes effect without a reload', async () => {
    const index = (await api()).index;
    const post = postUri('docs', '_posts', '2021-03-04-jekyll-news.md');
    await writeText(postUri('docs', '_config.yml'), 'title: Docs\nurl: "https://docs.example"\npermalink: /news/:title/\n');
    await waitFor(() => index.get(post)?.post.url === 'https://docs.example/news/jekyll-news/', 'the new permalink', 15_000);
  });

  test("a Jekyll draft without a date is dated by its file's modification time, as Jekyll does", async () => {
    const draft = postUri('docs', '_drafts', 'undated-draft.md');
    await writeText(draft, '---\ntitle: An undated draft\n---\nJekyll dates a draft by its file.\n');
    written.push(draft);
    // Noon local time on 3 February 2020: the calendar day is the same in every zone the machine may run in.
    const noon = new Date(2020, 1, 3, 12, 0, 0);
    fs.utimesSync(draft.fsPath, noon, noon);
    // Touching the file is a change on disk: the index reads it again.
    await writeText(draft, '---\ntitle: An undated draft\n---\nJekyll dates a draft by its file (modified).\n');
    fs.utimesSync(draft.fsPath, noon, noon);
    const index = (await api()).index;
    await waitFor(() => index.get(draft)?.post.date?.source === 'file-mod-time' && index.get(draft)?.post.date?.value.year === 2020, 'the draft dated by its modification time', 15_000);
    const dated = index.get(draft)?.post;
    assert.deepEqual([dated?.date?.value.month, dated?.date?.value.day, dated?.status], [2, 3, 'draft']);

    // Open, edited and saved: the save gives the file a new modification time, and the open document's analysis follows it.
    const hover = async (): Promise<string> => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', draft, new vscode.Position(0, 1));
      return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    };
    const document = await vscode.workspace.openTextDocument(draft);
    assert.match(await hover(), /February 3, 2020/);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(draft, new vscode.Position(3, 0), 'Edited. ');
    await vscode.workspace.applyEdit(edit);
    assert.match(await hover(), /February 3, 2020/, 'unsaved, the file keeps its time');
    await document.save();
    const today = new Date().toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric' });
    assert.match(await hover(), new RegExp(today), 'saved, the date is the new modification time');
  });

  test("a Hugo site configured with :git dates a post by its last commit, read in the background", async function () {
    this.timeout(60_000);
    const files: Record<string, string> = {
      'hugo.toml': 'baseURL = "https://git.example/"\ntitle = "Git"\nenableGitInfo = true\n[frontmatter]\ndate = [":git", "date"]\n',
      'content/posts/committed.md': '---\ntitle: Committed\n---\nDated by its commit.\n',
    };
    // The site and its repository are made outside the workspace and copied in whole, as a clone appears:
    // the site is never seen without its history.
    const made = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-gitblog-'));
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=Postdesk Test', '-c', 'user.email=test@postdesk.invalid', '-c', 'commit.gpgsign=false', ...args], {
        cwd: made,
        env: { ...process.env, GIT_AUTHOR_DATE: '2019-07-08T10:00:00+02:00', GIT_COMMITTER_DATE: '2019-07-08T10:00:00+02:00' },
      });
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(made, name)), { recursive: true });
      fs.writeFileSync(path.join(made, name), text);
    }
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'first');
    await vscode.workspace.fs.copy(vscode.Uri.file(made), postUri('gitblog'), { overwrite: true });
    fs.rmSync(made, { recursive: true, force: true });
    const post = postUri('gitblog', 'content', 'posts', 'committed.md');
    const index = (await api()).index;
    try {
      await waitFor(() => index.get(post)?.post.date?.source === 'git', 'the post dated by its commit', 30_000);
    } catch (error) {
      assert.fail(`${String(error)}; the index has ${JSON.stringify(index.get(post)?.post)}`);
    }
    const dated = index.get(post)?.post;
    assert.deepEqual([dated?.date?.value.year, dated?.date?.value.month, dated?.date?.value.day], [2019, 7, 8]);
  });
});
