// While the author types, the preview's ArticleRenderer cuts the body where
// markdown-it's block parser starts afresh and parses only the chunks that
// changed (renderInChunks in src/core/render/body.ts). After any sequence of
// edits its output must be exactly a render from scratch (renderArticle) and
// the whole-body reference (one markdown-it pass, reference.ts): edits that
// open and close fences, HTML blocks, lists, quotes and link reference
// definitions across chunk boundaries, add and remove marker lines, and
// shift every line below them.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { syntheticArticle } from '../../../bench/render';
import { ArticleRenderer, renderArticle, type RenderOptions } from '../../../src/core/render';
import type { BlockCache } from '../../../src/core/render/blockCache';
import { analyzeText, wholeBody } from './reference';

const OPTIONS: RenderOptions = { locale: 'en-US', allowRemoteImages: false, resolveResource: (href) => `https://resource.test/${href}` };
const JEKYLL = join(__dirname, 'fixtures/jekyll-posts');
const NODEJS_RELEASE = join(__dirname, '../../../../shared/corpus/sites/nodejs-blog/apps/site/pages/en/blog/release/v12.16.0.md');

// What an edit inserts: pieces that open or close what spans blocks, start or end containers, or define references.
const SNIPPETS = [
  'x', ' ', '\n', '\n\n', '\n\n\n', '```', '```\n', '\n```js\n', '~~~\n', '    ', '\t', '- ', '\n- item\n', '1. ', '> ', '\n> quote\n', '*', '_',
  '<div>', '</div>', '\n<div>\n', '\n</div>\n', '<pre>\n', '</pre>', '<!--', '-->', '<script>', '</script>', '<style>', '<?php', '?>', '<![CDATA[', ']]>', '<details>\n', '<kbd>',
  '[r]', '[r]: https://example.com/r\n', '\n[r]: https://example.com/other "T"\n', '](other.md)', '![i](i.png)', '\nAdvertisement\n', '\n\nAdvertisement\n\n', 'Advertisement',
  '***', '\n---\n', '\n===\n', '| a | b |\n|---|---|\n', '&amp;', '`', '\r\n', 'https://example.com/x', '#', '\n# Heading\n',
];

interface Edit {
  readonly at: number;
  readonly remove: number;
  readonly insert: string;
}

const edit: fc.Arbitrary<Edit> = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 })), insert: fc.oneof(fc.constantFrom(...SNIPPETS), fc.constant('')) });

function apply(text: string, { at, remove, insert }: Edit): string {
  const from = Math.min(text.length, Math.floor(at * text.length));
  return text.slice(0, from) + insert + text.slice(Math.min(text.length, from + remove));
}

function assertSameAfterEdits(start: string, edits: readonly Edit[], renderer = new ArticleRenderer()): void {
  let text = start;
  for (const step of [undefined, ...edits]) {
    if (step) text = apply(text, step);
    const analysis = analyzeText(text);
    const expected = renderArticle(analysis, OPTIONS).bodyHtml;
    assert.equal(renderer.render(analysis, OPTIONS).bodyHtml, expected, `after ${JSON.stringify(step)}`);
    assert.equal(expected, wholeBody(analysis, OPTIONS), 'the fresh render is the whole-body reference');
  }
}

function chunkCounts(renderer: ArticleRenderer): { reused: number; rendered: number } {
  const blocks = (renderer as unknown as { blocks: BlockCache }).blocks;
  return { reused: blocks.chunksReused, rendered: blocks.chunksRendered };
}

describe('render: ArticleRenderer parses only the chunks that changed', () => {
  const small = syntheticArticle(6 * 1024, 2);
  const medium = syntheticArticle(40 * 1024);
  const posts = existsSync(JEKYLL) ? readdirSync(JEKYLL).slice(0, 8).map((name) => readFileSync(join(JEKYLL, name), 'utf8')) : [];

  it('random edit sequences on a small article', () => {
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => assertSameAfterEdits(small, edits)), { numRuns: 200 });
  });

  it('random edit sequences on real posts', () => {
    assert.ok(posts.length > 0);
    fc.assert(fc.property(fc.constantFrom(...posts), fc.array(edit, { minLength: 1, maxLength: 6 }), (post, edits) => assertSameAfterEdits(post, edits)), { numRuns: 60 });
  });

  it('random edit sequences on a larger article, one renderer throughout', () => {
    const renderer = new ArticleRenderer();
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => assertSameAfterEdits(medium, edits, renderer)), { numRuns: 25 });
  });

  it('a real release-notes article (Node.js blog), typed into and cut up', function () {
    if (!existsSync(NODEJS_RELEASE)) this.skip();
    const text = readFileSync(NODEJS_RELEASE, 'utf8');
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => assertSameAfterEdits(text, edits)), { numRuns: 8 });
  });

  it('reuses every other chunk when one character is typed, and every chunk below a line added above', () => {
    const renderer = new ArticleRenderer();
    renderer.render(analyzeText(medium), OPTIONS);
    const cold = chunkCounts(renderer);
    assert.ok(cold.rendered > 20 && cold.reused === 0, JSON.stringify(cold));
    const middle = medium.indexOf('Obama described', medium.length / 2);
    renderer.render(analyzeText(`${medium.slice(0, middle)}x${medium.slice(middle)}`), OPTIONS);
    assert.deepEqual(chunkCounts(renderer), { reused: cold.rendered - 1, rendered: 1 });
    // A new paragraph near the top: every chunk below moves two lines down. Those
    // without raw HTML are reused with their data-line values moved; those with
    // raw HTML are reused only on their own lines (an author's data-line is never moved).
    const top = medium.indexOf('\n\n## Section 1:');
    const inserted = `${medium.slice(0, top)}\n\nA new paragraph.${medium.slice(top)}`;
    const html = renderer.render(analyzeText(inserted), OPTIONS).bodyHtml;
    assert.equal(html, renderArticle(analyzeText(inserted), OPTIONS).bodyHtml);
    const moved = chunkCounts(renderer);
    assert.ok(moved.reused > cold.rendered / 3 && moved.reused + moved.rendered === cold.rendered + 1, JSON.stringify(moved));
  });

  it('parses again every chunk when a link reference definition changes (any chunk may use it)', () => {
    const text = `${medium}\n\n[r]: https://example.com/one\n`;
    const renderer = new ArticleRenderer();
    renderer.render(analyzeText(`See [the ref][r].\n\n${text}`), OPTIONS);
    const changed = `See [the ref][r].\n\n${text.replace('/one', '/two')}`;
    const html = renderer.render(analyzeText(changed), OPTIONS).bodyHtml;
    assert.equal(chunkCounts(renderer).reused, 0);
    assert.match(html, /href="https:\/\/example.com\/two"/);
    assert.equal(html, renderArticle(analyzeText(changed), OPTIONS).bodyHtml);
  });

  it('takes the first definition of a label, wherever the chunks that define it changed', () => {
    const first = '[r]: https://example.com/first\n';
    const second = '[r]: https://example.com/second\n';
    const text = `See [the ref][r].\n\n${first}\n${medium}\n\n${second}`;
    const renderer = new ArticleRenderer();
    assertSameAfterEdits(text, [], renderer);
    // The first definition goes: the second one applies; it comes back: the first again.
    for (const next of [text.replace(first, ''), text, text.replace(first, first.replace('first', 'third'))]) {
      const analysis = analyzeText(next);
      assert.equal(renderer.render(analysis, OPTIONS).bodyHtml, renderArticle(analysis, OPTIONS).bodyHtml);
    }
  });

  it('renders a chunk again when its marker lines change though its text did not', () => {
    const text = `Intro paragraph.\n\n${medium.slice(0, 3000)}\n\nAdvertisement\n\n${medium.slice(3000, 9000)}`;
    const analysis = analyzeText(text);
    assert.ok(analysis.findings.some((f) => f.rule === 'stray-marker'));
    const renderer = new ArticleRenderer();
    const withBand = renderer.render(analysis, OPTIONS).bodyHtml;
    assert.match(withBand, /postdesk-marker/);
    // The same text, the marker not reported (as with the rule switched off).
    const without = { ...analysis, findings: analysis.findings.filter((f) => f.rule !== 'stray-marker') };
    const html = renderer.render(without, OPTIONS).bodyHtml;
    assert.doesNotMatch(html, /postdesk-marker/);
    assert.equal(html, renderArticle(without, OPTIONS).bodyHtml);
    assert.equal(renderer.render(analysis, OPTIONS).bodyHtml, withBand);
  });

  it('renders a chunk again when raw HTML before it leaves an element open (or stops leaving one open)', () => {
    const after = 'Inside the *element*.\n\n</div>\n\nAfter it.\n';
    const renderer = new ArticleRenderer();
    // The element opens and goes on lines of the same number: the chunks after it stay where they were.
    for (const text of [`Intro.\n\nplain\n\n${after}`, `Intro.\n\n<div>\n\n${after}`, `Intro.\n\nplain\n\n${after}`, `Intro <kbd>open\n\nplain\n\n${after}`]) {
      const analysis = analyzeText(text);
      assert.equal(renderer.render(analysis, OPTIONS).bodyHtml, renderArticle(analysis, OPTIONS).bodyHtml, JSON.stringify(text));
    }
  });
});
