// Fresh copies of the fixture workspaces for each run, so tests may edit,
// create and delete files without touching the repository.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURES_DIR, REPO_ROOT } from './paths';

/** `workspace`: test/fixtures/workspace; `multi-root`: it plus workspace-b via the .code-workspace file; `sample`: the sample site; `sites/NAME`: a generator fixture site. */
export type FixtureKind = 'workspace' | 'multi-root' | 'sample' | `sites/${string}`;

export interface OpenTarget {
  /** A folder to open (`?folder=`). */
  readonly folder?: string;
  /** A .code-workspace file to open (`?workspace=`). */
  readonly workspaceFile?: string;
}

export interface PreparedFixture extends OpenTarget {
  /** The temporary directory holding the copy. */
  readonly root: string;
  dispose(): void;
}

export function prepareFixture(kind: FixtureKind): PreparedFixture {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `postdesk-${kind.replace(/\//g, '-')}-`));
  const copy = (from: string, to: string) => fs.cpSync(from, path.join(root, to), { recursive: true, verbatimSymlinks: true });
  const dispose = () => fs.rmSync(root, { recursive: true, force: true });
  try {
    if (kind.startsWith('sites/')) {
      // One of the generator fixture sites (test/fixtures/sites/NAME), opened as its own folder.
      const name = path.basename(kind);
      copy(path.join(FIXTURES_DIR, 'sites', name), name);
      return { root, folder: path.join(root, name), dispose };
    }
    if (kind === 'sample') {
      copy(path.join(REPO_ROOT, 'sample'), 'sample');
      return { root, folder: path.join(root, 'sample'), dispose };
    }
    copy(path.join(FIXTURES_DIR, 'workspace'), 'workspace');
    if (kind === 'workspace') return { root, folder: path.join(root, 'workspace'), dispose };
    copy(path.join(FIXTURES_DIR, 'workspace-b'), 'workspace-b');
    copy(path.join(FIXTURES_DIR, 'multi-root.code-workspace'), 'multi-root.code-workspace');
    return { root, workspaceFile: path.join(root, 'multi-root.code-workspace'), dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

export interface WorkbenchUrlOptions extends OpenTarget {
  readonly extensionDevelopmentPath?: string;
  readonly extensionTestsPath?: string;
}

/** The workbench URL, built the way microsoft/vscode's browser integration tests build it. */
export function workbenchUrl(host: string, options: WorkbenchUrlOptions): string {
  const remote = (p: string) => `vscode-remote://${host}${p}`;
  const payload: [string, string][] = [];
  if (options.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)]);
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  payload.push(['skipWelcome', 'true']);
  const query: string[] = [];
  if (options.folder) query.push(`folder=${encodeURIComponent(options.folder)}`);
  else if (options.workspaceFile) query.push(`workspace=${encodeURIComponent(options.workspaceFile)}`);
  query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `http://${host}/?${query.join('&')}`;
}
