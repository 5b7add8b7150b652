// The block-by-block renderer and its cache for the preview's updates must
// render exactly what one whole-body markdown-it pass renders (wholeBody in
// reference.ts): the seed, the Jekyll blog's real posts, the hostile
// fixtures, a large generated article and random articles, before and after
// edits.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { syntheticArticle } from '../../../bench/render';
import { ArticleRenderer, renderArticle, type RenderOptions } from '../../../src/core/render';
import { analyzeText, wholeBody } from './reference';

const FIXTURES = join(__dirname, '../../fixtures');
const JEKYLL = join(__dirname, 'fixtures/jekyll-posts');
const OPTIONS: RenderOptions = { locale: 'en-US', allowRemoteImages: false, resolveResource: (href) => `https://resource.test/${href}` };

function assertSame(text: string, path = '/site/_posts/post.md', options: RenderOptions = OPTIONS, renderer?: ArticleRenderer): void {
  const analysis = analyzeText(text, path);
  const expected = wholeBody(analysis, options);
  assert.equal(renderArticle(analysis, options).bodyHtml, expected, `fresh render of ${path}`);
  if (renderer) assert.equal(renderer.render(analysis, options).bodyHtml, expected, `cached render of ${path}`);
}

// Pieces of the kinds of Markdown and HTML that cross block boundaries.
const FRAGMENTS = [
  '# Heading', 'Setext heading\n---', 'A paragraph with *emphasis*, `code` and a [link](other.md).', 'lazy\ncontinuation line',
  '- item\n- item two\n\n  still item two', '1. one\n2. two', '> quote\n> more', '> lazy quote\ncontinued', '```js\nlet x = 1 < 2;\n```', '    indented code',
  '| a | b |\n|:-|-:|\n| 1 | 2 |', '***', 'Advertisement', 'See [ref] and ![img][pic].', '[ref]: https://example.com/ref "Title"', '[pic]: images/p.png',
  'https://example.com/autolinked and <https://example.com/angle>', '<details>\n<summary>More</summary>', '</details>', '<div class="x">', '</div>',
  'inline <kbd>Ctrl</kbd> html', '<style>body{}', '<script>alert(1)</script>', '<!-- comment -->', 'text <img src=x onerror=alert(1)> text',
  '![remote](https://example.com/x.png)', '[js](javascript:alert(1))', 'a line with "quotes" & data-line="7"',
  'mail mailto:ed@example.com or ftp://files.example.com/x', 'protocol-relative //example.com/x',
  'Not links with fuzzy links off: www.example.com, ed@example.com, is.is', 'Note: HTTPS://EXAMPLE.COM/LOUD and (http://example.com/in-parens).', '',
];

const article = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }).chain((parts) =>
  fc.tuple(fc.constant(parts), fc.subarray(['\n', '\n\n', '\r\n', '\n\n\n']), fc.boolean()),
).map(([parts, seps, frontMatter]) => {
  const sep = seps[0] ?? '\n\n';
  const body = parts.join(sep);
  return frontMatter ? `---\ntitle: Random\ndate: 2020-11-06\n---\n${body}` : body;
});

describe('render: block-by-block rendering matches the whole-body reference', () => {
  it('the seed, both copies', () => {
    assertSame(readFileSync(join(FIXTURES, 'workspace/_posts/scraped article.md'), 'utf8'), '/site/_posts/scraped article.md');
    assertSame(readFileSync(join(FIXTURES, 'unit/seed-article.md'), 'utf8'));
  });

  it('every post of the Jekyll blog', () => {
    const files = readdirSync(JEKYLL).filter((f) => /\.(md|markdown)$/.test(f));
    assert.ok(files.length >= 100, `${files.length} posts`);
    for (const file of files) assertSame(readFileSync(join(JEKYLL, file), 'utf8'), `/site/_posts/${file}`);
  });

  it('the workspace fixtures, hostile ones included', () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : /\.md$/.test(e.name) ? [join(dir, e.name)] : []));
    const files = walk(join(FIXTURES, 'workspace'));
    assert.ok(files.some((f) => f.includes('hostile')));
    for (const file of files) assertSame(readFileSync(file, 'utf8'), file);
  });

  it('a large generated article (the benchmark one), with and without raw HTML', () => {
    assertSame(syntheticArticle(300 * 1024));
    assertSame(syntheticArticle(100 * 1024, 1));
    // A link reference definition makes the renderer wait for the whole block pass.
    assertSame(`${syntheticArticle(100 * 1024)}\n\nSee [the rules][rules].\n\n[rules]: https://example.com/rules\n`);
  });

  it('random articles', () => {
    fc.assert(fc.property(article, (text) => assertSame(text)), { numRuns: 300 });
  });

  it('an element left open runs to the end and is sanitised as one piece', () => {
    assertSame('Before\n\n<div>\n\nInside *markdown*\n\n<img src=x onerror=alert(1)>\n\nStill inside');
  });
});

describe('render: ArticleRenderer reuses unchanged blocks', () => {
  const big = syntheticArticle(200 * 1024);

  it('renders what the reference renders, cold and after edits', () => {
    const renderer = new ArticleRenderer();
    assertSame(big, undefined, OPTIONS, renderer);
    const middle = big.indexOf('Obama described', big.length / 2);
    // Typing a character, inserting a line (every later block shifts), deleting it again.
    const typed = `${big.slice(0, middle)}x${big.slice(middle)}`;
    assertSame(typed, undefined, OPTIONS, renderer);
    const inserted = `${big.slice(0, 200)}\n\nA new paragraph near the top.\n${big.slice(200)}`;
    assertSame(inserted, undefined, OPTIONS, renderer);
    assertSame(big, undefined, OPTIONS, renderer);
  });

  it('parses only the block that changed when one character is typed', () => {
    const renderer = new ArticleRenderer();
    renderer.render(analyzeText(big), OPTIONS);
    // Identical blocks (the article repeats its quote) are rendered once even in a cold render.
    const cold = renderer.lastRender;
    assert.ok(cold.rendered > 300, JSON.stringify(cold));
    const middle = big.indexOf('Obama described', big.length / 2);
    renderer.render(analyzeText(`${big.slice(0, middle)}x${big.slice(middle)}`), OPTIONS);
    assert.deepEqual({ ...renderer.lastRender, inlinesParsed: 0 }, { reused: cold.reused + cold.rendered - 1, rendered: 1, inlinesParsed: 0 });
  });

  it('parses only the list item that changed when one character is typed in a long list (one top-level block)', () => {
    const items = Array.from({ length: 3000 }, (_, i) => `- item ${i}: [a link](https://example.com/${i}) and *emphasis*${i % 100 === 0 ? ' with <kbd>raw</kbd>' : ''}`);
    const text = `Release notes\n\n${items.join('\n')}\n`;
    const renderer = new ArticleRenderer();
    assertSame(text, undefined, OPTIONS, renderer);
    const typed = text.replace('item 1501:', 'item 1501x:');
    assertSame(typed, undefined, OPTIONS, renderer);
    // The changed item, and the items with raw HTML (rendered in context every time).
    assert.deepEqual(renderer.lastRender.inlinesParsed, 1);
    assertSame(text, undefined, OPTIONS, renderer);
  });

  it('starts again when the address policy, the labels or a link reference change', () => {
    const text = '[a][r] and ![i](i.png)\n\nplain\n\n[r]: https://example.com/one\n';
    const renderer = new ArticleRenderer();
    assertSame(text, undefined, OPTIONS, renderer);
    assertSame(text.replace('/one', '/two'), undefined, OPTIONS, renderer);
    assertSame(text, undefined, { ...OPTIONS, resolveResource: (href) => `https://other.test/${href}` }, renderer);
    assertSame(text, undefined, { ...OPTIONS, resolveResource: undefined }, renderer);
    assertSame('Advertisement\n\n' + text, undefined, { ...OPTIONS, labels: { marker: 'Werbung' } }, renderer);
    assertSame(text, undefined, { ...OPTIONS, allowRemoteImages: true }, renderer);
  });

  it("drops an author's own data-line in raw HTML, also from cached blocks when lines are added above", () => {
    const text = 'Intro\n\n<div data-line="3">raw <em>html</em></div>\n\n<details>\n\nInside *details*\n\n</details>\n\nOutro with <kbd>Ctrl</kbd>\n';
    const renderer = new ArticleRenderer();
    assertSame(text, undefined, OPTIONS, renderer);
    assertSame(`New first line\n\n${text}`, undefined, OPTIONS, renderer);
    assertSame(`---\ntitle: Now with front matter\n---\n${text}`, undefined, OPTIONS, renderer);
    const html = renderer.render(analyzeText(`New first line\n\n${text}`), OPTIONS).bodyHtml;
    assert.match(html, /<div>raw <em>html<\/em><\/div>/);
    assert.match(html, /<p data-line="8">Inside <em>details<\/em><\/p>/, "the renderer's own lines in raw HTML, shifted");
  });

  it('random edit sequences', () => {
    const renderer = new ArticleRenderer();
    fc.assert(
      fc.property(fc.array(article, { minLength: 1, maxLength: 4 }), (texts) => {
        for (const text of texts) assertSame(text, undefined, OPTIONS, renderer);
      }),
      { numRuns: 150 },
    );
  });
});
