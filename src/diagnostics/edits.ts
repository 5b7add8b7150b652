// Editor-independent edit planning for the code actions, on top of the
// engine's fixes. Plain data in and out, so unit tests reach it without VS Code.
import { applyEdits, disableRuleEdit, fixAll, RULE_TABLE, selectFixes } from '../core';
import type { Analysis, PostdeskConfig, RuleId, SplitDocument, TextEdit } from '../core/types';

/** Rules a disable comment makes sense for, as the rule table says (a `file` problem means there is no text to annotate). */
export const DISABLEABLE_RULES: readonly RuleId[] = RULE_TABLE.filter((entry) => entry.disableable).map((entry) => entry.id);

/** The smallest single edit turning `before` into `after` (common prefix and suffix kept). */
export function diffAsEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { span: { start, end: endBefore }, newText: after.slice(start, endAfter) };
}

/**
 * The edits that apply every safe fix of an analysed text: the engine's own
 * one-pass selection (small edits on the lines concerned) when that reaches
 * the same text as the engine's converging fix-all, else the minimal single
 * replacement that does. Empty when nothing can be fixed automatically.
 */
export function planSafeFixAll(analysis: Analysis, config: PostdeskConfig): { edits: TextEdit[]; fixed: number } {
  const text = analysis.document.text;
  const reference = fixAll(analysis.document, config, { safeOnly: true });
  if (reference.text === text) return { edits: [], fixed: 0 };
  const fixes = selectFixes(analysis.findings, { safeOnly: true });
  const edits = fixes.flatMap((fix) => fix.edits);
  if (edits.length > 0 && applyEdits(text, edits) === reference.text) {
    // A file-wide fix counts as the findings it resolves.
    const fixed = fixes.reduce((sum, fix) => sum + (fix.scope === 'file' ? analysis.findings.filter((f) => f.fixes.includes(fix)).length : 1), 0);
    return { edits, fixed };
  }
  const single = diffAsEdit(text, reference.text);
  return { edits: single ? [single] : [], fixed: reference.applied };
}

/**
 * The engine's "disable this rule for the file" edit, or undefined where a
 * comment cannot help: the `file` rule, or a front matter block that is never
 * closed (there is no body to hold the comment). When the block ends the file
 * without a line break, the comment goes on a new line of its own.
 */
export function disableEdit(text: string, split: SplitDocument, rule: RuleId): TextEdit | undefined {
  if (!DISABLEABLE_RULES.includes(rule)) return undefined;
  if (split.frontMatter && split.frontMatter.closeFenceSpan === undefined) return undefined;
  const edit = disableRuleEdit(text, split, rule);
  const at = edit.span.start;
  const atLineStart = at === 0 || text[at - 1] === '\n' || text[at - 1] === '\r';
  if (atLineStart || edit.span.end !== at || !edit.newText.startsWith('<!--')) return edit;
  return { span: edit.span, newText: split.eol + edit.newText.slice(0, edit.newText.length - split.eol.length) };
}
