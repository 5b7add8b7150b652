// The Posts view: creates the tree view, keeps its title count current, and
// follows the active editor when postdesk.tree.followActiveEditor is on.
import * as vscode from 'vscode';
import type { ConfigService } from '../config/configService';
import type { PostIndex } from '../index/postIndex';
import { snapshotRows, type PostsViewApi } from './api';
import { PostsTreeProvider } from './postsProvider';
import type { ModelSite } from './model';

export const POSTS_VIEW_ID = 'postdesk.posts';

/** The Posts view's registration; `api` is what the extension API exposes as `tree`. */
export class PostsView implements vscode.Disposable {
  readonly api: PostsViewApi;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(index: PostIndex, config: ConfigService) {
    const provider = new PostsTreeProvider(index, (folder) => siteNodes(config, folder));
    const view = vscode.window.createTreeView(POSTS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
    this.disposables.push(provider, view);

    const updateTitle = (): void => {
      view.description = provider.size > 0 ? vscode.l10n.t('{0} posts', provider.size) : undefined;
    };
    const reveal = async (uri: vscode.Uri): Promise<boolean> => {
      await provider.whenBuilt();
      const element = provider.elementFor(uri);
      if (!element) return false;
      await view.reveal(element, { select: true, focus: false, expand: false });
      return true;
    };
    const followActive = (): void => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !view.visible || !vscode.workspace.getConfiguration('postdesk.tree').get<boolean>('followActiveEditor', true)) return;
      // Revealing is best effort: the view may be closing or the post just deleted.
      reveal(editor.document.uri).catch(() => undefined);
    };

    this.disposables.push(
      provider.onDidUpdate(updateTitle),
      vscode.window.onDidChangeActiveTextEditor(followActive),
      view.onDidChangeVisibility(({ visible }) => {
        if (visible) followActive();
      }),
    );
    // The first build may bring the active editor's post into the view.
    void provider.whenBuilt().then(followActive, () => undefined);

    this.api = {
      view,
      provider,
      onDidUpdate: provider.onDidUpdate,
      snapshot: async (options) => {
        await provider.whenBuilt();
        return snapshotRows(provider, options?.tooltips ?? false);
      },
      reveal,
    };
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

/** Registers the Posts view. The returned object is the Disposable, with the view's test API on `api`. */
/** A folder's sites as nodes of the view, when it holds several: "docs · Jekyll", opening docs/_config.yml. */
function siteNodes(config: ConfigService, folder: vscode.WorkspaceFolder): ModelSite[] | undefined {
  const sites = config.sitesOf(folder)?.sites ?? [];
  if (sites.length < 2) return undefined;
  return sites.map((site) => ({
    root: site.root,
    name: `${site.root === '' ? folder.name : site.root} · ${generatorName(site.generator)}`,
    ...(site.configFile !== undefined ? { configUri: vscode.Uri.joinPath(folder.uri, ...site.configFile.split('/')).toString() } : {}),
  }));
}

/** The generator as its authors write its name. */
function generatorName(id: string): string {
  const names: Record<string, string> = { hugo: 'Hugo', jekyll: 'Jekyll', zola: 'Zola', astro: 'Astro', eleventy: 'Eleventy', docusaurus: 'Docusaurus', hexo: 'Hexo' };
  return names[id] ?? vscode.l10n.t('Markdown');
}

export function registerPostsView(_context: vscode.ExtensionContext, index: PostIndex, config: ConfigService): PostsView {
  return new PostsView(index, config);
}
