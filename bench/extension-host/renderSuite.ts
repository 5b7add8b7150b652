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
  await untilProcessIdle();
  for (const row of await benchRender()) {
    console.log(formatBenchRowLine({ ...row, name: `${row.name}, extension host` }));
  }
  console.log('1 passed, 0 failed');
}

/**
 * The rows time CPU of the whole process, and other extensions (Git, the
 * built-in Markdown features) may still be starting in this one: wait until
 * two half-second windows in a row used under a tenth of a core (at most 30 s).
 */
async function untilProcessIdle(): Promise<void> {
  const deadline = Date.now() + 30_000;
  let quiet = 0;
  while (quiet < 2 && Date.now() < deadline) {
    const before = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const used = process.cpuUsage(before);
    quiet = (used.user + used.system) / 1000 < 50 ? quiet + 1 : 0;
  }
}
