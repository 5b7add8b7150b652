// `postdesk fix --dry-run` prints a patch that git apply and patch -p1 apply,
// giving exactly what `postdesk fix` writes: CRLF, BOM, no final newline,
// names with spaces and with control characters (issue #14, item 7).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { run, TempSite } from './helpers';

const POST = ['---', 'title: Scraped', 'date: 2020-11-06', '---', '', 'First paragraph.', '', 'Advertisement', '', 'Second paragraph.', '*ADVERTISEMENT*', 'Third.'];
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const FILES: Record<string, Buffer> = {
  'lf.md': Buffer.from(POST.join('\n') + '\n'),
  'crlf.md': Buffer.from(POST.join('\r\n') + '\r\n'),
  'bom.md': Buffer.concat([BOM, Buffer.from(POST.join('\r\n') + '\r\n')]),
  'bom-lf.md': Buffer.concat([BOM, Buffer.from(POST.join('\n') + '\n')]),
  'no-final-newline.md': Buffer.from([...POST, 'Advertisement'].join('\n')),
  'crlf-no-final-newline.md': Buffer.from([...POST, 'Advertisement'].join('\r\n')),
  'posts/my post.md': Buffer.from(POST.join('\n') + '\n'),
  'posts/e\u001b[2Jvil.md': Buffer.from(POST.join('\r\n') + '\r\n'),
  'posts/bidi\u202etxt.md': Buffer.from(POST.join('\n') + '\n'),
  'posts/記事 "quoted".md': Buffer.from(POST.join('\n') + '\n'),
  '2019-02-14-undated.md': Buffer.from('---\r\ntitle: Mirror\r\ndate:\r\n---\r\n\r\nBody.'),
};

function hasTool(tool: string): boolean {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(FILES)) out[name] = (await fs.readFile(path.join(dir, name))).toString('hex');
  return out;
}

describe('postdesk fix --dry-run patches apply', () => {
  let site: TempSite;
  afterEach(async () => site?.cleanup());

  it('with git apply and with patch -p1, giving what fix writes', async function () {
    if (!hasTool('git') || !hasTool('patch')) this.skip(); // CI images have both (Debian: apt-get install git patch)
    site = await TempSite.create({});
    for (const dir of ['git', 'patch', 'fixed']) for (const [name, bytes] of Object.entries(FILES)) await site.write(`${dir}/${name}`, bytes);

    const dry = await run(site.path('fixed'), 'fix', '--dry-run');
    assert.equal(dry.code, 0, dry.stderr);
    const patchFile = site.path('fix.patch');
    await fs.writeFile(patchFile, dry.stdout);
    assert.equal((dry.stdout.match(/^--- /gm) ?? []).length, Object.keys(FILES).length, 'every file has a diff');

    const fixed = await run(site.path('fixed'), 'fix');
    assert.equal(fixed.code, 0, fixed.stderr);
    const expected = await snapshot(site.path('fixed'));

    execFileSync('git', ['init', '-q', '.'], { cwd: site.path('git'), stdio: 'pipe' });
    // Plain `git apply`: its whitespace warnings about the \r are only warnings.
    execFileSync('git', ['apply', patchFile], { cwd: site.path('git'), stdio: 'pipe' });
    assert.deepEqual(await snapshot(site.path('git')), expected, 'git apply');

    execFileSync('patch', ['-p1', '-s', '--no-backup-if-mismatch', '-i', patchFile], { cwd: site.path('patch'), stdio: 'pipe' });
    assert.deepEqual(await snapshot(site.path('patch')), expected, 'patch -p1');
  });
});
