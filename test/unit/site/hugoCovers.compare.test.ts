// The preview header's cover of Hugo page bundles against Hugo itself (#17):
// test/fixtures/sites/hugo-covers is built with the real `hugo` (Debian's
// 0.111.3), whose internal Open Graph template writes each page's image as
// `og:image`; the header, given the bundle's files as the preview lists them,
// must choose the same file (or none). Skipped when no `hugo` is installed.
//
// One documented difference: for front matter `images`, Hugo 0.111 writes the
// value against the site root (`absURL`), where Hugo 0.123+ (and the header)
// look for a page resource of that name first; the names are compared.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, DEFAULT_CONFIG, siteContextFor } from '../../../src/core';
import { loadSites } from '../../../src/cli/sites';
import { DEFAULT_RENDER_LABELS } from '../../../src/core/render';
import { articleHeader } from '../../../src/core/render/header';
import { isBundleIndex } from '../../../src/core/render/siteResources';
import { allFiles, SITES } from './helpers';

const FIXTURE = path.join(SITES, 'hugo-covers');
const BASE = 'https://example.org';

function hugoInstalled(): boolean {
  return spawnSync('hugo', ['version'], { encoding: 'utf8' }).status === 0;
}

/** The page's image as Hugo wrote it, below the page's own address (a bundle file) or the site root (`images`); null without one. */
function ogImage(html: string, pageUrl: string): string | null {
  const m = /<meta property="og:image" content="([^"]*)"/.exec(html);
  if (!m) return null;
  const url = m[1];
  if (url.startsWith(BASE + pageUrl)) return decodeURIComponent(url.slice(BASE.length + pageUrl.length));
  return decodeURIComponent(url.slice(BASE.length + 1));
}

describe('Hugo bundle covers against the real hugo', function () {
  this.timeout(60_000);
  let out: string;

  before(function () {
    if (!hugoInstalled()) {
      console.log('    hugo is not installed: the comparison of covers is skipped');
      this.skip();
    }
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-hugo-covers-'));
    // Built in a copy: hugo leaves a lock file (and caches) in the site it builds.
    const copy = path.join(out, 'site');
    fs.cpSync(FIXTURE, copy, { recursive: true });
    const run = spawnSync('hugo', ['--quiet', '--source', copy, '--destination', path.join(out, 'public')], { encoding: 'utf8', timeout: 50_000 });
    assert.equal(run.status, 0, `hugo: ${run.stderr}`);
  });

  after(() => {
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  it("chooses the og:image Hugo's Open Graph template writes, for every page of the fixture", async () => {
    const sites = await loadSites(FIXTURE, DEFAULT_CONFIG);
    const policy = { resolveResource: (href: string) => `resource:${href}`, allowRemoteImages: false, labels: DEFAULT_RENDER_LABELS };
    const rows: string[] = [];
    let compared = 0;
    let withCover = 0;
    for (const file of allFiles(FIXTURE, 'content').filter((f) => f.endsWith('.md'))) {
      const context = siteContextFor(sites, file);
      const text = fs.readFileSync(path.join(FIXTURE, file), 'utf8');
      const analysis = analyze({ path: path.join(FIXTURE, file), text }, DEFAULT_CONFIG, { site: context });
      const url = analysis.post.url?.slice(BASE.length);
      assert.ok(url !== undefined, `${file}: a URL`);
      const html = fs.readFileSync(path.join(out, 'public', url, 'index.html'), 'utf8');
      const theirs = ogImage(html, url);
      // The bundle's files as the preview lists them: every file below the bundle's folder.
      const folder = path.posix.dirname(file);
      const resources = isBundleIndex(file, context?.site) ? allFiles(FIXTURE, folder).map((f) => f.slice(folder.length + 1)) : undefined;
      const header = articleHeader(analysis.post, analysis.split.frontMatter?.data ?? {}, context?.site, policy, resources);
      const ours = header.cover === undefined ? null : decodeURIComponent(header.cover.path);
      rows.push(`${file}: hugo ${theirs ?? 'none'}, header ${ours ?? 'none'}`);
      compared++;
      if (theirs !== null) withCover++;
      assert.equal(ours, theirs, `${file}: Hugo's og:image and the header's cover differ`);
    }
    console.log(`    ${compared} pages compared, ${withCover} with a cover; agreed on all:\n      ${rows.join('\n      ')}`);
    assert.equal(compared, 8, 'every page of the fixture');
    assert.equal(withCover, 5);
  });
});
