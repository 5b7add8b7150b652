// A post's hover shown before the first scan's check has counted its words:
// VS Code keeps a resolved hover until the row is refreshed, so the view
// refreshes that row when the count arrives. A fresh index over the fixture
// workspace, whose check waits until the test lets it go.
import { strict as assert } from 'node:assert';
import type * as vscode from 'vscode';
import { DocumentAnalyses } from '../../src/analysis/documentAnalyses';
import { ConfigService } from '../../src/config/configService';
import { TreeSettings } from '../../src/config/treeSettings';
import { PostIndex } from '../../src/index/postIndex';
import { workspaceFsReader, type ContentReader } from '../../src/index/reader';
import { PostsTreeProvider, type PostsViewElement } from '../../src/tree/postsProvider';
import { activatePostdesk } from './diagnostics.helpers';

/** Reads through vscode.workspace.fs; every read of a file after its first (the check's) waits for `release`. */
function heldCheckReader(): { reader: ContentReader; release(): void } {
  const readsOf = new Map<string, number>();
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    reader: {
      async read(uri, maxSize) {
        const key = uri.toString();
        const reads = (readsOf.get(key) ?? 0) + 1;
        readsOf.set(key, reads);
        if (reads > 1) await released;
        return workspaceFsReader.read(uri, maxSize);
      },
    },
    release,
  };
}

function tooltipText(provider: PostsTreeProvider, element: PostsViewElement): string {
  const item = provider.resolveTreeItem(provider.getTreeItem(element), element);
  const tooltip = item.tooltip;
  return typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
}

suite('Posts view: a hover shown before the words were counted', () => {
  test('refreshes the row when the check brings the count, and only that row', async () => {
    // The extension's own index first, so this one does not race its startup.
    await activatePostdesk();
    const config = new ConfigService();
    const analyses = new DocumentAnalyses(config);
    const held = heldCheckReader();
    const index = new PostIndex(config, analyses, held.reader);
    const settings = new TreeSettings();
    const provider = new PostsTreeProvider(index, settings);
    const refreshed: PostsViewElement[] = [];
    const subscription = provider.onDidChangeTreeData((change) => {
      if (Array.isArray(change)) refreshed.push(...change);
      else if (change !== undefined) refreshed.push(change);
    });
    // Posts whose check changed more than the count and findings: their rows refresh anyway.
    const countOnly = new Set<string>();
    const indexChanges = index.onDidChange((change) => {
      if (change.findingsOnly) for (const uri of change.changed) countOnly.add(uri.toString());
    });
    try {
      await index.listed;
      await provider.whenBuilt();
      const listed = index.all().filter((entry) => !entry.analyzed && entry.post.kind === 'post');
      assert.ok(listed.length >= 4, 'posts are listed while their check waits');
      const elements = listed.map((entry) => provider.elementFor(entry.uri)).filter((element): element is vscode.Uri => element !== undefined);
      assert.equal(elements.length, listed.length, 'the listed posts are rows of the view');
      // The author hovers every other post.
      const hovered = elements.filter((_, i) => i % 2 === 0);
      const notHovered = elements.filter((_, i) => i % 2 === 1);
      for (const element of hovered) assert.doesNotMatch(tooltipText(provider, element), /\d+ words/, 'no count before the check');

      held.release();
      await index.ready;
      const checked = (element: PostsViewElement): boolean => countOnly.has(element.toString());
      assert.ok(hovered.filter(checked).length >= 1 && notHovered.filter(checked).length >= 1, 'the check brought counts to hovered and other rows');
      for (const element of hovered.filter(checked)) {
        assert.ok(refreshed.includes(element), `the hovered row of ${element.toString()} was refreshed`);
        const count = index.get(element)?.post.wordCount;
        assert.equal(typeof count, 'number', 'the check counted the words');
        assert.match(tooltipText(provider, element), new RegExp(`\\b${count} words`), 'the hover built again has the count');
      }
      for (const element of notHovered.filter(checked)) assert.ok(!refreshed.includes(element), `the row of ${element.toString()}, never hovered, is not refreshed`);
    } finally {
      held.release();
      indexChanges.dispose();
      subscription.dispose();
      provider.dispose();
      settings.dispose();
      index.dispose();
      analyses.dispose();
      config.dispose();
    }
  });
});
