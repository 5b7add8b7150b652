// Long groups of the Posts view in pages. A group of more posts than a page
// (a year of 1,000 posts grouped by year, 10,000 posts ungrouped) shows its
// first page and a "Show more" row, as VS Code's Timeline view and GitLens's
// history do: the workbench is sent, converts and draws a page of rows per
// expansion instead of all of them, for a sidebar that shows a few dozen at a
// time. Pure: the provider keeps the state and the workbench's elements.
import type { GroupNode, TreeNode } from './model';

/** The row after a group's shown posts: clicking it shows a page more. */
export interface MoreNode {
  readonly kind: 'more';
  /** Unique in the tree: "more:" and the group's id (no group or post id starts so). */
  readonly id: string;
  /** The group whose posts it pages; undefined at the top level (posts not grouped). */
  readonly parent: GroupNode | undefined;
  /** Posts of the group shown above it. */
  readonly shown: number;
  /** Posts of the group not shown yet. */
  readonly hidden: number;
  /** Posts a click shows: a page, or the rest when that is less. */
  readonly next: number;
}

export function moreId(parent: GroupNode | undefined): string {
  return `more:${parent?.id ?? ''}`;
}

/**
 * How many posts each group shows: a page until the author asks for more.
 * Kept by group id, so it survives rebuilds of the model (new settings, a
 * branch switch) as long as the group exists.
 */
export class GroupPages {
  private readonly shown = new Map<string, number>();

  /** `pageSize` 0 (or less) shows every post of every group. */
  constructor(private pageSize: number) {}

  get size(): number {
    return this.pageSize;
  }

  /** A new page size: every group starts again from its first page. */
  resize(pageSize: number): void {
    this.pageSize = pageSize;
    this.shown.clear();
  }

  /** Posts the group shows now. */
  limit(groupId: string): number {
    if (this.pageSize <= 0) return Infinity;
    return this.shown.get(groupId) ?? this.pageSize;
  }

  /** A page more. */
  showMore(groupId: string): void {
    if (this.pageSize <= 0) return;
    this.shown.set(groupId, this.limit(groupId) + this.pageSize);
  }

  showAll(groupId: string): void {
    this.shown.set(groupId, Infinity);
  }

  /**
   * Makes the post at `position` (0-based, among the group's posts) shown,
   * to the end of its page. Returns false when it was already shown.
   */
  showPosition(groupId: string, position: number): boolean {
    const limit = this.limit(groupId);
    if (position < limit) return false;
    this.shown.set(groupId, (Math.floor(position / this.pageSize) + 1) * this.pageSize);
    return true;
  }

  /**
   * A group's children as the view shows them: its groups, its first posts
   * up to the limit, then a MoreNode when any are left out. The model sorts
   * groups before posts; this keeps whatever order it is given.
   */
  page(parent: GroupNode | undefined, children: readonly TreeNode[]): (TreeNode | MoreNode)[] {
    const limit = this.limit(parent?.id ?? '');
    let posts = 0;
    for (const child of children) if (child.kind === 'post') posts++;
    if (posts <= limit) return children.slice();
    const out: (TreeNode | MoreNode)[] = [];
    let kept = 0;
    for (const child of children) {
      if (child.kind !== 'post') out.push(child);
      else if (kept < limit) {
        out.push(child);
        kept++;
      }
    }
    const hidden = posts - kept;
    out.push({ kind: 'more', id: moreId(parent), parent, shown: kept, hidden, next: Math.min(hidden, this.pageSize) });
    return out;
  }

  /** Where a post stands among its group's posts (for showPosition); -1 when it is not there. */
  static positionOf(children: readonly TreeNode[], postId: string): number {
    let position = 0;
    for (const child of children) {
      if (child.kind !== 'post') continue;
      if (child.id === postId) return position;
      position++;
    }
    return -1;
  }
}
