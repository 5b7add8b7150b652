// The Posts view: creates the tree view and its title-bar commands, keeps its
// title count current, and follows the active editor when
// postdesk.tree.followActiveEditor is on.
import * as vscode from 'vscode';
import { Disposable } from '../common/dispose';
import type { ConfigService } from '../config/configService';
import { TreeSettings } from '../config/treeSettings';
import type { PostIndex } from '../index/postIndex';
import { PostsViewTestApi, type PostsViewApi } from './api';
import { isMore, PostsTreeProvider } from './postsProvider';
import type { ModelSite } from './model';
import { changeGrouping, changeSortOrder } from './viewSettings';

export const POSTS_VIEW_ID = 'postdesk.posts';

/** The Posts view's registration; `api` is what the extension API exposes as `tree`. */
export class PostsView extends Disposable {
  readonly api: PostsViewApi;

  constructor(index: PostIndex, config: ConfigService) {
    super();
    try {
      this.api = this.build(index, config);
    } catch (error) {
      // What was built before the failing step is disposed here: nobody else holds it.
      this.dispose();
      throw error;
    }
  }

  private build(index: PostIndex, config: ConfigService): PostsViewApi {
    const settings = this._register(new TreeSettings());
    const provider = this._register(new PostsTreeProvider(index, settings, (folder) => siteNodes(config, folder)));
    const view = this._register(vscode.window.createTreeView(POSTS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true }));
    this._register(vscode.commands.registerCommand('postdesk.changeGrouping', (arg?: unknown) => changeGrouping(settings, arg)));
    this._register(vscode.commands.registerCommand('postdesk.changeSortOrder', (arg?: unknown) => changeSortOrder(settings, arg)));
    // From a long group's "Show more" row (its click, its inline button): nothing to do without one.
    this._register(vscode.commands.registerCommand('postdesk.showMorePosts', (arg?: unknown) => isMore(arg) && provider.showMore(arg)));
    this._register(vscode.commands.registerCommand('postdesk.showAllPosts', (arg?: unknown) => isMore(arg) && provider.showMore(arg, true)));

    const updateTitle = (): void => {
      view.description = provider.size > 0 ? vscode.l10n.t('{0} posts', provider.size) : undefined;
    };
    const reveal = async (uri: vscode.Uri): Promise<boolean> => {
      await provider.whenBuilt();
      // A post beyond its group's shown page brings that page into the view first.
      if (!provider.showPost(uri)) return false;
      const element = provider.elementFor(uri);
      if (!element) return false;
      await view.reveal(element, { select: true, focus: false, expand: false });
      return true;
    };
    const followActive = (): void => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !view.visible || !settings.current.followActiveEditor) return;
      // Revealing is best effort: the view may be closing or the post just deleted.
      reveal(editor.document.uri).catch(() => undefined);
    };

    this._register(provider.onDidUpdate(updateTitle));
    this._register(vscode.window.onDidChangeActiveTextEditor(followActive));
    this._register(
      view.onDidChangeVisibility(({ visible }) => {
        if (visible) followActive();
      }),
    );
    // The first build may bring the active editor's post into the view. Until
    // then the view's welcome says its posts are being listed: VS Code shows
    // the welcome while the first rows are awaited, and "No posts found" for
    // the seconds a large site takes would be wrong.
    void provider.whenBuilt().then(() => {
      void vscode.commands.executeCommand('setContext', 'postdesk.postsListed', true);
      followActive();
    }, () => undefined);

    return this._register(new PostsViewTestApi(view, provider, reveal));
  }
}

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

/** Registers the Posts view. The returned object is the Disposable, with the view's test API on `api`. */
export function registerPostsView(index: PostIndex, config: ConfigService): PostsView {
  return new PostsView(index, config);
}
