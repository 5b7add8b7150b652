// Applying fixes: edits are applied back to front on the original offsets,
// overlapping edits are a bug and throw, and fix-all re-analyses until the
// text is stable so applying it twice gives the same text as once.

import type { SiteContext } from './site/facts';
import type { Fix, PostdeskConfig, RuleId, SourceDocument, TextEdit } from './types';
import { findingsOf } from './analyze';

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i];
    if (e.span.start < 0 || e.span.end > text.length || e.span.start > e.span.end) {
      throw new RangeError(`Edit [${e.span.start}, ${e.span.end}) is outside the text (length ${text.length}).`);
    }
    if (i > 0 && sorted[i - 1].span.end > e.span.start) {
      throw new RangeError(`Overlapping edits at offsets ${sorted[i - 1].span.start} and ${e.span.start}.`);
    }
  }
  let out = text;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const e = sorted[i];
    out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  }
  return out;
}

function overlaps(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  for (const x of a) {
    for (const y of b) {
      if (x.span.start < y.span.end && y.span.start < x.span.end) return true;
      // Two insertions at one offset would depend on order.
      if (x.span.start === y.span.start && (x.span.start === x.span.end || y.span.start === y.span.end)) return true;
    }
  }
  return false;
}

export interface FixAllOptions {
  /** Only fixes marked safe (what `postdesk fix` and fix-on-save apply). */
  readonly safeOnly?: boolean;
  /** Only findings of these rules. */
  readonly rules?: readonly RuleId[];
  readonly now?: Date;
  /** The file's place in its site (see AnalyzeOptions.site). */
  readonly site?: SiteContext;
}

export interface FixAllResult {
  readonly text: string;
  /** Fixes applied over all rounds. */
  readonly applied: number;
}

/** The fixes a fix-all pass applies: file-wide fixes once, else each finding's first eligible fix. */
export function selectFixes(findings: readonly { rule: RuleId; fixes: readonly Fix[] }[], options: FixAllOptions = {}): Fix[] {
  const chosen: Fix[] = [];
  const seen = new Set<Fix>();
  for (const f of findings) {
    if (options.rules && !options.rules.includes(f.rule)) continue;
    const eligible = f.fixes.filter((x) => !options.safeOnly || x.safe);
    const fix = eligible.find((x) => x.scope === 'file') ?? eligible[0];
    if (!fix || seen.has(fix)) continue;
    seen.add(fix);
    if (chosen.some((c) => overlaps(c.edits, fix.edits))) continue;
    chosen.push(fix);
  }
  return chosen;
}

export function fixAll(doc: SourceDocument, config: PostdeskConfig, options: FixAllOptions = {}): FixAllResult {
  let text = doc.text;
  let applied = 0;
  // Each round can only remove findings; a few rounds reach a fixed point.
  for (let round = 0; round < 5; round++) {
    const findings = findingsOf({ ...doc, text }, config, { ...(options.now ? { now: options.now } : {}), ...(options.site ? { site: options.site } : {}) });
    const fixes = selectFixes(findings, options);
    if (fixes.length === 0) break;
    const next = applyEdits(
      text,
      fixes.flatMap((f) => f.edits),
    );
    if (next === text) break;
    applied += fixes.length;
    text = next;
  }
  return { text, applied };
}
