import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyze, DEFAULT_CONFIG } from '../../../src/core';
import { renderArticle, type RenderOptions } from '../../../src/core/render';
import { tagsOf, unsafeParts } from './htmlShape';

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
