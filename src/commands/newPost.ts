// Postdesk: New Post — asks for a title, writes a draft with front matter
// into the posts folder (never over an existing file), and opens it with the
// cursor in the body. All file access goes through vscode.workspace.fs so it
// also works on virtual workspaces.
import * as vscode from 'vscode';
import { exists } from '../common/files';
import { formatIsoDate, todayLocal } from '../core';
import type { PostIndex } from '../index/postIndex';
import type { NewPostSettings } from '../config/newPostSettings';
import { cleanFolderSetting, defaultPostFolder, newPostContent, newPostFileName } from './newPostModel';

/** Optional arguments, for keybindings, other extensions and tests. */
export interface NewPostArgs {
  readonly title?: string;
  readonly folder?: vscode.Uri;
}

export async function newPost(index: PostIndex, newPostSettings: NewPostSettings, args?: NewPostArgs): Promise<vscode.Uri | undefined> {
  const folder = args?.folder ? vscode.workspace.getWorkspaceFolder(args.folder) : await pickFolder();
  if (!folder) return undefined;

  const title =
    typeof args?.title === 'string'
      ? args.title
      : await vscode.window.showInputBox({
          title: vscode.l10n.t('New Post'),
          prompt: vscode.l10n.t('Title of the new post'),
          placeHolder: vscode.l10n.t('Tips for becoming a good boxer'),
          ignoreFocusOut: true,
          validateInput: (value) => (value.trim() === '' ? vscode.l10n.t('Enter a title for the post.') : undefined),
        });
  if (title === undefined) return undefined;
  if (title.trim() === '') {
    void vscode.window.showErrorMessage(vscode.l10n.t('A new post needs a title.'));
    return undefined;
  }

  const settings = newPostSettings.for(folder.uri);
  const configured = settings.folder;
  const relativeFolder = cleanFolderSetting(configured);
  if (relativeFolder === undefined) {
    void vscode.window.showErrorMessage(vscode.l10n.t('postdesk.newPost.folder must be a folder inside the workspace folder, not "{0}".', configured));
    return undefined;
  }
  const targetFolder = relativeFolder !== '' ? relativeFolder : await guessFolder(index, folder);
  const today = formatIsoDate(todayLocal());
  const fileName = newPostFileName(title, { today, datePrefix: settings.datePrefix, extension: settings.extension });
  const directory = targetFolder === '' ? folder.uri : vscode.Uri.joinPath(folder.uri, ...targetFolder.split('/'));
  const target = vscode.Uri.joinPath(directory, fileName);

  if (await exists(target)) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('{0} already exists. Postdesk did not change it; choose another title.', vscode.workspace.asRelativePath(target)),
    );
    return undefined;
  }

  const content = newPostContent(title, today, settings.eol);
  try {
    await vscode.workspace.fs.createDirectory(directory);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content.text));
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not create {0}: {1}', vscode.workspace.asRelativePath(target), error instanceof Error ? error.message : String(error)));
    return undefined;
  }

  const editor = await vscode.window.showTextDocument(target, { preview: false });
  const body = new vscode.Position(Math.min(content.bodyLine, editor.document.lineCount - 1), 0);
  editor.selection = new vscode.Selection(body, body);
  editor.revealRange(new vscode.Range(body, body));

  if (!index.isContent(target)) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('{0} is not matched by postdesk.content.include, so it will not appear in the Posts view.', vscode.workspace.asRelativePath(target)),
    );
  }
  return target;
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Open a folder to create posts in.'));
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Workspace folder for the new post') });
}

/** The folder holding most of this workspace folder's posts, else `_posts` when it exists, else the root. */
async function guessFolder(index: PostIndex, folder: vscode.WorkspaceFolder): Promise<string> {
  await index.ready;
  const root = folder.uri.path.replace(/\/$/, '');
  const paths = index
    .all()
    .filter((entry) => entry.folder?.uri.toString() === folder.uri.toString() && entry.uri.path.startsWith(`${root}/`))
    .map((entry) => entry.uri.path.slice(root.length + 1));
  const postsFolder = vscode.Uri.joinPath(folder.uri, '_posts');
  const hasPostsFolder = paths.length === 0 && (await exists(postsFolder));
  return defaultPostFolder(paths, hasPostsFolder);
}

