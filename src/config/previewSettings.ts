// The preview's settings (postdesk.preview.*), typed and read once per change.
import * as vscode from 'vscode';
import { FeatureSettings, isBoolean, typed } from './settings';

export interface PreviewSettingValues {
  /** Workspace stylesheets for the page, relative to the folder (empty where none are set). */
  readonly styles: readonly string[];
  readonly allowRemoteImages: boolean;
  readonly scrollPreviewWithEditor: boolean;
  readonly scrollEditorWithPreview: boolean;
}

export class PreviewSettings extends FeatureSettings<PreviewSettingValues> {
  constructor() {
    super(['postdesk.preview']);
  }

  protected read(scope: vscode.Uri | undefined): PreviewSettingValues {
    const settings = vscode.workspace.getConfiguration('postdesk.preview', scope);
    const styles = settings.get<unknown>('styles');
    return {
      // Only relative paths: a scheme (http:, file:) never names a workspace stylesheet.
      styles: (Array.isArray(styles) ? styles : []).filter((s): s is string => typeof s === 'string' && s.trim() !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(s)),
      allowRemoteImages: typed(settings, 'allowRemoteImages', isBoolean, false),
      scrollPreviewWithEditor: typed(settings, 'scrollPreviewWithEditor', isBoolean, true),
      scrollEditorWithPreview: typed(settings, 'scrollEditorWithPreview', isBoolean, true),
    };
  }
}
