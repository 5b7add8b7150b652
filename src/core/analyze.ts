// The engine's entry point: read a document once, run every rule, apply the
// configured severities and the file's disable comments, sort by position.

import type { Analysis, Finding, PostdeskConfig, SourceDocument } from './types';
import { splitDocumentFast } from './frontmatter/quick';
import { LineIndex } from './text';
import { classifyLines, disabledRules } from './markdown';
import { buildPost, plainSiteContext } from './post';
import { refineSiteContext, resolveSiteDate, type SiteContext } from './site/facts';
import type { Rule, RuleContext } from './rules/context';
import { RULE_TABLE, type RuleId } from './rules/table';
import type { Severity } from './types';

/** The rules analyze runs: every line of the rule table with a check (the reader reports `file` itself). */
export const RULES: readonly { readonly id: RuleId; readonly defaultSeverity: Severity; readonly rule: Rule }[] = RULE_TABLE.flatMap((entry) =>
  'rule' in entry ? [{ id: entry.id, defaultSeverity: entry.defaultSeverity, rule: entry.rule }] : [],
);

export interface AnalyzeOptions {
  /** The moment "today" and "in the future" are measured against. */
  readonly now?: Date;
  /** The file's place in its site (from the site model); without it the file is a post of a folder with no generator. */
  readonly site?: SiteContext;
  /**
   * The findings are only reported, their fixes never used (`postdesk check`
   * prints none): fixes that cost a parse (invalid-date's) are left out.
   */
  readonly reportOnly?: boolean;
}

export function analyze(doc: SourceDocument, config: PostdeskConfig, options: AnalyzeOptions = {}): Analysis {
  const now = options.now ?? new Date();
  const ctx = prepare(doc, config, now, options.site);
  const post = buildPost(doc, ctx.split, config, now, ctx.lines, ctx.dates, ctx.site);
  return { document: doc, split: ctx.split, post, findings: runRules(ctx), site: ctx.site };
}

/**
 * The findings alone, as `analyze` gives them, without the post model (title,
 * word count, status): what `postdesk check` and `fix` need, at a fraction of the cost.
 */
export function findingsOf(doc: SourceDocument, config: PostdeskConfig, options: AnalyzeOptions = {}): Finding[] {
  return runRules(prepare(doc, config, options.now ?? new Date(), options.site, options.reportOnly === true));
}

function prepare(doc: SourceDocument, config: PostdeskConfig, now: Date, pathSite: SiteContext = plainSiteContext(config, doc.path), reportOnly = false): RuleContext {
  const text = doc.text;
  // The usual front matter (`key: value` YAML, simple TOML, JSON; LF or CRLF) is read without
  // the full parsers, to the same split (spans included; test/unit/core/frontmatterQuick.test.ts
  // holds the two equal); anything else goes to the parsers.
  const split = splitDocumentFast(text, { afterBlankLines: pathSite.rules.frontMatterAfterBlankLines === true });
  const site = refineSiteContext(pathSite, split);
  const index = new LineIndex(text);
  const lines = classifyLines(text, split.bodyStart, index);
  const dates = resolveSiteDate(doc, split, site);
  return { doc, text, split, index, lines, config, now, dates, site, reportOnly };
}

function runRules(ctx: RuleContext): Finding[] {
  const { config, lines } = ctx;
  // A file the generator does not publish (a static file) is not checked.
  if (ctx.site.classification.kind === 'ignored') return [];
  const disabled = disabledRules(lines);
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const setting = config.severity[rule.id] ?? rule.defaultSeverity;
    if (setting === 'off' || disabled.has('all') || disabled.has(rule.id)) continue;
    for (const f of rule.rule.check(ctx)) findings.push(setting === f.severity ? f : { ...f, severity: setting });
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.rule.localeCompare(b.rule));
  return findings;
}
