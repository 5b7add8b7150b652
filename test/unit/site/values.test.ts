// The site's config values (`Site.values`): what the preview shows for
// `{{ site.x }}` and Hugo's `param` (#17). Read from the config as the
// generator reads it; never from a file it does not read.
import assert from 'node:assert/strict';
import { analyze, DEFAULT_CONFIG, detectSites, siteContextFor } from '../../../src/core';
import { renderArticle } from '../../../src/core/render';
import { memoryFiles } from './helpers';


describe('site values', () => {
  it('exposes Hugo params and Jekyll _config.yml values to the file\'s site context; the plain site has none', async () => {
    const sites = await detectSites(
      memoryFiles({
        'notes/plain.md': '# Plain\n',
        'blog/hugo.toml': 'title = "Blog"\nbaseURL = "https://blog.example/"\n[params]\nauthorName = "Ada"\n',
        'blog/content/posts/hello.md': '---\ntitle: Hello\n---\n',
        'docs/_config.yml': 'title: Docs\nrepository: me/docs\n',
        'docs/_posts/2021-03-04-news.md': '---\ntitle: News\n---\n',
      }),
      { dateFields: ['date'] },
    );
    const hugo = siteContextFor(sites, 'blog/content/posts/hello.md').site.values;
    assert.equal(hugo?.['title'], 'Blog');
    const params = hugo?.['params'] as Record<string, unknown> | undefined;
    // Hugo reads config keys case-insensitively; the model keeps them lower-cased.
    assert.equal(params?.['authorname'], 'Ada');
    const jekyll = siteContextFor(sites, 'docs/_posts/2021-03-04-news.md').site.values;
    assert.deepEqual([jekyll?.['title'], jekyll?.['repository']], ['Docs', 'me/docs']);
    assert.equal(siteContextFor(sites, 'notes/plain.md').site.values, undefined);
  });
});

describe('site values in the preview (#17)', () => {
  // What templates/plugin.ts shows from the values: Liquid `{{ site.x }}` (Jekyll, Eleventy, Hexo) and Hugo's `param`.
  // Zola's Markdown has no variables, only shortcodes with literal arguments: its config values are there for the
  // shortcodes' templates, and the preview labels a shortcode rather than running its template.
  it('renders an Eleventy post\'s {{ site.title }} from _data/site.json, and Hugo\'s param from [params]', async () => {
    const files = memoryFiles({
      'e/eleventy.config.js': 'export default () => ({ dir: { input: "src" } });\n',
      'e/src/_data/site.json': '{"title": "Eleventy Blog"}',
      'e/src/posts/posts.json': '{"tags": "posts"}',
      'e/src/posts/hello.md': '---\ntitle: Hello\n---\nWelcome to {{ site.title }}.\n',
      'h/hugo.toml': 'title = "B"\n[params]\nmotto = "Keep going"\n',
      'h/content/posts/hi.md': '---\ntitle: Hi\n---\nMotto: {{< param "motto" >}}\n',
      'z/config.toml': 'base_url = "https://z.example"\n[extra]\nauthor = "Ada"\n',
      'z/content/p.md': '+++\ntitle = "P"\n+++\nBy {{ config.extra.author }}.\n',
    });
    const sites = await detectSites(files, { dateFields: ['date'] });
    const render = async (path: string): Promise<string> => {
      const site = siteContextFor(sites, path);
      const text = (await files.readText(path)) ?? '';
      const analysis = analyze({ path, text }, DEFAULT_CONFIG, { site });
      return renderArticle(analysis, { locale: 'en', allowRemoteImages: false, generator: site.site.generator === 'none' ? undefined : site.site.generator, siteValues: site.site.values }).bodyHtml;
    };
    assert.match(await render('e/src/posts/hello.md'), /Welcome to Eleventy Blog\./);
    assert.match(await render('h/content/posts/hi.md'), /Motto: Keep going/);
    // Zola: the value is in the model (for a shortcode's template); the Markdown's `{{ config.x }}` is not a Zola construct.
    assert.equal((siteContextFor(sites, 'z/content/p.md').site.values?.['extra'] as Record<string, unknown>)['author'], 'Ada');
  });
});
