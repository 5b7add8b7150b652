// The template fixtures built by the real generators (Debian's hugo and
// jekyll), compared with the preview: the article's visible words in order
// (longest common subsequence over the longer of the two), template syntax
// absent from both. The preview's labels ("Shortcode note …") are its own
// chrome, not article text, and are left out. Skipped when a generator is not
// installed. The agreement is printed; the test holds it above a floor so a
// regression shows.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseFragment } from 'parse5';
import { analyze, DEFAULT_CONFIG, siteContextFor } from '../../../../src/core';
import { renderArticle, type RenderOptions } from '../../../../src/core/render';
import { loadSites } from '../../../../src/cli/sites';

const FIXTURES = path.join(__dirname, '../../../fixtures/templates');
const OPTIONS: RenderOptions = { locale: 'en-US', allowRemoteImages: false, resolveResource: (href) => `https://resource.test/${href}` };

interface Node {
  nodeName: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
}

/** The words a reader sees in `html`, skipping the preview's labels. */
function words(html: string): string[] {
  const out: string[] = [];
  const walk = (node: Node): void => {
    if (node.nodeName === '#text') out.push(...(node.value ?? '').split(/\s+/).filter(Boolean));
    if ((node.attrs ?? []).some((a) => a.name === 'class' && a.value.split(' ').includes('postdesk-template-label'))) return;
    for (const child of node.childNodes ?? []) walk(child);
  };
  walk(parseFragment(html) as unknown as Node);
  return out.map((w) => w.replace(/^[^\p{L}\p{N}{]+|[^\p{L}\p{N}}]+$/gu, '')).filter(Boolean);
}

/** Longest common subsequence of two word lists, over the longer one. */
function agreement(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const word of a) {
    let previous = 0;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j] ?? 0;
      row[j] = word === b[j - 1] ? previous + 1 : Math.max(row[j] ?? 0, row[j - 1] ?? 0);
      previous = saved;
    }
  }
  return (row[b.length] ?? 0) / Math.max(a.length, b.length, 1);
}

function installed(command: string, args: string[]): boolean {
  return spawnSync(command, args, { encoding: 'utf8', timeout: 20_000 }).status === 0;
}

function article(html: string): string {
  return /<article>([\s\S]*)<\/article>/.exec(html)?.[1] ?? '';
}

async function previewWords(site: string, file: string, options: Partial<RenderOptions>): Promise<string[]> {
  const root = path.join(FIXTURES, site);
  const sites = await loadSites(root, DEFAULT_CONFIG);
  const analysis = analyze({ path: path.join(root, file), text: fs.readFileSync(path.join(root, file), 'utf8') }, DEFAULT_CONFIG, { site: siteContextFor(sites, file) });
  return words(renderArticle(analysis, { ...OPTIONS, ...options }).bodyHtml);
}

const TEMPLATE_SYNTAX = /\{\{[<%]|[>%]\}\}|\{%|%\}/;

describe('templates: the preview against the real generator (visible words in order)', function () {
  this.timeout(120_000);
  let work = '';
  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-templates-'));
  });
  after(() => fs.rmSync(work, { recursive: true, force: true, maxRetries: 3 }));

  it('Hugo: the leaf bundle', async function () {
    if (!installed('hugo', ['version'])) this.skip();
    const source = path.join(work, 'hugo');
    fs.cpSync(path.join(FIXTURES, 'hugo'), source, { recursive: true });
    const run = spawnSync('hugo', ['--source', source, '--destination', path.join(work, 'hugo-public'), '--quiet'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, run.stderr);
    const built = words(article(fs.readFileSync(path.join(work, 'hugo-public/posts/now-commonmark/index.html'), 'utf8')));
    const preview = await previewWords('hugo', 'content/posts/now-commonmark/index.md', {
      generator: 'hugo',
      resolvePostLink: (target) => (target === 'other' ? { href: '../other.md', title: 'Other post' } : undefined),
    });
    // The escaped shortcode is shown literally by both; nothing else of the syntax is.
    const escaped = (list: string[]): string[] => list.filter((w) => !/^\{\{<|^>\}\}$|^figure$|^src="x\.png"$/.test(w));
    assert.ok(!escaped(built).some((w) => TEMPLATE_SYNTAX.test(w)), built.join(' '));
    assert.ok(!escaped(preview).some((w) => TEMPLATE_SYNTAX.test(w)), preview.join(' '));
    const ratio = agreement(built, preview);
    console.log(`      Hugo ${spawnSync('hugo', ['version'], { encoding: 'utf8' }).stdout.trim().split(' ')[1] ?? ''}: ${(ratio * 100).toFixed(0)}% of words agree in order\n        hugo:    ${built.join(' ')}\n        preview: ${preview.join(' ')}`);
    assert.ok(ratio >= 0.75, `${ratio}`);
  });

  it('Jekyll: the Liquid post', async function () {
    if (!installed('jekyll', ['--version'])) this.skip();
    const source = path.join(work, 'jekyll');
    fs.cpSync(path.join(FIXTURES, 'jekyll'), source, { recursive: true });
    const env = { ...process.env, TZ: 'UTC', JEKYLL_NO_BUNDLER_REQUIRE: 'true', JEKYLL_ENV: 'production' };
    const run = spawnSync('jekyll', ['build', '--disable-disk-cache', '--source', source, '--destination', path.join(work, 'jekyll-site')], { encoding: 'utf8', timeout: 90_000, env });
    assert.equal(run.status, 0, run.stderr);
    const built = words(article(fs.readFileSync(path.join(work, 'jekyll-site/2020/03/01/liquid.html'), 'utf8')));
    const preview = await previewWords('jekyll', '_posts/2020-03-01-liquid.md', {
      generator: 'jekyll',
      siteValues: { title: 'Fixture Blog', author: 'Sam Writer' },
      resolvePostLink: (slug) => (slug === '2020-01-01-first' ? { href: '2020-01-01-first.md', title: 'First' } : undefined),
    });
    // `{% raw %}` shows `{{ site.title }}` literally in both.
    const literal = (list: string[]): string[] => list.filter((w) => !/^\{\{$|^\}\}$|^site\.title$/.test(w));
    assert.ok(!literal(built).some((w) => TEMPLATE_SYNTAX.test(w)), built.join(' '));
    assert.ok(!literal(preview).some((w) => TEMPLATE_SYNTAX.test(w)), preview.join(' '));
    const ratio = agreement(built, preview);
    console.log(`      ${spawnSync('jekyll', ['--version'], { encoding: 'utf8' }).stdout.trim()}: ${(ratio * 100).toFixed(0)}% of words agree in order\n        jekyll:  ${built.join(' ')}\n        preview: ${preview.join(' ')}`);
    assert.ok(ratio >= 0.75, `${ratio}`);
  });
});
