// Runs the CLI in-process on throw-away folders and captures what it prints.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/run';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A fixed clock, so `scheduled` never depends on when the tests run. */
export const NOW = new Date(2024, 5, 15, 12, 0, 0);

export async function run(cwd: string, ...argv: string[]): Promise<CliRun> {
  return runWith(cwd, argv);
}

/** `run` with more of runCli's options (the worker-thread tuning). */
export async function runWith(cwd: string, argv: readonly string[], extra: Partial<Parameters<typeof runCli>[1]> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    cwd,
    now: NOW,
    env: {},
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    ...extra,
  });
  return { code, stdout, stderr };
}

export interface JsonFindingOut {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: string;
  message: string;
}

export async function runJson(cwd: string, ...argv: string[]): Promise<{ code: number; files: number; findings: JsonFindingOut[]; stderr: string }> {
  const result = await run(cwd, 'check', '--format', 'json', ...argv);
  const parsed = JSON.parse(result.stdout) as { version: number; files: number; findings: JsonFindingOut[] };
  return { code: result.code, files: parsed.files, findings: parsed.findings, stderr: result.stderr };
}

/** A temp folder with `files` (text or bytes) written into it; removed by `cleanup`. */
export class TempSite {
  private constructor(readonly dir: string) {}

  static async create(files: Record<string, string | Uint8Array> = {}): Promise<TempSite> {
    const site = new TempSite(await fs.mkdtemp(path.join(os.tmpdir(), 'postdesk-cli-')));
    for (const [name, content] of Object.entries(files)) await site.write(name, content);
    return site;
  }

  path(name: string): string {
    return path.join(this.dir, name);
  }

  async write(name: string, content: string | Uint8Array): Promise<void> {
    await fs.mkdir(path.dirname(this.path(name)), { recursive: true });
    await fs.writeFile(this.path(name), content);
  }

  async read(name: string): Promise<string> {
    return fs.readFile(this.path(name), 'utf8');
  }

  async bytes(name: string): Promise<Buffer> {
    return fs.readFile(this.path(name));
  }

  async cleanup(): Promise<void> {
    await fs.rm(this.dir, { recursive: true, force: true });
  }
}

export const FIXTURES = path.join(__dirname, 'fixtures');
/** ../shared beside the checkout, present in CI and on developer machines set up like it. */
export const JEKYLL_CORPUS = path.resolve(__dirname, '../../../../shared/corpus/jekyll-posts');
