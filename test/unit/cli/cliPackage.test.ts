// The installable `postdesk` package: scripts/pack-cli.ts builds and packs it,
// and it is installed from the tarball as an author would (globally into a
// temporary prefix, and into a project for npx), then run on a fixture site.
// Offline: the package has no dependencies, so npm needs no registry.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { CLI_PACKAGE_DIR, CLI_PACKAGE_FILES, packCli, readManifest, REPO_ROOT } from '../../../scripts/pack-cli';
import { run } from './helpers';

const execFileAsync = promisify(execFile);
const JEKYLL = path.join(REPO_ROOT, 'test/fixtures/sites/jekyll-blog');

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

async function exec(file: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; input?: string }): Promise<Ran> {
  const child = execFileAsync(file, [...args], { cwd: options.cwd, env: options.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (options.input !== undefined) child.child.stdin?.end(options.input);
  else child.child.stdin?.end();
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('the postdesk npm package', function () {
  this.timeout(60_000);
  let tmp: string;
  let tgz: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'postdesk-pkg-'));
    tgz = await packCli(tmp);
    // Its own npm cache, offline: nothing is fetched and the user's cache is untouched.
    env = { ...process.env, NO_COLOR: '1', npm_config_cache: path.join(tmp, 'npm-cache'), npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  });
  after(async () => fs.rm(tmp, { recursive: true, force: true }));

  it('has its own manifest: name and bin postdesk, the repository\'s version, no dependencies', async () => {
    const manifest = readManifest(CLI_PACKAGE_DIR);
    assert.equal(manifest.name, 'postdesk');
    assert.deepEqual(manifest.bin, { postdesk: 'cli.js' });
    assert.deepEqual(manifest.files, ['cli.js', 'README.md']);
    assert.equal(manifest.dependencies, undefined);
    assert.equal(manifest.version, readManifest(REPO_ROOT).version);
    assert.equal(path.basename(tgz), `postdesk-${manifest.version}.tgz`);
  });

  it('the tarball holds the bundle, its README and LICENSE, and nothing else', async () => {
    const { stdout } = await execFileAsync('tar', ['tzf', tgz], { encoding: 'utf8' });
    assert.deepEqual(stdout.trim().split('\n').sort(), CLI_PACKAGE_FILES);
    const { stdout: head } = await execFileAsync('tar', ['xzOf', tgz, 'package/cli.js'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.match(head, /^#!\/usr\/bin\/env node\n/);
  });

  it('installs globally from the tarball and runs as `postdesk check` on a fixture site, as the in-process CLI does', async () => {
    const prefix = path.join(tmp, 'global');
    const install = await exec('npm', ['install', '-g', '--prefix', prefix, tgz], { cwd: tmp, env });
    assert.equal(install.code, 0, install.stderr);
    const bin = path.join(prefix, 'bin', 'postdesk');
    const version = await exec(bin, ['--version'], { cwd: tmp, env });
    assert.equal(version.stdout, `${readManifest(REPO_ROOT).version}\n`);
    const installed = await exec(bin, ['check', '--format', 'json'], { cwd: JEKYLL, env });
    const inProcess = await run(JEKYLL, 'check', '--format', 'json');
    assert.equal(installed.code, inProcess.code, installed.stderr);
    assert.deepEqual(JSON.parse(installed.stdout), JSON.parse(inProcess.stdout));
    assert.ok((JSON.parse(installed.stdout) as { files: number }).files > 10);
    const text = await exec(bin, ['check'], { cwd: JEKYLL, env });
    // One undated post; the undated draft is dated by its modification time, as Jekyll dates drafts.
    assert.match(text.stdout, /missing-date\n\n1 problem \(0 errors, 1 warning\) in \d+ files\n$/);
    // Standard input, through the real process.
    const piped = await exec(bin, ['check', '--stdin', '--stdin-filename', 'docs/_posts/2020-01-01-piped.md', '--format', 'json'], { cwd: JEKYLL, env, input: '---\ntitle: Piped\n---\n\nAdvertisement\n' });
    assert.deepEqual(
      (JSON.parse(piped.stdout) as { findings: { file: string; rule: string }[] }).findings.map((f) => [f.file, f.rule]),
      [['docs/_posts/2020-01-01-piped.md', 'stray-marker']],
    );
  });

  it('runs with npx: installed in a project, and straight from the tarball', async () => {
    const project = path.join(tmp, 'blog');
    await fs.mkdir(project);
    await fs.writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'blog', private: true }));
    const install = await exec('npm', ['install', '--save-dev', tgz], { cwd: project, env });
    assert.equal(install.code, 0, install.stderr);
    const local = await exec('npx', ['--no-install', 'postdesk', '--version'], { cwd: project, env });
    assert.equal(local.stdout, `${readManifest(REPO_ROOT).version}\n`, local.stderr);
    const once = await exec('npx', ['--yes', '--package', tgz, 'postdesk', 'check', '--format', 'json', '--min-severity', 'error'], { cwd: JEKYLL, env });
    assert.equal(once.code, 0, once.stderr);
    assert.deepEqual((JSON.parse(once.stdout) as { findings: unknown[] }).findings, []);
  });
});
