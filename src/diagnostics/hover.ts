// Hover on a post's date: how Postdesk reads it, so an author can see at a
// glance that `2020-11-06` is "Friday, November 6, 2020" and where it came from.
import * as vscode from 'vscode';
import { formatLongDisplayDate, parseDate } from '../core';
import type { Analysis, PostDate, PostdeskConfig } from '../core/types';
import type { DiagnosticsController } from './controller';
import { dateSourceText } from '../common/labels';

function timeSuffix(date: PostDate): string {
  if (date.kind !== 'datetime') return '';
  const pad = (n: number): string => String(n).padStart(2, '0');
  let text = ` ${pad(date.hour)}:${pad(date.minute)}`;
  if (date.offsetMinutes !== undefined) {
    const sign = date.offsetMinutes < 0 ? '−' : '+';
    const abs = Math.abs(date.offsetMinutes);
    text += ` (UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)})`;
  }
  return text;
}

/** "Friday, November 6, 2020" (plus the time when the value has one), in the editor's language. */
function describe(date: PostDate): string {
  return formatLongDisplayDate(date, vscode.env.language) + timeSuffix(date);
}

/** The hover text for a position, or undefined when the position is not on a date. */
export function dateHoverText(analysis: Analysis, offset: number, config: PostdeskConfig): { text: string; start: number; end: number } | undefined {
  const hover = dateHover(analysis, offset, config);
  // Why this file is dated at all: the generator's view of it ("Hugo post: in content/posts/").
  const reason = analysis.post.reason;
  return hover && reason && analysis.post.site ? { ...hover, text: `${hover.text}\n\n${reason.replace(/[\\`*_[\]<>]/g, '\\$&')}` } : hover;
}

function dateHover(analysis: Analysis, offset: number, config: PostdeskConfig): { text: string; start: number; end: number } | undefined {
  const frontMatter = analysis.split.frontMatter;
  const used = analysis.post.date;
  const rules = analysis.site?.rules;
  // The site's date fields (Hugo compares keys case-insensitively), or the dateFields setting.
  const dateKeys = rules ? rules.date.flatMap((spec) => (spec.kind === 'field' ? [rules.caseInsensitiveKeys ? spec.key.toLowerCase() : spec.key] : [])) : config.dateFields;
  const isDateKey = (key: string): boolean => dateKeys.includes(rules?.caseInsensitiveKeys ? key.toLowerCase() : key);
  if (frontMatter) {
    for (const field of frontMatter.fields) {
      if (!isDateKey(field.key)) continue;
      const { start, end } = field.valueSpan;
      if (offset < field.entrySpan.start || offset > Math.max(end, field.entrySpan.end)) continue;
      const raw = analysis.document.text.slice(start, end).replace(/^["']|["']$/g, '').trim();
      const parsed = parseDate(raw);
      const source = vscode.l10n.t('from front matter `{0}`', field.key);
      let text: string;
      if (!parsed) {
        text = used
          ? vscode.l10n.t('Postdesk cannot read this date. The post is dated {0} · {1}', describe(used.value), dateSourceText(used.source, used.field))
          : vscode.l10n.t('Postdesk cannot read this date, so the post is undated.');
      } else if (used?.source === 'front-matter' && used.field !== undefined && used.field !== field.key) {
        text = vscode.l10n.t('{0} · {1} (not used: `{2}` comes first in postdesk.dateFields)', describe(parsed), source, used.field);
      } else {
        text = `**${describe(parsed)}** · ${source}`;
      }
      return { text, start: field.entrySpan.start, end: Math.max(end, field.entrySpan.end) };
    }
  }
  // A date taken from the file or folder name, or a URL field, has no date field of its own: show it on the opening fence, or the first line.
  if (used && used.source !== 'front-matter') {
    const line = frontMatter ? frontMatter.openFenceSpan : { start: 0, end: firstLineEnd(analysis.document.text) };
    if (offset >= line.start && offset <= line.end) {
      return { text: `**${describe(used.value)}** · ${dateSourceText(used.source, used.field)}`, start: line.start, end: line.end };
    }
  }
  return undefined;
}

function firstLineEnd(text: string): number {
  const end = text.search(/[\r\n]/);
  return end === -1 ? text.length : end;
}

export class DateHoverProvider implements vscode.HoverProvider {
  constructor(private readonly controller: DiagnosticsController, private readonly configFor: (uri: vscode.Uri) => PostdeskConfig) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const analysis = this.controller.analysisFor(document);
    if (!analysis) return undefined;
    const hover = dateHoverText(analysis, document.offsetAt(position), this.configFor(document.uri));
    if (!hover) return undefined;
    return new vscode.Hover(new vscode.MarkdownString(hover.text), new vscode.Range(document.positionAt(hover.start), document.positionAt(hover.end)));
  }
}
