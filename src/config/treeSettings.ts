// The Posts view's settings (postdesk.tree.*), typed and read once per
// configuration change: the view, its provider and its title-bar commands ask
// this class, never the configuration by string. To add a setting: declare it
// in package.json, add it to TreeSettingValues and to read() below.
import * as vscode from 'vscode';
import { Disposable } from '../common/dispose';

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
}

export type TreeSettingKey = keyof TreeSettingValues;

export interface TreeSettingsChange {
  /** The settings whose value changed (a write of the same value changes nothing). */
  readonly changed: ReadonlySet<TreeSettingKey>;
}

const SECTION = 'postdesk.tree';
const KEYS: readonly TreeSettingKey[] = ['grouping', 'sortOrder', 'showPages', 'followActiveEditor'];

/** The current values; a value the schema does not allow (hand-edited settings.json) reads as the default. */
function read(): TreeSettingValues {
  const settings = vscode.workspace.getConfiguration(SECTION);
  const grouping = settings.get<string>('grouping');
  const sortOrder = settings.get<string>('sortOrder');
  return {
    grouping: GROUPINGS.includes(grouping as Grouping) ? (grouping as Grouping) : 'year-month',
    sortOrder: SORT_ORDERS.includes(sortOrder as SortOrder) ? (sortOrder as SortOrder) : 'newest',
    showPages: settings.get<boolean>('showPages') === true,
    followActiveEditor: Boolean(settings.get<boolean>('followActiveEditor', true)),
  };
}

export class TreeSettings extends Disposable {
  private current: TreeSettingValues = read();
  private readonly changeEmitter = this._register(new vscode.EventEmitter<TreeSettingsChange>());
  /** Fires after the values changed, with which ones. */
  readonly onDidChange = this.changeEmitter.event;

  constructor() {
    super();
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration(SECTION)) return;
        const previous = this.current;
        this.current = read();
        const changed = new Set(KEYS.filter((key) => previous[key] !== this.current[key]));
        if (changed.size > 0) this.changeEmitter.fire({ changed });
      }),
    );
  }

  get values(): TreeSettingValues {
    return this.current;
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
