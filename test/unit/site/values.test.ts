// The site's config values (`Site.values`): what the preview shows for
// `{{ site.x }}` and Hugo's `param` (#17). Read from the config as the
// generator reads it; never from a file it does not read.
import assert from 'node:assert/strict';
import { detectSites, siteContextFor } from '../../../src/core';
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
