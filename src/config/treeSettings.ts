// The Posts view's settings (postdesk.tree.*), typed and read once per
// change (the shape of src/config/settings.ts): the view, its provider and its
// title-bar commands ask this class, never the configuration by string. To add
// a setting: declare it in package.json, add it to TreeSettingValues and read().
import * as vscode from 'vscode';
import { FeatureSettings, isBoolean, isFiniteNumber, typed } from './settings';

export type Grouping = 'year-month' | 'year' | 'none';
export type SortOrder = 'newest' | 'oldest' | 'title';
export const GROUPINGS: readonly Grouping[] = ['year-month', 'year', 'none'];
export const SORT_ORDERS: readonly SortOrder[] = ['newest', 'oldest', 'title'];

export interface TreeSettingValues {
  readonly grouping: Grouping;
  readonly sortOrder: SortOrder;
  /** Pages and section pages in a group of their own. */
  readonly showPages: boolean;
  readonly followActiveEditor: boolean;
  /** Posts a group shows before its "Show more" row; 0 shows them all. */
  readonly pageSize: number;
}

/** postdesk.tree.pageSize's default (package.json says the same). */
export const DEFAULT_PAGE_SIZE = 200;

const SECTION = 'postdesk.tree';

const isGrouping = (value: unknown): value is Grouping => GROUPINGS.includes(value as Grouping);
const isSortOrder = (value: unknown): value is SortOrder => SORT_ORDERS.includes(value as SortOrder);

/** The Posts view's settings: the window's (one view lists every folder), so features read `current`. */
export class TreeSettings extends FeatureSettings<TreeSettingValues> {
  constructor() {
    super([SECTION]);
  }

  get current(): TreeSettingValues {
    return this.for();
  }

  protected read(scope: vscode.Uri | undefined): TreeSettingValues {
    const settings = vscode.workspace.getConfiguration(SECTION, scope);
    return {
      grouping: typed(settings, 'grouping', isGrouping, 'year-month'),
      sortOrder: typed(settings, 'sortOrder', isSortOrder, 'newest'),
      showPages: typed(settings, 'showPages', isBoolean, false),
      followActiveEditor: typed(settings, 'followActiveEditor', isBoolean, true),
      // A hand-edited -5 or 12.5 still means something: none hidden, or 12.
      pageSize: Math.max(0, Math.floor(typed(settings, 'pageSize', isFiniteNumber, DEFAULT_PAGE_SIZE))),
    };
  }

  /**
   * Writes a setting where its current value comes from, so a workspace
   * setting does not silently shadow the change; otherwise the user's own
   * settings. Compares with the stored value, not the cached one: two writes
   * in a row must not be skipped because the first one's event is still on its way.
   */
  async update<K extends 'grouping' | 'sortOrder'>(key: K, value: TreeSettingValues[K]): Promise<void> {
    const settings = vscode.workspace.getConfiguration(SECTION);
    if (settings.get<string>(key) === value) return;
    const inspected = settings.inspect<string>(key);
    const target = inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await settings.update(key, value, target);
  }
}
