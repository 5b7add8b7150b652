// `node --require tsx/cjs bench/extension-host/render.ts`: the preview-render
// benchmark (bench/render.ts) in the real extension host. Opens an empty
// temporary folder in code-server through the test harness, runs
// renderSuite.ts there and prints its BENCH_ROW lines (bench/types.ts) on
// stdout. Heavy: run it under `flock /tmp/vscode-host.lock` on shared machines.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { handleSignals, runCleanups } from '../../test/harness/cleanup';
import { workbenchUrl } from '../../test/harness/fixtures';
import { REPO_ROOT } from '../../test/harness/paths';
import { startHost } from '../../test/harness/session';
import { BENCH_ROW_PREFIX } from '../types';

const SUITE_OUT = path.join(REPO_ROOT, 'out', 'bench', 'extension-host', 'renderSuite.js');

export async function runRenderBench(timeoutMs = 300_000): Promise<string[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-bench-render-'));
  try {
    // The extension host loads dist/extension.js: measure the working tree, not a stale bundle.
    const build = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (build.status !== 0) throw new Error('npm run build failed');
    await esbuild.build({
      entryPoints: [path.join(REPO_ROOT, 'bench', 'extension-host', 'renderSuite.ts')],
      outfile: SUITE_OUT, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'silent',
    });
    const host = await startHost();
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
    await page.goto(workbenchUrl(host.server.host, { folder: root, extensionDevelopmentPath: REPO_ROOT, extensionTestsPath: SUITE_OUT }));
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exit, new Promise<number>((resolve) => (timer = setTimeout(() => resolve(124), timeoutMs)))]);
    clearTimeout(timer);
    await context.close().catch(() => undefined);
    if (code !== 0) throw new Error(code === 124 ? `the benchmark did not finish within ${timeoutMs / 1000} s` : `the benchmark suite failed (exit ${code})`);
    return lines;
  } finally {
    await runCleanups();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) {
  handleSignals();
  runRenderBench().then(
    (lines) => {
      for (const line of lines) process.stdout.write(`${line}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`render benchmark: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
