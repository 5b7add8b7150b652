// Front matter in every language, with exact spans and honest problems.

import assert from 'node:assert/strict';
import matter from 'gray-matter';
import { LineIndex, safeGrayMatterOptions, splitDocument, type FrontMatter, type Span } from '../../../src/core';

const slice = (text: string, s: Span | undefined): string => (s ? text.slice(s.start, s.end) : '<none>');

function fm(text: string): FrontMatter {
  const f = splitDocument(text).frontMatter;
  assert.ok(f, 'expected front matter');
  return f;
}

function fieldTexts(text: string): Record<string, [string, string, string]> {
  const out: Record<string, [string, string, string]> = {};
  for (const f of fm(text).fields) out[f.key] = [slice(text, f.keySpan), slice(text, f.valueSpan), slice(text, f.entrySpan)];
  return out;
}

describe('splitDocument: YAML', () => {
  const text = [
    '---',
    'title: "Hello: world" # a comment',
    'date: 2020-11-06',
    "'quoted key': x",
    'tags:',
    '  - one',
    '  - two',
    'empty:',
    'draft: true',
    'summary: |',
    '  Line one',
    '  Line two',
    '---',
    '# Body',
    '',
  ].join('\n');

  it('finds the block, fences, content and body', () => {
    const split = splitDocument(text);
    const f = fm(text);
    assert.equal(f.language, 'yaml');
    assert.equal(slice(text, f.openFenceSpan), '---');
    assert.equal(slice(text, f.closeFenceSpan), '---');
    assert.equal(f.closeFenceSpan?.start, text.indexOf('---\n# Body'));
    assert.equal(slice(text, f.blockSpan), text.slice(0, text.indexOf('# Body')));
    assert.ok(slice(text, f.contentSpan).startsWith('title:'));
    assert.ok(slice(text, f.contentSpan).endsWith('  Line two\n'));
    assert.equal(split.bodyStart, text.indexOf('# Body'));
    assert.equal(split.eol, '\n');
    assert.deepEqual(f.problems, []);
  });

  it('keeps exact key, value and entry spans of top-level fields', () => {
    const t = fieldTexts(text);
    assert.deepEqual(Object.keys(t), ['title', 'date', 'quoted key', 'tags', 'empty', 'draft', 'summary']);
    assert.deepEqual(t.title, ['title', '"Hello: world"', 'title: "Hello: world" # a comment']);
    assert.deepEqual(t.date, ['date', '2020-11-06', 'date: 2020-11-06']);
    assert.deepEqual(t['quoted key'], ["'quoted key'", 'x', "'quoted key': x"]);
    assert.deepEqual(t.tags, ['tags', '- one\n  - two', 'tags:\n  - one\n  - two']);
    assert.deepEqual(t.empty, ['empty', '', 'empty:']);
    assert.equal(fm(text).fields.find((f) => f.key === 'empty')?.valueSpan.start, text.indexOf('empty:') + 6);
    assert.deepEqual(t.summary, ['summary', '|\n  Line one\n  Line two', 'summary: |\n  Line one\n  Line two']);
  });

  it('keeps timestamps as the author’s strings', () => {
    const data = fm(text).data;
    assert.equal(data.date, '2020-11-06');
    assert.equal(typeof data.date, 'string');
    assert.equal(data.draft, true);
    assert.deepEqual(data.tags, ['one', 'two']);
    assert.equal(data.title, 'Hello: world');
    assert.equal(fm('---\nd: 2020-11-06 10:00:00 -0500\n---\n').data.d, '2020-11-06 10:00:00 -0500');
  });

  it('reports syntax errors at their real line', () => {
    const bad = '---\ntitle: ok\ndate: [2020\nother: x\n---\nbody\n';
    const f = fm(bad);
    assert.ok(f.problems.length > 0);
    assert.match(f.problems[0].message, /^YAML: /);
    const line = new LineIndex(bad).positionAt(f.problems[0].span.start).line;
    assert.ok(line >= 2 && line <= 4, `line ${line}`);
    assert.deepEqual(Object.keys(f.data), []);
    assert.equal(splitDocument(bad).bodyStart, bad.indexOf('body'));
  });

  it('reports a nested-mapping error where it is', () => {
    const bad = '---\ntitle: a: b\n---\n';
    const f = fm(bad);
    assert.equal(f.problems.length > 0, true);
    assert.equal(new LineIndex(bad).positionAt(f.problems[0].span.start).line, 1);
  });

  it('reports duplicate keys', () => {
    assert.match(fm('---\ndate: 2020-01-01\ndate: 2020-01-02\n---\n').problems[0].message, /unique/i);
  });

  it('refuses a front matter that is not a mapping', () => {
    assert.match(fm('---\n- a\n- b\n---\n').problems[0].message, /key: value/);
  });

  it('reports an unclosed block at the opening fence and reads the rest as body', () => {
    const t = '---\ntitle: x\n\nSome text\n';
    const split = splitDocument(t);
    assert.equal(split.frontMatter?.problems.length, 1);
    assert.deepEqual(split.frontMatter?.problems[0].span, { start: 0, end: 3 });
    assert.match(split.frontMatter?.problems[0].message ?? '', /never closed/);
    assert.equal(split.bodyStart, 4);
    assert.equal(split.frontMatter?.closeFenceSpan, undefined);
  });

  it('handles an empty block and a lone fence', () => {
    const f = fm('---\n---\nbody');
    assert.deepEqual(f.fields, []);
    assert.deepEqual(f.problems, []);
    assert.equal(splitDocument('---\n---\nbody').bodyStart, 8);
    assert.equal(fm('---').problems.length, 1);
  });

  it('does not take a later thematic break or a `---` inside a line for a fence', () => {
    assert.equal(splitDocument('Text\n---\nMore\n').frontMatter, undefined);
    const t = '---\ntitle: a --- b\n---\n';
    assert.equal(fm(t).data.title, 'a --- b');
  });

  it('handles CRLF files and keeps positions off the \\r', () => {
    const t = '---\r\ntitle: Hi\r\ndate: 2020-11-06\r\n---\r\nBody\r\n';
    const split = splitDocument(t);
    assert.equal(split.eol, '\r\n');
    const f = fm(t);
    assert.equal(slice(t, f.openFenceSpan), '---');
    assert.equal(slice(t, f.closeFenceSpan), '---');
    assert.equal(split.bodyStart, t.indexOf('Body'));
    const date = f.fields.find((x) => x.key === 'date');
    assert.equal(slice(t, date?.valueSpan), '2020-11-06');
    assert.equal(slice(t, date?.entrySpan), 'date: 2020-11-06');
  });

  it('tolerates a byte order mark the caller did not strip', () => {
    const t = '\ufeff---\ntitle: Hi\n---\n';
    assert.equal(fm(t).data.title, 'Hi');
    assert.deepEqual(fm(t).openFenceSpan, { start: 1, end: 4 });
  });

  it('does not expand alias bombs', () => {
    const bomb = ['---', 'a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]', 'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]', '---', ''].join('\n');
    const f = fm(bomb);
    assert.ok(f.problems.length > 0);
  });
});

describe('splitDocument: refused and unknown languages', () => {
  for (const lang of ['js', 'javascript', 'coffee', 'JS']) {
    it(`refuses ---${lang} without running it`, () => {
      const g = globalThis as { postdeskPwned?: boolean };
      const t = `---${lang}\n{ title: (globalThis.postdeskPwned = true, "x") }\n---\nbody\n`;
      const f = fm(t);
      assert.equal(f.problems.length, 1);
      assert.match(f.problems[0].message, /never run/);
      assert.deepEqual(f.problems[0].span, { start: 0, end: 3 + lang.length });
      assert.deepEqual(Object.keys(f.data), []);
      assert.equal(g.postdeskPwned, undefined);
    });
  }
  it('names an unknown language', () => {
    assert.match(fm('---xml\n<a/>\n---\n').problems[0].message, /Unknown front matter language `xml`/);
  });
  it('accepts ---yaml and ---yml', () => {
    assert.equal(fm('---yaml\na: 1\n---\n').data.a, 1);
    assert.equal(fm('---yml\na: 1\n---\n').language, 'yaml');
  });
});

describe('splitDocument: TOML', () => {
  const text = [
    '+++',
    'title = "Hello" # comment',
    "date = 2020-11-06T10:00:00-05:00",
    'local = 2020-11-06',
    'tags = [',
    '  "a",',
    '  "b",',
    ']',
    'multi = """',
    'x = 1',
    '"""',
    'site.name = "dotted"',
    '[params]',
    'inner = 1',
    '+++',
    'Body',
  ].join('\n');

  it('parses and keeps spans for top-level keys', () => {
    const f = fm(text);
    assert.equal(f.language, 'toml');
    assert.deepEqual(f.problems, []);
    const t = fieldTexts(text);
    assert.deepEqual(Object.keys(t), ['title', 'date', 'local', 'tags', 'multi']);
    assert.deepEqual(t.title, ['title', '"Hello"', 'title = "Hello" # comment']);
    assert.deepEqual(t.date, ['date', '2020-11-06T10:00:00-05:00', 'date = 2020-11-06T10:00:00-05:00']);
    assert.deepEqual(t.tags[1], '[\n  "a",\n  "b",\n]');
    assert.deepEqual(t.multi[1], '"""\nx = 1\n"""');
    assert.equal(splitDocument(text).bodyStart, text.indexOf('Body'));
  });

  it('keeps TOML dates as the author’s text', () => {
    const f = fm(text);
    assert.equal(f.data.date, '2020-11-06T10:00:00-05:00');
    assert.equal(f.data.local, '2020-11-06');
    assert.equal(f.fields.find((x) => x.key === 'local')?.value, '2020-11-06');
    assert.deepEqual({ ...(f.data.params as object) }, { inner: 1 });
  });

  it('reports syntax errors at their line and column', () => {
    const bad = '+++\ntitle = "x"\ndate = = 2\n+++\n';
    const f = fm(bad);
    assert.equal(f.problems.length, 1);
    assert.match(f.problems[0].message, /^TOML: /);
    assert.ok(!f.problems[0].message.includes('\n'));
    const pos = new LineIndex(bad).positionAt(f.problems[0].span.start);
    assert.deepEqual(pos, { line: 2, character: 7 });
  });

  it('reports an unclosed block', () => {
    assert.match(fm('+++\ntitle = "x"\n').problems[0].message, /`\+\+\+`/);
  });
});

describe('splitDocument: JSON', () => {
  it('reads a leading JSON object (Hugo)', () => {
    const t = '{\n  "title": "Hi",\n  "date": "2020-11-06",\n  "tags": ["a", {"b": "}"}]\n}\nBody\n';
    const split = splitDocument(t);
    const f = fm(t);
    assert.equal(f.language, 'json');
    assert.deepEqual(f.problems, []);
    assert.equal(split.bodyStart, t.indexOf('Body'));
    const fields = fieldTexts(t);
    assert.deepEqual(fields.title, ['"title"', '"Hi"', '  "title": "Hi",']);
    assert.deepEqual(fields.date[1], '"2020-11-06"');
    assert.deepEqual(fields.tags[1], '["a", {"b": "}"}]');
    assert.equal(f.data.date, '2020-11-06');
    assert.equal(slice(t, f.closeFenceSpan), '}');
  });

  it('reads a ---json block', () => {
    const t = '---json\n{"title": "Hi", "date": "2020-11-06"}\n---\nBody';
    const f = fm(t);
    assert.equal(f.language, 'json');
    assert.equal(f.data.title, 'Hi');
    assert.deepEqual(fieldTexts(t).date, ['"date"', '"2020-11-06"', '{"title": "Hi", "date": "2020-11-06"}']);
  });

  it('reports JSON syntax errors where they are', () => {
    const t = '{\n  "title": "Hi",\n  "date": 2020-11-06\n}\n';
    const f = fm(t);
    assert.equal(f.problems.length, 1);
    assert.match(f.problems[0].message, /^JSON: /);
    assert.equal(new LineIndex(t).positionAt(f.problems[0].span.start).line, 2);
  });

  it('finds fields after long numbers and literals', () => {
    const big = '1'.repeat(100);
    const t = `{"n": ${big}, "ok": true, "date": "2020-11-06"}\n`;
    const fields = fieldTexts(t);
    assert.deepEqual(Object.keys(fields), ['n', 'ok', 'date']);
    assert.equal(fields.n[1], big);
    assert.equal(fields.ok[1], 'true');
    assert.equal(fields.date[1], '"2020-11-06"');
  });

  it('does not mistake Liquid or an unclosed object for front matter content', () => {
    assert.equal(splitDocument('{% raw %}\ntext\n').frontMatter, undefined);
    assert.equal(splitDocument('{{ page.title }}\n').frontMatter, undefined);
    assert.match(fm('{\n  "title": "x"\n').problems[0].message, /never closed/);
  });
});

describe('gray-matter', () => {
  it('is always called with safe options: its cache stays empty and js engines refuse', () => {
    const cache = (matter as unknown as { cache: Record<string, unknown> }).cache;
    const before = Object.keys(cache).length;
    for (let i = 0; i < 50; i++) splitDocument(`---\ntitle: post ${i}\n---\nbody ${i}\n`);
    assert.equal(Object.keys(cache).length, before);
    const opts = safeGrayMatterOptions();
    const js: string = '---js\n{a: 1}\n---\n';
    assert.throws(() => matter(js, opts), /never runs code/);
    const yaml: string = '---\ndate: 2020-11-06\n---\nx';
    const parsed = matter(yaml, opts);
    assert.equal(parsed.data.date, '2020-11-06');
  });
});
