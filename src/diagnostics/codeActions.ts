// Quick fixes for Postdesk diagnostics, the "disable this rule for the file"
// action and `source.fixAll.postdesk`. Every action is a single WorkspaceEdit,
// so one undo restores the text, and edits come from the engine's analysis of
// the document's current text, so they never apply to stale offsets.
import * as vscode from 'vscode';
import type { Analysis, Finding, PostdeskConfig } from '../core/types';
import { fixTitle } from '../common/localize';
import type { DiagnosticsController } from './controller';
import { disableEdit, planSafeFixAll } from './edits';
import { FIX_ALL_KIND, ruleOf, sameRange, toDiagnostic, toWorkspaceEdit } from './links';

/** The single WorkspaceEdit applying every safe fix of a document; undefined when there is none. */
export function fixAllEdit(document: vscode.TextDocument, analysis: Analysis, config: PostdeskConfig): { edit: vscode.WorkspaceEdit; fixed: number } | undefined {
  const plan = planSafeFixAll(analysis, config);
  return plan.edits.length > 0 ? { edit: toWorkspaceEdit(document, plan.edits), fixed: plan.fixed } : undefined;
}

function intersects(range: vscode.Range, finding: Finding): boolean {
  const { start, end } = finding.range;
  return new vscode.Range(start.line, start.character, end.line, end.character).intersection(range) !== undefined;
}

export class PostdeskCodeActionProvider implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];

  constructor(private readonly controller: DiagnosticsController, private readonly configFor: (uri: vscode.Uri) => PostdeskConfig) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext, token?: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    const wantsQuickFixes = !context.only || context.only.contains(vscode.CodeActionKind.QuickFix);
    // Fix-all is a source action: only when asked for by kind (on save, or the Source Action menu).
    const wantsFixAll = context.only !== undefined && (context.only.contains(FIX_ALL_KIND) || FIX_ALL_KIND.contains(context.only));
    if (!wantsQuickFixes && !wantsFixAll) return [];
    // The fixes come from the document's own analysis, not from context.diagnostics:
    // right after a post opens (or while its diagnostics are republished) the
    // context may not hold ours yet, and Ctrl+. must not come back empty then.
    // Only the lightbulb's automatic requests, made on every cursor move and
    // keystroke, analyse no text that is not analysed yet unless one of our
    // diagnostics is there (typing is debounced; the lightbulb asks again when
    // the diagnostics change).
    const mayAnalyse = wantsFixAll || context.triggerKind !== vscode.CodeActionTriggerKind.Automatic || context.diagnostics.some((d) => ruleOf(d) !== undefined);
    const analysis = mayAnalyse ? await this.controller.currentAnalysis(document) : this.controller.cachedAnalysis(document);
    if (!analysis || token?.isCancellationRequested) return [];
    const actions: vscode.CodeAction[] = wantsQuickFixes ? this.quickFixes(document, analysis, range, context) : [];
    if (wantsFixAll) {
      const all = fixAllEdit(document, analysis, this.configFor(document.uri));
      if (all) {
        const action = new vscode.CodeAction(vscode.l10n.t('Fix all auto-fixable Postdesk problems'), FIX_ALL_KIND);
        action.edit = all.edit;
        actions.push(action);
      }
    }
    return actions;
  }

  private quickFixes(document: vscode.TextDocument, analysis: Analysis, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const seenTitles = new Set<string>();
    const disabled = new Set<string>();
    for (const finding of analysis.findings) {
      if (!intersects(range, finding)) continue;
      // The diagnostics this finding answers; the range may lag behind while typing, the rule does not.
      const sameRule = context.diagnostics.filter((diagnostic) => ruleOf(diagnostic) === finding.rule);
      const exact = sameRule.filter((diagnostic) => sameRange(diagnostic.range, finding.range));
      // None yet (not published, or not passed along): the diagnostic this finding is published as.
      const diagnostics = exact.length > 0 ? exact : sameRule.length > 0 ? sameRule : [toDiagnostic(finding)];
      for (const fix of finding.fixes) {
        // "Remove all N stray markers" is offered by every marker: list it once.
        if (fix.edits.length === 0 || seenTitles.has(fix.title)) continue;
        seenTitles.add(fix.title);
        const action = new vscode.CodeAction(fixTitle(fix), vscode.CodeActionKind.QuickFix);
        action.edit = toWorkspaceEdit(document, fix.edits);
        action.diagnostics = diagnostics;
        action.isPreferred = fix.preferred === true;
        actions.push(action);
      }
      if (disabled.has(finding.rule)) continue;
      disabled.add(finding.rule);
      const disable = disableEdit(analysis.document.text, analysis.split, finding.rule);
      if (disable) {
        const action = new vscode.CodeAction(vscode.l10n.t('Disable {0} for this file', finding.rule), vscode.CodeActionKind.QuickFix);
        action.edit = toWorkspaceEdit(document, [disable]);
        action.diagnostics = diagnostics;
        actions.push(action);
      }
    }
    return actions;
  }
}
