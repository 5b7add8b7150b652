import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { ChangedOnDiskError, writeFileAtomic } from '../../../src/cli/write';
import { TempSite } from './helpers';

describe('cli atomic write', () => {
  let site: TempSite;
  afterEach(async () => site?.cleanup());

  it('replaces the file and keeps its mode', async () => {
    site = await TempSite.create({ 'a.md': 'old\n' });
    await fs.chmod(site.path('a.md'), 0o604);
    const stat = await fs.stat(site.path('a.md'));
    await writeFileAtomic(site.path('a.md'), new TextEncoder().encode('new\n'), stat);
    assert.equal(await site.read('a.md'), 'new\n');
    assert.equal((await fs.stat(site.path('a.md'))).mode & 0o777, 0o604);
    assert.deepEqual(await fs.readdir(site.dir), ['a.md']);
  });

  it('leaves a file that changed since it was read alone', async () => {
    site = await TempSite.create({ 'a.md': 'old\n' });
    const stat = await fs.stat(site.path('a.md'));
    await site.write('a.md', 'edited by someone else meanwhile\n');
    await assert.rejects(writeFileAtomic(site.path('a.md'), new TextEncoder().encode('fixed\n'), stat), ChangedOnDiskError);
    assert.equal(await site.read('a.md'), 'edited by someone else meanwhile\n');
    assert.deepEqual(await fs.readdir(site.dir), ['a.md'], 'no temp file left');
  });

  it('fails cleanly when the file is gone', async () => {
    site = await TempSite.create({ 'a.md': 'old\n' });
    const stat = await fs.stat(site.path('a.md'));
    await fs.rm(site.path('a.md'));
    await assert.rejects(writeFileAtomic(site.path('a.md'), new TextEncoder().encode('fixed\n'), stat), /ENOENT/);
    assert.deepEqual(await fs.readdir(site.dir), []);
  });
});
