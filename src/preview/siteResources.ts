// Root-relative images and links of a post on a site (#17): `/images/x.png`
// is looked up in the site's static folders (src/core/render/siteResources.ts
// names the candidates). The render is synchronous, so the resolver answers
// from memory only, as the template links do (templateLinks.ts): an address
// it has not seen is shown as missing, looked up through vscode.workspace.fs
// after the render, and the preview renders again when a file exists.
import * as vscode from 'vscode';
import { exists } from '../common/files';
import { staticCandidates } from '../core/render/siteResources';
import type { SiteRef } from '../core/site/types';

export class SiteResources {
  /** The file each set of candidates found (null: none exists), for the current scope. */
  private known = new Map<string, vscode.Uri | null>();
  private readonly wanted = new Map<string, readonly vscode.Uri[]>();
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

  /** Looks up what the last render asked for and did not know; true when a file was found (render again). */
  async settle(): Promise<boolean> {
    if (this.wanted.size === 0) return false;
    const scope = this.scope;
    const batch = [...this.wanted];
    this.wanted.clear();
    const results = await Promise.all(
      batch.map(async ([key, uris]) => {
        for (const uri of uris) if (await exists(uri)) return [key, uri] as const;
        return [key, null] as const;
      }),
    );
    if (scope !== this.scope) return false;
    let found = false;
    for (const [key, uri] of results) {
      this.known.set(key, uri);
      if (uri) found = true;
    }
    if (found) this.generationValue++;
    return found;
  }

  /**
   * Files were created (`missing`: the addresses found missing may exist now)
   * or deleted (`found`: a file shown may be gone): those answers are asked
   * again at the next render. True when an answer was dropped.
   */
  forget(which: 'missing' | 'found'): boolean {
    let changed = false;
    for (const [key, value] of this.known) {
      if ((value === null) === (which === 'missing')) {
        this.known.delete(key);
        changed = true;
      }
    }
    if (changed) this.generationValue++;
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
