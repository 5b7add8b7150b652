// Runs one benchmark suite (an extension test file in this folder) in the real
// extension host through the test harness and returns its BENCH_ROW lines
// (bench/types.ts). Shared by the diagnostics and render benchmarks.
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { format } from 'node:util';
import { handleSignals } from '../../test/harness/cleanup';
import { workbenchUrl } from '../../test/harness/fixtures';
import { REPO_ROOT } from '../../test/harness/paths';
import { startHost } from '../../test/harness/session';
import { BENCH_ROW_PREFIX } from '../types';
import { stageShippedExtension } from './shipped';

export interface SuiteRun {
  /** The suite's file name in bench/extension-host/, without `.ts`. */
  readonly suite: string;
  /** The folder the workbench opens. */
  readonly folder: string;
  /** Environment of the server (and so of the extension host). */
  readonly env?: Record<string, string>;
  readonly timeoutMs: number;
}

/** The caller runs the harness cleanups (runCleanups) when it is done. */
export async function runSuiteInHost(run: SuiteRun): Promise<string[]> {
  // The working tree's code, built as it ships.
  const extension = stageShippedExtension();
  const suiteOut = path.join(REPO_ROOT, 'out', 'bench', 'extension-host', `${run.suite}.js`);
  await esbuild.build({
    entryPoints: [path.join(REPO_ROOT, 'bench', 'extension-host', `${run.suite}.ts`)],
    outfile: suiteOut, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'silent',
  });
  const host = await startHost(run.env ? { env: run.env } : {});
  const { context } = await host.newContext();
  const lines: string[] = [];
  const exit = new Promise<number>((resolve) => {
    void context.exposeFunction('codeAutomationLog', (_type: string, args: unknown) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      if (text.startsWith(BENCH_ROW_PREFIX)) lines.push(text);
      else if (/Error|failed/.test(text)) process.stderr.write(`${text}\n`);
    });
    void context.exposeFunction('codeAutomationExit', (code: number) => resolve(Number(code)));
  });
  const page = await context.newPage();
  await page.goto(workbenchUrl(host.server.host, { folder: run.folder, extensionDevelopmentPath: extension, extensionTestsPath: suiteOut }));
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([exit, new Promise<number>((resolve) => (timer = setTimeout(() => resolve(124), run.timeoutMs)))]);
  clearTimeout(timer);
  await context.close().catch(() => undefined);
  if (code !== 0) throw new Error(code === 124 ? `the benchmark did not finish within ${run.timeoutMs / 1000} s` : `the benchmark suite failed (exit ${code})`);
  return lines;
}

/** Runs a benchmark as a script: its BENCH_ROW lines on stdout, exit 1 with the reason on failure. */
export function runAsScript(name: string, bench: () => Promise<string[]>): void {
  handleSignals();
  bench().then(
    (lines) => {
      for (const line of lines) process.stdout.write(`${line}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
