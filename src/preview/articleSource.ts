// The article the preview shows, rendered for one panel's webview: the
// block-caching renderer, and what the article's templates and root-relative
// images refer to in the workspace, looked up between renders (a render never
// waits for the file system; a lookup that finds something asks for another).
import type * as vscode from 'vscode';
import type { ArticleRenderer } from '../core/render';
import type { Analysis } from '../core/types';
import { buildArticle, type BuiltArticle } from './article';
import { resourceResolver } from './links';
import { SiteResources } from './siteResources';
import { TemplateLinks } from './templateLinks';
import type { IDisposable } from '../common/dispose';

/** How often a shown article's bundle and images are looked at again on disk (the file watcher misses some files). */
const RESOURCE_RECHECK_MS = 2000;

export class ArticleSource {
  /** The renderer module, loaded at the first render (see `load`). */
  private rendererClass: typeof ArticleRenderer | undefined;
  /** Keeps the rendered blocks of the panel's article, so an update while typing re-renders only what changed. */
  private renderer: ArticleRenderer | undefined;
  /** The `siteResources.generation` the renderer's cached blocks were made under. */
  private rendererResources = 0;
  /** What the article's templates link to. */
  readonly templateLinks = new TemplateLinks();
  /** The post's root-relative images in its site's static folders. */
  readonly siteResources = new SiteResources();
  private rechecking = false;

  /** A new panel, or none: cached blocks hold addresses made for the old panel's webview. */
  forgetRenderer(): void {
    this.renderer = undefined;
  }

  /**
   * Loads the renderer (markdown-it, the sanitiser) when a preview first
   * renders, not when the extension starts: most sessions never open one, and
   * loading it would hold the extension host while the index starts.
   */
  async load(): Promise<void> {
    this.rendererClass ??= (await import('../core/render')).ArticleRenderer;
  }

  /** The article of `analysis` for `webview`; `load` must have finished. */
  render(webview: vscode.Webview, uri: vscode.Uri, analysis: Analysis, allowRemoteImages: boolean): BuiltArticle {
    if (!this.rendererClass) throw new Error('ArticleSource.render before load');
    const site = analysis.site?.site;
    const resolveResource = this.siteResources.resolverFor(webview, uri, site, resourceResolver(webview, uri));
    if (!this.renderer || this.siteResources.generation !== this.rendererResources) {
      // A static file was found or went away since: blocks cached with the old answer cannot be reused.
      this.rendererResources = this.siteResources.generation;
      this.renderer = new this.rendererClass();
    }
    return buildArticle({
      uri,
      analysis,
      allowRemoteImages,
      resolveResource,
      bundleResources: this.siteResources.bundleResources(uri, site),
      renderer: this.renderer,
      templates: this.templateLinks.resolversFor(uri, analysis.site),
    });
  }

  /**
   * Every RESOURCE_RECHECK_MS while `isShown`, calls `onChanged` when a file
   * the article's bundle lists or an image it shows (or shows as missing) has
   * come or gone on disk without the file watcher saying so (see
   * `SiteResources.recheck`). One look at a time; disposing stops it.
   */
  recheckEvery(isShown: () => boolean, onChanged: () => void): IDisposable {
    const timer = setInterval(() => {
      if (isShown()) this.recheck(onChanged);
    }, RESOURCE_RECHECK_MS);
    return { dispose: () => clearInterval(timer) };
  }

  private recheck(onChanged: () => void): void {
    if (this.rechecking) return;
    this.rechecking = true;
    void this.siteResources
      .recheck()
      .then((changed) => {
        if (changed) onChanged();
      })
      .finally(() => {
        this.rechecking = false;
      });
  }

  /** Calls `onFound` when a lookup the last render started (a template's target, an image) finds what it looked for. */
  settle(onFound: () => void): void {
    void this.templateLinks.settle().then((found) => {
      if (found) onFound();
    });
    void this.siteResources.settle().then((found) => {
      if (found) onFound();
    });
  }
}
