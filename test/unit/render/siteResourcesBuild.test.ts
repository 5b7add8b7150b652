// The static-folder sites (test/fixtures/static-sites) built by the real
// generators (Debian's hugo and jekyll): every root-relative image the built
// article names is, in the build's output, the very file the preview finds
// in the site's static folders (same bytes), and one the output lacks the
// preview finds nowhere. Skipped when a generator is not installed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_CONFIG, siteContextFor } from '../../../src/core';
import { basePathOf, staticCandidates } from '../../../src/core/render/siteResources';
import { loadSites } from '../../../src/cli/sites';

const FIXTURES = path.join(__dirname, '../../fixtures/static-sites');

function installed(command: string, args: string[]): boolean {
  return spawnSync(command, args, { encoding: 'utf8', timeout: 20_000 }).status === 0;
}

/** For each root-relative `<img src>` of the built page: the output file it names (or undefined) and the file the preview finds (or undefined). */
async function compare(source: string, output: string, page: string, post: string): Promise<{ src: string; built?: Buffer; preview?: Buffer }[]> {
  const sites = await loadSites(source, DEFAULT_CONFIG);
  const site = siteContextFor(sites, post).site;
  const base = basePathOf(site.baseUrl);
  const html = fs.readFileSync(path.join(output, page), 'utf8');
  const out: { src: string; built?: Buffer; preview?: Buffer }[] = [];
  for (const m of html.matchAll(/<img src="(\/[^"]*)"/g)) {
    const src = m[1] ?? '';
    const inOutput = path.join(output, src.startsWith(`${base}/`) ? src.slice(base.length) : src);
    const found = (staticCandidates(src, site) ?? []).find((c) => fs.existsSync(path.join(source, c)));
    out.push({
      src,
      ...(fs.existsSync(inOutput) ? { built: fs.readFileSync(inOutput) } : {}),
      ...(found !== undefined ? { preview: fs.readFileSync(path.join(source, found)) } : {}),
    });
  }
  return out;
}

describe('site resources: the preview\'s static files against the real generator', function () {
  this.timeout(120_000);
  let work = '';
  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-static-'));
  });
  after(() => fs.rmSync(work, { recursive: true, force: true, maxRetries: 3 }));

  it('Hugo: /images/logo.png is static/images/logo.png in the output; a missing image is missing in both', async function () {
    if (!installed('hugo', ['version'])) this.skip();
    const source = path.join(work, 'hugo');
    fs.cpSync(path.join(FIXTURES, 'hugo'), source, { recursive: true });
    const output = path.join(work, 'hugo-public');
    const run = spawnSync('hugo', ['--source', source, '--destination', output, '--quiet'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, run.stderr);
    const images = await compare(source, output, 'posts/logo-post/index.html', 'content/posts/logo-post.md');
    assert.deepEqual(images.map((i) => i.src), ['/images/logo.png', '/blog/images/logo.png', '/images/missing.png']);
    for (const image of images) assert.deepEqual(image.preview, image.built, image.src);
    assert.ok(images[0]?.built && !images[2]?.built);
  });

  it('Jekyll: /blog/assets/x.png (baseurl /blog) is the source root\'s assets/x.png in the output', async function () {
    if (!installed('jekyll', ['--version'])) this.skip();
    const source = path.join(work, 'jekyll');
    fs.cpSync(path.join(FIXTURES, 'jekyll'), source, { recursive: true });
    const output = path.join(work, 'jekyll-site');
    const env = { ...process.env, TZ: 'UTC', JEKYLL_NO_BUNDLER_REQUIRE: 'true', JEKYLL_ENV: 'production' };
    const run = spawnSync('jekyll', ['build', '--disable-disk-cache', '--source', source, '--destination', output], { encoding: 'utf8', timeout: 90_000, env });
    assert.equal(run.status, 0, run.stderr);
    const images = await compare(source, output, '2024/01/02/static-asset.html', '_posts/2024-01-02-static-asset.md');
    assert.deepEqual(images.map((i) => i.src), ['/blog/assets/x.png', '/assets/x.png']);
    for (const image of images) {
      assert.ok(image.built, `${image.src} in Jekyll's output`);
      assert.deepEqual(image.preview, image.built, image.src);
    }
  });
});
