// `npm run package`: production bundles (minified, no source maps), then
// `vsce package --no-dependencies` (the bundles already contain every
// dependency) into postdesk-<version>.vsix, then a check of what went in:
// the required files, nothing outside the allow-list, under 700 KB.
//
// The package is assembled in a staging folder (out/package/) so a dev build
// running at the same time (tests rebuild dist/) cannot slip into the VSIX.
// Tests pass their own staging folder and output file: `npm test` runs the
// unit tests and the VSIX end-to-end test side by side.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkVsixEntries, listZip, MAX_VSIX_BYTES, readZipEntry, REPO_ROOT, vsixPath } from './vsix';

export const STAGING_DIR = path.join(REPO_ROOT, 'out', 'package');

/** What the staging folder gets from the working tree; .vscodeignore then decides what ships. */
const STAGED = ['package.json', 'package.nls.json', 'package.nls.de.json', '.vscodeignore', 'README.md', 'CHANGELOG.md', 'LICENSE', 'l10n', 'media', 'syntaxes', 'schemas', 'docs'];

export interface PackageOptions {
  readonly quiet?: boolean;
  /** Where the package is assembled (default out/package/). */
  readonly stagingDir?: string;
  /** The VSIX to write (default postdesk-<version>.vsix at the repository root). */
  readonly out?: string;
}

/**
 * The extension as it ships, unpacked in `staging`: the manifest, strings,
 * media and the production bundles. The VSIX is packed from it, and the
 * extension-host benchmarks load it (they measure what authors run).
 */
export function stageExtension(staging: string, quiet = false): void {
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  for (const entry of STAGED) {
    const from = path.join(REPO_ROOT, entry);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(staging, entry), { recursive: true });
  }
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs'), '--production', `--out-root=${staging}`], { cwd: REPO_ROOT, stdio: quiet ? 'pipe' : 'inherit' });
}

export function packageVsix(options: PackageOptions = {}): { file: string; problems: string[] } {
  const out = options.out ?? vsixPath();
  const staging = options.stagingDir ?? STAGING_DIR;
  fs.rmSync(out, { force: true });
  stageExtension(staging, options.quiet);
  const run = (command: string, args: readonly string[], cwd: string) => execFileSync(command, args, { cwd, stdio: options.quiet ? 'pipe' : 'inherit' });
  const vsce = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], staging);

  const entries = listZip(out);
  const size = fs.statSync(out).size;
  const problems = checkVsixEntries(entries, (entry) => readZipEntry(out, entry));
  if (size >= MAX_VSIX_BYTES) problems.push(`${path.basename(out)} is ${(size / 1024).toFixed(0)} KB, over the ${MAX_VSIX_BYTES / 1024} KB budget`);
  if (!options.quiet) for (const entry of entries) console.log(`${String(entry.size).padStart(9)}  ${entry.name}`);
  if (!options.quiet) console.log(`${path.relative(process.cwd(), out) || out}: ${entries.length} files, ${(size / 1024).toFixed(1)} KB`);
  return { file: out, problems };
}

if (require.main === module) {
  try {
    const { problems } = packageVsix();
    if (problems.length > 0) {
      console.error(`The package is not right:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
      process.exitCode = 1;
    }
  } catch (error) {
    console.error(`npm run package failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
