// The post model.

import assert from 'node:assert/strict';
import { analyze, DEFAULT_CONFIG, type Post } from '../../../src/core';

const now = new Date(2024, 0, 15, 12, 0, 0);
const post = (text: string, path = 'posts/my-first_post.md'): Post => analyze({ path, text }, DEFAULT_CONFIG, { now }).post;

describe('buildPost', () => {
  it('title: front matter, else the first # heading, else the file name', () => {
    // A front matter title as the generators print it: as written, not read as Markdown.
    assert.deepEqual([post('---\ntitle: "  Hello *world*  "\n---\n# Other\n').title, post('---\ntitle: Hello\n---\n').titleSource], ['Hello *world*', 'front-matter']);
    assert.equal(post('---\ntitle: "Python\'s __init__ and my_var, below _posts"\n---\n').title, "Python's __init__ and my_var, below _posts");
    const h = post('---\ndate: 2020-01-01\n---\n\n```\n# not this\n```\n## Sub\n# The *Heading* #\n');
    assert.deepEqual([h.title, h.titleSource], ['The Heading', 'heading']);
    const f = post('Text only', 'posts/2019-02-14-magic-mirror.md');
    assert.deepEqual([f.title, f.titleSource], ['Magic mirror', 'filename']);
    assert.equal(post('x', 'content/2019-02-14-magic-mirror/index.md').title, 'Magic mirror');
    assert.equal(post('x', 'posts/my-first_post.md').title, 'My first post');
    assert.equal(post('---\ntitle: 2020\n---\n').title, '2020');
  });

  it("title: never a heading the site shows as code, in a generator's code construct", () => {
    // As on 11ty.dev (src/blog/2026-04-21-collaborative-editing.md): an example page inside highlight and raw.
    const eleventy = post('---\nnewstitle: x\n---\n{% highlight "diff-md" %}\n{% raw %}\n---\n-title: World\n+title: Moon\n---\n# Hello, {{ title | editable }}\n{% endraw %}\n{% endhighlight %}\n\nText.\n', 'posts/2026-04-21-collaborative-editing.md');
    assert.deepEqual([eleventy.title, eleventy.titleSource], ['Collaborative editing', 'filename']);
    const hugo = post('{{< highlight md >}}\n# Not this\n{{< /highlight >}}\n# This one\n');
    assert.deepEqual([hugo.title, hugo.titleSource], ['This one', 'heading']);
    const liquid = post('{% highlight markdown %}\n# Not this\n\n{% endhighlight %}\n\n# This one\n');
    assert.equal(liquid.title, 'This one');
    // An opener without its closing line is no construct: the heading after it stands.
    assert.equal(post('{% highlight md %}\n# Still the title\n').title, 'Still the title');
    // A one-line construct ends on its line.
    assert.equal(post('{% highlight md %}# inline{% endhighlight %}\n# After\n').title, 'After');
  });

  it('date and its source', () => {
    const fm = post('---\ndate: 2020-11-06\n---\n', 'posts/2019-01-01-x.md');
    assert.deepEqual(fm.date?.value, { kind: 'date', year: 2020, month: 11, day: 6 });
    assert.equal(fm.date?.source, 'front-matter');
    assert.equal(fm.date?.field, 'date');
    const fromName = post('---\ntitle: x\n---\n', 'posts/2019-01-01-x.md');
    assert.equal(fromName.date?.source, 'filename');
    assert.equal(fromName.date?.field, undefined);
    // The first configured field that parses wins; an invalid one falls through.
    const order = post('---\npubDate: 2021-01-01\ndate: 2020-01-01\n---\n');
    assert.equal(order.date?.field, 'date');
    const fallback = post('---\ndate: garbage\npublishDate: 2021-03-04\n---\n');
    assert.equal(fallback.date?.field, 'publishDate');
  });

  it('status: draft, scheduled, published, undated', () => {
    assert.equal(post('---\ndate: 2020-01-01\ndraft: true\n---\n').status, 'draft');
    assert.equal(post('---\ndate: 2020-01-01\npublished: false\n---\n').status, 'draft');
    assert.equal(post('---\ndraft: true\n---\n').status, 'draft');
    assert.equal(post('---\ndate: 2024-01-16\n---\n').status, 'scheduled');
    assert.equal(post('---\ndate: 2024-01-15\n---\n').status, 'published');
    assert.equal(post('---\ndate: 2020-01-01\ndraft: false\n---\n').status, 'published');
    assert.equal(post('---\ntitle: x\n---\n').status, 'undated');
    assert.equal(post('+++\ndate = 2020-01-01\ndraft = true\n+++\n').status, 'draft');
  });

  it('author: a string, a {name}, or the first of authors', () => {
    assert.equal(post('---\nauthor: Ann\n---\n').author, 'Ann');
    assert.equal(post('---\nauthor:\n  name: Ann\n  url: x\n---\n').author, 'Ann');
    assert.equal(post('---\nauthors: [Bob, Ann]\n---\n').author, 'Bob');
    assert.equal(post('---\nauthors:\n  - name: Cy\n---\n').author, 'Cy');
    assert.equal(post('---\ntitle: x\n---\n').author, undefined);
  });

  it('tags and categories as string lists', () => {
    const p = post('---\ntags: [a, b]\ncategories: news tech\n---\n');
    assert.deepEqual(p.tags, ['a', 'b']);
    assert.deepEqual(p.categories, ['news', 'tech']);
    assert.deepEqual(post('---\ntags: "one, two words"\ncategory: release\n---\n').tags, ['one', 'two words']);
    // Docusaurus writes a tag inline as an object with its label (and permalink).
    assert.deepEqual(post('---\ntags: [hello, {label: Docusaurus 3, permalink: /docusaurus-3}, {permalink: /x}]\n---\n').tags, ['hello', 'Docusaurus 3']);
    assert.deepEqual(post('---\ncategory: release\n---\n').categories, ['release']);
    assert.deepEqual(post('---\ntags:\n---\n').tags, []);
  });

  it('word count excludes front matter, code fences and HTML comments', () => {
    const text = [
      '---',
      'title: Many words in the title',
      '---',
      'One two three.',
      '',
      '```js',
      'const notCounted = 1;',
      '```',
      '<!-- not counted at all -->',
      '<!--',
      'nor this',
      '-->',
      'A [link text](https://example.com/not/counted) and <b>bold</b> don’t-stop.',
    ].join('\n');
    assert.equal(post(text).wordCount, 3 + 6); // A, link, text, and, bold, don’t-stop
    assert.equal(post('---\ndate: 2020-01-01\n---\nCafé naïve — don\'t 123 ünïcödé Привет мир, e\u0301t\u00e9 _x_ *y* -- !').wordCount, 10);
  });
});
