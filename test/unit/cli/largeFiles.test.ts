// Files too large for one read: the limit a user can ask for stays below what
// Node can hold, and reading never aborts the process (issue #14, item 10).
// Sparse files (truncate) take no disk space.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { parseCommandLine } from '../../../src/cli/args';
import { collectFiles } from '../../../src/cli/files';
import { UsageError } from '../../../src/cli/io';
import { MAX_READ_SIZE, readPost } from '../../../src/cli/read';
import { DEFAULT_CONFIG } from '../../../src/core';
import { run, TempSite } from './helpers';

const GB = 1024 ** 3;

describe('cli very large files', () => {
  let site: TempSite;
  afterEach(async () => site?.cleanup());

  it('refuses a --max-file-size above what one read can hold, as a usage error', () => {
    assert.throws(
      () => parseCommandLine(['check', '--max-file-size', '3g']),
      (e: unknown) => e instanceof UsageError && /^invalid value "3g" for --max-file-size \(at most 256MB/.test(e.message),
    );
    const atLimit = parseCommandLine(['check', '--max-file-size', '256MB']);
    assert.equal(atLimit.kind === 'check' && atLimit.maxFileSize, MAX_READ_SIZE);
  });

  it('check --max-file-size 3g on a 2 GB file: exit 2 with a usage error, no abort', async () => {
    site = await TempSite.create({ '2020-01-01-ok.md': '# Ok\n' });
    await fs.writeFile(site.path('huge.md'), '');
    await fs.truncate(site.path('huge.md'), 2 * GB);
    const result = await run(site.dir, 'check', '--max-file-size', '3g');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /invalid value "3g" for --max-file-size/);
  });

  it('a maxFileSize above the limit in postdesk.config.json is a configuration error', async () => {
    site = await TempSite.create({ 'postdesk.config.json': JSON.stringify({ maxFileSize: 3 * GB }), '2020-01-01-ok.md': '# Ok\n' });
    const result = await run(site.dir, 'check');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /maxFileSize/);
  });

  it('reading a 2 GB file with a larger limit (not through the CLI) reports it instead of aborting', async () => {
    site = await TempSite.create({});
    await fs.writeFile(site.path('huge.md'), '');
    await fs.truncate(site.path('huge.md'), 2 * GB + 5);
    const [file] = await collectFiles([], { cwd: site.dir, root: site.dir, config: DEFAULT_CONFIG });
    assert.ok(file);
    const read = await readPost(file, 3 * GB);
    assert.equal(read.ok, false);
    assert.match(read.ok ? '' : read.message, /over the 256 MB limit/);
  });

  it('reads a file larger than one read chunk in pieces, to the end', async () => {
    site = await TempSite.create({});
    const size = 40 * 1024 * 1024 + 3;
    await fs.writeFile(site.path('big.md'), '');
    await fs.truncate(site.path('big.md'), size);
    const [file] = await collectFiles([], { cwd: site.dir, root: site.dir, config: DEFAULT_CONFIG });
    assert.ok(file);
    const read = await readPost(file, MAX_READ_SIZE);
    assert.equal(read.ok, false);
    assert.match(read.ok ? '' : read.message, /binary/i, 'a sparse file is all NUL bytes');
    // A text file beyond the first chunk is read whole.
    await fs.writeFile(site.path('big.md'), `# Big\n${'x'.repeat(size - 7)}\n`);
    const text = await readPost(file, MAX_READ_SIZE);
    assert.ok(text.ok);
    assert.equal(text.bytes.length, size);
    assert.ok(text.doc.text.endsWith('x\n'));
  });
});
