// The extension-host benchmark: generates workspaces of 10,000 and 100,000
// posts in a temporary folder, opens each in the real VS Code (code-server,
// through the test harness) with bench/extension-host/suite.ts as the
// extension tests, and prints the suite's `BENCH_ROW {json}` lines (which
// bench/main.ts collects) plus a row of its own: whether the workbench showed
// a progress notification while the large workspace was indexed.
//
// Usage: node --require tsx/cjs bench/extension-host/run.ts [--posts 10000] [--large 100000] [--no-large] [--only-large]
// With POSTDESK_BENCH_CPUPROF=<folder>, each pass also saves a CPU profile of the extension host (see suite.ts);
// with POSTDESK_BENCH_TRACE_GC=<file>, V8's trace of every collection in the extension host goes to that file;
// with POSTDESK_BENCH_WORKBENCH_PROF=<folder>, the workbench page's CPU profile while the suite expands the
// years is saved there (the suite logs WORKBENCH_PROFILE start/stop lines around that step).
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import type { Page } from 'playwright-core';
import { handleSignals, onCleanup, runCleanups } from '../../test/harness/cleanup';
import { workbenchUrl } from '../../test/harness/fixtures';
import { REPO_ROOT } from '../../test/harness/paths';
import { startHost, type TestHost } from '../../test/harness/session';
import { formatBenchRowLine, parseBenchRowLines, type BenchRow } from '../types';
import { stageShippedExtension } from './shipped';
import { writeBenchWorkspace } from './workspace';

const SUITE_OUT = path.join(REPO_ROOT, 'out', 'bench', 'extension-host');
/** A quiet moment after the generated files are flushed, before the workbench opens them. */
const SETTLE_MS = 2000;

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function log(line: string): void {
  process.stderr.write(`# ${line}\n`);
}

async function buildSuite(): Promise<string> {
  fs.rmSync(SUITE_OUT, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [path.join(REPO_ROOT, 'bench', 'extension-host', 'suite.ts')],
    outfile: path.join(SUITE_OUT, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return path.join(SUITE_OUT, 'index.js');
}

interface PassResult {
  readonly rows: BenchRow[];
  readonly sawProgress: boolean;
  /** Whether the notification centre was ever seen open (where the progress shows under the test driver). */
  readonly sawCentre: boolean;
}

async function runPass(host: TestHost, suite: string, extension: string, posts: number, perYear: number, interactive: boolean): Promise<PassResult> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `postdesk-bench-${posts}-`));
  const unregister = onCleanup(() => fs.rmSync(root, { recursive: true, force: true }));
  const { context, tracker } = await host.newContext();
  try {
    const folder = path.join(root, 'site');
    const started = Date.now();
    await writeBenchWorkspace(folder, { posts, perYear, interactive });
    log(`generated ${posts.toLocaleString('en-US')} posts in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // The files just written are still being flushed by the kernel (the
    // journal of 100,000 new files keeps a core busy for seconds): flush them
    // now and let the machine settle, so the pass measures opening a site
    // that exists, not our own writing of it.
    const flushing = Date.now();
    execFileSync('sync');
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    log(`flushed the files to disk in ${((Date.now() - flushing) / 1000).toFixed(1)} s (including ${SETTLE_MS / 1000} s to settle)`);

    let output = '';
    const page = await context.newPage();
    const profiler = workbenchProfiler(page, posts);
    const exit = new Promise<number>((resolve) => {
      void context.exposeFunction('codeAutomationLog', (_type: string, args: unknown) => {
        const text = format(...(Array.isArray(args) ? args : [args]));
        output += `${text}\n`;
        if (text.startsWith('BENCH_ROW ') || /benchmark failed/.test(text)) log(text);
        if (text.startsWith('WORKBENCH_PROFILE ')) profiler?.(text.slice('WORKBENCH_PROFILE '.length).trim());
      });
      void context.exposeFunction('codeAutomationExit', (code: number) => resolve(Number(code)));
    });
    const opened = Date.now();
    void exit.then(() => log(`the ${posts.toLocaleString('en-US')}-post pass ran ${((Date.now() - opened) / 1000).toFixed(1)} s in the workbench`));
    await page.goto(workbenchUrl(host.server.host, { folder, extensionDevelopmentPath: extension, extensionTestsPath: suite }));

    // Watch for the progress notification the index shows for large scans: in
    // the notification centre, which the suite opens (the smoke-test driver
    // the harness needs keeps notifications from showing as toasts).
    let sawProgress = false;
    let sawCentre = false;
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        if (!sawProgress && (await page.locator('.notification-toast, .notifications-center .notification-list-item', { hasText: /indexing/i }).count().catch(() => 0)) > 0) sawProgress = true;
        const centreOpen = (await page.locator('.notifications-center.visible').count().catch(() => 0)) > 0;
        if (centreOpen) sawCentre = true;
        // Opening the Posts view closes the centre (VS Code 1.139.1): the status bar's bell opens it again.
        else if (sawCentre && !sawProgress) await page.locator('[id="status.notifications"]').click({ timeout: 1000 }).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 15 * 60_000).unref());
    const outcome = await Promise.race([exit, timeout]);
    watching = false;
    await watcher;
    if (outcome === 'timeout') throw new Error(`the ${posts}-post pass did not finish within 15 minutes`);
    if (outcome !== 0) throw new Error(`the ${posts}-post pass failed (exit ${outcome}):\n${output.split('\n').slice(-30).join('\n')}`);
    if (tracker.offenders().length > 0) throw new Error(`the workbench tried to reach other hosts:\n${tracker.describe()}`);
    return { rows: parseBenchRowLines(output), sawProgress, sawCentre };
  } finally {
    const closing = Date.now();
    await context.close().catch(() => undefined);
    unregister();
    fs.rmSync(root, { recursive: true, force: true });
    log(`closed the window and removed the workspace in ${((Date.now() - closing) / 1000).toFixed(1)} s`);
  }
}

/**
 * With POSTDESK_BENCH_WORKBENCH_PROF=<folder>: a CPU profile of the workbench
 * page (the renderer, where VS Code draws the tree), started and stopped by
 * the suite's WORKBENCH_PROFILE lines. Returns the handler of those lines.
 */
function workbenchProfiler(page: Page, posts: number): ((what: string) => void) | undefined {
  const folder = process.env.POSTDESK_BENCH_WORKBENCH_PROF;
  if (!folder) return undefined;
  const session = page.context().newCDPSession(page);
  let steps = Promise.resolve();
  return (what) => {
    steps = steps.then(async () => {
      const cdp = await session;
      if (what.startsWith('start')) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      } else {
        const { profile } = await cdp.send('Profiler.stop');
        const file = path.join(folder, `workbench-${posts}-${what.replace(/\W+/g, '-')}.cpuprofile`);
        fs.writeFileSync(file, JSON.stringify(profile));
        log(`saved the workbench's profile to ${file}`);
      }
    }).catch((error: unknown) => log(`workbench profile: ${error instanceof Error ? error.message : String(error)}`));
  };
}

async function main(): Promise<number> {
  const posts = Number(flag('--posts') ?? 10_000);
  const large = process.argv.includes('--no-large') ? 0 : Number(flag('--large') ?? 100_000);
  const suite = await buildSuite();
  // The working tree's code, built as it ships.
  const extension = stageShippedExtension();
  const starting = Date.now();
  const host = await startHost();
  log(`started the workbench host in ${((Date.now() - starting) / 1000).toFixed(1)} s`);
  const rows: BenchRow[] = [];
  try {
    if (!process.argv.includes('--only-large')) {
      const small = await runPass(host, suite, extension, posts, Math.max(1, Math.round(posts / 10)), true);
      rows.push(...small.rows);
    }
    if (large > 0) {
      const big = await runPass(host, suite, extension, large, Math.max(1, Math.round(large / 10)), false);
      rows.push(...big.rows);
      rows.push({
        name: `Posts view: progress notification shown while indexing ${large.toLocaleString('en-US')} posts`,
        value: big.sawProgress ? 1 : 0,
        unit: 'yes=1',
        target: 'shown',
        pass: big.sawProgress,
        ...(big.sawProgress ? {} : { note: big.sawCentre ? 'the notification centre was open' : 'the notification centre, where the test driver shows notifications, was never seen open' }),
      });
    }
  } finally {
    if (process.env.POSTDESK_BENCH_TRACE_GC) {
      fs.writeFileSync(process.env.POSTDESK_BENCH_TRACE_GC, host.server.output());
      log(`the server's output (with the extension host's GC trace) is in ${process.env.POSTDESK_BENCH_TRACE_GC}`);
    }
    const stopping = Date.now();
    await host.stop();
    log(`stopped the workbench in ${((Date.now() - stopping) / 1000).toFixed(1)} s`);
  }
  for (const row of rows) console.log(formatBenchRowLine(row));
  return 0;
}

handleSignals();
main()
  .then((code) => code, (error: unknown) => {
    log(`extension-host benchmark: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  })
  .then(async (code) => {
    await runCleanups();
    process.exit(code);
  });
