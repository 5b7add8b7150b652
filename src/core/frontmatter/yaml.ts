// YAML front matter through `yaml`'s document API, which keeps source ranges.
// The YAML 1.2 core schema has no timestamp type, so `date: 2020-11-06` stays
// the author's string and is read by the calendar-date model instead of
// becoming a Date at UTC midnight.

import { isAlias, isCollection, isMap, isPair, isScalar, parseDocument, type Document, type DocumentOptions, type Node, type ParseOptions, type SchemaOptions } from 'yaml';
import type { FrontMatterField, FrontMatterProblem, Span } from '../types';
import { message } from '../messages';
import { emptyBlock, entrySpanOf, problem, problemSpan, toNullData, tooLargeBlock, trimEnd, type ParsedBlock } from './common';

/**
 * The parser options every front matter read uses (the date fix's too).
 * `uniqueKeys: false`: the library's duplicate check compares each key with
 * every earlier one (40,000 keys took 16 s); `duplicateKeyErrors` does it in
 * linear time. `logLevel: 'silent'`: a library never writes to the author's
 * terminal or the extension host's log; what it would warn about is reported
 * as a problem instead.
 */
export const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: 'core',
  version: '1.2',
  prettyErrors: false,
  uniqueKeys: false,
  keepSourceTokens: false,
  logLevel: 'silent',
};

/** What `uniqueKeys: true` reported, with its wording and position. */
const DUPLICATE_KEY = 'Map keys must be unique';

interface Located {
  readonly message: string;
  /** Offsets into the parsed source. */
  readonly pos: readonly [number, number];
}

export function parseYamlBlock(text: string, content: Span): ParsedBlock {
  const tooLarge = tooLargeBlock(text, content);
  if (tooLarge) return tooLarge;
  const source = text.slice(content.start, content.end);
  const doc = parseDocument(source, YAML_OPTIONS);
  const keys = checkKeys(doc);
  const located: Located[] = mergeByPosition(
    doc.errors.map((e) => ({ message: e.message, pos: e.pos })),
    keys.duplicates,
  );
  const problems: FrontMatterProblem[] = located.map((e) =>
    problem(message('yamlError', { error: e.message }), problemSpan(text, content.start + e.pos[0], content.start + e.pos[1], content)),
  );
  if (problems.length === 0) problems.push(...collectionKeyProblems(keys.collections, text, content));
  if (problems.length > 0) return emptyBlock(problems);

  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) {
    return emptyBlock();
  }
  if (!isMap(contents)) {
    const start = content.start + (contents.range?.[0] ?? 0);
    return emptyBlock([problem(message('frontMatterNotMapping', {}), problemSpan(text, start, start, content))]);
  }

  let data: Record<string, unknown>;
  try {
    // maxAliasCount bounds "billion laughs" alias expansion.
    const js: unknown = doc.toJS({ maxAliasCount: 100 });
    data = toNullData(js !== null && typeof js === 'object' && !Array.isArray(js) ? js : {});
  } catch (e) {
    return emptyBlock([problem(message('yamlError', { error: (e as Error).message }), problemSpan(text, content.start, content.start, content))]);
  }

  const fields: FrontMatterField[] = [];
  for (const pair of contents.items) {
    const key = pair.key;
    if (!isScalar(key) || !key.range) continue;
    const name = String(key.value);
    const keySpan = { start: content.start + key.range[0], end: content.start + key.range[1] };
    const value = pair.value;
    let valueSpan: Span;
    if (value && typeof value === 'object' && 'range' in value && value.range) {
      valueSpan = trimEnd(text, { start: content.start + value.range[0], end: content.start + value.range[1] });
    } else {
      const colon = text.indexOf(':', keySpan.end);
      const at = colon === -1 ? keySpan.end : colon + 1;
      valueSpan = { start: at, end: at };
    }
    fields.push({
      key: name,
      keySpan,
      valueSpan,
      entrySpan: entrySpanOf(text, keySpan.start, Math.max(keySpan.end, valueSpan.end)),
      value: Object.prototype.hasOwnProperty.call(data, name) ? data[name] : undefined,
    });
  }
  return { data, fields, problems: [] };
}

interface KeyChecks {
  /** Duplicate keys, as the library's `uniqueKeys: true` reported them. */
  readonly duplicates: Located[];
  /** Keys that are (or are aliases of) lists or mappings. */
  readonly collections: Node[];
}

/**
 * One walk over every mapping of the document, keys included (without
 * recursion: a deeply nested document cannot overflow the stack).
 *
 * Duplicates are found as `uniqueKeys: true` found them (same message and
 * position; keys equal when both are scalars with the same value, `1` and
 * `1.0` or `null` and `~` included), with one hash lookup per key instead of
 * a scan of all the keys before it.
 */
function checkKeys(doc: Document.Parsed): KeyChecks {
  const duplicates: Located[] = [];
  const collections: Node[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isCollection(node)) continue;
    const map = isMap(node);
    const seen = map && node.items.length > 1 ? new Set<unknown>() : undefined;
    for (const item of node.items) {
      if (!isPair(item)) {
        stack.push(item);
        continue;
      }
      stack.push(item.value, item.key);
      const key = item.key;
      if (isScalar(key)) {
        const value = key.value;
        // NaN never equals itself: the library never called two `.nan` keys duplicates.
        if (seen === undefined || (typeof value === 'number' && Number.isNaN(value))) continue;
        if (seen.has(value)) {
          const at = key.range?.[0] ?? 0;
          duplicates.push({ message: DUPLICATE_KEY, pos: [at, at + 1] });
        } else seen.add(value);
      } else if (isCollection(key) || (isAlias(key) && isCollection(key.resolve(doc)))) {
        collections.push(key);
      }
    }
  }
  duplicates.sort((x, y) => x.pos[0] - y.pos[0]);
  return { duplicates, collections };
}

/** `a` and `b` merged by start position, `a`'s entries first at equal positions (both are in order). */
function mergeByPosition(a: Located[], b: Located[]): Located[] {
  if (b.length === 0) return a;
  const out: Located[] = [];
  let j = 0;
  for (const e of a) {
    while (j < b.length && b[j].pos[0] < e.pos[0]) out.push(b[j++]);
    out.push(e);
  }
  while (j < b.length) out.push(b[j++]);
  return out;
}

/**
 * Keys that are lists or mappings (`title: {{ .Title }}` is a mapping whose
 * key is a mapping): a JavaScript object can only stringify them, which the
 * library would warn about on the terminal. Reported on the key's line instead.
 */
function collectionKeyProblems(keys: readonly Node[], text: string, content: Span): FrontMatterProblem[] {
  const out: FrontMatterProblem[] = [];
  for (const key of keys) {
    if (!key.range) continue;
    const start = content.start + key.range[0];
    const end = content.start + key.range[1];
    let shown = text.slice(start, end).replace(/\s+/g, ' ').trim();
    if (shown.length > 60) shown = `${shown.slice(0, 60)}…`;
    // The span stays on the key's first line.
    const lineEnd = text.slice(start, end).search(/[\r\n]/);
    out.push(problem(message('yamlCollectionKey', { key: shown }), problemSpan(text, start, lineEnd === -1 ? end : start + lineEnd, content)));
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}
