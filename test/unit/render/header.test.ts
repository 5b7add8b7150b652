// The preview header's site fields (#17): authors, tags and categories apart,
// description, cover image, per generator, from src/core/render/header.ts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, DEFAULT_CONFIG, plainSiteContext, siteContextFor } from '../../../src/core';
import { loadSites } from '../../../src/cli/sites';
import { DEFAULT_RENDER_LABELS, renderArticle, type RenderOptions } from '../../../src/core/render';
import { articleHeader } from '../../../src/core/render/header';
import type { AddressPolicy } from '../../../src/core/render/addresses';
import type { GeneratorId, SiteRef } from '../../../src/core/site/types';

const NOW = new Date(Date.UTC(2024, 5, 1, 12));
const RESOURCE = 'https://resource.test/';
const POLICY: AddressPolicy = {
  resolveResource: (href) => (href.includes('missing') ? undefined : RESOURCE + href),
  allowRemoteImages: false,
  labels: DEFAULT_RENDER_LABELS,
};

function site(generator: GeneratorId, extra: Partial<SiteRef> = {}): SiteRef {
  return { root: '', generator, ...extra };
}

/** The header of `text` (front matter and all) on `siteRef`, as render() builds it. */
function header(text: string, siteRef?: SiteRef, path = '/site/content/posts/post.md', policy: AddressPolicy = POLICY) {
  const analysis = analyze({ path, text }, DEFAULT_CONFIG, { now: NOW });
  return articleHeader(analysis.post, analysis.split.frontMatter?.data ?? {}, siteRef, policy);
}

describe('articleHeader', () => {
  describe('Hugo', () => {
    it('names every author of `authors`, keeps tags and categories apart, reads the description and the first of `images` from the bundle', () => {
      const h = header(
        '---\ntitle: T\nauthors: [Ann, Bob, Cy]\ntags: [go, web, go]\ncategories: [Releases, Releases]\ndescription: "What changed in 0.60"\nimages: [poster-featured.png, second.png]\n---\nBody\n',
        site('hugo'),
      );
      assert.deepEqual(h.authors, [{ name: 'Ann' }, { name: 'Bob' }, { name: 'Cy' }]);
      assert.equal(h.author, 'Ann');
      assert.deepEqual(h.tags, ['go', 'web']);
      assert.deepEqual(h.categories, ['Releases']);
      assert.equal(h.description, 'What changed in 0.60');
      assert.deepEqual(h.cover, { kind: 'image', src: `${RESOURCE}poster-featured.png`, alt: '', path: 'poster-featured.png' });
    });

    it('takes `images` as a string too, and PaperMod\'s `cover.image` with its alt', () => {
      assert.equal(header('---\nimages: cover.jpg\n---\nx\n', site('hugo')).cover?.kind, 'image');
      assert.deepEqual(header('---\ncover:\n  image: img/cover.png\n  alt: A lighthouse\n  relative: true\n---\nx\n', site('hugo')).cover, {
        kind: 'image',
        src: `${RESOURCE}img/cover.png`,
        alt: 'A lighthouse',
        path: 'img/cover.png',
      });
      assert.equal(header('---\ncover: banner.png\n---\nx\n', site('hugo')).cover?.kind, 'image');
    });

    it('has no author, description, cover or lists when the post names none', () => {
      const h = header('---\ntitle: Bare\ndate: 2020-01-01\n---\nx\n', site('hugo'));
      assert.deepEqual(h, { authors: [], tags: [], categories: [] });
    });
  });

  describe('Jekyll', () => {
    it('reads `author` as a string, a list or an object with `name`', () => {
      assert.deepEqual(header('---\nauthor: Jane Doe\n---\nx\n', site('jekyll')).authors, [{ name: 'Jane Doe' }]);
      assert.deepEqual(header('---\nauthor: [Jane, Joe]\n---\nx\n', site('jekyll')).authors, [{ name: 'Jane' }, { name: 'Joe' }]);
      assert.deepEqual(header('---\nauthor:\n  name: Jane\n  twitter: jd\n---\nx\n', site('jekyll')).authors, [{ name: 'Jane' }]);
    });

    it('reads Jekyll\'s space-separated tags and `image` as a string or `{path}`', () => {
      const h = header('---\ntags: ruby jekyll ruby\ncategories: news\nimage:\n  path: /assets/og.png\n  alt: Logo\n---\nx\n', site('jekyll'));
      assert.deepEqual(h.tags, ['ruby', 'jekyll']);
      assert.deepEqual(h.categories, ['news']);
      assert.deepEqual(h.cover, { kind: 'image', src: `${RESOURCE}/assets/og.png`, alt: 'Logo', path: '/assets/og.png' });
      assert.equal(header('---\nimage: /assets/og.png\n---\nx\n', site('jekyll')).cover?.kind, 'image');
    });
  });

  describe('Zola', () => {
    it('reads the top-level `authors` and the `[taxonomies]` table', () => {
      const h = header('+++\ntitle = "T"\nauthors = ["Ann", "Bob"]\ndescription = "Lead"\n[taxonomies]\ntags = ["rust", "web"]\ncategories = ["Tools"]\n+++\nx\n', site('zola'));
      assert.deepEqual(h.authors.map((a) => a.name), ['Ann', 'Bob']);
      assert.deepEqual(h.tags, ['rust', 'web']);
      assert.deepEqual(h.categories, ['Tools']);
      assert.equal(h.description, 'Lead');
    });

    it('falls back to a theme\'s `[extra] author`', () => {
      assert.deepEqual(header('+++\ntitle = "T"\n[extra]\nauthor = "Ann"\n+++\nx\n', site('zola')).authors, [{ name: 'Ann' }]);
    });
  });

  describe('Docusaurus', () => {
    const profiles = site('docusaurus', {
      authorProfiles: { slorber: { name: 'Sébastien Lorber', title: 'Docusaurus maintainer', url: 'https://sebastienlorber.com' }, yangshun: { name: 'Yangshun Tay' } },
    });

    it('resolves keys through the site\'s author profiles and shows an unknown key as written', () => {
      const h = header('---\nauthors: [slorber, ghost, yangshun]\nimage: ./cover.png\ndescription: Hello\n---\nx\n', profiles, '/site/blog/2021-08-26-welcome/index.md');
      assert.deepEqual(h.authors, [{ name: 'Sébastien Lorber', title: 'Docusaurus maintainer' }, { name: 'ghost' }, { name: 'Yangshun Tay' }]);
      assert.equal(h.author, 'Sébastien Lorber');
      assert.equal(h.cover?.kind, 'image');
      assert.equal(h.description, 'Hello');
    });

    it('takes one key, inline objects and a mix of both', () => {
      assert.deepEqual(header('---\nauthors: slorber\n---\nx\n', profiles).authors, [{ name: 'Sébastien Lorber', title: 'Docusaurus maintainer' }]);
      const mixed = header('---\nauthors:\n  - name: Joel Marcey\n    title: Co-creator\n    url: https://github.com/JoelMarcey\n    image_url: https://github.com/JoelMarcey.png\n  - yangshun\n---\nx\n', profiles);
      assert.deepEqual(mixed.authors, [{ name: 'Joel Marcey', title: 'Co-creator' }, { name: 'Yangshun Tay' }]);
    });

    it('gives the hover\'s single author the profile\'s name too', () => {
      const context = { ...plainSiteContext(DEFAULT_CONFIG, 'blog/post.md'), site: profiles };
      const analysis = analyze({ path: '/site/blog/post.md', text: '---\nauthors: [slorber]\n---\nx\n' }, DEFAULT_CONFIG, { now: NOW, site: context });
      assert.equal(analysis.post.author, 'Sébastien Lorber');
    });

    it('names the fixture site\'s author by its authors.yml profile, as the site model reads it', async () => {
      const root = join(__dirname, '../../fixtures/sites/docusaurus-site');
      const file = 'blog/2021-08-26-welcome/index.md';
      const sites = await loadSites(root, DEFAULT_CONFIG);
      const analysis = analyze({ path: join(root, file), text: readFileSync(join(root, file), 'utf8') }, DEFAULT_CONFIG, { now: NOW, site: siteContextFor(sites, file) });
      const r = renderArticle(analysis, { locale: 'en-US', allowRemoteImages: false });
      assert.deepEqual(r.authors.map((a) => a.name), ['Sébastien Lorber']);
      assert.equal(analysis.post.author, 'Sébastien Lorber');
    });

    it('reads the legacy single author with its title', () => {
      assert.deepEqual(header('---\nauthor: Jane\nauthor_title: Editor\n---\nx\n', profiles).authors, [{ name: 'Jane', title: 'Editor' }]);
    });
  });

  describe('Astro', () => {
    it('takes `heroImage` as the cover, resolved like a body image', () => {
      const h = header('---\ntitle: T\ndescription: Lorem ipsum\nheroImage: ../../assets/blog-placeholder-3.jpg\n---\nx\n', site('astro'), '/site/src/content/blog/post.md');
      assert.deepEqual(h.cover, { kind: 'image', src: `${RESOURCE}../../assets/blog-placeholder-3.jpg`, alt: '', path: '../../assets/blog-placeholder-3.jpg' });
      assert.equal(h.description, 'Lorem ipsum');
    });
  });

  describe('the cover follows the body images\' policy', () => {
    it('a remote cover is a placeholder unless remote images are allowed', () => {
      const text = '---\nimages: ["https://example.com/x.png"]\n---\nx\n';
      assert.deepEqual(header(text, site('hugo')).cover, { kind: 'placeholder', text: 'Remote image blocked', title: 'Remote image blocked: https://example.com/x.png', path: 'https://example.com/x.png' });
      assert.equal(header(text, site('hugo'), undefined, { ...POLICY, allowRemoteImages: true }).cover?.kind, 'image');
    });

    it('an address the resolver cannot load is shown as missing, with its path', () => {
      const cover = header('---\nimages: [missing.png]\n---\nx\n', site('hugo')).cover;
      assert.deepEqual(cover, { kind: 'placeholder', text: 'Image not available', title: 'Image not available: missing.png', path: 'missing.png' });
    });

    it('a javascript: cover is never loaded', () => {
      assert.equal(header('---\nimage: "javascript:alert(1)"\n---\nx\n', site('jekyll')).cover?.kind, 'placeholder');
    });
  });

  it('keeps a hostile description as text: the same characters, for the page to draw with textContent', () => {
    const description = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const h = header(`---\ndescription: "${description}"\nauthor: "<b>Mallory</b>"\ntags: ["<i>t</i>"]\n---\nx\n`, site('hugo'));
    assert.equal(h.description, description);
    assert.equal(h.author, '<b>Mallory</b>');
    assert.deepEqual(h.tags, ['<i>t</i>']);
  });
});

describe('renderArticle: the header', () => {
  const BASE: RenderOptions = { locale: 'en-US', allowRemoteImages: false, resolveResource: (href) => RESOURCE + href };

  it('returns the header fields beside the body, and the description never reaches the body', () => {
    const text = '---\ntitle: T\nauthors: [Ann, Bob]\ntags: [a]\ncategories: [c, a]\ndescription: "<script>x()</script>"\nimages: [p.png]\n---\nBody.\n';
    const r = renderArticle(analyze({ path: '/site/post.md', text }, DEFAULT_CONFIG, { now: NOW }), BASE);
    assert.deepEqual(r.authors.map((a) => a.name), ['Ann', 'Bob']);
    assert.equal(r.author, 'Ann');
    assert.deepEqual(r.tags, ['a']);
    assert.deepEqual(r.categories, ['c', 'a']);
    assert.equal(r.description, '<script>x()</script>');
    assert.equal(r.cover?.kind === 'image' ? r.cover.src : undefined, `${RESOURCE}p.png`);
    assert.doesNotMatch(r.bodyHtml, /script|p\.png/);
  });
});
