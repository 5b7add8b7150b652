// What the tests need from outside npm, checked before `npm test` does
// anything else: Chromium (playwright-core drives it), Hugo and Jekyll (unit
// tests compare the site model against them) and, while a VS Code version the
// tests run is not installed in .vscode-test/ yet, what compiling its
// code-server's native modules takes (build-essential, python3, libkrb5-dev,
// and Debian's ripgrep for versions that do not ship their own rg).
// What is missing is installed with apt-get when this process may (root, or
// passwordless sudo); otherwise it stops with exit 2 and the one command to run.
// Everything npm can bring (Node 24, ripgrep and argon2 inside code-server
// 4.139.1, playwright-core) comes from npm instead.
//
// Usage: node --require tsx/cjs scripts/prerequisites.ts [--check]
//        --check only reports (exit 2 when something is missing), never installs.
// Exit:  0 everything present (or installed now); 2 something missing.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInstalled } from '../test/harness/install';
import { describeTarget, needsDebianRipgrep, TESTED_TARGETS, type VsCodeTarget } from '../test/harness/paths';

/** A Debian package the tests need, and why. */
export interface Need {
  readonly aptPackage: string;
  readonly why: string;
}

/** What this machine has, as far as the decision goes (a test passes its own). */
export interface Machine {
  /** An executable of this name is on PATH. */
  onPath(command: string): boolean;
  exists(file: string): boolean;
  /** POSTDESK_CHROMIUM, when set. */
  readonly chromiumOverride?: string;
  /** The VS Code versions this run tests and whether each is already installed in the cache. */
  readonly targets: readonly { readonly target: VsCodeTarget; readonly installed: boolean }[];
  readonly isRoot: boolean;
  /** `sudo -n true` succeeded: sudo without a password. */
  readonly passwordlessSudo: boolean;
  readonly hasSudo: boolean;
  readonly hasAptGet: boolean;
}

export function missingPackages(machine: Machine): Need[] {
  const needs: Need[] = [];
  const chromium = machine.chromiumOverride ? machine.exists(machine.chromiumOverride) : machine.onPath('chromium') || machine.onPath('chromium-browser');
  if (!chromium) needs.push({ aptPackage: 'chromium', why: machine.chromiumOverride ? `POSTDESK_CHROMIUM (${machine.chromiumOverride}) does not exist` : 'the browser the real-VS-Code tests drive (not on PATH)' });
  const toInstall = machine.targets.filter((t) => !t.installed);
  if (toInstall.length > 0) {
    const forWhat = `to compile ${toInstall.map((t) => describeTarget(t.target)).join(' and ')}`;
    if (!machine.onPath('make') || !machine.onPath('g++')) needs.push({ aptPackage: 'build-essential', why: `make and g++ ${forWhat}` });
    if (!machine.onPath('python3')) needs.push({ aptPackage: 'python3', why: `node-gyp runs on it ${forWhat}` });
    if (!machine.exists('/usr/include/krb5.h')) needs.push({ aptPackage: 'libkrb5-dev', why: `Kerberos headers ${forWhat}` });
    const withoutRg = toInstall.filter((t) => needsDebianRipgrep(t.target));
    if (withoutRg.length > 0 && !machine.onPath('rg')) needs.push({ aptPackage: 'ripgrep', why: `${withoutRg.map((t) => describeTarget(t.target)).join(' and ')} does not ship its own rg` });
  }
  if (!machine.onPath('hugo')) needs.push({ aptPackage: 'hugo', why: 'unit tests compare the Hugo site model against it' });
  if (!machine.onPath('jekyll')) needs.push({ aptPackage: 'jekyll', why: 'unit tests compare the Jekyll site model against it' });
  return needs;
}

export type Decision =
  | { readonly kind: 'ready' }
  | { readonly kind: 'install'; readonly commands: readonly (readonly string[])[] }
  | { readonly kind: 'stop'; readonly message: string };

/** The one command a person runs when this process may not install. */
export function oneCommand(packages: readonly string[], machine: Pick<Machine, 'hasSudo'>): string {
  const install = `apt-get update && ${machine.hasSudo ? 'sudo ' : ''}apt-get install -y ${packages.join(' ')}`;
  return machine.hasSudo ? `sudo ${install}` : `su -c '${install}'`;
}

export function decide(needs: readonly Need[], machine: Machine, options: { readonly installAllowed: boolean } = { installAllowed: true }): Decision {
  if (needs.length === 0) return { kind: 'ready' };
  const packages = [...new Set(needs.map((n) => n.aptPackage))];
  const list = needs.map((n) => `  - ${n.aptPackage}: ${n.why}`).join('\n');
  if (!machine.hasAptGet) {
    return { kind: 'stop', message: `The tests need these Debian/Ubuntu packages (or their equivalents on this system), and there is no apt-get here:\n${list}` };
  }
  const elevated = machine.isRoot ? [] : machine.passwordlessSudo ? ['sudo', '-n'] : undefined;
  if (options.installAllowed && elevated) {
    return {
      kind: 'install',
      commands: [
        [...elevated, 'apt-get', 'update', '-qq'],
        [...elevated, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages],
      ],
    };
  }
  const reason = options.installAllowed ? 'This process is not root and cannot use sudo without a password, so it cannot install them.' : 'Checking only (--check).';
  return { kind: 'stop', message: `The tests need packages that are not installed:\n${list}\n${reason} Run this once, then npm test again:\n\n  ${oneCommand(packages, machine)}\n` };
}

function onPath(command: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    try {
      fs.accessSync(path.join(dir, command), fs.constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

export function thisMachine(targets: readonly VsCodeTarget[] = TESTED_TARGETS): Machine {
  const isRoot = process.getuid?.() === 0;
  const hasSudo = onPath('sudo');
  return {
    onPath,
    exists: (file) => fs.existsSync(file),
    chromiumOverride: process.env.POSTDESK_CHROMIUM || undefined,
    targets: targets.map((target) => ({ target, installed: isInstalled(target) })),
    isRoot,
    hasSudo,
    passwordlessSudo: !isRoot && hasSudo && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore', timeout: 10_000 }).status === 0,
    hasAptGet: onPath('apt-get'),
  };
}

/** Checks, installs when it may, checks again. Returns the exit code. */
export function ensurePrerequisites(options: { readonly installAllowed: boolean }): number {
  const machine = thisMachine();
  const decision = decide(missingPackages(machine), machine, options);
  if (decision.kind === 'ready') {
    console.log(`prerequisites: all present (Chromium, Hugo, Jekyll${machine.targets.some((t) => !t.installed) ? ', the toolchain to install VS Code' : ''})`);
    return 0;
  }
  if (decision.kind === 'stop') {
    console.error(decision.message);
    return 2;
  }
  console.log(`prerequisites: installing the missing Debian packages:\n  ${decision.commands.map((c) => c.join(' ')).join('\n  ')}`);
  for (const command of decision.commands) {
    const result = spawnSync(command[0]!, command.slice(1), { stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(`prerequisites: \`${command.join(' ')}\` failed (exit ${result.status ?? result.signal}).`);
      return 2;
    }
  }
  // Installed is not enough: what the tests look for must now be there.
  const after = thisMachine();
  const still = missingPackages(after);
  if (still.length > 0) {
    console.error(`prerequisites: still missing after apt-get install:\n${still.map((n) => `  - ${n.aptPackage}: ${n.why}`).join('\n')}`);
    return 2;
  }
  console.log('prerequisites: installed; all present');
  return 0;
}

if (require.main === module) {
  process.exit(ensurePrerequisites({ installAllowed: !process.argv.includes('--check') }));
}
