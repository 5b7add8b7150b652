// The diagnostics' own settings (postdesk.diagnostics.*), typed and read once
// per change. The rules' severities feed the engine and are read by
// ConfigService with the other engine settings.
import * as vscode from 'vscode';
import { FeatureSettings } from './settings';

/** `workspace`: every post's findings in the Problems panel; `openFiles`: only those of files open in an editor tab. */
export type DiagnosticsScope = 'workspace' | 'openFiles';

export interface DiagnosticsSettingValues {
  readonly scope: DiagnosticsScope;
}

export class DiagnosticsSettings extends FeatureSettings<DiagnosticsSettingValues> {
  constructor() {
    super(['postdesk.diagnostics']);
  }

  protected read(scope: vscode.Uri | undefined): DiagnosticsSettingValues {
    return { scope: vscode.workspace.getConfiguration('postdesk.diagnostics', scope).get<unknown>('scope') === 'openFiles' ? 'openFiles' : 'workspace' };
  }
}
