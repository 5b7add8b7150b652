// The README an author reads and the CHANGELOG: generated tables match the
// manifest, every section the issue asks for is there, local links and
// images resolve, the CI example is ready to copy, and the changelog follows
// Keep a Changelog with an entry for the current version.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatedReadme } from '../../../scripts/readme-tables';
import { RULE_TABLE } from '../../../src/core';
import { readManifest, REPO_ROOT } from './manifest';

const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const headings = [...readme.matchAll(/^(#{1,6}) (.+)$/gm)].map((m) => m[2]!.trim());

/** GitHub's anchor for a heading. */
const anchor = (heading: string) => heading.toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, '').replace(/\s/g, '-');

describe('README', () => {
  it('has the settings and commands tables npm run docs:tables writes', () => {
    assert.equal(generatedReadme(readme), readme, 'run npm run docs:tables');
  });

  it('documents every setting and command of the manifest', () => {
    const manifest = readManifest();
    for (const key of Object.keys(manifest.contributes.configuration.properties)) assert.ok(readme.includes(`| \`${key}\` |`), key);
    for (const { command } of manifest.contributes.commands) assert.ok(readme.includes(`\`${command}\``), command);
  });

  it('stays an author page: under 250 lines, development and benchmark detail in docs/', () => {
    const lines = readme.split('\n').length;
    assert.ok(lines < 250, `README.md has ${lines} lines; move detail to docs/`);
  });

  it('has the sections an author looks for', () => {
    for (const section of ['What it looks like', 'Install', 'Using Postdesk', 'Settings', 'Commands', 'Restricted Mode, vscode.dev and languages', 'Command line', 'Rules', 'Benchmarks', 'Develop']) {
      assert.ok(headings.includes(section), `a "${section}" section among ${JSON.stringify(headings)}`);
    }
  });

  it('has a section per rule at the anchors the diagnostics link to', () => {
    const links = fs.readFileSync(path.join(REPO_ROOT, 'src', 'diagnostics', 'links.ts'), 'utf8');
    const anchors = new Set(headings.map(anchor));
    for (const rule of RULE_TABLE) assert.ok(anchors.has(rule.docs), `#${rule.docs}`);
    assert.match(links, /#rule-/, 'the diagnostics link to #rule-<id>');
  });

  it('links only to local files and anchors that exist', () => {
    const anchors = new Set(headings.map(anchor));
    for (const [, target] of readme.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(target!)) continue;
      if (target!.startsWith('#')) {
        assert.ok(anchors.has(target!.slice(1)), `anchor ${target}`);
        continue;
      }
      assert.ok(fs.existsSync(path.join(REPO_ROOT, decodeURIComponent(target!.split('#')[0]!))), `link to ${target}`);
    }
  });

  it('shows the Posts view, the preview and the Problems panel in light and dark themes, as small PNGs', () => {
    const images = [...readme.matchAll(/!\[[^\]]*\]\((docs\/images\/[^)]+)\)/g)].map((m) => m[1]!);
    for (const view of ['posts-view', 'preview', 'problems']) {
      for (const theme of ['light', 'dark']) assert.ok(images.includes(`docs/images/${view}-${theme}.png`), `${view}-${theme}.png in the README`);
    }
    for (const image of images) {
      const bytes = fs.readFileSync(path.join(REPO_ROOT, image));
      assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${image} is a PNG`);
      assert.ok(bytes.length < 200 * 1024, `${image} is ${(bytes.length / 1024).toFixed(0)} KB; keep README images under 200 KB`);
    }
  });

  it('tells how to install the VSIX the package script builds', () => {
    const version = readManifest().version;
    assert.ok(readme.includes(`postdesk-${version}.vsix`), `names postdesk-${version}.vsix`);
    assert.ok(readme.includes('npm run package'));
    assert.ok(readme.includes('Install from VSIX'));
  });

  it('has a ready-to-copy GitHub Actions job running postdesk check --format github', () => {
    const yaml = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).find((block) => block.includes('--format github'));
    assert.ok(yaml, 'a yaml block with the CI job');
    assert.match(yaml, /^on:/m);
    assert.match(yaml, /^jobs:/m);
    assert.match(yaml, /runs-on:/);
    assert.match(yaml, /check --format github/);
  });
});

describe('CHANGELOG', () => {
  const changelog = fs.readFileSync(path.join(REPO_ROOT, 'CHANGELOG.md'), 'utf8');

  it('follows Keep a Changelog', () => {
    assert.match(changelog, /^# Changelog$/m);
    assert.match(changelog, /keepachangelog\.com/);
    assert.match(changelog, /^## \[Unreleased\]$/m);
    for (const [, , date] of changelog.matchAll(/^## \[(\d+\.\d+\.\d+)\] - (.+)$/gm)) assert.match(date!, /^\d{4}-\d{2}-\d{2}$/);
    for (const [, kind] of changelog.matchAll(/^### (.+)$/gm)) assert.ok(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'].includes(kind!), kind);
  });

  it('has an entry for the current version', () => {
    assert.match(changelog, new RegExp(`^## \\[${readManifest().version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'));
  });
});
