import * as assert from 'node:assert/strict';
import { decide, missingPackages, oneCommand, type Machine } from '../../../scripts/prerequisites';
import { MINIMUM_TARGET, NEWEST_TARGET } from '../../harness/paths';

/** A Debian machine with everything the tests need, all VS Code versions installed, as a non-root user without sudo. */
function machine(overrides: Partial<Machine> & { missing?: readonly string[] } = {}): Machine {
  const missing = new Set(overrides.missing ?? []);
  return {
    onPath: (command) => !missing.has(command),
    exists: (file) => !missing.has(file),
    targets: [
      { target: NEWEST_TARGET, installed: true },
      { target: MINIMUM_TARGET, installed: true },
    ],
    isRoot: false,
    passwordlessSudo: false,
    hasSudo: false,
    hasAptGet: true,
    ...overrides,
  };
}

const packagesOf = (m: Machine) => missingPackages(m).map((n) => n.aptPackage);
const notInstalled = (...which: ('newest' | 'minimum')[]) => [
  { target: NEWEST_TARGET, installed: !which.includes('newest') },
  { target: MINIMUM_TARGET, installed: !which.includes('minimum') },
];

describe('npm test prerequisites', () => {
  describe('what is missing', () => {
    it('nothing on a complete machine', () => {
      assert.deepEqual(packagesOf(machine()), []);
    });

    it('Chromium not on PATH (chromium-browser counts too)', () => {
      assert.deepEqual(packagesOf(machine({ missing: ['chromium', 'chromium-browser'] })), ['chromium']);
      assert.deepEqual(packagesOf(machine({ missing: ['chromium'] })), []);
    });

    it('POSTDESK_CHROMIUM decides alone when set', () => {
      const needs = missingPackages(machine({ chromiumOverride: '/opt/nowhere/chrome', missing: ['/opt/nowhere/chrome'] }));
      assert.deepEqual(needs.map((n) => n.aptPackage), ['chromium']);
      assert.match(needs[0]!.why, /POSTDESK_CHROMIUM \(\/opt\/nowhere\/chrome\) does not exist/);
      assert.deepEqual(packagesOf(machine({ chromiumOverride: '/opt/chrome', missing: ['chromium', 'chromium-browser'] })), []);
    });

    it('Hugo and Jekyll are always needed (unit tests compare against them)', () => {
      assert.deepEqual(packagesOf(machine({ missing: ['hugo', 'jekyll'] })), ['hugo', 'jekyll']);
    });

    it('the compile toolchain only while a tested VS Code is not installed yet', () => {
      const bare = ['make', 'g++', 'python3', '/usr/include/krb5.h', 'rg'];
      assert.deepEqual(packagesOf(machine({ missing: bare })), [], 'all versions cached: nothing to compile');
      assert.deepEqual(packagesOf(machine({ missing: bare, targets: notInstalled('newest') })), ['build-essential', 'python3', 'libkrb5-dev']);
    });

    it("Debian's ripgrep only for a version that does not ship rg (1.90), never for 1.139", () => {
      assert.deepEqual(packagesOf(machine({ missing: ['rg'], targets: notInstalled('newest') })), []);
      const needs = missingPackages(machine({ missing: ['rg'], targets: notInstalled('minimum') }));
      assert.deepEqual(needs.map((n) => n.aptPackage), ['ripgrep']);
      assert.match(needs[0]!.why, /VS Code 1\.90\.2/);
    });
  });

  describe('what it does about it', () => {
    const chromiumMissing = { missing: ['chromium', 'chromium-browser', 'hugo'] };

    it('nothing to do when nothing is missing', () => {
      assert.deepEqual(decide([], machine()), { kind: 'ready' });
    });

    it('as root: apt-get update, then apt-get install -y of exactly what is missing', () => {
      const m = machine({ ...chromiumMissing, isRoot: true });
      assert.deepEqual(decide(missingPackages(m), m), {
        kind: 'install',
        commands: [
          ['apt-get', 'update', '-qq'],
          ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium', 'hugo'],
        ],
      });
    });

    it('with passwordless sudo: the same commands through sudo -n', () => {
      const m = machine({ ...chromiumMissing, hasSudo: true, passwordlessSudo: true });
      const decision = decide(missingPackages(m), m);
      assert.equal(decision.kind, 'install');
      assert.deepEqual(decision.kind === 'install' && decision.commands.map((c) => c.slice(0, 3)), [
        ['sudo', '-n', 'apt-get'],
        ['sudo', '-n', 'env'],
      ]);
    });

    it('without root or passwordless sudo: stops with the one sudo command to run', () => {
      const m = machine({ ...chromiumMissing, hasSudo: true });
      const decision = decide(missingPackages(m), m);
      assert.equal(decision.kind, 'stop');
      const message = decision.kind === 'stop' ? decision.message : '';
      assert.match(message, /^ {2}sudo apt-get update && sudo apt-get install -y chromium hugo$/m);
      assert.match(message, /- chromium: the browser/);
      assert.match(message, /cannot use sudo without a password/);
    });

    it('without sudo installed: the one command runs as root through su', () => {
      assert.equal(oneCommand(['chromium'], { hasSudo: false }), "su -c 'apt-get update && apt-get install -y chromium'");
    });

    it('--check never installs, even as root', () => {
      const m = machine({ ...chromiumMissing, isRoot: true });
      const decision = decide(missingPackages(m), m, { installAllowed: false });
      assert.equal(decision.kind, 'stop');
      assert.match(decision.kind === 'stop' ? decision.message : '', /Checking only/);
    });

    it('no apt-get: names what is missing instead of a command that cannot work', () => {
      const m = machine({ ...chromiumMissing, isRoot: true, hasAptGet: false });
      const decision = decide(missingPackages(m), m);
      assert.equal(decision.kind, 'stop');
      const message = decision.kind === 'stop' ? decision.message : '';
      assert.match(message, /no apt-get here/);
      assert.doesNotMatch(message, /apt-get install/);
    });

    it('asks for each package once', () => {
      const m = machine({ isRoot: true });
      const decision = decide([{ aptPackage: 'chromium', why: 'a' }, { aptPackage: 'chromium', why: 'b' }], m);
      assert.deepEqual(decision.kind === 'install' && decision.commands[1]!.slice(-1), ['chromium']);
    });
  });
});
