// Runs the compiled integration suite once in a fresh workbench page: the
// workbench loads Postdesk from the working tree (extensionDevelopmentPath)
// and the suite (extensionTestsPath) into the real Node extension host, then
// reports the suite's console output and exit code through
// window.codeAutomationLog / window.codeAutomationExit.
import * as path from 'node:path';
import { format } from 'node:util';
import type { Page } from 'playwright-core';
import { onCleanup } from './cleanup';
import { prepareFixture, workbenchUrl, type FixtureKind } from './fixtures';
import { log, logError } from './log';
import { INTEGRATION_OUT, REPO_ROOT, RESULTS_DIR } from './paths';
import { saveFailureArtifacts, type TestHost } from './session';

export interface SuiteResult {
  readonly passed: number;
  readonly failed: number;
  /** Why the run failed beyond failing tests (timeout, crash, network), if it did. */
  readonly fault?: string;
  readonly timedOut: boolean;
}

// Routine workbench start-up chatter, hidden unless --verbose. VS Code 1.139 adds its chat
// agent host's (which fails to open @vscode/sqlite3: the install skips compiling it, and
// nothing Postdesk tests uses chat), its model picker's, and its account policy's.
const NOISE = /^(\[AgentHost[^\]]*\]|\[RemoteAgentHostProtocol\]|\[ChatModelSelection\]|\[AccountPolicyGate\]|\[reconnection-grace-time\]|Timed out waiting for authentication provider 'github'|Resolving connection token|Resolved connection token|Creating a socket|\[Service Worker\]|ChatSessionStore:|Updating additional builtin extensions cache|Ignoring fetching additional builtin extensions|Started local extension host|Extension host .* started|\[lifecycle\] Long running operations during shutdown|%c)/;
const RESULT_LINE = /^(\d+) passed, (\d+) failed$/m;
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

export async function runSuite(host: TestHost, kind: FixtureKind, options: { timeoutMs: number; verbose: boolean; suite?: string }): Promise<SuiteResult> {
  const fixture = prepareFixture(kind);
  // Ctrl+C exits from the signal handler, past the finally below.
  const unregister = onCleanup(() => fixture.dispose());
  const { context, tracker } = await host.newContext();
  let page: Page | undefined;
  let output = '';
  try {
    let workbenchLogs: { relativePath: string; contents: string }[] | undefined;
    let exited = false;
    const exit = new Promise<number>((resolve) => {
      // Exposed before navigation so they exist whenever the workbench looks for them.
      void context.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
        // After the exit call the workbench only reports its own shutdown.
        if (exited && !options.verbose) return;
        // The arguments of console.log in the extension host: a format string and its values.
        const text = format(...(Array.isArray(args) ? args : [args]));
        if (!options.verbose && NOISE.test(text)) return;
        output += `${text.replace(ANSI, '')}\n`;
        (type === 'error' ? console.error : console.log)(text);
      });
      void context.exposeFunction('codeAutomationExit', (code: number, logs?: { relativePath: string; contents: string }[]) => {
        exited = true;
        workbenchLogs = logs;
        resolve(Number(code));
      });
    });
    page = await context.newPage();
    const crashed = new Promise<string>((resolve) => page!.once('crash', () => resolve('the workbench page crashed')));
    page.on('pageerror', (e) => logError(`workbench page error: ${e.message}`));
    if (options.verbose) page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));
    const serverDied = host.server.exited.then(({ code, signal }) => `code-server exited unexpectedly (${code ?? signal})`);

    const url = workbenchUrl(host.server.host, {
      folder: fixture.folder,
      workspaceFile: fixture.workspaceFile,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: options.suite ?? path.join(INTEGRATION_OUT, 'index.js'),
    });
    log(`pass "${kind}": opening the workbench on ${path.basename(fixture.folder ?? fixture.workspaceFile ?? '')}`);
    if (options.verbose) log(url);
    await page.goto(url);

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), options.timeoutMs)));
    const outcome = await Promise.race([exit, timeout, crashed, serverDied]);
    clearTimeout(timer);

    const counted = RESULT_LINE.exec(output.split('\n').filter((l) => RESULT_LINE.test(l)).pop() ?? '');
    let passed = counted ? Number(counted[1]) : 0;
    let failed = counted ? Number(counted[2]) : 0;
    let fault: string | undefined;
    if (outcome === 'timeout') {
      fault = `the suite did not finish within ${options.timeoutMs / 1000} s (a hanging test or run() that never settles)`;
    } else if (typeof outcome === 'string') {
      fault = outcome;
    } else if (outcome !== 0 && failed === 0) {
      fault = `the suite exited with code ${outcome} without reporting a failed test: it probably threw while loading (see the error above)`;
    }
    const offenders = tracker.offenders();
    if (offenders.length > 0) {
      fault = `${fault ? `${fault}; ` : ''}the browser tried to reach hosts other than 127.0.0.1:\n${tracker.describe()}`;
    }
    // A fault always counts against the run (a request that left 127.0.0.1 included: it was logged as a failure, yet the run passed).
    if (fault && failed === 0) failed = 1;
    // The server side (Node) has no request tracking; a lookup of any outside host shows in its log.
    const serverNetwork = host.server.output().split('\n').filter((l) => /ENOTFOUND|EAI_AGAIN/.test(l));
    if (serverNetwork.length > 0) log(`warning: code-server tried to reach the network:\n${serverNetwork.slice(0, 5).join('\n')}`);
    if (fault || failed > 0) {
      if (fault) logError(`pass "${kind}" failed: ${fault}`);
      await saveFailureArtifacts(path.join(RESULTS_DIR, 'integration', kind), host.server, page, workbenchLogs);
    }
    if (!counted && !fault) passed = 0;
    return { passed, failed, fault, timedOut: outcome === 'timeout' };
  } finally {
    await context.close().catch(() => undefined);
    unregister();
    fixture.dispose();
  }
}
