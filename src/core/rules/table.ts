// The one list of Postdesk's rules. Everything else that names a rule derives
// from this table (RuleId, the default severities, the ids a config or a
// disable comment may name, the rules analyze runs, the CLI's SARIF rule list)
// or is generated from it and checked by a unit test (the manifest's
// postdesk.severity setting, the config schema's severity object):
// `npm run docs:tables` writes those, `--check` fails when they drift.
// Adding a rule: its file in this folder, its messages, its docs section, its
// tests, and one line here (docs/architecture.md, "Adding a rule").

import type { MessageId } from '../messages';
import type { Severity } from '../types';
import type { Rule } from './context';
import { frontMatterRule } from './frontMatter';
import { invalidDateRule } from './invalidDate';
import { missingDateRule } from './missingDate';
import { strayMarkerRule } from './strayMarker';

export interface RuleEntry {
  /** What `severity`, a disable comment, the Problems panel and the CLI call the rule. */
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** Some of its findings carry a fix (a quick fix, `postdesk fix`). */
  readonly fixable: boolean;
  /** A `<!-- postdesk-disable id -->` comment can silence it (the `file` rule has no text to hold one). */
  readonly disableable: boolean;
  /** What the rule checks, one sentence (SARIF's rule description). */
  readonly description: MessageId;
  /** The heading anchor of the rule's section in the rules documentation. */
  readonly docs: string;
  /** Every catalogue message its findings and fixes are worded with. */
  readonly messages: readonly MessageId[];
  /** The check analyze runs; absent for a rule the reader reports before any analysis (`file`). */
  readonly rule?: Rule;
}

export const RULE_TABLE = [
  {
    id: 'front-matter',
    defaultSeverity: 'error',
    fixable: false,
    disableable: true,
    description: 'ruleFrontMatter',
    docs: 'rule-front-matter',
    messages: [
      'frontMatterUnclosed',
      'frontMatterExecutable',
      'frontMatterUnknownLanguage',
      'frontMatterNotMapping',
      'yamlError',
      'tomlError',
      'jsonError',
      'jsonNotObject',
      'jsonCloseNotAlone',
      'frontMatterTooLarge',
      'yamlCollectionKey',
    ],
    rule: frontMatterRule,
  },
  {
    id: 'missing-date',
    defaultSeverity: 'warning',
    fixable: true,
    disableable: true,
    description: 'ruleMissingDate',
    docs: 'rule-missing-date',
    messages: [
      'missingDateInFrontMatter',
      'missingDateNoFrontMatter',
      'insertFileNameDateIntoFrontMatter',
      'insertFileNameDateIntoNewBlock',
      'insertTodayIntoFrontMatter',
      'insertTodayIntoNewBlock',
    ],
    rule: missingDateRule,
  },
  {
    id: 'invalid-date',
    defaultSeverity: 'warning',
    fixable: true,
    disableable: true,
    description: 'ruleInvalidDate',
    docs: 'rule-invalid-date',
    messages: ['invalidDateEmpty', 'invalidDateValue', 'replaceDateWith', 'useFileNameDate', 'useTodaysDate'],
    rule: invalidDateRule,
  },
  {
    id: 'stray-marker',
    defaultSeverity: 'warning',
    fixable: true,
    disableable: true,
    description: 'ruleStrayMarker',
    docs: 'rule-stray-marker',
    messages: ['strayMarker', 'removeStrayMarkerLine', 'removeAllStrayMarkers'],
    rule: strayMarkerRule,
  },
  {
    id: 'file',
    defaultSeverity: 'warning',
    fixable: false,
    disableable: false,
    description: 'ruleFile',
    docs: 'rule-file',
    messages: ['fileTooLarge', 'fileUtf16', 'fileBinary', 'fileNotUtf8'],
  },
] as const satisfies readonly RuleEntry[];

export type RuleId = (typeof RULE_TABLE)[number]['id'];

/** Every rule id, in the table's order (the order of settings, schema and SARIF). */
export const RULE_IDS: readonly RuleId[] = RULE_TABLE.map((entry) => entry.id);

const BY_ID: ReadonlyMap<string, RuleEntry & { readonly id: RuleId }> = new Map(RULE_TABLE.map((entry) => [entry.id, entry]));

/** The table's entry for a rule id, or undefined for a string that names no rule. */
export function ruleEntry(id: string): (RuleEntry & { readonly id: RuleId }) | undefined {
  return BY_ID.get(id);
}

export function isRuleId(id: string): id is RuleId {
  return BY_ID.has(id);
}

/** Each rule's severity when nothing configures it. */
export const DEFAULT_SEVERITIES: Readonly<Record<RuleId, Severity>> = Object.fromEntries(
  RULE_TABLE.map((entry) => [entry.id, entry.defaultSeverity]),
) as Record<RuleId, Severity>;

/** Where the diagnostics, the CLI's SARIF and the docs link a rule's explanation. */
export const RULES_DOCUMENTATION_URL = 'https://github.com/postdesk/postdesk';

export function ruleDocumentationUrl(id: RuleId): string {
  return `${RULES_DOCUMENTATION_URL}#${BY_ID.get(id)?.docs ?? `rule-${id}`}`;
}
