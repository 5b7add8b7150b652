// The listing summary must agree with the full analysis: same split (data,
// fields and spans) and same Post, on generated front matter and on real posts.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyze, DEFAULT_CONFIG, plainSiteContext, splitDocument, summarizeListing, summarizePost } from '../../../src/core';
import { splitDocumentFast } from '../../../src/core/frontmatter/quick';
import { quickSplit } from '../../../src/core/frontmatter/quickYaml';

const NOW = new Date(2025, 5, 1);

function assertSameAsAnalyze(path: string, text: string): void {
  const quick = splitDocumentFast(text);
  const full = splitDocument(text);
  assert.deepEqual(quick, full, `split of ${JSON.stringify(text)}`);
  const summary = summarizePost({ path, text }, DEFAULT_CONFIG, NOW);
  const analysis = analyze({ path, text }, DEFAULT_CONFIG, { now: NOW });
  assert.deepEqual(summary.post, analysis.post, `post of ${JSON.stringify(text)}`);
  // The listing's summary is the same Post without its word count, every key in its place.
  const listing = summarizeListing({ path, text }, DEFAULT_CONFIG, NOW, plainSiteContext(DEFAULT_CONFIG, path));
  assert.ok('wordCount' in listing.post && listing.post.wordCount === undefined, 'the listing leaves the word count undefined');
  assert.equal(JSON.stringify({ ...listing.post, wordCount: analysis.post.wordCount }), JSON.stringify(analysis.post));
  assert.equal(summary.frontMatterProblem, analysis.findings.some((f) => f.rule === 'front-matter'));
}

describe('summarizePost', () => {
  it('reads common front matter like the YAML parser', () => {
    const cases = [
      '---\ntitle: "Boxing notes 1: garden"\ndate: 2020-11-06\ntags: [boxing, winter]\n---\n\n# Heading\n\nSome words here.\n',
      "---\ntitle: 'Single quoted'\ndate: 2020-11-06 10:30:00 +0100\ndraft: true\n---\nBody\n",
      '---\nlayout: post\ntitle: Plain title with, commas and [brackets]\npublished: false\nauthor: Ada\ncategories:\n  - one\n  - "two"\n---\nBody text\n',
      '---\n# a comment\ntitle: x\n\ntags:\n- a\n- b\n---\n',
      '---\n---\n# Only a heading\n',
      '---\ntitle: Emoji 🎉 and ünïcödé\ndate: "2021-02-03"\n---\n',
      '\ufeff---\ntitle: With a BOM\n---\nText\n',
      '---\ntitle: Unclosed\n',
      '---\ntitle: x\ntitle: y\n---\n',
      '---\ntitle: 2020\n---\n',
      '---\ntitle: null\ndate:\n---\n',
      '---\ntitle: a: b\n---\n',
      '---\ntitle: a #comment\n---\n',
      // A flow sequence holding only a no-break space is one item to YAML, not an empty list (found by the property test).
      '---\ntitle: [\u00a0]\ntags: [ ]\n---\n',
      '---\r\ntitle: crlf\r\n---\r\nBody\r\n',
      '---yaml\ntitle: named language\n---\n',
      '+++\ntitle = "toml"\n+++\n',
      'No front matter at all.\n',
      '---\ntags: [a, , b]\n---\n',
      '---\nauthor:\n  name: Ada\n---\n',
      '---\ntitle: ends in a no-break space\u00a0\ndate: 2020-11-06\u3000\ntags: [a\u00a0, b]\n---\n',
    ];
    for (const text of cases) assertSameAsAnalyze('_posts/2020-11-06-some-post.md', text);
  });

  it('reads the usual front matter itself, without the YAML parser', () => {
    // A reader that always fell back would pass every other test here: make sure the fast path is taken.
    const text = '---\ntitle: "Boxing notes"\ndate: 2020-11-06\ndraft: false\ntags: [boxing, winter]\ncategories:\n  - a\n---\nBody\n';
    const quick = quickSplit(text);
    assert.ok(quick, 'the quick reader handled it');
    assert.equal(quick.frontMatter?.fields.length, 5);
    assert.equal(quickSplit('---\ntitle: 2020\n---\n'), undefined, 'a number goes to the YAML parser');
    assert.equal(quickSplit('---\ntitle: x\r\n---\n'), undefined, 'CRLF goes to the YAML parser');
  });

  it('agrees with the full analysis on generated front matter', function () {
    // Thousands of documents through both readers: more than mocha's default 2 s on a busy machine.
    this.timeout(60_000);
    const key = fc.constantFrom('title', 'date', 'draft', 'published', 'author', 'authors', 'tags', 'categories', 'layout', 'publishDate', 'x-y_z', 'null', 'True');
    const plain = fc.stringMatching(/^[A-Za-z0-9 :#,.\-'"[\]{}!&*?|>%@`~+\u00a0\u3000\t]{0,16}$/);
    const scalar = fc.oneof(
      plain,
      plain.map((s) => `"${s}"`),
      plain.map((s) => `'${s}'`),
      fc.constantFrom('true', 'False', 'null', '~', '2020-11-06', '2020-02-30', '12', '1.5', '0x1F', '.inf', '', ' ', '"a\\"b"', "'it''s'", 'ok # c'),
      // Any characters at all: controls, tabs, lone surrogates, line separators.
      fc.string({ unit: 'binary', maxLength: 8 }).map((s) => s.replace(/[\r\n]/g, '')),
      fc.string({ unit: 'binary', maxLength: 8 }).map((s) => `"${s.replace(/[\r\n"\\]/g, '')}"`),
    );
    const value = fc.oneof(
      scalar.map((s) => ` ${s}`),
      fc.array(scalar, { maxLength: 3 }).map((items) => ` [${items.join(', ')}]`),
      fc.array(scalar, { minLength: 1, maxLength: 3 }).chain((items) => fc.constantFrom('', '  ').map((indent) => `\n${items.map((i) => `${indent}- ${i}`).join('\n')}`)),
      fc.constantFrom('', ':', '   ', ' |\n  block', '\n  nested: map', ' &a anchor', ' *a'),
    );
    const line = fc.oneof(
      fc.tuple(key, value).map(([k, v]) => `${k}:${v}`),
      fc.constantFrom('# comment', '', '  ', '- stray', '...', 'key : spaced', '\ttab: x'),
    );
    const doc = fc.tuple(fc.array(line, { maxLength: 6 }), fc.constantFrom('', '# Heading\n\nwords and more words\n', 'Text\n')).map(([lines, body]) => `---\n${lines.join('\n')}\n---\n${body}`);
    fc.assert(
      fc.property(doc, (text) => {
        assertSameAsAnalyze('_posts/2020-11-06-generated.md', text);
      }),
      { numRuns: 3000 },
    );
  });

  const fixtures = join(__dirname, '../../fixtures/unit/jekyll');
  const shared = join(__dirname, '../../../../shared/corpus/jekyll-posts');
  for (const dir of [fixtures, shared]) {
    if (!existsSync(dir)) continue;
    it(`agrees with the full analysis on every post in ${dir.split('/').slice(-2).join('/')}`, () => {
      for (const name of readdirSync(dir).filter((n) => n.endsWith('.md'))) {
        assertSameAsAnalyze(`_posts/${name}`, readFileSync(join(dir, name), 'utf8'));
      }
    });
  }
});


describe('the quick front matter reader and white space', () => {
  it('leaves a value of only an ideographic space to the YAML parser (it is text there, not an empty value)', () => {
    assert.equal(quickSplit('---\ntitle: \u3000\n- stray\n---\n'), undefined);
  });
});
