// The Posts view's tree as plain data, with no editor API, so unit tests can
// reach every rule and the view can update a single group when one post
// changes instead of rebuilding thousands of items. Which groups a post goes
// in is groupSpecs.ts's; the order of the rows, order.ts's.
import { dateSortKey } from '../core';
import type { ListedPost } from '../core/types';
import type { Grouping, SortOrder } from '../config/treeSettings';
import { postGroupSpecs, type GroupKind, type GroupLabels, type GroupSpec } from './groupSpecs';
import { RowOrder } from './order';

export type { Grouping, SortOrder } from '../config/treeSettings';

/** One post as the model sees it; `key` is unique (the file's URI string). */
export interface ModelEntry {
  readonly key: string;
  /** Key of the workspace folder holding the post ('' outside any folder). */
  readonly folder: string;
  readonly post: ListedPost;
  /** Anything else shown for the post (a read problem, unsaved state): a change in it refreshes the item. */
  readonly extra?: string;
  /** The file could not be read or its front matter not parsed: it goes under Undated to be looked at. */
  readonly broken?: boolean;
}

export interface ModelFolder {
  readonly key: string;
  readonly name: string;
  /** The folder's sites, when it holds more than one: each gets a node of its own. */
  readonly sites?: readonly ModelSite[];
}

export interface ModelSite {
  /** The site root, relative to the folder ('' for the folder itself). */
  readonly root: string;
  /** "docs · Jekyll" */
  readonly name: string;
  /** The generator's config file, as a URI string: the node opens it. */
  readonly configUri?: string;
}

export interface TreeModelOptions {
  readonly grouping: Grouping;
  readonly order: SortOrder;
  /** BCP 47 tag for month names and title collation (vscode.env.language). */
  readonly locale: string;
  readonly labels: GroupLabels;
  /** Pages and section pages in a group of their own (postdesk.tree.showPages); otherwise they are not listed. */
  readonly showPages?: boolean;
}

export type { GroupKind } from './groupSpecs';

export interface GroupNode {
  readonly kind: 'group';
  readonly id: string;
  readonly group: GroupKind;
  readonly parent: GroupNode | undefined;
  /** "2020", "November", "Drafts", or the folder's name. */
  readonly name: string;
  readonly year?: number;
  readonly month?: number;
  /** Posts anywhere below this group. */
  readonly count: number;
  /** A site group's config file (URI string). */
  readonly configUri?: string;
}

export interface PostNode {
  readonly kind: 'post';
  /** The entry's key. */
  readonly id: string;
  readonly entry: ModelEntry;
  readonly parent: GroupNode | undefined;
}

export type TreeNode = GroupNode | PostNode;

/**
 * What an update touched: `root` when the top level changed shape, else the
 * topmost nodes whose label or children changed (none below another).
 */
export interface ModelChange {
  readonly root: boolean;
  readonly nodes: readonly TreeNode[];
}

interface MutableGroup extends GroupNode {
  count: number;
  readonly groups: Map<string, MutableGroup>;
  readonly posts: Set<MutablePost>;
  sorted: TreeNode[] | undefined;
}

interface MutablePost extends PostNode {
  entry: ModelEntry;
  parent: MutableGroup | undefined;
  sortKey: number;
}

/** The Posts view's tree, updated post by post. */
export class PostTreeModel {
  private readonly root: MutableGroup = newGroup({ id: '', group: 'folder', name: '' }, undefined);
  private readonly posts = new Map<string, MutablePost>();
  private folders: readonly ModelFolder[] = [];
  private order: RowOrder;

  constructor(private options: TreeModelOptions) {
    this.order = new RowOrder(options.order, options.locale, []);
  }

  get size(): number {
    return this.posts.size;
  }

  get currentOptions(): TreeModelOptions {
    return this.options;
  }

  /** Replaces everything: new folders, entries or options. */
  reset(folders: readonly ModelFolder[], entries: Iterable<ModelEntry>, options: TreeModelOptions = this.options): void {
    this.options = options;
    this.folders = folders;
    this.order = new RowOrder(options.order, options.locale, folders.map((folder) => folderId(folder.key)));
    this.posts.clear();
    this.root.groups.clear();
    this.root.posts.clear();
    this.root.sorted = undefined;
    this.root.count = 0;
    if (this.multiRoot) {
      for (const folder of folders) this.root.groups.set(folderId(folder.key), newGroup({ id: folderId(folder.key), group: 'folder', name: folder.name }, undefined));
    }
    for (const entry of entries) this.place(newPost(entry), undefined);
  }

  /** Adds posts known to be new (a rebuild), without tracking what changed. */
  add(entries: Iterable<ModelEntry>): void {
    for (const entry of entries) {
      const existing = this.posts.get(entry.key);
      if (existing) this.unplace(existing, undefined);
      this.place(newPost(entry), undefined);
    }
  }

  /** Adds or updates posts; returns what the view must refresh. */
  upsert(entries: Iterable<ModelEntry>): ModelChange {
    const dirty = new Set<TreeNode | MutableGroup>();
    for (const entry of entries) {
      const existing = this.posts.get(entry.key);
      if (!existing) {
        this.place(newPost(entry), dirty);
        continue;
      }
      const before = existing.entry;
      if (sameEntry(before, entry)) continue;
      const newKey = entry.post.date ? dateSortKey(entry.post.date.value) : Number.NaN;
      const samePlace = this.specsFor(before).map((s) => s.id).join('\n') === this.specsFor(entry).map((s) => s.id).join('\n');
      if (samePlace) {
        existing.entry = entry;
        if (entry.post.title !== before.post.title || !Object.is(newKey, existing.sortKey)) {
          existing.sortKey = newKey;
          // Its position among its siblings may change: the group re-sorts.
          if (existing.parent) existing.parent.sorted = undefined;
          dirty.add(existing.parent ?? this.root);
        } else {
          dirty.add(existing);
        }
      } else {
        this.unplace(existing, dirty);
        existing.entry = entry;
        existing.sortKey = newKey;
        this.place(existing, dirty);
      }
    }
    return this.summarise(dirty);
  }

  remove(keys: Iterable<string>): ModelChange {
    const dirty = new Set<TreeNode | MutableGroup>();
    for (const key of keys) {
      const existing = this.posts.get(key);
      if (existing) this.unplace(existing, dirty);
    }
    return this.summarise(dirty);
  }

  /** Top-level nodes, in display order. */
  roots(): readonly TreeNode[] {
    return this.sortedChildren(this.root);
  }

  children(node: TreeNode | undefined): readonly TreeNode[] {
    if (!node) return this.roots();
    if (node.kind === 'post') return [];
    const group = node as MutableGroup;
    return this.isLive(group) ? this.sortedChildren(group) : [];
  }

  parent(node: TreeNode): GroupNode | undefined {
    return node.parent;
  }

  post(key: string): PostNode | undefined {
    return this.posts.get(key);
  }

  /** The current node with this id (group ids are stable while the group exists). */
  group(id: string): GroupNode | undefined {
    const walk = (group: MutableGroup): MutableGroup | undefined => {
      for (const child of group.groups.values()) {
        if (child.id === id) return child;
        if (id.startsWith(child.id)) {
          const found = walk(child);
          if (found) return found;
        }
      }
      return undefined;
    };
    return walk(this.root);
  }

  private get multiRoot(): boolean {
    return this.folders.length > 1;
  }

  /** The chain of groups an entry belongs to, outermost first. */
  private specsFor(entry: ModelEntry): GroupSpec[] {
    const specs: GroupSpec[] = [];
    let prefix = '';
    if (this.multiRoot) {
      const folder = this.folders.find((f) => f.key === entry.folder);
      const key = folder ? folder.key : '';
      specs.push({ id: folderId(key), group: 'folder', name: folder ? folder.name : this.options.labels.otherFiles });
      prefix = `${folderId(key)}/`;
    }
    const { post } = entry;
    const sites = this.folders.find((f) => f.key === entry.folder)?.sites;
    if (sites && sites.length > 1) {
      // Several sites in one folder: each site's posts under a node of its own.
      const root = post.site?.root ?? '';
      const site = sites.find((s) => s.root === root) ?? sites[0];
      if (site) {
        const id = `${prefix}site:${site.root}`;
        specs.push({ id, group: 'site', name: site.name, ...(site.configUri !== undefined ? { configUri: site.configUri } : {}) });
        prefix = `${id}/`;
      }
    }
    specs.push(...postGroupSpecs(post, entry.broken === true, prefix, this.options));
    return specs;
  }

  private place(post: MutablePost, dirty: Set<TreeNode | MutableGroup> | undefined): void {
    let group = this.root;
    group.count++;
    for (const spec of this.specsFor(post.entry)) {
      let child = group.groups.get(spec.id);
      if (!child) {
        child = newGroup(spec, group === this.root ? undefined : group);
        group.groups.set(spec.id, child);
        group.sorted = undefined;
        dirty?.add(group);
      } else if (child.group !== 'folder') {
        // Its label shows the count.
        dirty?.add(child);
      }
      group = child;
      group.count++;
    }
    group.posts.add(post);
    group.sorted = undefined;
    post.parent = group === this.root ? undefined : group;
    dirty?.add(group);
    this.posts.set(post.id, post);
  }

  private unplace(post: MutablePost, dirty: Set<TreeNode | MutableGroup> | undefined): void {
    this.posts.delete(post.id);
    let group: MutableGroup | undefined = post.parent ?? this.root;
    group.posts.delete(post);
    group.sorted = undefined;
    post.parent = undefined;
    // The leaf lost a child; groups above it only change their count label.
    dirty?.add(group);
    while (group) {
      group.count--;
      if (group === this.root) break;
      if (group.group !== 'folder') dirty?.add(group);
      const parent: MutableGroup = (group.parent as MutableGroup | undefined) ?? this.root;
      // Empty groups disappear; nodes of workspace folders stay.
      if (group.count === 0 && !this.isWorkspaceFolderGroup(group)) {
        parent.groups.delete(group.id);
        parent.sorted = undefined;
        dirty?.add(parent);
      }
      group = parent;
    }
  }

  /** Reduces a dirty set to its topmost live nodes; `root` when the top level itself changed. */
  private summarise(dirty: Set<TreeNode | MutableGroup>): ModelChange {
    if (dirty.has(this.root)) return { root: true, nodes: [] };
    const nodes: TreeNode[] = [];
    for (const node of dirty) {
      if (node.kind === 'group' && !this.isLive(node as MutableGroup)) continue;
      if (node.kind === 'post' && !this.posts.has(node.id)) continue;
      let ancestor = node.parent;
      let covered = false;
      while (ancestor) {
        if (dirty.has(ancestor)) {
          covered = true;
          break;
        }
        ancestor = ancestor.parent;
      }
      if (!covered) nodes.push(node);
    }
    return { root: false, nodes };
  }

  /** Whether a group is still attached to the tree. */
  private isLive(group: MutableGroup): boolean {
    let node: MutableGroup = group;
    while (node.parent) {
      const parent = node.parent as MutableGroup;
      if (parent.groups.get(node.id) !== node) return false;
      node = parent;
    }
    return node === this.root || this.root.groups.get(node.id) === node;
  }

  private sortedChildren(group: MutableGroup): readonly TreeNode[] {
    if (!group.sorted) {
      const groups = [...group.groups.values()].sort((a, b) => this.order.compareGroups(a, b));
      const posts = [...group.posts].sort((a, b) => this.order.comparePosts(a, b));
      group.sorted = [...groups, ...posts];
    }
    return group.sorted;
  }

  private isWorkspaceFolderGroup(group: MutableGroup): boolean {
    return group.group === 'folder' && this.folders.some((f) => folderId(f.key) === group.id);
  }
}

function folderId(key: string): string {
  return `folder:${key}`;
}

function newGroup(spec: GroupSpec, parent: MutableGroup | undefined): MutableGroup {
  return { kind: 'group', ...spec, parent, count: 0, groups: new Map(), posts: new Set(), sorted: undefined };
}

function newPost(entry: ModelEntry): MutablePost {
  return { kind: 'post', id: entry.key, entry, parent: undefined, sortKey: entry.post.date ? dateSortKey(entry.post.date.value) : Number.NaN };
}

/** Whether two entries show the same thing, so an unchanged save refreshes nothing. */
function sameEntry(a: ModelEntry, b: ModelEntry): boolean {
  if (a.folder !== b.folder || a.extra !== b.extra || a.broken !== b.broken) return false;
  const p = a.post;
  const q = b.post;
  return (
    p.path === q.path &&
    p.title === q.title &&
    p.status === q.status &&
    p.wordCount === q.wordCount &&
    p.author === q.author &&
    p.titleSource === q.titleSource &&
    p.date?.source === q.date?.source &&
    p.date?.field === q.date?.field &&
    JSON.stringify(p.date?.value) === JSON.stringify(q.date?.value)
  );
}
