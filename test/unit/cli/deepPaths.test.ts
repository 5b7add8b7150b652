// A post in folders nested deeper than the OS path limit (PATH_MAX, 4096 bytes
// on Linux) is reported as a `file` finding, never skipped in silence
// (issue #14, item 12).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { run, runJson, TempSite } from './helpers';

const SEGMENT = 'd'.repeat(60);
const DEPTH = 75; // 75 × 61 bytes: past 4096 with any temp folder in front

describe('postdesk check on folders deeper than the path limit', () => {
  let site: TempSite;
  afterEach(async () => {
    // Node's recursive rm builds whole paths, which fail past the limit; rm(1) walks relative to each folder.
    if (site) execFileSync('rm', ['-rf', site.dir]);
  });

  it('reports the folder it cannot enter as a `file` finding', async () => {
    site = await TempSite.create({ '2020-01-01-shallow.md': '---\ntitle: Shallow\n---\nBody\n' });
    // Made one folder at a time, each relative to the last (a whole path that long is refused).
    const make = `const fs = require('node:fs'); for (const name of ['deep', ...Array(${DEPTH}).fill('${SEGMENT}')]) { fs.mkdirSync(name); process.chdir(name); } fs.writeFileSync('2020-01-01-deep.md', '# Deep\\n');`;
    execFileSync(process.execPath, ['-e', make], { cwd: site.dir });

    const named = await runJson(site.dir, 'deep');
    assert.doesNotMatch(named.stderr, /no posts under/);
    assert.equal(named.findings.length, 1, JSON.stringify(named.findings));
    const finding = named.findings[0];
    assert.equal(finding?.rule, 'file');
    assert.ok(finding?.file.startsWith(`deep/${SEGMENT}/`), finding?.file);
    assert.match(finding?.message ?? '', /path is too long/);

    const all = await run(site.dir, 'check');
    assert.match(all.stdout, /path is too long/);
    assert.match(all.stdout, /in 2 files/, 'the shallow post, and the folder reported');
  });
});
