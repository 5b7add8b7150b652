// Issue #14, "Never lose a character": front matter that is unusual but valid
// must be read safely and fixed without corrupting it.
//  - the date fix on YAML values that only look empty (comments, anchors, tags);
//  - keys named `__proto__`, `constructor` or `prototype` are data, never prototypes;
//  - many keys parse in linear time, and an oversized block is refused, not parsed;
//  - keys that are YAML collections are reported, and no library writes to the terminal.

import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { analyze, applyEdits, DEFAULT_CONFIG, fixAll, MESSAGES, splitDocument, summarizePost, type Finding, type FrontMatter } from '../../../src/core';
import { quickSplit } from '../../../src/core/frontmatter/quickYaml';
import { parseYamlBlock } from '../../../src/core/frontmatter/yaml';
import { MAX_FRONT_MATTER_BYTES } from '../../../src/core/frontmatter/common';

const now = new Date(2024, 0, 15, 12, 0, 0);
const DATED = '_posts/2019-02-17-a-post.md';

function fm(text: string): FrontMatter {
  const f = splitDocument(text).frontMatter;
  assert.ok(f, 'expected front matter');
  return f;
}

function invalidDateFindings(path: string, text: string): Finding[] {
  return analyze({ path, text }, DEFAULT_CONFIG, { now }).findings.filter((f) => f.rule === 'invalid-date');
}

/** The text after the (only) invalid-date finding's fix titled `title`, or undefined when no such fix is offered. */
function applyFix(path: string, text: string, title: RegExp): string | undefined {
  const findings = invalidDateFindings(path, text);
  assert.equal(findings.length, 1, `one invalid-date finding in ${JSON.stringify(text)}`);
  const fix = findings[0].fixes.find((x) => title.test(x.title));
  return fix ? applyEdits(text, fix.edits) : undefined;
}

/** Other fields' values, to check a fix changed nothing but the date. */
function othersOf(text: string, key: string): [string, unknown][] {
  return fm(text)
    .fields.filter((f) => f.key !== key)
    .map((f) => [f.key, f.value]);
}

/** The fix gives the intended date, keeps the rest, and applying fixes again changes nothing. */
function assertGoodDateFix(path: string, before: string, after: string, iso: string): void {
  const f = fm(after);
  assert.deepEqual(f.problems, [], `front matter still parses: ${JSON.stringify(after)}`);
  assert.equal(f.data.date, iso, `date of ${JSON.stringify(after)}`);
  assert.deepEqual(othersOf(after, 'date'), othersOf(before, 'date'), `other fields of ${JSON.stringify(after)}`);
  const analysis = analyze({ path, text: after }, DEFAULT_CONFIG, { now });
  assert.equal(analysis.post.date?.source, 'front-matter');
  assert.deepEqual(
    analysis.findings.filter((x) => x.rule === 'invalid-date' || x.rule === 'front-matter'),
    [],
  );
  assert.equal(fixAll({ path, text: after }, DEFAULT_CONFIG, { now }).text, after, 'applying the fixes again changes nothing');
}

describe('date fix on YAML values that only look empty (#14.3)', () => {
  const fileNameFix = /file name's date/;

  it('keeps a comment after an empty value', () => {
    const text = '---\ntitle: x\ndate:   # comment\n---\n';
    const after = applyFix(DATED, text, fileNameFix);
    assert.equal(after, '---\ntitle: x\ndate: 2019-02-17   # comment\n---\n');
    assertGoodDateFix(DATED, text, after, '2019-02-17');
  });

  it('keeps an anchor nothing refers to, and refuses one another field refers to', () => {
    const lone = '---\ndate: &a\ntitle: x\n---\n';
    const after = applyFix(DATED, lone, fileNameFix);
    assert.equal(after, '---\ndate: &a 2019-02-17\ntitle: x\n---\n');
    assertGoodDateFix(DATED, lone, after, '2019-02-17');

    // Filling the anchored value would change `other` too: no fix is better than a surprise.
    const shared = '---\ndate: &a\nother: *a\n---\n';
    assert.equal(applyFix(DATED, shared, fileNameFix), undefined);
    assert.equal(fixAll({ path: DATED, text: shared }, DEFAULT_CONFIG, { now }).text, shared);
  });

  it('writes the date after a !!str tag, once', () => {
    const text = '---\ndate: !!str\n---\n';
    const after = applyFix(DATED, text, fileNameFix);
    assert.equal(after, '---\ndate: !!str 2019-02-17\n---\n');
    assertGoodDateFix(DATED, text, after, '2019-02-17');
  });

  it('replaces a !!null tag, which can hold no date, once', () => {
    const text = '---\ndate: !!null\n---\n';
    const after = applyFix(DATED, text, fileNameFix);
    assert.equal(after, '---\ndate: 2019-02-17\n---\n');
    assertGoodDateFix(DATED, text, after, '2019-02-17');
    const commented = '---\ndate: !!null ~ # none yet\n---\n';
    assert.equal(applyFix(DATED, commented, fileNameFix), '---\ndate: 2019-02-17 # none yet\n---\n');
  });

  it('fixes every spelling of an empty date to the intended date, or offers no fix', () => {
    const spellings = [
      'date:',
      'date: ~',
      'date: null',
      'date: NULL # later',
      'date: ""',
      "date: ''  # c",
      'date: |',
      'date: >-',
      'date: !!str ""',
      'date: !!str # c',
      'date: &d !!str',
      'date: !!str &d',
      'date: !!null &d',
      'date: &d !!null ~',
      'date: !<tag:yaml.org,2002:str>',
      'date: !custom',
      'date: !!int',
      'date:\n  # a comment on its own line',
      'nothing: &n\ndate: *n',
      'date: &d\n# date: *d',
      '? date\n:',
      '? date\n: # c',
      '"date":   # c',
      "'date': !!str",
    ];
    for (const spelling of spellings) {
      const text = `---\ntitle: x\n${spelling}\nafter: 1\n---\nBody\n`;
      const findings = invalidDateFindings(DATED, text);
      assert.equal(findings.length, 1, spelling);
      for (const fix of findings[0].fixes) {
        const after = applyEdits(text, fix.edits);
        assertGoodDateFix(DATED, text, after, '2019-02-17');
        assert.equal(after.split('#').length, text.split('#').length, `comments kept: ${JSON.stringify(after)}`);
      }
      // The safe fix (what `postdesk fix` applies) is never worse than no fix.
      const fixed = fixAll({ path: DATED, text }, DEFAULT_CONFIG, { now, safeOnly: true }).text;
      if (fixed !== text) assertGoodDateFix(DATED, text, fixed, '2019-02-17');
    }
  });

  it('still offers the fix for the usual spellings', () => {
    for (const [spelling, expected] of [
      ['date:', 'date: 2019-02-17'],
      ['date: ~', 'date: 2019-02-17'],
      ['date: ""', 'date: "2019-02-17"'],
      ["date: ''", "date: '2019-02-17'"],
      ['date: !!str # c', 'date: !!str 2019-02-17 # c'],
      ['date: &d !!str', 'date: &d !!str 2019-02-17'],
      ['date: !!null &d', 'date: &d 2019-02-17'],
      ['date: |', 'date: 2019-02-17'],
      ['date:\n  # c', 'date: 2019-02-17\n  # c'],
    ]) {
      const text = `---\n${spelling}\n---\n`;
      assert.equal(applyFix(DATED, text, fileNameFix), `---\n${expected}\n---\n`, spelling);
    }
  });

  it('fixes an empty date in a flow mapping', () => {
    const text = '---\n{title: x, date: , tags: [a]}\n---\n';
    const after = applyFix(DATED, text, fileNameFix);
    assert.ok(after);
    assertGoodDateFix(DATED, text, after, '2019-02-17');
  });

  it('replaces a value that is not a date, keeping its comment', () => {
    const text = '---\ndate: 2020/11/06 # from the old site\n---\n';
    const after = applyFix('a.md', text, /^Replace with/);
    assert.equal(after, '---\ndate: 2020-11-06 # from the old site\n---\n');
    const block = '---\ndate: | # c\n  2020/11/06\ntitle: x\n---\n';
    const fixed = applyFix('a.md', block, /^Replace with/);
    assert.ok(fixed);
    assert.equal(fm(fixed).data.date, '2020-11-06');
    assert.equal(fm(fixed).data.title, 'x');
  });

  it('leaves TOML and JSON as they were', () => {
    assert.equal(applyFix(DATED, '+++\ndate = ""\n+++\n', fileNameFix), '+++\ndate = "2019-02-17"\n+++\n');
    assert.equal(applyFix(DATED, '---json\n{ "date": null }\n---\n', fileNameFix), '---json\n{ "date": "2019-02-17" }\n---\n');
    assert.equal(applyFix(DATED, '{\n  "date": ""\n}\n', fileNameFix), '{\n  "date": "2019-02-17"\n}\n');
  });
});

describe('keys named __proto__, constructor or prototype (#14.8)', () => {
  const INJECTIONS: [string, string][] = [
    ['TOML table', '+++\ndate = 2020-01-01\n[__proto__]\ntitle = "Injected"\ndraft = true\n+++\n# Real title\n'],
    ['TOML key', '+++\n__proto__ = { title = "Injected", draft = true }\ndate = 2020-01-01\n+++\n# Real title\n'],
    ['TOML dotted key', '+++\n__proto__.title = "Injected"\n__proto__.draft = true\ndate = 2020-01-01\n+++\n# Real title\n'],
    ['TOML quoted key', '+++\n"__proto__" = { title = "Injected", draft = true }\ndate = 2020-01-01\n+++\n# Real title\n'],
    ['YAML', '---\n__proto__:\n  title: Injected\n  draft: true\ndate: 2020-01-01\n---\n# Real title\n'],
    ['YAML flow', '---\n{__proto__: {title: Injected, draft: true}, date: 2020-01-01}\n---\n# Real title\n'],
    ['JSON', '---json\n{"__proto__": {"title": "Injected", "draft": true}, "date": "2020-01-01"}\n---\n# Real title\n'],
    ['JSON object', '{\n  "__proto__": {"title": "Injected", "draft": true},\n  "date": "2020-01-01"\n}\n# Real title\n'],
  ];

  for (const [what, text] of INJECTIONS) {
    it(`never takes a title or draft from a __proto__ key (${what})`, () => {
      const data = fm(text).data;
      assert.equal(Object.getPrototypeOf(data), null, 'the data object has no prototype');
      assert.equal(data.title, undefined);
      assert.equal(data.draft, undefined);
      assert.ok(Object.prototype.hasOwnProperty.call(data, '__proto__'), '__proto__ is kept as data');
      for (const post of [summarizePost({ path: 'a.md', text }, DEFAULT_CONFIG, now).post, analyze({ path: 'a.md', text }, DEFAULT_CONFIG, { now }).post]) {
        assert.equal(post.title, 'Real title');
        assert.equal(post.status, 'published');
      }
      assert.deepEqual(({} as Record<string, unknown>).title, undefined, 'Object.prototype is untouched');
    });
  }

  const READABLE: [string, string][] = [
    ['YAML', '---\nconstructor: x\nprototype: y\ntitle: T\n---\n'],
    ['YAML, quoted', '---\n"constructor": x\n\'prototype\': y\ntitle: T\n---\n'],
    ['TOML', '+++\nconstructor = "x"\nprototype = "y"\ntitle = "T"\n+++\n'],
    ['JSON', '---json\n{"constructor": "x", "prototype": "y", "title": "T"}\n---\n'],
    ['JSON object', '{"constructor": "x", "prototype": "y", "title": "T"}\n'],
  ];
  for (const [what, text] of READABLE) {
    it(`reads keys named constructor and prototype as data (${what})`, () => {
      const f = fm(text);
      assert.deepEqual(f.problems, []);
      assert.equal(f.data.constructor, 'x');
      assert.equal(f.data.prototype, 'y');
      assert.deepEqual(
        f.fields.map((x) => [x.key, x.value]),
        [
          ['constructor', 'x'],
          ['prototype', 'y'],
          ['title', 'T'],
        ],
      );
      assert.equal(summarizePost({ path: 'a.md', text }, DEFAULT_CONFIG, now).post.title, 'T');
      assert.equal(analyze({ path: 'a.md', text }, DEFAULT_CONFIG, { now }).post.title, 'T');
    });
  }

  it('gives front matter without such keys no inherited ones, in every language and in the quick reader', () => {
    for (const text of ['---\ntitle: T\n---\n', '---\ntitle: 1\n---\n', '+++\ntitle = "T"\n+++\n', '---json\n{"title": "T"}\n---\n', '{"title": "T"}\n', '---\n---\n', '---\n[1]\n---\n']) {
      const data = fm(text).data;
      assert.equal(Object.getPrototypeOf(data), null, text);
      assert.equal(data.constructor, undefined, text);
      assert.equal(data.toString, undefined, text);
    }
    const quick = quickSplit('---\ntitle: T\ntags: [a]\n---\n');
    assert.ok(quick?.frontMatter);
    assert.equal(Object.getPrototypeOf(quick.frontMatter.data), null);
  });

  it('reads such keys in the quick reader exactly as the full splitter does', () => {
    for (const text of ['---\nconstructor: x\ntitle: T\n---\n', '---\n__proto__: x\ndraft: false\n---\n', '---\nprototype: [a, b]\n---\n']) {
      const quick = quickSplit(text);
      assert.ok(quick, `the quick reader reads ${JSON.stringify(text)}`);
      assert.deepEqual(quick, splitDocument(text));
      assert.deepEqual(summarizePost({ path: 'a.md', text }, DEFAULT_CONFIG, now).post, analyze({ path: 'a.md', text }, DEFAULT_CONFIG, { now }).post);
    }
    const proto = quickSplit('---\n__proto__: x\ndraft: false\n---\n')?.frontMatter?.data;
    assert.equal(proto?.__proto__, 'x');
    assert.equal(Object.getPrototypeOf(proto), null);
  });
});

/** Distinct short keys: a, b, …, aa, ab, … */
function keyName(i: number): string {
  return `k${i.toString(36)}`;
}

describe('large front matter (#14.9)', () => {
  it('parses 40,000 keys (in linear time: the quadratic duplicate check took 16 s)', function () {
    // No timing is asserted; mocha's timeout is generous, far above the linear parse.
    this.timeout(20_000);
    const lines: string[] = [];
    for (let i = 0; i < 40_000; i++) lines.push(`${keyName(i)}:`);
    const text = `---\n${lines.join('\n')}\ntitle: Last\n---\nBody\n`;
    assert.ok(text.length < MAX_FRONT_MATTER_BYTES, 'within the size limit');
    const f = fm(text);
    assert.deepEqual(f.problems, []);
    assert.equal(f.fields.length, 40_001);
    assert.equal(f.data.title, 'Last');
    assert.equal(analyze({ path: 'a.md', text }, DEFAULT_CONFIG, { now }).post.title, 'Last');
  });

  it('finds a duplicate among 40,000 keys, with the same message and span as before', function () {
    this.timeout(20_000);
    const lines: string[] = [];
    for (let i = 0; i < 40_000; i++) lines.push(`${keyName(i)}:`);
    lines.push(`${keyName(123)}: again`);
    const text = `---\n${lines.join('\n')}\n---\n`;
    const problems = fm(text).problems;
    assert.equal(problems.length, 1);
    assert.equal(problems[0].message, 'YAML: Map keys must be unique');
    const at = text.lastIndexOf(`\n${keyName(123)}: again`) + 1;
    assert.deepEqual(problems[0].span, { start: at, end: at + 1 });
  });

  it('reports duplicate keys exactly as the yaml library did (message, span, order)', () => {
    const cases = [
      'date: 1\ndate: 2\n',
      'a: 1\n  # c\ndate: 1\n# comment\n\n  \ndate: 2\n',
      'x:\n  a: 1\n  a: 2\n',
      'x:\n  - a: 1\n    a: 2\n    a: 3\n',
      '&x a: 1\n&y a: 2\n',
      '!!str a: 1\n!!str a: 2\n',
      '? a\n: 1\n? a\n: 2\n',
      '{a: 1, a: 2}\n',
      'x: {a: 1,   a: 2}\ny: [{b: 1, b: 2}]\n',
      ': 1\n: 2\n',
      '1: a\n1.0: b\n',
      'true: a\nTrue: b\n',
      'null: a\n~: b\n',
      '.nan: a\n.nan: b\n',
      '"a": 1\na: 2\n',
      "'1': a\n1: b\n",
      '*x : 1\n*x : 2\nz: &x k\n',
      'a: 1 # c\n\n\n# c\na: 2\n',
      'x: {\n  a: 1,\n  a: 2\n}\nx: 3\n',
      'a: 1\na: 2\nb: [\n',
      'b: 1\nb: 2\n\tc: 1\n',
      '[a, a]: 1\n[a, a]: 2\n',
      '? {a: 1, a: 2}\n: x\n',
    ];
    for (const source of cases) {
      const text = `---\n${source}---\n`;
      const content = { start: 4, end: 4 + source.length };
      const expected = parseDocument(source, { schema: 'core', version: '1.2', prettyErrors: false, uniqueKeys: true }).errors.filter((e) => e.code === 'DUPLICATE_KEY');
      const actual = parseYamlBlock(text, content).problems.filter((p) => p.message === 'YAML: Map keys must be unique');
      assert.deepEqual(
        actual.map((p) => p.span.start),
        expected.map((e) => content.start + e.pos[0]),
        JSON.stringify(source),
      );
    }
  });

  it(`refuses a block over ${MAX_FRONT_MATTER_BYTES / 1024} KB in every language, without parsing it`, () => {
    const filler = 'x'.repeat(MAX_FRONT_MATTER_BYTES);
    const cases = [
      `---\ntitle: T\nlong: ${filler}\n---\nBody\n`,
      `---yaml\ntitle: T\nlong: ${filler}\n---\nBody\n`,
      `+++\ntitle = "T"\nlong = "${filler}"\n+++\nBody\n`,
      `---json\n{"title": "T", "long": "${filler}"}\n---\nBody\n`,
      `{\n  "title": "T",\n  "long": "${filler}"\n}\nBody\n`,
    ];
    for (const text of cases) {
      const split = splitDocument(text);
      const f = split.frontMatter;
      assert.ok(f);
      assert.equal(f.problems.length, 1, text.slice(0, 10));
      assert.match(f.problems[0].message, /^The front matter is 256\.0 KB, over the 256\.0 KB limit/);
      assert.equal(f.problems[0].messageTemplate?.id, 'frontMatterTooLarge');
      assert.deepEqual(f.fields, []);
      assert.equal(f.data.title, undefined);
      assert.equal(text.slice(split.bodyStart), 'Body\n');
      assert.deepEqual(splitDocumentQuickOf(text), split, 'the quick reader leaves it to the full splitter');
      const findings = analyze({ path: 'a.md', text }, DEFAULT_CONFIG, { now }).findings;
      assert.deepEqual(
        findings.filter((x) => x.rule === 'front-matter').map((x) => x.message),
        [f.problems[0].message],
      );
    }
  });

  it('counts the limit in UTF-8 bytes, and reads a block just under it', () => {
    const under = `---\ntitle: T\nlong: ${'x'.repeat(MAX_FRONT_MATTER_BYTES - 40)}\n---\n`;
    assert.deepEqual(fm(under).problems, []);
    assert.equal(fm(under).data.title, 'T');
    // 100,000 characters of three bytes each: 300,000 bytes.
    const wide = `---\ntitle: T\nlong: ${'€'.repeat(100_000)}\n---\n`;
    assert.match(fm(wide).problems[0]?.message ?? '', /^The front matter is 293\.0 KB, over the 256\.0 KB limit/);
  });
});

function splitDocumentQuickOf(text: string): ReturnType<typeof splitDocument> {
  return quickSplit(text) ?? splitDocument(text);
}

/** Runs `f` while recording everything written to the terminal or emitted as a process warning. */
function captureOutput(f: () => void): string[] {
  const said: string[] = [];
  const saved = {
    emitWarning: process.emitWarning,
    warn: console.warn,
    log: console.log,
    error: console.error,
    info: console.info,
    debug: console.debug,
    dir: console.dir,
    stderr: process.stderr.write,
    stdout: process.stdout.write,
  };
  const record =
    (what: string) =>
    (...args: unknown[]): boolean => {
      said.push(`${what}: ${args.map((a) => String(a)).join(' ')}`);
      return true;
    };
  process.emitWarning = record('emitWarning') as typeof process.emitWarning;
  console.warn = record('console.warn');
  console.log = record('console.log');
  console.error = record('console.error');
  console.info = record('console.info');
  console.debug = record('console.debug');
  console.dir = record('console.dir');
  process.stderr.write = record('stderr') as typeof process.stderr.write;
  process.stdout.write = record('stdout') as typeof process.stdout.write;
  try {
    f();
  } finally {
    process.emitWarning = saved.emitWarning;
    console.warn = saved.warn;
    console.log = saved.log;
    console.error = saved.error;
    console.info = saved.info;
    console.debug = saved.debug;
    console.dir = saved.dir;
    process.stderr.write = saved.stderr;
    process.stdout.write = saved.stdout;
  }
  return said;
}

describe('keys that are YAML collections (#14.16)', () => {
  const HUGO = '---\ntitle: {{ replace .Name "-" " " | title }}\ndate: 2020-01-01\ndraft: true\n---\nBody\n';

  it('reports a Hugo template tag read as a mapping key on its line', () => {
    const f = fm(HUGO);
    assert.equal(f.problems.length, 1);
    assert.equal(f.problems[0].messageTemplate?.id, 'yamlCollectionKey');
    assert.equal(f.problems[0].messageTemplate?.template, MESSAGES.yamlCollectionKey);
    const line = HUGO.split('\n')[1];
    const lineStart = HUGO.indexOf(line);
    assert.ok(f.problems[0].span.start >= lineStart && f.problems[0].span.end <= lineStart + line.length, 'on the title line');
    assert.match(f.problems[0].message, /replace \.Name/);
    const findings = analyze({ path: 'a.md', text: HUGO }, DEFAULT_CONFIG, { now }).findings.filter((x) => x.rule === 'front-matter');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].range.start.line, 1);
  });

  it('reports collection keys at the top level, nested, in sequences and through aliases', () => {
    for (const [source, line] of [
      ['[a, b]: c\n', 1],
      ['x: 1\n{a: 1}: c\n', 2],
      ['x:\n  y:\n    ? [a]\n    : c\n', 3],
      ['x:\n  - {[a]: 1}\n', 2],
      ['s: &s [a]\nx:\n  *s : 1\n', 3],
    ] as const) {
      const text = `---\n${source}---\n`;
      const problems = fm(text).problems;
      assert.equal(problems.length, 1, source);
      assert.equal(problems[0].messageTemplate?.id, 'yamlCollectionKey', source);
      assert.equal(text.slice(0, problems[0].span.start).split('\n').length - 1, line, source);
    }
  });

  it('never lets a library write to the terminal', () => {
    const inputs = [HUGO, '---\n[a, b]: c\nx: {{a: 1}: 2}\n---\n', '---\ndate: !!timestamp 2020-01-01\nx: !unknown y\n---\n', '---\n%YAML 1.1\n---\na: 1\n---\n'];
    const said = captureOutput(() => {
      for (const text of inputs) {
        splitDocument(text);
        analyze({ path: '2020-01-01-a.md', text }, DEFAULT_CONFIG, { now });
        summarizePost({ path: 'a.md', text }, DEFAULT_CONFIG, now);
        fixAll({ path: '2020-01-01-a.md', text }, DEFAULT_CONFIG, { now });
      }
    });
    assert.deepEqual(said, []);
  });
});
