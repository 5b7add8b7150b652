// What every rule sees: the document read once (split, lines, date
// resolution), so rules stay small and never re-parse.

import type { Finding, Fix, PostdeskConfig, RuleId, Severity, SourceDocument, Span, SplitDocument } from '../types';
import type { LineIndex } from '../text';
import type { BodyLines } from '../markdown';
import type { DateResolution } from '../post';
import type { SiteContext } from '../site/facts';
import type { CatalogueText } from '../messages';

export interface RuleContext {
  readonly doc: SourceDocument;
  readonly text: string;
  readonly split: SplitDocument;
  readonly index: LineIndex;
  readonly lines: BodyLines;
  readonly config: PostdeskConfig;
  readonly now: Date;
  readonly dates: DateResolution;
  /** The file's place in its site: post, page or section, and the generator's rules. */
  readonly site: SiteContext;
  /** The findings are only reported (`postdesk check`): a rule may leave out fixes that are costly to make. */
  readonly reportOnly?: boolean;
}

/** A rule's check; its identity (id, default severity, docs) is its line in rules/table.ts. */
export interface Rule {
  check(ctx: RuleContext): Finding[];
}

/** A finding; a catalogue message also carries its template, so the editor can translate it. */
export function finding(ctx: RuleContext, rule: RuleId, severity: Severity, message: string | CatalogueText, span: Span, fixes: Fix[] = []): Finding {
  const range = ctx.index.rangeOf(span);
  if (typeof message === 'string') return { rule, severity, message, span, range, fixes };
  return { rule, severity, message: message.text, span, range, fixes, messageTemplate: message.template };
}

/** A fix titled by a catalogue message. */
export function fixWithTitle(title: CatalogueText, fix: Omit<Fix, 'title' | 'titleTemplate'>): Fix {
  return { title: title.text, titleTemplate: title.template, ...fix };
}
