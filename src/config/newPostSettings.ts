// New Post's settings (postdesk.newPost.*, and the editor's files.eol for the
// new file's line breaks), typed and read once per change.
import * as vscode from 'vscode';
import { FeatureSettings, isBoolean, isString, typed } from './settings';

export type NewPostExtension = '.md' | '.markdown' | '.mdx';

export interface NewPostSettingValues {
  /** The folder for new posts, as written in the setting (checked by newPostModel's cleanFolderSetting); '' to guess. */
  readonly folder: string;
  readonly datePrefix: boolean;
  readonly extension: NewPostExtension;
  readonly eol: '\n' | '\r\n';
}

const EXTENSIONS: readonly string[] = ['.md', '.markdown', '.mdx'];

export class NewPostSettings extends FeatureSettings<NewPostSettingValues> {
  constructor() {
    super(['postdesk.newPost', 'files.eol']);
  }

  protected read(scope: vscode.Uri | undefined): NewPostSettingValues {
    const settings = vscode.workspace.getConfiguration('postdesk.newPost', scope);
    const extension = typed(settings, 'extension', isString, '.md');
    return {
      folder: typed(settings, 'folder', isString, ''),
      datePrefix: typed(settings, 'datePrefix', isBoolean, true),
      extension: (EXTENSIONS.includes(extension) ? extension : '.md') as NewPostExtension,
      eol: vscode.workspace.getConfiguration('files', scope).get<string>('eol') === '\r\n' ? '\r\n' : '\n',
    };
  }
}
