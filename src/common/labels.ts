// Words Postdesk shows for the engine's values, the same in every view.
import * as vscode from 'vscode';
import type { PostStatus } from '../core/types';

/** "Draft", "Scheduled", "Expired", "Undated" or "Published", in the display language. */
export function statusText(status: PostStatus): string {
  switch (status) {
    case 'draft':
      return vscode.l10n.t('Draft');
    case 'scheduled':
      return vscode.l10n.t('Scheduled');
    case 'expired':
      return vscode.l10n.t('Expired');
    case 'undated':
      return vscode.l10n.t('Undated');
    case 'published':
      return vscode.l10n.t('Published');
  }
}
