// End-to-end checks of the integration runner against a real code-server:
// a failing test, a suite that throws at load, a suite that hangs, and Ctrl+C
// each end with the right exit code and message, and leave nothing behind.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../paths';

const RUNNER = path.join(REPO_ROOT, 'test', 'harness', 'runIntegration.ts');
const SUITES = path.join(__dirname, 'suites');

interface Run {
  code: number | null;
  output: string;
}

function runHarness(args: string[], options: { interruptWhen?: RegExp } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', RUNNER, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let interrupted = false;
    const onData = (b: Buffer) => {
      output += b.toString();
      if (options.interruptWhen && !interrupted && options.interruptWhen.test(output)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Nothing of that run survives: no process mentions its temp dir, and the dir is gone. */
function assertNothingLeft(output: string, before: ReadonlySet<string>): void {
  const port = /starting code-server on 127\.0\.0\.1:(\d+)/.exec(output)?.[1];
  assert.ok(port, 'the run started code-server');
  const survivors = fs
    .readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(`127.0.0.1:${port}`);
      } catch {
        return false;
      }
    });
  const describe = (pid: string) => {
    try {
      return `${pid}: ${fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 200)}`;
    } catch {
      return `${pid}: (gone)`;
    }
  };
  assert.deepEqual(survivors.map(describe), [], `processes of the run on port ${port} are gone`);
  const leftDirs = fs.readdirSync(os.tmpdir()).filter((d) => /^postdesk-(code-server|chromium|workspace|multi-root)-/.test(d) && !before.has(d));
  assert.deepEqual(leftDirs, [], 'temp dirs of the run are removed');
}

/** Temp dirs that exist before a run (other runs on this machine may own some). */
function tempDirs(): Set<string> {
  return new Set(fs.readdirSync(os.tmpdir()));
}

describe('integration runner against a real code-server', function () {
  this.timeout(120_000);

  it('reports a deliberately failing test: its output, "1 passed, 1 failed", exit 1', async () => {
    const before = tempDirs();
    const run = await runHarness(['--suite', path.join(SUITES, 'failing', 'index.js')]);
    assert.match(run.output, /deliberate failure/);
    assert.match(run.output, /^1 passed, 1 failed$/m);
    assert.equal(run.code, 1);
    assertNothingLeft(run.output, before);
  });

  it('a suite that throws while loading: shows the error, exit 1', async () => {
    const before = tempDirs();
    const run = await runHarness(['--suite', path.join(SUITES, 'throws', 'index.js')]);
    assert.match(run.output, /boom while loading the suite/);
    assert.match(run.output, /threw while loading/);
    assert.match(run.output, /^0 passed, 1 failed$/m);
    assert.equal(run.code, 1);
    assertNothingLeft(run.output, before);
  });

  it('a suite that hangs: times out with a message, exit 124, screenshot saved', async () => {
    const before = tempDirs();
    const run = await runHarness(['--suite', path.join(SUITES, 'hang', 'index.js'), '--timeout', '8']);
    assert.match(run.output, /did not finish within 8 s/);
    assert.equal(run.code, 124);
    assert.ok(fs.existsSync(path.join(REPO_ROOT, 'test-results', 'integration', 'workspace', 'workbench.png')));
    assert.ok(fs.existsSync(path.join(REPO_ROOT, 'test-results', 'integration', 'workspace', 'code-server.log')));
    assertNothingLeft(run.output, before);
  });

  it('Ctrl+C while the suite runs: stops everything, exit 130', async () => {
    const before = tempDirs();
    const run = await runHarness(['--suite', path.join(SUITES, 'hang', 'index.js'), '--verbose'], { interruptWhen: /opening the workbench/ });
    assert.match(run.output, /SIGINT received/);
    assert.equal(run.code, 130);
    assertNothingLeft(run.output, before);
  });
});
