// Root-relative addresses of a post looked up in its site's static folders (#17).
import assert from 'node:assert/strict';
import { renderArticle } from '../../../src/core/render';
import { basePathOf, staticCandidates } from '../../../src/core/render/siteResources';
import { analyze, DEFAULT_CONFIG } from '../../../src/core';

const hugo = { generator: 'hugo' as const, baseUrl: 'https://example.org/blog', staticDirs: ['site/static', 'site/themes/t/static'] };

describe('site resources: root-relative addresses in the static folders', () => {
  it('takes the base URL\'s path: from a full URL, a bare path, or none', () => {
    assert.equal(basePathOf('https://example.org/blog/'), '/blog');
    assert.equal(basePathOf('https://example.org'), '');
    assert.equal(basePathOf('https://example.org/'), '');
    assert.equal(basePathOf('/docs'), '/docs');
    assert.equal(basePathOf('http://localhost:1313/a/b?x=1'), '/a/b');
    assert.equal(basePathOf(undefined), '');
  });

  it('looks an address up in every static folder in order, first folder first', () => {
    assert.deepEqual(staticCandidates('/images/logo.png', hugo), ['site/static/images/logo.png', 'site/themes/t/static/images/logo.png']);
  });

  it('works with the base path and without it', () => {
    assert.deepEqual(staticCandidates('/blog/images/logo.png', hugo), [
      'site/static/images/logo.png',
      'site/themes/t/static/images/logo.png',
      // A folder named like the base path is still tried, after.
      'site/static/blog/images/logo.png',
      'site/themes/t/static/blog/images/logo.png',
    ]);
    // `/blogger/x.png` does not start with the base path `/blog`.
    assert.deepEqual(staticCandidates('/blogger/x.png', hugo), ['site/static/blogger/x.png', 'site/themes/t/static/blogger/x.png']);
    const jekyll = { generator: 'jekyll' as const, baseUrl: '/blog', staticDirs: [''] };
    assert.deepEqual(staticCandidates('/blog/assets/x.png', jekyll), ['assets/x.png', 'blog/assets/x.png']);
    assert.deepEqual(staticCandidates('/assets/x.png', jekyll), ['assets/x.png']);
  });

  it('keeps the query and fragment off the lookup, and decodes escapes', () => {
    assert.deepEqual(staticCandidates('/images/logo.png?v=2#top', { ...hugo, staticDirs: ['static'] }), ['static/images/logo.png']);
    assert.deepEqual(staticCandidates('/images/my%20logo.png', { ...hugo, staticDirs: ['static'] }), ['static/images/my logo.png']);
  });

  it('refuses an address that climbs out of the site root, however it is spelt', () => {
    const site = { ...hugo, staticDirs: ['static'] };
    assert.deepEqual(staticCandidates('/../secret.txt', site), []);
    assert.deepEqual(staticCandidates('/images/../../secret.txt', site), []);
    assert.deepEqual(staticCandidates('/%2e%2e/secret.txt', site), []);
    assert.deepEqual(staticCandidates('/blog/../../secret.txt', site), []);
    assert.deepEqual(staticCandidates('/images\\..\\..\\secret.txt', site), []);
    // Climbing inside the root is only a path.
    assert.deepEqual(staticCandidates('/images/../logo.png', site), ['static/logo.png']);
  });

  it('leaves other addresses to the usual resolver, and names no folder', () => {
    assert.equal(staticCandidates('images/logo.png', hugo), undefined, 'relative to the post');
    assert.equal(staticCandidates('https://example.org/x.png', hugo), undefined);
    assert.equal(staticCandidates('/images/logo.png', { generator: 'none' }), undefined, 'no static folders');
    assert.equal(staticCandidates('/images/logo.png', undefined), undefined);
    assert.deepEqual(staticCandidates('/images/', hugo), []);
    assert.deepEqual(staticCandidates('/blog/', hugo), []);
  });

  it('skips what Jekyll and Hexo do not copy (names starting with _ or .)', () => {
    const jekyll = { generator: 'jekyll' as const, staticDirs: [''] };
    assert.deepEqual(staticCandidates('/_posts/2020-01-01-x.md', jekyll), []);
    assert.deepEqual(staticCandidates('/.git/config', jekyll), []);
    assert.deepEqual(staticCandidates('/_site/x.png', { generator: 'hugo', staticDirs: ['static'] }), ['static/_site/x.png']);
  });

  it('gives the renderer the static file as an image, and a missing one as missing with its path', () => {
    const analysis = analyze({ path: 'post.md', text: '# T\n\n![logo](/blog/images/logo.png)\n\n![gone](/images/gone.png)\n' }, DEFAULT_CONFIG);
    const existing = new Set(['static/images/logo.png']);
    const site = { ...hugo, staticDirs: ['static'] };
    const resolveResource = (href: string): string | undefined => staticCandidates(href, site)?.find((c) => existing.has(c))?.replace(/^/, 'webview:/');
    const html = renderArticle(analysis, { locale: 'en', allowRemoteImages: false, resolveResource }).bodyHtml;
    assert.match(html, /<img src="webview:\/static\/images\/logo\.png" alt="logo"/);
    assert.match(html, /title="Image not available: \/images\/gone\.png"/);
  });
});
