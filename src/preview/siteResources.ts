// Root-relative images and links of a post on a site (#17): `/images/x.png`
// is looked up in the site's static folders (src/core/render/siteResources.ts
// names the candidates). The render is synchronous, so the resolver answers
// from memory only, as the template links do (templateLinks.ts): an address
// it has not seen is shown as missing, looked up through vscode.workspace.fs
// after the render, and the preview renders again when a file exists.
// A Hugo bundle's files (the header's cover may be one of them) are listed
// the same way: unknown at the first render, listed after it, then rendered.
import * as vscode from 'vscode';
import { exists } from '../common/files';
import { isBundleIndex, staticCandidates } from '../core/render/siteResources';
import type { SiteRef } from '../core/site/types';

/** A bundle is listed this deep and this far at most: a cover sits at its top, a runaway folder must not stall the preview. */
const MAX_BUNDLE_DEPTH = 4;
const MAX_BUNDLE_FILES = 1000;

/** How many bundles and missing addresses one `recheck` looks at again. */
const MAX_RECHECKED = 50;

/** The first of `uris` that exists, or null. */
async function firstExisting(uris: readonly vscode.Uri[]): Promise<vscode.Uri | null> {
  for (const uri of uris) if (await exists(uri)) return uri;
  return null;
}

/** The files below `folder` (paths relative to it), breadth first, within the limits. */
async function listBundle(folder: vscode.Uri): Promise<string[]> {
  const out: string[] = [];
  let level: string[] = [''];
  for (let depth = 0; depth < MAX_BUNDLE_DEPTH && level.length > 0 && out.length < MAX_BUNDLE_FILES; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      let entries: [string, vscode.FileType][];
      try {
        entries = await vscode.workspace.fs.readDirectory(dir === '' ? folder : vscode.Uri.joinPath(folder, dir));
      } catch {
        continue;
      }
      for (const [name, type] of entries) {
        const path = dir === '' ? name : `${dir}/${name}`;
        if (type & vscode.FileType.Directory) next.push(path);
        else if (out.length < MAX_BUNDLE_FILES) out.push(path);
      }
    }
    level = next;
  }
  // In a stable order, so a listing that did not change compares equal.
  return out.sort();
}

export class SiteResources {
  /** The file each set of candidates found (null: none exists), for the current scope. */
  private known = new Map<string, vscode.Uri | null>();
  private readonly wanted = new Map<string, readonly vscode.Uri[]>();
  /** The files each address found missing was looked for as, so `recheck` can look again. */
  private missing = new Map<string, readonly vscode.Uri[]>();
  /** The files of each page bundle listed for the current scope, by the bundle folder's URI. */
  private bundles = new Map<string, readonly string[]>();
  /** Bundles whose listing may be out of date (files were created or deleted): shown as listed, listed again. */
  private readonly staleBundles = new Set<string>();
  private readonly wantedBundles = new Map<string, vscode.Uri>();
  private scope: string | undefined;
  private generationValue = 0;

  /**
   * Grows whenever an answer the last render gave may be wrong now (a file
   * was found or created, the site's folders changed): blocks rendered
   * before cannot be reused.
   */
  get generation(): number {
    return this.generationValue;
  }

  /**
   * The preview's resource resolver for `document` on `site`: root-relative
   * addresses from the site's static folders (as webview URIs), everything
   * else by `fallback` (the post's folder, the workspace folder).
   */
  resolverFor(webview: vscode.Webview, document: vscode.Uri, site: SiteRef | undefined, fallback: (href: string) => string | undefined): (href: string) => string | undefined {
    const folder = document.scheme === 'untitled' ? undefined : vscode.workspace.getWorkspaceFolder(document)?.uri;
    const scope = [folder?.toString() ?? '', site?.generator ?? '', site?.baseUrl ?? '', ...(site?.staticDirs ?? [])].join('\n');
    if (scope !== this.scope) {
      if (this.scope !== undefined) this.generationValue++;
      this.scope = scope;
      this.known = new Map();
      this.wanted.clear();
      this.missing = new Map();
      this.bundles = new Map();
      this.staleBundles.clear();
      this.wantedBundles.clear();
    }
    return (href) => {
      const candidates = folder ? staticCandidates(href, site) : undefined;
      if (candidates === undefined || folder === undefined) return fallback(href);
      const found = this.lookup(folder, candidates);
      return found ? webview.asWebviewUri(found).toString() : undefined;
    };
  }

  /**
   * A root-relative address the last render resolved to a static file, as a
   * path from the workspace folder (`/site/static/x.pdf`), so a click on it
   * opens that file; undefined for anything else.
   */
  workspaceHref(document: vscode.Uri, href: string, site: SiteRef | undefined): string | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(document)?.uri;
    const candidates = folder ? staticCandidates(href, site) : undefined;
    const found = candidates ? this.known.get(candidates.join('\n')) : undefined;
    if (!folder || !found) return undefined;
    return found.path.startsWith(folder.path) ? found.path.slice(folder.path.length).replace(/^\/*/, '/') : undefined;
  }

  /**
   * The files of the page bundle `document` is the content file of (a Hugo
   * leaf bundle), as paths below its folder, for the header's cover; undefined
   * when it is none, or when the folder has not been listed yet (then
   * `settle` lists it).
   */
  bundleResources(document: vscode.Uri, site: SiteRef | undefined): readonly string[] | undefined {
    if (document.scheme === 'untitled' || !isBundleIndex(document.path, site)) return undefined;
    const folder = vscode.Uri.joinPath(document, '..');
    const key = folder.toString();
    const known = this.bundles.get(key);
    if (known === undefined || this.staleBundles.has(key)) this.wantedBundles.set(key, folder);
    return known;
  }

  /** Looks up what the last render asked for and did not know; true when a file was found or a bundle listed (render again). */
  async settle(): Promise<boolean> {
    if (this.wanted.size === 0 && this.wantedBundles.size === 0) return false;
    const scope = this.scope;
    const batch = [...this.wanted];
    this.wanted.clear();
    const bundles = [...this.wantedBundles];
    this.wantedBundles.clear();
    const [results, listings] = await Promise.all([
      Promise.all(
        batch.map(async ([key, uris]) => [key, await firstExisting(uris)] as const),
      ),
      Promise.all(bundles.map(async ([key, folder]) => [key, await listBundle(folder)] as const)),
    ]);
    if (scope !== this.scope) return false;
    let found = false;
    const asked = new Map(batch);
    for (const [key, uri] of results) {
      this.known.set(key, uri);
      if (uri) found = true;
      else this.missing.set(key, asked.get(key) ?? []);
    }
    // Only resolved addresses change the body's blocks; a listed bundle changes the header alone.
    if (found) this.generationValue++;
    let listed = false;
    for (const [key, files] of listings) {
      const before = this.bundles.get(key);
      this.staleBundles.delete(key);
      this.bundles.set(key, files);
      if (before === undefined || before.join('\n') !== files.join('\n')) listed = true;
    }
    return found || listed;
  }

  /**
   * Files were created (`missing`: the addresses found missing may exist now)
   * or deleted (`found`: a file shown may be gone): those answers are asked
   * again at the next render; a listed bundle is listed again after it.
   * True when an answer was dropped or a bundle is to be listed again.
   */
  forget(which: 'missing' | 'found'): boolean {
    // A bundle may have gained or lost its cover either way: listed again after the next render (which still shows the old listing).
    for (const key of this.bundles.keys()) this.staleBundles.add(key);
    let changed = false;
    for (const [key, value] of this.known) {
      if ((value === null) === (which === 'missing')) {
        this.known.delete(key);
        changed = true;
      }
    }
    if (changed) this.generationValue++;
    return changed || this.staleBundles.size > 0;
  }

  /**
   * Looks again at what the last renders were told from disk: each listed
   * bundle, the addresses found missing and the files found (at most
   * `MAX_RECHECKED` of each). The
   * workspace's file watcher does not hear every file: on Linux it misses
   * files in a folder created moments before (inotify watches a new folder
   * only after it exists; parcel-bundler/watcher#97, #243), the case of a
   * bundle just made and its cover dropped in. True when an answer changed
   * (render again).
   */
  async recheck(): Promise<boolean> {
    const scope = this.scope;
    const missing = [...this.missing].filter(([key]) => this.known.get(key) === null).slice(0, MAX_RECHECKED);
    const shown = [...this.known].filter((entry): entry is [string, vscode.Uri] => entry[1] !== null).slice(0, MAX_RECHECKED);
    const bundles = [...this.bundles.keys()].slice(0, MAX_RECHECKED);
    const [found, gone, listings] = await Promise.all([
      Promise.all(missing.map(async ([key, uris]) => [key, await firstExisting(uris)] as const)),
      Promise.all(shown.map(async ([key, uri]) => [key, !(await exists(uri))] as const)),
      Promise.all(bundles.map(async (key) => [key, await listBundle(vscode.Uri.parse(key))] as const)),
    ]);
    if (scope !== this.scope) return false;
    let changed = false;
    for (const [key, isGone] of gone) {
      // Looked up again at the next render (which shows it missing if it stays gone).
      if (!isGone || !this.known.get(key)) continue;
      this.known.delete(key);
      this.generationValue++;
      changed = true;
    }
    for (const [key, uri] of found) {
      if (!uri || this.known.get(key) !== null) continue;
      this.known.set(key, uri);
      this.missing.delete(key);
      this.generationValue++;
      changed = true;
    }
    for (const [key, files] of listings) {
      const before = this.bundles.get(key);
      if (before === undefined || before.join('\n') === files.join('\n')) continue;
      this.bundles.set(key, files);
      changed = true;
    }
    return changed;
  }

  private lookup(folder: vscode.Uri, candidates: readonly string[]): vscode.Uri | undefined {
    if (candidates.length === 0) return undefined;
    const key = candidates.join('\n');
    const value = this.known.get(key);
    if (value !== undefined) return value ?? undefined;
    if (!this.wanted.has(key)) this.wanted.set(key, candidates.map((c) => vscode.Uri.joinPath(folder, c)));
    return undefined;
  }
}
