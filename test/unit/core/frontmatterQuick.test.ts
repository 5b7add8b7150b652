// The quick front matter readers `postdesk check` uses (src/core/frontmatter/quick.ts)
// against the full splitter: whenever a quick reader answers, its split (data,
// fields, spans, line ending) is the full splitter's, deep-equal; otherwise it
// declines. Over the real corpora and the fixtures (as written, in CRLF, with
// a byte order mark, and their front matter rewritten as TOML and JSON), the
// bench's generated posts, made-up blocks and generated ones.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { splitDocument } from '../../../src/core/frontmatter';
import { parseBlockFast, quickSplitDocument, splitDocumentFast } from '../../../src/core/frontmatter/quick';
import type { SplitDocument } from '../../../src/core/types';
import { createRandom, syntheticPost, TextGen } from '../../../bench/corpus';

const REPO = path.resolve(__dirname, '../../..');
const CORPUS = path.resolve(REPO, '../shared/corpus');
const FIXTURES = path.join(REPO, 'test/fixtures');

function markdownFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '.git') markdownFiles(p, out);
    } else if (/\.(md|mdx|markdown)$/i.test(entry.name)) out.push(p);
  }
  return out;
}

const crlf = (text: string): string => text.replace(/\r?\n/g, '\r\n');

/** The quick split, which must be the full one when it answers; whether it answered. */
function same(text: string, label = JSON.stringify(text.slice(0, 400))): boolean {
  const full = splitDocument(text);
  const quick = quickSplitDocument(text);
  if (quick !== undefined) assert.deepEqual(quick, full, `quick split of ${label}`);
  assert.deepEqual(splitDocumentFast(text), full, `splitDocumentFast of ${label}`);
  for (const afterBlankLines of [true, false]) {
    assert.deepEqual(splitDocumentFast(text, { afterBlankLines }), splitDocument(text, { afterBlankLines }), `afterBlankLines ${afterBlankLines}: ${label}`);
  }
  const fm = full.frontMatter;
  if (fm) {
    // The date fixes re-read a block through parseBlockFast: the full parser's block, quick or not.
    const block = parseBlockFast(text, fm.contentSpan, fm.language);
    if (fm.problems.length === 0 && block) assert.deepEqual({ data: block.data, fields: block.fields, problems: block.problems }, { data: fm.data, fields: fm.fields, problems: fm.problems }, `parseBlockFast of ${label}`);
  }
  return quick !== undefined;
}

/** A TOML string for a value, basic when it needs no escape, literal when it can be, escaped otherwise. */
function tomlString(s: string): string {
  const control = [...s].some((ch) => ch.charCodeAt(0) < 0x20 || ch === '\u007f');
  if (!control && !s.includes('"') && !s.includes('\\')) return `"${s}"`;
  if (!control && !s.includes("'")) return `'${s}'`;
  return JSON.stringify(s);
}

function tomlValue(v: unknown): string | undefined {
  if (typeof v === 'string') return /^\d{4}-\d\d-\d\d(?:T\d\d:\d\d:\d\d(?:Z|[+-]\d\d:\d\d)?)?$/.test(v) ? v : tomlString(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return `[${v.map(tomlString).join(', ')}]`;
  return undefined;
}

/** The same post with its front matter as TOML (the values TOML can hold) and as JSON. */
function rewritten(text: string): string[] {
  const split = splitDocument(text);
  const fm = split.frontMatter;
  if (!fm || fm.problems.length > 0) return [];
  const body = text.slice(split.bodyStart);
  const toml: string[] = [];
  for (const [k, v] of Object.entries(fm.data)) {
    const value = tomlValue(v);
    if (value !== undefined) toml.push(`${/^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k)} = ${value}`);
  }
  const json = JSON.stringify(fm.data, null, 2);
  return [`+++\n${toml.join('\n')}\n+++\n${body}`, `---json\n${json}\n---\n${body}`, `${json}\n${body}`];
}

describe('quick front matter readers (check)', () => {
  it('read the real posts and the fixtures as the full splitter does: as written, in CRLF, with a BOM, as TOML and JSON', function () {
    this.timeout(120_000);
    const files = [...markdownFiles(CORPUS), ...markdownFiles(FIXTURES)];
    assert.ok(files.length > 200, 'the fixtures at least');
    const taken = { lf: 0, crlf: 0, toml: 0, json: 0 };
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const name = path.relative(REPO, file);
      const withBlock = splitDocument(text).frontMatter !== undefined;
      const lf = same(text, name) && withBlock;
      if (lf) taken.lf++;
      // A block read in LF is read in CRLF too.
      if (same(crlf(text), `${name} (CRLF)`) && withBlock) taken.crlf++;
      else if (lf) assert.fail(`${name}: read quickly in LF but not in CRLF`);
      same(`\ufeff${text}`, `${name} (BOM)`);
      same(`\ufeff${crlf(text)}`, `${name} (BOM, CRLF)`);
      for (const variant of rewritten(text)) {
        for (const t of [variant, crlf(variant)]) {
          if (same(t, `${name} as ${t.slice(0, 4)}`)) {
            if (t.startsWith('+++')) taken.toml++;
            else taken.json++;
          }
        }
      }
    }
    // A reader that always declined would pass the rest: most of these are read quickly.
    assert.ok(taken.lf > files.length / 2, `LF: ${taken.lf} of ${files.length}`);
    assert.equal(taken.crlf, taken.lf, 'CRLF');
    assert.ok(taken.toml > files.length, `TOML: ${taken.toml}`);
    assert.ok(taken.json > files.length, `JSON: ${taken.json}`);
  });

  it("read the bench's generated posts as the full splitter does, every kind of them quickly", function () {
    this.timeout(120_000);
    const gen = new TextGen(createRandom(20201106));
    const kinds = new Map<string, { taken: number; all: number }>();
    for (let i = 0; i < 3000; i++) {
      const text = syntheticPost(gen, i).text;
      const kind = `${text.includes('\r') ? 'CRLF ' : ''}${text.startsWith('+++') ? 'TOML' : text.startsWith('---json') ? 'JSON' : text.startsWith('---') ? 'YAML' : 'none'}`;
      const k = kinds.get(kind) ?? { taken: 0, all: 0 };
      k.all++;
      if (same(text, `post ${i}`)) k.taken++;
      kinds.set(kind, k);
    }
    for (const [kind, { taken, all }] of kinds) {
      if (!kind.endsWith('none')) assert.equal(taken, all, `${kind}: ${taken} of ${all} read quickly`);
    }
    assert.equal(kinds.size, 8);
  });

  const TOML_READ: readonly string[] = [
    'title = "Plain"',
    "title = 'Literal with \"quotes\" and \\ backslash'",
    'title   =   "spaced"   ',
    'title\t=\t"tabs around"\t',
    'title = ""',
    "title = ''",
    'title = "Emoji 🎉 ünïcödé, ideographic\u3000space, no-break\u00a0space"',
    'draft = true\npublished = false',
    'weight = 10\nneg = -42\nzero = 0\nbig = 999999999999999',
    'date = 2020-11-06',
    'date = 2020-02-29',
    'date = 2000-02-29T23:59:59Z',
    'date = 2020-11-06T10:30:00+05:30',
    'date = 2020-11-06T10:30:00-08:00',
    'date = 2020-11-06T10:30:00',
    'tags = []\ncats = [ ]',
    'tags = ["a", "b"]',
    "tags = [ 'a' ,\t\"b, c\" ]",
    '__proto__ = "data"\nconstructor = "x"\ntoString = true',
    '1 = "digit key"\n-x_y- = "odd key"',
    '\n\ntitle = "blank lines"\n\t\n  \n',
    '',
  ];

  const TOML_DECLINED: readonly string[] = [
    // Escapes and multi-line strings.
    'title = "with \\"escape\\""',
    'title = "tab\\tescape"',
    'title = """multi\nline"""',
    "title = '''multi\nline'''",
    'title = """one line"""',
    'title = "raw\ttab"',
    // Comments, tables, inline tables, dotted and quoted keys, indentation.
    '# a comment\ntitle = "x"',
    'title = "x" # trailing comment',
    'title = "x"\n[params]\nauthor = "y"',
    'title = "x"\n[[authors]]\nname = "y"',
    'author = { name = "Ada", email = "a@example.com" }',
    'author.name = "Ada"',
    '"quoted key" = "x"',
    '  title = "indented"',
    // Numbers beyond the small integers, and odd dates.
    'weight = 1.5',
    'weight = +5',
    'weight = -0',
    'weight = 007',
    'weight = 1_000',
    'weight = 0x1F',
    'weight = inf',
    'weight = 1234567890123456',
    'date = 2021-02-29',
    'date = 2020-13-01',
    'date = 2020-11-06t10:30:00Z',
    'date = 2020-11-06 10:30:00Z',
    'date = 2020-11-06T10:30:00.123Z',
    'date = 2020-11-06T24:00:00Z',
    'date = 2020-11-06T23:59:60Z',
    'date = 2020-11-06T10:30:00+24:00',
    'date = 0000-01-01',
    'time = 10:30:00',
    // Lists of anything but strings, or written loosely.
    'tags = ["a", "b",]',
    'tags = [1, 2]',
    'tags = ["a", 1]',
    'tags = [["a"]]',
    'tags = [\n  "a",\n  "b"\n]',
    // Errors the parser words.
    'title = "x"\ntitle = "y"',
    'title = "unclosed',
    'title =',
    'title',
    '= "no key"',
    'title = "x" "y"',
    'title = "lone \ud800 surrogate"',
    'title = "bell \u0007"',
    'title = "del \u007f"',
  ];

  it('read simple TOML as smol-toml and the top-level scan do, and leave the rest to them', () => {
    for (const block of TOML_READ) {
      for (const text of [`+++\n${block}\n+++\nBody\n`, `+++ \n${block}\n+++\t\n`, `\ufeff+++\n${block}\n+++`]) {
        assert.ok(same(text), `read quickly: ${JSON.stringify(text)}`);
        assert.ok(same(crlf(text)), `read quickly in CRLF: ${JSON.stringify(text)}`);
      }
    }
    for (const block of TOML_DECLINED) {
      for (const text of [`+++\n${block}\n+++\nBody\n`, crlf(`+++\n${block}\n+++\nBody\n`)]) {
        assert.equal(same(text), false, `left to the parser: ${JSON.stringify(text)}`);
      }
    }
    // Dates stay the author's text in data and fields, as the parser's block keeps them.
    const split = quickSplitDocument('+++\ndate = 2020-11-06T10:30:00+05:30\n+++\n');
    assert.equal(split?.frontMatter?.data.date, '2020-11-06T10:30:00+05:30');
  });

  it('read JSON front matter as JSON.parse and the member scan do', () => {
    const objects = [
      '{\n  "title": "x",\n  "tags": ["a", "b"],\n  "date": "2020-11-06"\n}',
      '{"title":"compact","n":1.5e3,"ok":true,"none":null,"nested":{"a":[1,{"b":"}"}]}}',
      '{ "title" : "spaced" , "x" : [ ] }',
      '{\n\t"__proto__": {"polluted": true},\n\t"constructor": 1\n}',
      '{"dup": 1, "dup": 2}',
      '{"quote \\" in key": 1}',
      '{"title": "escaped \\" quote and \\\\ backslash", "u": "\\u00e9"}',
      '{}',
    ];
    const broken = ['{"title": "x",}', '{"title": x}', '["not", "an object"]', '{"unclosed": "x"'];
    for (const json of [...objects, ...broken]) {
      for (const text of [`---json\n${json}\n---\nBody\n`, `---JSON \n${json}\n---\n`, `${json}\nBody\n`, `${json} trailing\nBody\n`]) {
        same(text);
        same(crlf(text));
      }
    }
    assert.ok(same(`---json\n${objects[0]}\n---\nBody\n`));
    assert.ok(same(crlf(`---json\n${objects[0]}\n---\nBody\n`)));
    assert.ok(same(`${objects[1]}\nBody\n`));
  });

  it('leave mixed line ends, lone CRs, unclosed and unknown blocks to the full splitter', () => {
    const declined = [
      '---\r\ntitle: x\n---\r\n',
      '---\r\ntitle: x\r---\r\n',
      '---\r\ntitle: x\r\n',
      '+++\r\ntitle = "x"\r\n',
      '---js\r\nmodule.exports = {}\r\n---\r\n',
      '---cson\ntitle: "x"\n---\n',
      '\n+++\ntitle = "x"\n+++\n',
    ];
    for (const text of declined) assert.equal(same(text), false, JSON.stringify(text));
    // Body line ends are the body's business: a CRLF block before an LF body is read, its eol the document's.
    assert.ok(same('---\r\ntitle: x\r\n---\r\nBody\nmore\nlines\n'));
    assert.ok(same('+++\ntitle = "x"\n+++\r\nBody\r\n'));
    assert.ok(same('---\r\ntitle: x\r\n---'));
    assert.ok(same('+++\r\ntitle = "x"\r\n+++'));
    // A language named after the fence, as gray-matter names it, without loading gray-matter.
    assert.ok(same('---toml\r\ntitle = "x"\r\n---\r\n'));
    assert.ok(same('---TOML \ntitle = "x"\n---\n'));
    assert.ok(same('{\r\n"title": "x"\r\n}\r\n'));
  });

  it('agree with the full splitter on generated TOML', function () {
    this.timeout(120_000);
    const key = fc.constantFrom('title', 'date', 'tags', 'draft', 'weight', '__proto__', 'a-b_1', '"q"', 'a.b', ' x');
    const str = fc.stringMatching(/^[A-Za-z0-9 ,.:#'"\\\t\u00a0é[\]{}=-]{0,10}$/);
    const scalar = fc.oneof(
      str.map((s) => `"${s}"`),
      str.map((s) => `'${s}'`),
      fc.string({ unit: 'binary', maxLength: 6 }).map((s) => `"${s.replace(/[\r\n]/g, '')}"`),
      fc.constantFrom('true', 'false', 'True', '0', '-0', '12', '-7', '+3', '1.5', '1e3', 'nan', '0x10', '1_000', '9007199254740993'),
      fc
        .tuple(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 32 }))
        .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
      fc
        .tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.constantFrom('', 'Z', 'z', '+05:30', '-24:00', '+23:59', '.5Z'), fc.constantFrom('T', 't', ' '))
        .map(([h, m, tz, sep]) => `2020-02-29${sep}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(m).padStart(2, '0')}${tz}`),
      fc.constantFrom('""""""', "''''''", '"""x"""', '{ a = 1 }', '{}', '[1, "a"]', '[[]]'),
    );
    const value = fc.oneof(
      scalar,
      fc.array(scalar, { maxLength: 3 }).chain((items) => fc.constantFrom(', ', ',', ' , ').map((sep) => `[${items.join(sep)}]`)),
      fc.array(scalar, { minLength: 1, maxLength: 2 }).map((items) => `[${items.join(', ')},]`),
    );
    const line = fc.oneof(
      { weight: 5, arbitrary: fc.tuple(key, fc.constantFrom(' = ', '=', ' =\t'), value, fc.constantFrom('', ' ', '\t', ' # c', '\u00a0')).map(([k, eq, v, after]) => `${k}${eq}${v}${after}`) },
      { weight: 1, arbitrary: fc.constantFrom('', '  ', '\t', '# comment', '[table]', 'x = """\nmulti\n"""', 'key') },
    );
    const doc = fc
      .tuple(fc.array(line, { maxLength: 6 }), fc.constantFrom('', 'Body\n'), fc.boolean(), fc.boolean())
      .map(([lines, body, asCrlf, bom]) => {
        const text = `${bom ? '\ufeff' : ''}+++\n${lines.join('\n')}\n+++\n${body}`;
        return asCrlf ? crlf(text) : text;
      });
    let taken = 0;
    fc.assert(
      fc.property(doc, (text) => {
        if (same(text)) taken++;
      }),
      { numRuns: 4000 },
    );
    assert.ok(taken > 100, `${taken} read quickly`);
  });

  it('agree with the full splitter on generated JSON', function () {
    this.timeout(120_000);
    const ws = fc.constantFrom('', ' ', '\n', '\n  ', '\t', '\r\n');
    const doc = fc
      .tuple(fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }), ws, ws, fc.constantFrom('---json\n', ''), fc.boolean())
      .map(([obj, a, b, fence, asCrlf]) => {
        const members = Object.entries(obj).map(([k, v]) => `${a}${JSON.stringify(k)}${b}:${a}${JSON.stringify(v)}`);
        const json = `{${members.join(',')}${b}}`;
        const text = fence ? `${fence}${json}\n---\nBody\n` : `${json}\nBody\n`;
        return asCrlf ? crlf(text) : text;
      });
    fc.assert(
      fc.property(doc, (text) => {
        same(text);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('quick readers: the split type', () => {
  it('keeps SplitDocument fields the full splitter sets', () => {
    const split: SplitDocument | undefined = quickSplitDocument('+++\r\ntitle = "x"\r\n+++\r\nBody\r\n');
    assert.equal(split?.eol, '\r\n');
    assert.equal(split?.bodyStart, 23);
    assert.deepEqual(split?.frontMatter?.fields[0].valueSpan, { start: 13, end: 16 });
  });
});
