// The shipped binary: dist/cli.js as npm links it. `npm test` builds before
// the unit tests; when run alone and the bundle is missing, build just the CLI
// into a temp folder with the same esbuild settings.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { FIXTURES, TempSite } from './helpers';

const REPO = path.resolve(__dirname, '../../..');
const execFileAsync = promisify(execFile);

async function binaryPath(): Promise<string> {
  const shipped = path.join(REPO, 'dist/cli.js');
  if (existsSync(shipped)) return shipped;
  const out = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'postdesk-bin-')), 'cli.js');
  await esbuild.build({ entryPoints: [path.join(REPO, 'src/cli/main.ts')], outfile: out, bundle: true, platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' }, logLevel: 'warning' });
  return out;
}

async function spawnCli(bin: string, cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('the postdesk binary', function () {
  this.timeout(60_000);
  let bin: string;
  let site: TempSite;
  before(async () => {
    bin = await binaryPath();
  });
  afterEach(async () => site?.cleanup());

  it('starts with a node shebang and is the package.json bin', async () => {
    const pkg = JSON.parse(await fs.readFile(path.join(REPO, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    assert.equal(pkg.bin.postdesk, './dist/cli.js');
    assert.match(await fs.readFile(bin, 'utf8'), /^#!\/usr\/bin\/env node\n/);
  });

  it('checks the seed article and exits with the documented codes', async () => {
    site = await TempSite.create({ 'seed.md': await fs.readFile(path.join(FIXTURES, 'seed-article.md')) });
    const check = await spawnCli(bin, site.dir, ['check', '--format', 'json']);
    assert.equal(check.code, 0, check.stderr);
    const parsed = JSON.parse(check.stdout) as { findings: { rule: string }[] };
    assert.deepEqual(parsed.findings.map((f) => f.rule), ['missing-date', 'stray-marker', 'stray-marker']);
    assert.equal((await spawnCli(bin, site.dir, ['check', '--max-warnings', '0'])).code, 1);
    const usage = await spawnCli(bin, site.dir, ['check', '--nope']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /unknown option --nope/);
    const version = await spawnCli(bin, site.dir, ['--version']);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
