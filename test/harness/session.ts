// A running test host: the cached code-server install, a server on a free
// 127.0.0.1 port and a headless Chromium, all registered for cleanup.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, RequestTracker, type LaunchedBrowser } from './browser';
import { onCleanup } from './cleanup';
import { ensureCodeServer } from './install';
import { log } from './log';
import { startCodeServer, type CodeServer } from './server';

export interface HostOptions {
  readonly settings?: Readonly<Record<string, unknown>>;
  readonly env?: Readonly<Record<string, string>>;
  readonly verbose?: boolean;
  readonly port?: number;
  /** Start no browser (npm start: the user brings their own). */
  readonly noBrowser?: boolean;
  /** VSIX files to install into the server's throw-away extensions dir. */
  readonly installExtensions?: readonly string[];
  /** Keep workspace trust on (Restricted Mode tests). */
  readonly workspaceTrust?: boolean;
  /** Display language (`--locale`), with a language pack for it among installExtensions. */
  readonly locale?: string;
}

export interface TestHost {
  readonly server: CodeServer;
  readonly browser?: LaunchedBrowser;
  /** A fresh browser context (own storage) with request tracking; close it when done. */
  newContext(): Promise<{ context: BrowserContext; tracker: RequestTracker }>;
  stop(): Promise<void>;
}

export async function startHost(options: HostOptions = {}): Promise<TestHost> {
  const install = await ensureCodeServer();
  // POSTDESK_PORT pins the port (to reproduce a run, or to check the port-taken fault).
  const port = options.port ?? (process.env.POSTDESK_PORT ? Number(process.env.POSTDESK_PORT) : undefined);
  const server = await startCodeServer({
    install,
    settings: options.settings,
    env: options.env,
    verbose: options.verbose,
    port,
    installExtensions: options.installExtensions,
    workspaceTrust: options.workspaceTrust,
    locale: options.locale,
  });
  const unregisterServer = onCleanup(() => server.stop());
  let browser: LaunchedBrowser | undefined;
  let unregisterBrowser = () => {};
  if (!options.noBrowser) {
    browser = await launchChromium();
    unregisterBrowser = onCleanup(() => browser!.close());
  }
  return {
    server,
    browser,
    async newContext() {
      if (!browser) throw new Error('this host was started without a browser');
      const context = await browser.browser.newContext({ viewport: { width: 1280, height: 800 } });
      return { context, tracker: new RequestTracker(context, server.host) };
    },
    async stop() {
      // Unregister only once stopped: a Ctrl+C meanwhile must still wait for the server (stop() is idempotent).
      await browser?.close();
      await server.stop();
      unregisterBrowser();
      unregisterServer();
    },
  };
}

/** Saves what helps explain a failure: a screenshot, the server log, the workbench's own logs. */
export async function saveFailureArtifacts(
  dir: string,
  server: CodeServer,
  page: Page | undefined,
  workbenchLogs?: readonly { relativePath: string; contents: string }[],
): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'code-server.log'), server.output());
  if (page && !page.isClosed()) await page.screenshot({ path: path.join(dir, 'workbench.png'), timeout: 10_000 }).catch(() => undefined);
  for (const entry of workbenchLogs ?? []) {
    const file = path.join(dir, 'workbench-logs', entry.relativePath);
    if (!file.startsWith(dir)) continue; // never write outside the artifacts folder
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, entry.contents);
  }
  log(`failure artifacts saved in ${path.relative(process.cwd(), dir) || dir}`);
}
