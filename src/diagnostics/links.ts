// How engine findings look in the editor: one place for the diagnostic source,
// the rule documentation links and the severity mapping, so the Problems panel,
// the code actions and the tests agree.
import * as vscode from 'vscode';
import type { Finding, RuleId, Severity, TextEdit as CoreTextEdit } from '../core/types';
import { findingMessage } from '../common/localize';

/** `source` of every Postdesk diagnostic, and the name of the collection. */
export const DIAGNOSTIC_SOURCE = 'postdesk';

/** The README that documents every rule; each rule has an anchor `#rule-<id>`. */
export const RULES_DOCUMENTATION_URL = 'https://github.com/postdesk/postdesk';

/** `source.fixAll.postdesk`, for `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('postdesk');

export function ruleDocumentationUri(rule: RuleId): vscode.Uri {
  return vscode.Uri.parse(`${RULES_DOCUMENTATION_URL}#rule-${rule}`);
}

const SEVERITIES: Readonly<Record<Severity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toDiagnostic(finding: Finding): vscode.Diagnostic {
  const { start, end } = finding.range;
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(start.line, start.character, end.line, end.character),
    findingMessage(finding),
    SEVERITIES[finding.severity],
  );
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.rule, target: ruleDocumentationUri(finding.rule) };
  // A stray marker is dead text: the editor fades it, on top of the squiggle.
  if (finding.rule === 'stray-marker') diagnostic.tags = [vscode.DiagnosticTag.Unnecessary];
  return diagnostic;
}

/** The rule id a Postdesk diagnostic carries, or undefined for anyone else's diagnostic. */
export function ruleOf(diagnostic: vscode.Diagnostic): RuleId | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = diagnostic.code;
  const value = typeof code === 'object' ? code.value : code;
  return typeof value === 'string' ? (value as RuleId) : undefined;
}

/**
 * Engine edits carry offsets into the exact text that was analysed; the
 * document converts them, so CRLF and surrogate pairs map as the editor sees them.
 */
export function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly CoreTextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const { span, newText } of edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(span.start), document.positionAt(span.end)), newText);
  }
  return edit;
}

export function sameRange(a: vscode.Range, b: Finding['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
