// #17: a paired tag opened and closed on one line (`{% callout %}Text{% endcallout %}`,
// `{{% note %}}x{{% /note %}}`, `{{< highlight go >}}x{{< /highlight >}}`,
// `<Chart>text</Chart>`, Zola's `{% quote() %}x{% end %}`) is a complete
// construct on that line, as Hugo 0.111 and Jekyll 4.3 read it (checked by
// building such posts: the paragraph after the line stays a paragraph, a
// highlight is a code block, a Liquid `if` shows its content inline). A
// closing line further down is not its end: it must not swallow what lies in
// between. The preview's chunks (restartPoints) read it the same way, and so
// does the stray-marker rule.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, DEFAULT_CONFIG } from '../../../../src/core';
import { restartPoints } from '../../../../src/core/blockRegions';
import { ArticleRenderer, renderArticle, type RenderOptions } from '../../../../src/core/render';
import { DEFAULT_TEMPLATE_LABELS, type TemplateEnv, type TemplateGenerator } from '../../../../src/core/render/templates/types';
import { LineIndex } from '../../../../src/core/text';

const BASE: RenderOptions = { locale: 'en-US', allowRemoteImages: false, resolveResource: (href) => `https://resource.test/${href}` };
const NOW = new Date(Date.UTC(2024, 5, 1, 12));

interface Case {
  readonly name: string;
  readonly generator?: TemplateGenerator;
  readonly path: string;
  /** The one-line construct. */
  readonly line: string;
  /** A closing line that belongs to no construct (the one a wrong reading would take as the line's end). */
  readonly strayClose: string;
  /** What the line renders to (between its `data-line` and the next block). */
  readonly rendered: RegExp;
}

const CASES: readonly Case[] = [
  {
    name: 'Eleventy callout',
    generator: 'eleventy',
    path: '/site/posts/a.md',
    line: '{% callout "info" %}Text with *emphasis*{% endcallout %}',
    strayClose: '{% endcallout %}',
    rendered: /<div class="postdesk-template" data-line="0"><span class="postdesk-template-label">Template <code>callout &quot;info&quot;<\/code><\/span>\n<p data-line="0">Text with <em>emphasis<\/em><\/p>\n<\/div>\n/,
  },
  {
    name: 'Jekyll if',
    generator: 'jekyll',
    path: '/site/_posts/2020-01-01-a.md',
    line: '{%- if page.x -%}Shown **inline**{%- endif -%}',
    strayClose: '{% endif %}',
    rendered: /Template <code>if page\.x<\/code><\/span>\n<p data-line="0">Shown <strong>inline<\/strong><\/p>\n<\/div>\n/,
  },
  {
    name: 'Jekyll highlight',
    generator: 'jekyll',
    path: '/site/_posts/2020-01-01-a.md',
    line: '{% highlight ruby %}puts "a"{% endhighlight %}',
    strayClose: '{% endhighlight %}',
    rendered: /<pre><code data-line="0" class="language-ruby">puts &quot;a&quot;\n<\/code><\/pre>\n/,
  },
  {
    name: 'Jekyll comment',
    generator: 'jekyll',
    path: '/site/_posts/2020-01-01-a.md',
    line: '{% comment %}Not shown{% endcomment %}',
    strayClose: '{% endcomment %}',
    rendered: /^(?![\s\S]*Not shown)/,
  },
  {
    name: 'Hugo {{% %}} shortcode',
    generator: 'hugo',
    path: '/site/content/posts/a.md',
    line: '{{% note %}}A **note**{{% /note %}}',
    strayClose: '{{% /note %}}',
    rendered: /Shortcode <code>note<\/code><\/span>\n<p data-line="0">A <strong>note<\/strong><\/p>\n<\/div>\n/,
  },
  {
    name: 'Hugo {{< >}} shortcode',
    generator: 'hugo',
    path: '/site/content/posts/a.md',
    line: '{{< note >}}as *written*{{< /note >}}',
    strayClose: '{{< /note >}}',
    rendered: /Shortcode <code>note<\/code><\/span>\n<pre><code data-line="0">as \*written\*\n<\/code><\/pre>\n<\/div>\n/,
  },
  {
    name: 'Hugo highlight',
    generator: 'hugo',
    path: '/site/content/posts/a.md',
    line: '{{< highlight go >}}x := 1{{< /highlight >}}',
    strayClose: '{{< /highlight >}}',
    rendered: /<pre><code data-line="0" class="language-go">x := 1\n<\/code><\/pre>\n/,
  },
  {
    name: 'Zola body shortcode',
    generator: 'zola',
    path: '/site/content/a.md',
    line: '{% quote(author="Ada") %}Short *quote*{% end %}',
    strayClose: '{% end %}',
    rendered: /Shortcode <code>quote author=&quot;Ada&quot;<\/code><\/span>\n<p data-line="0">Short <em>quote<\/em><\/p>\n<\/div>\n/,
  },
  {
    name: 'MDX component',
    path: '/site/blog/a.mdx',
    line: '<Chart type="bar">text *em*</Chart>',
    strayClose: '</Chart>',
    // MDX reads children on the tag's line as phrasing content: no paragraph.
    rendered: /Component <code>Chart type=&quot;bar&quot;<\/code><\/span>\ntext <em>em<\/em><\/div>\n/,
  },
];

function render(c: Case, body: string): string {
  return renderArticle(analyze({ path: c.path, text: body }, DEFAULT_CONFIG, { now: NOW }), { ...BASE, generator: c.generator }).bodyHtml;
}

function pointsOf(c: Case, text: string): number[] {
  const index = new LineIndex(text);
  const templates: TemplateEnv = { generator: c.generator, mdx: c.path.endsWith('.mdx'), page: {}, site: {}, labels: DEFAULT_TEMPLATE_LABELS, imports: new Map() };
  return restartPoints({ lines: { index, text }, first: 0, count: index.lineCount }, templates);
}

describe('templates: a paired tag opened and closed on one line', () => {
  for (const c of CASES) {
    it(`${c.name}: is complete on its line; a closing line further down does not take what lies between`, () => {
      // Lines: 0 the construct, 2 Middle, 4 the stray closing line, 6 After.
      const body = `${c.line}\n\nMiddle **paragraph**.\n\n${c.strayClose}\n\nAfter.\n`;
      const html = render(c, body);
      assert.match(html, c.rendered, html);
      assert.match(html, /(?:^|\n)<p data-line="2">Middle <strong>paragraph<\/strong>\.<\/p>\n/, html);
      assert.match(html, /<p data-line="6">After\.<\/p>/, html);
      assert.ok(pointsOf(c, body).includes(2), `a restart point after the line: ${JSON.stringify(pointsOf(c, body))}`);
      // The preview's chunked render (typing) agrees with the whole render.
      const renderer = new ArticleRenderer();
      const analysis = analyze({ path: c.path, text: body }, DEFAULT_CONFIG, { now: NOW });
      assert.equal(renderer.render(analysis, { ...BASE, generator: c.generator }).bodyHtml, html);
    });
  }

  it('a line with text after its own closing tag opens no block: its tags are inline', () => {
    const html = render(CASES[0] as Case, '{% callout "info" %}Text{% endcallout %} and more.\n\nMiddle.\n\n{% endcallout %}\n');
    assert.match(html, /<p data-line="0"><span class="postdesk-template">[\s\S]*Text[\s\S]* and more\.<\/p>\n<p data-line="2">Middle\.<\/p>/, html);
  });

  it('a one-line construct inside the same construct over lines is not a nested opener', () => {
    for (const [c, open, close] of [
      [CASES[0], '{% callout "warn" %}', '{% endcallout %}'],
      [CASES[8], '<Chart>', '</Chart>'],
    ] as const) {
      // Lines: 0 opener, 2 the one-line construct, 4 Inside, 5 the closing line, 7 After.
      const body = `${open}\n\n${(c as Case).line}\n\nInside.\n${close}\n\nAfter.\n`;
      const html = render(c as Case, body);
      assert.match(html, /<p data-line="4">Inside\.<\/p>\n<\/div>\n<p data-line="7">After\.<\/p>/, html);
      assert.deepEqual(pointsOf(c as Case, body), [0, 7], body);
    }
  });

  it('the stray-marker rule: a one-line highlight is no code block reaching a later closing line', () => {
    const markerLines = (text: string): number[] =>
      analyze({ path: '/site/_posts/2020-01-01-a.md', text }, DEFAULT_CONFIG, { now: NOW }).findings.filter((f) => f.rule === 'stray-marker').map((f) => f.range.start.line);
    assert.deepEqual(markerLines('Intro.\n\n{% highlight ruby %}puts 1{% endhighlight %}\n\nAdvertisement\n\n{% endhighlight %}\n\nOutro.\n'), [4]);
    assert.deepEqual(markerLines('Intro.\n\n{{< highlight go >}}x{{< /highlight >}}\n\nAdvertisement\n\n{{< /highlight >}}\n\nOutro.\n'), [4]);
  });
});

// The same lines built by the real generators (Debian's hugo and jekyll; skipped when not installed).
describe('templates: one-line paired tags as the real generators build them', function () {
  this.timeout(120_000);
  const FIXTURES = join(__dirname, '../../../fixtures/templates');
  let work = '';
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'postdesk-sameline-'));
  });
  after(() => rmSync(work, { recursive: true, force: true, maxRetries: 3 }));
  const installed = (command: string, args: string[]): boolean => spawnSync(command, args, { encoding: 'utf8', timeout: 20_000 }).status === 0;
  /** The top-level blocks' text, tags stripped: what follows the one-line constructs stays a block of its own. */
  const paragraphs = (html: string): string[] => [...html.matchAll(/<p(?:\s[^>]*)?>([\s\S]*?)<\/p>/g)].map((m) => (m[1] ?? '').replace(/<[^>]*>/g, '').trim());
  const codes = (html: string): string[] => [...html.matchAll(/<pre[^>]*>([\s\S]*?)<\/pre>/g)].map((m) => (m[1] ?? '').replace(/<[^>]*>/g, '').trim());

  it('Hugo 0.111: a one-line {{% %}} shortcode and highlight end on their line', function () {
    if (!installed('hugo', ['version'])) this.skip();
    const source = join(work, 'hugo');
    cpSync(join(FIXTURES, 'hugo'), source, { recursive: true });
    const body = 'Before.\n\n{{% note %}}Inline **bold** text{{% /note %}}\n\nMiddle paragraph.\n\n{{< highlight go >}}func main() {}{{< /highlight >}}\n\nBetween.\n\n{{% note %}}\nMulti **line**.\n{{% /note %}}\n\nAfter.\n';
    writeFileSync(join(source, 'content/posts/one-line.md'), `---\ntitle: "One line"\ndate: 2019-11-27\n---\n\n${body}`);
    const run = spawnSync('hugo', ['--source', source, '--destination', join(work, 'hugo-public'), '--quiet'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, run.stderr);
    const built = /<article>([\s\S]*)<\/article>/.exec(readFileSync(join(work, 'hugo-public/posts/one-line/index.html'), 'utf8'))?.[1] ?? '';
    const preview = render({ name: 'Hugo', generator: 'hugo', path: '/site/content/posts/one-line.md', line: '', strayClose: '', rendered: /x/ }, body);
    // Hugo leaves the note's raw HTML out (unsafe: false); the paragraphs around it and the code are the preview's.
    assert.deepEqual(paragraphs(built), ['Before.', 'Middle paragraph.', 'Between.', 'After.']);
    assert.deepEqual(paragraphs(preview), ['Before.', 'Inline bold text', 'Middle paragraph.', 'Between.', 'Multi line.', 'After.']);
    assert.deepEqual(codes(built), ['func main() {}']);
    assert.deepEqual(codes(preview), ['func main() {}']);
  });

  it('Jekyll 4.3: a one-line if shows its content inline, a one-line highlight is code', function () {
    if (!installed('jekyll', ['--version'])) this.skip();
    const source = join(work, 'jekyll');
    cpSync(join(FIXTURES, 'jekyll'), source, { recursive: true });
    const body = 'Before.\n\n{% if true %}Inline **bold** text{% endif %}\n\nMiddle paragraph.\n\n{% highlight ruby %}puts "a"{% endhighlight %}\n\nBetween.\n\n{% if true %}\nMulti **line**.\n{% endif %}\n\nAfter.\n';
    writeFileSync(join(source, '_posts/2020-05-01-one-line.md'), `---\nlayout: post\ntitle: "One line"\n---\n\n${body}`);
    const env = { ...process.env, TZ: 'UTC', JEKYLL_NO_BUNDLER_REQUIRE: 'true', JEKYLL_ENV: 'production' };
    const run = spawnSync('jekyll', ['build', '--disable-disk-cache', '--source', source, '--destination', join(work, 'jekyll-site')], { encoding: 'utf8', timeout: 90_000, env });
    assert.equal(run.status, 0, run.stderr);
    const built = /<article>([\s\S]*)<\/article>/.exec(readFileSync(join(work, 'jekyll-site/2020/05/01/one-line.html'), 'utf8'))?.[1] ?? '';
    const preview = render({ name: 'Jekyll', generator: 'jekyll', path: '/site/_posts/2020-05-01-one-line.md', line: '', strayClose: '', rendered: /x/ }, body);
    const expected = ['Before.', 'Inline bold text', 'Middle paragraph.', 'Between.', 'Multi line.', 'After.'];
    assert.deepEqual(paragraphs(built), expected);
    assert.deepEqual(paragraphs(preview), expected);
    assert.deepEqual(codes(built).map((c) => c.replace(/&quot;/g, '"')), ['puts "a"']);
    assert.deepEqual(codes(preview).map((c) => c.replace(/&quot;/g, '"')), ['puts "a"']);
  });
});
