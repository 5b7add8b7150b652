// Words Postdesk shows for the engine's values, the same in every view.
import * as vscode from 'vscode';
import type { DateSource, PostStatus } from '../core/types';

/** "Draft", "Scheduled", "Expired", "Undated" or "Published", in the display language. */
export function statusText(status: PostStatus): string {
  switch (status) {
    case 'draft':
      return vscode.l10n.t('Draft');
    case 'scheduled':
      return vscode.l10n.t('Scheduled');
    case 'expired':
      return vscode.l10n.t('Expired');
    case 'unlisted':
      return vscode.l10n.t('Unlisted');
    case 'undated':
      return vscode.l10n.t('Undated');
    case 'published':
      return vscode.l10n.t('Published');
  }
}

/** Where a date came from, said to the author. */
export function dateSourceText(source: DateSource, field: string | undefined): string {
  const key = (field ?? 'date').replace(/`/g, '');
  switch (source) {
    case 'filename':
      return vscode.l10n.t('from the file name');
    case 'folder':
      return vscode.l10n.t('from the folder names');
    case 'url':
      return vscode.l10n.t('from the URL in front matter `{0}`', key);
    case 'front-matter':
      return vscode.l10n.t('from front matter `{0}`', key);
    case 'file-mod-time':
      return vscode.l10n.t("from the file's modification time");
    case 'file-created':
      return vscode.l10n.t("from the file's creation time");
    case 'git':
      return vscode.l10n.t("from the file's last commit");
    case 'git-created':
      return vscode.l10n.t("from the file's first commit");
  }
}
