// YAML front matter through `yaml`'s document API, which keeps source ranges.
// The YAML 1.2 core schema has no timestamp type, so `date: 2020-11-06` stays
// the author's string and is read by the calendar-date model instead of
// becoming a Date at UTC midnight.

import { isMap, isScalar, parseDocument } from 'yaml';
import type { FrontMatterField, FrontMatterProblem, Span } from '../types';
import { message } from '../messages';
import { emptyBlock, entrySpanOf, problem, problemSpan, trimEnd, type ParsedBlock } from './common';

export function parseYamlBlock(text: string, content: Span): ParsedBlock {
  const source = text.slice(content.start, content.end);
  const doc = parseDocument(source, {
    schema: 'core',
    version: '1.2',
    prettyErrors: false,
    uniqueKeys: true,
    keepSourceTokens: false,
  });
  const problems: FrontMatterProblem[] = doc.errors.map((e) =>
    problem(message('yamlError', { error: e.message }), problemSpan(text, content.start + e.pos[0], content.start + e.pos[1], content)),
  );
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
    data = js !== null && typeof js === 'object' && !Array.isArray(js) ? (js as Record<string, unknown>) : {};
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
