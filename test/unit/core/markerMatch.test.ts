// The compiled marker matcher (src/core/rules/markerMatch.ts) against the
// regular-expression normaliser it replaced, kept here verbatim as the
// reference: over every line of the real posts in ../shared/corpus and of the
// test fixtures, and over lines built to reach the corners (Unicode white
// space and invisible characters, emphasis, heading and quote marks).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { classifyLines, DEFAULT_CONFIG, LineIndex, splitDocument } from '../../../src/core';
import type { BodyLines } from '../../../src/core/markdown';
import { compileMarkers, normalizeMarkerRange } from '../../../src/core/rules/markerMatch';
import { candidateMarkerLines, markerSet, normalizeMarkerText } from '../../../src/core/rules/strayMarker';

/** The normaliser as it was: a chain of regular expressions. */
function referenceNormalize(line: string): string {
  let s = line.replace(/[\u200b-\u200d\u2060\ufeff]/g, '').trim();
  s = s.replace(/^#{1,6}(?:[ \t]+|$)/, '');
  s = s.replace(/[ \t]+#+$/, '');
  for (let i = 0; i < 3; i++) {
    s = s.trim().replace(/^[*_]+/, '').replace(/[*_]+$/, '').trim().replace(/[:.]$/, '').trim();
  }
  return s.replace(/\s+/g, ' ').toLowerCase();
}

function referenceSet(markers: readonly string[]): Set<string> {
  return new Set(markers.map(referenceNormalize).filter((m) => m.length > 0));
}

function referenceSkippable(c: number): boolean {
  return c <= 32 || c === 62 || c === 42 || c === 95 || c === 35;
}

/** The candidate scan as it was, with the reference normaliser. */
function referenceCandidates(lines: BodyLines, markers: ReadonlySet<string>): number[] {
  const out: number[] = [];
  if (markers.size === 0) return out;
  let longest = 0;
  for (const m of markers) longest = Math.max(longest, m.length);
  const limit = longest * 2 + 16;
  let first: Uint8Array | undefined = new Uint8Array(128);
  for (const m of markers) {
    const c = m.charCodeAt(0);
    if (c >= 128 || referenceSkippable(c) || !/[a-z0-9]/.test(m[0])) {
      first = undefined;
      break;
    }
    first[c] = 1;
  }
  const { text, index } = lines;
  for (let l = lines.firstBodyLine; l < lines.kinds.length; l++) {
    const start = index.lineStart(l);
    const end = index.lineEnd(l);
    if (first) {
      let i = start;
      while (i < end && referenceSkippable(text.charCodeAt(i))) i++;
      if (i === end) continue;
      const c = text.charCodeAt(i);
      if (c < 128 && first[c >= 65 && c <= 90 ? c + 32 : c] === 0) continue;
    }
    if (end - start > limit && index.lineText(l).trim().length > limit) continue;
    if (markers.has(referenceNormalize(index.lineText(l).replace(/^(?:[ \t]*>)+/, '')))) out.push(l);
  }
  return out;
}

const REPO = path.resolve(__dirname, '../../..');
const CORPUS = path.resolve(REPO, '../shared/corpus');

function textFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '.git') textFiles(p, out);
    } else if (/\.(md|mdx|markdown|txt|html)$/i.test(entry.name)) {
      out.push(p);
    }
  }
  return out;
}

const MARKER_LISTS: readonly (readonly string[])[] = [
  DEFAULT_CONFIG.markers,
  // Markers an author might configure: other languages, digits, decoration in the list itself, one that defeats the quick look.
  ['Anzeige', 'Werbung', '**Publicité**', '# Read more:', 'Ad.', '3 min read', 'a....', '  Sponsored  content  '],
  ['* * *', 'Advertisement'],
  ['Überschrift', 'Ad'],
  [],
];

/** Lines made to reach the normaliser's corners. */
function trickyLines(): string[] {
  const words = ['Advertisement', 'ADVERTISEMENT', 'Ad', 'ad', 'Add', 'Sponsored content', 'Sponsored  content', 'Anzeige', 'Publicité', 'a....', 'Überschrift', '3 min read', 'Read more'];
  const decorations: [string, string][] = [
    ['', ''], ['**', '**'], ['_', '_'], ['*', '*'], ['__', '__'], ['***', '***'], ['** ', ' **'], ['*_', '_*'],
    ['# ', ''], ['## ', ' ##'], ['###### ', ''], ['####### ', ''], ['#', ''], ['#\t', '\t#'], ['# ', ' #  '],
    ['> ', ''], ['> > ', ''], ['>', ''], [' >  > ', ''], ['> # ', ''], ['> **', '**'],
    ['* * * * ', ''], ['* * ', ' * *'], ['**', ':**'], ['**', '**:'], ['', ':'], ['', '.'], ['', '::'], ['', '..'], ['', ' .'], ['', '. '],
    ['\u200b', ''], ['', '\u200b'], ['\ufeff', ''], ['\u00a0', '\u00a0'], ['\u3000', ''], ['\u2028', ''], ['\u200d**', '**\u2060'],
    ['\t', '\t'], ['\v', '\f'], ['\x01', ''], ['# \u00a0', ''], ['**\u00a0', '\u00a0**'], ['#', ' '], ['', ' #'], ['', '#'],
  ];
  const out: string[] = [];
  for (const w of words) {
    const variants = [w, w.replace(' ', '\u00a0'), w.replace(' ', ' \u200b '), w.slice(0, 1) + '\u200b' + w.slice(1), w.replace(' ', '\t \t')];
    for (const v of variants) for (const [before, after] of decorations) out.push(before + v + after);
  }
  out.push(
    '', ' ', '#', '##', '####### ', '*', '**', ':', '.', '# :', '*#:', '**.**', '\u212Ad', '\u0130d', 'K\u0131', '\u017F',
    'Advertisement Advertisement', 'Advertisements', 'Advertisement: read on', '[Advertisement](https://example.com)',
    '`Advertisement`', '<p>Advertisement</p>', '- Advertisement', '1. Advertisement', '~~Advertisement~~',
    'Ad' + ' '.repeat(200), ' '.repeat(200) + 'Ad', '*'.repeat(100) + 'Ad' + '*'.repeat(100), 'A' + 'd'.repeat(300),
  );
  return out;
}

function fileLines(file: string): string[] {
  return readFileSync(file, 'utf8').split(/\r\n|\r|\n/);
}

describe('the compiled marker matcher', () => {
  const files = [...textFiles(path.join(CORPUS, 'sites/nodejs-blog')), ...textFiles(path.join(CORPUS, 'jekyll-posts')), ...textFiles(path.join(REPO, 'test/fixtures')), ...textFiles(path.join(REPO, 'test/unit/cli/fixtures'))];

  before(function () {
    if (!existsSync(CORPUS)) console.warn(`    (${CORPUS} is not present: only the fixtures and the made-up lines are compared)`);
  });

  it('normalises every line exactly as the regular expressions did', () => {
    let compared = 0;
    const check = (line: string): void => {
      const expected = referenceNormalize(line);
      if (normalizeMarkerRange(line) !== expected) assert.equal(normalizeMarkerRange(line), expected, `normalising ${JSON.stringify(line)}`);
      assert.equal(normalizeMarkerText(line), expected);
      // A range inside a longer text reads the same as the line alone.
      const framed = `x\n${line}\ny`;
      assert.equal(normalizeMarkerRange(framed, 2, 2 + line.length), expected, `normalising ${JSON.stringify(line)} inside a text`);
      compared++;
    };
    for (const line of trickyLines()) check(line);
    for (const file of files) for (const line of fileLines(file)) check(line);
    assert.ok(compared > 2000, `compared ${compared} lines`);
  });

  it('says a line is a marker exactly when the normalised line is one, for several marker lists', () => {
    const lines = [...trickyLines(), ...files.flatMap(fileLines)];
    for (const list of MARKER_LISTS) {
      const expected = referenceSet(list);
      const matcher = compileMarkers(list);
      assert.deepEqual([...matcher.markers].sort(), [...expected].sort());
      assert.deepEqual([...markerSet(list)].sort(), [...expected].sort());
      let hits = 0;
      for (const line of lines) {
        const want = expected.has(referenceNormalize(line));
        if (matcher.matches(line) !== want) assert.equal(matcher.matches(line), want, `${JSON.stringify(line)} with markers ${JSON.stringify(list)}`);
        // The quick look never turns away a marker.
        if (want) assert.ok(matcher.mayMatch(line, 0, line.length));
        if (want) hits++;
      }
      if (list.length > 0) assert.ok(hits > 0, `some lines are markers of ${JSON.stringify(list)}`);
    }
  });

  it('finds the same candidate lines in every file as the scan it replaced', () => {
    const extra = trickyLines().join('\n');
    const texts = [...files.map((f) => readFileSync(f, 'utf8')), extra, `---\ntitle: x\n---\n${extra}`, extra.replace(/\n/g, '\r\n')];
    let found = 0;
    for (const list of MARKER_LISTS) {
      const set = markerSet(list);
      const reference = referenceSet(list);
      for (const text of texts) {
        const split = splitDocument(text);
        const lines = classifyLines(text, split.bodyStart, new LineIndex(text));
        const want = referenceCandidates(lines, reference);
        assert.deepEqual(candidateMarkerLines(lines, set), want);
        assert.deepEqual(candidateMarkerLines(lines, compileMarkers(list)), want);
        found += want.length;
      }
    }
    assert.ok(found > 0);
  });

  it('passes over prose lines without a second look', () => {
    const matcher = compileMarkers(DEFAULT_CONFIG.markers);
    const no = ['The release adds a new API.', '- [#1234](https://github.com/nodejs/node/pull/1234) fix a bug', '### Commits', 'Added support for X', '**Notable changes**', '> Quoted prose here'];
    for (const line of no) assert.equal(matcher.mayMatch(line, 0, line.length), line.startsWith('Added'), line);
    for (const line of ['Advertisement', '**ADVERTISEMENT**', '## Sponsored content', 'ad', '\u200bAd']) assert.ok(matcher.matches(line), line);
  });
});
