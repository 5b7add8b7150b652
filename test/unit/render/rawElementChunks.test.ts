// #15: the chunks inside an article's own raw HTML element (`<details>` …
// `</details>` around Markdown, as the Eleventy docs write them) render in
// the context of that element: the sanitiser (rawHtml.ts) carries its open
// elements across chunks. Such a chunk is reused while the author types when
// the sanitiser's state at its start is the one it was rendered in (then the
// state it left is restored), and parsed again otherwise; the output stays
// byte for byte a render from scratch.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { templateHeavyArticle } from '../../../bench/render';
import { ArticleRenderer, renderArticle, type RenderOptions } from '../../../src/core/render';
import type { BlockCache } from '../../../src/core/render/blockCache';
import { analyzeText, wholeBody } from './reference';

const OPTIONS: RenderOptions = { locale: 'en-US', allowRemoteImages: false, resolveResource: (href) => `https://resource.test/${href}` };

function chunkCounts(renderer: ArticleRenderer): { reused: number; rendered: number } {
  const blocks = (renderer as unknown as { blocks: BlockCache }).blocks;
  return { reused: blocks.chunksReused, rendered: blocks.chunksRendered };
}

/** Paragraphs and lists with `<details>` elements around some of them, `count` sections long. */
function detailsArticle(count: number): string {
  const parts: string[] = ['---\ntitle: Details\n---'];
  for (let i = 0; i < count; i++) {
    parts.push(`Paragraph ${i} before, with *emphasis*.`);
    if (i % 2 === 0) {
      parts.push(`<details>\n<summary>Section ${i}</summary>`);
      parts.push(`Inside ${i}, first paragraph.`, `- a list in ${i}\n- second item`, `Inside ${i}, last paragraph with [a link](https://example.com/${i}).`);
      parts.push('</details>');
    } else {
      parts.push(`<div class="note">\n<p>Raw <em>HTML</em> ${i}</p>\n</div>`);
    }
  }
  return `${parts.join('\n\n')}\n`;
}

function typedAt(text: string, needle: string): string {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  return `${text.slice(0, at + 3)}x${text.slice(at + 3)}`;
}

describe('render: chunks inside a raw element are reused while the author types', () => {
  it('reuses every chunk but the one typed into, inside and outside the article\'s <details>', () => {
    const text = detailsArticle(20);
    const renderer = new ArticleRenderer();
    renderer.render(analyzeText(text), OPTIONS);
    const cold = chunkCounts(renderer);
    assert.ok(cold.rendered > 60 && cold.reused === 0, JSON.stringify(cold));
    for (const needle of ['Paragraph 11 before', 'Inside 12, first', 'Inside 14, last', 'a list in 16']) {
      const typed = typedAt(text, needle);
      const analysis = analyzeText(typed);
      assert.equal(renderer.render(analysis, OPTIONS).bodyHtml, renderArticle(analysis, OPTIONS).bodyHtml, needle);
      assert.deepEqual(chunkCounts(renderer), { reused: cold.rendered - 1, rendered: 1 }, needle);
      // Back to the text before.
      assert.equal(renderer.render(analyzeText(text), OPTIONS).bodyHtml, renderArticle(analyzeText(text), OPTIONS).bodyHtml, needle);
      assert.deepEqual(chunkCounts(renderer), { reused: cold.rendered - 1, rendered: 1 }, needle);
    }
  });

  it('parses a chunk again when the raw elements open before it are not those it was rendered in', () => {
    const inside = 'Inside, *Markdown*.\n\nSecond paragraph.\n\n</details>\n\nAfter.\n';
    const renderer = new ArticleRenderer();
    // Lines keep their numbers: only what is open before the chunks changes.
    for (const open of ['<details>', '<div>', '<details>', '<table>', '<template>', '<details>', 'plain', '<script>', '<ul><li>', '<details>', '<p>']) {
      const text = `Intro.\n\n${open}\n\n${inside}`;
      const analysis = analyzeText(text);
      const fresh = renderArticle(analysis, OPTIONS).bodyHtml;
      assert.equal(renderer.render(analysis, OPTIONS).bodyHtml, fresh, open);
      assert.equal(fresh, wholeBody(analysis, OPTIONS), open);
    }
  });

  it('a chunk that closes a raw element leaves it closed when reused, and one that opens it leaves it open', () => {
    const text = 'Intro.\n\n<details>\n<summary>S</summary>\n\nInside.\n\n</details>\n\nAfter *one*.\n\n<details>\n\nOpen to the end.\n';
    const renderer = new ArticleRenderer();
    renderer.render(analyzeText(text), OPTIONS);
    // Each typed into from the text before (chunks are matched from the start and from the end of the body).
    for (const typed of [text.replace('Intro.', 'Intro x.'), text.replace('Inside.', 'Insidex.'), text.replace('After *one*', 'After *onex*'), text.replace('Open to the end', 'Open to the endx')]) {
      for (const version of [typed, text]) {
        const analysis = analyzeText(version);
        assert.equal(renderer.render(analysis, OPTIONS).bodyHtml, renderArticle(analysis, OPTIONS).bodyHtml, version);
        assert.equal(chunkCounts(renderer).rendered, 1, version);
      }
    }
  });

  it('random edits in an article with raw elements around Markdown render as from scratch', () => {
    const start = detailsArticle(8);
    const snippets = ['x', '\n', '\n\n', '<details>\n', '\n</details>\n', '</details>', '<div>', '\n</div>\n', '<p>', '</p>', '<table>\n', '<td>', '<template>', '</template>', '<script>', '</script>', '<ul><li>', '</li>', '<!--', '-->', '```\n', '- ', '> ', '<summary>', '<kbd>'];
    const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 30 })), insert: fc.oneof(fc.constantFrom(...snippets), fc.constant('')) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
        const renderer = new ArticleRenderer();
        let text = start;
        for (const step of [undefined, ...edits]) {
          if (step) {
            const from = Math.min(text.length, Math.floor(step.at * text.length));
            text = text.slice(0, from) + step.insert + text.slice(Math.min(text.length, from + step.remove));
          }
          const analysis = analyzeText(text);
          assert.equal(renderer.render(analysis, OPTIONS).bodyHtml, renderArticle(analysis, OPTIONS).bodyHtml, `after ${JSON.stringify(step)} in ${JSON.stringify(text)}`);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('the Eleventy docs (raw <details> around Liquid and Markdown): one character typed reuses every other chunk', function () {
    const text = templateHeavyArticle(100 * 1024);
    if (text === undefined) this.skip();
    const options: RenderOptions = { ...OPTIONS, generator: 'eleventy' };
    const path = '/site/posts/post.md';
    const renderer = new ArticleRenderer();
    renderer.render(analyzeText(text, path), options);
    const cold = chunkCounts(renderer);
    // Inside a raw `<details>` of the docs, and in the middle of the article (where the bench types).
    const inDetails = text.indexOf('\n', text.indexOf('<details'));
    for (const at of [text.indexOf(' ', text.length / 2), text.indexOf(' ', inDetails + 40)]) {
      const typed = `${text.slice(0, at)}x${text.slice(at)}`;
      const analysis = analyzeText(typed, path);
      assert.equal(renderer.render(analysis, options).bodyHtml, renderArticle(analysis, options).bodyHtml);
      const counts = chunkCounts(renderer);
      // Every chunk of the body, those inside the docs' `<details>` included, is reused but one.
      const chunks = (renderer as unknown as { blocks: BlockCache }).blocks.previousChunks().length;
      assert.deepEqual(counts, { reused: chunks - 1, rendered: 1 }, JSON.stringify({ cold, counts }));
      renderer.render(analyzeText(text, path), options);
    }
  });
});
