// `npm run pack:cli`: the installable `postdesk` command-line package. Its
// manifest and README live in packages/cli/; the bundle is the CLI entry of
// scripts/build.mjs, built (minified, no source map) straight into a staging
// folder, so a dev build rewriting dist/ meanwhile cannot slip in. The
// package has no dependencies: everything is in the one bundle.
//
//   node --require tsx/cjs scripts/pack-cli.ts [--out DIR]
//
// prints the path of postdesk-<version>.tgz (default: out/, which git ignores),
// which installs with `npm install -g ./postdesk-<version>.tgz`.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const CLI_PACKAGE_DIR = path.join(REPO_ROOT, 'packages', 'cli');

/** The files the tarball holds (npm adds package.json and LICENSE of its own accord). */
export const CLI_PACKAGE_FILES = ['package/LICENSE', 'package/README.md', 'package/cli.js', 'package/package.json'];

interface Manifest {
  name: string;
  version: string;
  bin: Record<string, string>;
  files: string[];
  dependencies?: Record<string, string>;
}

export function readManifest(dir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** The same bundle as build.mjs's CLI target, production settings. */
export async function buildCliBundle(outfile: string): Promise<void> {
  await esbuild.build({
    entryPoints: [path.join(REPO_ROOT, 'src/cli/main.ts')],
    outfile,
    bundle: true,
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
  });
}

/** Stages packages/cli with a fresh bundle and packs it into `outDir`; returns the tarball's path. */
export async function packCli(outDir: string = path.join(REPO_ROOT, 'out')): Promise<string> {
  const manifest = readManifest(CLI_PACKAGE_DIR);
  const root = readManifest(REPO_ROOT);
  // One version for the extension and the CLI: `postdesk --version` prints the root's.
  if (manifest.version !== root.version) throw new Error(`packages/cli/package.json has version ${manifest.version}, the repository ${root.version}: make them equal`);
  if (manifest.dependencies && Object.keys(manifest.dependencies).length > 0) throw new Error('the CLI package must have no runtime dependencies: everything is bundled');
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-cli-pack-'));
  try {
    fs.copyFileSync(path.join(CLI_PACKAGE_DIR, 'package.json'), path.join(staging, 'package.json'));
    fs.copyFileSync(path.join(CLI_PACKAGE_DIR, 'README.md'), path.join(staging, 'README.md'));
    fs.copyFileSync(path.join(REPO_ROOT, 'LICENSE'), path.join(staging, 'LICENSE'));
    await buildCliBundle(path.join(staging, 'cli.js'));
    fs.chmodSync(path.join(staging, 'cli.js'), 0o755);
    fs.mkdirSync(outDir, { recursive: true });
    // --ignore-scripts: packing runs nothing from the package; the cache stays where npm keeps it.
    const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', path.resolve(outDir)], { cwd: staging, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const [packed] = JSON.parse(out) as { filename: string }[];
    if (!packed) throw new Error(`npm pack printed no package: ${out}`);
    return path.join(path.resolve(outDir), packed.filename);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const at = process.argv.indexOf('--out');
  packCli(at === -1 ? undefined : process.argv[at + 1]).then(
    (tgz) => console.log(tgz),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
