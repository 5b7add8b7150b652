// Feeds the Posts view from the post index. Posts are represented by their
// vscode.Uri (one stable object per file), so context-menu commands such as
// Open Preview or Reveal in Explorer receive a Uri like any file command.
import * as vscode from 'vscode';
import { Disposable } from '../common/dispose';
import type { TreeSettings, TreeSettingValues } from '../config/treeSettings';
import type { IndexedPost, PostIndex, PostIndexChange } from '../index/postIndex';
import { PostTreeModel, type GroupNode, type ModelEntry, type ModelFolder, type ModelSite, type TreeModelOptions, type TreeNode } from './model';
import { GroupPages, type MoreNode } from './paging';
import { groupTreeItem, moreTreeItem, postCommand, postTooltip, postTreeItem } from './treeItems';

/** An element of the Posts view: a group, a post by its file's Uri, or a long group's "Show more" row. */
export type PostsViewElement = GroupNode | vscode.Uri | MoreNode;

export function isGroup(element: PostsViewElement): element is GroupNode {
  return !(element instanceof vscode.Uri) && element.kind === 'group';
}

export function isMore(element: unknown): element is MoreNode {
  return typeof element === 'object' && element !== null && !(element instanceof vscode.Uri) && (element as MoreNode).kind === 'more';
}

/** Children the view received: what the test API's clock (api.ts) records. */
export interface ChildrenServed {
  /** The parent, or undefined for the top level. */
  readonly parent: PostsViewElement | undefined;
  readonly children: number;
  /** Posts in the whole view at that moment. */
  readonly posts: number;
}

/** What the model needs to know from the settings and the display language. */
export function viewOptions(settings: TreeSettingValues, locale: string = vscode.env.language): TreeModelOptions {
  return {
    grouping: settings.grouping,
    order: settings.sortOrder,
    locale,
    showPages: settings.showPages,
    labels: {
      drafts: vscode.l10n.t('Drafts'),
      scheduled: vscode.l10n.t('Scheduled'),
      expired: vscode.l10n.t('Expired'),
      unlisted: vscode.l10n.t('Unlisted'),
      undated: vscode.l10n.t('Undated'),
      pages: vscode.l10n.t('Pages'),
      otherFiles: vscode.l10n.t('Other files'),
    },
  };
}

/** Posts are listed; pages and section pages only when postdesk.tree.showPages asks for them. */
function isListed(indexed: IndexedPost, options: TreeModelOptions): boolean {
  const kind = indexed.post.kind ?? 'post';
  return kind === 'post' || (options.showPages === true && kind !== 'static');
}

/** A rebuild gives the event loop back after this long, so 100,000 posts never freeze the extension host. */
const REBUILD_SLICE_MS = 8;
/** Index changes touching more posts than this rebuild the model (in slices) instead of updating it post by post. */
const LARGE_CHANGE = 200;

export class PostsTreeProvider extends Disposable implements vscode.TreeDataProvider<PostsViewElement> {
  private model: PostTreeModel;
  /** The one Uri object per post that the view knows the post by. */
  private elements = new Map<string, vscode.Uri>();
  private built = false;
  private generation = 0;
  private rebuilding: Promise<void> | undefined;
  /** Files that changed while a rebuild was running: re-read from the index once it lands. */
  private readonly pendingUris = new Map<string, vscode.Uri>();
  /**
   * Posts whose hover was built before the check had counted their words:
   * VS Code keeps a resolved hover until its row is refreshed, so the row is
   * refreshed when the count arrives.
   */
  private readonly hoversWithoutCount = new Map<string, vscode.Uri>();
  /** How many posts each group shows (postdesk.tree.pageSize, and the author's "Show more" clicks). */
  private readonly pages: GroupPages;
  private readonly changeEmitter = this._register(new vscode.EventEmitter<PostsViewElement | PostsViewElement[] | undefined>());
  private readonly updateEmitter = this._register(new vscode.EventEmitter<void>());
  private readonly servedEmitter = this._register(new vscode.EventEmitter<ChildrenServed>());

  readonly onDidChangeTreeData = this.changeEmitter.event;
  /** Fires after the model has taken in a change (tests and the view's title count use it). */
  readonly onDidUpdate = this.updateEmitter.event;
  /** Fires as children leave for the view (synchronously, so a listener's clock reads the moment). */
  readonly onDidServeChildren = this.servedEmitter.event;

  constructor(
    private readonly index: PostIndex,
    private readonly settings: TreeSettings,
    /** A folder's sites as the view names them (several: a node each). */
    private readonly sitesOf: (folder: vscode.WorkspaceFolder) => readonly ModelSite[] | undefined = () => undefined,
  ) {
    super();
    this.model = new PostTreeModel(viewOptions(settings.current));
    this.pages = new GroupPages(settings.current.pageSize);
    this._register(index.onDidChange((change) => this.apply(change)));
    // What the model is built from: a change to anything else (followActiveEditor) rebuilds nothing.
    const listing = (values: TreeSettingValues): string => `${values.grouping}\u0000${values.sortOrder}\u0000${values.showPages}`;
    let listed = listing(settings.current);
    this._register(
      settings.onDidChange(() => {
        if (settings.current.pageSize !== this.pages.size) {
          this.pages.resize(settings.current.pageSize);
          if (this.built) this.changeEmitter.fire(undefined);
        }
        const next = listing(settings.current);
        if (next === listed) return;
        listed = next;
        void this.rebuild();
      }),
    );
  }

  get size(): number {
    return this.model.size;
  }

  get options(): TreeModelOptions {
    return this.model.currentOptions;
  }

  /**
   * Waits for the first scan's listing (not its findings) so the view shows
   * its progress bar rather than the "no posts" welcome.
   */
  async whenBuilt(): Promise<void> {
    while (!this.built && !this.isDisposed) {
      await this.index.listed;
      if (!this.built) await (this.rebuilding ?? this.rebuild());
    }
  }

  async getChildren(element?: PostsViewElement): Promise<PostsViewElement[]> {
    if (!element) await this.whenBuilt();
    const children = this.childrenOf(element);
    this.servedEmitter.fire({ parent: element, children: children.length, posts: this.model.size });
    return children;
  }

  /** The children as they are now, for a reader other than the view (the test API's snapshot): not reported as served. */
  childrenOf(element: PostsViewElement | undefined): PostsViewElement[] {
    if (element instanceof vscode.Uri || isMore(element)) return [];
    return this.pages.page(element, this.model.children(element)).map((node) => (node.kind === 'more' ? node : this.toElement(node)));
  }

  getTreeItem(element: PostsViewElement): vscode.TreeItem {
    if (isGroup(element)) return groupTreeItem(element);
    if (isMore(element)) return moreTreeItem(element);
    const indexed = this.index.get(element);
    if (!indexed) return new vscode.TreeItem(element);
    return postTreeItem(indexed, element, this.model.currentOptions.locale);
  }

  /**
   * What a post's row needs only when the author hovers it (the tooltip) or
   * opens it (the command: VS Code resolves an item without one before it
   * runs it). Left out of getTreeItem, a year of 1,000 posts goes to the
   * workbench without 1,000 commands to convert, send and keep.
   */
  resolveTreeItem(item: vscode.TreeItem, element: PostsViewElement): vscode.TreeItem {
    if (element instanceof vscode.Uri) {
      const indexed = this.index.get(element);
      // A post listed without its word count: its row is refreshed when the count comes.
      if (indexed && indexed.post.wordCount === undefined) this.hoversWithoutCount.set(element.toString(), element);
    }
    return this.resolvedItem(item, element);
  }

  /** `resolveTreeItem` without noting the hover: what the view's snapshot for tests reads. */
  resolvedItem(item: vscode.TreeItem, element: PostsViewElement): vscode.TreeItem {
    if (element instanceof vscode.Uri) {
      const indexed = this.index.get(element);
      if (indexed) {
        item.tooltip = postTooltip(indexed, this.model.currentOptions.locale);
        item.command ??= postCommand(element);
      }
    }
    return item;
  }

  getParent(element: PostsViewElement): PostsViewElement | undefined {
    if (isMore(element)) return element.parent;
    const node = isGroup(element) ? element : this.model.post(element.toString());
    const parent = node ? this.model.parent(node) : undefined;
    return parent;
  }

  /** The view's element for a file, when it is a post. */
  elementFor(uri: vscode.Uri): vscode.Uri | undefined {
    const key = uri.toString();
    return this.model.post(key) ? this.elements.get(key) : undefined;
  }

  /** A long group's "Show more" row clicked: a page more of its posts, or all of them. */
  showMore(more: MoreNode, all = false): void {
    const id = more.parent?.id ?? '';
    if (all) this.pages.showAll(id);
    else this.pages.showMore(id);
    this.refreshGroup(id);
  }

  /**
   * Makes a post's row exist in the view before it is revealed (VS Code can
   * reveal only an element its parent's children include): a post beyond its
   * group's shown posts brings the page it is on. False when it is not a post.
   */
  showPost(uri: vscode.Uri): boolean {
    const node = this.model.post(uri.toString());
    if (!node) return false;
    const id = node.parent?.id ?? '';
    const position = GroupPages.positionOf(this.model.children(node.parent), node.id);
    if (position >= 0 && this.pages.showPosition(id, position)) this.refreshGroup(id);
    return true;
  }

  /** Fetches a group's children again, by id: the row the author clicked may be from before a rebuild. */
  private refreshGroup(id: string): void {
    const group = id === '' ? undefined : this.model.group(id);
    this.changeEmitter.fire(group);
  }

  /**
   * Rebuilds the whole model (settings changed, or the index was rebuilt) in
   * slices, into a new model that replaces the shown one only when complete.
   * A newer rebuild supersedes a running one.
   */
  rebuild(): Promise<void> {
    const generation = ++this.generation;
    return this.track(this.build(generation));
  }

  /** Marks work on the model as running; changes arriving meanwhile are replayed once it is done. */
  private track(work: Promise<void>): Promise<void> {
    const running: Promise<void> = work.finally(() => {
      if (this.rebuilding !== running) return;
      this.rebuilding = undefined;
      if (this.pendingUris.size > 0 && !this.isDisposed) {
        const uris = [...this.pendingUris.values()];
        this.pendingUris.clear();
        this.apply({ changed: uris, removed: [], reset: false });
      }
    });
    this.rebuilding = running;
    return running;
  }

  private async build(generation: number): Promise<void> {
    const folders = (vscode.workspace.workspaceFolders ?? []).map((folder): ModelFolder => {
      const sites = this.sitesOf(folder);
      return sites ? { key: folder.uri.toString(), name: folder.name, sites } : { key: folder.uri.toString(), name: folder.name };
    });
    const all = this.index.all();
    const next = new PostTreeModel(viewOptions(this.settings.current));
    next.reset(folders, []);
    const elements = new Map<string, vscode.Uri>();
    let sliceStart = performance.now();
    for (let i = 0; i < all.length; i++) {
      const indexed = all[i];
      const key = indexed.uri.toString();
      if (!isListed(indexed, next.currentOptions)) continue;
      elements.set(key, this.elements.get(key) ?? indexed.uri);
      next.add([toEntry(indexed)]);
      if ((i & 127) === 127 && performance.now() - sliceStart > REBUILD_SLICE_MS) {
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        if (generation !== this.generation || this.isDisposed) return;
        sliceStart = performance.now();
      }
    }
    if (generation !== this.generation || this.isDisposed) return;
    this.model = next;
    this.elements = elements;
    this.finishBuild();
  }

  /** After a rebuild or a sliced update: the whole view refreshes. */
  private finishBuild(): void {
    this.built = true;
    this.changeEmitter.fire(undefined);
    this.updateEmitter.fire();
  }

  private apply(change: PostIndexChange): void {
    // The first scan's findings arriving: no row has changed, only the word
    // count of a hover; the rows whose hover was shown without it are refreshed.
    if (change.findingsOnly) {
      this.refreshHoversWithCount(change.changed);
      return;
    }
    if (change.reset || (!this.built && !this.rebuilding)) {
      void this.rebuild();
      return;
    }
    if (this.rebuilding) {
      // The running rebuild (or sliced update) read the index before this change: replay it afterwards.
      for (const uri of [...change.changed, ...change.removed]) this.pendingUris.set(uri.toString(), uri);
      return;
    }
    if (change.changed.length + change.removed.length > LARGE_CHANGE) {
      // A large batch (the index's first scan publishing as it goes, a branch
      // switch) goes into the shown model in slices, with one refresh at the end.
      void this.track(this.applyInSlices(change, this.generation));
      return;
    }
    const entries: ModelEntry[] = [];
    const removedKeys: string[] = change.removed.map((uri) => uri.toString());
    for (const uri of change.changed) {
      const indexed = this.index.get(uri);
      if (!indexed || !isListed(indexed, this.model.currentOptions)) {
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

  private refreshHoversWithCount(changed: readonly vscode.Uri[]): void {
    if (this.hoversWithoutCount.size === 0) return;
    const refreshed: vscode.Uri[] = [];
    for (const uri of changed) {
      const key = uri.toString();
      const element = this.hoversWithoutCount.get(key);
      if (element === undefined || this.index.get(uri)?.post.wordCount === undefined) continue;
      this.hoversWithoutCount.delete(key);
      // Still the view's element for that post (a rebuild may have dropped it).
      if (this.elements.get(key) === element) refreshed.push(element);
    }
    if (refreshed.length > 0) this.changeEmitter.fire(refreshed);
  }

  private async applyInSlices(change: PostIndexChange, generation: number): Promise<void> {
    const removedKeys = change.removed.map((uri) => uri.toString());
    let sliceStart = performance.now();
    for (let from = 0; from < change.changed.length; from += 128) {
      const entries: ModelEntry[] = [];
      for (const uri of change.changed.slice(from, from + 128)) {
        const key = uri.toString();
        const indexed = this.index.get(uri);
        if (!indexed || !isListed(indexed, this.model.currentOptions)) {
          removedKeys.push(key);
          continue;
        }
        if (!this.elements.has(key)) this.elements.set(key, indexed.uri);
        entries.push(toEntry(indexed));
      }
      this.model.upsert(entries);
      if (performance.now() - sliceStart > REBUILD_SLICE_MS) {
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        // A rebuild started meanwhile (a reset, new settings) reads the whole index itself.
        if (generation !== this.generation || this.isDisposed) return;
        sliceStart = performance.now();
      }
    }
    this.model.remove(removedKeys);
    for (const key of removedKeys) if (!this.model.post(key)) this.elements.delete(key);
    this.finishBuild();
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
