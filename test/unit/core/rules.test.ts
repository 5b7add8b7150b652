// Every rule, its range, message and fixes.

import assert from 'node:assert/strict';
import { analyze, applyEdits, DEFAULT_CONFIG, disableRuleEdit, resolveConfig, splitDocument, type Finding, type PostdeskConfig } from '../../../src/core';

const now = new Date(2024, 0, 15, 12, 0, 0);
const run = (text: string, path = 'post.md', config: PostdeskConfig = DEFAULT_CONFIG): readonly Finding[] =>
  analyze({ path, text }, config, { now }).findings;
const only = (text: string, rule: Finding['rule'], path = 'post.md'): readonly Finding[] => run(text, path).filter((f) => f.rule === rule);

describe('rule front-matter', () => {
  it('is an error at the YAML error’s line', () => {
    const f = run('---\ntitle: x\ntitle2: [a\n---\nbody\n');
    assert.equal(f[0].rule, 'front-matter');
    assert.equal(f[0].severity, 'error');
    assert.ok(f[0].range.start.line >= 2);
  });
  it('does not add missing-date on top of a broken block', () => {
    const f = run('---\ndate: [\n---\n');
    assert.deepEqual(
      f.map((x) => x.rule),
      ['front-matter'],
    );
  });
  it('refuses ---js at the fence', () => {
    const f = run('---js\nmodule.exports = {}\n---\n');
    assert.equal(f.length, 1);
    assert.equal(f[0].rule, 'front-matter');
    assert.deepEqual(f[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } });
  });
});

describe('rule missing-date', () => {
  it('points at the opening fence and inserts the date after the title', () => {
    const text = '---\ntitle: Hello # greeting\ntags: [a]\n---\nBody\n';
    const [f] = only(text, 'missing-date');
    assert.deepEqual(f.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } });
    assert.match(f.message, /date: YYYY-MM-DD/);
    assert.equal(f.fixes.length, 1);
    assert.equal(f.fixes[0].safe, false);
    assert.equal(applyEdits(text, f.fixes[0].edits), '---\ntitle: Hello # greeting\ndate: 2024-01-15\ntags: [a]\n---\nBody\n');
  });
  it('inserts as the first field when there is no title, keeping indentation and CRLF', () => {
    const text = '---\r\n  tags: [a]\r\n---\r\n';
    const [f] = only(text, 'missing-date');
    assert.equal(applyEdits(text, f.fixes[0].edits), '---\r\n  date: 2024-01-15\r\n  tags: [a]\r\n---\r\n');
  });
  it('inserts into an empty block', () => {
    const text = '---\n---\nBody';
    assert.equal(applyEdits(text, only(text, 'missing-date')[0].fixes[0].edits), '---\ndate: 2024-01-15\n---\nBody');
  });
  it('after a multi-line title', () => {
    const text = '---\ntitle: >\n  A long\n  title\ndraft: true\n---\n';
    assert.equal(applyEdits(text, only(text, 'missing-date')[0].fixes[0].edits), '---\ntitle: >\n  A long\n  title\ndate: 2024-01-15\ndraft: true\n---\n');
  });
  it('creates a front matter block when there is none, at line 1, with the file’s EOL', () => {
    const text = '# Title\r\n\r\nText\r\n';
    const [f] = only(text, 'missing-date');
    assert.deepEqual(f.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } });
    assert.match(f.message, /front matter/);
    assert.equal(applyEdits(text, f.fixes[0].edits), '---\r\ndate: 2024-01-15\r\n---\r\n# Title\r\n\r\nText\r\n');
  });
  it('writes TOML and JSON in their own syntax', () => {
    const toml = '+++\ntitle = "x"\nslug = "y"\n+++\n';
    assert.match(only(toml, 'missing-date')[0].message, /`date = YYYY-MM-DD`/);
    assert.equal(applyEdits(toml, only(toml, 'missing-date')[0].fixes[0].edits), '+++\ntitle = "x"\ndate = 2024-01-15\nslug = "y"\n+++\n');
    const json = '{\n  "title": "x",\n  "slug": "y"\n}\n';
    const fixed = applyEdits(json, only(json, 'missing-date')[0].fixes[0].edits);
    assert.equal(fixed, '{\n  "title": "x",\n  "date": "2024-01-15",\n  "slug": "y"\n}\n');
    assert.deepEqual(JSON.parse(fixed), { title: 'x', date: '2024-01-15', slug: 'y' });
    const last = '{\n  "slug": "y",\n  "title": "x"\n}\n';
    assert.deepEqual(JSON.parse(applyEdits(last, only(last, 'missing-date')[0].fixes[0].edits)), { slug: 'y', title: 'x', date: '2024-01-15' });
    const inline = '---json\n{"title": "x"}\n---\n';
    const fixedInline = applyEdits(inline, only(inline, 'missing-date')[0].fixes[0].edits);
    assert.equal(splitDocument(fixedInline).frontMatter?.data.date, '2024-01-15');
    const empty = '{}\nBody';
    assert.equal(splitDocument(applyEdits(empty, only(empty, 'missing-date')[0].fixes[0].edits)).frontMatter?.data.date, '2024-01-15');
  });
  it('is not reported when the file or folder name gives the date', () => {
    assert.deepEqual(only('---\ntitle: x\n---\n', 'missing-date', '_posts/2020-11-06-x.md'), []);
    assert.deepEqual(only('# x\n', 'missing-date', 'content/2020-11-06-x/index.md'), []);
  });
  it('looks at every configured date field', () => {
    assert.deepEqual(only('---\npubDate: 2020-11-06\n---\n', 'missing-date'), []);
    const custom = resolveConfig({ dateFields: ['when'] });
    assert.equal(run('---\ndate: 2020-11-06\n---\n', 'p.md', custom)[0].rule, 'missing-date');
    assert.deepEqual(run('---\nwhen: 2020-11-06\n---\n', 'p.md', custom), []);
  });
  it('uses today’s local date in the fix', () => {
    const late = new Date(2020, 10, 6, 23, 30, 0);
    const [f] = analyze({ path: 'x.md', text: 'Text' }, DEFAULT_CONFIG, { now: late }).findings;
    assert.equal(applyEdits('Text', f.fixes[0].edits), '---\ndate: 2020-11-06\n---\nText');
  });
});

describe('rule invalid-date', () => {
  it('flags the value and offers the normalised form', () => {
    const text = '---\ntitle: x\ndate: 2020/11/06\n---\n';
    const [f] = only(text, 'invalid-date');
    assert.equal(text.slice(f.span.start, f.span.end), '2020/11/06');
    assert.deepEqual(f.range.start, { line: 2, character: 6 });
    assert.match(f.message, /not a valid date/);
    assert.equal(applyEdits(text, f.fixes[0].edits), '---\ntitle: x\ndate: 2020-11-06\n---\n');
    assert.deepEqual(only(text, 'missing-date'), []);
  });
  it('keeps the author’s quotes', () => {
    const text = "---\ndate: '06 Nov 2020 '\n---\n";
    // parseDate trims, so this one is valid; a real invalid one:
    assert.deepEqual(only(text, 'invalid-date'), []);
    const bad = '---\ndate: "2020.11.06"\n---\n';
    assert.equal(applyEdits(bad, only(bad, 'invalid-date')[0].fixes[0].edits), '---\ndate: "2020-11-06"\n---\n');
  });
  it('offers no normalisation when the date is ambiguous, only the file name’s date', () => {
    const text = '---\ndate: 11/06/2020\n---\n';
    assert.equal(only(text, 'invalid-date')[0].fixes.length, 0);
    const named = only(text, 'invalid-date', '2020-11-06-x.md')[0];
    assert.equal(named.fixes.length, 1);
    assert.match(named.fixes[0].title, /file name/);
  });
  it('flags an empty value at its key and fills it', () => {
    const text = '---\ndate:\ntitle: x\n---\n';
    const [f] = only(text, 'invalid-date');
    assert.equal(text.slice(f.span.start, f.span.end), 'date');
    assert.match(f.message, /empty/);
    assert.equal(applyEdits(text, f.fixes[0].edits), '---\ndate: 2024-01-15\ntitle: x\n---\n');
    const named = only(text, 'invalid-date', '2019-02-14-a.md')[0];
    assert.equal(named.fixes[0].safe, true);
    assert.equal(applyEdits(text, named.fixes[0].edits), '---\ndate: 2019-02-14\ntitle: x\n---\n');
  });
  it('flags non-string values and impossible dates', () => {
    assert.equal(only('---\ndate: 2020\n---\n', 'invalid-date').length, 1);
    assert.equal(only('---\ndate: [2020-11-06]\n---\n', 'invalid-date').length, 1);
    assert.equal(only('---\ndate: 2020-02-30\n---\n', 'invalid-date')[0].fixes.length, 0);
    const json = '{\n  "date": null\n}\n';
    const [j] = only(json, 'invalid-date');
    assert.deepEqual(JSON.parse(applyEdits(json, j.fixes[0].edits)), { date: '2024-01-15' });
  });
  it('flags TOML values', () => {
    const text = '+++\ndate = "Nov 31, 2020"\n+++\n';
    assert.equal(only(text, 'invalid-date').length, 1);
    assert.deepEqual(only('+++\ndate = 2020-11-06\n+++\n', 'invalid-date'), []);
  });
});

describe('rule stray-marker', () => {
  const markerLine = (text: string): number[] => only(text, 'stray-marker').map((f) => f.range.start.line);

  it('flags whole marker lines, ignoring case, spaces, emphasis, heading marks and a trailing colon or full stop', () => {
    const lines = [
      'Advertisement',
      '  ADVERTISEMENT  ',
      '**Advertisement**',
      '_Advertisement_',
      '*Advertisement:*',
      '## Advertisement',
      'Advertisement.',
      'Story continues below advertisement',
      'Scroll  to continue with content',
      'Ad',
      'Sponsored content',
      '\u00a0Advertisement\u200b',
    ];
    const text = `---\ntitle: x\ndate: 2020-01-01\n---\n${lines.join('\n\ntext\n\n')}\n`;
    const found = only(text, 'stray-marker');
    assert.equal(found.length, lines.length);
    for (const f of found) assert.equal(f.severity, 'warning');
  });
  it('never flags a word inside a sentence or other lines', () => {
    const text = [
      'The advertisement ran for weeks.',
      'Advertisement: the best kind of art',
      'Advertisements are everywhere',
      'Ad hoc',
      '- Advertisement',
      '> Advertisement',
      'Advertisement Advertisement',
      'Title - November 6, 2020',
    ].join('\n');
    assert.deepEqual(markerLine(text), []);
  });
  it('never flags inside front matter, fenced or indented code, or HTML comments', () => {
    const text = [
      '---',
      'title: x',
      'date: 2020-01-01',
      'note: |',
      '  Advertisement',
      '---',
      '```',
      'Advertisement',
      '```',
      '~~~~md',
      'Advertisement',
      '```',
      'Advertisement',
      '~~~~',
      '',
      '    Advertisement',
      '',
      '<!--',
      'Advertisement',
      '-->',
      '<!-- Advertisement -->',
      'Advertisement',
    ].join('\n');
    assert.deepEqual(markerLine(text), [21]);
  });
  it('treats an unclosed fence as code to the end', () => {
    assert.deepEqual(markerLine('```\nAdvertisement\n'), []);
  });
  it('uses the configured markers', () => {
    const config = resolveConfig({ markers: ['Click here to subscribe'] });
    const text = '---\ndate: 2020-01-01\n---\nAdvertisement\n**Click here to subscribe.**\n';
    assert.deepEqual(
      run(text, 'x.md', config).map((f) => f.range.start.line),
      [4],
    );
  });
  it('removes exactly the line when there are no blank lines around it', () => {
    const text = 'One\nAdvertisement\nTwo\n';
    const [f] = only(text, 'stray-marker');
    assert.equal(f.fixes[0].title, 'Remove stray marker line');
    assert.equal(f.fixes[0].preferred, true);
    assert.equal(f.fixes[0].safe, true);
    assert.equal(f.fixes.length, 1);
    assert.equal(applyEdits(text, f.fixes[0].edits), 'One\nTwo\n');
  });
  it('removes one of the two blank lines it would leave', () => {
    const text = 'One\n\nAdvertisement\n\nTwo\n';
    assert.equal(applyEdits(text, only(text, 'stray-marker')[0].fixes[0].edits), 'One\n\nTwo\n');
    const crlf = 'One\r\n\r\n  Advertisement\r\n   \r\nTwo\r\n';
    assert.equal(applyEdits(crlf, only(crlf, 'stray-marker')[0].fixes[0].edits), 'One\r\n\r\nTwo\r\n');
  });
  it('keeps a single blank line on one side', () => {
    const text = 'One\n\nAdvertisement\nTwo\n';
    assert.equal(applyEdits(text, only(text, 'stray-marker')[0].fixes[0].edits), 'One\n\nTwo\n');
  });
  it('handles a last line without a line break', () => {
    const text = 'One\nAdvertisement';
    assert.equal(applyEdits(text, only(text, 'stray-marker')[0].fixes[0].edits), 'One');
    assert.equal(applyEdits('Advertisement', only('Advertisement', 'stray-marker')[0].fixes[0].edits), '');
  });
  it('offers a file-wide fix that handles adjacent markers', () => {
    const text = 'One\n\nAdvertisement\n\nAdvertisement\n\nTwo\n\nAdvertisement\nAdvertisement\n\nThree';
    const found = only(text, 'stray-marker');
    assert.equal(found.length, 4);
    const all = found[0].fixes[1];
    assert.equal(all.title, 'Remove all 4 stray markers in this file');
    assert.equal(all.scope, 'file');
    for (const f of found) assert.equal(f.fixes[1], all);
    assert.equal(applyEdits(text, all.edits), 'One\n\nTwo\n\nThree');
  });
  it('points at the marker text, not the line break, in CRLF files', () => {
    const [f] = only('Text\r\nAdvertisement\r\nMore', 'stray-marker');
    assert.deepEqual(f.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 13 } });
    assert.deepEqual(f.span, { start: 6, end: 19 });
  });
});

describe('configuration and disable comments', () => {
  const text = '---\ntitle: x\n---\nAdvertisement\n';
  it('severity comes from the config; off drops the rule', () => {
    const config = resolveConfig({ severity: { 'stray-marker': 'error', 'missing-date': 'off' } as PostdeskConfig['severity'] });
    const f = run(text, 'x.md', config);
    assert.deepEqual(
      f.map((x) => [x.rule, x.severity]),
      [['stray-marker', 'error']],
    );
  });
  it('a disable comment names rules', () => {
    assert.deepEqual(
      run(`${text}<!-- postdesk-disable stray-marker -->\n`).map((f) => f.rule),
      ['missing-date'],
    );
    assert.deepEqual(run(`${text}<!-- postdesk-disable stray-marker, missing-date -->\n`), []);
    assert.deepEqual(run(`${text}<!--postdesk-disable-->\n`), []);
  });
  it('a disable comment inside code does not count', () => {
    assert.equal(run(`${text}\`\`\`\n<!-- postdesk-disable -->\n\`\`\`\n`).length, 2);
  });
  it('disableRuleEdit adds a comment the engine honours, or extends an existing one', () => {
    const edit = disableRuleEdit(text, splitDocument(text), 'stray-marker');
    const once = applyEdits(text, [edit]);
    assert.equal(once, '---\ntitle: x\n---\n<!-- postdesk-disable stray-marker -->\nAdvertisement\n');
    assert.deepEqual(
      run(once).map((f) => f.rule),
      ['missing-date'],
    );
    const twice = applyEdits(once, [disableRuleEdit(once, splitDocument(once), 'missing-date')]);
    assert.match(twice, /<!-- postdesk-disable stray-marker missing-date -->/);
    assert.deepEqual(run(twice), []);
  });
  it('findings are sorted by position', () => {
    const f = run('---\ntitle: x\ndate: nope\n---\nAdvertisement\n\ntext\n\nSponsored\n');
    const starts = f.map((x) => x.span.start);
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
    assert.equal(f.length, 3);
  });
});
