// The workspace's posts by their address on their site (`post.url`), for a
// link in one post to another by its permalink: the preview opens that post
// in the editor instead of the browser. Built when first asked after a change.
import type * as vscode from 'vscode';
import { addressKey } from '../core/site/postAddress';
import { Disposable } from '../common/dispose';
import type { PostIndex } from './postIndex';

export class PostAddresses extends Disposable {
  private byKey: Map<string, vscode.Uri> | undefined;

  constructor(private readonly index: PostIndex) {
    super();
    this._register(
      index.onDidChange((event) => {
        if (!event.findingsOnly) this.byKey = undefined;
      }),
    );
  }

  /** The post at the first of `keys` (see core/site/postAddress.ts) that names one. */
  find(keys: readonly string[]): vscode.Uri | undefined {
    if (keys.length === 0) return undefined;
    if (!this.byKey) {
      this.byKey = new Map();
      for (const entry of this.index.all()) {
        const key = entry.post.url === undefined ? undefined : addressKey(entry.post.url);
        if (key !== undefined && !this.byKey.has(key)) this.byKey.set(key, entry.uri);
      }
    }
    for (const key of keys) {
      const found = this.byKey.get(key);
      if (found) return found;
    }
    return undefined;
  }
}
