// The rule table (src/core/rules/table.ts) is the one list of rules: every
// entry has a check that reports under its id with its own messages, both
// language bundles word those messages, the rules documentation has its
// section, and the manifest's postdesk.severity setting and the config schema
// are exactly what `npm run docs:tables` writes from the table.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  analyze,
  decodeFile,
  DEFAULT_CONFIG,
  DEFAULT_SEVERITIES,
  fileProblemFinding,
  message,
  MESSAGES,
  parseConfigText,
  RULE_IDS,
  RULE_TABLE,
  RULES,
  type Finding,
  type MessageId,
} from '../../../src/core';
import { DISABLEABLE_RULES } from '../../../src/diagnostics/edits';
import { generatedManifestText, generatedSchemaText, MANIFEST_FILE, SCHEMA_FILE } from '../../../scripts/readme-tables';
import { REPO_ROOT } from './manifest';

const read = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
const bundle = (file: string) => JSON.parse(read(path.join('l10n', file))) as Record<string, string>;

/** GitHub's anchor for a heading (as readme.test.ts computes it). */
const anchor = (heading: string) => heading.toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, '').replace(/\s/g, '-');
const anchorsOf = (file: string) =>
  fs.existsSync(path.join(REPO_ROOT, file)) ? [...read(file).matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1]!.trim())) : [];

/** Inputs that between them make every rule with a check report, with and without fixes. */
const INPUTS: readonly { path: string; text: string }[] = [
  { path: 'unclosed.md', text: '---\ntitle: x\n' },
  { path: 'bad-yaml.md', text: '---\ntitle: [\n---\nText.\n' },
  { path: 'toml.md', text: '+++\ntitle = \n+++\n' },
  { path: 'no-date.md', text: '---\ntitle: x\n---\nText.\n' },
  { path: '2020-11-06-no-date.md', text: '# Title\n\nText.\n' },
  { path: 'empty-date.md', text: '---\ntitle: x\ndate:\n---\n' },
  { path: 'slashes.md', text: '---\ndate: 2020/11/06\n---\n' },
  { path: 'markers.md', text: '---\ndate: 2020-11-06\n---\nText.\n\nAdvertisement\n\nMore.\n\nSponsored\n' },
];
const now = new Date(2024, 0, 15, 12, 0, 0);
const findings: Finding[] = INPUTS.flatMap((doc) => analyze(doc, DEFAULT_CONFIG, { now }).findings);

describe('the rule table', () => {
  it('names each rule once, and is where RuleId, the defaults and the known ids come from', () => {
    const ids = RULE_TABLE.map((entry) => entry.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate rule id');
    assert.deepEqual([...RULE_IDS], ids);
    assert.deepEqual(Object.keys(DEFAULT_CONFIG.severity), ids);
    for (const entry of RULE_TABLE) assert.equal(DEFAULT_SEVERITIES[entry.id], entry.defaultSeverity, entry.id);
    assert.deepEqual(
      RULES.map((r) => r.id),
      RULE_TABLE.filter((entry) => 'rule' in entry).map((entry) => entry.id),
      'analyze runs the rules with a check, in table order',
    );
    assert.deepEqual([...DISABLEABLE_RULES], RULE_TABLE.filter((entry) => entry.disableable).map((entry) => entry.id));
    // A config naming a rule the table does not have is refused, and the message lists the table's ids.
    const parsed = parseConfigText('{ "severity": { "no-such-rule": "off" } }', 'postdesk.config.json');
    assert.match(parsed.errors[0]!.message, new RegExp(ids.join(', ')));
  });

  for (const entry of RULE_TABLE) {
    describe(entry.id, () => {
      it('has an implementation that reports under its id, worded only with its own messages', () => {
        const own = new Set<string>(entry.messages);
        if ('rule' in entry) {
          const mine = findings.filter((f) => f.rule === entry.id);
          assert.ok(mine.length > 0, `no input makes ${entry.id} report (add one to INPUTS)`);
          for (const f of mine) {
            assert.ok(f.messageTemplate && own.has(f.messageTemplate.id), `${entry.id} said ${f.messageTemplate?.id ?? f.message}, not in its messages`);
            for (const fix of f.fixes) assert.ok(fix.titleTemplate && own.has(fix.titleTemplate.id), `fix ${fix.title} is not in its messages`);
          }
          assert.equal(
            mine.some((f) => f.fixes.length > 0),
            entry.fixable,
            entry.fixable ? 'fixable, yet no finding offers a fix' : 'not fixable, yet a finding offers a fix',
          );
        } else {
          // A rule without a check is the reader's: a file refused before any analysis.
          const refused = decodeFile(new Uint8Array([0x61, 0x00, 0x62]), DEFAULT_CONFIG.maxFileSize);
          assert.equal(refused.ok, false);
          if (refused.ok) return;
          assert.ok(own.has(refused.messageTemplate.id), `the reader said ${refused.messageTemplate.id}, not in ${entry.id}'s messages`);
          assert.equal(fileProblemFinding(refused.message, entry.defaultSeverity, refused.messageTemplate).rule, entry.id);
          assert.equal(entry.fixable, false);
        }
      });

      it('is silenced by a disable comment when the table says it can be', function () {
        if (!('rule' in entry) || !entry.disableable) this.skip();
        for (const input of INPUTS) {
          if (!analyze(input, DEFAULT_CONFIG, { now }).findings.some((f) => f.rule === entry.id)) continue;
          const silenced = { path: input.path, text: `${input.text}\n<!-- postdesk-disable ${entry.id} -->\n` };
          // An unclosed block swallows the comment; every other input has a body to hold it.
          if (input.path === 'unclosed.md') continue;
          assert.ok(!analyze(silenced, DEFAULT_CONFIG, { now }).findings.some((f) => f.rule === entry.id), `${input.path}: ${entry.id} still reported`);
        }
      });

      it('has its description and messages in the catalogue and in both language bundles', () => {
        const english = bundle('bundle.l10n.json');
        const german = bundle('bundle.l10n.de.json');
        assert.ok(message(entry.description, {}).text.length > 0);
        for (const id of [entry.description, ...entry.messages] as MessageId[]) {
          const template = MESSAGES[id];
          assert.ok(template, `${id} is not in src/core/messages.ts`);
          assert.equal(english[template], template, `${id} is not in l10n/bundle.l10n.json (npm run l10n:extract)`);
          assert.ok(german[template] && german[template] !== '', `${id} has no German translation in l10n/bundle.l10n.de.json`);
        }
      });

      it('has a section in the rules documentation at its anchor', () => {
        // The rules reference lives in the README (the diagnostics' links point there) or docs/rules.md.
        const anchors = [...anchorsOf('README.md'), ...anchorsOf(path.join('docs', 'rules.md'))];
        assert.ok(anchors.includes(entry.docs), `no heading gives #${entry.docs}`);
      });

      it('has its postdesk.severity setting in the manifest and its entry in the config schema', () => {
        const manifest = JSON.parse(read(MANIFEST_FILE)) as {
          contributes: { configuration: { properties: Record<string, { properties?: Record<string, { default?: string }>; default?: Record<string, string> }> } };
        };
        const setting = manifest.contributes.configuration.properties['postdesk.severity']!;
        assert.equal(setting.properties?.[entry.id]?.default, entry.defaultSeverity);
        assert.equal(setting.default?.[entry.id], entry.defaultSeverity);
        const schema = JSON.parse(read(SCHEMA_FILE)) as { properties: { severity: { properties: Record<string, { default?: string }> } } };
        assert.equal(schema.properties.severity.properties[entry.id]?.default, entry.defaultSeverity);
      });
    });
  }

  describe('npm run docs:tables', () => {
    it('wrote the manifest’s postdesk.severity setting and the config schema’s severity from the table', () => {
      assert.equal(generatedManifestText(read(MANIFEST_FILE)), read(MANIFEST_FILE), 'run npm run docs:tables');
      assert.equal(generatedSchemaText(read(SCHEMA_FILE)), read(SCHEMA_FILE), 'run npm run docs:tables');
    });

    it('puts back a rule dropped from the manifest or the schema, and a changed default', () => {
      const manifest = JSON.parse(read(MANIFEST_FILE)) as { contributes: { configuration: { properties: Record<string, { properties: Record<string, unknown>; default: Record<string, string> }> } } };
      const severity = manifest.contributes.configuration.properties['postdesk.severity']!;
      delete severity.properties['file'];
      severity.default['stray-marker'] = 'error';
      const drifted = `${JSON.stringify(manifest, null, 2)}\n`;
      assert.notEqual(drifted, read(MANIFEST_FILE));
      assert.equal(generatedManifestText(drifted), read(MANIFEST_FILE));

      const schema = JSON.parse(read(SCHEMA_FILE)) as { properties: { severity: { properties: Record<string, unknown> } } };
      schema.properties.severity.properties['made-up'] = { $ref: '#/definitions/severity' };
      const driftedSchema = `${JSON.stringify(schema, null, 2)}\n`;
      assert.equal(generatedSchemaText(driftedSchema), read(SCHEMA_FILE));
    });
  });
});
