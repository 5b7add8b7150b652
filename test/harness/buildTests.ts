// Compiles the integration suite (test/integration/**/*.ts) with esbuild into
// out/test/integration/, one bundle per file so index.js can find every
// *.test.js. `vscode` is provided by the extension host and mocha must be the
// single copy index.js drives, so both stay external.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HarnessError, log } from './log';
import { INTEGRATION_OUT, INTEGRATION_SRC, REPO_ROOT } from './paths';

export async function buildIntegrationTests(): Promise<string[]> {
  const entries = listTs(INTEGRATION_SRC);
  if (!entries.some((e) => path.basename(e) === 'index.ts')) throw new HarnessError(`No test/integration/index.ts found in ${INTEGRATION_SRC}.`);
  // Start clean so a deleted test does not keep running from a stale bundle.
  fs.rmSync(INTEGRATION_OUT, { recursive: true, force: true });
  try {
    await esbuild.build({
      entryPoints: entries,
      outdir: INTEGRATION_OUT,
      outbase: INTEGRATION_SRC,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcesContent: false,
      external: ['vscode', 'mocha'],
      logLevel: 'silent',
      absWorkingDir: REPO_ROOT,
    });
  } catch (error) {
    const failure = error as esbuild.BuildFailure;
    const messages = failure.errors ? (await esbuild.formatMessages(failure.errors, { kind: 'error' })).join('\n') : String(error);
    throw new HarnessError(`The integration suite does not compile:\n${messages}`);
  }
  const tests = entries.filter((e) => e.endsWith('.test.ts'));
  log(`compiled ${tests.length} integration test file(s) into ${path.relative(REPO_ROOT, INTEGRATION_OUT)}`);
  return tests;
}

function listTs(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts') && !d.name.endsWith('.d.ts'))
    .map((d) => path.join(d.parentPath, d.name))
    .sort();
}
