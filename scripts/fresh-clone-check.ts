// The README's two commands, checked on a fresh clone: clones the committed
// repository into a temporary folder, runs `npm ci` there, then the first
// thing `npm test` does (scripts/prerequisites.ts) on a machine that lacks
// Chromium and may not install it: Chromium is hidden from PATH and the check
// runs as an unprivileged user (`nobody`) with no sudo. It must stop with
// exit 2 and the one command to run, naming Chromium and nothing else.
//
// What this does not run: the whole `npm test` in the clone (it would double
// CI's time; `.ci/run` is exactly `npm ci` + `npm test` on a clean checkout,
// so CI itself is that run), nor `npm start` (it serves until stopped).
//
// Usage: node --require tsx/cjs scripts/fresh-clone-check.ts [--keep]
// Exit:  0 the claim holds; 1 it does not (the output says where); 2 cannot check here.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..');
const started = Date.now();
const log = (message: string) => console.log(`[fresh-clone +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

function run(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd: options.cwd, env: options.env ?? process.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** A fresh machine's PATH (the system folders, and this Node's), not this shell's (which may point into /root). */
const SYSTEM_PATH = [path.dirname(process.execPath), '/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/**
 * A bin folder with links to every executable in the system folders except
 * Chromium and sudo: the check then sees a machine without them.
 */
function pathWithout(hidden: readonly string[], into: string): string {
  fs.mkdirSync(into, { recursive: true });
  for (const dir of SYSTEM_PATH) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const link = path.join(into, name);
      if (hidden.some((h) => name === h || name.startsWith(`${h}-`)) || fs.existsSync(link)) continue;
      fs.symlinkSync(path.join(dir, name), link);
    }
  }
  return into;
}

/** How to run a command as a user who is not root (setpriv from util-linux), or none when we are not root. */
function unprivileged(): string[] | undefined {
  if (process.getuid?.() !== 0) return [];
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => fs.existsSync(p));
  return setpriv ? [setpriv, '--reuid=nobody', '--regid=nogroup', '--clear-groups', '--'] : undefined;
}

function main(): number {
  const asUser = unprivileged();
  if (!asUser) {
    console.error('fresh-clone check: running as root without setpriv, so it cannot check the not-root path.');
    return 2;
  }
  const head = run('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT }).stdout.trim();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-fresh-clone-'));
  fs.chmodSync(tmp, 0o755); // the unprivileged user reads the clone
  const clone = path.join(tmp, 'postdesk');
  try {
    log(`git clone (HEAD ${head}) into ${clone}`);
    const cloned = run('git', ['clone', '--quiet', '--no-hardlinks', REPO_ROOT, clone], { cwd: tmp });
    if (cloned.status !== 0) {
      console.error(`git clone failed:\n${cloned.stderr}`);
      return 2;
    }
    log('npm ci');
    const ci = run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: clone });
    if (ci.status !== 0) {
      console.error(`FAIL: npm ci in a fresh clone exited with ${ci.status}:\n${ci.stdout}${ci.stderr}`);
      return 1;
    }
    log('npm test\'s prerequisite check, with Chromium and sudo hidden and not as root');
    const bin = pathWithout(['chromium', 'chromium-browser', 'sudo'], path.join(tmp, 'bin'));
    const env: NodeJS.ProcessEnv = { PATH: bin, HOME: tmp, LANG: 'C.UTF-8', TMPDIR: os.tmpdir() };
    // `node --require tsx/cjs scripts/prerequisites.ts` is the first step of `npm test` (scripts/test.ts).
    const [command, ...prefix] = [...asUser, process.execPath, '--require', 'tsx/cjs', 'scripts/prerequisites.ts'];
    const check = run(command!, prefix, { cwd: clone, env });
    const output = `${check.stdout}${check.stderr}`;
    console.log(output.trimEnd().replace(/^/gm, '  | '));
    const problems: string[] = [];
    if (check.status !== 2) problems.push(`exit ${check.status ?? check.signal}, expected 2`);
    const oneCommand = /^ {2}(su -c 'apt-get update && apt-get install -y [^']+'|sudo apt-get update && sudo apt-get install -y .+)$/m.exec(output)?.[1];
    if (!oneCommand) problems.push('no one-line apt-get command in the message');
    else if (!/install -y chromium'?$/.test(oneCommand)) problems.push(`the command asks for more than Chromium: ${oneCommand}`);
    if (problems.length > 0) {
      console.error(`FAIL: ${problems.join('; ')}`);
      return 1;
    }
    log(`passed: npm ci works on a fresh clone, and without Chromium npm test stops with exit 2 and: ${oneCommand}`);
    return 0;
  } finally {
    if (process.argv.includes('--keep')) log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

process.exit(main());
