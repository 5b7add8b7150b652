// New Post's slug, file name, front matter and folder choice.
import { strict as assert } from 'node:assert';
import { parseDocument } from 'yaml';
import { cleanFolderSetting, defaultPostFolder, newPostContent, newPostFileName, slugify, yamlTitle } from '../../../src/commands/newPostModel';

describe('new post: slug and file name', () => {
  it('strips accents and keeps letters of every script', () => {
    assert.equal(slugify('Café Crème: Ça va?'), 'cafe-creme-ca-va');
    assert.equal(slugify('Straße & Ærø'), 'strasse-aero');
    assert.equal(slugify('日本語のタイトル'), '日本語のタイトル');
    assert.equal(slugify('Привет, мир'), 'привет-мир');
    assert.equal(slugify('ﬁne Ⅻ'), 'fine-xii');
  });

  it('joins apostrophes, collapses punctuation and trims hyphens', () => {
    assert.equal(slugify("Don't stop — ever!"), 'dont-stop-ever');
    assert.equal(slugify('Tips for becoming a good boxer - November 6, 2020'), 'tips-for-becoming-a-good-boxer-november-6-2020');
    assert.equal(slugify('  --Hello--  '), 'hello');
    assert.equal(slugify('!!!'), '');
  });

  it('cuts long titles at a word boundary', () => {
    const slug = slugify('word '.repeat(40));
    assert.ok(slug.length <= 80);
    assert.match(slug, /^(word-)*word$/);
  });

  it('builds the file name with the optional date prefix and extension', () => {
    assert.equal(newPostFileName('Hello World', { today: '2020-11-06', datePrefix: true, extension: '.md' }), '2020-11-06-hello-world.md');
    assert.equal(newPostFileName('Hello World', { today: '2020-11-06', datePrefix: false, extension: '.mdx' }), 'hello-world.mdx');
    assert.equal(newPostFileName('???', { today: '2020-11-06', datePrefix: false, extension: '.markdown' }), 'untitled.markdown');
    assert.equal(newPostFileName('x', { today: '2020-11-06', datePrefix: false, extension: '.exe' }), 'x.md', 'only Markdown extensions');
  });
});

describe('new post: front matter', () => {
  const titles = ['Hello', 'yes', 'No', 'on', 'null', '~', '2020-11-06', 'Tips: a guide', '#hash', `quote's "x"`, '- dash', '@at', '[link]', '{brace}', 'a: b # c', 'Über café', '100', 'x'.repeat(200), '  spaced  ', 'tab\there', '*star', '&anchor', '!tag', '%percent', '`tick`', 'line\nbreak', 'back\\slash'];

  for (const title of titles) {
    it(`reads the title back exactly as a string: ${JSON.stringify(title)}`, () => {
      const { text } = newPostContent(title, '2020-11-06');
      const block = text.split('---')[1];
      for (const version of ['1.1', '1.2'] as const) {
        const doc = parseDocument(block, { version });
        assert.equal(doc.errors.length, 0, doc.errors.join('\n'));
        assert.equal(doc.get('title'), title.trim(), `YAML ${version}`);
      }
    });
  }

  it('quotes titles that YAML 1.1 (Jekyll) would read as booleans or dates', () => {
    assert.equal(yamlTitle('yes'), '"yes"');
    assert.equal(yamlTitle('2020-11-06'), '"2020-11-06"');
    assert.equal(yamlTitle('Hello world'), 'Hello world');
  });

  it('writes title, date and draft, and puts the cursor on the body line', () => {
    const content = newPostContent('Hello', '2020-11-06');
    assert.equal(content.text, '---\ntitle: Hello\ndate: 2020-11-06\ndraft: true\n---\n\n');
    assert.equal(content.text.split('\n')[content.bodyLine], '');
    assert.equal(content.bodyLine, 6);
    assert.equal(newPostContent('Hello', '2020-11-06', '\r\n').text, '---\r\ntitle: Hello\r\ndate: 2020-11-06\r\ndraft: true\r\n---\r\n\r\n');
  });
});

describe('new post: target folder', () => {
  it('picks the folder that holds most posts', () => {
    assert.equal(defaultPostFolder(['_posts/a.md', '_posts/b.md', 'README.md', 'docs/x.md'], false), '_posts');
    assert.equal(defaultPostFolder(['content/blog/2020-01-01-a/index.md', 'content/blog/2020-01-02-b/index.md', 'content/about.md'], false), 'content/blog');
  });

  it('breaks ties stably and falls back to _posts, then the root', () => {
    assert.equal(defaultPostFolder(['b/x.md', 'a/y.md'], false), 'a');
    assert.equal(defaultPostFolder([], true), '_posts');
    assert.equal(defaultPostFolder([], false), '');
    assert.equal(defaultPostFolder(['one.md'], true), '');
  });

  it('keeps the configured folder inside the workspace folder', () => {
    assert.equal(cleanFolderSetting('content\\posts/'), 'content/posts');
    assert.equal(cleanFolderSetting('./_posts'), '_posts');
    assert.equal(cleanFolderSetting(''), '');
    assert.equal(cleanFolderSetting('../elsewhere'), undefined);
    assert.equal(cleanFolderSetting('a/../../b'), undefined);
  });
});
