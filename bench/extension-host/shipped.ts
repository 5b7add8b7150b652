// The extension the extension-host benchmarks load: the production build as
// the VSIX ships it (minified, the renderer in its own bundle), unpacked in a
// temporary folder of its own, so runners side by side and a dev build
// running meanwhile do not disturb each other.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stageExtension } from '../../scripts/package';
import { onCleanup } from '../../test/harness/cleanup';

/** Stages the shipped extension and returns its folder (removed by the harness cleanups). */
export function stageShippedExtension(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-bench-extension-'));
  onCleanup(() => fs.rmSync(folder, { recursive: true, force: true }));
  stageExtension(folder, true);
  return folder;
}
