// `check --format sarif` (validated against the SARIF 2.1.0 schema),
// `--format junit` (parsed by a strict XML parser) and `--min-severity`.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Finding, RuleId, Severity } from '../../../src/core/types';
import { escapeXml, formatJunit, formatSarif, sarifUri, type FileFindings } from '../../../src/cli/report';
import { version } from '../../../package.json';
import { run, TempSite } from './helpers';

// The SARIF 2.1.0 schema (its schemastore text, "2.1.0-rtm.5"), byte for byte as
// @microsoft/jest-sarif 1.0.0-beta.0 ships it: see test/fixtures/sarif/README.md.
const SCHEMA = path.resolve(__dirname, '../../fixtures/sarif/sarif-2.1.0-rtm.5.json');

// sax has no types of its own: the little of it used here.
interface SaxParser {
  onerror: (error: Error) => void;
  onopentag: (tag: { name: string; attributes: Record<string, string> }) => void;
  onclosetag: (name: string) => void;
  ontext: (text: string) => void;
  write(xml: string): SaxParser;
  close(): SaxParser;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sax = require('sax') as { parser(strict: boolean, options?: object): SaxParser };

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** Parses XML strictly (well-formedness errors throw) into a small element tree. */
function parseXml(xml: string): XmlElement {
  const parser = sax.parser(true);
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [root];
  parser.onerror = (error) => {
    throw error;
  };
  parser.onopentag = (tag) => {
    const element: XmlElement = { name: tag.name, attributes: tag.attributes, children: [], text: '' };
    stack[stack.length - 1]?.children.push(element);
    stack.push(element);
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  parser.ontext = (text) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  };
  parser.write(xml).close();
  assert.equal(root.children.length, 1, 'one root element');
  return root.children[0] as XmlElement;
}

function finding(rule: RuleId, severity: Severity, message: string, line: number, character: number, endCharacter: number): Finding {
  return { rule, severity, message, span: { start: 0, end: 0 }, range: { start: { line, character }, end: { line, character: endCharacter } }, fixes: [] };
}

const results: FileFindings[] = [
  { displayPath: 'posts/a.md', findings: [finding('missing-date', 'warning', 'Add a date.', 0, 0, 3), finding('front-matter', 'error', 'Bad YAML.', 4, 2, 9)] },
  { displayPath: 'posts/clean.md', findings: [] },
  { displayPath: 'odd <name> & "quoted" 100%.md', findings: [finding('stray-marker', 'info', 'Line\nbreak <b> & \u0007 \'x\'', 9, 0, 13)] },
];

const MARKER = '---\ntitle: Scraped\ndate: 2020-11-06\n---\n\nFirst paragraph.\n\nAdvertisement\n\nSecond paragraph.\n';
const BROKEN = '---\ntitle: Broken\ndate: 2020-11-06\n';
const UNDATED = '# Undated\n\nText.\n';

async function sarifValidator(): Promise<(log: unknown) => string[]> {
  const schema = JSON.parse(await fs.readFile(SCHEMA, 'utf8')) as object;
  // unicodeRegExp off: the schema's language pattern has a stray "]" that only the u flag rejects.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (log) => (validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}

describe('cli check: sarif', () => {
  let validate: (log: unknown) => string[];
  let site: TempSite;
  before(async () => {
    validate = await sarifValidator();
  });
  afterEach(async () => site?.cleanup());

  it('the schema validator rejects what is not SARIF', () => {
    assert.notDeepEqual(validate({ version: '2.1.0' }), []);
    assert.notDeepEqual(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] }), []);
  });

  it('is valid SARIF 2.1.0 with the rules, their help links and levels, and 1-based regions', () => {
    const log = JSON.parse(formatSarif(results)) as {
      version: string;
      runs: {
        tool: { driver: { name: string; version: string; informationUri: string; rules: { id: string; helpUri: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }[] } };
        results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: object } }[] }[];
      }[];
    };
    assert.deepEqual(validate(log), []);
    assert.equal(log.version, '2.1.0');
    const [runOut] = log.runs;
    assert.ok(runOut);
    const driver = runOut.tool.driver;
    assert.equal(driver.name, 'postdesk');
    assert.equal(driver.version, version);
    assert.equal(driver.informationUri, 'https://github.com/postdesk/postdesk');
    assert.deepEqual(
      driver.rules.map((r) => [r.id, r.helpUri, r.defaultConfiguration.level]),
      [
        ['front-matter', 'https://github.com/postdesk/postdesk#rule-front-matter', 'error'],
        ['missing-date', 'https://github.com/postdesk/postdesk#rule-missing-date', 'warning'],
        ['invalid-date', 'https://github.com/postdesk/postdesk#rule-invalid-date', 'warning'],
        ['stray-marker', 'https://github.com/postdesk/postdesk#rule-stray-marker', 'warning'],
        ['file', 'https://github.com/postdesk/postdesk#rule-file', 'warning'],
      ],
    );
    assert.ok(driver.rules.every((r) => r.shortDescription.text.length > 10));
    assert.deepEqual(
      runOut.results.map((r) => [r.ruleId, driver.rules[r.ruleIndex]?.id, r.level, r.message.text, r.locations[0]?.physicalLocation.artifactLocation.uri, r.locations[0]?.physicalLocation.region]),
      [
        ['missing-date', 'missing-date', 'warning', 'Add a date.', 'posts/a.md', { startLine: 1, startColumn: 1, endLine: 1, endColumn: 4 }],
        ['front-matter', 'front-matter', 'error', 'Bad YAML.', 'posts/a.md', { startLine: 5, startColumn: 3, endLine: 5, endColumn: 10 }],
        ['stray-marker', 'stray-marker', 'note', 'Line\nbreak <b> & \u0007 \'x\'', 'odd%20%3Cname%3E%20%26%20%22quoted%22%20100%25.md', { startLine: 10, startColumn: 1, endLine: 10, endColumn: 14 }],
      ],
    );
  });

  it('uris: relative paths keep their slashes, each segment encoded; absolute ones become file: URIs', () => {
    assert.equal(sarifUri('_posts/news and notes/a.md'), '_posts/news%20and%20notes/a.md');
    assert.equal(sarifUri('../other/ü.md'), '../other/%C3%BC.md');
    assert.equal(sarifUri('/srv/blog/a b.md'), 'file:///srv/blog/a%20b.md');
  });

  it('the configured severity is each rule\'s default level; a clean run is valid too', async () => {
    site = await TempSite.create({
      'postdesk.config.json': JSON.stringify({ severity: { 'stray-marker': 'error', 'missing-date': 'off', file: 'info' } }),
      'posts/2020-01-01-clean.md': '---\ntitle: Clean\n---\n\nText.\n',
    });
    const result = await run(site.dir, 'check', '--format', 'sarif');
    assert.equal(result.code, 0, result.stderr);
    const log = JSON.parse(result.stdout) as { runs: { tool: { driver: { rules: { id: string; defaultConfiguration: { level: string } }[] } }; results: unknown[] }[] };
    assert.deepEqual(validate(log), []);
    const levels = Object.fromEntries(log.runs[0]?.tool.driver.rules.map((r) => [r.id, r.defaultConfiguration.level]) ?? []);
    assert.deepEqual(levels, { 'front-matter': 'error', 'missing-date': 'none', 'invalid-date': 'warning', 'stray-marker': 'error', file: 'note' });
    assert.deepEqual(log.runs[0]?.results, []);
  });

  it('on the Jekyll fixture site: valid, paths relative to the working directory, exit code as for json', async () => {
    const cwd = path.resolve(__dirname, '../../fixtures/sites/jekyll-blog');
    const sarif = await run(cwd, 'check', '--format', 'sarif');
    const json = await run(cwd, 'check', '--format', 'json');
    assert.equal(sarif.code, json.code);
    const log = JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    assert.deepEqual(validate(log), []);
    const expected = (JSON.parse(json.stdout) as { findings: { file: string; line: number; rule: string }[] }).findings.map((f) => [f.rule, f.file, f.line]);
    assert.ok(expected.length > 0);
    assert.deepEqual(
      log.runs[0]?.results.map((r) => [r.ruleId, r.locations[0]?.physicalLocation.artifactLocation.uri, r.locations[0]?.physicalLocation.region.startLine]),
      expected,
    );
  });
});

describe('cli check: junit', () => {
  let site: TempSite;
  afterEach(async () => site?.cleanup());

  it('escapes the five special characters, keeps line breaks, and drops what XML cannot hold', () => {
    assert.equal(escapeXml(`a<b>&"c"'d'`), 'a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
    assert.equal(escapeXml('x\ny\tz'), 'x&#10;y&#9;z');
    assert.equal(escapeXml('bell\u0007 nul\u0000 lone\uD800 ok\u{1F600}'), 'bell\uFFFD nul\uFFFD lone\uFFFD ok\u{1F600}');
  });

  it('one testsuite, one testcase per file, one failure per finding, and it parses back to the same text', () => {
    const xml = formatJunit(results);
    assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n/);
    const root = parseXml(xml);
    assert.equal(root.name, 'testsuites');
    assert.equal(root.children.length, 1);
    const suite = root.children[0] as XmlElement;
    assert.equal(suite.name, 'testsuite');
    assert.deepEqual([suite.attributes.tests, suite.attributes.failures, suite.attributes.errors], ['3', '2', '0']);
    assert.deepEqual(
      suite.children.map((c) => [c.name, c.attributes.name, c.attributes.file, c.children.length]),
      [
        ['testcase', 'posts/a.md', 'posts/a.md', 2],
        ['testcase', 'posts/clean.md', 'posts/clean.md', 0],
        ['testcase', 'odd <name> & "quoted" 100%.md', 'odd <name> & "quoted" 100%.md', 1],
      ],
    );
    const odd = suite.children[2]?.children[0] as XmlElement;
    assert.equal(odd.name, 'failure');
    assert.equal(odd.attributes.type, 'stray-marker');
    assert.equal(odd.attributes.message, 'info: Line\nbreak <b> & \uFFFD \'x\'');
    assert.equal(odd.text, 'odd <name> & "quoted" 100%.md:10:1 info Line\nbreak <b> & \uFFFD \'x\' (stray-marker)');
    const first = suite.children[0]?.children.map((f) => [f.attributes.type, f.text]);
    assert.deepEqual(first, [
      ['missing-date', 'posts/a.md:1:1 warning Add a date. (missing-date)'],
      ['front-matter', 'posts/a.md:5:3 error Bad YAML. (front-matter)'],
    ]);
  });

  it('an empty run is a valid empty suite', () => {
    const suite = parseXml(formatJunit([])).children[0] as XmlElement;
    assert.deepEqual([suite.attributes.tests, suite.attributes.failures, suite.children.length], ['0', '0', 0]);
  });

  it('from the command line, with the exit codes of the other formats', async () => {
    site = await TempSite.create({ 'marker.md': MARKER, 'broken.md': BROKEN });
    const result = await run(site.dir, 'check', '--format', 'junit');
    assert.equal(result.code, 1);
    const suite = parseXml(result.stdout).children[0] as XmlElement;
    assert.deepEqual(
      suite.children.map((c) => [c.attributes.name, c.children.map((f) => f.attributes.type)]),
      [
        ['broken.md', ['front-matter']],
        ['marker.md', ['stray-marker']],
      ],
    );
  });
});

describe('cli check: --min-severity', () => {
  let site: TempSite;
  afterEach(async () => site?.cleanup());

  it('hides findings below the level from every format and from the counts; exit codes follow what is shown', async () => {
    site = await TempSite.create({
      'postdesk.config.json': JSON.stringify({ severity: { 'missing-date': 'info' } }),
      'undated.md': UNDATED,
      'marker.md': MARKER,
      'broken.md': BROKEN,
    });
    const rules = async (...args: string[]): Promise<{ code: number; rules: string[]; stderr: string }> => {
      const out = await run(site.dir, 'check', '--format', 'json', ...args);
      return { code: out.code, stderr: out.stderr, rules: (JSON.parse(out.stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule) };
    };
    assert.deepEqual((await rules()).rules, ['front-matter', 'stray-marker', 'missing-date']);
    assert.deepEqual((await rules('--min-severity', 'info')).rules, ['front-matter', 'stray-marker', 'missing-date']);
    assert.deepEqual((await rules('--min-severity', 'warning')).rules, ['front-matter', 'stray-marker']);
    assert.deepEqual((await rules('--min-severity', 'error')).rules, ['front-matter']);
    // Errors still fail the run, whatever is hidden.
    assert.equal((await rules('--min-severity', 'error')).code, 1);
    // --max-warnings counts the warnings shown: none at --min-severity error.
    assert.equal((await run(site.dir, 'check', 'marker.md', 'undated.md', '--max-warnings', '0')).code, 1);
    assert.equal((await run(site.dir, 'check', 'marker.md', 'undated.md', '--max-warnings', '0', '--min-severity', 'error')).code, 0);
    const text = await run(site.dir, 'check', 'marker.md', 'undated.md', '--min-severity', 'warning');
    assert.match(text.stdout, /1 problem \(0 errors, 1 warning\) in 2 files/);
    assert.doesNotMatch(text.stdout, /missing-date/);
    const github = await run(site.dir, 'check', '--format', 'github', '--min-severity', 'warning');
    assert.doesNotMatch(github.stdout, /::notice/);
  });

  it('refuses an unknown level', async () => {
    site = await TempSite.create({ 'a.md': UNDATED });
    const out = await run(site.dir, 'check', '--min-severity', 'warn');
    assert.equal(out.code, 2);
    assert.match(out.stderr, /invalid value "warn" for --min-severity \(expected one of: info, warning, error\)/);
  });
});
