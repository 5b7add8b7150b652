// The preview header's site fields (#17): authors, tags and categories apart,
// description, cover image, per generator, from src/core/render/header.ts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, DEFAULT_CONFIG, plainSiteContext, siteContextFor } from '../../../src/core';
import { loadSites } from '../../../src/cli/sites';
import { DEFAULT_RENDER_LABELS, renderArticle, type RenderOptions } from '../../../src/core/render';
import { articleHeader } from '../../../src/core/render/header';
import { isBundleIndex } from '../../../src/core/render/siteResources';
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

/** The header of `text` (front matter and all) on `siteRef`, as render() builds it; `bundle`: the files of the post's page bundle. */
function header(text: string, siteRef?: SiteRef, path = '/site/content/posts/post.md', policy: AddressPolicy = POLICY, bundle?: readonly string[]) {
  const analysis = analyze({ path, text }, DEFAULT_CONFIG, { now: NOW });
  return articleHeader(analysis.post, analysis.split.frontMatter?.data ?? {}, siteRef, policy, bundle);
}

/** The header of a fixture site's post, read through the site model as the CLI reads it. */
async function fixtureHeader(siteDir: string, file: string, options: Partial<RenderOptions> = {}) {
  const root = join(__dirname, '../../fixtures/sites', siteDir);
  const sites = await loadSites(root, DEFAULT_CONFIG);
  const analysis = analyze({ path: join(root, file), text: readFileSync(join(root, file), 'utf8') }, DEFAULT_CONFIG, { now: NOW, site: siteContextFor(sites, file) });
  return { analysis, rendered: renderArticle(analysis, { locale: 'en-US', allowRemoteImages: false, resolveResource: (href) => RESOURCE + href, ...options }) };
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

    describe("a bundle's featured image, when the front matter names no cover (Hugo's Open Graph template)", () => {
      const bundle = (files: readonly string[], fm = '') => header(`---\ntitle: T\n${fm}---\nx\n`, site('hugo'), '/site/content/posts/b/index.md', POLICY, files)?.cover;

      it('takes `*feature*` before `*cover*` and `*thumbnail*`, whatever the order of the files', () => {
        assert.deepEqual(bundle(['index.md', 'a-cover.png', 'z-feature.png']), { kind: 'image', src: `${RESOURCE}z-feature.png`, alt: '', path: 'z-feature.png' });
        assert.equal(bundle(['thumbnail.jpg', 'index.md'])?.path, 'thumbnail.jpg');
      });

      it('takes the first by resource name, byte by byte, and matches the name in any case', () => {
        assert.equal(bundle(['x-cover.png', 'B-thumbnail.png'])?.path, 'B-thumbnail.png');
        assert.equal(bundle(['COVER.svg', 'Feature.JPG'])?.path, 'Feature.JPG');
      });

      it('takes images only, and none below a subfolder unless `resources` renames it', () => {
        assert.equal(bundle(['cover.txt', 'feature.md', 'images/cover.png']), undefined);
        assert.equal(bundle(['images/hero.png'], 'resources:\n  - src: "images/*.png"\n    name: "cover-:counter"\n')?.path, 'images/hero.png');
        // The name, not the file's path, is what the glob sees.
        assert.equal(bundle(['cover.png'], 'resources:\n  - src: cover.png\n    name: banner\n'), undefined);
      });

      it('leaves the cover to `images` and `cover` when the front matter has them', () => {
        assert.equal(bundle(['cover.png', 'own.png'], 'images: [own.png]\n')?.path, 'own.png');
        assert.equal(bundle(['feature.png'], 'cover:\n  image: mine.png\n')?.path, 'mine.png');
      });

      it('gives the address percent-encoded, so a name with a space or # stays one file', () => {
        assert.deepEqual(bundle(['my cover #1.png']), { kind: 'image', src: `${RESOURCE}my%20cover%20%231.png`, alt: '', path: 'my%20cover%20%231.png' });
      });

      it('is Hugo\'s alone, and needs the bundle\'s files', () => {
        assert.equal(header('---\ntitle: T\n---\nx\n', site('zola'), '/site/content/b/index.md', POLICY, ['cover.png']).cover, undefined);
        assert.equal(header('---\ntitle: T\n---\nx\n', site('hugo'), '/site/content/posts/b/index.md').cover, undefined);
      });

      it('reaches the rendered header through `bundleResources`', async () => {
        const { rendered } = await fixtureHeader('hugo-covers', 'content/posts/feature-wins/index.md', { bundleResources: ['index.md', 'a-cover.png', 'z-feature.png'] });
        assert.deepEqual(rendered.cover, { kind: 'image', src: `${RESOURCE}z-feature.png`, alt: '', path: 'z-feature.png' });
        const without = await fixtureHeader('hugo-covers', 'content/posts/feature-wins/index.md');
        assert.equal(without.rendered.cover, undefined);
      });
    });

    it('gives the post model every author too (the Posts view\'s hover names them all)', () => {
      const analysis = analyze({ path: '/site/content/posts/p.md', text: '---\nauthors: [Ann, Bob, Ann, Cy]\n---\nx\n' }, DEFAULT_CONFIG, { now: NOW });
      assert.equal(analysis.post.author, 'Ann');
      assert.deepEqual(analysis.post.authors, ['Ann', 'Bob', 'Cy']);
      assert.equal(analyze({ path: '/site/p.md', text: '---\ntitle: T\n---\nx\n' }, DEFAULT_CONFIG, { now: NOW }).post.authors, undefined);
    });

    it("lists a bundle's files for the content file of a Hugo leaf bundle only", () => {
      assert.equal(isBundleIndex('content/posts/b/index.md', site('hugo')), true);
      assert.equal(isBundleIndex('/ws/content/posts/b/index.fr.md', site('hugo')), true);
      assert.equal(isBundleIndex('content/posts/b/_index.md', site('hugo')), false);
      assert.equal(isBundleIndex('content/posts/post.md', site('hugo')), false);
      assert.equal(isBundleIndex('content/posts/b/index.md', site('zola')), false);
      assert.equal(isBundleIndex('content/posts/b/index.md', undefined), false);
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

    // What Jekyll 4.3.1 gives `page.categories` for each post of the fixture (test/unit/site/jekyll.compare.test.ts builds it with jekyll).
    const JEKYLL_CATEGORIES: Record<string, string[]> = {
      'blog/news/_posts/2020-01-01-folders-defaults-and-front-matter.md': ['blog', 'news', 'from-defaults', 'Releases', '2020'],
      'blog/news/_posts/2020-01-02-category-wins.md': ['blog', 'news', 'from-defaults', 'alpha', 'beta', 'Road Trips'],
      '_posts/2020-01-03-no-folders.md': ['one', 'two'],
      '_posts/2020/2020-01-04-below-posts.md': [],
      'my_posts/_posts/2020-01-05-substring.md': ['my', '2021'],
      'Mixed Case/_posts/2020-01-06-mixed-case.md': ['Mixed Case'],
      'blog/_drafts/a-draft-in-a-folder.md': ['blog', 'drafty'],
    };

    it('shows the categories Jekyll assigns: the folders above `_posts`, the defaults\', `categories`, then `category`', async () => {
      for (const [file, expected] of Object.entries(JEKYLL_CATEGORIES)) {
        const { analysis, rendered } = await fixtureHeader('jekyll-categories', file);
        assert.deepEqual(analysis.post.categories, expected, `${file}: the post model`);
        assert.deepEqual(rendered.categories, expected, `${file}: the header`);
      }
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

    it('shows the label `tags.yml` gives a tag key, and an inline tag as written', () => {
      const labels = site('docusaurus', { tagLabels: { hola: '¡Hola!', docusaurus: 'Docusaurus', 'open-source': 'Open Source' } });
      assert.deepEqual(header('---\ntags: [hola, docusaurus, inline-one]\n---\nx\n', labels).tags, ['¡Hola!', 'Docusaurus', 'inline-one']);
      // An object is an inline tag with its own label, even when a key of the same name exists.
      assert.deepEqual(header('---\ntags: [{label: hola, permalink: /h}, open-source]\n---\nx\n', labels).tags, ['hola', 'Open Source']);
      // Without a tags file, the keys as written.
      assert.deepEqual(header('---\ntags: [hola]\n---\nx\n', site('docusaurus')).tags, ['hola']);
    });

    it("shows the fixture site's tags by its tags.yml, as the site model reads it", async () => {
      const { analysis, rendered } = await fixtureHeader('docusaurus-site', 'blog/2019-05-28-first-blog-post.md');
      assert.deepEqual(rendered.tags, ['¡Hola!', 'Docusaurus']);
      assert.deepEqual(analysis.post.tags, ['hola', 'docusaurus'], 'the post model keeps the keys');
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
