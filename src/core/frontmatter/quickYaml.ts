// The quick reader of plain YAML front matter: `key: value` lines whose
// meaning is certain (quoted strings, plain strings, booleans, one-line or
// block lists of strings), read without the YAML parser. Anything else
// (numbers, nulls, nested maps, anchors, comments after values, CRLF...)
// gives undefined, and the caller's full splitter reads it. One of the quick
// readers of ./quick (`splitDocumentFast`), which the listing and `check` use.

import type { FrontMatterField, SplitDocument } from '../types';
import { entrySpanOf, isTooLarge, nullData, trimEnd } from './common';
import { detectEol } from '../text';

/** The quick reader alone: undefined when the text needs the full splitter. */
export function quickSplit(text: string): SplitDocument | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!text.startsWith('---\n', start)) return undefined;
  const contentStart = start + 4;
  // The closing fence: the first line that is `---` followed by blanks only (as splitDocument finds it).
  let close: { start: number; end: number } | undefined;
  for (let i = contentStart; i < text.length; ) {
    let end = text.indexOf('\n', i);
    if (end === -1) end = text.length;
    const line = text.slice(i, end);
    if (line.includes('\r')) return undefined;
    if (line.startsWith('---') && line.slice(3).trim() === '') {
      close = { start: i, end };
      break;
    }
    i = end + 1;
  }
  if (!close) return undefined;
  // An oversized block is the parsers' to refuse, with their problem.
  if (isTooLarge(text, { start: contentStart, end: close.start })) return undefined;
  const block = readBlock(text, contentStart, close.start);
  if (!block) return undefined;
  const blockEnd = close.end < text.length ? close.end + 1 : close.end;
  return {
    frontMatter: {
      language: 'yaml',
      blockSpan: { start, end: blockEnd },
      openFenceSpan: { start, end: start + 3 },
      closeFenceSpan: close,
      contentSpan: { start: contentStart, end: close.start },
      data: block.data,
      fields: block.fields,
      problems: [],
    },
    bodyStart: blockEnd,
    eol: detectEol(text),
  };
}

type Value = string | boolean | string[];

interface Block {
  readonly data: Record<string, unknown>;
  readonly fields: FrontMatterField[];
}

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$/;
/**
 * Keys the YAML core schema reads as something else than their text. Keys
 * such as `__proto__` or `constructor` are plain data here: `data` has no prototype.
 */
const SPECIAL_KEY = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;
const SEQUENCE_ITEM = /^( *)- +(.*)$/;

/** Reads `key: value` lines from [from, to); undefined when any line is not certainly understood. */
function readBlock(text: string, from: number, to: number): Block | undefined {
  const data = nullData();
  const fields: FrontMatterField[] = [];
  // A key with nothing after its colon: its value is a block list on the next lines.
  let open: { key: string; keyStart: number; items: string[]; start: number; end: number; indent: string | undefined } | undefined;
  const closeOpen = (): boolean => {
    if (!open) return true;
    // `key:` with no list after it is null; its span is not worth imitating.
    if (open.items.length === 0) return false;
    addField(text, data, fields, open.key, open.keyStart, open.items, open.start, open.end);
    open = undefined;
    return true;
  };
  for (let i = from; i < to; ) {
    let end = text.indexOf('\n', i);
    if (end === -1 || end > to) end = to;
    const line = text.slice(i, end);
    const lineStart = i;
    i = end + 1;
    if (/^ *$/.test(line) || line.startsWith('#')) continue;
    if (open) {
      const item = SEQUENCE_ITEM.exec(line);
      if (item && (open.indent === undefined || open.indent === item[1])) {
        open.indent = item[1];
        const itemText = item[2].replace(/ +$/, '');
        const scalar = readScalar(itemText, lineStart + line.length - item[2].length, 'block');
        if (typeof scalar?.value !== 'string') return undefined;
        if (open.items.length === 0) open.start = lineStart + item[1].length;
        open.items.push(scalar.value);
        open.end = scalar.end;
        continue;
      }
      if (!closeOpen()) return undefined;
    }
    const match = KEY_LINE.exec(line);
    // Long keys are errors for YAML (implicit keys stop at 1024 characters): the parser words those.
    if (!match || SPECIAL_KEY.test(match[1]) || match[1].length > 128) return undefined;
    const key = match[1];
    if (Object.prototype.hasOwnProperty.call(data, key)) return undefined;
    const rest = match[2] ?? '';
    // Only spaces make an empty value: YAML reads other white space (an ideographic space) as text.
    if (/^ *$/.test(rest)) {
      open = { key, keyStart: lineStart, items: [], start: 0, end: 0, indent: undefined };
      continue;
    }
    const valueStart = lineStart + line.length - rest.length;
    const value = readValue(rest, valueStart);
    if (!value) return undefined;
    addField(text, data, fields, key, lineStart, value.value, valueStart, value.end);
  }
  if (!closeOpen()) return undefined;
  return { data, fields };
}

function addField(text: string, data: Record<string, unknown>, fields: FrontMatterField[], key: string, keyStart: number, value: Value, valueStart: number, valueEnd: number): void {
  data[key] = value;
  const keySpan = { start: keyStart, end: keyStart + key.length };
  // Trimmed as the YAML reader trims it (JavaScript's white space, wider than YAML's).
  const valueSpan = trimEnd(text, { start: valueStart, end: valueEnd });
  fields.push({ key, keySpan, valueSpan, entrySpan: entrySpanOf(text, keyStart, Math.max(keySpan.end, valueSpan.end)), value });
}

interface Read<T> {
  readonly value: T;
  /** Absolute end of the value's text, trailing blanks excluded. */
  readonly end: number;
}

function readValue(rest: string, start: number): Read<Value> | undefined {
  const trimmed = rest.replace(/ +$/, '');
  if (trimmed.startsWith('[')) {
    if (!trimmed.endsWith(']')) return undefined;
    const inner = trimmed.slice(1, -1);
    const items: string[] = [];
    // Only spaces make an empty sequence: String.trim would also drop a no-break space, which YAML keeps as an item.
    if (!/^ *$/.test(inner)) {
      let offset = start + 1;
      for (const part of inner.split(',')) {
        // Only spaces separate items: other white space (a no-break space) belongs to the item.
        const item = part.replace(/^ +/, '');
        const scalar = readScalar(item.replace(/ +$/, ''), offset + part.length - item.length, 'flow');
        if (typeof scalar?.value !== 'string') return undefined;
        items.push(scalar.value);
        offset += part.length + 1;
      }
    }
    return { value: items, end: start + trimmed.length };
  }
  return readScalar(trimmed, start, 'block');
}

/** Characters that make a line mean something else than plain text somewhere in YAML. */
const MAYBE_TYPED = /^[-+.~0-9nNtTfF]/;
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;
const FLOW_UNSAFE = /[[\]{},:#"']/;
const NUMBER_LIKE = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const NULL_LIKE = /^(?:~|null|Null|NULL)$/;
const TRUE_LIKE = /^(?:true|True|TRUE)$/;
const FALSE_LIKE = /^(?:false|False|FALSE)$/;

/** One scalar without surrounding blanks: a quoted string without escapes, or a plain string or boolean. */
function readScalar(text: string, start: number, context: 'block' | 'flow'): Read<string | boolean> | undefined {
  if (text === '' || hasControl(text)) return undefined;
  const end = start + text.length;
  const quote = text[0];
  if (quote === '"' || quote === "'") {
    const body = text.slice(1, -1);
    if (text.length < 2 || text[text.length - 1] !== quote || body.includes(quote) || (quote === '"' && body.includes('\\'))) return undefined;
    return { value: body, end };
  }
  if (INDICATOR_START.test(text) || text.includes(' #') || text.includes(': ') || text.endsWith(':')) return undefined;
  if (context === 'flow' && FLOW_UNSAFE.test(text)) return undefined;
  // Only text starting like a number, null or boolean can be one (most titles and dates skip these tests).
  if (MAYBE_TYPED.test(text)) {
    if (NUMBER_LIKE.test(text) || NULL_LIKE.test(text)) return undefined;
    if (TRUE_LIKE.test(text)) return { value: true, end };
    if (FALSE_LIKE.test(text)) return { value: false, end };
  }
  return { value: text, end };
}

/** Tabs, control characters, byte order marks, line separators and lone surrogates: left to the YAML parser. */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0xfeff || c === 0x2028 || c === 0x2029) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}
