// Where the harness finds the repository, its caches and its outputs, and
// which VS Code it runs.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** Git-ignored cache, keyed by version so versions install side by side. */
export const CACHE_DIR = path.join(REPO_ROOT, '.vscode-test');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');
export const FIXTURES_DIR = path.join(REPO_ROOT, 'test', 'fixtures');
export const INTEGRATION_SRC = path.join(REPO_ROOT, 'test', 'integration');
export const INTEGRATION_OUT = path.join(REPO_ROOT, 'out', 'test', 'integration');
/** POSTDESK_CHROMIUM, else `chromium` on PATH (Debian's package), else where Debian puts it (for the message when missing). */
export const DEFAULT_CHROMIUM = process.env.POSTDESK_CHROMIUM || findChromiumOnPath() || '/usr/bin/chromium';

export function findChromiumOnPath(searchPath: string = process.env.PATH ?? ''): string | undefined {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** A VS Code the harness can run: the code-server release on the npm registry that bundles it. */
export interface VsCodeTarget {
  /** VS Code's version (what `vscode.version` reports). */
  readonly vscode: string;
  /** The code-server npm package version that bundles it. */
  readonly codeServer: string;
}

/**
 * The VS Code versions the project knows (code-server's VS Code is not always
 * its own version: 4.90.3 bundles 1.90.2). Newest first: the first is the default.
 * 1.139.1 is what authors run today; 1.90.2 is `engines.vscode`'s minimum.
 */
export const KNOWN_TARGETS: readonly VsCodeTarget[] = [
  { vscode: '1.139.1', codeServer: '4.139.1' },
  { vscode: '1.100.3', codeServer: '4.100.3' },
  { vscode: '1.90.2', codeServer: '4.90.3' },
];
export const NEWEST_TARGET = KNOWN_TARGETS[0]!;
export const MINIMUM_TARGET = KNOWN_TARGETS[KNOWN_TARGETS.length - 1]!;
/** What `npm test` runs: the integration and e2e suites on the newest, the integration suite on the minimum. */
export const TESTED_TARGETS: readonly VsCodeTarget[] = [NEWEST_TARGET, MINIMUM_TARGET];

/**
 * code-server 4.139 ships rg in @vscode/ripgrep-universal; older releases'
 * @vscode/ripgrep downloads it from GitHub at install time, so the harness
 * copies Debian's instead.
 */
export function needsDebianRipgrep(target: VsCodeTarget): boolean {
  return Number(target.codeServer.split('.')[1]) < 139;
}

/**
 * Resolves `--vscode` / POSTDESK_VSCODE: a known VS Code version (1.139.1, or
 * just 1.139), or any code-server release as `code-server@4.x.y` or `4.x.y`
 * (its VS Code version is then read from the install). Empty: the newest.
 */
export function resolveTarget(spec: string | undefined): VsCodeTarget {
  const wanted = (spec ?? '').trim();
  if (wanted === '' || wanted === 'newest' || wanted === 'latest') return NEWEST_TARGET;
  if (wanted === 'minimum') return MINIMUM_TARGET;
  const codeServer = /^(?:code-server@)?(4\.\d+\.\d+)$/.exec(wanted)?.[1];
  if (codeServer) return KNOWN_TARGETS.find((t) => t.codeServer === codeServer) ?? { vscode: '', codeServer };
  const known = KNOWN_TARGETS.find((t) => t.vscode === wanted || t.vscode.startsWith(`${wanted}.`));
  if (known) return known;
  throw new Error(
    `Unknown VS Code version "${wanted}". Known: ${KNOWN_TARGETS.map((t) => t.vscode).join(', ')}; ` +
      'or name any code-server release from the npm registry as code-server@4.x.y.',
  );
}

/** The target for this process: POSTDESK_VSCODE (the runners set it from --vscode). */
export function currentTarget(): VsCodeTarget {
  return resolveTarget(process.env.POSTDESK_VSCODE);
}

/** How logs and step names name a target. */
export function describeTarget(target: VsCodeTarget): string {
  return target.vscode ? `VS Code ${target.vscode} (code-server ${target.codeServer})` : `code-server ${target.codeServer}`;
}

export function codeServerDir(target: VsCodeTarget): string {
  return path.join(CACHE_DIR, `code-server-${target.codeServer}`);
}

/**
 * Takes `--vscode VERSION` out of a runner's arguments into POSTDESK_VSCODE, so
 * every module (and the e2e page objects) sees one choice. Returns the rest.
 */
export function takeVsCodeArg(argv: readonly string[]): string[] {
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--vscode') {
      const value = argv[++i];
      if (value === undefined) throw new Error('--vscode needs a version, e.g. --vscode 1.90.2');
      process.env.POSTDESK_VSCODE = value;
    } else if (arg.startsWith('--vscode=')) {
      process.env.POSTDESK_VSCODE = arg.slice('--vscode='.length);
    } else {
      rest.push(arg);
    }
  }
  resolveTarget(process.env.POSTDESK_VSCODE); // unknown version: fail before anything starts
  return rest;
}
