// `npm run bench`: runs every benchmark producer in this process, collects
// rows printed by out-of-process runners (the real extension host; skip them
// with --no-extension-host), and prints one Markdown table. Options:
// --posts N (default 10,000), --repeats N (default 5), --only engine|real|render
// (one group of in-process rows, e.g. on a shared machine; implies
// --no-extension-host and --no-write: a partial table replaces no full one); the table also goes into docs/benchmarks.md
// ("Latest run") unless --no-write is given.
// Not a test: figures depend on the machine; the targets say what we aim for.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchEngine } from './engine';
import { benchRealCorpora } from './realCorpora';
import { benchRender } from './render';
import { parseBenchRowLines, type BenchProducer, type BenchRow } from './types';

/** dist/bench.js runs from dist/; the sources it spawns live beside it in the repository. */
const REPO_ROOT = path.resolve(__dirname, '..');

/**
 * Benchmarks that must run inside the real extension host (code-server, via the
 * test harness) live in their own scripts and print `BENCH_ROW` lines; list
 * each runner here. A runner that does not exist yet is skipped.
 */
const EXTENSION_HOST_RUNNERS = ['bench/extension-host/run.ts', 'bench/extension-host/diagnostics.ts', 'bench/extension-host/render.ts'];
const RUNNER_TIMEOUT_MS = 15 * 60 * 1000;

function runExtensionHostBench(relative: string): BenchProducer {
  return () =>
    new Promise<BenchRow[]>((resolve, reject) => {
      const script = path.join(REPO_ROOT, relative);
      const node = [process.execPath, '--require', 'tsx/cjs', script];
      // Real VS Code runs are serialised: two at once on a small machine time out.
      const useLock = process.platform === 'linux' && existsSync('/usr/bin/flock');
      const [command, ...args] = useLock ? ['/usr/bin/flock', '/tmp/vscode-host.lock', ...node] : node;
      const child = spawn(command as string, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      const timer = setTimeout(() => child.kill('SIGTERM'), RUNNER_TIMEOUT_MS);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        const rows = parseBenchRowLines(stdout);
        if (code === 0 || rows.length > 0) resolve(rows);
        else reject(new Error(`${relative} exited with ${signal ?? code}`));
      });
    });
}

function flagValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function log(line: string): void {
  process.stderr.write(`# ${line}\n`);
}

export function formatTable(rows: readonly BenchRow[]): string {
  const lines = ['| Benchmark | Value | Unit | Target | Result |', '|---|---:|---|---|---|'];
  for (const r of rows) {
    const value = Number.isFinite(r.value) ? r.value.toLocaleString('en-US', { maximumFractionDigits: 2 }) : 'n/a';
    const result = r.pass === undefined ? '' : r.pass ? 'pass' : '**FAIL**';
    const name = r.note ? `${r.name} (${r.note})` : r.name;
    lines.push(`| ${name} | ${value} | ${r.unit} | ${r.target ?? ''} | ${result} |`);
  }
  return lines.join('\n') + '\n';
}

const LATEST_START = '<!-- bench:latest -->';
const LATEST_END = '<!-- /bench:latest -->';

/** Puts this run's table between the markers of docs/benchmarks.md, where the README links to it. */
export function writeLatestRun(file: string, heading: string, rows: readonly BenchRow[]): string {
  const text = readFileSync(file, 'utf8');
  const from = text.indexOf(LATEST_START);
  const to = text.indexOf(LATEST_END);
  if (from < 0 || to < from) throw new Error(`${file} has no ${LATEST_START} … ${LATEST_END} block`);
  const block = `${LATEST_START}\n${heading}\n\n${formatTable(rows)}`;
  writeFileSync(file, text.slice(0, from) + block + text.slice(to));
  return file;
}

async function main(): Promise<number> {
  // The heap benchmark needs global.gc: restart under --expose-gc when it is missing.
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function' && !process.env.POSTDESK_BENCH_CHILD) {
    const child = spawnSync(process.execPath, ['--expose-gc', ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, POSTDESK_BENCH_CHILD: '1' } });
    return child.status ?? 1;
  }
  const posts = Number(flagValue('--posts') ?? 10_000);
  const repeats = Number(flagValue('--repeats') ?? 5);
  const only = flagValue('--only');
  const groups: [string, string, BenchProducer][] = [
    ['engine', 'engine and CLI', () => benchEngine({ posts, repeats, log })],
    ['real', 'CLI on real posts, and markdownlint-cli2', () => benchRealCorpora({ posts, repeats, log })],
    ['render', 'preview rendering', benchRender],
  ];
  if (only !== undefined && !groups.some(([key]) => key === only)) throw new Error(`--only takes one of ${groups.map(([key]) => key).join(', ')}`);
  const producers: [string, BenchProducer][] = groups.filter(([key]) => only === undefined || key === only).map(([, name, produce]) => [name, produce]);
  if (only === undefined && !process.argv.includes('--no-extension-host')) {
    for (const runner of EXTENSION_HOST_RUNNERS) {
      if (existsSync(path.join(REPO_ROOT, runner))) producers.push([`extension host: ${runner}`, runExtensionHostBench(runner)]);
      else log(`skipping ${runner}: not written yet`);
    }
  }

  const rows: BenchRow[] = [];
  for (const [name, produce] of producers) {
    log(`running ${name}`);
    try {
      rows.push(...(await produce()));
    } catch (error) {
      // One broken producer must not hide the others' figures.
      log(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      rows.push({ name: `${name} (failed)`, value: NaN, unit: '', pass: false });
    }
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  // The load average says how busy the machine was: figures from a busy machine read high.
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  const machine = `Node ${process.version}, ${os.cpus().length} × ${cpu}, ${os.platform()} ${os.release()}, load average ${load}`;
  process.stdout.write(`${machine}\n\n`);
  process.stdout.write(formatTable(rows));
  if (only === undefined && !process.argv.includes('--no-write')) {
    const file = writeLatestRun(path.join(REPO_ROOT, 'docs', 'benchmarks.md'), `${new Date().toISOString().slice(0, 10)}, ${machine}${process.argv.includes('--no-extension-host') ? ' (without the extension-host rows)' : ''}`, rows);
    log(`wrote the table into ${path.relative(REPO_ROOT, file)}`);
  }
  // A missed target is a finding to report (the table says FAIL), not a crash;
  // only a producer that could not run makes the command fail.
  return rows.some((r) => r.name.endsWith('(failed)')) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${String(error)}\n`);
    process.exitCode = 2;
  },
);
