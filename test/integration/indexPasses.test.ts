// The index's first scan in two passes: every post listed from a quick read of
// its front matter, then checked by the rules. A fresh index over the fixture
// workspace shows what consumers see at each stage: the listed posts must be
// exactly the posts the full analysis gives, and every post's findings must
// arrive (as `findingsOnly` changes) before `ready`.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ConfigService } from '../../src/config/configService';
import { DocumentAnalyses } from '../../src/analysis/documentAnalyses';
import { analyze, decodeFile } from '../../src/core';
import { createNodeContentReader } from '../../src/node/nodeReader';
import { PostIndex, type IndexedPost, type PostIndexChange } from '../../src/index/postIndex';
import { workspaceFsReader, type ContentReader, type ReadResult } from '../../src/index/reader';
import { activatePostdesk } from './diagnostics.helpers';

interface Stages {
  readonly listed: Map<string, IndexedPost>;
  readonly ready: Map<string, IndexedPost>;
  readonly changes: PostIndexChange[];
}

async function scanInStages(reader: ContentReader): Promise<Stages> {
  const config = new ConfigService();
  const analyses = new DocumentAnalyses(config);
  const index = new PostIndex(config, analyses, reader);
  const changes: PostIndexChange[] = [];
  const subscription = index.onDidChange((change) => changes.push(change));
  try {
    await index.listed;
    const listed = new Map(index.all().map((entry) => [entry.uri.toString(), entry]));
    await index.ready;
    const ready = new Map(index.all().map((entry) => [entry.uri.toString(), entry]));
    return { listed, ready, changes };
  } finally {
    subscription.dispose();
    index.dispose();
    analyses.dispose();
    config.dispose();
  }
}

/** The Node host's reader, with its read worker as the extension bundles it. */
function localFilesReader(): ContentReader & { dispose(): void } {
  const extension = vscode.extensions.getExtension('postdesk.postdesk');
  assert.ok(extension, 'Postdesk is installed in this host');
  return createNodeContentReader(path.join(extension.extensionPath, 'dist', 'readWorker.js'));
}

suite('Read worker in the extension host', () => {
  test('reads local files off the host thread with the same results as reading them on it', async () => {
    const reader = localFilesReader();
    try {
      const uris = await vscode.workspace.findFiles('**/*.{md,markdown}', '**/node_modules/**');
      assert.ok(uris.length >= 10, `only ${uris.length} fixture files`);
      const missing = vscode.Uri.joinPath(uris[0], '..', 'no-such-post.md');
      const asked = [...uris, missing];
      const sizes = asked.map(() => 1e9);
      const many = await reader.readMany?.(asked, sizes);
      assert.ok(many, 'the Node reader reads many files at once');
      assert.equal(many.length, asked.length);
      // Bytes compared as bytes: the worker's are a view of one buffer, the host thread's a Buffer.
      const comparable = (result: ReadResult | undefined): unknown => (result?.kind === 'bytes' ? { kind: 'bytes', bytes: [...result.bytes] } : result);
      asked.forEach((uri, i) => assert.deepEqual(comparable(many[i]), comparable(reader.readSync?.(uri, sizes[i])), `what the worker read of ${uri.path}`));
      assert.deepEqual(many[many.length - 1], { kind: 'missing' });
      // A size limit is applied in the worker, before reading.
      const [tooLarge] = (await reader.readMany?.([uris[0]], [1])) ?? [];
      assert.equal(tooLarge?.kind, 'too-large');
    } finally {
      reader.dispose();
    }
  });
});

for (const [name, makeReader] of [
  ['local files', localFilesReader],
  ['vscode.workspace.fs', () => workspaceFsReader],
] as const) {
  suite(`Post index: first scan in two passes (${name})`, () => {
    let stages: Stages;

    let reader: ContentReader & { dispose?(): void };

    suiteSetup(async () => {
      // The extension's own index first, so this one does not race its startup.
      await activatePostdesk();
      reader = makeReader();
      stages = await scanInStages(reader);
    });

    suiteTeardown(() => reader?.dispose?.());

    test('lists every post before the rules run, with the post the full analysis gives', async () => {
      assert.ok(stages.listed.size >= 10, `only ${stages.listed.size} posts listed`);
      assert.deepEqual([...stages.listed.keys()].sort(), [...stages.ready.keys()].sort(), 'the listing has every post');
      const unchecked = [...stages.listed.values()].filter((entry) => !entry.analyzed);
      assert.ok(unchecked.length >= 5, 'most posts were listed before being checked');
      for (const entry of unchecked) assert.deepEqual(entry.findings, [], 'findings come with the check');
      const config = new ConfigService();
      try {
        await config.ready;
        for (const [key, entry] of stages.listed) {
          const decoded = decodeFile(await vscode.workspace.fs.readFile(entry.uri), 1e9);
          if (!decoded.ok) continue;
          const analysis = analyze({ path: entry.uri.path, text: decoded.text }, config.forUri(entry.uri), { site: config.siteContext(entry.uri) });
          // A post only listed has everything but its word count, which comes with the check.
          if (!entry.analyzed) assert.equal(entry.post.wordCount, undefined, `listed post of ${key} has no word count yet`);
          assert.deepEqual(entry.analyzed ? entry.post : { ...entry.post, wordCount: analysis.post.wordCount }, analysis.post, `listed post of ${key}`);
          assert.deepEqual(stages.ready.get(key)?.post, analysis.post, `checked post of ${key}`);
        }
      } finally {
        config.dispose();
      }
    });

    test('every post is checked by ready, and its findings were announced', () => {
      const announced = new Set(stages.changes.filter((change) => change.findingsOnly).flatMap((change) => change.changed.map(String)));
      for (const [key, entry] of stages.ready) {
        assert.equal(entry.analyzed, true, `${key} is checked`);
        if (!stages.listed.get(key)?.analyzed) assert.ok(announced.has(key), `the findings of ${key} were announced`);
      }
      const withFindings = [...stages.ready.values()].filter((entry) => entry.findings.length > 0);
      assert.ok(withFindings.length >= 2, 'the fixture has posts with findings, and the check found them');
      assert.ok(!stages.changes.some((change) => change.reset), 'the first scan adds posts as it goes, it does not reset');
    });

    test('ends with the same findings as the extension index', async () => {
      const extension = vscode.extensions.getExtension<{ index: PostIndex }>('postdesk.postdesk');
      const api = await extension?.activate();
      assert.ok(api);
      for (const [key, entry] of stages.ready) {
        const theirs = api.index.get(entry.uri);
        if (!theirs || theirs.fromOpenEditor) continue;
        assert.deepEqual(entry.findings, theirs.findings, `findings of ${key}`);
      }
    });
  });
}
