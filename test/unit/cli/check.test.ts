import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/run';
import { FIXTURES, run, runJson, TempSite } from './helpers';

const CLEAN = '---\ntitle: Clean\ndate: 2020-11-06\n---\n\nNothing to see here.\n';
const MARKER = '---\ntitle: Scraped\ndate: 2020-11-06\n---\n\nFirst paragraph.\n\nAdvertisement\n\nSecond paragraph.\n';
const BROKEN = '---\ntitle: Broken\ndate: 2020-11-06\n';

describe('postdesk check', () => {
  let site: TempSite;
  afterEach(async () => site?.cleanup());

  it('finds the seed article: one missing date at line 1 and its two Advertisement lines', async () => {
    site = await TempSite.create({ 'posts/seed.md': await fs.readFile(path.join(FIXTURES, 'seed-article.md')) });
    const out = await runJson(site.dir);
    assert.equal(out.files, 1);
    assert.deepEqual(
      out.findings.map((f) => [f.rule, f.line, f.column, f.endLine, f.endColumn]),
      [
        ['missing-date', 1, 1, 1, 2],
        ['stray-marker', 23, 1, 23, 14],
        ['stray-marker', 30, 1, 30, 14],
      ],
    );
    assert.ok(out.findings.every((f) => f.file === 'posts/seed.md' && f.severity === 'warning' && f.message.length > 0));
    assert.equal(out.code, 0, 'warnings alone do not fail the run');
  });

  it('prints exactly the documented json, with paths relative to the working directory', async () => {
    site = await TempSite.create({ 'content/a.md': MARKER, 'content/b.md': CLEAN });
    const result = await run(path.join(site.dir, 'content'), 'check', '--format', 'json');
    assert.equal(result.stdout.endsWith('\n'), true);
    const parsed = JSON.parse(result.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(parsed), ['version', 'files', 'findings']);
    assert.equal(parsed.version, 1);
    assert.equal(parsed.files, 2);
    assert.deepEqual(parsed.findings, [
      { file: 'a.md', line: 8, column: 1, endLine: 8, endColumn: 14, rule: 'stray-marker', severity: 'warning', message: (parsed.findings as { message: string }[])[0]?.message },
    ]);
    // From the site root the same file is reached through its folder.
    const fromRoot = await runJson(site.dir, 'content');
    assert.equal(fromRoot.findings[0]?.file, 'content/a.md');
  });

  it('exit codes: 0 clean, 1 on errors, 1 over --max-warnings, 0 within it', async () => {
    site = await TempSite.create({ 'clean.md': CLEAN, 'marker.md': MARKER, 'broken.md': BROKEN });
    assert.equal((await run(site.dir, 'check', 'clean.md')).code, 0);
    assert.equal((await run(site.dir, 'check', 'marker.md')).code, 0);
    assert.equal((await run(site.dir, 'check', 'marker.md', '--max-warnings', '1')).code, 0);
    const over = await run(site.dir, 'check', 'marker.md', '--max-warnings', '0');
    assert.equal(over.code, 1);
    assert.match(over.stderr, /too many warnings \(1; --max-warnings is 0\)/);
    const broken = await runJson(site.dir, 'broken.md');
    assert.equal(broken.code, 1);
    assert.equal(broken.findings[0]?.rule, 'front-matter');
    assert.equal(broken.findings[0]?.severity, 'error');
  });

  it('exit code 2 with a message for usage errors', async () => {
    site = await TempSite.create({ 'a.md': CLEAN });
    const bad = await run(site.dir, 'check', '--format', 'xml');
    assert.equal(bad.code, 2);
    assert.equal(bad.stdout, '');
    assert.match(bad.stderr, /^postdesk: invalid value "xml" for --format/);
    const missing = await run(site.dir, 'check', 'nope.md');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read nope\.md: no such file or folder/);
  });

  it('exit code 2 naming the bad key for a bad configuration', async () => {
    site = await TempSite.create({ 'a.md': CLEAN, 'postdesk.config.json': '{ "severity": { "stray-marker": "loud" } }' });
    const bad = await run(site.dir, 'check');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^postdesk: invalid configuration in postdesk\.config\.json:\n {2}\S*severity\.stray-marker/);
    await site.write('postdesk.config.json', '{ "markerz": [] }');
    const unknown = await run(site.dir, 'check');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /markerz/);
    await site.write('postdesk.config.json', '{ not json');
    assert.equal((await run(site.dir, 'check')).code, 2);
    const absent = await run(site.dir, 'check', '--config', 'other.json');
    assert.equal(absent.code, 2);
    assert.match(absent.stderr, /cannot read config file other\.json/);
  });

  it('applies the configuration: severities, markers, include globs', async () => {
    site = await TempSite.create({
      'posts/a.md': MARKER.replace('Advertisement', 'Buy our newsletter'),
      'posts/b.md': MARKER,
      'notes/c.md': MARKER,
      'cfg/postdesk.config.json': JSON.stringify({ include: ['posts/**/*.md'], markers: ['Buy our newsletter'], severity: { 'stray-marker': 'error' } }),
    });
    // Globs are relative to the config file's folder.
    await fs.rename(site.path('cfg/postdesk.config.json'), site.path('postdesk.config.json'));
    const out = await runJson(site.dir);
    assert.equal(out.files, 2, 'notes/ is outside the include globs');
    assert.deepEqual(out.findings.map((f) => [f.file, f.rule, f.severity]), [['posts/a.md', 'stray-marker', 'error']]);
    assert.equal(out.code, 1);
    const off = await runJson(site.dir, '--config', 'postdesk.config.json');
    assert.equal(off.findings.length, 1);
  });

  it('prints aligned text with a summary line, and GitHub annotations', async () => {
    site = await TempSite.create({ 'a,b.md': MARKER, 'z.md': CLEAN });
    const text = await run(site.dir, 'check');
    const lines = text.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^a,b\.md:8:1 {2}warning {2}\S.* {2}stray-marker$/);
    assert.equal(lines.at(-1), '1 problem (0 errors, 1 warning) in 2 files');
    assert.ok(!text.stdout.includes('\u001b['), 'no colour when not a terminal');
    const github = await run(site.dir, 'check', '--format', 'github');
    assert.match(github.stdout.split('\n')[0] ?? '', /^::warning file=a%2Cb\.md,line=8,col=1,endLine=8,endColumn=14,title=postdesk\(stray-marker\)::\S/);
  });

  it('colours text on a terminal unless NO_COLOR is set', async () => {
    site = await TempSite.create({ 'a.md': MARKER });
    const capture = async (env: Record<string, string>): Promise<string> => {
      let out = '';
      await runCli(['check'], { cwd: site.dir, env, stdout: { isTTY: true, write: (s: string) => (out += s) }, stderr: { write: () => true } });
      return out;
    };
    assert.ok((await capture({})).includes('\u001b[33m'));
    assert.ok(!(await capture({ NO_COLOR: '1' })).includes('\u001b['));
  });

  it('gives positions right for CRLF files and files with a BOM', async () => {
    const crlf = MARKER.replace(/\n/g, '\r\n');
    site = await TempSite.create({ 'crlf.md': crlf, 'bom.md': '\uFEFF' + crlf, 'bom-lf.md': '\uFEFF' + MARKER });
    const out = await runJson(site.dir);
    assert.deepEqual(
      out.findings.map((f) => [f.file, f.rule, f.line, f.column, f.endLine, f.endColumn]),
      [
        ['bom-lf.md', 'stray-marker', 8, 1, 8, 14],
        ['bom.md', 'stray-marker', 8, 1, 8, 14],
        ['crlf.md', 'stray-marker', 8, 1, 8, 14],
      ],
    );
  });

  it('reports binary, non-UTF-8 and oversized files with rule `file` and goes on', async () => {
    site = await TempSite.create({
      'binary.md': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
      'latin1.md': Buffer.from('---\ntitle: Caf\xe9\ndate: 2020-11-06\n---\n\nCaf\xe9 cr\xe8me.\n', 'latin1'),
      'huge.md': `---\ntitle: Huge\n---\n\n${'word '.repeat(600)}\n`,
      'ok.md': MARKER,
    });
    const out = await runJson(site.dir, '--max-file-size', '2k');
    assert.equal(out.files, 4);
    const byFile = new Map(out.findings.map((f) => [f.file, f]));
    for (const name of ['binary.md', 'latin1.md', 'huge.md']) {
      const f = byFile.get(name);
      assert.ok(f, `${name} has a finding`);
      assert.equal(f.rule, 'file');
      assert.equal(f.line, 1);
      assert.equal(f.column, 1);
    }
    assert.match(byFile.get('huge.md')?.message ?? '', /2 KB/);
    assert.equal(byFile.get('ok.md')?.rule, 'stray-marker', 'the run went on');
    assert.equal(out.code, 0);
  });

  it('walks folders with the default excludes, and always reads files named explicitly', async () => {
    site = await TempSite.create({
      'posts/a.md': MARKER,
      'posts/deep/b.markdown': MARKER,
      'posts/c.txt': MARKER,
      'node_modules/pkg/README.md': MARKER,
      '_site/a.md': MARKER,
      '.git/x.md': MARKER,
      'dist/x.md': MARKER,
    });
    const all = await runJson(site.dir);
    assert.deepEqual(all.findings.map((f) => f.file), ['posts/a.md', 'posts/deep/b.markdown']);
    const explicit = await runJson(site.dir, 'posts/c.txt', 'node_modules/pkg/README.md', 'posts/a.md', './posts/a.md');
    assert.equal(explicit.files, 3, 'each file once');
    assert.deepEqual(explicit.findings.map((f) => f.file), ['node_modules/pkg/README.md', 'posts/a.md', 'posts/c.txt']);
    const excluded = await runJson(site.dir, '_site');
    assert.equal(excluded.files, 0);
    assert.match(excluded.stderr, /no posts under _site match the include\/exclude globs/);
  });

  it('does not loop on symbolic links and never follows them out of the folder', async () => {
    site = await TempSite.create({ 'site/posts/a.md': MARKER, 'outside/secret.md': MARKER });
    await fs.symlink('..', site.path('site/posts/loop'));
    await fs.symlink(site.path('site/posts'), site.path('site/again'));
    await fs.symlink(site.path('outside'), site.path('site/out'));
    await fs.symlink(site.path('outside/secret.md'), site.path('site/secret.md'));
    await fs.symlink(site.path('nowhere.md'), site.path('site/broken.md'));
    const out = await runJson(path.join(site.dir, 'site'));
    assert.equal(out.files, 1);
    // posts/ is reached first through the link `again` (sorted order), then never again.
    assert.deepEqual(out.findings.map((f) => f.file), ['again/a.md']);
  });
});
