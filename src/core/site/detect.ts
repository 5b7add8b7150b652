// Finding the sites in a workspace folder: the folders a generator's config
// file marks (the folder itself, or one below it such as `docs/`), each read
// by its generator's model; every file belongs to the deepest site root that
// holds it, and a folder no generator claims gets the plain model.

import picomatch from 'picomatch';
import type { PostdeskConfig } from '../types';
import type { Classification, FileTimeSource, GeneratorId, GeneratorModel, PostRules, Site, SiteFiles } from './types';
import { GENERATORS } from './generators';
import { plainSite, POST_FOLDERS } from './generators/none';
import { basename, below, joinPath, parseConfigFile } from './util';

/** The `site` part of postdesk.config.json: any part of the detection, overridden. */
export interface SiteOverride {
  /** Which generator builds the site (`none` for none), instead of detecting it. */
  readonly generator?: GeneratorId;
  /** The site's root, relative to the config file's folder. */
  readonly root?: string;
  /** Globs (relative to the site root) of the files that are posts, whatever the generator says. */
  readonly posts?: readonly string[];
  /** Globs of the files that are pages. */
  readonly pages?: readonly string[];
  /** Front matter keys that date a post, tried before the generator's own. */
  readonly dateFields?: readonly string[];
  /** Where else a date may come from, after the fields, in order. */
  readonly dateSources?: readonly ('filename' | 'folder' | 'url' | FileTimeSource)[];
  /** Front matter keys whose true value makes a draft, added to the generator's. */
  readonly draftFields?: readonly string[];
}

export interface DetectOptions {
  /** The date fields of a folder without a generator (the `dateFields` setting). */
  readonly dateFields: readonly string[];
  readonly override?: SiteOverride;
  /** How deep below the folder a site root may sit. */
  readonly maxDepth?: number;
  readonly generators?: readonly GeneratorModel[];
}

export interface SiteSet {
  /** The sites found, shallowest root first; the plain model when none was. */
  readonly sites: readonly Site[];
  /** The site a file (path relative to the workspace folder) belongs to: the deepest root holding it. */
  siteFor(path: string): Site;
  /** The config files whose change alters the model (relative to the workspace folder). */
  readonly watchFiles: readonly string[];
  /** Content files beyond Markdown that the sites' generators read (globs relative to the workspace folder). */
  readonly contentGlobs: readonly string[];
  /** Generator config files that cannot be read as the generator reads them (a TOML or YAML syntax error), with why. */
  readonly problems: readonly ConfigProblem[];
}

export interface ConfigProblem {
  /** The config file, relative to the workspace folder. */
  readonly file: string;
  readonly message: string;
}

/** Folders never searched for a site root. */
const SKIP_DIRS = new Set(['node_modules', 'vendor', 'public', 'dist', 'build', '_site', 'resources', 'static', 'assets', 'themes']);
/** At most this many folders are listed looking for site roots: a content folder of 100,000 posts is never walked here. */
const MAX_LISTED_DIRS = 400;
/**
 * Below the depth where site roots are looked for, a folder without a
 * generator is still searched this deep for a posts folder (`_posts/`,
 * `posts/`, ...), outside the sites found: without one every Markdown file
 * would be a post.
 */
const POST_FOLDER_DEPTH = 8;

export async function detectSites(files: SiteFiles, options: DetectOptions): Promise<SiteSet> {
  const generators = options.generators ?? GENERATORS;
  const override = options.override;
  const maxDepth = options.maxDepth ?? 3;
  const found: Site[] = [];
  const notes: string[] = [];
  const problems: ConfigProblem[] = [];
  let postFolders = false;

  const forced = override?.generator;
  if (override?.root !== undefined || forced !== undefined) {
    const root = joinPath(override?.root ?? '');
    if (forced === 'none') {
      found.push(plainSite(root, options.dateFields, true, ['The generator is set to none in postdesk.config.json.']));
    } else {
      const entries = (await files.list(root)) ?? [];
      const names = entries.map((e) => e.name);
      const candidates = generators.filter((g) => forced === undefined || g.id === forced);
      for (const generator of candidates) {
        const site = await generator.detect(files, root, generator.markers.filter((m) => names.includes(m)));
        if (site) {
          found.push(site);
          break;
        }
      }
      if (found.length === 0) notes.push(`postdesk.config.json names ${forced ?? 'a site'} at "${root || '.'}", but its config could not be read there.`);
    }
  }
  if (found.length === 0) {
    let queue: { dir: string; inSite: boolean }[] = [{ dir: '', inSite: false }];
    let listed = 0;
    for (let depth = 0; depth <= Math.max(maxDepth, POST_FOLDER_DEPTH) && queue.length > 0; depth++) {
      // Deeper than site roots may sit, only a posts folder is looked for, and only until one is found.
      const rootsHere = depth <= maxDepth;
      if (!rootsHere && postFolders) break;
      const next: { dir: string; inSite: boolean }[] = [];
      for (const { dir, inSite } of queue) {
        if (!rootsHere && inSite) continue;
        if (listed++ >= MAX_LISTED_DIRS) break;
        const entries = await files.list(dir);
        if (!entries) continue;
        const names = entries.map((e) => e.name);
        let markers: string[] = [];
        let detected = false;
        for (const generator of rootsHere ? generators : []) {
          const present = generator.markers.filter((m) => names.includes(m));
          if (present.length === 0) continue;
          markers = [...markers, ...present];
          const site = await generator.detect(files, dir, present);
          if (site) {
            found.push(site);
            detected = true;
            break;
          }
        }
        // A generator's config that does not parse: the generator would refuse it, so the author is told where.
        const checked = detected ? [found[found.length - 1]?.configFile].filter((f): f is string => f !== undefined) : markers.map((m) => joinPath(dir, m));
        for (const file of new Set(checked)) {
          const problem = await configProblem(files, file);
          if (problem) problems.push(problem);
        }
        for (const entry of entries) {
          if (!entry.isDir) continue;
          const lower = entry.name.toLowerCase();
          if (POST_FOLDERS.has(lower) && !postFolders) {
            postFolders = true;
            if (!rootsHere) notes.push(`Posts folder found at ${joinPath(dir, entry.name)}/.`);
          }
          // A site may live in blog/ or news/; never in a folder of posts itself, nor in another site's content.
          if (entry.name.startsWith('.') || entry.name.startsWith('_') || SKIP_DIRS.has(lower) || lower === 'content') continue;
          next.push({ dir: joinPath(dir, entry.name), inSite: inSite || detected });
        }
      }
      queue = next;
    }
  }
  const sites = found.map((site) => (override ? applyOverride(site, override) : site));
  // The plain site that holds what no generator claims takes the overrides too (posts, pages, date fields and sources).
  const plain = (): Site => {
    const site = plainSite('', options.dateFields, postFolders, notes);
    return override ? applyOverride(site, override) : site;
  };
  const fallback = sites.find((s) => s.root === '') ?? plain();
  const all = sites.some((s) => s.root === '') ? sites : sites.length > 0 ? [fallback, ...sites] : [fallback];
  // Deepest root first, so the first site holding a path is the right one.
  const byDepth = [...all].sort((a, b) => b.root.length - a.root.length);
  return {
    sites: [...all].sort((a, b) => a.root.length - b.root.length || (a.root < b.root ? -1 : 1)),
    siteFor(path: string): Site {
      for (const site of byDepth) if (below(path, site.root) !== undefined) return site;
      return fallback;
    },
    watchFiles: [...new Set(all.flatMap((s) => s.watchFiles))],
    contentGlobs: [...new Set(all.flatMap((s) => s.contentGlobs ?? []))],
    problems,
  };
}

/** Why a TOML, YAML or JSON config file cannot be read, or undefined (JavaScript configs are read as text: no syntax is judged). */
async function configProblem(files: SiteFiles, file: string): Promise<ConfigProblem | undefined> {
  if (!/\.(toml|ya?ml|json)$/i.test(file)) return undefined;
  const text = await files.readText(file);
  if (text === undefined) return undefined;
  const parsed = parseConfigFile(basename(file), text);
  return parsed.error === undefined ? undefined : { file, message: parsed.error };
}

/**
 * The configuration with the sites' other content formats added to its
 * include globs, unless the author set their own include (then theirs stands).
 */
export function withSiteContent(config: PostdeskConfig, sites: SiteSet, defaults: PostdeskConfig): PostdeskConfig {
  const ownInclude = config.include.length !== defaults.include.length || config.include.some((glob, i) => glob !== defaults.include[i]);
  if (sites.contentGlobs.length === 0 || ownInclude) return config;
  return { ...config, include: [...config.include, ...sites.contentGlobs] };
}

/** A site with postdesk.config.json's `site` settings laid over the generator's. */
function applyOverride(site: Site, override: SiteOverride): Site {
  const posts = override.posts && override.posts.length > 0 ? picomatch([...override.posts], { dot: true }) : undefined;
  const pages = override.pages && override.pages.length > 0 ? picomatch([...override.pages], { dot: true }) : undefined;
  const rulesCache = new Map<PostRules, PostRules>();
  const extraSources = (override.dateSources ?? []).map((s) => (s === 'url' ? { kind: 'url-field' as const, keys: ['path', 'permalink', 'url', 'slug'] } : { kind: s }));
  const notes = [...site.notes, 'Overridden by the site settings of postdesk.config.json.'];
  return {
    ...site,
    notes,
    classify(path: string): Classification {
      const rel = below(path, site.root) ?? path;
      if (pages?.(rel)) return { kind: 'page', reason: 'page: matches site.pages in postdesk.config.json' };
      if (posts?.(rel)) return { kind: 'post', reason: 'post: matches site.posts in postdesk.config.json' };
      return site.classify(path);
    },
    rules(path: string, classification: Classification): PostRules {
      const base = site.rules(path, classification);
      let rules = rulesCache.get(base);
      if (!rules) {
        rules = {
          ...base,
          date: [...(override.dateFields ?? []).map((key) => ({ kind: 'field' as const, key })), ...base.date, ...extraSources],
          draftKeys: [...base.draftKeys, ...(override.draftFields ?? [])],
        };
        rulesCache.set(base, rules);
      }
      return rules;
    },
  };
}
