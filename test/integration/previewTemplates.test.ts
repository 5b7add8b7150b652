// Template syntax in the real preview (#17, editor half): the Hugo and MDX
// fixtures of test/fixtures/templates are copied into the fixture workspace
// (a Hugo site below it, like sites.test.ts's blog/), previewed, and what the
// extension sent the page is checked: no shortcode, Liquid or import line
// left as prose, the figure, the admonition and the resolved links present.
// A bundle with every header field is previewed too (#17, the site's header).
// A Hugo `.html` content file, which VS Code does not call Markdown, is
// previewed too.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { PreviewApi } from '../../src/preview';
import { previewApi, previewOf } from './previewHelpers';
import { activatePostdesk, extensionPath, fixture, waitFor } from './diagnostics.helpers';
import { deleteIfExists, findByUri, treeApi, waitForTree, writeText } from './treeHelpers';

const HUGO_DIR = 'tpl-hugo';
const MDX_DIR = 'tpl-mdx';

/** The body's visible text, line by line (tags dropped, the entities the sanitiser writes decoded). */
function visibleLines(html: string): string[] {
  const text = html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
  return text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

suite('Preview templates', () => {
  let preview: PreviewApi;
  let api: Awaited<ReturnType<typeof activatePostdesk>>;

  suiteSetup(async function () {
    // Copying two sites in and reading them took over 15 s once in CI, with the other lane's VS Code busy beside it.
    this.timeout(90_000);
    api = await activatePostdesk();
    preview = await previewApi();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const source = vscode.Uri.file(`${extensionPath()}/test/fixtures/templates`);
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(source, 'hugo'), fixture(HUGO_DIR), { overwrite: true });
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(source, 'mdx'), fixture(MDX_DIR), { overwrite: true });
    // A bundle with every header field (#17), from the header e2e's fixture site.
    const headerBundle = vscode.Uri.file(`${extensionPath()}/test/fixtures/sites/header-hugo/content/posts/every-field`);
    await vscode.workspace.fs.copy(headerBundle, fixture(HUGO_DIR, 'content', 'posts', 'every-field'), { overwrite: true });
    // Hugo builds `.html` content too: a page VS Code opens as HTML, which Postdesk counts as content.
    await writeText(fixture(HUGO_DIR, 'content', 'posts', 'html-page.html'), '---\ntitle: "An HTML page"\ndate: 2019-12-01\n---\n<p>Written in HTML.</p>\n');
    await waitFor(
      () => api.index.get(fixture(HUGO_DIR, 'content', 'posts', 'now-commonmark', 'index.md'))?.post.site?.generator === 'hugo',
      'the Hugo fixture site to be read',
      60_000,
    );
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await deleteIfExists(fixture(HUGO_DIR));
    await deleteIfExists(fixture(MDX_DIR));
    // The Hugo site goes with its folder: the view is back to one plain site, as the next suites expect.
    await waitForTree(await treeApi(), (rows) => !rows.some((r) => / · (Hugo|Markdown)\b/.test(r.label)), 'the Hugo site node gone with its folder');
  });

  test('a Hugo bundle: shortcodes rendered or labelled, ref resolved, params read, no shortcode left as prose', async () => {
    const post = fixture(HUGO_DIR, 'content', 'posts', 'now-commonmark', 'index.md');
    // The ref and the shortcode's file are looked up after the first render; the next one links them.
    const sent = await previewOf(preview, post, 'the Hugo post with its ref and template file resolved', (s) => s.bodyHtml.includes('data-href="../other.md"') && s.bodyHtml.includes('postdesk-template-file'));
    const html = sent.bodyHtml;
    const lines = visibleLines(html);
    for (const line of lines) assert.doesNotMatch(line, /^\{\{[<%]/, `a shortcode shown as prose: ${line}`);
    assert.ok(!lines.some((line) => /\{\{[<%]\s*(param|ref|note|highlight|figure src="poster)/.test(line)), `shortcode syntax in the text:\n${lines.join('\n')}`);
    // Only the escaped form is shown literally.
    assert.ok(lines.some((line) => line.includes('{{< figure src="x.png" >}}')), 'the escaped shortcode is shown as written');
    assert.match(html, /<figure class="postdesk-template-figure">[\s\S]*<figcaption>The release poster<\/figcaption><\/figure>/);
    assert.ok(lines.some((line) => line.includes('Hugo version 0.60.0 switches')), 'param reads the front matter');
    assert.match(html, /<a class="postdesk-template-file"[^>]*data-href="\.\.\/\.\.\/\.\.\/layouts\/shortcodes\/note\.html"/, 'the custom shortcode links to its template');
    assert.match(html, /<strong>custom<\/strong>/, 'a {{% %}} shortcode\'s content is Markdown');
    assert.doesNotMatch(html, /postdesk-template-missing/, 'the ref resolves to the other post');
    assert.equal(sent.title, 'Now CommonMark Compliant!');
  });

  test('an MDX post: imports hidden, the component labelled, the admonition a box', async () => {
    const post = fixture(MDX_DIR, 'post.mdx');
    const sent = await previewOf(preview, post, 'the MDX post', (s) => s.bodyHtml.includes('postdesk-admonition'));
    const html = sent.bodyHtml;
    const lines = visibleLines(html);
    for (const line of lines) {
      assert.doesNotMatch(line, /^import\s/, `an import line shown as prose: ${line}`);
      assert.doesNotMatch(line, /^:::/, `an admonition fence shown as prose: ${line}`);
    }
    assert.match(html, /<div class="postdesk-admonition postdesk-admonition-tip"[^>]*><p class="postdesk-admonition-title">Pro tip<\/p>/);
    assert.match(html, /postdesk-template-label">Component <code>Chart/);
    assert.match(html, /Children are <strong>Markdown<\/strong>/);
    assert.equal(sent.title, 'MDX post');
  });

  test('the header is the site\'s: every author, categories apart from tags, the description and the bundle\'s cover reach the page', async () => {
    const post = fixture(HUGO_DIR, 'content', 'posts', 'every-field', 'index.md');
    const sent = await previewOf(preview, post, 'the post with every header field', (s) => s.title === 'A post with every header field');
    const article = sent.article;
    assert.deepEqual(article.authors, ['Ada Lovelace', 'Grace Hopper', 'Margaret Hamilton']);
    assert.equal(article.authorText, 'by Ada Lovelace, Grace Hopper and Margaret Hamilton');
    assert.deepEqual(article.categories, ['Engineering', 'Releases']);
    assert.deepEqual(article.tags, ['preview', 'header', 'hugo']);
    assert.match(article.description ?? '', /^The lead paragraph the site shows under the title/);
    assert.equal(article.status, 'draft');
    // The cover resolves like a body image: the bundle's file, as a webview resource.
    assert.equal(article.cover?.kind, 'image');
    assert.match(article.cover?.kind === 'image' ? article.cover.src : '', /every-field\/cover\.png$/);
    assert.ok(!sent.bodyHtml.includes('The lead paragraph'), 'the description is the header\'s, not the body\'s');
  });

  test('a Hugo bundle without `images` takes its featured image as cover, as Hugo\'s Open Graph template does, and follows the bundle\'s files', async function () {
    // The file added last reaches the preview through the folder's file watcher, which a loaded CI machine
    // (the integration run beside the time-zone unit run) once kept busy beyond 15 s.
    this.timeout(60_000);
    const bundle = fixture(HUGO_DIR, 'content', 'posts', 'featured-only');
    const post = vscode.Uri.joinPath(bundle, 'index.md');
    await writeText(post, '---\ntitle: "Featured only"\ndate: 2019-12-03\n---\nA bundle whose cover is named, not listed.\n');
    const png = await vscode.workspace.fs.readFile(fixture(HUGO_DIR, 'content', 'posts', 'every-field', 'cover.png'));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(bundle, 'z-feature.png'), png);
    const coverOf = (s: { article: { cover?: { kind: string; src?: string } } }): string => (s.article.cover?.kind === 'image' ? (s.article.cover.src ?? '') : '');
    // The bundle is listed after the first render; the next one has the cover.
    const sent = await previewOf(preview, post, 'the bundle\'s featured image as cover', (s) => /featured-only\/z-feature\.png$/.test(coverOf(s)));
    assert.equal(sent.title, 'Featured only');
    // A *feature* file wins over a *cover* one whatever their order; one added later is seen without reopening the preview.
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(bundle, 'a-feature.png'), png);
    await waitFor(() => /featured-only\/a-feature\.png$/.test(preview.lastRendered ? coverOf(preview.lastRendered) : ''), 'the first featured image by name', 40_000);
  });

  test('a Hugo .html content file is previewable although VS Code does not call it Markdown', async () => {
    const page = fixture(HUGO_DIR, 'content', 'posts', 'html-page.html');
    const document = await vscode.workspace.openTextDocument(page);
    assert.notEqual(document.languageId, 'markdown');
    const sent = await previewOf(preview, page, 'the HTML content page', () => true);
    assert.equal(sent.title, 'An HTML page');
    // Its row in the Posts view has the codicon of its format, not the Markdown one.
    const row = await waitForTree(await treeApi(), (rows) => findByUri(rows, page)?.row, 'the HTML page\'s row');
    assert.equal(row.icon, 'file-code');
  });

  test('a folder of .html content moved into the site is listed: the site adds `**/*.{html,htm}` to the globs, written flat for findFiles', async () => {
    // A folder that appears reports itself only; its files are found with findFiles, whose ripgrep refuses nested brace groups.
    const staged = fixture(HUGO_DIR, 'incoming');
    await writeText(vscode.Uri.joinPath(staged, 'moved.html'), '---\ntitle: "Moved in"\ndate: 2019-12-02\n---\n<p>Moved.</p>\n');
    const target = fixture(HUGO_DIR, 'content', 'moved-in');
    await vscode.workspace.fs.rename(staged, target);
    await waitFor(() => api.index.get(vscode.Uri.joinPath(target, 'moved.html'))?.post.title === 'Moved in', 'the moved folder\'s HTML page in the index', 15_000);
  });
});
