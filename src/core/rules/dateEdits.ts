// Edits that write a date into front matter in the file's own language and
// line endings, touching nothing else.

import { isMap, isNode, isScalar, parseDocument, visit, type CST, type Document } from 'yaml';
import type { FrontMatter, FrontMatterField, Span, TextEdit } from '../types';
import { lineStartOf, trimEnd } from '../frontmatter/common';
import { parseBlockFast } from '../frontmatter/quick';
import { YAML_OPTIONS } from '../frontmatter/yaml';

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

/**
 * Replaces a field's value with `newValue` (a date), keeping the author's
 * quotes, comments, anchor and tag. Undefined when no edit gives the field
 * exactly that value while leaving every other field as it was (an anchor
 * another field refers to, a tag that cannot hold a date): no fix is better
 * than a corrupted one.
 */
export function replaceValueEdit(text: string, fm: FrontMatter | undefined, field: FrontMatterField, newValue: string): TextEdit | undefined {
  if (!fm || fm.problems.length > 0) return undefined;
  const edit = fm.language === 'yaml' ? replaceYamlValue(text, fm.contentSpan, field, newValue) : replaceRawValue(text, fm.language, field, newValue);
  return edit && writesValue(text, fm, field, newValue, edit) ? edit : undefined;
}

/** TOML and JSON: the value's text is the whole value. */
function replaceRawValue(text: string, language: string, field: FrontMatterField, newValue: string): TextEdit {
  const { start, end } = field.valueSpan;
  const raw = text.slice(start, end);
  const q = raw[0];
  if (raw.length >= 2 && (q === '"' || q === "'") && raw[raw.length - 1] === q) {
    return { span: { start: start + 1, end: end - 1 }, newText: newValue };
  }
  if (language === 'json') return { span: { start, end }, newText: JSON.stringify(newValue) };
  return { span: { start, end }, newText: newValue };
}

const STR_TAG = 'tag:yaml.org,2002:str';
const NULL_TAG = 'tag:yaml.org,2002:null';
const SCALAR_TOKENS = new Set(['scalar', 'single-quoted-scalar', 'double-quoted-scalar', 'alias']);

/**
 * YAML, through the document's source tokens: an empty value is written after
 * the colon and the value's anchor or tag, never into a comment or an anchor's
 * name; a written value replaces only its own text (a block scalar's header
 * comment is kept).
 */
function replaceYamlValue(text: string, content: Span, field: FrontMatterField, newValue: string): TextEdit | undefined {
  const doc = parseDocument(text.slice(content.start, content.end), { ...YAML_OPTIONS, keepSourceTokens: true });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.range !== undefined && content.start + p.key.range[0] === field.keySpan.start);
  const item = pair?.srcToken;
  if (!pair || !item?.sep) return undefined;
  const node = isNode(pair.value) ? pair.value : undefined;

  // Filling an anchored value would change every alias of it too.
  if (node?.anchor !== undefined && refersTo(doc, node.anchor)) return undefined;
  // A tag is kept when it still means the date (`!!str`); `!!null` only said "empty" and goes.
  const tag = node?.tag;
  if (tag !== undefined && tag !== STR_TAG && tag !== NULL_TAG) return undefined;

  let indicator = item.sep.length - 1;
  while (indicator >= 0 && item.sep[indicator].type !== 'map-value-ind') indicator--;
  if (indicator === -1) return undefined;
  const props = item.sep.slice(indicator + 1).filter((t) => t.type === 'anchor' || t.type === 'tag');
  const afterIndicator = item.sep[indicator].offset + item.sep[indicator].source.length;
  const last = props[props.length - 1];
  const afterProps = last ? last.offset + last.source.length : afterIndicator;

  // The text the value replaces, relative to the content; empty when there is none.
  let start = afterProps;
  let end = afterProps;
  let written = newValue;
  const value = item.value;
  if (value && 'source' in value && SCALAR_TOKENS.has(value.type) && value.source !== '') {
    start = value.offset;
    end = value.offset + value.source.length;
    const q = value.source[0];
    if (value.type !== 'scalar' && value.type !== 'alias') written = `${q}${newValue}${q}`;
  } else if (value?.type === 'block-scalar' && node?.range) {
    start = value.offset;
    end = trimEnd(text, { start: content.start + start, end: content.start + node.range[1] }).end - content.start;
    const comment = value.props.find((t): t is CST.SourceToken => t.type === 'comment');
    if (comment) written = `${newValue} ${comment.source}`;
  } else if (value && value.type !== 'scalar' && node?.range) {
    // A list or mapping where the date should be.
    start = node.range[0];
    end = trimEnd(text, { start: content.start + start, end: content.start + node.range[1] }).end - content.start;
  }

  if (tag === NULL_TAG) {
    const tagToken = props.find((t) => t.type === 'tag');
    if (!tagToken) return undefined;
    // What stands between the tag and the value (an anchor) stays, on one line.
    const between = text.slice(content.start + tagToken.offset + tagToken.source.length, content.start + start);
    if (/[#\r\n]/.test(between)) return undefined;
    const kept = between.trim();
    return { span: { start: content.start + tagToken.offset, end: content.start + end }, newText: kept === '' ? written : `${kept} ${written}` };
  }
  const before = text[content.start + start - 1];
  const space = start === end && before !== ' ' && before !== '\t' ? ' ' : '';
  return { span: { start: content.start + start, end: content.start + end }, newText: `${space}${written}` };
}

/** Whether an alias anywhere in the document names `anchor`. */
function refersTo(doc: Document.Parsed, anchor: string): boolean {
  let found = false;
  visit(doc, {
    Alias(_, alias) {
      if (alias.source !== anchor) return undefined;
      found = true;
      return visit.BREAK;
    },
  });
  return found;
}

/**
 * Re-reads the front matter as the edit leaves it: the field must hold
 * exactly `newValue`, and every field (keys, order, values) be as before.
 */
function writesValue(text: string, fm: FrontMatter, field: FrontMatterField, newValue: string, edit: TextEdit): boolean {
  const { start, end } = edit.span;
  if (start < fm.contentSpan.start || end > fm.contentSpan.end) return false;
  const after = text.slice(0, start) + edit.newText + text.slice(end);
  const content = { start: fm.contentSpan.start, end: fm.contentSpan.end + edit.newText.length - (end - start) };
  const parsed = parseBlockFast(after, content, fm.language);
  if (!parsed) return false;
  if (parsed.problems.length > 0 || parsed.fields.length !== fm.fields.length) return false;
  return fm.fields.every((was, i) => {
    const now = parsed.fields[i];
    if (now.key !== was.key) return false;
    return was.keySpan.start === field.keySpan.start ? now.value === newValue : sameValue(now.value, was.value);
  });
}

/** Structural equality of parsed front matter values. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && sameValue(ra[k], rb[k]));
}
