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
