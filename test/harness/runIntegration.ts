// `npm run test:integration`: compiles test/integration/, then runs it in
// code-server's real Node extension host, first on test/fixtures/workspace,
// then (when a test is tagged @multi-root) on the multi-root workspace.
//
// Usage: node --require tsx/cjs test/harness/runIntegration.ts [--vscode VERSION]
//          [--grep REGEXP] [--timeout SECONDS] [--only workspace|multi-root] [--verbose]
//          [--suite PATH]   (an already built extensionTestsPath instead of test/integration; used by the self-tests)
// Env:   POSTDESK_VSCODE (same as --vscode; default the newest known, 1.139.1), POSTDESK_TEST_GREP (same as --grep), POSTDESK_CHROMIUM, POSTDESK_KEEP_RESULTS.
// Exit:  0 all passed; 1 a test failed; 2 harness error; 124 timeout; 130 Ctrl+C.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildIntegrationTests } from './buildTests';
import { handleSignals, runCleanups } from './cleanup';
import type { FixtureKind } from './fixtures';
import { errorText, HarnessError, log, logError } from './log';
import { currentTarget, describeTarget, RESULTS_DIR, takeVsCodeArg } from './paths';
import { runSuite } from './runSuite';
import { startHost } from './session';

interface Options {
  grep?: string;
  timeoutMs: number;
  only?: FixtureKind;
  verbose: boolean;
  suite?: string;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { grep: process.env.POSTDESK_TEST_GREP || undefined, timeoutMs: 300_000, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new HarnessError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--grep' || arg === '-g') options.grep = value();
    else if (arg === '--timeout') options.timeoutMs = Number(value()) * 1000;
    else if (arg === '--only') options.only = value() as FixtureKind;
    else if (arg === '--verbose') options.verbose = true;
    else if (arg === '--suite') options.suite = path.resolve(value());
    else throw new HarnessError(`unknown argument ${arg}\nusage: runIntegration.ts [--grep REGEXP] [--timeout SECONDS] [--only workspace|multi-root] [--verbose]`);
  }
  if (!(options.timeoutMs > 0)) throw new HarnessError('--timeout must be a positive number of seconds');
  if (options.only && options.only !== 'workspace' && options.only !== 'multi-root') throw new HarnessError('--only must be workspace or multi-root');
  return options;
}

async function main(): Promise<number> {
  const options = parseArgs(takeVsCodeArg(process.argv.slice(2)));
  log(`integration suite on ${describeTarget(currentTarget())}`);
  fs.rmSync(path.join(RESULTS_DIR, 'integration'), { recursive: true, force: true });
  const testFiles = options.suite ? [] : await buildIntegrationTests();
  // The multi-root pass costs a second workbench start: only when some test asks for it.
  const wantsMultiRoot = testFiles.some((f) => fs.readFileSync(f, 'utf8').includes('@multi-root'));
  const passes: FixtureKind[] = options.only ? [options.only] : wantsMultiRoot ? ['workspace', 'multi-root'] : ['workspace'];

  const env: Record<string, string> = {};
  if (options.grep) env.POSTDESK_TEST_GREP = options.grep;
  if (process.stdout.isTTY) env.POSTDESK_TEST_COLOR = '1';
  let passed = 0;
  let failed = 0;
  let timedOut = false;
  for (const kind of passes) {
    // A fresh server per pass (it starts in under a second): a second window on
    // the same server sometimes opened the .code-workspace without its folders.
    // The web workbench saves after a second's pause by default (desktop VS Code
    // does not): on a loaded host a test's edits then reach the disk mid-test,
    // under the index's and the revert's feet. The tests save when they mean to.
    const host = await startHost({ env, verbose: options.verbose, settings: { 'files.autoSave': 'off' } });
    try {
      const result = await runSuite(host, kind, { timeoutMs: options.timeoutMs, verbose: options.verbose, suite: options.suite });
      passed += result.passed;
      failed += result.failed;
      timedOut ||= result.timedOut;
    } finally {
      await host.stop();
    }
  }
  log(`integration suite on ${describeTarget(currentTarget())}: ${passed} passed, ${failed} failed`);
  console.log(`${passed} passed, ${failed} failed`);
  return timedOut ? 124 : failed > 0 ? 1 : 0;
}

handleSignals();
main()
  .catch((error: unknown) => {
    logError(`harness error: ${errorText(error)}`);
    console.log('0 passed, 0 failed (the suite did not run)');
    return error instanceof HarnessError ? error.exitCode : 2;
  })
  .then(async (code) => {
    await runCleanups();
    log(`exit ${code}`);
    process.exit(code);
  });
