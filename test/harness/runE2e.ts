// `npm run test:e2e`: mocha (in Node) over test/e2e/**/*.e2e.ts, driving the
// real workbench through the page objects in test/e2e/workbench.ts. One
// code-server and one Chromium serve the whole run; each test opens its own
// window on a fresh fixture copy.
//
// Usage: node --require tsx/cjs test/harness/runE2e.ts [--vscode VERSION] [--grep REGEXP] [--timeout SECONDS] [--shard K/N] [FILE...]
//        --shard K/N runs the K-th of N parts of the files (`npm test` runs two side by side).
// Env:   POSTDESK_VSCODE (same as --vscode; default the newest known, 1.139.1), POSTDESK_TEST_GREP (same as --grep), POSTDESK_CHROMIUM.
// Exit:  0 all passed; 1 a test failed; 2 harness error; 124 timeout; 130 Ctrl+C.
import Mocha from 'mocha';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getHost, openWorkbenches, stopHost, E2E_RESULTS } from '../e2e/workbench';
import { handleSignals, onCleanup, runCleanups } from './cleanup';
import { errorText, HarnessError, log, logError } from './log';
import { currentTarget, describeTarget, REPO_ROOT, takeVsCodeArg } from './paths';
import { shardFiles } from './shard';

interface Options {
  grep?: string;
  timeoutMs: number;
  files: string[];
  shard?: { index: number; count: number };
}

function parseArgs(argv: string[]): Options {
  const options: Options = { grep: process.env.POSTDESK_TEST_GREP || undefined, timeoutMs: 600_000, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--grep' || arg === '-g') options.grep = argv[++i];
    else if (arg === '--timeout') options.timeoutMs = Number(argv[++i]) * 1000;
    else if (arg === '--shard') options.shard = parseShard(argv[++i]);
    else if (arg.startsWith('-')) throw new HarnessError(`unknown argument ${arg}\nusage: runE2e.ts [--grep REGEXP] [--timeout SECONDS] [--shard K/N] [FILE...]`);
    else options.files.push(path.resolve(arg));
  }
  if (!(options.timeoutMs > 0)) throw new HarnessError('--timeout must be a positive number of seconds');
  return options;
}

function parseShard(value: string | undefined): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value ?? '');
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new HarnessError(`--shard needs K/N with 1 <= K <= N, not ${value ?? 'nothing'}`);
  return { index, count };
}

function findE2eTests(): string[] {
  const dir = path.join(REPO_ROOT, 'test', 'e2e');
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.e2e.ts'))
    .map((d) => path.join(d.parentPath, d.name))
    .sort();
}

async function main(): Promise<number> {
  const options = parseArgs(takeVsCodeArg(process.argv.slice(2)));
  log(`e2e tests on ${describeTarget(currentTarget())}`);
  const all = options.files.length > 0 ? options.files : findE2eTests();
  const files = options.shard ? shardFiles(all, options.shard, (file) => fs.statSync(file).size) : all;
  if (files.length === 0) throw new HarnessError(options.shard ? `Shard ${options.shard.index}/${options.shard.count} has no test files.` : 'No test/e2e/**/*.e2e.ts files found.');
  if (options.shard) log(`shard ${options.shard.index}/${options.shard.count}: ${files.map((f) => path.basename(f)).join(', ')}`);
  // A run of named files or of one shard adds to the screenshots of the runs before it.
  if (options.files.length === 0 && !options.shard) fs.rmSync(E2E_RESULTS, { recursive: true, force: true });
  onCleanup(async () => void (await stopHost()));
  // Start the host before mocha so install/start faults end the run with their own message.
  await getHost();

  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, reporter: 'spec', color: Boolean(process.stdout.isTTY) });
  Mocha.interfaces.tdd(mocha.suite);
  if (options.grep) mocha.grep(options.grep);
  mocha.rootHooks({
    async afterEach(this: Mocha.Context) {
      const test = this.currentTest;
      if (test?.state !== 'failed') return;
      // A screenshot of every window the failed test left open, for the post-mortem.
      const dir = path.join(E2E_RESULTS, 'failures');
      fs.mkdirSync(dir, { recursive: true });
      const name = test.fullTitle().replace(/[^\w.-]+/g, '-').slice(0, 120);
      let i = 0;
      for (const wb of openWorkbenches()) {
        await wb.page.screenshot({ path: path.join(dir, `${name}-${i++}.png`), timeout: 10_000 }).catch(() => undefined);
      }
      const host = await getHost();
      fs.writeFileSync(path.join(dir, 'code-server.log'), host.server.output());
    },
  });
  for (const file of files) mocha.addFile(file);

  let timer: NodeJS.Timeout | undefined;
  const stats = await Promise.race([
    new Promise<{ passes: number; failures: number; pending: number }>((resolve) => {
      const runner = mocha.run(() => resolve({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0, pending: runner.stats?.pending ?? 0 }));
    }),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new HarnessError(`The e2e tests did not finish within ${options.timeoutMs / 1000} s.`, 124)), options.timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  // Windows a test left open are closed here; their network checks still count.
  const leftovers = await stopHost();
  for (const problem of leftovers) logError(problem);
  const failures = stats.failures + leftovers.length;
  if (stats.pending > 0) console.log(`${stats.pending} pending`);
  log(`e2e tests on ${describeTarget(currentTarget())}: ${stats.passes} passed, ${failures} failed`);
  console.log(`${stats.passes} passed, ${failures} failed`);
  return failures > 0 ? 1 : 0;
}

handleSignals();
main()
  .catch((error: unknown) => {
    logError(`harness error: ${errorText(error)}`);
    console.log('0 passed, 0 failed (the e2e tests did not run to the end)');
    return error instanceof HarnessError ? error.exitCode : 2;
  })
  .then(async (code) => {
    await runCleanups();
    log(`exit ${code}`);
    process.exit(code);
  });
