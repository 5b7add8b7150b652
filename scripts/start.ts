// `npm start`: builds Postdesk, starts a real VS Code (code-server) on
// 127.0.0.1 with the sample site open and Postdesk loaded from the working
// tree, prints the URL to open, and stops everything on Ctrl+C.
//
// Usage: npm start [-- --port N] [-- --folder PATH]
// After changing the code: `npm run build` (or keep `npm run watch` running)
// and reload the browser window (F1 → "Developer: Reload Window").
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCleanups } from '../test/harness/cleanup';
import { workbenchUrl } from '../test/harness/fixtures';
import { errorText, HarnessError, log, logError } from '../test/harness/log';
import { currentTarget, describeTarget, REPO_ROOT } from '../test/harness/paths';
import { startHost } from '../test/harness/session';

function parseArgs(argv: string[]): { port?: number; folder: string } {
  let port = process.env.POSTDESK_PORT ? Number(process.env.POSTDESK_PORT) : undefined;
  let folder = path.join(REPO_ROOT, 'sample');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--port') port = Number(argv[++i]);
    else if (arg === '--folder') folder = path.resolve(argv[++i] ?? '');
    else throw new HarnessError(`unknown argument ${arg}\nusage: npm start [-- --port N] [-- --folder PATH]`);
  }
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) throw new HarnessError('--port must be a port number (1-65535)');
  if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw new HarnessError(`There is no folder at ${folder}.`);
  return { port, folder };
}

async function main(): Promise<void> {
  const { port, folder } = parseArgs(process.argv.slice(2));
  log('building Postdesk');
  const build = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new HarnessError('The build failed (see above); fix it and run npm start again.');

  const host = await startHost({ noBrowser: true, port, settings: { 'workbench.startupEditor': 'none' } });
  const url = workbenchUrl(host.server.host, { folder, extensionDevelopmentPath: REPO_ROOT });
  console.log(`\n  Postdesk is running in ${describeTarget(currentTarget())} with ${path.relative(process.cwd(), folder) || folder} open.`);
  console.log(`\n  Open this URL in a browser on this machine:\n\n    ${url}\n`);
  console.log('  The Postdesk icon is in the activity bar on the left. Press Ctrl+C here to stop.\n');

  const { code, signal } = await host.server.exited;
  throw new HarnessError(`code-server stopped unexpectedly (${code ?? signal}).\n${host.server.output().split('\n').slice(-20).join('\n')}`);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    log('stopping code-server');
    setTimeout(() => process.exit(1), 15_000).unref();
    // Ctrl+C is how npm start is meant to end: exit 0 once everything is gone.
    void runCleanups().then(() => {
      log('stopped; nothing left running');
      process.exit(0);
    });
  });
}

main().catch(async (error: unknown) => {
  logError(errorText(error));
  await runCleanups();
  process.exit(error instanceof HarnessError ? error.exitCode : 2);
});
