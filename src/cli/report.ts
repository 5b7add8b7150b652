// Output of `postdesk check` in its formats. Positions are printed
// 1-based (line and UTF-16 column, as editors count them); paths are relative
// to the working directory with forward slashes.
import { version } from '../../package.json';
import { DEFAULT_SEVERITIES, message, RULE_IDS, RULE_TABLE, ruleDocumentationUrl } from '../core';
import type { Finding, RuleId, Severity, SeveritySetting } from '../core/types';
import type { CheckFormat } from './args';
import { escapeTerminal } from './terminal';

/** What the output says of a finding (a worker thread sends back no more). */
export type ReportedFinding = Pick<Finding, 'rule' | 'severity' | 'message' | 'range'>;

export interface FileFindings {
  readonly displayPath: string;
  readonly findings: readonly ReportedFinding[];
}

export interface CheckSummary {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

export interface JsonFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
}

export function summarize(results: readonly FileFindings[]): CheckSummary {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const r of results) {
    for (const f of r.findings) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else infos++;
    }
  }
  return { files: results.length, errors, warnings, infos };
}

export function flatten(results: readonly FileFindings[]): JsonFinding[] {
  const out: JsonFinding[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      out.push({
        file: r.displayPath,
        line: f.range.start.line + 1,
        column: f.range.start.character + 1,
        endLine: f.range.end.line + 1,
        endColumn: f.range.end.character + 1,
        rule: f.rule,
        severity: f.severity,
        message: f.message,
      });
    }
  }
  return out;
}

export function formatCheck(format: CheckFormat, results: readonly FileFindings[], color: boolean, severity?: Readonly<Record<RuleId, SeveritySetting>>): string {
  switch (format) {
    case 'json':
      return formatJson(results);
    case 'github':
      return formatGithub(results);
    case 'sarif':
      return formatSarif(results, severity);
    case 'junit':
      return formatJunit(results);
    case 'text':
      return formatText(results, color);
  }
}

export function formatJson(results: readonly FileFindings[]): string {
  return JSON.stringify({ version: 1, files: results.length, findings: flatten(results) }) + '\n';
}

// ---------------------------------------------------------------------------
// GitHub Actions workflow commands

const GITHUB_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escaping of a workflow command's message (the part after `::`). */
export function escapeGithubData(text: string): string {
  // Line breaks as the runner decodes them; any other control character (ESC...) shown escaped, never raw in the log.
  return escapeTerminal(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Escaping of a workflow command's property value: also `:` and `,`, which delimit properties. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(results: readonly FileFindings[]): string {
  const lines = flatten(results).map((f) => {
    const props = [
      `file=${escapeGithubProperty(f.file)}`,
      `line=${f.line}`,
      `col=${f.column}`,
      `endLine=${f.endLine}`,
      `endColumn=${f.endColumn}`,
      `title=${escapeGithubProperty(`postdesk(${f.rule})`)}`,
    ];
    return `::${GITHUB_LEVEL[f.severity]} ${props.join(',')}::${escapeGithubData(f.message)}`;
  });
  lines.push(summaryLine(summarize(results)));
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------
// Text, for people

const ANSI = { red: '\x1b[31m', yellow: '\x1b[33m', blue: '\x1b[34m', green: '\x1b[32m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };
const SEVERITY_COLOR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.blue };

export function formatText(results: readonly FileFindings[], color: boolean): string {
  const rows = flatten(results).map((f) => ({
    // File names and messages (which quote date values) come from posts: nothing in them may act on the terminal.
    location: `${escapeTerminal(f.file)}:${f.line}:${f.column}`,
    severity: f.severity,
    // One finding, one line: a message never breaks the layout.
    message: escapeTerminal(f.message.replace(/\s*[\r\n]+\s*/g, ' ')),
    rule: f.rule,
  }));
  const width = (pick: (r: (typeof rows)[number]) => string): number => rows.reduce((w, r) => Math.max(w, pick(r).length), 0);
  const locationWidth = width((r) => r.location);
  const severityWidth = width((r) => r.severity);
  const messageWidth = width((r) => r.message);
  const paint = (code: string, text: string): string => (color ? code + text + ANSI.reset : text);
  const lines = rows.map((r) =>
    [
      r.location.padEnd(locationWidth),
      paint(SEVERITY_COLOR[r.severity], r.severity.padEnd(severityWidth)),
      r.message.padEnd(messageWidth),
      paint(ANSI.dim, r.rule),
    ].join('  '),
  );
  const summary = summarize(results);
  const summaryColor = summary.errors > 0 ? ANSI.red : summary.warnings > 0 ? ANSI.yellow : ANSI.green;
  if (lines.length > 0) lines.push('');
  lines.push(paint(ANSI.bold + summaryColor, summaryLine(summary)));
  return lines.join('\n') + '\n';
}

export function summaryLine(s: CheckSummary): string {
  const problems = s.errors + s.warnings + s.infos;
  const parts = [plural(s.errors, 'error'), plural(s.warnings, 'warning')];
  if (s.infos > 0) parts.push(`${s.infos} info`);
  return `${plural(problems, 'problem')} (${parts.join(', ')}) in ${plural(s.files, 'file')}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

// ---------------------------------------------------------------------------
// Thresholds

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** The findings at `min` or above: `--min-severity` hides the rest from the output, the summary and the exit code. */
export function atLeast(results: readonly FileFindings[], min: Severity): FileFindings[] {
  return results.map((r) => ({ ...r, findings: r.findings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[min]) }));
}

// ---------------------------------------------------------------------------
// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers

export const REPOSITORY_URL = 'https://github.com/postdesk/postdesk';

/** What each rule checks, from the rule table (the help link points to the rule's section). */
export const RULE_DESCRIPTIONS: Readonly<Record<RuleId, string>> = Object.fromEntries(
  RULE_TABLE.map((entry) => [entry.id, message(entry.description, {}).text]),
) as Record<RuleId, string>;

/** The defaults of postdesk.severity, used when no configuration is passed. */
const DEFAULT_RULE_SEVERITY: Readonly<Record<RuleId, SeveritySetting>> = DEFAULT_SEVERITIES;

const SARIF_LEVEL: Record<SeveritySetting, 'error' | 'warning' | 'note' | 'none'> = { error: 'error', warning: 'warning', info: 'note', off: 'none' };

/** A relative display path as a URI reference: each segment percent-encoded, `/` kept; an absolute path as a file: URI. */
export function sarifUri(displayPath: string): string {
  const absolute = displayPath.startsWith('/') || /^[A-Za-z]:\//.test(displayPath);
  const encoded = displayPath
    .split('/')
    .map((segment, i) => (i === 0 && /^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment)))
    .join('/');
  if (!absolute) return encoded;
  return displayPath.startsWith('/') ? `file://${encoded}` : `file:///${encoded}`;
}

export function formatSarif(results: readonly FileFindings[], severity: Readonly<Record<RuleId, SeveritySetting>> = DEFAULT_RULE_SEVERITY): string {
  const ruleIds = RULE_IDS;
  const rules = ruleIds.map((id) => ({
    id,
    name: id,
    shortDescription: { text: RULE_DESCRIPTIONS[id] },
    helpUri: ruleDocumentationUrl(id),
    defaultConfiguration: { level: SARIF_LEVEL[severity[id] ?? DEFAULT_RULE_SEVERITY[id]] },
  }));
  const sarifResults = flatten(results).map((f) => ({
    ruleId: f.rule,
    ruleIndex: ruleIds.indexOf(f.rule as RuleId),
    level: SARIF_LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: sarifUri(f.file) },
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
        },
      },
    ],
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'postdesk', version, semanticVersion: version, informationUri: REPOSITORY_URL, rules } },
        // Columns count UTF-16 code units, as editors (and the json format) do.
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

// ---------------------------------------------------------------------------
// JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure)

/**
 * Text for an XML attribute or element: the five special characters as
 * entities, and what XML 1.0 cannot hold at all (control characters, lone
 * surrogates, U+FFFE/U+FFFF) replaced by U+FFFD. Line breaks in attributes are
 * kept as character references, so a parser gives them back.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

export function formatJunit(results: readonly FileFindings[]): string {
  const failing = results.filter((r) => r.findings.length > 0).length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="postdesk" tests="${results.length}" failures="${failing}" errors="0">`,
    `  <testsuite name="postdesk check" tests="${results.length}" failures="${failing}" errors="0" skipped="0">`,
  ];
  for (const r of results) {
    const file = escapeXml(r.displayPath);
    const open = `    <testcase classname="postdesk" name="${file}" file="${file}"`;
    if (r.findings.length === 0) {
      lines.push(`${open}/>`);
      continue;
    }
    lines.push(`${open}>`);
    for (const f of flatten([r])) {
      const body = `${f.file}:${f.line}:${f.column} ${f.severity} ${f.message} (${f.rule})`;
      lines.push(`      <failure type="${escapeXml(f.rule)}" message="${escapeXml(`${f.severity}: ${f.message}`)}">${escapeXml(body)}</failure>`);
    }
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>');
  return lines.join('\n') + '\n';
}
