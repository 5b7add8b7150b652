// Hugo's content: which folders are content roots and where a path sits in
// the content tree, the page bundles found by walking those folders once, and
// each file's classification (page, section page, bundle resource, left out).

import type { Classification, SiteFiles } from '../../types';
import { basename, below, dirname, extension, joinPath, neverContent, stem } from '../../util';
import type { ContentRoot, HugoSettings } from './config';

// ---------------------------------------------------------------------------
// Constants

/** File extensions Hugo reads as content (its content formats' media type suffixes). */
const CONTENT_EXTENSIONS: ReadonlySet<string> = new Set(['md', 'markdown', 'mdown', 'html', 'htm', 'adoc', 'asciidoc', 'ad', 'pandoc', 'pdc', 'rst', 'org']);

/**
 * Names `neverContent` takes for project documents that are ordinary pages of
 * a website when they sit in Hugo's content folder (Hugo's own documentation
 * has `content/en/about/security.md`): Hugo publishes them, so they stay pages.
 */
const WEBSITE_PAGE_NAMES: ReadonlySet<string> = new Set(['security', 'support', 'history', 'changes', 'governance', 'maintainers', 'authors']);

/** A Hugo project's other folders, said by name when a file in one is left out. */
const PROJECT_FOLDERS: Readonly<Record<string, string>> = {
  archetypes: 'archetype (a template for new content)',
  layouts: 'layout template',
  themes: 'theme',
  static: 'static file',
  assets: 'asset',
  data: 'data file',
  i18n: 'translation table',
  public: 'build output',
  resources: 'generated resource',
};

/** Folders walked at most to find page bundles, so a huge site cannot stall detection. */
export const MAX_WALKED_FOLDERS = 20_000;
const WALK_BATCH = 32;

// ---------------------------------------------------------------------------
// Page bundles: found by walking the content folders once, at detection.

export interface ContentTree {
  /** Leaf bundle folders (holding `index.<content ext>`), relative to the site root. */
  readonly leafBundles: ReadonlySet<string>;
  /** Folders holding an `_index.<content ext>` (branch bundles, nested sections), relative to the site root. */
  readonly branchBundles: ReadonlySet<string>;
  readonly complete: boolean;
}

/** `index` or `_index` with an optional language (`index.fr`), for a content file name; undefined otherwise. */
function indexKind(name: string, languages: ReadonlySet<string>): 'leaf' | 'branch' | undefined {
  if (!CONTENT_EXTENSIONS.has(extension(name))) return undefined;
  const base = translationBase(stem(name), languages).base;
  return base === 'index' ? 'leaf' : base === '_index' ? 'branch' : undefined;
}

function skippedFolder(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

export async function walkContent(files: SiteFiles, siteRoot: string, roots: readonly ContentRoot[], languages: ReadonlySet<string>): Promise<ContentTree> {
  const leafBundles = new Set<string>();
  const branchBundles = new Set<string>();
  let queue = roots.map((r) => r.dir);
  const seen = new Set<string>();
  let walked = 0;
  while (queue.length > 0) {
    const next: string[] = [];
    for (let i = 0; i < queue.length; i += WALK_BATCH) {
      const batch = queue.slice(i, i + WALK_BATCH).filter((d) => !seen.has(d));
      if (walked + batch.length > MAX_WALKED_FOLDERS) return { leafBundles, branchBundles, complete: false };
      walked += batch.length;
      for (const d of batch) seen.add(d);
      const listed = await Promise.all(batch.map((d) => files.list(joinPath(siteRoot, d))));
      batch.forEach((dir, j) => {
        const entries = listed[j];
        if (!entries) return;
        let leaf = false;
        for (const e of entries) {
          if (e.isDir) continue;
          const kind = indexKind(e.name, languages);
          if (kind === 'leaf') leaf = true;
          else if (kind === 'branch') branchBundles.add(dir);
        }
        if (leaf) leafBundles.add(dir);
        // Below a leaf bundle everything is a resource: no need to look.
        else for (const e of entries) if (e.isDir && !skippedFolder(e.name)) next.push(joinPath(dir, e.name));
      });
    }
    queue = next;
  }
  return { leafBundles, branchBundles, complete: true };
}

// ---------------------------------------------------------------------------
// Paths in the content tree

/** `post.fr` → base `post`, lang `fr` when `fr` is a configured language; otherwise the name as is. */
function translationBase(name: string, languages: ReadonlySet<string>): { base: string; lang?: string } {
  const dot = name.lastIndexOf('.');
  if (dot > 0) {
    const lang = name.slice(dot + 1).toLowerCase();
    if (languages.has(lang)) return { base: name.slice(0, dot), lang };
  }
  return { base: name };
}

/** Where a site-relative path sits in Hugo's content tree. */
export interface Located {
  readonly root: ContentRoot;
  /** The path inside the content tree (a mount's target included). */
  readonly inner: string;
}

export function locate(settings: HugoSettings, sitePath: string): Located | undefined {
  for (const root of settings.contentRoots) {
    const rest = below(sitePath, root.dir);
    if (rest === undefined || rest === '') continue;
    return { root, inner: root.target === '' ? rest : `${root.target}/${rest}` };
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Classification

function bundleOf(tree: ContentTree, sitePath: string, located: Located): string | undefined {
  // The nearest leaf bundle at or above the file's folder, within its content root.
  const rootLength = located.root.dir.length;
  let dir = dirname(sitePath);
  for (;;) {
    if (tree.leafBundles.has(dir)) return dir;
    if (dir.length <= rootLength) return undefined;
    dir = dirname(dir);
  }
}

/** The language a located file is built in. */
export function languageOf(settings: HugoSettings, located: Located): { lang: string; base: string } {
  const name = stem(basename(located.inner));
  const t = translationBase(name, settings.languages);
  return { lang: t.lang ?? located.root.lang ?? settings.defaultLanguage, base: t.base };
}

/** The classifier of one site's files (site-relative paths), its reasons built once per site. */
export function classifier(settings: HugoSettings, tree: ContentTree, configName: string): (sitePath: string) => Classification {
  // Reasons said for every file of a site: built once, or once per section.
  const notInContent: Classification = { kind: 'ignored', reason: `Not in Hugo's content folder (${configName})` };
  const projectFolders = new Map<string, Classification>(
    Object.entries(PROJECT_FOLDERS).map(([folder, what]) => [folder, { kind: 'ignored', reason: `Hugo ${what}, not content (${folder}/)` }]),
  );
  const hidden: Classification = { kind: 'ignored', reason: 'Hugo skips hidden and editor backup files' };
  const ignoredByConfig: Classification = { kind: 'ignored', reason: `Hugo ignores it (ignoreFiles in ${configName})` };
  const pageReasons = new Map<string, Classification>();
  const pageIn = (section: string | undefined): Classification => {
    const key = section ?? '';
    let c = pageReasons.get(key);
    if (!c) {
      c = section !== undefined ? { kind: 'post', reason: `Hugo page in section ${section}/ (${configName})`, collection: section } : { kind: 'post', reason: `Hugo page (${configName})` };
      pageReasons.set(key, c);
    }
    return c;
  };

  const classifyInSite = (sitePath: string): Classification => {
    const located = locate(settings, sitePath);
    if (!located) {
      const top = sitePath.indexOf('/');
      return (top === -1 ? undefined : projectFolders.get(sitePath.slice(0, top))) ?? notInContent;
    }
    const { inner } = located;
    const slash = inner.lastIndexOf('/');
    const name = slash === -1 ? inner : inner.slice(slash + 1);
    if (name.charCodeAt(0) === 0x2e /* . */ || name.charCodeAt(0) === 0x23 /* # */ || name.endsWith('~') || inner.includes('/.') || inner.charCodeAt(0) === 0x2e) return hidden;
    const ext = extension(name);
    if (!CONTENT_EXTENSIONS.has(ext)) return { kind: 'ignored', reason: `Not a content format Hugo reads (.${ext || name})` };
    const project = neverContent(name);
    if (project !== undefined && !WEBSITE_PAGE_NAMES.has(stem(name).toLowerCase())) return { kind: 'ignored', reason: project };
    if (settings.ignoreFiles.length > 0 && settings.ignoreFiles.some((re) => re.test('/' + sitePath))) return ignoredByConfig;
    const { lang, base } = languageOf(settings, located);
    if (settings.disabledLanguages.size > 0 && settings.disabledLanguages.has(lang)) return { kind: 'ignored', reason: `In language ${lang}, which ${configName} disables` };

    const innerDir = slash === -1 ? '' : inner.slice(0, slash);
    if (tree.leafBundles.size > 0) {
      const bundle = bundleOf(tree, sitePath, located);
      if (bundle !== undefined && !(base === 'index' && bundle === dirname(sitePath))) {
        return { kind: 'ignored', reason: `Hugo page resource of the bundle ${below(bundle, located.root.dir) || '(content root)'}/` };
      }
      if (bundle !== undefined) {
        return { kind: 'post', reason: `Hugo page: the leaf bundle ${innerDir || '(content root)'}/ (${configName})`, ...(innerDir === '' ? {} : { collection: innerDir.split('/')[0] }) };
      }
    }
    const firstSlash = innerDir.indexOf('/');
    const section = innerDir === '' ? undefined : firstSlash === -1 ? innerDir : innerDir.slice(0, firstSlash);
    if (base === '_index') {
      return { kind: 'section', reason: innerDir === '' ? 'Hugo home page (_index)' : `Hugo section page (_index) of ${innerDir}/`, ...(section !== undefined ? { collection: section } : {}) };
    }
    return pageIn(section);
  };

  return classifyInSite;
}
