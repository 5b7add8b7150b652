// `node --require tsx/cjs bench/extension-host/render.ts`: the preview-render
// benchmark (bench/render.ts) in the real extension host. Opens an empty
// temporary folder in code-server through the test harness, runs
// renderSuite.ts there and prints its BENCH_ROW lines (bench/types.ts) on
// stdout. Heavy: run it under `flock /tmp/vscode-host.lock` on shared machines.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCleanups } from '../../test/harness/cleanup';
import { runAsScript, runSuiteInHost } from './suiteRunner';

export async function runRenderBench(timeoutMs = 300_000): Promise<string[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-bench-render-'));
  try {
    return await runSuiteInHost({ suite: 'renderSuite', folder: root, timeoutMs });
  } finally {
    await runCleanups();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) runAsScript('render benchmark', () => runRenderBench());
