// Starts code-server on 127.0.0.1 with throw-away state (user data,
// extensions, XDG dirs) in its own process group, and stops the whole group.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { HarnessError, log } from './log';
import type { CodeServerInstall } from './install';
import { recordLanguagePacks } from './languagePacks';

export interface ServerOptions {
  readonly install: CodeServerInstall;
  /** A fixed port (npm start); default: a free port chosen by the OS. */
  readonly port?: number;
  /** Extra User/settings.json entries. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Extra environment for the server and so for the extension host. */
  readonly env?: Readonly<Record<string, string>>;
  /** Echo the server's output live. */
  readonly verbose?: boolean;
  readonly startTimeoutMs?: number;
  /** VSIX files installed (`--install-extension`) into the throw-away extensions dir before the server starts. */
  readonly installExtensions?: readonly string[];
  /** Keep workspace trust on (Restricted Mode tests); default off, as `--disable-workspace-trust`. */
  readonly workspaceTrust?: boolean;
  /** Display language (`--locale`); needs a language pack for it among installExtensions (checked before the server starts). */
  readonly locale?: string;
}

export interface CodeServer {
  /** `127.0.0.1:PORT`, the authority the workbench and payload URIs must use. */
  readonly host: string;
  readonly port: number;
  readonly url: string;
  /** Everything the server printed (also saved as code-server.log on failure). */
  output(): string;
  /** Resolves when the server process exits on its own. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kills the whole process group (server, extension hosts, watchers, pty host) and removes its temp dir. */
  stop(): Promise<void>;
}

const BASE_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  // VS Code 1.139 bundles GitHub Copilot Chat: it activates on startup in the extension host the tests
  // run in and adds its own "Fix" / "Explain" to every quick fix menu. Postdesk's tests are about Postdesk.
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // code-server's extension host is a remote one: it looks for servers to forward by spawning a
  // process every 2 s or more, which blocks that host for 20-95 ms on these VMs (profiled in
  // docs/benchmarks-posts-view.md). Desktop VS Code does not; the figures and tests are about Postdesk.
  // code-server registers a tunnel provider, so the search goes on unless its source is the terminal's output.
  'remote.autoForwardPorts': false,
  'remote.autoForwardPortsSource': 'output',
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Fails early with a clear message instead of a code-server stack trace. */
function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(new HarnessError(e.code === 'EADDRINUSE' ? `Port ${port} on 127.0.0.1 is already in use; choose another port or stop what is listening there.` : `Cannot listen on 127.0.0.1:${port}: ${e.message}`)),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

export async function startCodeServer(options: ServerOptions): Promise<CodeServer> {
  const port = options.port ?? (await freePort());
  if (options.port !== undefined) await assertPortFree(port);
  const host = `127.0.0.1:${port}`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-code-server-'));
  const userData = path.join(tmp, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(path.join(tmp, 'extensions'));
  const trust = options.workspaceTrust ? { 'security.workspace.trust.enabled': true } : {};
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...trust, ...options.settings }, null, 2));
  // An empty config keeps code-server away from ~/.config/code-server/config.yaml.
  fs.writeFileSync(path.join(tmp, 'config.yaml'), '');

  const args = [
    options.install.entry,
    '--config', path.join(tmp, 'config.yaml'),
    '--bind-addr', host,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', userData,
    '--extensions-dir', path.join(tmp, 'extensions'),
    ...(options.locale ? ['--locale', options.locale] : []),
    ...smokeTestDriver(options.install),
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(tmp, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(tmp, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(tmp, 'xdg', 'cache'),
    // code-server queries open-vsx.org otherwise; an empty gallery disables the marketplace.
    EXTENSIONS_GALLERY: '{}',
    ...options.env,
  };
  delete env.VSCODE_IPC_HOOK_CLI; // when run from a VS Code terminal, do not talk to that VS Code

  const node = options.install.node ?? process.execPath;
  for (const vsix of options.installExtensions ?? []) {
    const result = spawnSync(
      node,
      [options.install.entry, '--config', path.join(tmp, 'config.yaml'), '--user-data-dir', userData, '--extensions-dir', path.join(tmp, 'extensions'), '--install-extension', vsix],
      { env, encoding: 'utf8', timeout: 120_000 },
    );
    if (result.status !== 0) {
      fs.rmSync(tmp, { recursive: true, force: true });
      throw new HarnessError(`code-server could not install ${vsix} (exit ${result.status ?? result.signal}):\n${`${result.stdout}${result.stderr}`.trim()}`);
    }
  }
  // The CLI install does not record language packs; the workbench needs them recorded to show another language.
  try {
    const languages = recordLanguagePacks(path.join(tmp, 'extensions'), userData);
    const locale = options.locale;
    if (locale && !locale.startsWith('en') && !languages.some((l) => locale === l || locale.startsWith(`${l}-`))) {
      throw new HarnessError(`--locale ${locale} needs a language pack for it among installExtensions (installed: ${languages.join(', ') || 'none'}); without one the workbench stays English.`);
    }
  } catch (error) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw error;
  }

  log(`starting code-server${options.install.vscodeVersion ? ` ${options.install.codeServerVersion} (VS Code ${options.install.vscodeVersion})` : ''} on ${host}`);
  const child = spawn(node, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', () => resolve({ code: null, signal: null }));
  });
  const stop = once(async () => {
    await killGroup(child, exited);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      const limit = options.startTimeoutMs ?? 60_000;
      const timer = setTimeout(() => reject(new HarnessError(`code-server did not start listening within ${limit / 1000} s.\n${tail(output)}`)), limit);
      const onData = (b: Buffer) => {
        const s = b.toString();
        output += s;
        if (options.verbose) process.stdout.write(s.replace(/^/gm, '[code-server] '));
        if (output.includes('HTTP server listening on')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(new HarnessError(`code-server could not be launched: ${e.message}`));
      });
      void exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new HarnessError(`code-server failed to start: it exited with ${code ?? signal} before listening.\n${tail(output)}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  log('code-server is listening');
  return { host, port, url: `http://${host}/`, output: () => output, exited, stop };
}

/**
 * VS Code 1.139 (not 1.100 or 1.90) ignores the URL payload's
 * extensionDevelopmentPath / extensionTestsPath unless its smoke-test driver
 * is enabled, and a suite then silently never starts. code-server 4.139+
 * passes VS Code options through --vscode-option; older ones do not know it.
 */
function smokeTestDriver(install: { readonly packageDir: string }): string[] {
  const cli = path.join(install.packageDir, 'out', 'node', 'cli.js');
  const knowsOption = fs.existsSync(cli) && fs.readFileSync(cli, 'utf8').includes('"vscode-option"');
  return knowsOption ? ['--vscode-option', 'enable-smoke-test-driver'] : [];
}

function tail(text: string): string {
  const lines = text.trimEnd().split('\n');
  return lines.length ? `--- code-server output (last lines) ---\n${lines.slice(-25).join('\n')}` : '(code-server printed nothing)';
}

async function killGroup(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.pid === undefined) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // the group is already gone
    }
  };
  if (child.exitCode === null && child.signalCode === null) {
    signalGroup('SIGTERM');
    const timer = setTimeout(() => signalGroup('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  // The group can outlive the server: extension hosts, file watcher, pty host.
  signalGroup('SIGKILL');
  // Return only once they are really gone (or only zombies remain, which a container's init may never reap).
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline && groupHasLiveMembers(child.pid)) await new Promise((r) => setTimeout(r, 50));
}

function groupHasLiveMembers(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid pgrp ..."
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') return true;
    }
    return false;
  } catch {
    return true; // no /proc: trust kill(0)
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}
