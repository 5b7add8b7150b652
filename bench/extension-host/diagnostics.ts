// `node --require tsx/cjs bench/extension-host/diagnostics.ts [--posts N]`:
// the diagnostics benchmark in the real extension host. Generates a workspace
// of N posts (default 10,000; every 10th with a stray marker) plus a 1 MB
// article in a temp dir, runs diagnosticsSuite.ts in code-server through the
// test harness, and prints its BENCH_ROW lines (bench/types.ts) on stdout.
// Heavy: run it under `flock /tmp/vscode-host.lock` on shared machines.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { handleSignals, runCleanups } from '../../test/harness/cleanup';
import { workbenchUrl } from '../../test/harness/fixtures';
import { REPO_ROOT } from '../../test/harness/paths';
import { startHost } from '../../test/harness/session';
import { BENCH_ROW_PREFIX } from '../types';

const SUITE_OUT = path.join(REPO_ROOT, 'out', 'bench', 'extension-host', 'diagnosticsSuite.js');

const PARAGRAPH =
  'The council met on Thursday to discuss the harbour plan, which would widen the quay and move the ferry terminal ' +
  'two hundred metres east. Residents asked for a second hearing before any contract is signed.';

/** Writes N posts and the 1 MB article; returns how many files have findings. */
function generateWorkspace(root: string, posts: number): number {
  const dir = path.join(root, '_posts');
  fs.mkdirSync(dir, { recursive: true });
  let withFindings = 0;
  for (let i = 0; i < posts; i++) {
    const day = new Date(Date.UTC(2015, 0, 1) + i * 86_400_000 / 4);
    const iso = day.toISOString().slice(0, 10);
    const marker = i % 10 === 0;
    if (marker) withFindings++;
    const body = [PARAGRAPH, marker ? 'Advertisement' : 'A second paragraph with nothing to report.', PARAGRAPH].join('\n\n');
    fs.writeFileSync(path.join(dir, `${iso}-post-${i}.md`), `---\ntitle: "Post number ${i}"\ndate: ${iso}\ntags: [news, harbour]\n---\n\n${body}\n`);
  }
  const paragraphs: string[] = [];
  let size = 0;
  for (let i = 0; size < 1024 * 1024; i++) {
    const text = i % 500 === 250 ? 'Advertisement' : `${PARAGRAPH} (${i})`;
    paragraphs.push(text);
    size += text.length + 2;
  }
  fs.writeFileSync(path.join(root, 'big-article.md'), `---\ntitle: A very long article\ndate: 2020-11-06\n---\n\n${paragraphs.join('\n\n')}\n`);
  return withFindings + 1;
}

export async function runDiagnosticsBench(posts: number, timeoutMs = 300_000): Promise<string[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-bench-diagnostics-'));
  try {
    const expected = generateWorkspace(root, posts);
    // The extension host loads dist/extension.js: measure the working tree, not a stale bundle.
    const build = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (build.status !== 0) throw new Error('npm run build failed');
    await esbuild.build({
      entryPoints: [path.join(REPO_ROOT, 'bench', 'extension-host', 'diagnosticsSuite.ts')],
      outfile: SUITE_OUT, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'silent',
    });
    const host = await startHost({ env: { POSTDESK_BENCH_EXPECTED_FILES: String(expected) } });
    const { context } = await host.newContext();
    const lines: string[] = [];
    const exit = new Promise<number>((resolve) => {
      void context.exposeFunction('codeAutomationLog', (_type: string, args: unknown) => {
        const text = format(...(Array.isArray(args) ? args : [args]));
        if (text.startsWith(BENCH_ROW_PREFIX)) lines.push(text);
        else if (/Error|failed/.test(text)) process.stderr.write(`${text}\n`);
      });
      void context.exposeFunction('codeAutomationExit', (code: number) => resolve(Number(code)));
    });
    const page = await context.newPage();
    await page.goto(workbenchUrl(host.server.host, { folder: root, extensionDevelopmentPath: REPO_ROOT, extensionTestsPath: SUITE_OUT }));
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exit, new Promise<number>((resolve) => (timer = setTimeout(() => resolve(124), timeoutMs)))]);
    clearTimeout(timer);
    await context.close().catch(() => undefined);
    if (code !== 0) throw new Error(code === 124 ? `the benchmark did not finish within ${timeoutMs / 1000} s` : `the benchmark suite failed (exit ${code})`);
    return lines;
  } finally {
    await runCleanups();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) {
  handleSignals();
  const i = process.argv.indexOf('--posts');
  const posts = i >= 0 ? Number(process.argv[i + 1]) : 10_000;
  runDiagnosticsBench(posts).then(
    (lines) => {
      for (const line of lines) process.stdout.write(`${line}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`diagnostics benchmark: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
