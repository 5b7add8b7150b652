// `check --stdin --stdin-filename <path>` and `check --changed [<ref>]` (in a
// temporary git repository).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { parseCommandLine, type CheckCommand } from '../../../src/cli/args';
import { runCli } from '../../../src/cli/run';
import { NOW, run, TempSite, type CliRun } from './helpers';

const CLEAN = '---\ntitle: Clean\ndate: 2020-11-06\n---\n\nNothing to see here.\n';
const MARKER = '---\ntitle: Scraped\ndate: 2020-11-06\n---\n\nFirst paragraph.\n\nAdvertisement\n\nSecond paragraph.\n';
const UNDATED = '---\ntitle: Undated\n---\n\nText.\n';

async function runStdin(cwd: string, stdin: string | Uint8Array | AsyncIterable<string | Uint8Array>, ...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { cwd, now: NOW, env: {}, stdin, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

function findings(out: CliRun): [string, string, number][] {
  return (JSON.parse(out.stdout) as { findings: { file: string; rule: string; line: number }[] }).findings.map((f) => [f.file, f.rule, f.line]);
}

describe('cli check: arguments for --stdin and --changed', () => {
  const check = (...argv: string[]): CheckCommand => parseCommandLine(['check', ...argv]) as CheckCommand;

  it('--changed with no ref, with =REF, and with a word that is decided when run', () => {
    assert.deepEqual([check('--changed').changed, check('--changed').paths], [{}, []]);
    assert.deepEqual([check('--changed', '--format', 'json').changed, check('--changed', '-f', 'json').paths], [{}, []]);
    assert.deepEqual([check('--changed=main', 'posts').changed, check('--changed=main', 'posts').paths], [{ ref: 'main' }, ['posts']]);
    assert.deepEqual([check('--changed', 'main', 'posts').changed, check('--changed', 'main', 'posts').paths], [{ refOrPath: 'main' }, ['posts']]);
    assert.deepEqual([check('posts', '--changed', 'HEAD~2').changed, check('posts', '--changed', 'HEAD~2').paths], [{ refOrPath: 'HEAD~2' }, ['posts']]);
    assert.deepEqual(check('-c', 'x.json', 'a', '--changed', 'b', 'c').paths, ['a', 'c']);
    assert.equal(check('posts').changed, undefined);
  });

  it('--stdin needs --stdin-filename, and no paths or --changed', () => {
    assert.equal(check('--stdin', '--stdin-filename', '_posts/a.md').stdinFilename, '_posts/a.md');
    assert.throws(() => check('--stdin'), /--stdin needs --stdin-filename <path>/);
    assert.throws(() => check('--stdin-filename', 'a.md'), /--stdin-filename is only used with --stdin/);
    assert.throws(() => check('--stdin', '--stdin-filename', 'a.md', 'b.md'), /give no paths/);
    assert.throws(() => check('--stdin', '--stdin-filename', 'a.md', '--changed'), /cannot be used together/);
  });
});

describe('cli check --stdin', () => {
  let site: TempSite;
  afterEach(async () => site?.cleanup());

  it('checks the piped text as the named file, which need not exist, and names it in the findings', async () => {
    site = await TempSite.create({ 'posts/a.md': CLEAN });
    const out = await runStdin(site.dir, MARKER, 'check', '--stdin', '--stdin-filename', 'posts/new.md', '--format', 'json');
    assert.equal(out.code, 0, out.stderr);
    assert.deepEqual(findings(out), [['posts/new.md', 'stray-marker', 8]]);
    // The file on disk is not what is read.
    const onDisk = await runStdin(site.dir, MARKER, 'check', '--stdin', '--stdin-filename', 'posts/a.md', '--format', 'json');
    assert.deepEqual(findings(onDisk), [['posts/a.md', 'stray-marker', 8]]);
  });

  it('reads a stream in chunks, and a path relative to the working directory', async () => {
    site = await TempSite.create({ 'content/x.md': CLEAN });
    const chunks = Readable.from([Buffer.from(MARKER.slice(0, 20)), Buffer.from(MARKER.slice(20))]);
    const out = await runStdin(path.join(site.dir, 'content'), chunks, 'check', '--stdin', '--stdin-filename', 'draft.md', '--format', 'json');
    assert.deepEqual(findings(out), [['draft.md', 'stray-marker', 8]]);
  });

  it('the path decides the site: a Jekyll post named in _posts takes its date from the file name', async () => {
    site = await TempSite.create({ '_config.yml': 'title: Blog\n', '_posts/2020-01-01-old.md': CLEAN });
    const dated = await runStdin(site.dir, UNDATED, 'check', '--stdin', '--stdin-filename', '_posts/2021-03-04-new.md', '--format', 'json');
    assert.deepEqual(findings(dated), []);
    const undated = await runStdin(site.dir, UNDATED, 'check', '--stdin', '--stdin-filename', '_posts/new.md', '--format', 'json');
    assert.deepEqual(findings(undated), [['_posts/new.md', 'missing-date', 1]]);
  });

  it('the configuration of the working directory applies, and over-large or binary input is one file finding', async () => {
    site = await TempSite.create({ 'postdesk.config.json': JSON.stringify({ severity: { 'stray-marker': 'error' } }) });
    const strict = await runStdin(site.dir, MARKER, 'check', '--stdin', '--stdin-filename', 'a.md', '--format', 'json');
    assert.equal(strict.code, 1);
    assert.deepEqual(findings(strict), [['a.md', 'stray-marker', 8]]);
    const large = await runStdin(site.dir, MARKER.repeat(10), 'check', '--stdin', '--stdin-filename', 'a.md', '--format', 'json', '--max-file-size', '100');
    assert.deepEqual(findings(large), [['a.md', 'file', 1]]);
    assert.match((JSON.parse(large.stdout) as { findings: { message: string }[] }).findings[0]?.message ?? '', /Standard input is over the 100 bytes limit/);
    const binary = await runStdin(site.dir, new Uint8Array([0, 1, 2, 0, 255]), 'check', '--stdin', '--stdin-filename', 'a.md', '--format', 'json');
    assert.deepEqual(findings(binary), [['a.md', 'file', 1]]);
  });
});

describe('cli check --changed', function () {
  this.timeout(60_000);
  let repo: string;
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    });
  const write = async (name: string, text: string): Promise<void> => {
    await fs.mkdir(path.dirname(path.join(repo, name)), { recursive: true });
    await fs.writeFile(path.join(repo, name), text);
  };
  const files = async (...argv: string[]): Promise<string[]> => {
    const out = await run(repo, 'check', '--format', 'json', ...argv);
    assert.equal(out.code, 0, out.stderr);
    return [...new Set(findings(out).map(([file]) => file))];
  };

  before(async () => {
    repo = await fs.mkdtemp(path.join(os.tmpdir(), 'postdesk-git-'));
    git('init', '-q', '-b', 'main');
    await write('posts/old.md', MARKER);
    await write('posts/kept.md', MARKER);
    await write('posts/gone.md', MARKER);
    await write('.gitignore', 'ignored/\n');
    git('add', '.');
    git('commit', '-q', '-m', 'first');
    git('checkout', '-q', '-b', 'feature');
    await write('posts/committed.md', MARKER);
    git('add', '.');
    git('commit', '-q', '-m', 'on the branch');
    await write('posts/kept.md', MARKER + '\nEdited.\n');
    await write('posts/untracked.md', MARKER);
    await write('ignored/x.md', MARKER);
    await write('notes/elsewhere.md', MARKER);
    await fs.rm(path.join(repo, 'posts/gone.md'));
  });
  after(async () => fs.rm(repo, { recursive: true, force: true }));

  it('without a ref: the files changed since the merge base with main, untracked ones too, not ignored or deleted ones', async () => {
    assert.deepEqual(await files('--changed'), ['notes/elsewhere.md', 'posts/committed.md', 'posts/kept.md', 'posts/untracked.md']);
  });

  it('with a ref (HEAD: the work tree\'s changes), with =REF, and with paths', async () => {
    assert.deepEqual(await files('--changed', 'HEAD'), ['notes/elsewhere.md', 'posts/kept.md', 'posts/untracked.md']);
    assert.deepEqual(await files('--changed=HEAD', 'posts'), ['posts/kept.md', 'posts/untracked.md']);
    // A word that is no commit is a path.
    assert.deepEqual(await files('--changed', 'posts'), ['posts/committed.md', 'posts/kept.md', 'posts/untracked.md']);
    assert.deepEqual(await files('posts', '--changed', 'main'), ['posts/committed.md', 'posts/kept.md', 'posts/untracked.md']);
  });

  it('from a subfolder, paths stay relative to it; with origin/HEAD its merge base is the default', async () => {
    const out = await run(path.join(repo, 'posts'), 'check', '--format', 'json', '--changed');
    assert.deepEqual([...new Set(findings(out).map(([f]) => f))], ['committed.md', 'kept.md', 'untracked.md']);
    // origin/HEAD pointing at the feature branch itself: nothing committed differs, only the work tree.
    git('update-ref', 'refs/remotes/origin/feature', 'HEAD');
    git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/feature');
    try {
      assert.deepEqual(await files('--changed'), ['notes/elsewhere.md', 'posts/kept.md', 'posts/untracked.md']);
    } finally {
      git('symbolic-ref', '--delete', 'refs/remotes/origin/HEAD');
      git('update-ref', '-d', 'refs/remotes/origin/feature');
    }
  });

  it('a ref git does not know, and a folder outside any repository, are usage errors', async () => {
    const bad = await run(repo, 'check', '--changed=no-such-branch');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /"no-such-branch" is not a commit git knows/);
    const outside = await TempSite.create({ 'a.md': MARKER });
    try {
      const out = await run(outside.dir, 'check', '--changed');
      assert.equal(out.code, 2);
      assert.match(out.stderr, /--changed needs a git repository, and .* is not inside one/);
    } finally {
      await outside.cleanup();
    }
  });

  it('a ref that looks like an option is never passed to git as one', async () => {
    const out = await run(repo, 'check', '--changed=--output=/tmp/x');
    assert.equal(out.code, 2);
    assert.match(out.stderr, /is not a commit git knows/);
  });
});
