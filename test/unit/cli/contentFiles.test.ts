// The folder walk shared by `postdesk check` and the editor's index: which
// files it finds, and that one file reached by two paths is listed once, the
// first path found winning, whether it was walked plainly or through a link.

import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import { walkContentFolder, Walker } from '../../../src/node/contentFiles';
import { TempSite } from './helpers';

const POST = '---\ntitle: A post\ndate: 2020-11-06\n---\n\nBody.\n';

describe('walkContentFolder', () => {
  let site: TempSite;

  afterEach(async () => {
    await site?.cleanup();
  });

  it('lists the content files with their paths as walked, pruning excluded folders', async () => {
    site = await TempSite.create({
      '_posts/2020-11-06-a.md': POST,
      '_posts/my folder/b.markdown': POST,
      '_posts/notes.txt': 'not a post',
      'node_modules/pkg/readme.md': POST,
      '_site/index.md': POST,
    });
    const paths = await walkContentFolder(site.dir, DEFAULT_CONFIG);
    assert.deepEqual([...paths].sort(), [site.path('_posts/2020-11-06-a.md'), site.path('_posts/my folder/b.markdown')]);
  });

  it('lists a file reached through a link and by its own path once', async () => {
    site = await TempSite.create({ 'posts/a.md': POST, 'posts/b.md': POST });
    // `linked.md` sorts before `posts/`: the link is found first and wins; `b.md` is found only by its path.
    await fs.symlink(site.path('posts/a.md'), site.path('linked.md'));
    const paths = await walkContentFolder(site.dir, DEFAULT_CONFIG);
    assert.deepEqual([...paths].sort(), [site.path('linked.md'), site.path('posts/b.md')]);
  });

  it('lists every file once when the root itself is reached through a link', async () => {
    site = await TempSite.create({ 'real/posts/a.md': POST, 'real/posts/b.md': POST });
    await fs.symlink(site.path('real'), site.path('alias'));
    const paths = await walkContentFolder(site.path('alias'), DEFAULT_CONFIG);
    assert.deepEqual([...paths].sort(), [site.path('alias/posts/a.md'), site.path('alias/posts/b.md')]);
  });
});

describe('Walker', () => {
  let site: TempSite;

  afterEach(async () => {
    await site?.cleanup();
  });

  it('gives display paths relative to the working directory, sorted, with a file given twice listed once', async () => {
    site = await TempSite.create({ 'site/posts/b.md': POST, 'site/posts/a.md': POST, 'other/c.md': POST });
    const walker = new Walker({ cwd: path.join(site.dir, 'site'), root: path.join(site.dir, 'site'), config: DEFAULT_CONFIG });
    await walker.walkRoot(site.path('site'));
    // Given on the command line after the walk found it: not listed again.
    await walker.addExplicitFile(site.path('site/posts/a.md'));
    await walker.walkRoot(site.path('other'));
    const files = walker.result();
    assert.deepEqual(
      files.map((f) => f.displayPath),
      ['../other/c.md', 'posts/a.md', 'posts/b.md'],
    );
    assert.equal(walker.count, 3);
    for (const file of files) assert.equal(file.realPath, file.absPath);
  });

  it('keeps the path a file was first found by when it is then walked by its own path', async () => {
    site = await TempSite.create({ 'site/posts/a.md': POST });
    const walker = new Walker({ cwd: site.path('site'), root: site.path('site'), config: DEFAULT_CONFIG });
    await fs.symlink(site.path('site/posts/a.md'), site.path('site/0-first.md'));
    await walker.walkRoot(site.path('site'));
    const files = walker.result();
    assert.deepEqual(files.map((f) => [f.displayPath, path.relative(site.dir, f.realPath)]), [['0-first.md', path.join('site', 'posts', 'a.md')]]);
  });
});
