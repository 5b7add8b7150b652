// action.yml and .pre-commit-hooks.yaml: parsed, and their command lines run
// for real. GitHub's runner cannot run here, so the Action's own bash steps
// are run with bash, with the environment GitHub would give them (inputs as
// the env: mappings say, RUNNER_TEMP), on the packed CLI and a fixture site;
// only actions/setup-node is skipped (Node is already here).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { packCli, readManifest, REPO_ROOT } from '../../../scripts/pack-cli';
import { TempSite } from './helpers';

const JEKYLL = path.join(REPO_ROOT, 'test/fixtures/sites/jekyll-blog');

interface Step {
  uses?: string;
  name?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required: boolean; default: string }>;
  runs: { using: string; steps: Step[] };
}
interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  types: string[];
}

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolve) => {
    execFile('bash', ['-e', '-c', script], { cwd, env, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function execFileRan(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(file, [...args], { cwd, env, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** A step's env: mapping with `${{ inputs.x }}` and `${{ github.action_path }}` filled in as GitHub would. */
function stepEnv(step: Step, action: Action, given: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(step.env ?? {})) {
    out[name] = value.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expr: string) => {
      if (expr === 'github.action_path') return REPO_ROOT;
      const input = /^inputs\.([\w-]+)$/.exec(expr)?.[1];
      assert.ok(input !== undefined && action.inputs[input] !== undefined, `unknown expression ${expr}`);
      return given[input] ?? action.inputs[input].default;
    });
  }
  return out;
}

describe('the GitHub Action and the pre-commit hook', function () {
  this.timeout(60_000);
  let action: Action;
  let hooks: Hook[];
  let tmp: string;
  let baseEnv: NodeJS.ProcessEnv;
  let site: TempSite | undefined;

  before(async () => {
    action = parse(await fs.readFile(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as Action;
    hooks = parse(await fs.readFile(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'postdesk-action-'));
    baseEnv = { ...process.env, RUNNER_TEMP: tmp, npm_config_cache: path.join(tmp, 'npm-cache'), npm_config_offline: 'true', npm_config_update_notifier: 'false' };
    delete baseEnv.NO_COLOR;
  });
  afterEach(async () => site?.cleanup());
  after(async () => fs.rm(tmp, { recursive: true, force: true }));

  const runStep = (index: number, given: Record<string, string>, cwd: string, env: NodeJS.ProcessEnv = baseEnv): Promise<Ran> => {
    const step = action.runs.steps[index];
    assert.ok(step?.run !== undefined);
    return bash(step.run, cwd, { ...env, ...stepEnv(step, action, given) });
  };

  it('action.yml: a composite action with the documented inputs, inputs passed to its scripts only through env', () => {
    assert.equal(action.runs.using, 'composite');
    assert.deepEqual(Object.keys(action.inputs), ['paths', 'config', 'max-warnings', 'min-severity', 'package', 'node-version']);
    for (const input of Object.values(action.inputs)) assert.equal(input.required, false);
    const [setup, install, check] = action.runs.steps;
    assert.equal(setup?.uses, 'actions/setup-node@v4');
    assert.equal(setup?.with?.['node-version'], '${{ inputs.node-version }}');
    for (const step of [install, check]) {
      assert.equal(step?.shell, 'bash');
      // An input pasted into a script would be run as code: they come in as variables.
      assert.doesNotMatch(step?.run ?? '', /\$\{\{/);
    }
    assert.match(check?.run ?? '', /postdesk" "\$\{args\[@\]\}" -- "\$\{paths\[@\]\}"/);
    assert.equal(action.runs.steps.length, 3);
  });

  it('without a package input, the Action installs postdesk at its own version from the registry', async () => {
    // A stand-in npm records what the step asks for (the registry is not used here).
    const fake = path.join(tmp, 'fake-npm');
    await fs.mkdir(fake, { recursive: true });
    await fs.writeFile(path.join(fake, 'npm'), '#!/usr/bin/env bash\nprintf "%s\\n" "$@" > "$RUNNER_TEMP/npm-args"\n', { mode: 0o755 });
    const out = await runStep(1, {}, tmp, { ...baseEnv, PATH: `${fake}${path.delimiter}${baseEnv.PATH ?? ''}` });
    assert.equal(out.code, 0, out.stderr);
    const args = (await fs.readFile(path.join(tmp, 'npm-args'), 'utf8')).trim().split('\n');
    assert.deepEqual(args, ['install', '-g', '--prefix', path.join(tmp, 'postdesk-cli'), '--no-audit', '--no-fund', `postdesk@${readManifest(REPO_ROOT).version}`]);
  });

  it('runs the Action\'s steps on the packed CLI and the Jekyll fixture: annotations, and the exit codes of the inputs', async () => {
    const tgz = await packCli(tmp);
    const install = await runStep(1, { package: tgz }, tmp);
    assert.equal(install.code, 0, install.stderr);

    const plain = await runStep(2, {}, JEKYLL);
    assert.equal(plain.code, 0, plain.stderr);
    // The draft without a date is dated by its modification time, as Jekyll dates drafts: no finding.
    assert.deepEqual(plain.stdout.split('\n').filter((l) => l.startsWith('::')), [
      '::warning file=docs/_posts/no-date-in-name.md,line=1,col=1,endLine=1,endColumn=4,title=postdesk(missing-date)::This post has no date: add a `date: YYYY-MM-DD` field to its front matter.',
    ]);

    // Paths one per line (spaces and blank lines ignored); --max-warnings 0 fails on the one warning under docs/_posts.
    const strict = await runStep(2, { paths: '  docs/_posts \n\ndocs/about.md\n', 'max-warnings': '0' }, JEKYLL);
    assert.equal(strict.code, 1);
    assert.equal(strict.stdout.split('\n').filter((l) => l.startsWith('::warning')).length, 1);
    assert.match(strict.stdout, /1 problem \(0 errors, 1 warning\) in \d+ files/);
    assert.match(strict.stderr, /too many warnings \(1; --max-warnings is 0\)/);

    const quiet = await runStep(2, { 'min-severity': 'error', 'max-warnings': '0' }, JEKYLL);
    assert.equal(quiet.code, 0, quiet.stderr);
    assert.doesNotMatch(quiet.stdout, /::warning/);

    site = await TempSite.create({ 'ci/postdesk.json': JSON.stringify({ severity: { 'missing-date': 'error' } }), 'post.md': '# Undated\n' });
    const configured = await runStep(2, { config: 'ci/postdesk.json', paths: 'post.md' }, site.dir);
    assert.equal(configured.code, 1);
    assert.match(configured.stdout, /^::error file=post.md,line=1,/m);

    const bad = await runStep(2, { 'min-severity': 'loud' }, JEKYLL);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /invalid value "loud" for --min-severity/);

    // The pre-commit hook, as pre-commit runs it: its entry with the staged Markdown files appended.
    const [hook] = hooks;
    assert.ok(hook);
    const [command, ...entryArgs] = hook.entry.split(/\s+/);
    assert.equal(command, 'postdesk');
    const bin = path.join(tmp, 'postdesk-cli', 'bin', 'postdesk');
    const clean = await execFileRan(bin, [...entryArgs, 'docs/about.md', 'docs/_posts/2020-11-06-hello-world.md'], JEKYLL, baseEnv);
    assert.equal(clean.code, 0, clean.stderr);
    assert.match(clean.stdout, /0 problems \(0 errors, 0 warnings\) in 2 files/);
    const warned = await execFileRan(bin, [...entryArgs, 'post.md'], site.dir, baseEnv);
    assert.equal(warned.code, 0, 'warnings alone pass');
    await site.write('broken.md', '---\ntitle: [unclosed\n---\n');
    assert.equal((await execFileRan(bin, [...entryArgs, 'post.md', 'broken.md'], site.dir, baseEnv)).code, 1);
  });

  it('.pre-commit-hooks.yaml: one node hook, postdesk check on Markdown files', () => {
    assert.equal(hooks.length, 1);
    const [hook] = hooks;
    assert.deepEqual(
      { id: hook?.id, entry: hook?.entry, language: hook?.language, types: hook?.types },
      { id: 'postdesk', entry: 'postdesk check', language: 'node', types: ['markdown'] },
    );
  });
});

// pre-commit itself, where it is installed (Debian's `pre-commit` package; it
// is not a dependency of this repository, so elsewhere this is skipped). The
// hook of .pre-commit-hooks.yaml, as a local hook that installs the packed CLI
// (docs/ci.md), installed and run by pre-commit on a temporary repository.
describe('the pre-commit hook under pre-commit', function () {
  this.timeout(120_000);
  let tmp: string;

  before(async function () {
    const found = await execFileRan('pre-commit', ['--version'], os.tmpdir(), process.env);
    if (found.code !== 0) this.skip();
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'postdesk-pre-commit-'));
  });
  after(async () => {
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  it('installs the hook with the packed CLI and stops a commit on errors', async () => {
    const [hook] = parse(await fs.readFile(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
    assert.ok(hook);
    const tgz = await packCli(tmp);
    const repo = path.join(tmp, 'site');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PRE_COMMIT_HOME: path.join(tmp, 'pre-commit-home'),
      npm_config_cache: path.join(tmp, 'npm-cache'),
      npm_config_offline: 'true',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      NO_COLOR: '1',
    };
    await fs.mkdir(path.join(repo, '_posts'), { recursive: true });
    const git = async (...args: string[]): Promise<void> => {
      const out = await execFileRan('git', args, repo, env);
      assert.equal(out.code, 0, out.stderr);
    };
    await git('init', '-q', '-b', 'main');
    const config = { repos: [{ repo: 'local', hooks: [{ ...hook, additional_dependencies: [tgz] }] }] };
    await fs.writeFile(path.join(repo, '.pre-commit-config.yaml'), JSON.stringify(config, null, 2));
    await fs.writeFile(path.join(repo, '_posts/undated.md'), '---\ntitle: Undated\n---\n\nText.\n');
    await fs.writeFile(path.join(repo, 'notes.txt'), 'Advertisement\n');
    await git('add', '.');
    const warned = await execFileRan('pre-commit', ['run', '--all-files', '--color', 'never'], repo, env);
    assert.equal(warned.code, 0, warned.stdout + warned.stderr);
    assert.match(warned.stdout, /postdesk\.+Passed/);

    await fs.writeFile(path.join(repo, '_posts/broken.md'), '---\ntitle: [unclosed\n---\n');
    await git('add', '.');
    const failed = await execFileRan('pre-commit', ['run', '--all-files', '--color', 'never', '--verbose'], repo, env);
    assert.equal(failed.code, 1, failed.stdout + failed.stderr);
    assert.match(failed.stdout, /postdesk\.+Failed/);
    // Only the Markdown files were passed: notes.txt is not checked.
    assert.match(failed.stdout, /_posts\/broken\.md:\d+:\d+ +error .*front-matter/);
    assert.match(failed.stdout, /in 2 files/);
  });
});
