// The Node side of file-time dates (src/node/fileTimes.ts) on a git
// repository made here with fixed author and committer dates: one git log
// gives every file's last and first commit, a new HEAD is read again, a file
// git does not know and a folder outside git are said so, and nothing in the
// repository's own config (fsmonitor, pager, signature program, external
// diff) is run. Skipped when git is not installed.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileTimesFor, gitEnvironment, gitRepoDates, gitRepoDatesSync, gitTimes, parseGitLog, statTimes } from '../../../src/node/fileTimes';

const TRUSTED = { workspaceTrusted: true };

function git(cwd: string, args: string[], dates?: { author: string; committer: string }): void {
  const env: NodeJS.ProcessEnv = { ...gitEnvironment(), GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@example.org', GIT_COMMITTER_NAME: 'C', GIT_COMMITTER_EMAIL: 'c@example.org', HOME: cwd };
  if (dates) {
    env.GIT_AUTHOR_DATE = dates.author;
    env.GIT_COMMITTER_DATE = dates.committer;
  }
  const run = spawnSync('git', ['-c', 'commit.gpgSign=false', ...args], { cwd, env, encoding: 'utf8' });
  assert.equal(run.status, 0, `git ${args.join(' ')}: ${run.stderr}`);
}

function write(base: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(base, file)), { recursive: true });
  fs.writeFileSync(path.join(base, file), text);
}

describe('site model: file times from the file system and git (Node)', function () {
  this.timeout(30_000);
  let repo: string;

  before(function () {
    if (spawnSync('git', ['--version']).status !== 0) {
      console.log('      git is not installed: the git date tests are skipped');
      this.skip();
    }
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-git-'));
    git(repo, ['init', '-q', '-b', 'main']);
    write(repo, 'content/a.md', 'a\n');
    write(repo, 'content/b b.md', 'b\n');
    git(repo, ['add', '.']);
    git(repo, ['commit', '-q', '-m', 'one'], { author: '2020-03-01T23:30:00+09:00', committer: '2021-05-05T12:00:00Z' });
    write(repo, 'content/a.md', 'a, again\n');
    git(repo, ['add', '.']);
    git(repo, ['commit', '-q', '-m', 'two'], { author: '2020-06-10T20:00:00-07:00', committer: '2021-06-06T12:00:00Z' });
    write(repo, 'content/new.md', 'not committed\n');
  });

  after(() => {
    if (repo) fs.rmSync(repo, { recursive: true, force: true });
  });

  it('gives each file the author dates of its last and first commit, with their offsets, from one pass', async () => {
    const dates = await gitRepoDates(path.join(repo, 'content'), TRUSTED);
    assert.ok(!('missing' in dates), JSON.stringify(dates));
    assert.deepEqual(dates.byPath.get('content/a.md'), { last: '2020-06-10T20:00:00-07:00', first: '2020-03-01T23:30:00+09:00' });
    assert.deepEqual(dates.byPath.get('content/b b.md'), { last: '2020-03-01T23:30:00+09:00', first: '2020-03-01T23:30:00+09:00' });
    assert.deepEqual(gitTimes(path.join(repo, 'content', 'a.md'), dates), { gitLast: '2020-06-10T20:00:00-07:00', gitFirst: '2020-03-01T23:30:00+09:00' });
    assert.deepEqual(gitTimes(path.join(repo, 'content', 'new.md'), dates), { gitMissing: 'not committed yet' });
    assert.deepEqual(gitRepoDatesSync(repo, TRUSTED), dates, 'the blocking reader agrees (and is answered from the cache)');
  });

  it('reads the repository again when HEAD moves', async () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-git-head-'));
    try {
      git(scratch, ['init', '-q', '-b', 'main']);
      write(scratch, 'x.md', '1\n');
      git(scratch, ['add', '.']);
      git(scratch, ['commit', '-q', '-m', '1'], { author: '2019-01-01T00:00:00Z', committer: '2019-01-01T00:00:00Z' });
      const first = gitRepoDatesSync(scratch, TRUSTED);
      assert.ok(!('missing' in first));
      write(scratch, 'x.md', '2\n');
      git(scratch, ['commit', '-q', '-am', '2'], { author: '2019-02-02T00:00:00Z', committer: '2019-02-02T00:00:00Z' });
      const second = await gitRepoDates(scratch, TRUSTED);
      assert.ok(!('missing' in second));
      assert.notEqual(second.head, first.head);
      assert.deepEqual(second.byPath.get('x.md'), { last: '2019-02-02T00:00:00+00:00', first: '2019-01-01T00:00:00+00:00' });
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('says why when there is no repository, no commit, no git, or no trust', async () => {
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-nogit-'));
    try {
      // GIT_CEILING_DIRECTORIES is dropped with the other GIT_* variables: a temp folder must not be inside a repository.
      assert.deepEqual(await gitRepoDates(plain, TRUSTED), { missing: 'not in a git repository' });
      git(plain, ['init', '-q']);
      assert.deepEqual(gitRepoDatesSync(plain, TRUSTED), { missing: 'no commits yet' });
      assert.deepEqual(await gitRepoDates(plain, { workspaceTrusted: true, gitPath: path.join(plain, 'no-such-git') }), { missing: 'git is not available' });
      assert.deepEqual(gitRepoDatesSync(plain, { workspaceTrusted: true, gitPath: path.join(plain, 'no-such-git') }), { missing: 'git is not available' });
      assert.deepEqual(await gitRepoDates(repo, { workspaceTrusted: false }), { missing: 'the workspace is not trusted' });
    } finally {
      fs.rmSync(plain, { recursive: true, force: true });
    }
  });

  it("runs nothing the repository's own config names", async () => {
    const hostile = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-git-hostile-'));
    const marker = path.join(hostile, 'ran');
    try {
      git(hostile, ['init', '-q', '-b', 'main']);
      write(hostile, 'p.md', 'p\n');
      git(hostile, ['add', '.']);
      git(hostile, ['commit', '-q', '-m', 'p'], { author: '2020-01-01T00:00:00Z', committer: '2020-01-01T00:00:00Z' });
      const script = path.join(hostile, 'evil.sh');
      fs.writeFileSync(script, `#!/bin/sh\necho ran >> '${marker}'\ncat\n`, { mode: 0o755 });
      for (const [key, value] of [['core.fsmonitor', script], ['core.pager', script], ['pager.log', script], ['log.showSignature', 'true'], ['gpg.program', script], ['diff.external', script], ['core.hooksPath', hostile]]) {
        git(hostile, ['config', key, value]);
      }
      const dates = gitRepoDatesSync(hostile, TRUSTED);
      assert.ok(!('missing' in dates), JSON.stringify(dates));
      assert.equal(dates.byPath.get('p.md')?.last, '2020-01-01T00:00:00+00:00');
      await gitRepoDates(hostile, TRUSTED);
      assert.equal(fs.existsSync(marker), false, 'a program from the repository config ran');
    } finally {
      fs.rmSync(hostile, { recursive: true, force: true });
    }
  });

  it('reads the modification and creation time with a stat, only what is asked', async () => {
    const file = path.join(repo, 'content', 'a.md');
    const when = new Date(Date.UTC(2019, 0, 1, 20, 0, 0));
    fs.utimesSync(file, when, when);
    const times = await fileTimesFor(file, { stat: true, git: false }, TRUSTED);
    assert.equal(times.modifiedMs, when.getTime());
    assert.equal(times.gitLast, undefined);
    const both = await fileTimesFor(file, { stat: true, git: true }, TRUSTED);
    assert.equal(both.gitLast, '2020-06-10T20:00:00-07:00');
    assert.deepEqual(await fileTimesFor(path.join(repo, 'missing.md'), { stat: true, git: false }, TRUSTED), {});
    // Where the file system records no birth time Node gives 0: not a date of 1970.
    assert.deepEqual(statTimes({ mtimeMs: 5, ctimeMs: 6, birthtimeMs: 0 }), { modifiedMs: 5, changedMs: 6 });
  });

  it('parses names with spaces and non-ASCII letters as git writes them with -z', () => {
    const log = '\x1e2020-02-02T00:00:00+00:00\0\nb/ü ö.md\0a.md\0\x1e2020-01-01T00:00:00+00:00\0\na.md\0';
    assert.deepEqual([...parseGitLog(log)], [
      ['b/ü ö.md', { last: '2020-02-02T00:00:00+00:00', first: '2020-02-02T00:00:00+00:00' }],
      ['a.md', { last: '2020-02-02T00:00:00+00:00', first: '2020-01-01T00:00:00+00:00' }],
    ]);
  });
});
