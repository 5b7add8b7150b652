// What the extension API exposes of the Posts view: the rows exactly as the
// view renders them (through the same getTreeItem), so integration tests and
// the extension-host benchmark check what an author sees, not internals; and
// the benchmark's clock, kept here rather than in the provider.
import * as vscode from 'vscode';
import { Disposable } from '../common/dispose';
import type { PostsTreeProvider, PostsViewElement } from './postsProvider';
import { isGroup } from './postsProvider';

export interface PostsViewRow {
  /** Tree item id: a group id ("y2020/m11"), the post's URI string, or a "Show more" row's ("more:y2020"). */
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
  /** The command run on click (as VS Code resolves it before running it). */
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
  /** When the view last received children, and of what: the benchmark's clock. */
  readonly lastServed: ServedChildren | undefined;
}

export interface ServedChildren {
  /** The parent's id ('' for the top level). */
  readonly id: string;
  /** performance.now() in the extension host. */
  readonly at: number;
  readonly children: number;
  /** Posts in the whole view at that moment. */
  readonly posts: number;
}

/** The Posts view's test API, built beside the provider: it listens to the provider, which knows nothing of it. */
export class PostsViewTestApi extends Disposable implements PostsViewApi {
  private served: ServedChildren | undefined;
  readonly onDidUpdate: vscode.Event<void>;

  constructor(
    readonly view: vscode.TreeView<PostsViewElement>,
    readonly provider: PostsTreeProvider,
    readonly reveal: (uri: vscode.Uri) => Promise<boolean>,
  ) {
    super();
    this.onDidUpdate = provider.onDidUpdate;
    this._register(
      provider.onDidServeChildren(({ parent, children, posts }) => {
        this.served = { id: parent === undefined ? '' : isGroup(parent) ? parent.id : parent.toString(), at: performance.now(), children, posts };
      }),
    );
  }

  get lastServed(): ServedChildren | undefined {
    return this.served;
  }

  async snapshot(options?: { readonly tooltips?: boolean }): Promise<PostsViewRow[]> {
    await this.provider.whenBuilt();
    return snapshotRows(this.provider, options?.tooltips ?? false);
  }
}

export async function snapshotRows(provider: PostsTreeProvider, withTooltips: boolean): Promise<PostsViewRow[]> {
  const rows = async (parent: PostsViewElement | undefined): Promise<PostsViewRow[]> => {
    const out: PostsViewRow[] = [];
    // Not through getChildren: the clock above records what the view was served, not what a snapshot read.
    for (const element of provider.childrenOf(parent)) {
      // Resolved as a click resolves it (the command); the tooltip is reported only when asked for.
      const item = provider.resolvedItem(provider.getTreeItem(element), element);
      const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : item.tooltip;
      out.push({
        id: item.id ?? '',
        label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
        description: typeof item.description === 'string' ? item.description : undefined,
        contextValue: item.contextValue,
        icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined,
        uri: element instanceof vscode.Uri ? element.toString() : undefined,
        tooltip: withTooltips && element instanceof vscode.Uri ? tooltip : undefined,
        command: item.command?.command,
        children: isGroup(element) ? await rows(element) : undefined,
      });
    }
    return out;
  };
  return rows(undefined);
}
