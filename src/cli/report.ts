// Output of `postdesk check` in its three formats. Positions are printed
// 1-based (line and UTF-16 column, as editors count them); paths are relative
// to the working directory with forward slashes.
import type { Finding, Severity } from '../core/types';
import type { CheckFormat } from './args';
import { escapeTerminal } from './terminal';

export interface FileFindings {
  readonly displayPath: string;
  readonly findings: readonly Finding[];
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

export function formatCheck(format: CheckFormat, results: readonly FileFindings[], color: boolean): string {
  switch (format) {
    case 'json':
      return formatJson(results);
    case 'github':
      return formatGithub(results);
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
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
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
