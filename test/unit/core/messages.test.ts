// The engine's message catalogue: every finding and fix the engine produces
// carries the template its English text was filled from, so the editor can
// say the same thing in the display language; the English stays exactly as
// the CLI and JSON output have always shown it.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  analyze,
  classifyLines,
  decodeFile,
  DEFAULT_CONFIG,
  fileProblemFinding,
  formatMessage,
  LineIndex,
  message,
  MESSAGES,
  placeholdersOf,
  parseConfigText,
  resolveConfig,
  RULE_TABLE,
  splitDocument,
  type Finding,
  type Fix,
  type MessageId,
  type MessageTemplate,
  type PostdeskConfig,
} from '../../../src/core';
import { missingDateRule } from '../../../src/core/rules/missingDate';
import { plainSiteContext } from '../../../src/core/post';
import type { RuleContext } from '../../../src/core/rules/context';

const now = new Date(2024, 0, 15, 12, 0, 0);
const FIXTURES = join(__dirname, '../../fixtures');

/** Every Markdown fixture: the seed's article, the Jekyll posts, the workspace (hostile and broken files included). */
function fixtureFiles(): { path: string; text: string }[] {
  return readdirSync(FIXTURES, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && /\.(md|markdown)$/.test(d.name))
    .map((d) => join(d.parentPath, d.name))
    .sort()
    .map((file) => ({ path: relative(FIXTURES, file), text: readFileSync(file, 'utf8') }));
}

/** Inputs that reach the messages no fixture reaches. */
const BROKEN: readonly { path: string; text: string }[] = [
  { path: 'unclosed.md', text: '---\ntitle: x\n\nbody\n' },
  { path: 'unclosed-json.md', text: '{ "title": "x"\n\nbody\n' },
  { path: 'code.md', text: '---js\nmodule.exports = {}\n---\n' },
  { path: 'unknown.md', text: '---ini\na=b\n---\n' },
  { path: 'list.md', text: '---\n- a\n- b\n---\n' },
  { path: 'yaml.md', text: '---\ntitle: a: b\n---\n' },
  { path: 'toml.md', text: '+++\ntitle = \n+++\n' },
  { path: 'json.md', text: '---json\n{"title": }\n---\n' },
  { path: 'json-array.md', text: '---json\n[1, 2]\n---\n' },
  { path: 'json-tail.md', text: '{\n  "title": "x"\n} trailing\nbody\n' },
  { path: 'hugo-key.md', text: '---\ntitle: {{ .Title }}\n---\n' },
  { path: 'huge.md', text: `---\ntitle: ${'x'.repeat(300 * 1024)}\n---\n` },
  { path: 'no-date.md', text: '---\ntitle: x\n---\nbody\n' },
  { path: 'no-date-toml.md', text: '+++\ntitle = "x"\n+++\n' },
  { path: 'no-date-json.md', text: '---json\n{ "title": "x" }\n---\n' },
  { path: 'empty-date.md', text: '---\ntitle: x\ndate:\n---\n' },
  { path: '2020-11-06-empty-date.md', text: '---\ntitle: x\ndate:\n---\n' },
  { path: 'slashes.md', text: '---\ndate: 2020/11/06\n---\n' },
  { path: '2020-11-06-impossible.md', text: '---\ndate: 2020-02-30\n---\n' },
  { path: 'long.md', text: `---\ndate: ${'x'.repeat(80)}\n---\n` },
  { path: 'one-marker.md', text: '---\ndate: 2020-11-06\n---\nText.\n\n**Advertisement:**\n\nMore.\n' },
];

/** The catalogue entry a template names, checked against the English text it claims to give. */
function assertTemplate(english: string, template: MessageTemplate | undefined, what: string): MessageId {
  assert.ok(template, `${what} has no template: ${JSON.stringify(english)}`);
  assert.ok(Object.prototype.hasOwnProperty.call(MESSAGES, template.id), `${what}: unknown catalogue id ${template.id}`);
  const id = template.id as MessageId;
  assert.equal(template.template, MESSAGES[id], `${what}: the template is not the catalogue's ${id}`);
  assert.deepEqual(Object.keys(template.args).sort(), placeholdersOf(template.template), `${what}: args do not match the placeholders of ${id}`);
  assert.equal(formatMessage(template.template, template.args), english, `${what}: the template does not give the English text`);
  return id;
}

function checkFindings(findings: readonly Finding[], where: string, seen: Set<MessageId>): void {
  for (const f of findings) {
    seen.add(assertTemplate(f.message, f.messageTemplate, `${where}: ${f.rule} finding`));
    for (const fix of f.fixes) seen.add(assertTemplate(fix.title, fix.titleTemplate, `${where}: fix of ${f.rule}`));
  }
}

describe('message catalogue', () => {
  describe('formatMessage', () => {
    it('fills named placeholders, repeated ones too', () => {
      assert.equal(formatMessage('{a} and {b}, then {a} again', { a: 'x', b: 2 }), 'x and 2, then x again');
    });
    it('fills in one pass: a value that looks like a placeholder stays as written', () => {
      assert.equal(formatMessage('Stray "{text}" line', { text: '{text} {other}' }), 'Stray "{text} {other}" line');
      assert.equal(formatMessage('{a}{b}', { a: '{b}', b: '$&' }), '{b}$&');
    });
    it('leaves a placeholder without a value, and braces that are not placeholders, as written', () => {
      assert.equal(formatMessage('{known} {unknown} `}` { spaced } {0}', { known: 'k' }), 'k {unknown} `}` { spaced } {0}');
    });
    it('does not read inherited properties as values', () => {
      assert.equal(formatMessage('{toString} {constructor}', {}), '{toString} {constructor}');
    });
    it('returns a template without placeholders unchanged', () => {
      assert.equal(formatMessage(MESSAGES.removeStrayMarkerLine, {}), 'Remove stray marker line');
    });
  });

  it('has only identifier placeholders, and no braces that are not placeholders', () => {
    for (const [id, template] of Object.entries(MESSAGES)) {
      // vscode.l10n.t treats any `{…}` as a placeholder; a stray `{` would be a trap for translators.
      const braces = template.replace(/\{[A-Za-z_][A-Za-z0-9_]*\}/g, '');
      assert.ok(!braces.includes('{'), `${id} has a brace that is not a placeholder`);
      assert.equal(template, template.trim(), `${id} has surrounding white space`);
    }
  });

  it('gives each template once (a bundle key cannot mean two things)', () => {
    const values = Object.values(MESSAGES);
    assert.equal(new Set(values).size, values.length);
  });

  it('message() fills the template and keeps it for the editor', () => {
    const said = message('strayMarker', { text: 'Advertisement' });
    assert.equal(said.text, 'Stray "Advertisement" line, left over from a copied web page: remove it.');
    assert.deepEqual(said.template, { id: 'strayMarker', template: MESSAGES.strayMarker, args: { text: 'Advertisement' } });
  });

  describe('every finding and fix has a template that gives its English text exactly', () => {
    const seen = new Set<MessageId>();
    const files = fixtureFiles();

    it('reads the fixtures (the seed, Jekyll posts, hostile and broken files)', () => {
      const names = files.map((f) => f.path.split(/[\\/]/).join('/'));
      for (const expected of ['unit/seed-article.md', 'workspace/_posts/scraped article.md', 'workspace/hostile/hostile-article.md', 'workspace/hostile/executable-front-matter.md', 'workspace/_posts/2018-11-24-baseball-stars.md']) {
        assert.ok(names.includes(expected), `fixture ${expected} not found`);
      }
    });

    it('in the fixtures', () => {
      let count = 0;
      for (const file of files) {
        const findings = analyze({ path: file.path, text: file.text }, DEFAULT_CONFIG, { now }).findings;
        count += findings.length;
        checkFindings(findings, file.path, seen);
      }
      assert.ok(count >= 8, `only ${count} findings in the fixtures`);
    });

    it('in broken inputs, with the default configuration and with other date fields and markers', () => {
      const other: PostdeskConfig = resolveConfig({ dateFields: ['published_at', 'date'], markers: ['Sponsored content', 'Advertisement'] });
      for (const config of [DEFAULT_CONFIG, other]) {
        for (const input of BROKEN) checkFindings(analyze(input, config, { now }).findings, input.path, seen);
      }
    });

    it('from the missing-date rule when a dated file name is not a date source', () => {
      // analyze() always falls back to the file name's date, so this branch of the rule is reached only directly.
      for (const text of ['---\ntitle: x\n---\n', 'No front matter.\n']) {
        const split = splitDocument(text);
        const index = new LineIndex(text);
        const ctx: RuleContext = {
          doc: { path: '2020-11-06-post.md', text },
          text,
          split,
          index,
          lines: classifyLines(text, split.bodyStart, index),
          config: DEFAULT_CONFIG,
          site: plainSiteContext(DEFAULT_CONFIG, '2020-11-06-post.md'),
          now,
          dates: { invalid: [] },
        };
        const findings = missingDateRule.check(ctx);
        assert.equal(findings.length, 1);
        checkFindings(findings, `missing-date, ${JSON.stringify(text)}`, seen);
        assert.match(findings[0].fixes[0].title, /^Insert the file name's date \(2020-11-06\)/);
      }
    });

    it('from decoding files', () => {
      const cases: [Uint8Array, number][] = [
        [new Uint8Array(2048), 1024],
        [new Uint8Array([0xff, 0xfe, 0x41, 0x00]), 1024],
        [new Uint8Array([0x41, 0x00, 0x42]), 1024],
        [new Uint8Array([0xc3, 0x28]), 1024],
      ];
      for (const [bytes, max] of cases) {
        const decoded = decodeFile(bytes, max);
        assert.equal(decoded.ok, false);
        if (decoded.ok) continue;
        seen.add(assertTemplate(decoded.message, decoded.messageTemplate, `decode ${decoded.reason}`));
        checkFindings([fileProblemFinding(decoded.message, 'warning', decoded.messageTemplate)], 'file finding', seen);
      }
      // Without a template (a message the editor worded itself) the finding has none.
      assert.equal(fileProblemFinding('Worded elsewhere.').messageTemplate, undefined);
    });

    it('from configuration files and settings', () => {
      const configs = [
        '{ "include": [ }',
        '[]',
        '{ "include": [], "exclude": "x", "markers": ["", "Ad"], "severity": { "stray-marker": "loud", "nope": "off" }, "maxFileSize": 12, "colour": 1 }',
        '{ "severity": [] }',
        '{ "site": [] }',
        '{ "maxFileSize": 1073741824 }',
        '{ "site": { "generator": "gatsby", "root": "../up", "dateSources": ["mtime"], "colour": 1 } }',
      ];
      for (const text of configs) {
        for (const error of parseConfigText(text, 'postdesk.config.json').errors) {
          // The English message keeps the file's name in front of the sentence; the template is the sentence.
          const sentence = error.message.startsWith('postdesk.config.json: ') ? error.message.slice('postdesk.config.json: '.length) : error.message;
          seen.add(assertTemplate(sentence, error.messageTemplate, `config ${error.key || 'file'}`));
        }
      }
    });

    it('from the rule table (each rule’s description)', () => {
      for (const entry of RULE_TABLE) seen.add(assertTemplate(message(entry.description, {}).text, message(entry.description, {}).template, `${entry.id} description`));
    });

    it('and together these reach every message of the catalogue', () => {
      assert.deepEqual(
        (Object.keys(MESSAGES) as MessageId[]).filter((id) => !seen.has(id)),
        [],
        'catalogue messages no test input produces (dead entries, or missing inputs above)',
      );
    });
  });

  it('keeps the seed article’s English exactly', () => {
    const text = readFileSync(join(FIXTURES, 'unit/seed-article.md'), 'utf8');
    const findings = analyze({ path: 'seed-article.md', text }, DEFAULT_CONFIG, { now }).findings;
    assert.deepEqual(
      findings.map((f) => f.message),
      [
        'This post has no date: add front matter with a `date: YYYY-MM-DD` field (or start the file name with YYYY-MM-DD-).',
        'Stray "Advertisement" line, left over from a copied web page: remove it.',
        'Stray "Advertisement" line, left over from a copied web page: remove it.',
      ],
    );
    const titles = (fixes: readonly Fix[]): string[] => fixes.map((x) => x.title);
    assert.deepEqual(titles(findings[0].fixes), ["Insert today's date (2024-01-15) into a new front matter block"]);
    assert.deepEqual(titles(findings[1].fixes), ['Remove stray marker line', 'Remove all 2 stray markers in this file']);
  });
});
