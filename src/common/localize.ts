// The engine's sentences in the display language. src/core cannot call the
// editor API, so it hands over English text plus the catalogue template it
// came from (src/core/messages.ts); this is the one place that translates
// such a template. scripts/l10n-extract.ts collects the templates from the
// catalogue, which is why the call below carries a `catalogue` marker
// instead of a literal.
import * as vscode from 'vscode';
import type { Finding, Fix, MessageTemplate } from '../core/types';

/** The template translated and filled, or `english` when there is no template. */
export function localizeText(english: string, template: MessageTemplate | undefined): string {
  if (!template) return english;
  // Named placeholders: vscode.l10n.t fills `{name}` from a record, as formatMessage does in English.
  return vscode.l10n.t(/* catalogue */ template.template, { ...template.args });
}

/** A finding's message as the author should read it. */
export function findingMessage(finding: Pick<Finding, 'message' | 'messageTemplate'>): string {
  return localizeText(finding.message, finding.messageTemplate);
}

/** A quick fix's title as the author should read it. */
export function fixTitle(fix: Pick<Fix, 'title' | 'titleTemplate'>): string {
  return localizeText(fix.title, fix.titleTemplate);
}
