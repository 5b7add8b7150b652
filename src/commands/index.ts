// The post commands of the Posts view and the palette. The preview commands
// (postdesk.openPreview…) belong to the preview feature, the diagnostics ones
// (postdesk.checkWorkspace, postdesk.fixAllInFile) to the diagnostics feature,
// the view's grouping and order (postdesk.changeGrouping…) to the Posts view.
import * as vscode from 'vscode';
import type { PostIndex } from '../index/postIndex';
import { NewPostSettings } from '../config/newPostSettings';
import { DisposableStore } from '../common/dispose';
import { newPost, type NewPostArgs } from './newPost';
import { copyPath, copyUrl, openOnSite, openPost, openSiteConfig, revealInExplorer } from './postCommands';

export type { NewPostArgs } from './newPost';

export function registerCommands(index: PostIndex): vscode.Disposable {
  const store = new DisposableStore();
  try {
    const newPostSettings = store.add(new NewPostSettings());
    store.add(vscode.commands.registerCommand('postdesk.newPost', (args?: NewPostArgs) => newPost(index, newPostSettings, isNewPostArgs(args) ? args : undefined)));
    store.add(vscode.commands.registerCommand('postdesk.openPost', openPost));
    store.add(vscode.commands.registerCommand('postdesk.copyPath', copyPath));
    store.add(vscode.commands.registerCommand('postdesk.copyUrl', (arg: unknown) => copyUrl(index, arg)));
    store.add(vscode.commands.registerCommand('postdesk.openOnSite', (arg: unknown) => openOnSite(index, arg)));
    store.add(vscode.commands.registerCommand('postdesk.openSiteConfig', openSiteConfig));
    store.add(vscode.commands.registerCommand('postdesk.revealInExplorer', revealInExplorer));
    store.add(vscode.commands.registerCommand('postdesk.refreshPosts', () => index.refresh()));
    return store;
  } catch (error) {
    // A command that cannot be registered (an id taken): nothing registered before it stays behind.
    store.dispose();
    throw error;
  }
}

/** Command arguments come from anywhere (a menu passes its element): accept only the documented shape. */
function isNewPostArgs(value: unknown): value is NewPostArgs {
  if (typeof value !== 'object' || value === null || value instanceof vscode.Uri) return false;
  const { title, folder } = value as Record<string, unknown>;
  return (title === undefined || typeof title === 'string') && (folder === undefined || folder instanceof vscode.Uri);
}
