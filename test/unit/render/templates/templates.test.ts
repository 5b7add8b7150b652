// #17: each generator's template syntax recognised and rendered in the
// preview, on the fixture posts in test/fixtures/templates/<generator>/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, DEFAULT_CONFIG, siteContextFor } from '../../../../src/core';
import { renderArticle, type RenderOptions } from '../../../../src/core/render';
import { loadSites } from '../../../../src/cli/sites';
import { unsafeParts } from '../htmlShape';

const FIXTURES = join(__dirname, '../../../fixtures/templates');
const RESOURCE = 'https://resource.test/';
const BASE: RenderOptions = { locale: 'en-US', allowRemoteImages: false, resolveResource: (href) => RESOURCE + href };
const NOW = new Date(Date.UTC(2024, 5, 1, 12));

/** The post analysed as its site reads it (a Hugo bundle's front matter after a blank line included). */
async function analyzed(site: string, file: string) {
  const root = join(FIXTURES, site);
  const sites = await loadSites(root, DEFAULT_CONFIG);
  return analyze({ path: join(root, file), text: readFileSync(join(root, file), 'utf8') }, DEFAULT_CONFIG, { now: NOW, site: siteContextFor(sites, file) });
}

function assertSafe(html: string): void {
  assert.deepEqual(unsafeParts(html, { resourcePrefix: RESOURCE }), [], html);
  assert.ok(!/<(script|iframe|style)\b/i.test(html), html);
}

/** No template delimiter left in the visible text. */
function assertNoTemplateSyntax(html: string, except: RegExp[] = []): void {
  let text = html.replace(/<[^>]*>/g, ' ');
  for (const allowed of except) text = text.replace(allowed, ' ');
  assert.ok(!/\{\{|\{%|%\}|\}\}/.test(text.replace(/&lt;|&gt;|&quot;/g, ' ')), text);
}

describe('templates: Hugo', () => {
  it('renders a leaf bundle: param, figure, ref, a custom {{% %}} shortcode, highlight, an escaped shortcode', async () => {
    const analysis = await analyzed('hugo', 'content/posts/now-commonmark/index.md');
    assert.equal(analysis.post.title, 'Now CommonMark Compliant!', 'the front matter after a blank first line is read as front matter');
    const links = new Map([['other', { href: '../other.md', title: 'Other post' }]]);
    const html = renderArticle(analysis, { ...BASE, generator: 'hugo', resolvePostLink: (target) => links.get(target), resolveTemplate: (ref) => (ref.kind === 'shortcode' && ref.name === 'note' ? { href: 'layouts/shortcodes/note.html' } : undefined) }).bodyHtml;
    assertSafe(html);
    assert.ok(!html.includes('title: '), 'no front matter in the body');
    assert.match(html, /Hugo version 0\.60\.0 switches/);
    assert.match(html, /<figure class="postdesk-template-figure"><img src="https:\/\/resource\.test\/poster-featured\.png" alt="The release poster" \/><figcaption>The release poster<\/figcaption><\/figure>/);
    assert.match(html, /Read the <a href="#" data-href="\.\.\/other\.md">configuration notes<\/a> or <a href="#" data-href="\.\.\/other\.md">Other post<\/a> first/);
    assert.match(html, /Shortcode <code>note<\/code> <a class="postdesk-template-file" href="[^"]*" data-href="layouts\/shortcodes\/note\.html">open template<\/a>/);
    assert.match(html, /<p data-line="\d+">A <strong>custom<\/strong> shortcode with <em>Markdown<\/em> inside.<\/p>/);
    assert.match(html, /<pre><code data-line="\d+" class="language-go">Advertisement\nfunc main\(\) \{\}\n<\/code><\/pre>/);
    assert.match(html, /Write shortcodes as \{\{&lt; figure src=&quot;x.png&quot; &gt;\}\} in your posts/, 'the escaped form shown literally');
    assertNoTemplateSyntax(html, [/\{\{&lt; figure src=&quot;x.png&quot; &gt;\}\}/]);
  });

  it('shows a link to a post it cannot find as missing, with its target', () => {
    const analysis = analyze({ path: '/site/content/posts/a.md', text: '---\ntitle: A\n---\nSee {{< ref "nowhere" >}}.\n' }, DEFAULT_CONFIG, { now: NOW });
    const html = renderArticle(analysis, { ...BASE, generator: 'hugo', resolvePostLink: () => undefined }).bodyHtml;
    assert.match(html, /<span class="postdesk-template-missing" title="Missing post: nowhere">nowhere<\/span>/);
  });

  it('links videos and gists instead of loading them, and labels unknown shortcodes with their arguments', () => {
    const analysis = analyze({ path: '/site/content/posts/a.md', text: '{{< youtube w7Ft2ymGmfc >}}\n\n{{< gist spf13 7896402 >}}\n\n{{< code-toggle file="config" >}}\nbaseURL: x\n{{< /code-toggle >}}\n' }, DEFAULT_CONFIG, { now: NOW });
    const html = renderArticle(analysis, { ...BASE, generator: 'hugo' }).bodyHtml;
    assertSafe(html);
    assert.match(html, /Video: <a href="https:\/\/www\.youtube\.com\/watch\?v=w7Ft2ymGmfc">YouTube w7Ft2ymGmfc<\/a>/);
    assert.match(html, /Gist: <a href="https:\/\/gist\.github\.com\/spf13\/7896402">/);
    assert.match(html, /Shortcode <code>code-toggle file=&quot;config&quot;<\/code><\/span>\n<pre><code data-line="\d+">baseURL: x\n<\/code><\/pre>/);
  });

  it('is prose without a generator (nothing recognised)', () => {
    const analysis = analyze({ path: '/site/a.md', text: '{{< figure src="x.png" >}}\n' }, DEFAULT_CONFIG, { now: NOW });
    assert.match(renderArticle(analysis, BASE).bodyHtml, /<p data-line="0">\{\{&lt; figure src=&quot;x.png&quot; &gt;\}\}<\/p>/);
  });
});

describe('templates: Jekyll (Liquid)', () => {
  it('renders site and page values, an include label, highlight, raw and post_url', async () => {
    const analysis = await analyzed('jekyll', '_posts/2020-03-01-liquid.md');
    const html = renderArticle(analysis, {
      ...BASE,
      generator: 'jekyll',
      siteValues: { title: 'Fixture Blog', author: 'Sam Writer' },
      resolvePostLink: (slug) => (slug === '2020-01-01-first' ? { href: '2020-01-01-first.md', title: 'First' } : undefined),
      resolveTemplate: (ref) => (ref.kind === 'include' ? { href: `_includes/${ref.name}` } : undefined),
    }).bodyHtml;
    assertSafe(html);
    assert.match(html, /Welcome to Fixture Blog, by Sam Writer: Templates everywhere\./);
    assert.match(html, /Include <code>include note.html topic=&quot;templates&quot;<\/code> <a class="postdesk-template-file" href="[^"]*" data-href="_includes\/note.html">/);
    assert.match(html, /<pre><code data-line="\d+" class="language-ruby">Advertisement\nputs &quot;hello&quot;\n<\/code><\/pre>/);
    assert.match(html, /<pre><code data-line="\d+">Liquid such as \{\{ site.title \}\} stays as written.\n<\/code><\/pre>/);
    assert.match(html, /See the <a href="#" data-href="2020-01-01-first.md">first post<\/a> and <a href="#" data-href="2020-01-01-first.md">First<\/a>\./);
    assertNoTemplateSyntax(html, [/\{\{ site\.title \}\}/]);
  });

  it('keeps raw on one line, or within a line, as text of its paragraph (Jekyll 4.3: Liquid leaves it, kramdown reads it)', () => {
    const text = 'Before.\n\n{% raw %}{{ page.title }} and **bold**{% endraw %}\n\nWrite {% raw %}{{ site.title }} or {% if x %}{% endraw %} in {{ site.title }}.\n';
    const html = renderArticle(analyze({ path: '/site/_posts/2020-01-01-a.md', text }, DEFAULT_CONFIG, { now: NOW }), { ...BASE, generator: 'jekyll', siteValues: { title: 'Fixture Blog' } }).bodyHtml;
    assertSafe(html);
    assert.match(html, /<p data-line="2">\{\{ page\.title \}\} and <strong>bold<\/strong><\/p>/, html);
    assert.match(html, /<p data-line="4">Write \{\{ site\.title \}\} or \{% if x %\} in Fixture Blog\.<\/p>/, html);
  });
});

describe('templates: Zola', () => {
  it('renders a body shortcode\'s content as Markdown and links a video', async () => {
    const analysis = analyze({ path: '/site/content/post.md', text: readFileSync(join(FIXTURES, 'zola/content/post.md'), 'utf8') }, DEFAULT_CONFIG, { now: NOW });
    const html = renderArticle(analysis, { ...BASE, generator: 'zola' }).bodyHtml;
    assertSafe(html);
    assert.match(html, /Shortcode <code>quote author=&quot;Ada Lovelace&quot;<\/code><\/span>\n<p data-line="\d+">The engine <strong>weaves<\/strong> patterns.<\/p>\n<\/div>/);
    assert.match(html, /Video: <a href="https:\/\/www\.youtube\.com\/watch\?v=dQw4w9WgXcQ">/);
    assertNoTemplateSyntax(html);
  });
});

describe('templates: MDX and Docusaurus', () => {
  it('hides imports, labels components with their children as Markdown, renders admonitions', () => {
    const text = readFileSync(join(FIXTURES, 'mdx/post.mdx'), 'utf8');
    const analysis = analyze({ path: '/site/src/content/blog/post.mdx', text }, DEFAULT_CONFIG, { now: NOW });
    // No generator: an .mdx file gets MDX syntax anyway.
    const html = renderArticle(analysis, { ...BASE, resolveTemplate: (ref) => (ref.importPath !== undefined ? { href: ref.importPath } : undefined) }).bodyHtml;
    assertSafe(html);
    assert.ok(!html.includes('import'), html);
    assert.match(html, /Component <code>Chart type=&quot;bar&quot;<\/code> <a class="postdesk-template-file" href="[^"]*" data-href="..\/components\/Chart.astro">open template<\/a><\/span>\n<p data-line="\d+">Children are <strong>Markdown<\/strong>.<\/p>\n<\/div>/);
    assert.match(html, /<div class="postdesk-admonition postdesk-admonition-tip" data-line="\d+"><p class="postdesk-admonition-title">Pro tip<\/p>\n<p data-line="\d+">Admonitions render as boxes.<\/p>\n<\/div>/);
    assert.match(html, /Component <code>Tabs<\/code> <a class="postdesk-template-file" href="[^"]*" data-href="@theme\/Tabs">/);
  });
});

describe('templates: Eleventy (Nunjucks)', () => {
  it('hides set, labels an if block with its content as Markdown, renders highlight', () => {
    const text = readFileSync(join(FIXTURES, 'eleventy/posts/post.md'), 'utf8');
    const analysis = analyze({ path: '/site/posts/post.md', text }, DEFAULT_CONFIG, { now: NOW });
    const html = renderArticle(analysis, { ...BASE, generator: 'eleventy', siteValues: { title: 'Eleventy Fixture' } }).bodyHtml;
    assertSafe(html);
    assert.ok(!html.includes('greeting'), html);
    assert.match(html, /Hello from Eleventy Fixture\./);
    assert.match(html, /Template <code>if showDetails<\/code><\/span>\n<p data-line="\d+">Shown only with <strong>details<\/strong>.<\/p>/);
    assert.match(html, /<pre><code data-line="\d+" class="language-js">Advertisement\nlet x = 1;\n<\/code><\/pre>/);
    assertNoTemplateSyntax(html);
  });
});

describe('templates: an opening tag written over several lines', () => {
  const render = (text: string, generator: RenderOptions['generator'], path = '/site/posts/a.md'): string => {
    const html = renderArticle(analyze({ path, text }, DEFAULT_CONFIG, { now: NOW }), { ...BASE, generator }).bodyHtml;
    assertSafe(html);
    return html;
  };

  it('reads a Liquid include with one argument a line as one include', () => {
    const html = render('Before.\n\n{% include figure.html\n   src="/assets/x.png"\n   caption="A caption" %}\n\nAfter.\n', 'jekyll');
    assert.match(html, /Include <code>include figure\.html src=&quot;\/assets\/x\.png&quot; caption=&quot;A caption&quot;<\/code>/);
    assertNoTemplateSyntax(html);
    assert.match(html, /<p data-line="6">After\.<\/p>/, 'the lines after it keep their numbers');
  });

  it('reads a Hugo shortcode with its arguments over lines, and its closing tag', () => {
    const html = render('{{< notice\n    type="warning"\n    title="Careful" >}}\nInside.\n{{< /notice >}}\n\nAfter.\n', 'hugo');
    assert.match(html, /Shortcode <code>notice type=&quot;warning&quot; title=&quot;Careful&quot;<\/code>/);
    assert.match(html, /Inside\./);
    assertNoTemplateSyntax(html);
  });

  it('reads a JSX element whose props span lines, a > inside braces or quotes included', () => {
    const html = render('<Chart\n  type="bar"\n  data={rows.filter((r) => r.n > 1)}\n  title="a > b"\n/>\n\n<Card\n  title="Hi">\n\nChildren are **Markdown**.\n\n</Card>\n\nDone.\n', undefined, '/site/blog/a.mdx');
    assert.match(html, /Component <code>Chart type=&quot;bar&quot; data=\{rows\.filter\(\(r\) =&gt; r\.n &gt; 1\)\} title=&quot;a &gt; b&quot;<\/code>/);
    assert.match(html, /Component <code>Card title=&quot;Hi&quot;<\/code><\/span>\n<p data-line="\d+">Children are <strong>Markdown<\/strong>\.<\/p>/);
    assert.ok(!/type=&quot;bar&quot;<\/p>|^<p[^>]*>&lt;Chart/m.test(html), html);
    assert.match(html, /<p data-line="13">Done\.<\/p>/, 'the lines after it keep their numbers');
  });

  it('does not take a self-closing element inside a same-named one for a nested opening', () => {
    const html = render('<Chart type="outer">\n\nBefore **inner**.\n\n<Chart type="inner" />\n\nAfter.\n\n</Chart>\n\nOutside.\n', undefined, '/site/blog/a.mdx');
    assert.match(html, /Component <code>Chart type=&quot;outer&quot;<\/code><\/span>\n<p data-line="2">Before <strong>inner<\/strong>\.<\/p>\n/);
    assert.match(html, /Component <code>Chart type=&quot;inner&quot;<\/code>/);
    assert.match(html, /<p data-line="6">After\.<\/p>\n<\/div>\n<p data-line="10">Outside\.<\/p>/, html);
    assertNoTemplateSyntax(html);
  });

  it('leaves a tag that never ends, or runs into a blank line, as the text it is', () => {
    const html = render('{% include figure.html\n\nsrc="x" %}\n', 'jekyll');
    assert.ok(!/Include <code>/.test(html), html);
    const prose = render('<Chart type="bar"\nno end here\n', undefined, '/site/blog/a.mdx');
    assert.ok(!/Component <code>/.test(prose), prose);
  });

  it('a stray marker inside a highlight opened over two lines is code', () => {
    const text = 'Intro.\n\n{% highlight ruby\n   linenos %}\nAdvertisement\n{% endhighlight %}\n\nAdvertisement\n';
    assert.deepEqual(analyze({ path: '/site/_posts/2020-01-01-a.md', text }, DEFAULT_CONFIG, { now: NOW }).findings.filter((f) => f.rule === 'stray-marker').map((f) => f.range.start.line), [7]);
  });
});

describe('templates: the stray-marker rule sees the same structure', () => {
  const markerLines = (text: string, path = '/site/_posts/2020-01-01-a.md'): number[] =>
    analyze({ path, text }, DEFAULT_CONFIG, { now: NOW }).findings.filter((f) => f.rule === 'stray-marker').map((f) => f.range.start.line);

  for (const [name, open, close] of [
    ['Liquid highlight', '{% highlight ruby %}', '{% endhighlight %}'],
    ['Liquid raw', '{% raw %}', '{% endraw %}'],
    ['Hugo highlight', '{{< highlight go >}}', '{{< /highlight >}}'],
    ['Hugo highlight with %', '{{% highlight go %}}', '{{% /highlight %}}'],
  ] as const) {
    it(`does not report a marker inside ${name}`, () => {
      const text = `Intro paragraph.\n\n${open}\nAdvertisement\ncode line\n${close}\n\nAdvertisement\n\nOutro paragraph.\n`;
      assert.deepEqual(markerLines(text), [7], 'only the marker outside the code');
    });
  }

  it('does not report a marker after a blank line inside a highlight block, however far into a large file', () => {
    // A blank line then a line in the first column would be a place to start parsing afresh, but not inside a template code block.
    const block = 'Intro.\n\n{{< highlight go >}}\ncode\n\nAdvertisement\n\nmore code\n{{< /highlight >}}\n\n{% highlight ruby %}\nx\n\nAdvertisement\n{% endhighlight %}\n\n';
    assert.deepEqual(markerLines(`${block}Advertisement\n`), [16]);
    const filler = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} of a long article.\n\n`).join('');
    const large = `${filler}${block}Advertisement\n\n${filler}`;
    assert.deepEqual(markerLines(large), [800 + 16]);
  });

  it('still reports a marker after an unclosed highlight tag (not code)', () => {
    assert.deepEqual(markerLines('Intro.\n\n{% highlight ruby %}\n\nAdvertisement\n\nOutro.\n'), [4]);
  });
});

describe('templates: safe whatever the article says (property)', () => {
  it('never emits unsafe markup for mixes of template syntax and hostile HTML, for every generator', async () => {
    const fc = (await import('fast-check')).default;
    const fragments = [
      '{{< figure src="javascript:alert(1)" caption="<script>x</script>" >}}', '{{< ref "<img src=x onerror=alert(1)>" >}}', '{{% note %}}', '{{% /note %}}',
      '{{< youtube "\\" onload=alert(1)" >}}', '{% include x.html a="<b>" %}', '{{ site.title }}', '{% highlight js %}', '{% endhighlight %}', '{% raw %}', '{% endraw %}',
      '{% if x %}', '{% endif %}', '{{ quote(text="<i>") }}', '{% quote() %}', '{% end %}', "import X from 'y'", '<Chart a="<script>">', '</Chart>', '<Tabs />', ':::note <b>t</b>', ':::',
      '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[l]({{< ref "a\\"b" >}})', '\n', '\n\n', 'text', 'Advertisement\n',
    ];
    const generators = ['hugo', 'jekyll', 'zola', 'eleventy', 'docusaurus', 'hexo', 'astro'] as const;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 12 }), fc.constantFrom(...generators), fc.boolean(), (parts, generator, mdx) => {
        const analysis = analyze({ path: '/site/post.md', text: parts.join('') }, DEFAULT_CONFIG, { now: NOW });
        const html = renderArticle(analysis, { ...BASE, generator, mdx, siteValues: { title: '<script>alert(1)</script>' }, resolvePostLink: (t) => ({ href: `${t}.md`, title: t }), resolveTemplate: (r) => ({ href: `javascript:${r.name}` }) }).bodyHtml;
        assertSafe(html);
      }),
      { numRuns: 400 },
    );
  });
});
