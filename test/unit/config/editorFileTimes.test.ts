import * as assert from 'node:assert/strict';
import { EditorFileTimes, type FileTimesHost } from '../../../src/config/fileTimes';

const STAT = { stat: true, git: false, gitOnlyByKeyword: false };
const GIT = { stat: false, git: true, gitOnlyByKeyword: false };
const GIT_BY_KEYWORD = { stat: false, git: true, gitOnlyByKeyword: true };

/** A host whose git answers when the test says so, counting what it was asked. */
function fakeHost() {
  const asked = { stat: 0, repos: [] as { dir: string; trusted: boolean }[] };
  let answer: (lookup: Awaited<ReturnType<FileTimesHost['repoDates']>>) => void = () => undefined;
  const host: FileTimesHost = {
    statTimes: () => {
      asked.stat++;
      return { modifiedMs: 1_000 };
    },
    repoDates: (dir, trusted) => {
      asked.repos.push({ dir, trusted });
      return new Promise((resolve) => (answer = resolve));
    },
  };
  return { host, asked, answer: (lookup: Parameters<typeof answer>[0]) => answer(lookup) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('editor file times', () => {
  it('stats only when the rules ask for a file time', () => {
    const { host, asked } = fakeHost();
    const times = new EditorFileTimes(host, () => true, () => undefined);
    assert.deepEqual(times.timesOf('/s/a.md', '/s', STAT, undefined), { modifiedMs: 1_000 });
    assert.deepEqual(times.timesOf('/s/a.md', '/s', { stat: false, git: false, gitOnlyByKeyword: false }, undefined), {});
    assert.equal(asked.stat, 1);
    assert.equal(asked.repos.length, 0);
  });

  it('says the history is being read, reads it once per site root, and calls back when it arrives', async () => {
    const { host, asked, answer } = fakeHost();
    let learned = 0;
    const times = new EditorFileTimes(host, () => true, () => learned++);
    assert.match(times.timesOf('/s/a.md', '/s', GIT, undefined).gitMissing ?? '', /still being read/);
    times.timesOf('/s/b.md', '/s', GIT, undefined);
    assert.deepEqual(asked.repos, [{ dir: '/s', trusted: true }]);
    answer((p) => (p === '/s/a.md' ? { gitLast: '2019-07-08T10:00:00+02:00', gitFirst: '2019-01-01T00:00:00Z' } : { gitMissing: 'not committed yet' }));
    await settle();
    assert.equal(learned, 1);
    assert.deepEqual(times.timesOf('/s/a.md', '/s', GIT, undefined), { gitLast: '2019-07-08T10:00:00+02:00', gitFirst: '2019-01-01T00:00:00Z' });
    assert.deepEqual(times.timesOf('/s/b.md', '/s', GIT, undefined), { gitMissing: 'not committed yet' });
    assert.equal(asked.repos.length, 1);
  });

  it('asks git only for a file whose front matter names a git date, when only a keyword can ask', () => {
    const { host, asked } = fakeHost();
    const times = new EditorFileTimes(host, () => true, () => undefined);
    assert.deepEqual(times.timesOf('/s/a.md', '/s', GIT_BY_KEYWORD, '---\ndate: 2020-01-01\n---\n'), {});
    assert.equal(asked.repos.length, 0);
    times.timesOf('/s/b.md', '/s', GIT_BY_KEYWORD, '---\ndate: git Last Modified\n---\n');
    assert.equal(asked.repos.length, 1);
  });

  it('passes the workspace trust on, and drops an answer that a reset overtook', async () => {
    const { host, asked, answer } = fakeHost();
    let learned = 0;
    const times = new EditorFileTimes(host, () => false, () => learned++);
    times.timesOf('/s/a.md', '/s', GIT, undefined);
    assert.equal(asked.repos[0]?.trusted, false);
    times.reset();
    answer(() => ({ gitMissing: 'the workspace is not trusted' }));
    await settle();
    assert.equal(learned, 0, 'a stale answer changes nothing');
    times.timesOf('/s/a.md', '/s', GIT, undefined);
    assert.equal(asked.repos.length, 2, 'asked again after the reset');
  });

  it('turns a failing host into a reason, not an exception', async () => {
    const host: FileTimesHost = { statTimes: () => undefined, repoDates: () => Promise.reject(new Error('spawn EACCES')) };
    let learned = 0;
    const times = new EditorFileTimes(host, () => true, () => learned++);
    times.timesOf('/s/a.md', '/s', GIT, undefined);
    await settle();
    assert.equal(learned, 1);
    assert.deepEqual(times.timesOf('/s/a.md', '/s', { ...GIT, stat: true }, undefined), { gitMissing: 'git failed: spawn EACCES' });
  });
});
