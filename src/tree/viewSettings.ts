// The Posts view's title-bar actions for grouping and order: a QuickPick that
// writes the setting, which the view picks up without a reload.
import * as vscode from 'vscode';
import { GROUPINGS, SORT_ORDERS, type Grouping, type SortOrder, type TreeSettings } from '../config/treeSettings';

interface Choice<T extends string> extends vscode.QuickPickItem {
  readonly value: T;
}

export async function changeGrouping(settings: TreeSettings, arg?: unknown): Promise<void> {
  const labels: Record<Grouping, string> = {
    'year-month': vscode.l10n.t('By year and month'),
    year: vscode.l10n.t('By year'),
    none: vscode.l10n.t('No grouping'),
  };
  await changeSetting(settings, 'grouping', GROUPINGS, labels, vscode.l10n.t('Group posts'), arg);
}

export async function changeSortOrder(settings: TreeSettings, arg?: unknown): Promise<void> {
  const labels: Record<SortOrder, string> = {
    newest: vscode.l10n.t('Newest first'),
    oldest: vscode.l10n.t('Oldest first'),
    title: vscode.l10n.t('By title'),
  };
  await changeSetting(settings, 'sortOrder', SORT_ORDERS, labels, vscode.l10n.t('Sort posts'), arg);
}

async function changeSetting<K extends 'grouping' | 'sortOrder', T extends TreeSettings['current'][K]>(
  settings: TreeSettings,
  key: K,
  values: readonly T[],
  labels: Record<T, string>,
  title: string,
  arg: unknown,
): Promise<void> {
  const current = settings.current[key];
  let value: T | undefined;
  if (typeof arg === 'string') {
    // Programmatic use (keybinding args, tests): the value itself.
    if (!values.includes(arg as T)) {
      void vscode.window.showErrorMessage(vscode.l10n.t('"{0}" is not a value of postdesk.tree.{1}; use one of: {2}.', arg, key, values.join(', ')));
      return;
    }
    value = arg as T;
  } else {
    const choices: Choice<T>[] = values.map((v) => ({
      value: v,
      label: labels[v],
      description: v === current ? vscode.l10n.t('current') : undefined,
      iconPath: v === current ? new vscode.ThemeIcon('check') : undefined,
    }));
    const picked = await vscode.window.showQuickPick(choices, { title, placeHolder: labels[current as T] });
    value = picked?.value;
  }
  if (value === undefined) return;
  await settings.update(key, value);
}
