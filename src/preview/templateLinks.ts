// What a post's templates link to (#17): Hugo `ref`/`relref` and Jekyll
// `post_url`/`link` targets, and the files of shortcodes, includes and MDX
// components. The render is synchronous, so the resolvers answer from memory
// only; a reference they have not seen yet is remembered, looked up through
// vscode.workspace.fs after the render, and a render follows when it exists.
// Until then (a few milliseconds, once per reference) it shows as missing.
import * as vscode from 'vscode';
import { exists } from '../common/files';
import type { ResolvedPostLink, TemplateReference } from '../core/render';
import type { SiteContext } from '../core/site/facts';
import { joinPath } from '../core/site/util';

/** Where to look for a reference: files in order, then (a bare name) the first match of a glob under the site root. */
interface Lookup {
  readonly files: readonly vscode.Uri[];
  readonly search?: vscode.RelativePattern;
}

export interface TemplateResolvers {
  readonly resolvePostLink: (target: string) => ResolvedPostLink | undefined;
  readonly resolveTemplate: (reference: TemplateReference) => { readonly href: string } | undefined;
}

const POST_EXTENSIONS = ['.md', '.markdown', '.mdx', '.html'];
const COMPONENT_EXTENSIONS = ['', '.jsx', '.tsx', '.js', '.ts', '.astro', '.mdx', '.vue', '.svelte'];

/** `to` as a path relative to the folder of `from` (both POSIX absolute), as a Markdown link in `from` writes it. */
export function relativeHref(from: string, to: string): string {
  const fromParts = from.split('/').slice(0, -1);
  const toParts = to.split('/');
  let common = 0;
  while (common < fromParts.length && common < toParts.length - 1 && fromParts[common] === toParts[common]) common++;
  const up = fromParts.length - common;
  return [...Array<string>(up).fill('..'), ...toParts.slice(common)].join('/').split('/').map(encodeURIComponent).join('/');
}

/** The files a post link's target may name, relative to the site root or to the post's folder ('./'), in the order the generator tries them. */
function postCandidates(generator: string, target: string): string[] {
  const clean = target.replace(/^["']|["']$/g, '').replace(/#.*$/, '');
  if (clean === '') return [];
  if (generator === 'hugo') {
    const paths = clean.startsWith('/') ? [joinPath('content', clean.slice(1))] : [`./${clean}`, joinPath('content', clean)];
    return paths.flatMap((p) => (/\.[a-z]+$/i.test(p) ? [p] : [...POST_EXTENSIONS.map((e) => p + e), `${p}/index.md`, `${p}/_index.md`]));
  }
  // Jekyll and its kin: `post_url` names a post by its file name without extension; `link` names a file from the site root.
  if (/\.[a-z]+$/i.test(clean)) return [clean.replace(/^\//, '')];
  const slash = clean.lastIndexOf('/');
  const folder = slash === -1 ? '' : clean.slice(0, slash);
  const name = clean.slice(slash + 1);
  return POST_EXTENSIONS.map((e) => joinPath(folder, `_posts/${name}${e}`)).concat(POST_EXTENSIONS.map((e) => `_posts/${clean}${e}`));
}

/**
 * A bare name (Hugo `ref "other"`, Jekyll `post_url 2021-01-01-news`) names
 * the one post of that file or bundle name anywhere in the content: a glob
 * for it, or undefined for a path.
 */
function postSearch(generator: string, target: string): string | undefined {
  const name = target.replace(/^["']|["']$/g, '').replace(/#.*$/, '');
  if (name === '' || /[/\\*?{}[\]]/.test(name)) return undefined;
  if (generator === 'hugo') return /\.[a-z]+$/i.test(name) ? `content/**/${name}` : `content/**/{${name}.md,${name}.markdown,${name}.html,${name}/index.md}`;
  return `**/_posts/**/{${name}.md,${name}.markdown,${name}.html}`;
}

function templateCandidates(reference: TemplateReference): string[] {
  const name = reference.name.replace(/^["']|["']$/g, '');
  switch (reference.kind) {
    case 'shortcode':
      return [`layouts/shortcodes/${name}.html`, `layouts/_shortcodes/${name}.html`, `layouts/shortcodes/${name}.md`, `templates/shortcodes/${name}.html`, `templates/shortcodes/${name}.md`];
    case 'include':
      return [`_includes/${name}`, `./${name}`];
    case 'component': {
      const path = reference.importPath;
      // A package import (`@theme/Tabs`, `react`) has no file in the site to open.
      if (path === undefined) return [];
      const base = path.startsWith('@site/') ? path.slice('@site/'.length) : path.startsWith('.') ? `./${path}` : undefined;
      return base === undefined ? [] : COMPONENT_EXTENSIONS.map((e) => base + e);
    }
  }
}

/**
 * The resolvers of one preview. Their identity changes only when an answer
 * changes, so the renderer keeps its cached blocks meanwhile.
 */
export class TemplateLinks {
  private known = new Map<string, { readonly href: string } | null>();
  private readonly wanted = new Map<string, Lookup>();
  private scope: string | undefined;
  private current: TemplateResolvers | undefined;

  /** The resolvers for `document` in its site. */
  resolversFor(document: vscode.Uri, site: SiteContext | undefined): TemplateResolvers {
    const folder = vscode.workspace.getWorkspaceFolder(document)?.uri;
    const scope = `${document.toString()}\n${site?.site.generator ?? ''}\n${site?.site.root ?? ''}`;
    if (scope !== this.scope) {
      this.scope = scope;
      this.known = new Map();
      this.wanted.clear();
      this.current = undefined;
    }
    this.current ??= this.makeResolvers(document, folder, site);
    return this.current;
  }

  /** Forgets the references found missing (a file was created): they are looked up again at the next render. */
  forgetMissing(): void {
    let changed = false;
    for (const [key, value] of this.known) {
      if (value === null) {
        this.known.delete(key);
        changed = true;
      }
    }
    if (changed) this.current = undefined;
  }

  /** Looks up the references the last render asked for and did not know; true when one of them exists (render again). */
  async settle(): Promise<boolean> {
    if (this.wanted.size === 0) return false;
    const scope = this.scope;
    const batch = [...this.wanted];
    this.wanted.clear();
    let found = false;
    const results = await Promise.all(
      batch.map(async ([key, lookup]) => {
        for (const candidate of lookup.files) if (await exists(candidate)) return [key, candidate] as const;
        const found = lookup.search ? await vscode.workspace.findFiles(lookup.search, null, 1) : [];
        return [key, found[0]] as const;
      }),
    );
    if (scope !== this.scope) return false;
    const documentPath = this.scope?.split('\n')[0];
    for (const [key, target] of results) {
      if (target && documentPath !== undefined) {
        this.known.set(key, { href: relativeHref(vscode.Uri.parse(documentPath).path, target.path) });
        found = true;
      } else {
        this.known.set(key, null);
      }
    }
    // New answers: new resolver functions, so the renderer renders the blocks that asked.
    if (found && this.scope !== undefined) this.current = undefined;
    return found;
  }

  private makeResolvers(document: vscode.Uri, folder: vscode.Uri | undefined, site: SiteContext | undefined): TemplateResolvers {
    const root = folder && site ? (site.site.root === '' ? folder : vscode.Uri.joinPath(folder, site.site.root)) : undefined;
    const postFolder = vscode.Uri.joinPath(document, '..');
    const known = this.known;
    const toUris = (paths: readonly string[]): vscode.Uri[] =>
      paths.flatMap((p) => (p.startsWith('./') ? [vscode.Uri.joinPath(postFolder, p.slice(2))] : root ? [vscode.Uri.joinPath(root, p)] : []));
    const answer = (key: string, candidates: () => string[], search?: () => string | undefined): { readonly href: string } | undefined => {
      const value = known.get(key);
      if (value !== undefined) return value ?? undefined;
      if (document.scheme !== 'untitled' && !this.wanted.has(key)) {
        const glob = root ? search?.() : undefined;
        this.wanted.set(key, { files: toUris(candidates()), ...(root && glob ? { search: new vscode.RelativePattern(root, glob) } : {}) });
      }
      return undefined;
    };
    const generator = site?.site.generator ?? 'none';
    return {
      resolvePostLink: (target) => answer(`post\0${target}`, () => postCandidates(generator, target), () => postSearch(generator, target)),
      resolveTemplate: (reference) => answer(`${reference.kind}\0${reference.name}\0${reference.importPath ?? ''}`, () => templateCandidates(reference)),
    };
  }
}
