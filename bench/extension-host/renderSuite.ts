// Runs inside the real extension host (as extensionTestsPath), with Postdesk
// activated: the preview-render benchmark of bench/render.ts, same code and
// same articles, in the process the preview renders in (code-server's Node,
// its heap shared with the workbench's extensions). Prints BENCH_ROW lines
// for the runner (render.ts), each row named "…, extension host".
import * as vscode from 'vscode';
import { formatBenchRowLine } from '../types';
import { benchRender } from '../render';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension('postdesk.postdesk');
  if (!extension) throw new Error('Postdesk is not loaded in the extension host');
  await extension.activate();
  // Let the workbench finish starting (and the index its first scan) before
  // timing: previews render while an author writes, not during start-up.
  await new Promise((resolve) => setTimeout(resolve, 5000));
  for (const row of await benchRender()) {
    console.log(formatBenchRowLine({ ...row, name: `${row.name}, extension host` }));
  }
  console.log('1 passed, 0 failed');
}
