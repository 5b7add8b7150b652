import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, promises as fs } from 'node:fs';
import { ChangedOnDiskError, ReadOnlyError, writeFixedFile, writeSeams, type Expected } from '../../../src/cli/write';
import { TempSite } from './helpers';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** What a fix knows of the file: its stat and bytes as read. */
async function expectedOf(file: string): Promise<Expected> {
  const stat = await fs.stat(file);
  return { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino, dev: stat.dev, bytes: await fs.readFile(file) };
}

for (const inPlace of [true, false]) describe(`cli fixed-file write (${inPlace ? 'in place' : 'temporary file and rename'})`, () => {
  let site: TempSite;
  beforeEach(() => {
    writeSeams.mode = inPlace ? 'in-place' : 'rename';
  });
  afterEach(async () => {
    writeSeams.mode = 'auto';
    writeSeams.beforeReplace = undefined;
    await site?.cleanup();
  });

  it('replaces the file and keeps its mode', async () => {
    site = await TempSite.create({ 'a.md': 'old\n' });
    await fs.chmod(site.path('a.md'), 0o604);
    await writeFixedFile(site.path('a.md'), encode('new\n'), await expectedOf(site.path('a.md')));
    assert.equal(await site.read('a.md'), 'new\n');
    assert.equal((await fs.stat(site.path('a.md'))).mode & 0o7777, 0o604);
    assert.deepEqual(await fs.readdir(site.dir), ['a.md']);
  });

  it('keeps setgid and sticky bits', async () => {
    site = await TempSite.create({ 'a.md': 'old\n' });
    await fs.chmod(site.path('a.md'), 0o3664);
    await writeFixedFile(site.path('a.md'), encode('new\n'), await expectedOf(site.path('a.md')));
    assert.equal((await fs.stat(site.path('a.md'))).mode & 0o7777, 0o3664);
  });

  it('leaves a file that changed since it was read alone', async () => {
    site = await TempSite.create({ 'a.md': 'old\n' });
    const expected = await expectedOf(site.path('a.md'));
    await site.write('a.md', 'edited by someone else meanwhile\n');
    await assert.rejects(writeFixedFile(site.path('a.md'), encode('fixed\n'), expected), ChangedOnDiskError);
    assert.equal(await site.read('a.md'), 'edited by someone else meanwhile\n');
    assert.deepEqual(await fs.readdir(site.dir), ['a.md'], 'no temp file left');
  });

  it('leaves a file alone whose content changed with the same size and time', async () => {
    site = await TempSite.create({ 'a.md': 'old\n' });
    const expected = await expectedOf(site.path('a.md'));
    await site.write('a.md', 'new\n');
    await fs.utimes(site.path('a.md'), expected.mtimeMs / 1000, expected.mtimeMs / 1000);
    const again = await fs.stat(site.path('a.md'));
    assert.equal(again.size, expected.size);
    await assert.rejects(writeFixedFile(site.path('a.md'), encode('fixed\n'), { ...expected, mtimeMs: again.mtimeMs }), /changed while fixing; not written/);
    assert.equal(await site.read('a.md'), 'new\n');
  });

  it('fails cleanly when the file is gone', async () => {
    site = await TempSite.create({ 'a.md': 'old\n' });
    const expected = await expectedOf(site.path('a.md'));
    await fs.rm(site.path('a.md'));
    await assert.rejects(writeFixedFile(site.path('a.md'), encode('fixed\n'), expected), ChangedOnDiskError);
    assert.deepEqual(await fs.readdir(site.dir), []);
  });

  it('refuses a read-only file (judged from its mode, so also as root)', async () => {
    site = await TempSite.create({ 'a.md': 'old\n' });
    await fs.chmod(site.path('a.md'), 0o444);
    await assert.rejects(writeFixedFile(site.path('a.md'), encode('new\n'), await expectedOf(site.path('a.md'))), ReadOnlyError);
    assert.equal(await site.read('a.md'), 'old\n');
    assert.equal((await fs.stat(site.path('a.md'))).mode & 0o777, 0o444);
  });

  it('writes a file with a second hard link in place: both names see the fix', async () => {
    site = await TempSite.create({ 'a.md': 'old text\n' });
    await fs.link(site.path('a.md'), site.path('b.md'));
    const ino = (await fs.stat(site.path('a.md'))).ino;
    await writeFixedFile(site.path('a.md'), encode('new\n'), await expectedOf(site.path('a.md')));
    assert.equal(await site.read('a.md'), 'new\n');
    assert.equal(await site.read('b.md'), 'new\n');
    const after = await fs.stat(site.path('a.md'));
    assert.equal(after.ino, ino);
    assert.equal(after.nlink, 2);
    // Longer than before, too.
    await writeFixedFile(site.path('b.md'), encode('a longer text than before\n'), await expectedOf(site.path('b.md')));
    assert.equal(await site.read('a.md'), 'a longer text than before\n');
    assert.deepEqual((await fs.readdir(site.dir)).sort(), ['a.md', 'b.md']);
  });

  it('keeps the owner and group of a file owned by another user', async function () {
    if (process.getuid?.() !== 0) {
      // Only root can give a file to another user, so the test cannot set the scene.
      this.skip();
    }
    site = await TempSite.create({ 'a.md': 'old\n' });
    await fs.chown(site.path('a.md'), 4321, 8765);
    await fs.chmod(site.path('a.md'), 0o640);
    await writeFixedFile(site.path('a.md'), encode('new\n'), await expectedOf(site.path('a.md')));
    const after = await fs.stat(site.path('a.md'));
    assert.deepEqual([after.uid, after.gid, after.mode & 0o7777], [4321, 8765, 0o640]);
    assert.equal(await site.read('a.md'), 'new\n');
  });

  it('uses a short temporary name, so a 254-byte file name can be fixed', async () => {
    const name = `2020-01-01-${'漢'.repeat(80)}.md`;
    assert.equal(Buffer.byteLength(name), 254);
    site = await TempSite.create({ [name]: 'old\n' });
    await writeFixedFile(site.path(name), encode('new\n'), await expectedOf(site.path(name)));
    assert.equal(await site.read(name), 'new\n');
    assert.deepEqual(await fs.readdir(site.dir), [name]);
  });

  it('keeps lines appended between the last check and the replacement', async () => {
    site = await TempSite.create({ 'a.md': 'old text\n' });
    writeSeams.beforeReplace = (): void => {
      appendFileSync(site.path('a.md'), 'appended at the last moment\n');
    };
    const write = writeFixedFile(site.path('a.md'), encode('new\n'), await expectedOf(site.path('a.md')));
    if (inPlace) {
      // Seen before the file was cut to its new length: the original is put back, the line kept.
      await assert.rejects(write, ChangedOnDiskError);
      assert.equal(await site.read('a.md'), 'old text\nappended at the last moment\n');
    } else {
      // Reached the old inode after the rename: carried over to the new file.
      await write;
      assert.equal(await site.read('a.md'), 'new\nappended at the last moment\n');
    }
    assert.deepEqual(await fs.readdir(site.dir), ['a.md']);
  });

  it('keeps a line appended at the last moment to a file that grows', async () => {
    site = await TempSite.create({ 'a.md': 'old\n' });
    writeSeams.beforeReplace = (): void => {
      appendFileSync(site.path('a.md'), 'appended\n');
    };
    const write = writeFixedFile(site.path('a.md'), encode('---\ndate: 2020-01-01\n---\nold\n'), await expectedOf(site.path('a.md')));
    if (inPlace) {
      await assert.rejects(write, ChangedOnDiskError);
      assert.equal(await site.read('a.md'), 'old\nappended\n');
    } else {
      await write;
      assert.equal(await site.read('a.md'), '---\ndate: 2020-01-01\n---\nold\nappended\n');
    }
  });

});

describe('cli fixed-file write: which way', () => {
  let site: TempSite;
  afterEach(async () => site?.cleanup());

  it('renames a new file over one nobody holds open', async () => {
    site = await TempSite.create({ 'a.md': 'old text\n' });
    const ino = (await fs.stat(site.path('a.md'))).ino;
    await writeFixedFile(site.path('a.md'), encode('new\n'), await expectedOf(site.path('a.md')));
    assert.notEqual((await fs.stat(site.path('a.md'))).ino, ino);
  });

  it('writes in place a file another process holds open, which then keeps appending to it', async function () {
    if (process.platform !== 'linux') this.skip(); // seen through /proc
    site = await TempSite.create({ 'a.md': 'old text\n' });
    // Like `while …; do echo …; done >> a.md`: opened once, written later.
    const holder = spawn(process.execPath, ['-e', HOLDER, site.path('a.md')], { stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = once(holder, 'exit');
    try {
      await once(holder.stdout, 'data');
      const ino = (await fs.stat(site.path('a.md'))).ino;
      await writeFixedFile(site.path('a.md'), encode('new\n'), await expectedOf(site.path('a.md')));
      assert.equal((await fs.stat(site.path('a.md'))).ino, ino);
    } finally {
      holder.stdin.end();
      await exited;
    }
    assert.equal(await site.read('a.md'), 'new\nappended later\n');
  });
});

/** Opens the file for appending, says so, and appends one line when stdin closes. */
const HOLDER = `
const fs = require('node:fs');
const fd = fs.openSync(process.argv[1], 'a');
process.stdout.write('open\\n');
process.stdin.on('end', () => { fs.writeSync(fd, 'appended later\\n'); fs.closeSync(fd); });
process.stdin.resume();
`;
