// Edits that write a date into front matter in the file's own language and
// line endings, touching nothing else.

import type { FrontMatter, FrontMatterField, TextEdit } from '../types';
import { lineStartOf } from '../frontmatter/common';

function indentOf(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset))?.[0] ?? '';
}

function entryLine(language: string, iso: string): string {
  if (language === 'toml') return `date = ${iso}`;
  if (language === 'json') return `"date": "${iso}"`;
  return `date: ${iso}`;
}

/**
 * Inserts `date` right after the `title` entry when there is one, else as the
 * first field; creates a front matter block when the file has none.
 * Undefined when the front matter cannot safely take a new line (a one-line
 * YAML flow mapping, say).
 */
export function insertDateEdit(text: string, fm: FrontMatter | undefined, eol: string, iso: string): TextEdit | undefined {
  if (!fm) {
    const at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    return { span: { start: at, end: at }, newText: `---${eol}date: ${iso}${eol}---${eol}` };
  }
  if (fm.problems.length > 0 || !fm.closeFenceSpan) return undefined;
  const language = fm.language;
  if (language === 'json') return insertJson(text, fm, eol, iso);
  const title = fm.fields.find((f) => f.key === 'title');
  const line = entryLine(language, iso);
  if (title) {
    if (isInline(text, title)) return undefined;
    return { span: { start: title.entrySpan.end, end: title.entrySpan.end }, newText: `${eol}${indentOf(text, title.keySpan.start)}${line}` };
  }
  const first = fm.fields[0];
  if (first) {
    if (isInline(text, first)) return undefined;
    const at = lineStartOf(text, first.keySpan.start);
    return { span: { start: at, end: at }, newText: `${indentOf(text, first.keySpan.start)}${line}${eol}` };
  }
  return { span: { start: fm.contentSpan.start, end: fm.contentSpan.start }, newText: `${line}${eol}` };
}

/** A field that does not start its own line (YAML flow mappings). */
function isInline(text: string, field: FrontMatterField): boolean {
  return text.slice(lineStartOf(text, field.keySpan.start), field.keySpan.start).trim() !== '';
}

function insertJson(text: string, fm: FrontMatter, eol: string, iso: string): TextEdit | undefined {
  const fields = fm.fields;
  const line = entryLine('json', iso);
  if (fields.length === 0) {
    const open = text.indexOf('{', fm.contentSpan.start);
    if (open === -1 || open >= fm.contentSpan.end) return undefined;
    return { span: { start: open + 1, end: open + 1 }, newText: ` ${line} ` };
  }
  const titleIndex = fields.findIndex((f) => f.key === 'title');
  // Insert before the field that follows title (or the first field) so the
  // new member always takes a trailing comma and the JSON stays valid.
  if (titleIndex !== -1 && titleIndex === fields.length - 1) {
    const title = fields[titleIndex];
    return { span: { start: title.valueSpan.end, end: title.valueSpan.end }, newText: `,${separator(text, title, eol)}${line}` };
  }
  const target = fields[titleIndex === -1 ? 0 : titleIndex + 1];
  return { span: { start: target.keySpan.start, end: target.keySpan.start }, newText: `${line},${separator(text, target, eol)}` };
}

function separator(text: string, field: FrontMatterField, eol: string): string {
  const before = text.slice(lineStartOf(text, field.keySpan.start), field.keySpan.start);
  return before.trim() === '' ? `${eol}${before}` : ' ';
}

/** Replaces a value, keeping the author's quotes when it was quoted. */
export function replaceValueEdit(text: string, language: string, field: FrontMatterField, newValue: string): TextEdit {
  const { start, end } = field.valueSpan;
  const raw = text.slice(start, end);
  const q = raw[0];
  if (raw.length >= 2 && (q === '"' || q === "'") && raw[raw.length - 1] === q) {
    return { span: { start: start + 1, end: end - 1 }, newText: newValue };
  }
  if (language === 'json') return { span: { start, end }, newText: JSON.stringify(newValue) };
  // `date:` with no value: keep YAML's required space after the colon.
  const space = start === end && text[start - 1] === ':' ? ' ' : '';
  return { span: { start, end }, newText: `${space}${newValue}` };
}
