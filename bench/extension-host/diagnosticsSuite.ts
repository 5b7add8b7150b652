// Runs inside the real extension host (as extensionTestsPath) on a generated
// workspace: measures the diagnostics' cost after a keystroke in a 1 MB
// article and the workspace check of every post, and prints BENCH_ROW lines.
// The runner (diagnostics.ts) builds the workspace and reads the rows.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { formatBenchRowLine, type BenchRow } from '../types';
import { describeBlocks, describePauses, watchBlocks, watchGcPauses } from './hostPauses';
import { startProfile } from './hostProfile';
import type { PostdeskApi } from '../../src/testApi';
import type { DiagnosticsStats } from '../../src/diagnostics';

/** The part of the test API (src/testApi.ts) this suite reads. */
type Api = Pick<PostdeskApi, 'diagnostics'> & { readonly index: Pick<PostdeskApi['index'], 'ready' | 'size'> };

function stats(api: Api): DiagnosticsStats {
  return api.diagnostics.stats();
}

const KEYSTROKES = 15;
const BIG_ARTICLE = 'big-article.md';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function postdeskDiagnosticCount(): { files: number; problems: number } {
  let files = 0;
  let problems = 0;
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    const ours = diagnostics.filter((d) => d.source === 'postdesk').length;
    if (ours > 0) files++;
    problems += ours;
  }
  return { files, problems };
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

function emit(row: BenchRow): void {
  console.log(formatBenchRowLine(row));
}

async function workspaceCheck(api: Api, expectedFiles: number): Promise<void> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  // The first scan after activation also loads code and warms caches: measure a full re-check after it.
  await waitFor(() => postdeskDiagnosticCount().files >= expectedFiles, 120_000);
  const profile = await startProfile();
  histogram.enable();
  const gc = watchGcPauses();
  const probe = watchBlocks();
  const start = performance.now();
  await vscode.commands.executeCommand('postdesk.checkWorkspace');
  const elapsed = performance.now() - start;
  histogram.disable();
  await profile?.('check-all-posts');
  const count = postdeskDiagnosticCount();
  const { lastPass, lastWorkspaceCheck } = stats(api);
  const posts = api.index.size.toLocaleString('en-US');
  emit({
    name: `"Check All Posts" on ${posts} posts, extension host (index rescan + publish)`,
    value: Math.round(elapsed),
    unit: 'ms',
    target: '< 2000 ms',
    pass: elapsed < 2000 && count.files >= expectedFiles,
    note: `index rescan ${Math.round(lastWorkspaceCheck?.rescanMs ?? NaN)} ms; ${count.problems} problems in ${count.files} files`,
  });
  emit({
    name: `publish the findings of ${posts} indexed posts (diagnostics pass)`,
    value: Math.round(lastPass?.ms ?? NaN),
    unit: 'ms',
    target: '< 2000 ms',
    pass: (lastPass?.ms ?? Infinity) < 2000,
    note: `${lastPass?.files ?? 0} files with problems`,
  });
  emit({
    name: 'diagnostics pass: longest slice without yielding',
    value: Math.round((lastPass?.maxSliceMs ?? NaN) * 10) / 10,
    unit: 'ms',
    target: '< 50 ms',
    pass: (lastPass?.maxSliceMs ?? Infinity) < 50,
  });
  const maxBlock = histogram.max / 1e6;
  // The observer hears of a collection a task after it: let the last ones in.
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc.dispose();
  probe.dispose();
  emit({
    name: '"Check All Posts": longest event-loop block of the extension host (index + diagnostics + others)',
    value: Math.round(maxBlock * 10) / 10,
    unit: 'ms',
    target: '< 50 ms',
    pass: maxBlock < 50,
    // The row swings between runs (31.6 to 72.1 ms): when the blocks came (the rescan ends at the time the row above gives) and which collections fell inside tell whose they were.
    note: `blocks over 30 ms: ${describeBlocks(probe.blocks, start, 4)}; garbage collection pauses over 15 ms during the check: ${describePauses(gc.pauses, start)}`,
  });
}

async function keystrokes(api: Api, root: vscode.Uri): Promise<void> {
  const uri = vscode.Uri.joinPath(root, BIG_ARTICLE);
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  await waitFor(() => vscode.languages.getDiagnostics(uri).length > 0, 20_000);
  const files = vscode.workspace.getConfiguration('files');
  // Desktop VS Code does not save while the author types (files.autoSave "off"); the web workbench
  // saves a second after the last keystroke ("afterDelay"), and each save has the index read and
  // check the file again. Both are measured, each in its own rows.
  const webDefault = files.inspect<string>('autoSave')?.defaultValue ?? 'off';
  try {
    for (const autoSave of ['off', webDefault === 'off' ? 'afterDelay' : webDefault]) {
      await files.update('autoSave', autoSave, vscode.ConfigurationTarget.Global);
      await typeIn(api, editor, autoSave);
      // What the loop typed stays unsaved or was saved: start the next loop from the article as it was.
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  } finally {
    await files.update('autoSave', undefined, vscode.ConfigurationTarget.Global);
  }
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

/** KEYSTROKES characters typed in the middle of the article, each followed by its debounced check. */
async function typeIn(api: Api, editor: vscode.TextEditor, autoSave: string): Promise<void> {
  const document = editor.document;
  const uri = document.uri;
  const checks: number[] = [];
  const blocks: number[] = [];
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  for (let i = 0; i < KEYSTROKES; i++) {
    histogram.reset();
    histogram.enable();
    // A keystroke in the middle of the article, as while typing.
    const line = Math.floor(document.lineCount / 2);
    await editor.edit((edit) => edit.insert(new vscode.Position(line, 0), 'x'));
    const version = document.version;
    // The debounced check runs 300 ms later: wait for the controller's check of this version.
    await waitFor(() => false, 350);
    let check = stats(api).lastCheck;
    for (let tries = 0; tries < 50 && !(check?.uri === uri.toString() && check.version === version); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      check = stats(api).lastCheck;
    }
    histogram.disable();
    blocks.push(histogram.max / 1e6);
    if (check?.uri === uri.toString() && check.version === version) {
      // The analysis may have run earlier for this version (a code action request): count it once, wherever it ran.
      const analysis = stats(api).lastAnalysis;
      const elsewhere = check.analysedBefore && analysis?.uri === uri.toString() && analysis.version === version ? analysis.ms : 0;
      checks.push(check.ms + elsewhere);
    }
  }
  const size = (document.getText().length / (1024 * 1024)).toFixed(1);
  const saving = autoSave === 'off' ? 'files.autoSave off, as on the desktop' : `files.autoSave ${autoSave}, as in the web workbench`;
  emit({
    name: `check a ${size} MB article after a keystroke (getText, analyse, publish), extension host, ${saving}`,
    value: Math.round(median(checks) * 10) / 10,
    unit: 'ms (median)',
    target: '< 20 ms',
    pass: checks.length === KEYSTROKES && median(checks) < 20,
    note: `max ${Math.max(...checks).toFixed(1)} ms over ${checks.length}/${KEYSTROKES} keystrokes`,
  });
  emit({
    name: `keystroke in the 1 MB article: longest event-loop block of the extension host (all extensions), ${saving}`,
    value: Math.round(median(blocks) * 10) / 10,
    unit: 'ms (median)',
    note: `max ${Math.max(...blocks).toFixed(1)} ms; includes the index update, the Posts view and built-in Markdown features`,
  });
}

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<Api>('postdesk.postdesk');
  if (!extension) throw new Error('Postdesk is not loaded in the extension host');
  const api = await extension.activate();
  await api.index.ready;
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) throw new Error('no workspace folder');
  const expectedFiles = Number(process.env.POSTDESK_BENCH_EXPECTED_FILES ?? '1');
  await workspaceCheck(api, expectedFiles);
  await keystrokes(api, root);
  console.log('1 passed, 0 failed');
}
