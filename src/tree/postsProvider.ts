// Feeds the Posts view from the post index. Posts are represented by their
// vscode.Uri (one stable object per file), so context-menu commands such as
// Open Preview or Reveal in Explorer receive a Uri like any file command.
import * as vscode from 'vscode';
import type { IndexedPost, PostIndex, PostIndexChange } from '../index/postIndex';
import { GROUPINGS, PostTreeModel, SORT_ORDERS, type Grouping, type GroupNode, type ModelEntry, type SortOrder, type TreeModelOptions, type TreeNode } from './model';
import { groupTreeItem, postTooltip, postTreeItem } from './treeItems';

/** An element of the Posts view: a group, or a post by its file's Uri. */
export type PostsViewElement = GroupNode | vscode.Uri;

export function isGroup(element: PostsViewElement): element is GroupNode {
  return !(element instanceof vscode.Uri) && (element as GroupNode).kind === 'group';
}

export function readViewOptions(locale: string = vscode.env.language): TreeModelOptions {
  const settings = vscode.workspace.getConfiguration('postdesk.tree');
  const grouping = settings.get<string>('grouping');
  const order = settings.get<string>('sortOrder');
  return {
    grouping: GROUPINGS.includes(grouping as Grouping) ? (grouping as Grouping) : 'year-month',
    order: SORT_ORDERS.includes(order as SortOrder) ? (order as SortOrder) : 'newest',
    locale,
    labels: {
      drafts: vscode.l10n.t('Drafts'),
      scheduled: vscode.l10n.t('Scheduled'),
      undated: vscode.l10n.t('Undated'),
      otherFiles: vscode.l10n.t('Other files'),
    },
  };
}

export class PostsTreeProvider implements vscode.TreeDataProvider<PostsViewElement>, vscode.Disposable {
  private readonly model: PostTreeModel;
  /** The one Uri object per post that the view knows the post by. */
  private readonly elements = new Map<string, vscode.Uri>();
  private built = false;
  private readonly changeEmitter = new vscode.EventEmitter<PostsViewElement | PostsViewElement[] | undefined>();
  private readonly updateEmitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter, this.updateEmitter];

  readonly onDidChangeTreeData = this.changeEmitter.event;
  /** Fires after the model has taken in a change (tests and the view's title count use it). */
  readonly onDidUpdate = this.updateEmitter.event;

  constructor(private readonly index: PostIndex) {
    this.model = new PostTreeModel(readViewOptions());
    this.disposables.push(
      index.onDidChange((change) => this.apply(change)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('postdesk.tree.grouping') || event.affectsConfiguration('postdesk.tree.sortOrder')) this.rebuild();
      }),
    );
  }

  get size(): number {
    return this.model.size;
  }

  get options(): TreeModelOptions {
    return this.model.currentOptions;
  }

  /** Waits for the first scan so the view shows its progress bar rather than the "no posts" welcome. */
  async whenBuilt(): Promise<void> {
    while (!this.built) {
      await this.index.ready;
      if (!this.built) this.rebuild(false);
    }
  }

  async getChildren(element?: PostsViewElement): Promise<PostsViewElement[]> {
    if (!element) await this.whenBuilt();
    if (element instanceof vscode.Uri) return [];
    return this.model.children(element).map((node) => this.toElement(node));
  }

  getTreeItem(element: PostsViewElement): vscode.TreeItem {
    if (isGroup(element)) return groupTreeItem(element);
    const indexed = this.index.get(element);
    if (!indexed) return new vscode.TreeItem(element);
    return postTreeItem(indexed, element, this.model.currentOptions.locale);
  }

  resolveTreeItem(item: vscode.TreeItem, element: PostsViewElement): vscode.TreeItem {
    if (!isGroup(element)) {
      const indexed = this.index.get(element);
      if (indexed) item.tooltip = postTooltip(indexed, this.model.currentOptions.locale);
    }
    return item;
  }

  getParent(element: PostsViewElement): PostsViewElement | undefined {
    const node = isGroup(element) ? element : this.model.post(element.toString());
    const parent = node ? this.model.parent(node) : undefined;
    return parent;
  }

  /** The view's element for a file, when it is a post. */
  elementFor(uri: vscode.Uri): vscode.Uri | undefined {
    const key = uri.toString();
    return this.model.post(key) ? this.elements.get(key) : undefined;
  }

  /** Rebuilds the whole model (settings changed, or the index was rebuilt). */
  rebuild(notify = true): void {
    const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => ({ key: folder.uri.toString(), name: folder.name }));
    const all = this.index.all();
    const previous = new Map(this.elements);
    this.elements.clear();
    for (const indexed of all) {
      const key = indexed.uri.toString();
      this.elements.set(key, previous.get(key) ?? indexed.uri);
    }
    this.model.reset(folders, all.map(toEntry), readViewOptions());
    this.built = true;
    if (notify) this.changeEmitter.fire(undefined);
    this.updateEmitter.fire();
  }

  private apply(change: PostIndexChange): void {
    if (change.reset || !this.built) {
      this.rebuild();
      return;
    }
    const entries: ModelEntry[] = [];
    const removedKeys: string[] = change.removed.map((uri) => uri.toString());
    for (const uri of change.changed) {
      const indexed = this.index.get(uri);
      if (!indexed) {
        removedKeys.push(uri.toString());
        continue;
      }
      const key = uri.toString();
      if (!this.elements.has(key)) this.elements.set(key, indexed.uri);
      entries.push(toEntry(indexed));
    }
    const upserted = this.model.upsert(entries);
    const removed = this.model.remove(removedKeys);
    for (const key of removedKeys) if (!this.model.post(key)) this.elements.delete(key);
    if (upserted.root || removed.root) {
      this.changeEmitter.fire(undefined);
    } else {
      const nodes = [...upserted.nodes, ...removed.nodes];
      if (nodes.length > 0) this.changeEmitter.fire(nodes.map((node) => this.toElement(node)));
    }
    this.updateEmitter.fire();
  }

  private toElement(node: TreeNode): PostsViewElement {
    if (node.kind === 'group') return node;
    let element = this.elements.get(node.id);
    if (!element) {
      element = vscode.Uri.parse(node.id);
      this.elements.set(node.id, element);
    }
    return element;
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

function toEntry(indexed: IndexedPost): ModelEntry {
  return {
    key: indexed.uri.toString(),
    folder: indexed.folder?.uri.toString() ?? '',
    post: indexed.post,
    // Shown in the item (icon, tooltip): a change must refresh it even if the post is the same.
    extra: `${indexed.problem ?? ''}\u0000${indexed.fromOpenEditor ? 'unsaved' : ''}`,
    broken: indexed.problem !== undefined,
  };
}
