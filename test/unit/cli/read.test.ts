import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { collectFiles } from '../../../src/cli/files';
import { readDocSync, readPost, readPostSync } from '../../../src/cli/read';
import { DEFAULT_CONFIG } from '../../../src/core';
import { runJson, TempSite } from './helpers';

describe('cli file reading', () => {
  let site: TempSite;
  afterEach(async () => site?.cleanup());

  it('reports a file deleted between listing and reading, and goes on', async () => {
    site = await TempSite.create({ 'a.md': '# A\n', 'b.md': '# B\n' });
    const files = await collectFiles([], { cwd: site.dir, root: site.dir, config: DEFAULT_CONFIG });
    await fs.rm(site.path('a.md'));
    const [gone, kept] = await Promise.all(files.map((f) => readPost(f, DEFAULT_CONFIG.maxFileSize)));
    assert.deepEqual(gone, { ok: false, message: 'The file was deleted before it could be read.' });
    assert.equal(kept?.ok, true);
  });

  it('strips the BOM and remembers it, and keeps the text exactly', async () => {
    site = await TempSite.create({ 'a.md': Buffer.from('\uFEFF# Title\r\n\r\nBody\r\n') });
    const [file] = await collectFiles([], { cwd: site.dir, root: site.dir, config: DEFAULT_CONFIG });
    assert.ok(file);
    const read = await readPost(file, DEFAULT_CONFIG.maxFileSize);
    assert.ok(read.ok);
    assert.equal(read.bom, true);
    assert.equal(read.doc.text, '# Title\r\n\r\nBody\r\n');
    assert.equal(read.doc.path, path.join(site.dir, 'a.md'));
  });

  it('reads empty files and files exactly at the size limit', async () => {
    site = await TempSite.create({ 'empty.md': '', 'limit.md': 'x'.repeat(1024), 'over.md': 'x'.repeat(1025) });
    const out = await runJson(site.dir, '--max-file-size', '1024');
    assert.deepEqual(out.findings.filter((f) => f.rule === 'file').map((f) => f.file), ['over.md']);
  });

  it('reports a named FIFO without opening it (opening would block)', async () => {
    site = await TempSite.create({ '2020-11-06-a.md': '# A\n' });
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [site.path('pipe.md')]);
    const out = await runJson(site.dir, 'pipe.md', '2020-11-06-a.md');
    assert.deepEqual(out.findings.map((f) => [f.file, f.rule, f.message]), [['pipe.md', 'file', 'Not a regular file; it was not read.']]);
    const walked = await runJson(site.dir);
    assert.equal(walked.files, 1, 'a walk skips anything that is not a regular file');
  });

  it('reports an unreadable file with rule `file`', async function () {
    // root reads anything, so the permission case only means something for other users.
    if (process.getuid?.() === 0) this.skip();
    site = await TempSite.create({ 'secret.md': '# Secret\n' });
    await fs.chmod(site.path('secret.md'), 0o000);
    const out = await runJson(site.dir);
    assert.deepEqual(out.findings.map((f) => [f.rule, f.message]), [['file', 'Cannot read the file: permission denied.']]);
  });

  it('reads files without promises (the threads\' reader) with the same answers as readPost, file by file', async () => {
    site = await TempSite.create({
      'plain.md': '---\ntitle: x\n---\nBody\n',
      'bom.md': Buffer.from('\uFEFF# Title\r\n'),
      'empty.md': '',
      'limit.md': 'x'.repeat(1024),
      'over.md': 'x'.repeat(1025),
      'binary.md': Buffer.from([0x23, 0x20, 0x00, 0x41]),
      'latin1.md': Buffer.from('caf\xe9\n', 'latin1'),
      'utf16.md': Buffer.from('\uFEFF# A\n', 'utf16le'),
      'nul-late.md': Buffer.concat([Buffer.from('x'.repeat(9000)), Buffer.from([0])]),
      'gone.md': '# Gone\n',
      'sub/inner.md': '# Inner\n',
    });
    const files = await collectFiles([], { cwd: site.dir, root: site.dir, config: DEFAULT_CONFIG });
    await fs.rm(site.path('gone.md'));
    const folder = { absPath: site.path('sub'), realPath: site.path('sub'), displayPath: 'sub' };
    const listed = { absPath: site.path('x.md'), realPath: site.path('x.md'), displayPath: 'x.md', problem: 'Cannot list the folder.' };
    const all = [...files, folder, listed];
    const expected = await Promise.all(all.map((f) => readPost(f, 1024 * 16)));
    const strip = (r: Awaited<ReturnType<typeof readPost>>): unknown => (r.ok ? { ...r, bytes: Buffer.from(r.bytes).toString('hex') } : r);
    assert.deepEqual(all.map((f) => readPostSync(f, 1024 * 16)).map(strip), expected.map(strip));
    // The size limit is the caller's: over it, nothing is read.
    const limited = all.map((f) => readPostSync(f, 1024));
    assert.deepEqual(limited.map((r) => r.ok), (await Promise.all(all.map((f) => readPost(f, 1024)))).map((r) => r.ok));
    assert.equal(expected.filter((r) => r.ok).length, 7);
  });

  it('reads the document alone (check and list on their threads) with the same answers as readPost, through one reused buffer', async () => {
    const large = `---\ntitle: large\n---\n${'Zeile mit Umlauten: äöü, and more.\n'.repeat(9000)}`;
    site = await TempSite.create({
      // Large first, then small: nothing of a larger file may show through the reused buffer.
      'a-large.md': large,
      'b-small.md': '---\ntitle: x\n---\nBody\n',
      'c-over-buffer.md': `# Over the buffer\n${'x'.repeat(300 * 1024)}\n`,
      'd-exactly-buffer.md': 'y'.repeat(256 * 1024),
      'e-bom.md': Buffer.from('\uFEFF# Title\r\n'),
      'f-empty.md': '',
      'g-binary.md': Buffer.from([0x23, 0x20, 0x00, 0x41]),
      'h-latin1.md': Buffer.from('caf\xe9\n', 'latin1'),
      'i-utf16.md': Buffer.from('\uFEFF# A\n', 'utf16le'),
      'j-gone.md': '# Gone\n',
      'k-small-again.md': '# Small\n',
      'sub/inner.md': '# Inner\n',
    });
    const files = await collectFiles([], { cwd: site.dir, root: site.dir, config: DEFAULT_CONFIG });
    await fs.rm(site.path('j-gone.md'));
    const folder = { absPath: site.path('sub'), realPath: site.path('sub'), displayPath: 'sub' };
    const listed = { absPath: site.path('x.md'), realPath: site.path('x.md'), displayPath: 'x.md', problem: 'Cannot list the folder.' };
    const all = [...files, folder, listed, ...files];
    for (const limit of [1024 * 1024, 1024]) {
      const expected = (await Promise.all(all.map((f) => readPost(f, limit)))).map((r) => (r.ok ? { ok: true, doc: r.doc } : r));
      assert.deepEqual(all.map((f) => readDocSync(f, limit)), expected, `maxFileSize ${limit}`);
    }
    const first = readDocSync(files[0]!, 1024 * 1024);
    assert.ok(first.ok && first.doc.text === large);
    // A FIFO put where a post was (readPost would wait for a writer): refused without waiting, as by readPostSync.
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [site.path('l-pipe.md')]);
    const fifo = { absPath: site.path('l-pipe.md'), realPath: site.path('l-pipe.md'), displayPath: 'l-pipe.md' };
    assert.deepEqual(readDocSync(fifo, 1024), { ok: false, message: 'Not a regular file; skipped.' });
    assert.deepEqual(readDocSync(fifo, 1024), readPostSync(fifo, 1024));
  });
});
