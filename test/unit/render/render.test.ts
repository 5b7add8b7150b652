import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, DEFAULT_CONFIG } from '../../../src/core';
import { renderArticle, type RenderOptions } from '../../../src/core/render';
import { tagsOf } from './htmlShape';

const NOW = new Date(Date.UTC(2024, 5, 1, 12));
const BASE: RenderOptions = { locale: 'en-US', allowRemoteImages: false };

function render(text: string, options: Partial<RenderOptions> = {}, path = '/site/_posts/post.md') {
  return renderArticle(analyze({ path, text }, DEFAULT_CONFIG, { now: NOW }), { ...BASE, ...options });
}

function lineOf(html: string, pattern: RegExp): number | undefined {
  const tag = tagsOf(html).find((t) => pattern.test(t.name) && t.attributes.has('data-line'));
  return tag ? Number(tag.attributes.get('data-line')) : undefined;
}

describe('renderArticle', () => {
  it('renders the header from the post model and never the front matter', () => {
    const text = '---\ntitle: "Tips for becoming a good boxer"\ndate: 2020-11-06\nauthor: Sam\ntags: [sport, health]\nsecret: do-not-show\n---\n\nJab, cross, hook.\n';
    const r = render(text);
    assert.equal(r.title, 'Tips for becoming a good boxer');
    assert.equal(r.dateText, 'November 6, 2020');
    assert.equal(r.status, 'published');
    assert.equal(r.author, 'Sam');
    assert.deepEqual(r.tags, ['sport', 'health']);
    assert.equal(r.wordCount, 3);
    assert.equal(r.readingMinutes, 1);
    assert.ok(!r.bodyHtml.includes('do-not-show'), r.bodyHtml);
    assert.ok(!r.bodyHtml.includes('<hr'), 'the front matter fences are not a thematic break');
    assert.match(r.bodyHtml, /<p data-line="8">Jab, cross, hook.<\/p>/);
  });

  it('formats the date for the requested locale without shifting the calendar day', () => {
    const text = '---\ndate: 2020-11-06\n---\nx\n';
    assert.equal(render(text, { locale: 'de-DE' }).dateText, '6. November 2020');
    assert.equal(render(text, { locale: 'en-GB' }).dateText, '6 November 2020');
  });

  it('shows a setext heading marker as one band, underline included, as its fix removes both lines', () => {
    const analysis = analyze({ path: 'a.md', text: 'Intro.\n\nAdvertisement\n-------------\n\nMore.\n' }, DEFAULT_CONFIG);
    const html = renderArticle(analysis, { locale: 'en', allowRemoteImages: false }).bodyHtml;
    assert.equal((html.match(/class="postdesk-marker"/g) ?? []).length, 1);
    assert.doesNotMatch(html, /<hr|<h2/);
    assert.match(html, /<p data-line="5">More\.<\/p>/);
  });

  it('gives draft, scheduled and undated posts their status', () => {
    assert.equal(render('---\ndate: 2020-11-06\ndraft: true\n---\nx\n').status, 'draft');
    assert.equal(render('---\ndate: 2099-01-01\n---\nx\n').status, 'scheduled');
    const undated = render('Just text.\n', {}, '/site/notes/untitled.md');
    assert.equal(undated.status, 'undated');
    assert.equal(undated.dateText, undefined);
  });

  it('puts document line numbers on block elements, offset by the front matter', () => {
    const text = '---\ntitle: T\ndate: 2020-11-06\n---\n# Heading\n\nParagraph\n\n- item\n\n```js\ncode\n```\n\n> quote\n';
    const html = render(text).bodyHtml;
    assert.equal(lineOf(html, /^h1$/), 4);
    assert.equal(lineOf(html, /^p$/), 6);
    assert.equal(lineOf(html, /^ul$/), 8);
    assert.equal(lineOf(html, /^code$/), 10);
    assert.equal(lineOf(html, /^blockquote$/), 14);
  });

  it('counts CRLF front matter lines like the editor does', () => {
    const text = '---\r\ntitle: T\r\ndate: 2020-11-06\r\n---\r\n\r\nBody\r\n';
    assert.equal(lineOf(render(text).bodyHtml, /^p$/), 5);
  });

  it('replaces stray marker lines with a band, even in the middle of a paragraph', () => {
    const seed = readFileSync(join(__dirname, '../../fixtures/workspace/_posts/scraped article.md'), 'utf8');
    const r = render(seed, {}, '/site/_posts/scraped article.md');
    assert.deepEqual(r.markers, [{ line: 2, text: 'Advertisement' }, { line: 9, text: 'Advertisement' }]);
    const bands = r.bodyHtml.match(/<div class="postdesk-marker" data-line="(\d+)">([^<]*)<\/div>/g) ?? [];
    assert.equal(bands.length, 2);
    assert.match(bands[0] ?? '', /data-line="2">Advertisement — stray marker, not part of the article</);
    assert.match(bands[1] ?? '', /data-line="9"/);
    // The article text around each marker is still there, split into paragraphs at the band.
    assert.match(r.bodyHtml, /the ministry said\.<\/p>\s*<div class="postdesk-marker"/);
    assert.match(r.bodyHtml, /<\/div>\s*<p data-line="3">Obama described the talk/);
    assert.equal(r.title, 'US sees progress in Syria talks with Russia, expects meeting soon');
    assert.equal(r.status, 'undated');
  });

  it('uses the localised band text and keeps markers after front matter on document lines', () => {
    const text = '---\ntitle: T\ndate: 2020-11-06\n---\nFirst line\n\n**Advertisement**\n\nLast line\n';
    const r = render(text, { labels: { marker: 'Publicité <parasite>' } });
    assert.deepEqual(r.markers, [{ line: 6, text: '**Advertisement**' }]);
    assert.match(r.bodyHtml, /<div class="postdesk-marker" data-line="6">Publicité &lt;parasite&gt;<\/div>/);
  });

  it('leaves marker words in code blocks and in sentences alone', () => {
    const text = '---\ndate: 2020-11-06\n---\n```\nAdvertisement\n```\n\nThe advertisement ran for weeks.\n';
    const r = render(text);
    assert.deepEqual(r.markers, []);
    assert.ok(!r.bodyHtml.includes('postdesk-marker'));
    assert.match(r.bodyHtml, /<code data-line="3">Advertisement\n<\/code>/);
  });

  it('maps relative images through resolveResource and links to posts to data-href', () => {
    const seen: string[] = [];
    const resolveResource = (href: string): string | undefined => {
      seen.push(href);
      return href.includes('missing') ? undefined : `https://res.test/${href}`;
    };
    const text = '---\ndate: 2020-11-06\n---\n![cat](img/cat%20one.png) ![gone](missing.png)\n\n[next](2020-11-07-next.md#part) [pdf](files/a.pdf) [top](#intro)\n';
    const html = render(text, { resolveResource }).bodyHtml;
    assert.match(html, /<img src="https:\/\/res.test\/img\/cat%20one.png" alt="cat" \/>/);
    assert.match(html, /<span class="postdesk-blocked-image" role="img" aria-label="gone" title="Image not available: missing.png">gone<\/span>/);
    assert.match(html, /<a href="#" data-href="2020-11-07-next.md#part">next<\/a>/);
    assert.match(html, /<a href="https:\/\/res.test\/files\/a.pdf" data-href="files\/a.pdf">pdf<\/a>/);
    assert.match(html, /<a href="#intro">top<\/a>/);
    assert.ok(seen.includes('img/cat%20one.png'));
  });

  it('blocks remote images unless allowed, and then only over https', () => {
    const text = '---\ndate: 2020-11-06\n---\n![chart](https://example.com/chart.png) ![old](http://example.com/old.png)\n';
    const blocked = render(text).bodyHtml;
    assert.ok(!/<img/.test(blocked), blocked);
    assert.match(blocked, /title="Remote image blocked: https:\/\/example.com\/chart.png">chart</);
    const allowed = render(text, { allowRemoteImages: true }).bodyHtml;
    assert.match(allowed, /<img src="https:\/\/example.com\/chart.png" alt="chart" \/>/);
    assert.ok(!allowed.includes('src="http://'), 'plain http stays blocked');
  });

  it('keeps small inline raster images and refuses inline SVG documents', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const html = render(`---\ndate: 2020-11-06\n---\n<img src="${png}" alt="dot"> <img src="data:image/svg+xml;base64,PHN2Zz4=" alt="svg">\n`).bodyHtml;
    assert.ok(html.includes(`<img src="${png}" alt="dot" />`), html);
    assert.ok(!tagsOf(html).some((t) => t.name === 'img' && (t.attributes.get('src') ?? '').includes('svg')), html);
  });

  it('turns table alignment into classes (the page allows no inline styles)', () => {
    const html = render('---\ndate: 2020-11-06\n---\n| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n').bodyHtml;
    assert.match(html, /<th class="postdesk-align-left">a<\/th>/);
    assert.match(html, /<td class="postdesk-align-center">2<\/td>/);
    assert.match(html, /<td class="postdesk-align-right">3<\/td>/);
    assert.ok(!html.includes('style='));
  });

  it('confines an unclosed <style> or <script> to its own block so the rest of the article still shows', () => {
    // Inline in a paragraph; a `<script>` opening a block swallows the rest by CommonMark's own rules.
    const text = '---\ndate: 2020-11-06\n---\nIntro <style>p { color: red }\n\nStill here.\n\nA <script>var x = 1;\n\nAnd here.\n';
    const html = render(text).bodyHtml;
    assert.match(html, /Still here\./);
    assert.match(html, /And here\./);
    assert.ok(!html.includes('color: red') && !html.includes('var x'), html);
  });

  it('keeps ordinary embedded HTML that authors use', () => {
    const html = render('---\ndate: 2020-11-06\n---\n<details><summary>More</summary>\n\nHidden **text**.\n\n</details>\n\nH<sub>2</sub>O <kbd>Ctrl</kbd>\n').bodyHtml;
    assert.match(html, /<details><summary>More<\/summary>/);
    assert.match(html, /<strong>text<\/strong>/);
    assert.match(html, /H<sub>2<\/sub>O <kbd>Ctrl<\/kbd>/);
  });

  it('links bare addresses only with a scheme, never prose such as "is.is"', () => {
    const html = render('---\ndate: 2020-11-06\n---\nWhat we are looking at is.is a path; see https://example.com/a or www.example.org.\n').bodyHtml;
    assert.ok(!html.includes('>is.is<'), html);
    assert.match(html, /<a href="https:\/\/example.com\/a">https:\/\/example.com\/a<\/a>/);
    assert.match(html, / or www.example.org.<\/p>/, 'schemeless addresses stay text');
  });

  it('prefixes author ids so they cannot shadow page globals', () => {
    const html = render('---\ndate: 2020-11-06\n---\n<h2 id="postdesk-body">Section</h2>\n<a name="x" id="getElementById">a</a>\n').bodyHtml;
    assert.match(html, /<h2 id="user-content-postdesk-body">/);
    assert.match(html, /<a id="user-content-getElementById">a<\/a>/);
  });

  it('renders an empty body and a body that is only front matter', () => {
    assert.equal(render('').bodyHtml, '');
    const r = render('---\ntitle: Only\ndate: 2020-11-06\n---\n');
    assert.equal(r.bodyHtml, '');
    assert.equal(r.wordCount, 0);
    assert.equal(r.readingMinutes, 0);
  });
});

describe('renderArticle: raw HTML sanitised in place, Markdown rendered directly', () => {
  const resolveResource = (href: string): string => `https://res.test/${href}`;

  it('treats addresses the same in plain Markdown and in raw HTML blocks', () => {
    const html = render('---\ndate: 2020-11-06\n---\n[p](other.md) ![i](a.png) ![r](https://example.com/r.png) [x](https://example.com)\n\n<p><a href="other.md">p</a> <img src="a.png" alt="i"> <img src="https://example.com/r.png" alt="r"> <a href="https://example.com">x</a></p>\n', { resolveResource }).bodyHtml;
    const [plain, raw] = html.split('\n').filter((l) => l.startsWith('<p'));
    const shape = (line: string | undefined) => tagsOf(line ?? '').map((t) => [t.name, [...t.attributes].filter(([n]) => n !== 'data-line').sort()]);
    assert.deepEqual(shape(raw), shape(plain));
  });

  it('keeps a raw HTML element that wraps Markdown blocks around them, and closes what the article leaves open', () => {
    const html = render('Intro\n\n<details>\n\nInside **bold**\n\n</details>\n\nOutro <span>open\n\n<div>\n\nLast').bodyHtml;
    assert.match(html, /<details>\n<p data-line="\d+">Inside <strong>bold<\/strong><\/p>\n<\/details>/);
    assert.match(html, /<p data-line="\d+">Outro <span>open<\/span><\/p>/, 'closed with the paragraph it opened in');
    assert.match(html, /<div>\n<p data-line="\d+">Last<\/p>\n<\/div>$/, 'closed at the end of the article');
  });
});
