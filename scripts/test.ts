// `npm test`: everything CI checks, in the least wall time two cores allow.
//
// First the prerequisites outside npm (scripts/prerequisites.ts: Chromium,
// Hugo, Jekyll, and the toolchain while a VS Code version still has to be
// installed), installed when this process may, otherwise exit 2 with the one
// command to run. Then one build, then two lanes side by side, one per core:
// lint, type-check, unit tests, the harness self-tests, one half of the
// end-to-end files on the newest VS Code, then the integration suite on the
// minimum VS Code (engines.vscode); and the integration suite on the newest
// VS Code, the fresh-clone check of the two commands
// (scripts/fresh-clone-check.ts), then the other half of the e2e files. The real-VS-Code suites spend
// much of their time waiting on the workbench, so each overlaps well with the
// other lane. More lanes than cores oversubscribed the machine (four lanes:
// slower than three, and workbench tests timing out). Every step runs even
// when an earlier one failed (one run shows every problem); each step's
// output is printed whole when it ends, so lanes never interleave.
//
// Usage: node --require tsx/cjs scripts/test.ts [--serial]
//        --serial runs the steps one after another (slower; for a busy machine).
// Exit:  0 when every step passed; 2 when a prerequisite is missing; otherwise
//        the first failing step's code.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { constants } from 'node:os';
import * as path from 'node:path';
import { MINIMUM_TARGET, NEWEST_TARGET, type VsCodeTarget } from '../test/harness/paths';

const REPO_ROOT = path.resolve(__dirname, '..');
const E2E_RESULTS = path.join(REPO_ROOT, 'test-results', 'e2e');
const TSX = ['--require', 'tsx/cjs'];

interface Step {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
}

interface StepResult {
  readonly step: Step;
  readonly code: number;
  readonly seconds: number;
  readonly output: string;
}

const npmScript = (script: string): Step => ({ name: script, command: 'npm', args: ['run', '-s', script] });
const harness = (name: string, file: string, ...args: string[]): Step => ({ name, command: process.execPath, args: [...TSX, `test/harness/${file}`, ...args] });

/** A real-VS-Code step, named after the VS Code it runs on so the summary says which end failed. */
const onVsCode = (name: string, target: VsCodeTarget, file: string, ...args: string[]): Step =>
  harness(`${name} (VS Code ${target.vscode})`, file, '--vscode', target.vscode, ...args);

const PREREQUISITES: Step = { name: 'prerequisites', command: process.execPath, args: [...TSX, 'scripts/prerequisites.ts'] };
const BUILD = npmScript('build');
const LANES: readonly (readonly Step[])[] = [
  [
    npmScript('lint'),
    npmScript('typecheck'),
    npmScript('test:unit'),
    npmScript('test:unit:tz'),
    npmScript('test:harness'),
    onVsCode('test:e2e 1/2', NEWEST_TARGET, 'runE2e.ts', '--shard', '1/2'),
    onVsCode('test:integration', MINIMUM_TARGET, 'runIntegration.ts'),
  ],
  [
    onVsCode('test:integration', NEWEST_TARGET, 'runIntegration.ts'),
    // Mostly npm ci's disk and registry cache: it overlaps well with the other lane's CPU-bound steps.
    npmScript('test:fresh-clone'),
    onVsCode('test:e2e 2/2', NEWEST_TARGET, 'runE2e.ts', '--shard', '2/2'),
  ],
];

const running = new Set<ChildProcess>();
let interrupted: NodeJS.Signals | undefined;
const started = Date.now();
const elapsed = (since: number) => (Date.now() - since) / 1000;

function runStep(step: Step): Promise<StepResult> {
  const since = Date.now();
  if (interrupted) return Promise.resolve({ step, code: 130, seconds: 0, output: '' });
  console.log(`[test +${elapsed(started).toFixed(0)}s] ▶ ${step.name}`);
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    const finish = (code: number) => {
      running.delete(child);
      const seconds = elapsed(since);
      const text = Buffer.concat(output).toString('utf8').trimEnd();
      const verdict = code === 0 ? 'passed' : `FAILED (exit ${code})`;
      console.log(`\n──── ${step.name}: ${verdict} in ${seconds.toFixed(1)} s ────${text ? `\n${text}` : ''}\n`);
      resolve({ step, code, seconds, output: text });
    };
    child.on('error', (error) => {
      output.push(Buffer.from(`could not start ${step.command}: ${error.message}\n`));
      finish(2);
    });
    child.on('close', (code, signal) => finish(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  });
}

async function runLane(steps: readonly Step[]): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (const step of steps) results.push(await runStep(step));
  return results;
}

/**
 * The part of a failed step's output that says why, repeated under the
 * summary: CI logs are often read from the end, and a long run's failure sits
 * thousands of lines up. Mocha's "N failing" section when there is one
 * (the harness prints its suites' too), otherwise the last lines.
 */
function failureExcerpt(output: string, maxLines = 80): string {
  const lines = output.split('\n');
  const start = lines.findIndex((line) => /^\s*\d+ failing\b/.test(line));
  const excerpt = start >= 0 ? lines.slice(start) : lines.slice(-30);
  return excerpt.length > maxLines ? [...excerpt.slice(0, maxLines), `… ${excerpt.length - maxLines} more lines above the summary`].join('\n') : excerpt.join('\n');
}

function summary(results: readonly StepResult[]): number {
  const width = Math.max(...results.map((r) => r.step.name.length));
  console.log('Summary');
  for (const r of results) console.log(`  ${r.step.name.padEnd(width)}  ${r.code === 0 ? 'passed' : `FAILED (exit ${r.code})`}  ${r.seconds.toFixed(1)} s`);
  const failed = results.filter((r) => r.code !== 0);
  for (const r of failed) console.log(`\n──── why ${r.step.name} failed ────\n${failureExcerpt(r.output)}`);
  console.log(`${failed.length === 0 ? 'All steps passed' : `${failed.length} of ${results.length} steps failed`} in ${elapsed(started).toFixed(1)} s`);
  return interrupted ? 130 : (failed[0]?.code ?? 0);
}

async function main(): Promise<number> {
  const serial = process.argv.includes('--serial');
  const prerequisites = await runStep(PREREQUISITES);
  if (prerequisites.code !== 0) return summary([prerequisites]);
  const build = await runStep(BUILD);
  if (build.code !== 0) return summary([prerequisites, build]);
  // The two e2e halves add to one results folder: clear it once, here.
  fs.rmSync(E2E_RESULTS, { recursive: true, force: true });
  const lanes = serial ? [await runLane(LANES.flat())] : await Promise.all(LANES.map(runLane));
  return summary([prerequisites, build, ...lanes.flat()]);
}

// Ctrl+C reaches the steps through the terminal; SIGTERM (CI cancelling a job)
// is passed on, and each harness then stops its code-server and Chromium.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    interrupted = signal;
    for (const child of running) child.kill(signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM');
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`npm test failed to run: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(2);
  },
);
