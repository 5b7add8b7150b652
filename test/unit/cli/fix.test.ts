import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FIXTURES, run, runJson, TempSite } from './helpers';

const SCRAPED = '---\ntitle: Scraped\ndate: 2020-11-06\n---\n\nFirst paragraph.\n\nAdvertisement\n\nSecond paragraph.\n*ADVERTISEMENT*\nThird paragraph.\n';
const SCRAPED_FIXED = '---\ntitle: Scraped\ndate: 2020-11-06\n---\n\nFirst paragraph.\n\nSecond paragraph.\nThird paragraph.\n';

describe('postdesk fix', () => {
  let site: TempSite;
  afterEach(async () => site?.cleanup());

  it('removes stray markers and keeps paragraphs separated as before', async () => {
    site = await TempSite.create({ 'a.md': SCRAPED });
    const result = await run(site.dir, 'fix');
    assert.equal(result.code, 0);
    assert.equal(await site.read('a.md'), SCRAPED_FIXED);
    assert.match(result.stdout, /^fixed a\.md \(2 problems\)$/m);
    assert.match(result.stdout, /Fixed 2 problems in 1 file of 1 file\./);
    assert.deepEqual((await runJson(site.dir)).findings, []);
  });

  it('keeps CRLF line endings and the BOM', async () => {
    const crlf = SCRAPED.replace(/\n/g, '\r\n');
    site = await TempSite.create({ 'crlf.md': crlf, 'bom.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf)]) });
    await run(site.dir, 'fix');
    const expected = SCRAPED_FIXED.replace(/\n/g, '\r\n');
    assert.equal(await site.read('crlf.md'), expected);
    const bom = await site.bytes('bom.md');
    assert.deepEqual([...bom.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(bom.subarray(3).toString('utf8'), expected);
  });

  it('is idempotent: a second run changes nothing', async () => {
    site = await TempSite.create({ 'a.md': SCRAPED, '2019-02-14-magic-mirror.md': '---\ntitle: Mirror\n---\n\nBody.\n' });
    await run(site.dir, 'fix');
    const first = [await site.read('a.md'), await site.read('2019-02-14-magic-mirror.md')];
    const again = await run(site.dir, 'fix');
    assert.match(again.stdout, /Fixed 0 problems in 0 files of 2 files\./);
    assert.deepEqual([await site.read('a.md'), await site.read('2019-02-14-magic-mirror.md')], first);
  });

  it('never invents a date: an undated post waits for its author, a file-name date is already a date', async () => {
    const undated = '---\ntitle: Undated\n---\n\nBody.\n';
    site = await TempSite.create({ '2019-02-14-magic-mirror.md': undated, 'undated.md': undated });
    const result = await run(site.dir, 'fix');
    assert.equal(await site.read('2019-02-14-magic-mirror.md'), undated);
    assert.equal(await site.read('undated.md'), undated);
    assert.match(result.stdout, /Fixed 0 problems in 0 files of 2 files\./);
    const left = await runJson(site.dir);
    assert.deepEqual(left.findings.map((f) => [f.file, f.rule]), [['undated.md', 'missing-date']]);
  });

  it('fills an empty date field from a dated file name', async () => {
    site = await TempSite.create({ '2019-02-14-magic-mirror.md': '---\ntitle: Mirror\ndate:\n---\n\nBody.\n' });
    const result = await run(site.dir, 'fix');
    assert.equal(await site.read('2019-02-14-magic-mirror.md'), '---\ntitle: Mirror\ndate: 2019-02-14\n---\n\nBody.\n');
    assert.match(result.stdout, /Fixed 1 problem in 1 file of 1 file\./);
  });

  it('--dry-run prints a unified diff and writes nothing', async () => {
    site = await TempSite.create({ 'posts/a.md': SCRAPED });
    const before = await fs.stat(site.path('posts/a.md'));
    const result = await run(site.dir, 'fix', '--dry-run');
    assert.equal(result.code, 0);
    assert.equal(await site.read('posts/a.md'), SCRAPED);
    assert.equal((await fs.stat(site.path('posts/a.md'))).mtimeMs, before.mtimeMs);
    assert.equal(
      result.stdout,
      [
        '--- a/posts/a.md',
        '+++ b/posts/a.md',
        '@@ -5,8 +5,5 @@',
        ' ',
        ' First paragraph.',
        ' ',
        '-Advertisement',
        '-',
        ' Second paragraph.',
        '-*ADVERTISEMENT*',
        ' Third paragraph.',
        '',
      ].join('\n'),
    );
    assert.match(result.stderr, /Would fix 2 problems in 1 file of 1 file; nothing was written\./);
    assert.deepEqual(await fs.readdir(site.path('posts')), ['a.md'], 'no temp files left');
  });

  it('keeps the file mode, writes through symbolic links and leaves no temp files', async () => {
    site = await TempSite.create({ 'real/a.md': SCRAPED });
    await fs.chmod(site.path('real/a.md'), 0o640);
    await fs.mkdir(site.path('posts'));
    await fs.symlink(site.path('real/a.md'), site.path('posts/link.md'));
    await run(site.dir, 'fix', 'posts/link.md');
    assert.equal(await site.read('real/a.md'), SCRAPED_FIXED);
    assert.ok((await fs.lstat(site.path('posts/link.md'))).isSymbolicLink(), 'the link is still a link');
    assert.equal((await fs.stat(site.path('real/a.md'))).mode & 0o777, 0o640);
    assert.deepEqual(await fs.readdir(site.path('real')), ['a.md']);
  });

  it('refuses a read-only file: exit 1, the reason, the file untouched', async () => {
    site = await TempSite.create({ 'a.md': SCRAPED, 'b.md': SCRAPED });
    await fs.chmod(site.path('a.md'), 0o444);
    const result = await run(site.dir, 'fix');
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^postdesk: a\.md: read-only \(mode 0444\); not written/m);
    assert.equal(await site.read('a.md'), SCRAPED);
    assert.equal((await fs.stat(site.path('a.md'))).mode & 0o777, 0o444);
    assert.equal(await site.read('b.md'), SCRAPED_FIXED, 'the other files are still fixed');
  });

  it('keeps hard links: the other name sees the fixed text', async () => {
    site = await TempSite.create({ 'posts/a.md': SCRAPED });
    await fs.link(site.path('posts/a.md'), site.path('other.md'));
    const result = await run(site.dir, 'fix', 'posts');
    assert.equal(result.code, 0);
    assert.equal(await site.read('other.md'), SCRAPED_FIXED);
    assert.equal((await fs.stat(site.path('other.md'))).nlink, 2);
  });

  it('keeps the owner and group of a file owned by another user', async function () {
    if (process.getuid?.() !== 0) this.skip(); // only root can chown a file to another user to set the scene
    site = await TempSite.create({ 'a.md': SCRAPED });
    await fs.chown(site.path('a.md'), 4321, 8765);
    await run(site.dir, 'fix');
    const after = await fs.stat(site.path('a.md'));
    assert.deepEqual([after.uid, after.gid], [4321, 8765]);
    assert.equal(await site.read('a.md'), SCRAPED_FIXED);
  });

  it('fixes a file whose name is 254 bytes long', async () => {
    const name = `2020-11-06-${'記'.repeat(80)}.md`;
    site = await TempSite.create({ [name]: SCRAPED });
    const result = await run(site.dir, 'fix');
    assert.equal(result.stderr, '');
    assert.equal(result.code, 0);
    assert.equal(await site.read(name), SCRAPED_FIXED);
    assert.deepEqual(await fs.readdir(site.dir), [name]);
  });

  it('through a symbolic link named on the command line and found in a walk, the link stays a link', async () => {
    site = await TempSite.create({ 'posts/real.md': SCRAPED });
    await fs.symlink('real.md', site.path('posts/link.md'));
    const result = await run(site.dir, 'fix', 'posts/link.md');
    assert.equal(result.code, 0);
    assert.ok((await fs.lstat(site.path('posts/link.md'))).isSymbolicLink());
    assert.equal(await fs.readlink(site.path('posts/link.md')), 'real.md');
    assert.equal(await site.read('posts/real.md'), SCRAPED_FIXED);
    await site.write('posts/real.md', SCRAPED);
    await run(site.dir, 'fix', 'posts');
    assert.ok((await fs.lstat(site.path('posts/link.md'))).isSymbolicLink());
    assert.equal(await site.read('posts/real.md'), SCRAPED_FIXED);
    assert.deepEqual((await fs.readdir(site.path('posts'))).sort(), ['link.md', 'real.md']);
  });

  it('leaves unreadable and binary files alone and reports them', async () => {
    const binary = new Uint8Array([0, 1, 2, 3, 0x41, 0x64, 0x0a]);
    site = await TempSite.create({ 'bin.md': binary, 'a.md': SCRAPED });
    const result = await run(site.dir, 'fix');
    assert.equal(result.code, 0);
    assert.deepEqual([...(await site.bytes('bin.md'))], [...binary]);
    assert.match(result.stderr, /postdesk: bin\.md: /);
    assert.equal(await site.read('a.md'), SCRAPED_FIXED);
  });

  it('fixes the seed article: both Advertisement lines go, nothing else changes', async () => {
    const seed = await fs.readFile(path.join(FIXTURES, 'seed-article.md'), 'utf8');
    site = await TempSite.create({ 'seed.md': seed });
    await run(site.dir, 'fix');
    const fixed = await site.read('seed.md');
    assert.equal(fixed, seed.split('\n').filter((line) => line !== 'Advertisement').join('\n'));
    const left = await runJson(site.dir);
    assert.deepEqual(left.findings.map((f) => f.rule), ['missing-date'], 'the date needs an author decision');
  });
});
