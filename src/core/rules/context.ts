// What every rule sees: the document read once (split, lines, date
// resolution), so rules stay small and never re-parse.

import type { Finding, Fix, PostdeskConfig, RuleId, Severity, SourceDocument, Span, SplitDocument } from '../types';
import type { LineIndex } from '../text';
import type { BodyLines } from '../markdown';
import type { DateResolution } from '../post';

export interface RuleContext {
  readonly doc: SourceDocument;
  readonly text: string;
  readonly split: SplitDocument;
  readonly index: LineIndex;
  readonly lines: BodyLines;
  readonly config: PostdeskConfig;
  readonly now: Date;
  readonly dates: DateResolution;
}

export interface Rule {
  readonly id: RuleId;
  readonly defaultSeverity: Severity;
  check(ctx: RuleContext): Finding[];
}

export function finding(ctx: RuleContext, rule: RuleId, severity: Severity, message: string, span: Span, fixes: Fix[] = []): Finding {
  return { rule, severity, message, span, range: ctx.index.rangeOf(span), fixes };
}
