// The raw-HTML sanitiser on its own: fragments in context, nesting kept valid,
// nothing half-written let through.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_RENDER_LABELS, renderArticle } from '../../../src/core/render';
import { RawHtmlSanitizer } from '../../../src/core/render/rawHtml';
import { analyzeText } from './reference';
import { unsafeParts } from './htmlShape';

const policy = { allowRemoteImages: false, resolveResource: (href: string) => `https://resource.test/${href}`, labels: DEFAULT_RENDER_LABELS };

function body(markdown: string): string {
  return renderArticle(analyzeText(markdown), { locale: 'en-US', allowRemoteImages: false, resolveResource: policy.resolveResource }).bodyHtml;
}

/** Every end tag closes the innermost open element: the output nests without any browser repair. */
function wellNested(html: string): boolean {
  const stack: string[] = [];
  const voids = new Set(['br', 'hr', 'img', 'wbr', 'col']);
  for (const m of html.matchAll(/<(\/?)([a-z][a-z0-9]*)\b[^>]*?(\/?)>/g)) {
    const [, close, name = '', self] = m;
    if (self === '/' || voids.has(name)) continue;
    if (close === '/') {
      if (stack.pop() !== name) return false;
    } else stack.push(name);
  }
  return stack.length === 0;
}

describe('RawHtmlSanitizer', () => {
  it('drops a tag left unfinished at the end of its fragment, and everything after it there', () => {
    const raw = new RawHtmlSanitizer(policy);
    assert.equal(raw.fragment('ok <div title="x'), 'ok ');
    assert.equal(raw.fragment('<span>a</span> <b'), '<span>a</span> ');
    assert.equal(raw.fragment('<!-- never closed <img src=x onerror=alert(1)>'), '');
    assert.equal(raw.finish(), '');
  });

  it('closes an element opened in one fragment by the end tag in a later one, with the renderer\'s elements between', () => {
    const raw = new RawHtmlSanitizer(policy);
    let out = raw.fragment('<details>');
    raw.openOwn('p', false);
    out += '<p>' + raw.fragment('<span class="x">') + 'text';
    const { before, writeEndTag } = raw.closeOwn();
    out += before + (writeEndTag ? '</p>' : '');
    out += raw.fragment('</details>');
    assert.equal(out, '<details><p><span>text</span></p></details>');
    assert.ok(raw.idle);
  });

  it('drops end tags with no start tag of its own, so the page\'s elements are never closed', () => {
    assert.equal(body('text </div></article></body> more'), '<p data-line="0">text  more</p>\n');
  });

  it('closes a paragraph and a details the way a browser does when the article closes it at the end of a line', () => {
    const html = body('<details>\n<summary>More</summary>\n\nHidden text</details>\n\nShown after');
    assert.match(html, /<details>\n<summary>More<\/summary>\n<p data-line="3">Hidden text<\/p><\/details>\n?<p data-line="5">Shown after<\/p>/);
    assert.ok(wellNested(html), html);
  });

  it('decodes attribute entities before checking an address, and writes what it checked', () => {
    const raw = new RawHtmlSanitizer(policy);
    assert.equal(raw.fragment('<a href="jav&#x09;ascript:alert(1)">x</a>'), '<a>x</a>');
    assert.equal(raw.fragment('<a href="https://example.com/?a=1&amp;b=2">y</a>'), '<a href="https://example.com/?a=1&amp;b=2">y</a>');
    assert.equal(raw.fragment('<img src="pic.png" alt="a &quot;b&quot;" onerror="x()">'), '<img src="https://resource.test/pic.png" alt="a &quot;b&quot;" />');
  });

  it('hides the text of a script or style element, also when its end tag comes in a later fragment', () => {
    assert.equal(body('Before <script>alert(1)</script> after.'), '<p data-line="0">Before  after.</p>\n');
    assert.equal(body('A <style>b { color: red }\n\nnext paragraph'), '<p data-line="0">A </p>\n<p data-line="2">next paragraph</p>\n');
  });

  it('writes well-nested output for any mix of raw tags and Markdown (property)', () => {
    const parts = ['<div>', '</div>', '<span>', '</span>', '<p>', '</p>', '<b>', '</b>', '<details>', '</details>', '<ul><li>', '</li>', '</ul>', '<table><tr><td>', '</td>', '</table>', '<br>', 'x', '\n', '\n\n', '- ', '> ', '**', '<div title="', '"', '>'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...parts), { maxLength: 16 }), (list) => {
        const html = body(list.join(''));
        assert.ok(wellNested(html), html);
        assert.deepEqual(unsafeParts(html, { resourcePrefix: 'https://resource.test/' }), [], html);
      }),
      { numRuns: 500 },
    );
  });
});
