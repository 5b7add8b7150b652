// The web-worker bundle's guard (scripts/build-web.mjs): a Node built-in in
// the vscode.dev build fails the build with a message naming the importer,
// except where the importing package itself declares the built-in optional in
// its `browser` field; and the real web entry builds under that guard.
import * as assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { REPO_ROOT } from './manifest';

interface GuardModule {
  webWorkerGuard(): esbuild.Plugin;
}

// The build scripts are ES modules; load the guard the way scripts/build.mjs does.
const loadGuard = (): Promise<GuardModule> => import(path.join(REPO_ROOT, 'scripts', 'build-web.mjs')) as Promise<GuardModule>;

async function buildWeb(entry: string, outfile: string): Promise<esbuild.BuildResult> {
  const { webWorkerGuard } = await loadGuard();
  return esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    external: ['vscode'],
    mainFields: ['browser', 'module', 'main'],
    metafile: true,
    logLevel: 'silent',
    plugins: [webWorkerGuard()],
  });
}

describe('web bundle guard', function () {
  this.timeout(60_000);
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-web-guard-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('fails the build on a Node built-in, naming it and the importer', async () => {
    const entry = path.join(dir, 'entry.ts');
    fs.writeFileSync(entry, "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n");
    await assert.rejects(buildWeb(entry, path.join(dir, 'out.js')), (error: Error) => {
      assert.match(error.message, /Node built-in "node:fs" imported by .*entry\.ts/);
      return true;
    });
  });

  it('fails on a bare built-in name too (path)', async () => {
    const entry = path.join(dir, 'entry.ts');
    fs.writeFileSync(entry, "import * as p from 'path';\nexport const x = p.join;\n");
    await assert.rejects(buildWeb(entry, path.join(dir, 'out.js')), /Node built-in "path"/);
  });

  it('replaces a built-in by an empty module when the package declares it optional for browsers', async () => {
    const pkg = path.join(dir, 'node_modules', 'uses-fs');
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'uses-fs', main: 'index.js', browser: { fs: false } }));
    fs.writeFileSync(path.join(pkg, 'index.js'), "const fs = require('fs');\nmodule.exports = typeof fs.readFileSync;\n");
    const entry = path.join(dir, 'entry.ts');
    fs.writeFileSync(entry, "import kind from 'uses-fs';\nexport const x = kind;\n");
    const out = path.join(dir, 'out.js');
    await buildWeb(entry, out);
    const exported = { exports: {} as { x?: unknown } };
    const run = vm.runInNewContext(`(function (module, exports, require) {\n${fs.readFileSync(out, 'utf8')}\n})`) as (m: unknown, e: unknown, r: unknown) => void;
    run(exported, exported.exports, () => {
      throw new Error('the web bundle must not require anything at run time');
    });
    assert.equal(exported.exports.x, 'undefined');
  });

  it('builds the real web entry: only "vscode" stays external', async () => {
    const result = await buildWeb(path.join(REPO_ROOT, 'src', 'web', 'extension.ts'), path.join(dir, 'web.js'));
    const externals = Object.values(result.metafile!.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
    assert.deepEqual([...new Set(externals)], ['vscode']);
  });
});
