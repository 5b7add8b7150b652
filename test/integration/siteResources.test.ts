// Root-relative images in the real preview (#17): the sites of
// test/fixtures/static-sites are copied into the workspace, a Hugo post's
// `/images/logo.png` (and `/blog/images/logo.png`, with the base URL's path)
// is found in the site's static/, a Jekyll post's `/blog/assets/x.png` in its
// source root, and the page is sent webview resource URLs for them; an image
// the site does not have is shown as missing with its path, and shown once
// it is added.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { PreviewApi } from '../../src/preview';
import { previewApi, previewOf } from './previewHelpers';
import { activatePostdesk, extensionPath, fixture, waitFor } from './diagnostics.helpers';
import { deleteIfExists, treeApi, waitForTree } from './treeHelpers';

const HUGO_DIR = 'static-hugo';
const JEKYLL_DIR = 'static-jekyll';

/** The `src` of every `<img>` the extension sent, by its alt text. */
function imageSources(html: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of html.matchAll(/<img src="([^"]*)" alt="([^"]*)"/g)) out.set(m[2] ?? '', m[1] ?? '');
  return out;
}

/** A webview resource URL (never a file: URL) of the workspace file whose path ends with `tail`. */
function isResourceOf(src: string | undefined, tail: string): boolean {
  return src !== undefined && /^https?:\/\/|^vscode-(webview-)?resource:/.test(src) && decodeURIComponent(src).endsWith(tail);
}

suite('Preview site resources', () => {
  let preview: PreviewApi;

  suiteSetup(async function () {
    // Copying two sites in and reading them can take over 15 s in CI, with the other lane's VS Code busy beside it.
    this.timeout(90_000);
    const api = await activatePostdesk();
    preview = await previewApi();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const source = vscode.Uri.file(`${extensionPath()}/test/fixtures/static-sites`);
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(source, 'hugo'), fixture(HUGO_DIR), { overwrite: true });
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(source, 'jekyll'), fixture(JEKYLL_DIR), { overwrite: true });
    await waitFor(
      () =>
        api.index.get(fixture(HUGO_DIR, 'content', 'posts', 'logo-post.md'))?.post.site?.generator === 'hugo' &&
        api.index.get(fixture(JEKYLL_DIR, '_posts', '2024-01-02-static-asset.md'))?.post.site?.generator === 'jekyll',
      'both fixture sites to be read',
      60_000,
    );
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await deleteIfExists(fixture(HUGO_DIR));
    await deleteIfExists(fixture(JEKYLL_DIR));
    // The sites go with their folders: the view is back to one plain site, as the next suites expect.
    await waitForTree(await treeApi(), (rows) => !rows.some((r) => / · (Hugo|Jekyll|Markdown)\b/.test(r.label)), 'the site nodes gone with their folders');
  });

  test('a Hugo post\'s root-relative image comes from static/, with or without the base URL\'s path', async () => {
    const post = fixture(HUGO_DIR, 'content', 'posts', 'logo-post.md');
    const tail = `/${HUGO_DIR}/static/images/logo.png`;
    // The file is looked up after the first render; the next one shows it.
    const sent = await previewOf(preview, post, 'the Hugo post with its logo from static/', (s) => isResourceOf(imageSources(s.bodyHtml).get('logo'), tail));
    const images = imageSources(sent.bodyHtml);
    assert.ok(isResourceOf(images.get('based logo'), tail), `with the base path: ${images.get('based logo')}`);
    assert.ok(!images.has('gone'), 'a missing image is not sent as an image');
    assert.match(sent.bodyHtml, /title="Image not available: \/images\/missing\.png"/);
  });

  test('an image added to static/ while the post is shown appears without an edit and goes when deleted, though no watcher of the post\'s folder sees either', async function () {
    // The preview watches the post's own folder; static/ is elsewhere (and watchers miss files in new folders): it looks again every 2 s.
    this.timeout(30_000);
    const post = fixture(HUGO_DIR, 'content', 'posts', 'logo-post.md');
    await previewOf(preview, post, 'the Hugo post, /images/missing.png shown missing', (s) => s.bodyHtml.includes('Image not available: /images/missing.png'));
    const png = await vscode.workspace.fs.readFile(fixture(HUGO_DIR, 'static', 'images', 'logo.png'));
    await vscode.workspace.fs.writeFile(fixture(HUGO_DIR, 'static', 'images', 'missing.png'), png);
    const tail = `/${HUGO_DIR}/static/images/missing.png`;
    await waitFor(() => isResourceOf(imageSources(preview.lastRendered?.bodyHtml ?? '').get('gone'), tail), 'the added image in the preview', 20_000);
    assert.doesNotMatch(preview.lastRendered?.bodyHtml ?? '', /Image not available/);
    // Deleted again: shown missing again, as the article's own text is unchanged.
    await vscode.workspace.fs.delete(fixture(HUGO_DIR, 'static', 'images', 'missing.png'));
    await waitFor(() => (preview.lastRendered?.bodyHtml ?? '').includes('Image not available: /images/missing.png'), 'the deleted image shown missing', 20_000);
  });

  test('a Jekyll post\'s /blog/assets/x.png (baseurl /blog) comes from the source root', async () => {
    const post = fixture(JEKYLL_DIR, '_posts', '2024-01-02-static-asset.md');
    const tail = `/${JEKYLL_DIR}/assets/x.png`;
    const sent = await previewOf(preview, post, 'the Jekyll post with its asset', (s) => isResourceOf(imageSources(s.bodyHtml).get('asset'), tail));
    assert.ok(isResourceOf(imageSources(sent.bodyHtml).get('plain'), tail), sent.bodyHtml);
  });
});
