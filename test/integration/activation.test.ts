// The extension shell in a real extension host: it activates on the fixture
// workspace, contributes its commands and view, and its API reports the
// fixture's posts as the engine reads them (see test/fixtures/README.md).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PostdeskApi } from '../../src/extension';
import type { IndexedPost } from '../../src/index/postIndex';
import type { PostDate } from '../../src/core/types';
import { reportActivationFailure, type FailureUi } from '../../src/activationFailure';
import { composePostdesk, type HostServices } from '../../src/compose';
import { workspaceFsReader } from '../../src/index/reader';
import { ConfigService } from '../../src/config/configService';

const EXTENSION_ID = 'postdesk.postdesk';

interface Manifest {
  version: string;
  contributes: {
    commands: { command: string; title: string }[];
    views: Record<string, { id: string }[]>;
    viewsContainers: { activitybar: { id: string }[] };
  };
}

async function activate(): Promise<{ extension: vscode.Extension<PostdeskApi>; api: PostdeskApi }> {
  const extension = vscode.extensions.getExtension<PostdeskApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in this host`);
  const api = await extension.activate();
  return { extension, api };
}

function isoDate(date: PostDate | undefined): string | undefined {
  if (!date) return undefined;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** The indexed post whose path ends with `suffix` (posix separators). */
function post(all: readonly IndexedPost[], suffix: string): IndexedPost {
  const found = all.find((p) => p.uri.path.endsWith(suffix));
  assert.ok(found, `no indexed post ends with ${suffix}; indexed: ${all.map((p) => vscode.workspace.asRelativePath(p.uri)).join(', ')}`);
  return found;
}

suite('Extension shell', () => {
  test('runs in a real Node extension host on the fixture workspace', () => {
    assert.equal(typeof process.versions.node, 'string');
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1);
    assert.equal(folders[0]!.name, 'workspace');
    console.log(`      [host] VS Code ${vscode.version}, ${vscode.env.appName}, uiKind=${vscode.UIKind[vscode.env.uiKind]}, remote=${vscode.env.remoteName ?? 'none'}`);
  });

  test('activates and returns the typed API', async () => {
    const { extension, api } = await activate();
    assert.equal(extension.isActive, true);
    const manifest = extension.packageJSON as Manifest;
    assert.equal(api.version, manifest.version);
    assert.equal(typeof api.index.all, 'function');
    assert.ok(api.index.ready instanceof Promise, 'api.index.ready is a promise');
  });

  test("keeps V8's code cache of its bundle in its global storage, or starts from it", async function () {
    this.timeout(60_000);
    const { api } = await activate();
    const cache = api.codeCache;
    assert.ok(cache, 'the Node extension host loads the bundle through the code cache');
    await api.index.ready;
    const saved = await cache.saved;
    if (cache.used) {
      // A window of this profile made it before: nothing to write.
      assert.equal(saved, undefined);
    } else {
      assert.ok(saved, 'a cache was written');
      assert.match(path.basename(saved), /^main-[0-9a-f]{32}-.+\.v8cache$/);
      assert.match(saved, /globalStorage/i);
      assert.ok(fs.statSync(saved).size > 10_000, 'the cache holds the compiled bundle');
    }
  });

  test('registers every command it contributes', async () => {
    const { extension } = await activate();
    const manifest = extension.packageJSON as Manifest;
    const contributed = manifest.contributes.commands.map((c) => c.command);
    assert.ok(contributed.length >= 10, `only ${contributed.length} commands contributed`);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  test('contributes the Posts view in its own activity bar container, and the view opens', async () => {
    const { extension } = await activate();
    const manifest = extension.packageJSON as Manifest;
    assert.ok(manifest.contributes.viewsContainers.activitybar.some((c) => c.id === 'postdesk'));
    assert.deepEqual(manifest.contributes.views.postdesk?.map((v) => v.id), ['postdesk.posts']);
    // The workbench creates `<view id>.focus` for every view it knows about.
    const registered = await vscode.commands.getCommands(true);
    assert.ok(registered.includes('postdesk.posts.focus'), 'the workbench does not know the postdesk.posts view');
    await vscode.commands.executeCommand('postdesk.posts.focus');
  });

  test("the API's index reports the fixture's posts with title, date and status from the engine", async () => {
    const { api } = await activate();
    await api.index.ready;
    const all = api.index.all();

    const seed = post(all, '/_posts/scraped article.md');
    assert.equal(seed.post.status, 'undated');
    assert.equal(seed.post.date, undefined);
    // A pasted article without front matter is titled by its own headline.
    assert.equal(seed.post.titleSource, 'first-line');

    const mirror = post(all, '/_posts/2019-02-14-magic-mirror.md');
    assert.equal(mirror.post.title, 'A Guide: How to Build Your Very Own Magic Mirror');
    assert.equal(isoDate(mirror.post.date?.value), '2019-02-14');
    assert.equal(mirror.post.date?.source, 'filename');
    assert.equal(mirror.post.status, 'published');

    const bundle = post(all, '/_posts/2019-03-01-page-bundle/index.md');
    assert.equal(isoDate(bundle.post.date?.value), '2019-03-01');
    assert.equal(bundle.post.date?.source, 'filename');

    const dogs = post(all, '/_posts/2020-11-03-one-or-multiple-dogs.md');
    assert.equal(dogs.post.status, 'draft');
    assert.equal(isoDate(dogs.post.date?.value), '2020-11-03');

    const crime = post(all, '/_posts/2020-11-06-charged-with-a-crime.md');
    assert.equal(crime.post.title, 'What to do when you’re charged with a crime');
    assert.equal(crime.post.status, 'draft');

    const capsule = post(all, '/_posts/2099-01-01-time-capsule.md');
    assert.equal(capsule.post.status, 'scheduled');
    assert.equal(isoDate(capsule.post.date?.value), '2099-01-01');

    const boxer = post(all, '/_posts/2020-11-06-boxer-tips.md');
    assert.equal(boxer.post.title, 'Tips for becoming a good boxer');
    assert.equal(isoDate(boxer.post.date?.value), '2020-11-06');
    assert.equal(boxer.post.date?.source, 'front-matter');
    assert.equal(boxer.post.status, 'published');

    const vacation = post(all, '/_posts/news and notes/2018-11-09-vacation-without-expanding.md');
    assert.equal(vacation.post.date?.value.kind, 'datetime');
    assert.equal(isoDate(vacation.post.date?.value), '2018-11-09');

    const broken = post(all, '/_posts/2018-11-24-baseball-stars.md');
    assert.ok(broken.findings.some((f) => f.rule === 'front-matter' && f.range.start.line === 1), 'broken YAML is reported on line 2');

    const ignored = all.filter((p) => /\/(node_modules|_site)\//.test(p.uri.path));
    assert.deepEqual(ignored.map((p) => p.uri.path), [], 'node_modules and _site are never indexed');
  });
});

suite('Activation failure', () => {
  test('shows one error message naming the cause and logs the stack to the Postdesk output channel', async () => {
    const lines: string[] = [];
    const messages: { message: string; items: string[] }[] = [];
    let shown = false;
    let channelName = '';
    const ui: FailureUi = {
      createOutputChannel: (name) => {
        channelName = name;
        return { appendLine: (l: string) => void lines.push(l), show: () => void (shown = true), dispose: () => undefined };
      },
      // The author clicks the button.
      showErrorMessage: (message, ...items) => {
        messages.push({ message, items });
        return Promise.resolve(items[0]);
      },
    };
    const disposables: vscode.Disposable[] = [];
    const message = reportActivationFailure(new Error('postdesk.config.json: unknown key `colour`'), disposables, ui);
    await new Promise((r) => setTimeout(r, 0));
    assert.equal(messages.length, 1, 'exactly one message');
    assert.equal(messages[0]!.message, message);
    assert.match(message, /Postdesk could not start: postdesk\.config\.json: unknown key `colour`/);
    assert.equal(channelName, 'Postdesk');
    assert.ok(lines.some((l) => l.includes('at ')), 'the stack is in the output channel');
    assert.equal(shown, true, '"Show Log" opens the channel');
    assert.equal(disposables.length, 1, 'the channel is disposed with the extension');
  });

  test('disposes everything composed so far when a later registration throws', async () => {
    // The extension is active, so composing it a second time fails part way: after the reader, the
    // configuration, the analyses and the index are built, registering the first command finds its id taken.
    const { extension } = await activate();
    let readerDisposed = false;
    const reader: HostServices['reader'] = { ...workspaceFsReader, dispose: () => void (readerDisposed = true) };
    const subscriptions: vscode.Disposable[] = [];
    const context = { subscriptions, extensionUri: extension.extensionUri, extension: { packageJSON: { version: '0.0.0-test' } } } as unknown as vscode.ExtensionContext;
    try {
      assert.throws(() => composePostdesk(context, { reader }));
      // The host's reader is the first thing composed: disposed, so everything built after it was too (newest first).
      assert.equal(readerDisposed, true, 'what was built before the failing step is disposed');
      assert.equal(subscriptions.length, 1, "only the failure report's output channel is left to the extension");
      assert.ok((await vscode.commands.getCommands(true)).includes('postdesk.newPost'), 'the running extension keeps its commands');
    } finally {
      for (const disposable of subscriptions) disposable.dispose();
    }
  });
});

suite('Extension shell @multi-root', () => {
  test('indexes the posts of both root folders', async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.deepEqual(folders.map((f) => f.name), ['workspace', 'workspace-b']);
    const { api } = await activate();
    await api.index.ready;
    const all = api.index.all();
    const spring = post(all, '/posts/2021-05-01-second-root-spring.md');
    assert.equal(spring.folder?.name, 'workspace-b');
    assert.equal(spring.post.title, 'Spring notes from the second site');
    assert.equal(post(all, '/_posts/2019-02-14-magic-mirror.md').folder?.name, 'workspace');
  });

  test("takes the folder a listing found a file in as its folder, unless another folder lies inside it (VS Code's innermost answer)", async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const outer = folders[0];
    assert.ok(outer);
    const mirror = vscode.Uri.joinPath(outer.uri, '_posts', '2019-02-14-magic-mirror.md');
    const hostile = vscode.Uri.joinPath(outer.uri, 'hostile', 'post.md');
    const foldersChanged = (): Promise<void> =>
      new Promise((resolve) => {
        const subscription = vscode.workspace.onDidChangeWorkspaceFolders(() => {
          subscription.dispose();
          resolve();
        });
      });
    const config = new ConfigService();
    try {
      assert.equal(config.folderOf(mirror, outer), outer);
      const added = foldersChanged();
      assert.ok(vscode.workspace.updateWorkspaceFolders(folders.length, 0, { uri: vscode.Uri.joinPath(outer.uri, '_posts') }));
      await added;
      try {
        assert.equal(config.folderOf(mirror, outer)?.name, '_posts');
        assert.equal(config.folderOf(hostile, outer)?.uri.toString(), outer.uri.toString());
        assert.equal(config.folderOf(mirror)?.name, '_posts');
      } finally {
        const removed = foldersChanged();
        vscode.workspace.updateWorkspaceFolders(folders.length, 1);
        await removed;
      }
      assert.equal(config.folderOf(mirror, outer), outer);
    } finally {
      config.dispose();
    }
  });
});
