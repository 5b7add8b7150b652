// Installs code-server (the real VS Code server, its Node extension host and
// the web workbench) from the npm registry only: every install script is
// skipped because they download from GitHub/Microsoft, native modules are
// compiled against Node's local headers, and rg comes from Debian.
// The result is cached in .vscode-test/code-server-<version>/ and reused
// while its `.installed` stamp matches.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HarnessError, log } from './log';
import { CACHE_DIR, CODE_SERVER_DIR, CODE_SERVER_VERSION } from './paths';

/** What `.installed` must contain for the cache to be reused. */
const STAMP = `${CODE_SERVER_VERSION} node-${process.versions.modules}\n`;
const INSTALL_TIMEOUT_MS = 15 * 60_000;
const STEP_TIMEOUT_MS = 10 * 60_000;

export interface CodeServerInstall {
  /** The extracted npm package (holds out/node/entry.js). */
  readonly packageDir: string;
  readonly entry: string;
}

function installed(): CodeServerInstall {
  const packageDir = path.join(CODE_SERVER_DIR, 'package');
  return { packageDir, entry: path.join(packageDir, 'out', 'node', 'entry.js') };
}

export function isInstalled(): boolean {
  try {
    return fs.readFileSync(path.join(CODE_SERVER_DIR, '.installed'), 'utf8') === STAMP && fs.existsSync(installed().entry);
  } catch {
    return false;
  }
}

/** Returns the cached install, installing it first when needed. */
export async function ensureCodeServer(): Promise<CodeServerInstall> {
  if (isInstalled()) return installed();
  checkPrerequisites();
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const lock = `${CODE_SERVER_DIR}.lock`;
  await acquireLock(lock);
  try {
    if (isInstalled()) return installed(); // another run finished it while we waited
    const started = Date.now();
    log(`installing code-server ${CODE_SERVER_VERSION} into ${path.relative(process.cwd(), CODE_SERVER_DIR)} (first run only, about a minute)`);
    const staging = `${CODE_SERVER_DIR}.staging-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    try {
      await installInto(staging);
      fs.rmSync(CODE_SERVER_DIR, { recursive: true, force: true });
      fs.renameSync(staging, CODE_SERVER_DIR);
    } catch (error) {
      fs.rmSync(staging, { recursive: true, force: true });
      throw error;
    }
    log(`code-server ${CODE_SERVER_VERSION} installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return installed();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

function checkPrerequisites(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) {
    throw new HarnessError(`code-server ${CODE_SERVER_VERSION} needs Node 20 (this is Node ${process.versions.node}).`);
  }
  const missing: string[] = [];
  if (!which('rg')) missing.push('ripgrep (rg)');
  if (!which('make') || !which('g++')) missing.push('build-essential (make, g++)');
  if (!which('python3')) missing.push('python3');
  if (!fs.existsSync('/usr/include/krb5.h') && !fs.existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev (krb5 headers)');
  if (!fs.existsSync(path.join(nodeHeadersDir(), 'include', 'node', 'node_api.h'))) missing.push('Node.js headers (/usr/include/node)');
  if (missing.length > 0) {
    throw new HarnessError(
      `Cannot install code-server: missing ${missing.join(', ')}.\n` +
        'On Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium ripgrep libkrb5-dev build-essential python3',
    );
  }
}

/** node-gyp must compile against local headers, never download them. */
function nodeHeadersDir(): string {
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir;
  // Debian's nodejs puts them in /usr/include/node; official tarballs next to the binary.
  const besideBinary = path.resolve(path.dirname(process.execPath), '..');
  return fs.existsSync(path.join(besideBinary, 'include', 'node', 'node_api.h')) ? besideBinary : '/usr';
}

export function which(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

async function acquireLock(lock: string): Promise<void> {
  const deadline = Date.now() + INSTALL_TIMEOUT_MS;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      return;
    } catch {
      // A lock older than the install timeout belongs to a run that died.
      const since = fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > INSTALL_TIMEOUT_MS) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new HarnessError(`Timed out waiting for another code-server install (lock ${lock}).`);
      log('another run is installing code-server; waiting');
      await new Promise((r) => setTimeout(r, 3000));
    }
  }
}

async function installInto(dest: string): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    npm_config_nodedir: nodeHeadersDir(),
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  const npmInstall = ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];
  const step = (what: string, cwd: string, command: string, args: string[]): Promise<string> => {
    log(`  ${what}`);
    return run(command, args, cwd, env);
  };

  const tarball = (await step(`npm pack code-server@${CODE_SERVER_VERSION}`, dest, 'npm', ['pack', `code-server@${CODE_SERVER_VERSION}`, '--silent'])).trim().split('\n').pop()!;
  await step('extract', dest, 'tar', ['xzf', tarball]);
  fs.rmSync(path.join(dest, tarball));
  const pkg = path.join(dest, 'package');
  const vscodeDir = path.join(pkg, 'lib', 'vscode');

  await step('npm install (code-server)', pkg, 'npm', npmInstall);
  // argon2 is loaded at startup even with --auth none; node-pre-gyp tries a
  // GitHub download first (fails fast offline), then builds from source.
  await step('build argon2', pkg, 'npm', ['rebuild', 'argon2', '--loglevel=error']);
  await step('npm install (lib/vscode)', vscodeDir, 'npm', npmInstall);
  // @vscode/ripgrep's postinstall fetches rg from GitHub; Debian's rg 13 is the version VS Code expects.
  const rgBin = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(rgBin, { recursive: true });
  fs.copyFileSync(which('rg')!, path.join(rgBin, 'rg'));
  fs.chmodSync(path.join(rgBin, 'rg'), 0o755);
  await step('build kerberos, @vscode/spdlog, native-watchdog', vscodeDir, 'npm', ['rebuild', 'kerberos', '@vscode/spdlog', 'native-watchdog', '--loglevel=error']);
  // node-pty's own install script runs `npx node-gyp`, a registry fetch: compile it directly.
  await step('build node-pty', path.join(vscodeDir, 'node_modules', 'node-pty'), process.execPath, [npmNodeGyp(), 'rebuild', '--loglevel=error']);
  // What code-server's postinstall.sh does after npm install.
  fs.symlinkSync('node_modules', path.join(vscodeDir, 'node_modules.asar'));
  fs.symlinkSync('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  fs.symlinkSync('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
  const extensionsDir = path.join(vscodeDir, 'extensions');
  await step('npm install (built-in extensions)', extensionsDir, 'npm', npmInstall);
  await step('built-in extensions postinstall', extensionsDir, process.execPath, ['postinstall.mjs']);
  await step('verify native modules', vscodeDir, process.execPath, [
    '-e',
    'for (const m of ["node-pty","@vscode/spdlog","native-watchdog","kerberos","@parcel/watcher"]) require(m);' +
      'require("child_process").execFileSync(require("@vscode/ripgrep").rgPath, ["--version"]);',
  ]);
  await step('verify argon2', pkg, process.execPath, ['-e', 'require("argon2")']);
  fs.writeFileSync(path.join(dest, '.installed'), STAMP);
}

function npmNodeGyp(): string {
  const npmCli = fs.realpathSync(which('npm') ?? 'npm');
  const candidate = path.resolve(path.dirname(npmCli), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  if (!fs.existsSync(candidate)) throw new HarnessError(`npm's bundled node-gyp was not found at ${candidate}.`);
  return candidate;
}

/** Runs a command; on failure the error carries the tail of its output. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const keep = (b: Buffer) => {
      out = (out + b.toString()).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (e) => reject(new HarnessError(`Could not run ${command}: ${e.message}`)));
    // A step that hangs (a registry that stops answering) must not hang the test run.
    const timer = setTimeout(() => child.kill('SIGKILL'), STEP_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') reject(new HarnessError(`code-server install step timed out after ${STEP_TIMEOUT_MS / 60_000} min: ${command} ${args.join(' ')} (in ${cwd})\n${out.slice(-4000)}`));
      else if (code === 0) resolve(out);
      else reject(new HarnessError(`code-server install step failed: ${command} ${args.join(' ')} (in ${cwd}) exited with ${code ?? signal}\n${out.slice(-4000)}`));
    });
  });
}

// `node test/harness/install.ts` (via tsx) installs without running anything.
if (require.main === module) {
  ensureCodeServer().then(
    (i) => log(`code-server ready: ${i.packageDir}`),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(2);
    },
  );
}
