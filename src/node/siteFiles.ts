// The site model's view of a local folder: config files read as text (never
// run), folders listed. Used by the CLI; the editor's hosts have their own
// over vscode.workspace.fs.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { DirEntry, SiteFiles } from '../core/site/types';

/** Config files larger than this are not site configs worth reading. */
const MAX_CONFIG_BYTES = 1024 * 1024;

export function localSiteFiles(root: string): SiteFiles {
  const resolve = (rel: string): string => (rel === '' ? root : path.join(root, ...rel.split('/')));
  return {
    async readText(rel: string): Promise<string | undefined> {
      try {
        const file = resolve(rel);
        const stat = await fs.stat(file);
        if (!stat.isFile() || stat.size > MAX_CONFIG_BYTES) return undefined;
        return await fs.readFile(file, 'utf8');
      } catch {
        return undefined;
      }
    },
    async list(rel: string): Promise<readonly DirEntry[] | undefined> {
      try {
        const entries = await fs.readdir(resolve(rel), { withFileTypes: true });
        return entries.map((e) => ({ name: e.name, isDir: e.isDirectory() })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch {
        return undefined;
      }
    },
  };
}
