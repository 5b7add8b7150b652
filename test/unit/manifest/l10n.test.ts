// Localisation pipeline: every vscode.l10n.t() message in src/ is in the
// English and German bundles, and every %key% of package.json is in
// package.nls.json and package.nls.de.json, with the same placeholders.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { englishBundle, extractCatalogue, extractL10n, serializeBundle, unescapeLiteral } from '../../../scripts/l10n-extract';
import { analyze, DEFAULT_CONFIG, formatMessage, MESSAGES, type MessageTemplate } from '../../../src/core';
import { readJson, readManifest, REPO_ROOT, stringsIn } from './manifest';

type Bundle = Record<string, string>;

// Positional `{0}` and named `{date}` placeholders (the engine's catalogue uses names).
const placeholders = (text: string) => [...new Set(text.match(/\{[A-Za-z0-9_]+\}/g) ?? [])].sort();
const codeSpans = (text: string) => (text.match(/`[^`]*`/g) ?? []).sort();
const missingFrom = (keys: Iterable<string>, bundle: Bundle) => [...keys].filter((k) => !(k in bundle));

describe('localisation', () => {
  const extraction = extractL10n();
  const messages = new Set(extraction.calls.map((c) => c.message));

  it('finds the messages of the sources, and each is a plain literal', () => {
    assert.ok(messages.size > 20, `only ${messages.size} messages found: is the extractor still matching?`);
    assert.deepEqual(extraction.problems, []);
  });

  it('has every message of the code in l10n/bundle.l10n.json, and nothing stale (npm run l10n:extract)', () => {
    const bundle = readJson<Bundle>('l10n/bundle.l10n.json');
    assert.deepEqual(missingFrom(messages, bundle), [], 'messages missing from the English bundle');
    assert.deepEqual(Object.keys(bundle).filter((k) => !messages.has(k)), [], 'stale messages in the English bundle');
    const file = fs.readFileSync(path.join(REPO_ROOT, 'l10n', 'bundle.l10n.json'), 'utf8');
    assert.equal(file, serializeBundle(englishBundle(extraction.calls)), 'the English bundle is not what npm run l10n:extract writes');
  });

  it('has every message in the German bundle, translated, with the same placeholders', () => {
    const german = readJson<Bundle>('l10n/bundle.l10n.de.json');
    assert.deepEqual(missingFrom(messages, german), [], 'messages missing from l10n/bundle.l10n.de.json');
    assert.deepEqual(Object.keys(german).filter((k) => !messages.has(k)), [], 'stale messages in the German bundle');
    for (const [english, translated] of Object.entries(german)) {
      assert.ok(translated.trim().length > 0, `empty German text for ${JSON.stringify(english)}`);
      assert.deepEqual(placeholders(translated), placeholders(english), `placeholders of ${JSON.stringify(english)}`);
      // `code` is what the author types (keys, fences, formats): never translated.
      assert.deepEqual(codeSpans(translated), codeSpans(english), `code spans of ${JSON.stringify(english)}`);
    }
  });

  it('collects every template of the engine catalogue (src/core/messages.ts) into the bundles', () => {
    const catalogue = Object.values(MESSAGES);
    assert.deepEqual(catalogue.filter((m) => !messages.has(m)), [], 'catalogue templates the extractor missed');
    // The extractor reads the catalogue as text: it must see exactly what the engine imports.
    const text = fs.readFileSync(path.join(REPO_ROOT, 'src', 'core', 'messages.ts'), 'utf8');
    const read = extractCatalogue(text, 'src/core/messages.ts');
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.calls.map((c) => c.message), catalogue);
  });

  it('shows the seed article\'s problems and quick fixes in German', () => {
    // What vscode.l10n.t does with the German bundle: look the English template up, then fill it.
    const german = readJson<Bundle>('l10n/bundle.l10n.de.json');
    const inGerman = (english: string, template: MessageTemplate | undefined): string => {
      assert.ok(template, `no template for ${JSON.stringify(english)}`);
      assert.ok(template.template in german, `no German for ${JSON.stringify(template.template)}`);
      return formatMessage(german[template.template]!, template.args);
    };
    const text = fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace', '_posts', 'scraped article.md'), 'utf8');
    const { findings } = analyze({ path: '/w/_posts/scraped article.md', text }, DEFAULT_CONFIG, { now: new Date(2024, 0, 15, 12) });
    assert.deepEqual(
      findings.map((f) => [f.rule, f.range.start.line + 1, inGerman(f.message, f.messageTemplate)]),
      [
        ['missing-date', 1, 'Dieser Beitrag hat kein Datum: Fügen Sie ein Front Matter mit dem Feld `date: YYYY-MM-DD` hinzu (oder beginnen Sie den Dateinamen mit YYYY-MM-DD-).'],
        ['stray-marker', 3, 'Übrig gebliebene Zeile „Advertisement“ aus einer kopierten Webseite: Entfernen Sie sie.'],
        ['stray-marker', 10, 'Übrig gebliebene Zeile „Advertisement“ aus einer kopierten Webseite: Entfernen Sie sie.'],
      ],
    );
    assert.deepEqual(
      findings.map((f) => f.fixes.map((x) => inGerman(x.title, x.titleTemplate))),
      [
        ['Heutiges Datum (2024-01-15) in einen neuen Front-Matter-Block einfügen'],
        ['Zeile mit übrig gebliebener Markierung entfernen', 'Alle 2 übrig gebliebenen Markierungen in dieser Datei entfernen'],
        ['Zeile mit übrig gebliebener Markierung entfernen', 'Alle 2 übrig gebliebenen Markierungen in dieser Datei entfernen'],
      ],
    );
  });

  it('has every %key% of package.json in package.nls.json and package.nls.de.json, and no unused keys', () => {
    const keys = stringsIn(readManifest())
      .map((s) => /^%([^%\s]+)%$/.exec(s.value)?.[1])
      .filter((k): k is string => k !== undefined);
    assert.ok(keys.length > 10, 'the manifest uses %keys%');
    for (const file of ['package.nls.json', 'package.nls.de.json']) {
      const nls = readJson<Bundle>(file);
      assert.deepEqual(missingFrom(keys, nls), [], `keys missing from ${file}`);
      assert.deepEqual(Object.keys(nls).filter((k) => !keys.includes(k)), [], `unused keys in ${file}`);
    }
    const english = readJson<Bundle>('package.nls.json');
    const german = readJson<Bundle>('package.nls.de.json');
    for (const key of keys) {
      assert.notEqual(german[key]!.trim(), '', `empty German text for ${key}`);
      assert.deepEqual(placeholders(german[key]!), placeholders(english[key]!), `placeholders of ${key}`);
      // Command links in welcome texts must survive translation.
      assert.deepEqual(german[key]!.match(/\(command:[^)]*\)/g) ?? [], english[key]!.match(/\(command:[^)]*\)/g) ?? [], `command links of ${key}`);
    }
  });

  it('points the manifest at the bundles folder', () => {
    assert.equal(readManifest().l10n, './l10n');
  });

  describe('the extractor', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-l10n-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('reads single, double and backtick literals with escapes, over several lines', () => {
      fs.writeFileSync(
        path.join(dir, 'a.ts'),
        [
          "vscode.l10n.t('It\\'s {0}', x);",
          'vscode.l10n.t("Say \\"hi\\"");',
          'vscode.l10n.t(`Posts marked \\`draft\\``);',
          'vscode.l10n.t(',
          "  'On the next line',",
          ');',
          "vscode.l10n.t({ message: 'With a comment', comment: ['why'] });",
        ].join('\n'),
      );
      const { calls, problems } = extractL10n(dir);
      assert.deepEqual(problems, []);
      assert.deepEqual(
        calls.map((c) => [c.message, c.line]),
        [
          ["It's {0}", 1],
          ['Say "hi"', 2],
          ['Posts marked `draft`', 3],
          ['On the next line', 5],
          ['With a comment', 7],
        ],
      );
    });

    it('reports messages it cannot check', () => {
      fs.writeFileSync(path.join(dir, 'b.ts'), 'vscode.l10n.t(message);\nvscode.l10n.t(`Hello ${name}`);\n');
      const { calls, problems } = extractL10n(dir);
      assert.equal(calls.length, 0);
      assert.equal(problems.length, 2);
      assert.match(problems[0]!, /b\.ts:1: .*string literal/);
      assert.match(problems[1]!, /b\.ts:2: .*placeholders/);
    });

    it('reads the catalogue and reports entries it cannot read', () => {
      fs.mkdirSync(path.join(dir, 'core'));
      fs.writeFileSync(
        path.join(dir, 'core', 'messages.ts'),
        [
          'export const MESSAGES = {',
          '  // a comment',
          "  a: 'It\\'s {name}',",
          '  b: "Say \\"{what}\\"",',
          '',
          '  c: `Computed ${x}`,',
          "  d: 'one' + 'two',",
          '} as const;',
        ].join('\n'),
      );
      const { calls, problems } = extractL10n(dir);
      assert.deepEqual(
        calls.map((c) => [c.message, c.line]),
        [
          ["It's {name}", 3],
          ['Say "{what}"', 4],
        ],
      );
      assert.equal(problems.length, 2);
      assert.match(problems[0]!, /messages\.ts:6: .*\{name\}/);
      assert.match(problems[1]!, /messages\.ts:7: .*one line/);
    });

    it('lets only src/common/localize.ts translate catalogue templates', () => {
      fs.mkdirSync(path.join(dir, 'common'));
      const call = 'vscode.l10n.t(/* catalogue */ template.template, { ...template.args });\n';
      fs.writeFileSync(path.join(dir, 'common', 'localize.ts'), call);
      fs.writeFileSync(path.join(dir, 'elsewhere.ts'), call);
      const { calls, problems } = extractL10n(dir);
      assert.equal(calls.length, 0);
      assert.equal(problems.length, 1);
      assert.match(problems[0]!, /elsewhere\.ts:1: only src\/common\/localize\.ts/);
    });

    it('unescapes like JavaScript', () => {
      assert.equal(unescapeLiteral('a\\nb\\t\\u00e9\\u{1F600}\\x41\\\\'), 'a\nb\té😀A\\');
    });
  });
});
