// What the extension API exposes of the Posts view: the rows exactly as the
// view renders them (through the same getTreeItem), so integration tests and
// the extension-host benchmark check what an author sees, not internals.
import * as vscode from 'vscode';
import type { PostsTreeProvider, PostsViewElement } from './postsProvider';
import { isGroup } from './postsProvider';

export interface PostsViewRow {
  /** Tree item id: a group id ("y2020/m11") or the post's URI string. */
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly contextValue?: string;
  /** Codicon id of the item's icon, e.g. "warning", "edit", "file". */
  readonly icon?: string;
  /** The post's file (posts only). */
  readonly uri?: string;
  /** The tooltip's Markdown text (posts only, when asked for). */
  readonly tooltip?: string;
  /** The command run on click. */
  readonly command?: string;
  readonly children?: readonly PostsViewRow[];
}

export interface PostsViewApi {
  readonly view: vscode.TreeView<PostsViewElement>;
  readonly provider: PostsTreeProvider;
  /** Fires after the view has taken in an index change or a settings change. */
  readonly onDidUpdate: vscode.Event<void>;
  /** The whole tree (or the subtree of `under`) as rendered, optionally with tooltips. */
  snapshot(options?: { readonly tooltips?: boolean }): Promise<PostsViewRow[]>;
  /** Reveals and selects a post like "follow active editor" does; false when the file is not a post. */
  reveal(uri: vscode.Uri): Promise<boolean>;
}

export async function snapshotRows(provider: PostsTreeProvider, withTooltips: boolean): Promise<PostsViewRow[]> {
  const rows = async (parent: PostsViewElement | undefined): Promise<PostsViewRow[]> => {
    const out: PostsViewRow[] = [];
    for (const element of await provider.getChildren(parent)) {
      let item = provider.getTreeItem(element);
      if (withTooltips) item = provider.resolveTreeItem(item, element);
      const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : item.tooltip;
      out.push({
        id: item.id ?? '',
        label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
        description: typeof item.description === 'string' ? item.description : undefined,
        contextValue: item.contextValue,
        icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined,
        uri: isGroup(element) ? undefined : element.toString(),
        tooltip: withTooltips && !isGroup(element) ? tooltip : undefined,
        command: item.command?.command,
        children: isGroup(element) ? await rows(element) : undefined,
      });
    }
    return out;
  };
  return rows(undefined);
}
