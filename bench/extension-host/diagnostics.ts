// `node --require tsx/cjs bench/extension-host/diagnostics.ts [--posts N]`:
// the diagnostics benchmark in the real extension host. Generates a workspace
// of N posts (default 10,000; every 10th with a stray marker) plus a 1 MB
// article in a temp dir, runs diagnosticsSuite.ts in code-server through the
// test harness, and prints its BENCH_ROW lines (bench/types.ts) on stdout.
// Heavy: run it under `flock /tmp/vscode-host.lock` on shared machines.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCleanups } from '../../test/harness/cleanup';
import { runAsScript, runSuiteInHost } from './suiteRunner';

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
    return await runSuiteInHost({ suite: 'diagnosticsSuite', folder: root, env: { POSTDESK_BENCH_EXPECTED_FILES: String(expected) }, timeoutMs });
  } finally {
    await runCleanups();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const i = process.argv.indexOf('--posts');
  const posts = i >= 0 ? Number(process.argv[i + 1]) : 10_000;
  runAsScript('diagnostics benchmark', () => runDiagnosticsBench(posts));
}
