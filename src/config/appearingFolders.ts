// A folder that appears whole (copied, cloned, moved or unpacked into the
// workspace) may report only itself to a file watcher: inotify watches a new
// folder only once it has seen it, so files written into it before then are
// never reported. A generator config among them would go unseen and the site
// unread; this looks inside such folders for one.
import * as vscode from 'vscode';
import { Disposable, toDisposable } from '../common/dispose';
import { flatGlobUnion } from '../core/braces';

/** How long creations are gathered before the folders among them are searched (a copy reports in bursts). */
const GATHER_MS = 200;
/** Past this many new top-level paths in one burst (a checkout, an unpacked archive), the sites are read again without searching. */
const MAX_SEARCHED = 32;

export class AppearingFolders extends Disposable {
  private readonly pending = new Map<string, { readonly folder: vscode.WorkspaceFolder; readonly uris: vscode.Uri[] }>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Every marker (`hugo.toml`, Hugo's `config` folder) as a file or a folder anywhere below. */
  private readonly markerGlob: string;

  constructor(
    private readonly markerNames: ReadonlySet<string>,
    /** Told when a workspace folder may hold a site it has not read. */
    private readonly onSiteFolder: (folder: vscode.WorkspaceFolder) => void,
  ) {
    super();
    this.markerGlob = flatGlobUnion([...markerNames].flatMap((name) => [`**/${name}`, `**/${name}/**`]));
    const watcher = this._register(vscode.workspace.createFileSystemWatcher('**/*', false, true, true));
    this._register(watcher.onDidCreate((uri) => this.queue(uri)));
    this._register(toDisposable(() => clearTimeout(this.timer)));
  }

  private queue(uri: vscode.Uri): void {
    // A marker file reported itself: the site-config watcher has it.
    if (this.markerNames.has(uri.path.slice(uri.path.lastIndexOf('/') + 1))) return;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder || uri.path === folder.uri.path) return;
    const key = folder.uri.toString();
    const entry = this.pending.get(key) ?? { folder, uris: [] };
    entry.uris.push(uri);
    this.pending.set(key, entry);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, GATHER_MS);
  }

  private async flush(): Promise<void> {
    const batches = [...this.pending.values()];
    this.pending.clear();
    for (const { folder, uris } of batches) {
      const tops = topmost(uris);
      if (tops.length > MAX_SEARCHED) {
        if (!this.isDisposed) this.onSiteFolder(folder);
        continue;
      }
      for (const top of tops) {
        if (this.isDisposed) return;
        if (await this.holdsMarker(top)) {
          this.onSiteFolder(folder);
          break;
        }
      }
    }
  }

  private async holdsMarker(uri: vscode.Uri): Promise<boolean> {
    try {
      if (!((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory)) return false;
      const found = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, this.markerGlob), '**/node_modules/**', 1);
      return found.length > 0;
    } catch {
      // Gone again, or unreadable: nothing to read.
      return false;
    }
  }
}

/** The paths not below another one of them, each once: a folder's files need no search of their own. */
function topmost(uris: readonly vscode.Uri[]): vscode.Uri[] {
  const byPath = new Map(uris.map((uri) => [uri.path.replace(/\/$/, ''), uri]));
  return [...byPath].filter(([path]) => {
    for (let cut = path.lastIndexOf('/'); cut > 0; cut = path.lastIndexOf('/', cut - 1)) if (byPath.has(path.slice(0, cut))) return false;
    return true;
  }).map(([, uri]) => uri);
}
