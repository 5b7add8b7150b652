// #17, #15: a post with a site's template syntax (Hugo shortcodes, Liquid,
// Zola, MDX components, Docusaurus admonitions) is rendered in chunks while
// the author types, like any other (renderInChunks in
// src/core/render/body.ts): restartPoints (src/core/blockRegions.ts) never
// cuts inside a construct, nor inside what may be one. Here:
// - restart points hold: the body parsed whole gives the tokens of its
//   pieces between restart points parsed on their own, for random bodies of
//   each syntax;
// - after any sequence of edits (openers, closers, blank lines, fences,
//   list markers typed anywhere) the preview's render equals a render from
//   scratch (the whole body parsed at once), byte for byte;
// - typing one character reuses every other chunk.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type MarkdownIt from 'markdown-it';
import { templateHeavyArticle } from '../../../bench/render';
import { codeTemplates, restartPoints } from '../../../src/core/blockRegions';
import { ArticleRenderer, renderArticle, type RenderOptions } from '../../../src/core/render';
import type { BlockCache } from '../../../src/core/render/blockCache';
import { createMarkdown, type RenderEnv } from '../../../src/core/render/markdown';
import { DEFAULT_TEMPLATE_LABELS, type TemplateEnv, type TemplateGenerator } from '../../../src/core/render/templates/types';
import { LineIndex } from '../../../src/core/text';
import { analyzeText } from './reference';

const FIXTURES = join(__dirname, '../../fixtures/templates');

interface Syntax {
  readonly name: string;
  readonly generator?: TemplateGenerator;
  readonly mdx?: boolean;
  readonly path: string;
  /** What an edit may insert besides the Markdown snippets: the syntax's openers and closers. */
  readonly snippets: readonly string[];
  /** Blocks a body is made of (constructs with blank lines inside among them). */
  readonly blocks: readonly string[];
  readonly fixtures: readonly string[];
}

const SYNTAXES: readonly Syntax[] = [
  {
    name: 'Hugo',
    generator: 'hugo',
    path: '/site/content/posts/post.md',
    snippets: ['{{% note %}}\n', '\n{{% /note %}}\n', '{{% /note %}}', '{{< details summary="More" >}}\n', '\n{{< /details >}}\n', '{{< highlight go >}}\n', '\n{{< /highlight >}}\n', '{{< youtube w7Ft2ymGmfc >}}', '\n{{< figure src="a.png" caption="A" >}}\n', '{{< ref "other" >}}', '{{< param "version" >}}', '{{</* figure */>}}', '{{% note %}}x{{% /note %}}\n', '{{< highlight go >}}x{{< /highlight >}}', '{{< note >}}y{{< /note >}} z'],
    blocks: [
      '{{% note %}}\nA **note**.\n\nWith a second paragraph.\n\n- and a list\n{{% /note %}}',
      '{{< details summary="More" >}}\nHidden *text*.\n\nMore of it.\n{{< /details >}}',
      '{{< highlight go >}}\nfunc main() {}\n\n// Advertisement\n{{< /highlight >}}',
      '{{< figure src="poster.png" caption="The poster" >}}',
      '{{< youtube w7Ft2ymGmfc >}}',
      'Read {{< ref "other" >}} first, version {{< param "version" >}}.',
      '- item\n- {{% note %}}\n\n  Inside a list item.\n\n  {{% /note %}}',
      '{{< code-toggle file="config" >}}\nbaseURL: x\n\ntitle: y\n{{< /code-toggle >}}',
      // Opened and closed on one line: complete there, whatever closing line comes later.
      '{{% note %}}A one-line *note*.{{% /note %}}',
      '{{< highlight go >}}x := 1{{< /highlight >}}',
      '{{< details summary="S" >}}One line.{{< /details >}}',
    ],
    fixtures: ['hugo/content/posts/now-commonmark/index.md', 'hugo/content/posts/other.md'],
  },
  {
    name: 'Jekyll (Liquid)',
    generator: 'jekyll',
    path: '/site/_posts/2020-03-01-post.md',
    snippets: ['{% raw %}\n', '\n{% endraw %}\n', '{% highlight ruby %}\n', '\n{% endhighlight %}\n', '{% if page.x %}\n', '\n{% endif %}\n', '{% comment %}\n', '{% endcomment %}\n', '{% include note.html %}\n', '{{ site.title }}', '{% capture x %}\n', '{% endcapture %}\n', '{% post_url 2020-01-01-first %}', '{% if a %}x{% endif %}\n', '{% highlight ruby %}x{% endhighlight %}', '{% raw %}{{ y }}{% endraw %} z', '{% comment %}c{% endcomment %}\n'],
    blocks: [
      '{% raw %}\nLiquid such as {{ site.title }} stays.\n\nEven here.\n{% endraw %}',
      '{% highlight ruby %}\nputs "a"\n\nputs "b"\n{% endhighlight %}',
      '{% if page.subtitle %}\nShown with a **subtitle**.\n\n{% if site.author %}\nNested.\n\n{% endif %}\nStill inside.\n{% endif %}',
      '{% comment %}\nNot shown.\n\nAt all.\n{% endcomment %}',
      '{% include note.html topic="templates" %}',
      'Welcome to {{ site.title }}, see [the first post]({% post_url 2020-01-01-first %}).',
      '{% capture intro %}\nCaptured *text*.\n{% endcapture %}',
      '{% if page.x %}Inline **if**.{% endif %}',
      '{% highlight ruby %}puts 1{% endhighlight %}',
      '{% raw %}{{ site.title }}{% endraw %}',
      '{% comment %}Hidden.{% endcomment %}',
    ],
    fixtures: ['jekyll/_posts/2020-03-01-liquid.md', 'jekyll/_posts/2020-01-01-first.md'],
  },
  {
    name: 'Eleventy (Liquid, Nunjucks)',
    generator: 'eleventy',
    path: '/site/posts/post.md',
    snippets: ['{% callout "info", "md" %}\n', '\n{% endcallout %}\n', '{% set x %}\n', '{% endset %}\n', '{% codetitle "a.js" %}\n', '{% raw %}\n', '{% endraw %}\n', '{% highlight "js" %}\n', '{% endhighlight %}\n', '{% callout "info" %}Text{% endcallout %}\n', '{% callout "info" %}x{% endcallout %} more'],
    blocks: [
      '{% callout "info", "md" -%}\nA callout with **Markdown**.\n\nTwo paragraphs.\n{% endcallout %}',
      '{% set codeContent %}\nexport default {};\n\n// more\n{% endset %}',
      '{% codetitle "eleventy.config.js" %}',
      '{% highlight "js" %}\nlet x = 1;\n\nlet y = 2;\n{% endhighlight %}',
      '{% if showDetails %}\nShown only with **details**.\n\nAnd more.\n{% endif %}',
      '{% callout "info" %}One-line *callout*.{% endcallout %}',
      '{% callout "warn" %}\nOuter.\n\n{% callout "info" %}Inner on one line.{% endcallout %}\n\nStill outer.\n{% endcallout %}',
    ],
    fixtures: ['eleventy/posts/post.md'],
  },
  {
    name: 'Zola',
    generator: 'zola',
    path: '/site/content/post.md',
    snippets: ['{% quote(author="Ada") %}\n', '\n{% end %}\n', '{% end %}', '{{ youtube(id="x") }}\n', '{% note() %}\n', '{% quote(author="A") %}x{% end %}\n'],
    blocks: [
      '{% quote(author="Ada Lovelace") %}\nThe engine **weaves** patterns.\n\nLike a loom.\n{% end %}',
      '{{ youtube(id="dQw4w9WgXcQ") }}',
      '{% note() %}\nA note.\n\n{% quote(author="B") %}\nInner.\n{% end %}\n\nAfter the inner end.\n{% end %}',
      '{% quote(author="C") %}A one-line *quote*.{% end %}',
    ],
    fixtures: ['zola/content/post.md'],
  },
  {
    name: 'MDX',
    mdx: true,
    path: '/site/blog/post.mdx',
    snippets: ['<Chart type="bar">\n', '\n</Chart>\n', '<Tabs>\n', '\n</Tabs>\n', '<TabItem value="a">\n', '</TabItem>\n', "import Chart from '../components/Chart.astro';\n", "\nimport { Tabs } from '@theme/Tabs';\n", '<Chart\n  data={a > b}\n/>\n', 'export const y = 1;\n', '<Tabs />', ':::tip\n', '\n:::\n', '<Chart>x</Chart>\n', '<Tabs>y</Tabs> z'],
    blocks: [
      "import Chart from '../components/Chart.astro';\nimport { Tabs, TabItem } from '@theme/Tabs';",
      '<Chart type="bar">\n\nChildren are **Markdown**.\n\nTwo paragraphs of them.\n\n</Chart>',
      '<Tabs>\n\n<TabItem value="a">\n\nFirst tab.\n\n</TabItem>\n\n<TabItem value="b">\n\nSecond tab.\n\n</TabItem>\n\n</Tabs>',
      '<Chart\n  type="line"\n  data={a > b}\n/>',
      '<Tabs />',
      'export const meta = { a: 1 };',
      '<Chart type="pie">One-line *children*.</Chart>',
      '<Tabs>\n\n<Tabs>Inner on one line.</Tabs>\n\nStill outer.\n\n</Tabs>',
    ],
    fixtures: ['mdx/post.mdx'],
  },
  {
    name: 'Docusaurus admonitions',
    generator: 'docusaurus',
    path: '/site/blog/post.md',
    snippets: [':::note\n', ':::tip Pro tip\n', '\n:::\n', ':::', ':::warning\n', '<Chart>\n', '</Chart>\n', "import Chart from './Chart';\n", '<Chart>x</Chart>\n'],
    blocks: [
      ':::tip Pro tip\n\nAdmonitions render as boxes.\n\nWith **Markdown**.\n\n:::',
      ':::note\n\nOuter.\n\n:::warning\n\nInner.\n\n:::\n\nOuter again.\n\n:::',
      ':::danger\nNo blank lines.\n:::',
      "import Chart from './Chart';",
      '<Chart>\n\nChildren.\n\n</Chart>',
      '<Chart>One-line children.</Chart>',
    ],
    fixtures: ['mdx/post.mdx'],
  },
];

/** Markdown snippets that open or close what spans blocks (as in chunks.test.ts), and stray markers. */
const MARKDOWN_SNIPPETS = ['x', ' ', '\n', '\n\n', '\n\n\n', '```', '```\n', '\n```js\n', '    ', '  ', '\t', '- ', '\n- item\n', '1. ', '> ', '<div>', '\n<div>\n', '\n</div>\n', '<!--', '-->', '[r]: https://example.com/r\n', '[r]', '\nAdvertisement\n', '# ', '\n---\n'];

const OPTIONS: RenderOptions = {
  locale: 'en-US',
  allowRemoteImages: false,
  resolveResource: (href) => `https://resource.test/${href}`,
  resolvePostLink: (target) => (target === 'nowhere' ? undefined : { href: `../${target}.md`, title: `Post ${target}` }),
  // The link to a component's file comes from its import: renders depend on the imports of the whole file.
  resolveTemplate: (reference) => ({ href: reference.importPath ?? `layouts/${reference.kind}s/${reference.name}.html` }),
  siteValues: { title: 'The site', author: 'Ada' },
};

function optionsFor(syntax: Syntax): RenderOptions {
  return { ...OPTIONS, generator: syntax.generator, mdx: syntax.mdx };
}

function templateEnv(syntax: Syntax): TemplateEnv {
  return { generator: syntax.generator, mdx: syntax.mdx === true, page: {}, site: {}, labels: DEFAULT_TEMPLATE_LABELS, imports: new Map() };
}

function frontMatter(syntax: Syntax): string {
  return syntax.generator === 'zola' ? '+++\ntitle = "A post"\ndate = 2021-05-01\n+++\n' : '---\ntitle: "A post"\ndate: 2021-05-01\nsubtitle: "Sub"\n---\n';
}

/** A body of the syntax's blocks between paragraphs and lists, `count` blocks long. */
function templatedBody(syntax: Syntax, count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    parts.push(`Paragraph ${i} with *emphasis* and [a link](https://example.com/${i}).`);
    parts.push(syntax.blocks[i % syntax.blocks.length] as string);
    if (i % 3 === 1) parts.push(`- point ${i}\n- another\n\n  continued`);
    if (i % 4 === 2) parts.push('```js\nconst a = 1;\n\nconst b = 2;\n```');
  }
  return `${parts.join('\n\n')}\n`;
}

function fixtureTexts(syntax: Syntax): string[] {
  return syntax.fixtures.map((file) => join(FIXTURES, file)).filter((file) => existsSync(file)).map((file) => readFileSync(file, 'utf8'));
}

interface Edit {
  readonly at: number;
  readonly remove: number;
  readonly insert: string;
}

function editOf(snippets: readonly string[]): fc.Arbitrary<Edit> {
  return fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    remove: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 30 })),
    insert: fc.oneof(fc.constantFrom(...snippets), fc.constantFrom(...MARKDOWN_SNIPPETS), fc.constant('')),
  });
}

function apply(text: string, { at, remove, insert }: Edit): string {
  const from = Math.min(text.length, Math.floor(at * text.length));
  return text.slice(0, from) + insert + text.slice(Math.min(text.length, from + remove));
}

/** Every edit in turn: the preview's render (one renderer throughout) is the render from scratch. */
function assertSameAfterEdits(syntax: Syntax, start: string, edits: readonly Edit[], renderer = new ArticleRenderer()): void {
  const options = optionsFor(syntax);
  let text = start;
  for (const step of [undefined, ...edits]) {
    if (step) text = apply(text, step);
    const analysis = analyzeText(text, syntax.path);
    assert.equal(renderer.render(analysis, options).bodyHtml, renderArticle(analysis, options).bodyHtml, `${syntax.name}, after ${JSON.stringify(step)} in ${JSON.stringify(text)}`);
  }
}

function chunkCounts(renderer: ArticleRenderer): { reused: number; rendered: number } {
  const blocks = (renderer as unknown as { blocks: BlockCache }).blocks;
  return { reused: blocks.chunksReused, rendered: blocks.chunksRendered };
}

const md = createMarkdown();

/** The block and inline tokens markdown-it gives for `text`, as comparable values, with lines moved by `shift`. */
function tokensOf(text: string, templates: TemplateEnv, shift: number): string[] {
  const env = { lineOffset: 0, markerLines: new Set<number>(), markerLabel: 'Ad', policy: { allowRemoteImages: false, labels: {} }, templates: { ...templates, imports: new Map() } } as unknown as RenderEnv;
  const describe = (t: MarkdownIt.Token): string => JSON.stringify([t.type, t.tag, t.nesting, t.level, t.map?.map((n) => n + shift) ?? null, t.info, t.markup, t.content, t.meta ?? null]);
  return md.parse(text, env).map(describe);
}

/** Restart points of `text` where its pieces parsed on their own do not give the tokens of the whole (none when they hold). */
function brokenRestartPoints(text: string, templates: TemplateEnv): number[] {
  const index = new LineIndex(text);
  const points = restartPoints({ lines: { index, text }, first: 0, count: index.lineCount }, templates);
  const whole = tokensOf(text, templates, 0);
  const broken: number[] = [];
  for (const point of points.slice(1)) {
    const at = index.lineStart(point);
    const pieces = [...tokensOf(text.slice(0, at), templates, 0), ...tokensOf(text.slice(at), templates, point)];
    if (JSON.stringify(pieces) !== JSON.stringify(whole)) broken.push(point);
  }
  return broken;
}

function pointsOf(text: string, templates: TemplateEnv): number[] {
  const index = new LineIndex(text);
  return restartPoints({ lines: { index, text }, first: 0, count: index.lineCount }, templates);
}

describe('render: template constructs and restart points', () => {
  const hugo = templateEnv(SYNTAXES[0] as Syntax);

  it('puts no restart point inside a paired construct with blank lines, and one after it', () => {
    const text = 'Intro.\n\n{{% note %}}\nA note.\n\nSecond paragraph.\n\n{{% /note %}}\n\nAfter.\n';
    // Lines: 0 Intro, 2 opener, 5 "Second", 7 closer, 9 After.
    assert.deepEqual(pointsOf(text, hugo), [0, 2, 9]);
    assert.deepEqual(brokenRestartPoints(text, hugo), []);
    // Without the site's syntax (the marker proof's code constructs only), the note is prose.
    assert.deepEqual(pointsOf(text, codeTemplates()), [0, 2, 5, 7, 9]);
  });

  it('reads a construct opened in a list item to its closing line, past the end of the list', () => {
    const text = '- {{% note %}}\n\nSwallowed.\n\n{{% /note %}}\n\nAfter.\n';
    assert.deepEqual(pointsOf(text, hugo), [0, 6]);
    const indented = '- item\n\n    {{% note %}}\n\nSwallowed.\n\n    {{% /note %}}\n\nAfter.\n';
    assert.deepEqual(pointsOf(indented, hugo), [0, 8]);
    assert.deepEqual(brokenRestartPoints(indented, hugo), []);
  });

  it('does not hold a construct open that never closes: a shortcode without a closing tag is one line', () => {
    const text = '{{< youtube w7Ft2ymGmfc >}}\n\nOne.\n\n{{% note %}}\n\nTwo.\n\n{% highlight ruby %}\n\nThree.\n';
    assert.deepEqual(pointsOf(text, hugo), [0, 2, 4, 6, 8, 10]);
    // `{% highlight %}` without `{% endhighlight %}` is no code block for the marker proof either.
    assert.deepEqual(pointsOf(text, codeTemplates()), [0, 2, 4, 6, 8, 10]);
  });

  it('counts nested constructs of the same kind (Liquid blocks, admonitions, components)', () => {
    const liquid = templateEnv(SYNTAXES[1] as Syntax);
    assert.deepEqual(pointsOf('{% if a %}\n\n{% if b %}\n\nx\n\n{% endif %}\n\ny\n\n{% endif %}\n\nz\n', liquid), [0, 12]);
    const docusaurus = templateEnv(SYNTAXES[5] as Syntax);
    assert.deepEqual(pointsOf(':::note\n\n:::tip\n\nx\n\n:::\n\ny\n\n:::\n\nz\n', docusaurus), [0, 12]);
    const mdx = templateEnv(SYNTAXES[4] as Syntax);
    assert.deepEqual(pointsOf('<Tabs>\n\n<Tabs>\n\nx\n\n</Tabs>\n\ny\n\n</Tabs>\n\nz\n', mdx), [0, 12]);
  });

  it('knows that a construct closes what opened inside it (a fence cut short by the closing tag)', () => {
    // The fence inside the note ends with it; the fence after it holds "Para" and the blank lines around it.
    const text = '{{% note %}}\n```\n{{% /note %}}\n\n```\n\nPara\n\n```\n\nAfter.\n';
    assert.deepEqual(brokenRestartPoints(text, hugo), []);
    assert.ok(!pointsOf(text, hugo).includes(6));
    assert.ok(pointsOf(text, hugo).includes(10));
  });

  for (const syntax of SYNTAXES) {
    it(`${syntax.name}: the body parsed whole is its pieces between restart points parsed on their own`, () => {
      const templates = templateEnv(syntax);
      const pieces = [...syntax.blocks, ...syntax.snippets, ...MARKDOWN_SNIPPETS, 'Some prose.', '\n\nMore prose.\n\n'];
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 3, maxLength: 24 }), fc.array(fc.constantFrom('\n', '\n\n', ''), { minLength: 24, maxLength: 24 }), (chosen, separators) => {
          const text = chosen.map((piece, k) => piece + (separators[k] ?? '')).join('');
          assert.deepEqual(brokenRestartPoints(text, templates), [], JSON.stringify(text));
        }),
        { numRuns: 150 },
      );
    });
  }
});

describe('render: typing in a post with template syntax renders in chunks', () => {
  for (const syntax of SYNTAXES) {
    it(`${syntax.name}: random edit sequences render as from scratch`, () => {
      const starts = [frontMatter(syntax) + templatedBody(syntax, 10), ...fixtureTexts(syntax)];
      const edit = editOf(syntax.snippets);
      fc.assert(fc.property(fc.constantFrom(...starts), fc.array(edit, { minLength: 1, maxLength: 8 }), (start, edits) => assertSameAfterEdits(syntax, start, edits)), { numRuns: 60 });
    });

    it(`${syntax.name}: one character typed reuses every other chunk`, () => {
      const body = templatedBody(syntax, 30);
      const text = frontMatter(syntax) + body;
      const options = optionsFor(syntax);
      const renderer = new ArticleRenderer();
      renderer.render(analyzeText(text, syntax.path), options);
      const cold = chunkCounts(renderer);
      assert.ok(cold.rendered > 30 && cold.reused === 0, JSON.stringify(cold));
      // In the middle of a paragraph, and inside a construct (its whole chunk is parsed again).
      for (const needle of ['Paragraph 15 with', 'Paragraph 22 with', 'Inside a list item', 'Children are', 'Hidden *text*', 'Not shown.', 'The engine', 'Admonitions render']) {
        const at = text.indexOf(needle, text.length / 3);
        if (at < 0) continue;
        const typed = `${text.slice(0, at + 3)}x${text.slice(at + 3)}`;
        const analysis = analyzeText(typed, syntax.path);
        const html = renderer.render(analysis, options).bodyHtml;
        assert.equal(html, renderArticle(analysis, options).bodyHtml);
        assert.deepEqual(chunkCounts(renderer), { reused: cold.rendered - 1, rendered: 1 }, needle);
        // Back to the text before: the same chunk again.
        renderer.render(analyzeText(text, syntax.path), options);
        assert.deepEqual(chunkCounts(renderer), { reused: cold.rendered - 1, rendered: 1 }, needle);
      }
    });
  }

  it('MDX: a component links to the file of its import, wherever the import is and whichever chunk changed', () => {
    const syntax = SYNTAXES[4] as Syntax;
    const options = optionsFor(syntax);
    const body = `<Chart type="bar">\n\nChildren.\n\n</Chart>\n\n${templatedBody(syntax, 12).replace(/^import .*$/gm, 'Not an import.')}\n\nimport Chart from '../components/Chart.astro';\n`;
    const renderer = new ArticleRenderer();
    const first = renderArticle(analyzeText(body, syntax.path), options).bodyHtml;
    assert.match(first, /data-href="\.\.\/components\/Chart\.astro"/, 'the import below the component applies to it');
    assert.equal(renderer.render(analyzeText(body, syntax.path), options).bodyHtml, first);
    // The import changes: the component's chunk, not parsed again, links to the new file.
    const moved = body.replace("'../components/Chart.astro'", "'../widgets/Chart.astro'");
    const html = renderer.render(analyzeText(moved, syntax.path), options).bodyHtml;
    assert.match(html, /data-href="\.\.\/widgets\/Chart\.astro"/);
    assert.doesNotMatch(html, /components\/Chart\.astro/);
    assert.equal(html, renderArticle(analyzeText(moved, syntax.path), options).bodyHtml);
    // Typing elsewhere keeps the import.
    const typed = moved.replace('Paragraph 5 with', 'Paragraph 5x with');
    assert.equal(renderer.render(analyzeText(typed, syntax.path), options).bodyHtml, renderArticle(analyzeText(typed, syntax.path), options).bodyHtml);
    assert.ok(chunkCounts(renderer).reused > 10, JSON.stringify(chunkCounts(renderer)));
  });

  it('a real template-heavy post (Eleventy documentation), typed into and cut up', function () {
    const text = templateHeavyArticle(30 * 1024);
    if (text === undefined) this.skip();
    const syntax = SYNTAXES[2] as Syntax;
    const edit = editOf(syntax.snippets);
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => assertSameAfterEdits(syntax, text, edits)), { numRuns: 10 });
    const renderer = new ArticleRenderer();
    renderer.render(analyzeText(text, syntax.path), optionsFor(syntax));
    const cold = chunkCounts(renderer);
    const middle = text.indexOf(' ', text.length / 2);
    renderer.render(analyzeText(`${text.slice(0, middle)}x${text.slice(middle)}`, syntax.path), optionsFor(syntax));
    const typed = chunkCounts(renderer);
    // Every chunk is reused but the one typed into (those inside a raw `<details>` element too: from the same raw-HTML state).
    assert.ok(cold.rendered > 50 && typed.rendered <= 1 && typed.reused >= cold.rendered - 1, JSON.stringify({ cold, typed }));
  });
});
