// The order of the Posts view's rows, apart from the tree that holds them:
// status groups first, then years and months newest first (or oldest),
// workspace folders in the workspace's order; posts by date, then title, or
// by title alone. Pure, like the model.
import type { SortOrder } from '../config/treeSettings';
import type { GroupKind } from './groupSpecs';
import { safeLocale } from './labels';

/** Status groups come first, in this order (issue 4: set apart, at the top). */
const STATUS_RANK: Readonly<Record<GroupKind, number>> = { folder: 0, site: 0, drafts: 1, scheduled: 2, expired: 3, unlisted: 3.5, undated: 4, year: 5, month: 5, pages: 6 };

/** What a group is ordered by. */
export interface OrderedGroup {
  readonly id: string;
  readonly group: GroupKind;
  readonly year?: number;
  readonly month?: number;
}

/** What a post is ordered by: `sortKey` is NaN for an undated post. */
export interface OrderedPost {
  readonly id: string;
  readonly sortKey: number;
  readonly entry: { readonly post: { readonly title: string } };
}

export class RowOrder {
  private readonly collator: Intl.Collator;

  /** `folderIds`: the workspace folders' group ids, in the workspace's order. */
  constructor(
    private readonly order: SortOrder,
    locale: string,
    private readonly folderIds: readonly string[],
  ) {
    this.collator = new Intl.Collator(safeLocale(locale), { numeric: true, sensitivity: 'base' });
  }

  compareGroups(a: OrderedGroup, b: OrderedGroup): number {
    if (a.group === 'folder' && b.group === 'folder') return this.folderIndex(a) - this.folderIndex(b);
    if (a.group === 'site' && b.group === 'site') return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    const rank = STATUS_RANK[a.group] - STATUS_RANK[b.group];
    if (rank !== 0) return rank;
    // Years and months: newest first, unless the author asked for oldest first.
    const direction = this.order === 'oldest' ? 1 : -1;
    return direction * ((a.year ?? 0) * 100 + (a.month ?? 0) - ((b.year ?? 0) * 100 + (b.month ?? 0)));
  }

  comparePosts(a: OrderedPost, b: OrderedPost): number {
    const byTitle = (): number => this.collator.compare(a.entry.post.title, b.entry.post.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    if (this.order === 'title') return byTitle();
    const aDated = !Number.isNaN(a.sortKey);
    const bDated = !Number.isNaN(b.sortKey);
    // Undated posts (drafts without a date) come after dated ones, by title.
    if (aDated !== bDated) return aDated ? -1 : 1;
    if (aDated && a.sortKey !== b.sortKey) return this.order === 'oldest' ? a.sortKey - b.sortKey : b.sortKey - a.sortKey;
    return byTitle();
  }

  /** A folder group's place: the workspace's order, unknown folders last. */
  private folderIndex(group: OrderedGroup): number {
    const index = this.folderIds.indexOf(group.id);
    return index < 0 ? this.folderIds.length : index;
  }
}
