// Property test for stray markers in nested Markdown (#14): marker lines are
// put in every kind of block and container (list items, block quotes, fences,
// indented code, HTML blocks of all seven kinds, setext headings, tables,
// paragraphs shared with prose, lazy continuation lines), and markdown-it,
// configured as the preview, is the judge of what is prose.
//
// Fixing must remove exactly the marker lines markdown-it renders as prose of
// their own (a paragraph or heading holding only the marker, or one whole
// line of a paragraph), byte for byte, and nothing else; and the preview must
// show the same article minus those markers. The only such lines the engine
// may keep are the ones a list item's marker sits on, and lines whose removal
// would change what the preview shows around them (two indented code blocks
// merging, a lazy line falling out of its quote...): the test checks that is
// so. MARKER_RUNS=5000 runs it longer.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import type MarkdownIt from 'markdown-it';
import { analyze, applyEdits, classifyLines, DEFAULT_CONFIG, fixAll, markerSet, normalizeMarkerText } from '../../../src/core';
import { findMarkerUnits } from '../../../src/core/rules/strayMarker';
import { createMarkdown } from '../../../src/core/render/markdown';

type Token = MarkdownIt.Token;

const now = new Date(2024, 0, 15, 12, 0, 0);
const md = createMarkdown();
const markers = markerSet(DEFAULT_CONFIG.markers);

// --- Generating nested Markdown -------------------------------------------

const MARKER_LINES = ['Advertisement', '**Advertisement**', '_Sponsored_', 'Advertisement.', 'Ad', '## Sponsored content', '*Advertisement:*', 'SKIP ADVERTISEMENT'];
const PROSE_LINES = ['Some prose here.', 'More *prose* with `code`.', 'The advertisement ran for weeks.', 'Ad hoc reasoning', 'Text <b>bold</b> text'];

const marker = fc.constantFrom(...MARKER_LINES);
const prose = fc.constantFrom(...PROSE_LINES);
const anyLine = fc.oneof(marker, prose, fc.constant(''));

type Lines = string[];

/** Blocks joined by one blank line, so a marker never shares a paragraph with prose. */
const joinBlocks = (blocks: Lines[]): Lines => blocks.flatMap((b, i) => (i === 0 ? b : ['', ...b]));

const leaf: fc.Arbitrary<Lines> = fc.oneof(
  { weight: 4, arbitrary: marker.map((m) => [m]) },
  { weight: 2, arbitrary: fc.array(prose, { minLength: 1, maxLength: 3 }) },
  // Markers sharing a paragraph with prose, lazy continuation lines, and
  // first lines whose removal would turn the next line into something else.
  { weight: 2, arbitrary: fc.array(fc.oneof(marker, prose), { minLength: 2, maxLength: 4 }) },
  fc.tuple(fc.oneof(marker, prose), fc.oneof(marker, prose)).map(([a, b]) => [`> ${a}`, b]),
  fc.tuple(fc.oneof(marker, prose), fc.oneof(marker, prose)).map(([a, b]) => [`- ${a}`, b]),
  fc.tuple(marker, fc.constantFrom('    indented', '[x]: /url', '2. two', '<div>', '| a |', '===', '  - item')).map(([m, next]) => [m, next]),
  // Setext headings: a marker heading is one unit; a heading with more text is not a marker.
  fc.tuple(marker, fc.constantFrom('---', '=====', '-------------')).map(([m, u]) => [m, u]),
  fc.tuple(prose, marker, fc.constantFrom('---', '===')).map(([p, m, u]) => [p, m, u]),
  // Fenced code, closed or not, with marker lines and blank lines inside.
  fc.tuple(fc.constantFrom('```', '~~~~', '```md'), fc.array(anyLine, { maxLength: 3 }), fc.boolean()).map(([f, body, closed]) => [f, ...body, ...(closed ? [f.slice(0, f.startsWith('~') ? 4 : 3)] : [])]),
  // Indented code.
  fc.array(fc.oneof(marker, prose), { minLength: 1, maxLength: 3 }).map((ls) => ls.map((l) => `    ${l}`)),
  // HTML blocks of the seven kinds; types 1 to 5 go on across blank lines.
  fc.tuple(fc.constantFrom('pre', 'script', 'style', 'textarea'), fc.array(anyLine, { maxLength: 3 })).map(([tag, body]) => [`<${tag}>`, ...body, `</${tag}>`]),
  fc.array(anyLine, { maxLength: 3 }).map((body) => ['<!--', ...body, '-->']),
  fc.array(anyLine, { maxLength: 3 }).map((body) => ['<?php', ...body, '?>']),
  fc.array(fc.oneof(marker, prose), { maxLength: 2 }).map((body) => ['<!DOCTYPE html', ...body, '>']),
  fc.array(anyLine, { maxLength: 3 }).map((body) => ['<![CDATA[', ...body, ']]>']),
  fc.tuple(fc.constantFrom('<div>', '<table><tr><td>', '<section class="x">'), fc.array(anyLine, { maxLength: 3 })).map(([open, body]) => [open, ...body]),
  fc.tuple(fc.constantFrom('<custom-tag>', '</span>', '<a href="x">'), fc.array(fc.oneof(marker, prose), { minLength: 1, maxLength: 2 })).map(([open, body]) => [open, ...body]),
  // Tables and thematic breaks.
  marker.map((m) => ['| a | b |', '| --- | --- |', `| ${m} | x |`, m.includes('|') ? 'x' : `${m} | y`]),
  fc.constant<Lines>(['***']),
);

const blocks: fc.Arbitrary<Lines> = fc.letrec<{ block: Lines; seq: Lines }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    // Block quotes, blank lines inside them as `>`.
    tie('seq').map((inner) => inner.map((l) => (l === '' ? '>' : `> ${l}`))),
    // Bullet and ordered list items: the first line after the item's marker, the rest indented to its content.
    fc
      .tuple(fc.constantFrom('- ', '* ', '1. ', '10. '), fc.array(tie('seq'), { minLength: 1, maxLength: 3 }), fc.boolean())
      .map(([mark, items, loose]) => {
        const pad = ' '.repeat(mark.length);
        const out: Lines = [];
        items.forEach((item, i) => {
          if (i > 0 && loose) out.push('');
          item.forEach((l, k) => out.push(k === 0 ? `${mark}${l}` : l === '' ? '' : `${pad}${l}`));
        });
        return out;
      }),
  ),
  seq: fc.array(tie('block'), { minLength: 1, maxLength: 3 }).map(joinBlocks),
})).seq;

const docArb = fc.record({
  lines: blocks,
  frontMatter: fc.boolean(),
  eol: fc.constantFrom('\n', '\r\n'),
  trailing: fc.boolean(),
});

// --- The oracle: markdown-it's own reading ----------------------------------

const PLAIN = new Set(['text', 'em_open', 'em_close', 'strong_open', 'strong_close', 's_open', 's_close']);

/** A paragraph's inline children split at its line breaks: one run per source line, or undefined when they do not line up. */
function segments(inline: Token, lineCount: number): Token[][] | undefined {
  const out: Token[][] = [[]];
  for (const c of inline.children ?? []) {
    if (c.type === 'softbreak' || c.type === 'hardbreak') out.push([]);
    else out[out.length - 1].push(c);
  }
  return out.length === lineCount ? out : undefined;
}

const isMarkerRun = (run: readonly Token[]): boolean =>
  run.length > 0 && run.every((c) => PLAIN.has(c.type)) && markers.has(normalizeMarkerText(run.map((c) => (c.type === 'text' ? c.content : '')).join('')));

/**
 * Marker units markdown-it renders as prose of their own, first line -> all
 * its lines: a paragraph's line (the whole paragraph, or one of its lines)
 * or a heading whose text is plain marker text. Never the line a list item's
 * marker is on: removing it would remove the item.
 */
function ownMarkers(body: string): Map<number, number[]> {
  const tokens = md.parse(body, {});
  const out = new Map<number, number[]>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if ((t.type !== 'paragraph_open' && t.type !== 'heading_open') || !t.map) continue;
    const [start, end] = t.map;
    const inline = tokens[i + 1];
    if (t.type === 'heading_open') {
      const setext = t.markup === '-' || t.markup === '=';
      if (end - start === (setext ? 2 : 1) && isMarkerRun(inline.children ?? [])) out.set(start, setext ? [start, start + 1] : [start]);
      continue;
    }
    const runs = segments(inline, end - start);
    runs?.forEach((run, k) => {
      if (isMarkerRun(run)) out.set(start + k, [start + k]);
    });
  }
  const itemLines = new Set(tokens.filter((t) => t.type === 'list_item_open' && t.map).map((t) => t.map![0]));
  return new Map([...out].filter(([l]) => !itemLines.has(l)));
}

const quoteDepth = (l: string): number => (/^(?:[ \t]*>)+/.exec(l)?.[0].split('>').length ?? 1) - 1;
/** 0: a blank line; n > 0: a line of n quote marks and nothing else; -1: anything else. */
const blankKind = (l: string | undefined): number => (l === undefined ? -1 : /^[ \t]*$/.test(l) ? 0 : /^[ \t>]*$/.test(l) ? quoteDepth(l) : -1);

/** `removed`, and the blank line after each run of them that sat between two blank lines of one kind. */
function remove(lines: readonly string[], removed: readonly number[]): Set<number> {
  const gone = new Set(removed);
  for (const l of [...removed].sort((a, b) => a - b)) {
    let prev = l - 1;
    while (prev >= 0 && gone.has(prev)) prev--;
    let next = l + 1;
    while (next < lines.length && gone.has(next)) next++;
    const kind = blankKind(lines[prev]);
    if ((kind === 0 || kind === quoteDepth(lines[l])) && blankKind(lines[next]) === kind) gone.add(next);
  }
  return gone;
}

/**
 * The preview's HTML of tokens, without line numbers or spacing between tags (outside code), and with
 * every list rendered loose: a list whose only blank lines were around a
 * marker becomes tight without it, its text unchanged.
 */
function comparable(tokens: Token[]): string {
  for (const t of tokens) t.hidden = false;
  const html = md.renderer.render(tokens, md.options, {}).replace(/ data-line="\d+"/g, '');
  // Spacing inside <pre> is code: kept.
  return html
    .split(/(<pre>[\s\S]*?<\/pre>)/)
    .map((part) => (part.startsWith('<pre>') ? part : part.replace(/>\s+</g, '><')))
    .join('')
    .trim();
}

/** The preview's HTML of a body, as `comparable`. */
const rendered = (body: string): string => comparable(md.parse(body, {}));

/** The HTML of `body` with the given marker units taken out of markdown-it's own tokens. */
function htmlWithout(body: string, units: readonly (readonly number[])[]): string {
  const tokens = md.parse(body, {});
  const gone = new Set(units.flat());
  // Indexes into tokens of what is kept.
  const out: number[] = [];
  const replaced = new Map<number, Token>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if ((t.type === 'paragraph_open' || t.type === 'heading_open') && t.map) {
      const [start, end] = t.map;
      const hit = [...gone].filter((l) => l >= start && l < end).length;
      if (hit > 0 && (t.type === 'heading_open' || hit === end - start)) {
        i += 2;
        continue;
      }
      if (hit > 0) {
        // Drop the lines' runs, each with one line break next to it.
        const runs = segments(tokens[i + 1], end - start)!;
        const breaks = (tokens[i + 1].children ?? []).filter((c) => c.type === 'softbreak' || c.type === 'hardbreak');
        const kept: Token[] = [];
        runs.forEach((run, k) => {
          if (gone.has(start + k)) return;
          if (kept.length > 0) kept.push(breaks[k - 1]);
          kept.push(...run);
        });
        replaced.set(i + 1, Object.assign(Object.create(Object.getPrototypeOf(tokens[i + 1]) as object) as Token, tokens[i + 1], { children: kept }));
      }
    }
    out.push(i);
  }
  // A block quote the removal left empty goes too.
  for (let changed = true; changed; ) {
    changed = false;
    for (let k = 0; k + 1 < out.length; k++) {
      if (tokens[out[k]].type === 'blockquote_open' && tokens[out[k + 1]].type === 'blockquote_close' && out[k + 1] !== out[k] + 1) {
        out.splice(k, 2);
        changed = true;
      }
    }
  }
  return comparable(out.map((i) => replaced.get(i) ?? tokens[i]));
}

const FRONT = ['---', 'date: 2020-01-01', '---'];

describe('stray markers in nested Markdown (property)', () => {
  it('fixing removes exactly the marker lines markdown-it renders as prose of their own, and nothing else', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(docArb, ({ lines: generated, frontMatter, eol, trailing }) => {
        // A last empty line is no line: the break before it ends the text.
        const lines = [...generated];
        while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
        const prefix = frontMatter ? FRONT : [];
        const all = [...prefix, ...lines];
        const join = (ls: readonly string[]): string => (ls.length === 0 ? '' : ls.join(eol) + (trailing ? eol : ''));
        const text = join(all);
        // The body as markdown-it sees it (line breaks normalised).
        const bodyOf = (ls: readonly string[]): string => (ls.length === 0 ? '' : ls.join('\n') + (trailing ? '\n' : ''));
        const body = bodyOf(lines);

        const own = ownMarkers(body);
        const findings = analyze({ path: 'x.md', text }, DEFAULT_CONFIG, { now }).findings.filter((f) => f.rule === 'stray-marker');
        const flagged = findings.map((f) => f.range.start.line - prefix.length);

        // Every flagged line is a marker paragraph or heading of its own.
        for (const l of flagged) assert.ok(own.has(l), `line ${l} flagged in ${JSON.stringify(body)}`);
        // Every one not flagged would change what the preview shows around it
        // if removed, alone or with the flagged ones.
        const changes = (units: number[][]): boolean => {
          const gone = remove(lines, units.flat());
          const after = bodyOf(lines.filter((_, k) => !gone.has(k)));
          return rendered(after) !== htmlWithout(body, units);
        };
        for (const [l, unit] of own) {
          if (flagged.includes(l)) continue;
          const others = flagged.map((f) => own.get(f)!);
          assert.ok(changes([unit]) || changes([...others, unit]), `line ${l} not flagged in ${JSON.stringify(body)}`);
        }
        if (findings.length === 0) {
          assert.equal(fixAll({ path: 'x.md', text }, DEFAULT_CONFIG, { safeOnly: true, now }).text, text);
          return;
        }

        // The fix postdesk applies (the file-wide one when there are several) removes those lines, byte for byte.
        const units = flagged.map((l) => own.get(l)!);
        const fix = findings[0].fixes.find((f) => f.scope === 'file') ?? findings[0].fixes[0];
        const fixed = applyEdits(text, fix.edits);
        const gone = remove(lines, units.flat());
        const kept = all.filter((_, k) => k < prefix.length || !gone.has(k - prefix.length));
        const expected = [join(kept)];
        // Deleting the last line (no line break after it) takes the break before it instead.
        if (!trailing && gone.has(lines.length - 1)) expected.push(kept.join(eol));
        assert.ok(expected.includes(fixed), `fixed to ${JSON.stringify(fixed)} from ${JSON.stringify(text)}`);
        // And the preview shows the same article, minus the markers.
        const fixedBody = fixed.split(eol).slice(prefix.length).join('\n');
        assert.equal(rendered(fixedBody), htmlWithout(body, units), `rendering changed: ${JSON.stringify(text)}`);

        // Each marker's own quick fix is as safe.
        for (const f of findings) {
          const one = applyEdits(text, f.fixes[0].edits).split(eol).slice(prefix.length).join('\n');
          assert.equal(rendered(one), htmlWithout(body, [own.get(f.range.start.line - prefix.length)!]));
        }
        // postdesk fix (several rounds) ends with no marker and the same article.
        const final = fixAll({ path: 'x.md', text }, DEFAULT_CONFIG, { safeOnly: true, now }).text;
        assert.equal(analyze({ path: 'x.md', text: final }, DEFAULT_CONFIG, { now }).findings.filter((f) => f.rule === 'stray-marker').length, 0);
      }),
      { numRuns: Number(process.env.MARKER_RUNS ?? 250) },
    );
  });

  // The proof without a re-parse (deletesWholeParagraphs, for markers that
  // are whole paragraphs between blocks a blank line ends) must find exactly
  // what the re-parse finds, alone and in groups, in every kind of neighbour.
  it('finds the same markers with and without the quick proof', function () {
    this.timeout(120_000);
    const simple = fc.constantFrom<Lines>(['Some prose here.'], ['- item'], ['1. one'], ['    code'], ['<div>'], ['<!--', 'x', '-->'], ['| a |', '| - |', '| b |'], ['> quote'], ['# Title'], ['Title', '==='], ['***'], ['[x]: /url'], ['```', 'code', '```'], ['{{< note >}}'], ['{% raw %}', 'x', '{% endraw %}'], [':::note'], [':::']);
    const part = fc.oneof({ weight: 3, arbitrary: simple }, { weight: 1, arbitrary: blocks }, { weight: 3, arbitrary: marker.map((m) => [m]) });
    const separator = fc.oneof({ weight: 4, arbitrary: fc.constant('\n\n') }, { weight: 1, arbitrary: fc.constant('\n') }, { weight: 1, arbitrary: fc.constant('\n\n\n') });
    fc.assert(
      fc.property(fc.array(fc.tuple(part, separator), { minLength: 1, maxLength: 8 }), fc.boolean(), (parts, trailing) => {
        const text = parts.map(([p, sep], i) => (i === 0 ? '' : sep) + p.join('\n')).join('') + (trailing ? '\n' : '');
        const lines = classifyLines(text, 0);
        const quick = findMarkerUnits(lines, markers);
        const parsed = findMarkerUnits(lines, markers, false);
        assert.deepEqual(quick, parsed, JSON.stringify(text));
      }),
      { numRuns: Number(process.env.MARKER_RUNS ?? 1000) },
    );
  });
});
