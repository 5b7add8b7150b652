// Debian's Chromium through playwright-core, headless, with a throw-away
// profile; nothing but loopback resolves, and every request that leaves
// 127.0.0.1 without being answered by the workbench's service worker is
// recorded so the run can fail on it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Request } from 'playwright-core';
import { HarnessError, log } from './log';
import { DEFAULT_CHROMIUM } from './paths';

export interface LaunchedBrowser {
  readonly browser: Browser;
  close(): Promise<void>;
}

export async function launchChromium(executablePath: string = DEFAULT_CHROMIUM): Promise<LaunchedBrowser> {
  if (!fs.existsSync(executablePath)) {
    throw new HarnessError(
      `Chromium was not found at ${executablePath}. Install Debian's package (sudo apt-get install -y chromium) or set POSTDESK_CHROMIUM to a Chromium/Chrome binary.`,
    );
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-chromium-'));
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath,
      headless: true,
      timeout: 60_000,
      // The harness handles signals itself so it can also stop code-server.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      // Keep chromium's ~/.config and ~/.cache (crashpad, dconf) in the temp dir.
      env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'config'), XDG_CACHE_HOME: path.join(tmp, 'cache'), HOME: tmp },
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--disable-dev-shm-usage', // containers often have a tiny /dev/shm
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
      ],
    });
  } catch (error) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new HarnessError(`Chromium (${executablePath}) failed to start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  log(`chromium ${browser.version()} launched`);
  let closing: Promise<void> | undefined;
  return {
    browser,
    close: () =>
      (closing ??= browser
        .close()
        .catch(() => undefined)
        .then(() => fs.rmSync(tmp, { recursive: true, force: true }))),
  };
}

export interface ExternalRequest {
  readonly url: string;
  failed?: string;
  servedByServiceWorker: boolean;
}

/** A webview resource URL: `https://<authority>.vscode-resource.vscode-cdn.net/…`, served by the workbench's service worker. */
export function isWebviewResource(url: string): boolean {
  return /^https:\/\/[^/]+\.vscode-resource\.vscode-cdn\.net\//.test(url);
}

/** Records requests to any host but `host`; see `offenders()`. */
export class RequestTracker {
  private readonly seen = new Map<Request, ExternalRequest>();

  constructor(context: BrowserContext, private readonly host: string) {
    context.on('request', (request) => {
      const url = request.url();
      if (!/^(https?|wss?):/.test(url)) return;
      if (new URL(url).host !== this.host) this.seen.set(request, { url, servedByServiceWorker: false });
    });
    context.on('response', (response) => {
      const entry = this.seen.get(response.request());
      // Webview resources (*.vscode-resource.vscode-cdn.net) are answered by the workbench's service worker, not the network.
      if (entry && response.fromServiceWorker()) entry.servedByServiceWorker = true;
    });
    context.on('requestfailed', (request) => {
      const entry = this.seen.get(request);
      if (entry) entry.failed = request.failure()?.errorText ?? 'failed';
    });
  }

  /**
   * Requests that tried to leave 127.0.0.1. A webview resource load that was
   * cancelled (its webview closed mid-load: ERR_ABORTED) is not one: its
   * host exists only inside the workbench's service worker, which never
   * answered it, and it cannot reach the network.
   */
  offenders(): ExternalRequest[] {
    return [...this.seen.values()].filter((e) => !e.servedByServiceWorker && !(e.failed === 'net::ERR_ABORTED' && isWebviewResource(e.url)));
  }

  describe(): string {
    return this.offenders()
      .map((e) => `  ${e.url.slice(0, 160)}${e.failed ? ` [${e.failed}]` : ''}`)
      .join('\n');
  }
}
