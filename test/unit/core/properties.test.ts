// Property-based tests: whatever the input, the engine never throws, never
// points outside the document, and its fixes converge and remove only what
// they say they remove.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, applyEdits, DEFAULT_CONFIG, findingsOf, fixAll, LineIndex, parseDate, normalizeDateText, splitDocument } from '../../../src/core';

const now = new Date(2024, 0, 15, 12, 0, 0);

// Lines that exercise the engine: fences of every language, fields, dates
// good and bad, markers, code fences, comments, odd characters.
const lineArb = fc.oneof(
  fc.constantFrom(
    '---', '+++', '---js', '---json', '{', '}', '...', '```', '~~~', '<!--', '-->', '<!-- postdesk-disable -->',
    '<!-- postdesk-disable stray-marker -->', 'title: Hello', 'title = "x"', '"title": "x",', 'date: 2020-11-06',
    'date: 2020/11/06', 'date:', 'date = 2020-11-06T10:00:00Z', 'date: 2023-01-29 18:30:22 2023 -0800', 'draft: true',
    'tags: [a, b', '  - item', 'Advertisement', '**Advertisement**', '## Sponsored content', 'Ad', '    indented code',
    '# Heading', '', '   ', 'The advertisement ran for weeks.', 'a: b: c', '&a [*a]', '"unterminated', "'", '\\', '\t',
    '😀 emoji', '\u0000', '\ufeff', '\r',
  ),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
const eolArb = fc.constantFrom('\n', '\r\n', '\r');
const docArb = fc
  .tuple(fc.array(lineArb, { maxLength: 30 }), eolArb, fc.boolean())
  .map(([lines, eol, trailing]) => lines.join(eol) + (trailing ? eol : ''));
const anyText = fc.oneof(docArb, fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 200 }));
const pathArb = fc.constantFrom('post.md', '_posts/2020-11-06-post.md', 'content/2019-02-14-x/index.md', 'bad/2019-02-30-x.md');

describe('properties', () => {
  it('splitting and parsing dates never throw on arbitrary strings', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        splitDocument(text);
        parseDate(text);
        normalizeDateText(text);
      }),
      { numRuns: 1500 },
    );
  });

  it('analysis never throws and every finding and fix lies inside the document', () => {
    fc.assert(
      fc.property(anyText, pathArb, (text, path) => {
        const a = analyze({ path, text }, DEFAULT_CONFIG, { now });
        const index = new LineIndex(text);
        for (const f of a.findings) {
          assert.ok(f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= text.length, `span ${JSON.stringify(f.span)}`);
          assert.deepEqual(f.range, index.rangeOf(f.span));
          assert.ok(f.range.end.line < index.lineCount);
          assert.ok(f.message.length > 0);
          for (const fix of f.fixes) {
            for (const e of fix.edits) assert.ok(e.span.start >= 0 && e.span.end <= text.length && e.span.start <= e.span.end);
            applyEdits(text, fix.edits); // no overlaps within one fix
          }
        }
        const fm = a.split.frontMatter;
        if (fm) {
          for (const s of [fm.blockSpan, fm.contentSpan, fm.openFenceSpan, ...fm.fields.flatMap((x) => [x.keySpan, x.valueSpan, x.entrySpan]), ...fm.problems.map((p) => p.span)]) {
            assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, `front matter span ${JSON.stringify(s)}`);
          }
        }
        assert.ok(a.split.bodyStart >= 0 && a.split.bodyStart <= text.length);
      }),
      { numRuns: 1500 },
    );
  });

  it('findingsOf gives exactly the findings of the full analysis', () => {
    fc.assert(
      fc.property(anyText, pathArb, (text, path) => {
        assert.deepEqual(findingsOf({ path, text }, DEFAULT_CONFIG, { now }), analyze({ path, text }, DEFAULT_CONFIG, { now }).findings);
      }),
      { numRuns: 500 },
    );
  });

  it('applying all fixes twice gives the same text as once', () => {
    fc.assert(
      fc.property(docArb, pathArb, fc.boolean(), (text, path, safeOnly) => {
        const once = fixAll({ path, text }, DEFAULT_CONFIG, { now, safeOnly });
        const twice = fixAll({ path, text: once.text }, DEFAULT_CONFIG, { now, safeOnly });
        assert.equal(twice.text, once.text);
      }),
      { numRuns: 800 },
    );
  });

  // Documents of prose, blank and marker lines around an optional front matter.
  const bodyLine = fc.constantFrom('Prose line.', 'More prose', '', '  ', 'Advertisement', '*Sponsored*', 'Ad', '# Heading');
  const markerDoc = fc
    .tuple(fc.boolean(), fc.array(bodyLine, { minLength: 1, maxLength: 14 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
    .map(([withFm, lines, eol, trailing]) => {
      // A final empty line without a break after it is just the previous line's break.
      if (!trailing && lines.length > 1 && lines[lines.length - 1] === '') return { prefix: withFm ? ['---', 'date: 2020-01-01', '---'] : [], lines: lines.slice(0, -1), eol, trailing: true };
      return { prefix: withFm ? ['---', 'date: 2020-01-01', '---'] : [], lines, eol, trailing };
    });

  it('a stray-marker fix removes exactly the marker line, plus at most one doubled blank line', () => {
    fc.assert(
      fc.property(markerDoc, ({ prefix, lines, eol, trailing }) => {
        const all = [...prefix, ...lines];
        const text = all.join(eol) + (trailing ? eol : '');
        const findings = analyze({ path: 'x.md', text }, DEFAULT_CONFIG, { now }).findings.filter((f) => f.rule === 'stray-marker');
        const expectedMarkers = lines.flatMap((l, i) => (/^(Advertisement|\*Sponsored\*|Ad)$/.test(l) ? [prefix.length + i] : []));
        assert.deepEqual(
          findings.map((f) => f.range.start.line),
          expectedMarkers,
        );
        const blank = (i: number): boolean => i >= prefix.length && i < all.length && all[i].trim() === '';
        for (const f of findings) {
          const line = f.range.start.line;
          const fixed = applyEdits(text, f.fixes[0].edits);
          const join = (kept: string[]): string => (kept.length === 0 ? '' : kept.join(eol) + (trailing ? eol : ''));
          const without = all.filter((_, i) => i !== line);
          const candidates = [join(without)];
          // Blank lines on both sides would become two in a row: one of them goes too.
          if (blank(line - 1) && blank(line + 1)) {
            candidates.length = 0;
            candidates.push(join(all.filter((_, i) => i !== line && i !== line + 1)));
          }
          // Deleting the last line (no line break after it) takes the break before it instead.
          if (!trailing && line === all.length - 1) candidates.push(without.join(eol));
          assert.ok(candidates.includes(fixed), `fix of line ${line} gave ${JSON.stringify(fixed)} from ${JSON.stringify(text)}`);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
