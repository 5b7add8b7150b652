// `npm run test:electron`: the same integration suite (test/integration/)
// in desktop VS Code through @vscode/test-electron, for machines that can
// download VS Code from Microsoft. It is not part of `npm test`: on machines
// without that access (like our CI) it fails with a message saying why.
//
// Usage: node --require tsx/cjs test/harness/electron.ts [--grep REGEXP] [--vscode-version X.Y.Z]
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildIntegrationTests } from './buildTests';
import { onCleanup, handleSignals, runCleanups } from './cleanup';
import { prepareFixture, type FixtureKind } from './fixtures';
import { errorText, HarnessError, log, logError } from './log';
import { CACHE_DIR, INTEGRATION_OUT, REPO_ROOT } from './paths';

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  let grep = process.env.POSTDESK_TEST_GREP;
  let version = '1.100.3'; // the version code-server 4.100.3 bundles, so both hosts run the same VS Code
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--grep') grep = argv[++i];
    else if (argv[i] === '--vscode-version') version = argv[++i] ?? version;
    else throw new HarnessError(`unknown argument ${argv[i]}\nusage: electron.ts [--grep REGEXP] [--vscode-version X.Y.Z]`);
  }
  await buildIntegrationTests();
  let failed = false;
  for (const kind of ['workspace', 'multi-root'] as FixtureKind[]) {
    const fixture = prepareFixture(kind);
    const unregister = onCleanup(() => fixture.dispose());
    log(`pass "${kind}" in desktop VS Code ${version}`);
    try {
      await runTests({
        version,
        cachePath: path.join(CACHE_DIR, 'electron'),
        extensionDevelopmentPath: REPO_ROOT,
        extensionTestsPath: path.join(INTEGRATION_OUT, 'index.js'),
        extensionTestsEnv: grep ? { POSTDESK_TEST_GREP: grep } : {},
        launchArgs: [fixture.folder ?? fixture.workspaceFile ?? '', '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      });
    } catch (error) {
      const message = errorText(error);
      if (/download|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo|update\.code\.visualstudio\.com|socket hang up/i.test(message)) {
        throw new HarnessError(
          `@vscode/test-electron could not download VS Code ${version} (${message.split('\n')[0]}).\n` +
            'It needs access to update.code.visualstudio.com. On machines without it, run the same suite with `npm run test:integration` (code-server, offline).',
        );
      }
      // runTests rejects with "Test run failed with code 1" when a test fails; the suite printed the details.
      logError(`pass "${kind}": ${message.split('\n')[0]}`);
      failed = true;
    } finally {
      unregister();
      fixture.dispose();
    }
  }
  return failed ? 1 : 0;
}

handleSignals();
main()
  .catch((error: unknown) => {
    logError(errorText(error));
    return error instanceof HarnessError ? error.exitCode : 2;
  })
  .then(async (code) => {
    await runCleanups();
    log(`exit ${code}`);
    process.exit(code);
  });
