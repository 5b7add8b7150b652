// Configuration: defaults agree with the manifest, validation names the bad key.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContentMatcher, DEFAULT_CONFIG, MAX_FILE_SIZE_LIMIT, parseConfigText, resolveConfig, RULE_IDS } from '../../../src/core';

const root = join(__dirname, '../../..');
interface Manifest {
  contributes: { configuration: { properties: Record<string, { default: unknown; maximum?: number }> } };
}
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
const props = manifest.contributes.configuration.properties;
const schema = JSON.parse(readFileSync(join(root, 'schemas/postdesk.config.schema.json'), 'utf8')) as {
  properties: Record<string, { default?: unknown; properties?: Record<string, { default?: unknown }> }>;
  additionalProperties: boolean;
};

describe('DEFAULT_CONFIG', () => {
  it('matches the settings declared in package.json', () => {
    assert.deepEqual(DEFAULT_CONFIG.include, props['postdesk.content.include'].default);
    assert.deepEqual(DEFAULT_CONFIG.exclude, props['postdesk.content.exclude'].default);
    assert.deepEqual(DEFAULT_CONFIG.dateFields, props['postdesk.dateFields'].default);
    assert.deepEqual(DEFAULT_CONFIG.markers, props['postdesk.markers'].default);
    assert.deepEqual(DEFAULT_CONFIG.severity, props['postdesk.severity'].default);
    assert.equal(DEFAULT_CONFIG.maxFileSize, props['postdesk.maxFileSize'].default);
    assert.equal(DEFAULT_CONFIG.maxFileSize, 5 * 1024 * 1024);
    // The setting stops where one read must stop, as postdesk.config.json and --max-file-size do.
    assert.equal(props['postdesk.maxFileSize'].maximum, MAX_FILE_SIZE_LIMIT);
  });
  it('matches the JSON schema', () => {
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(Object.keys(schema.properties).filter((k) => k !== '$schema').sort(), ['dateFields', 'exclude', 'include', 'markers', 'maxFileSize', 'severity', 'site']);
    assert.deepEqual(schema.properties.include.default, DEFAULT_CONFIG.include);
    assert.deepEqual(schema.properties.exclude.default, DEFAULT_CONFIG.exclude);
    assert.deepEqual(schema.properties.markers.default, DEFAULT_CONFIG.markers);
    assert.deepEqual(schema.properties.dateFields.default, DEFAULT_CONFIG.dateFields);
    assert.deepEqual(Object.keys(schema.properties.severity.properties ?? {}), [...RULE_IDS]);
    for (const rule of RULE_IDS) assert.equal(schema.properties.severity.properties?.[rule].default, DEFAULT_CONFIG.severity[rule]);
  });
});

describe('parseConfigText', () => {
  it('accepts a valid file', () => {
    const r = parseConfigText(
      JSON.stringify({ $schema: './schema.json', include: ['_posts/**/*.md'], markers: ['Ad'], severity: { 'stray-marker': 'error' }, maxFileSize: 2048 }),
      'postdesk.config.json',
    );
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.config, { include: ['_posts/**/*.md'], markers: ['Ad'], severity: { 'stray-marker': 'error' }, maxFileSize: 2048 });
  });
  it('names the bad key', () => {
    const r = parseConfigText(
      JSON.stringify({ include: '**/*.md', markres: [], severity: { 'stray-marker': 'loud', nope: 'off' }, maxFileSize: -1, dateFields: [1] }),
      'postdesk.config.json',
    );
    assert.deepEqual(
      r.errors.map((e) => e.key),
      ['include', 'markres', 'severity.stray-marker', 'severity.nope', 'maxFileSize', 'dateFields'],
    );
    assert.match(r.errors[1].message, /^postdesk\.config\.json: Unknown key `markres`/);
    assert.deepEqual(r.config, { severity: {} });
  });
  it('reports invalid JSON and non-objects', () => {
    assert.match(parseConfigText('{ "include": [ }', 'c.json').errors[0].message, /^c\.json is not valid JSON/);
    assert.equal(parseConfigText('[]', 'c.json').errors.length, 1);
    assert.deepEqual(parseConfigText('\ufeff{}', 'c.json').errors, []);
  });
});

describe('resolveConfig', () => {
  it('later layers win and severity merges per rule', () => {
    const c = resolveConfig({ markers: ['A'], severity: { 'stray-marker': 'info' } as never }, { markers: ['B'], severity: { file: 'off' } as never });
    assert.deepEqual(c.markers, ['B']);
    assert.equal(c.severity['stray-marker'], 'info');
    assert.equal(c.severity.file, 'off');
    assert.equal(c.severity['front-matter'], 'error');
    assert.deepEqual(c.include, DEFAULT_CONFIG.include);
    assert.deepEqual(resolveConfig(), DEFAULT_CONFIG);
  });
});

describe('createContentMatcher', () => {
  const match = createContentMatcher(DEFAULT_CONFIG);
  it('includes Markdown anywhere, dot folders too', () => {
    for (const p of ['post.md', '_posts/2020-11-06-x.markdown', 'content/a b/index.mdx', '.github/notes.md', 'a\\b\\c.md', './x.md']) assert.ok(match(p), p);
  });
  it('excludes dependencies, VCS and build output; excludes win', () => {
    for (const p of ['node_modules/x/readme.md', 'a/node_modules/b.md', '.git/x.md', '_site/index.md', 'public/p.md', 'dist/x.md', '.vscode-test/x.md', 'notes.txt']) {
      assert.ok(!match(p), p);
    }
    const custom = createContentMatcher(resolveConfig({ include: ['_posts/**'], exclude: ['_posts/drafts/**'] }));
    assert.ok(custom('_posts/a.md'));
    assert.ok(!custom('_posts/drafts/a.md'));
    assert.ok(!custom('other/a.md'));
  });
});

describe('the site settings of postdesk.config.json', () => {
  it('reads each override and names a bad key by its path', () => {
    const good = parseConfigText(JSON.stringify({ site: { generator: 'hugo', root: 'docs', posts: ['news/**'], pages: ['about.md'], dateFields: ['published'], dateSources: ['filename', 'url'], draftFields: ['hidden'] } }), 'postdesk.config.json');
    assert.deepEqual(good.errors, []);
    assert.deepEqual(good.config.site, { generator: 'hugo', root: 'docs', posts: ['news/**'], pages: ['about.md'], dateFields: ['published'], dateSources: ['filename', 'url'], draftFields: ['hidden'] });
    const bad = parseConfigText(JSON.stringify({ site: { generator: 'gatsby', root: '../elsewhere', dateSources: ['mtime'], colour: 'red' } }), 'postdesk.config.json');
    assert.deepEqual(bad.errors.map((e) => e.key), ['site.generator', 'site.root', 'site.dateSources', 'site.colour']);
    assert.match(bad.errors[3]?.message ?? '', /Unknown key `site.colour`: expected generator, root/);
    assert.deepEqual(parseConfigText('{"site": []}', 'postdesk.config.json').errors.map((e) => e.key), ['site']);
  });
});
