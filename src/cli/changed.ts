// `postdesk check --changed [<ref>]`: the files changed since a git ref, plus
// untracked ones, so CI and hooks check only what a change touched. git is
// run with execFile (no shell), so a ref or path is never read by a shell.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './io';

export interface ChangedFiles {
  /** The ref the files are compared with (as given, or the merge base found). */
  readonly ref: string;
  /** Real absolute paths of the changed files that still exist. */
  readonly paths: ReadonlySet<string>;
}

interface GitResult {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

function git(cwd: string, args: readonly string[]): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new UsageError('--changed needs git, and git was not found on the PATH'));
        return;
      }
      resolve({ ok: error === null, stdout, stderr });
    });
  });
}

/** The top of the work tree that holds `cwd`; a usage error outside a git repository. */
export async function gitTopLevel(cwd: string): Promise<string> {
  const top = await git(cwd, ['rev-parse', '--show-toplevel']);
  if (!top.ok) throw new UsageError(`--changed needs a git repository, and ${cwd} is not inside one (check the files by path instead)`);
  return top.stdout.replace(/\n$/, '');
}

/** True when `word` names a commit git knows (so `--changed WORD` takes it as the ref, not a path). */
export async function isCommit(cwd: string, word: string): Promise<boolean> {
  if (word.startsWith('-')) return false;
  return (await git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${word}^{commit}`])).ok;
}

/** The merge base of HEAD with the default branch: origin/HEAD, else main, else master. */
export async function defaultBase(cwd: string): Promise<string> {
  for (const branch of ['origin/HEAD', 'main', 'master']) {
    const base = await git(cwd, ['merge-base', 'HEAD', branch]);
    if (base.ok) return base.stdout.trim();
  }
  throw new UsageError('--changed found no default branch to compare with (no origin/HEAD, main or master shares history with HEAD): name a ref, e.g. --changed=HEAD~1');
}

/** The files changed since `ref` (or the default base), plus untracked files that are not ignored. */
export async function changedFiles(cwd: string, ref: string | undefined): Promise<ChangedFiles> {
  const top = await fs.realpath(await gitTopLevel(cwd));
  const base = ref ?? (await defaultBase(cwd));
  if (!(await isCommit(cwd, base))) throw new UsageError(`--changed: "${base}" is not a commit git knows`);
  // Deleted files are left out (--diff-filter=d): there is nothing to check.
  const diff = await git(top, ['diff', '--name-only', '-z', '--no-renames', '--diff-filter=d', base, '--']);
  if (!diff.ok) throw new UsageError(`--changed: git diff ${base} failed: ${diff.stderr.trim()}`);
  const untracked = await git(top, ['ls-files', '--others', '--exclude-standard', '-z']);
  if (!untracked.ok) throw new UsageError(`--changed: git ls-files failed: ${untracked.stderr.trim()}`);
  const paths = new Set<string>();
  for (const name of [...diff.stdout.split('\0'), ...untracked.stdout.split('\0')]) {
    if (name !== '') paths.add(path.join(top, name));
  }
  return { ref: base, paths };
}
