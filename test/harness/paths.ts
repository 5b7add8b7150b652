// Where the harness finds the repository, its caches and its outputs.
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CODE_SERVER_VERSION = process.env.POSTDESK_CODE_SERVER_VERSION ?? '4.100.3';
/** Git-ignored cache, keyed by version so an upgrade installs side by side. */
export const CACHE_DIR = path.join(REPO_ROOT, '.vscode-test');
export const CODE_SERVER_DIR = path.join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');
export const FIXTURES_DIR = path.join(REPO_ROOT, 'test', 'fixtures');
export const INTEGRATION_SRC = path.join(REPO_ROOT, 'test', 'integration');
export const INTEGRATION_OUT = path.join(REPO_ROOT, 'out', 'test', 'integration');
export const DEFAULT_CHROMIUM = process.env.POSTDESK_CHROMIUM ?? '/usr/bin/chromium';
