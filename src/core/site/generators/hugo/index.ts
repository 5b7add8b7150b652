// The Hugo generator model, `hugoGenerator`: which folder is a Hugo site, which
// of its files are regular pages, section pages or bundle resources, and the
// rules that date, draft, schedule, expire and address a page the way Hugo
// does; its parts live in config.ts, content.ts, permalinks.ts and dates.ts.
//
// Follows the Hugo documentation (gohugo.io, current 0.14x: configuration,
// content organisation, page bundles, front matter dates, permalinks, URL
// management, multilingual) and reproduces hugo v0.111.3 (Debian's), which
// test/unit/site/hugo.compare.test.ts runs, where the two differ:
//  - `:contentbasename` and `:slugorcontentbasename` permalink tokens and
//    kind-keyed `[permalinks.page]` tables are newer than 0.111; both are read.
//  - `.mkd`, `.mdx` files are not content in Hugo (0.111 and now); `.adoc` is
//    content in current Hugo (and here) but not in 0.111, which reads `.ad`
//    and `.asciidoc` only.
//  - `config/_default/` and `config/production/` override the root hugo.toml
//    (0.111 checked: the config folder wins); `hugo` builds with the
//    production environment, so its folder is merged too.
//  - A page dated only by a `:filename` date keeps a zero publishDate in
//    0.111, so Hugo never schedules it; the engine (facts.ts) falls back to
//    the date and does. Said in the report, not fixed here.
//
// Pure: reads files only through SiteFiles, never runs a workspace file.

import type { Classification, GeneratorModel, PostRules, Site, SiteFiles } from '../../types';
import { below, joinPath, stringArray, stringValue, table, trimBaseUrl, truthy } from '../../util';
import { loadConfig, readSettings, ROOT_CONFIG_NAMES, weighEvidence } from './config';
import { classifier, MAX_WALKED_FOLDERS, walkContent } from './content';
import { dateSources } from './dates';
import { staticDirsNote } from '../resources';
import { hugoStaticDirs } from './static';
import { urlBuilder } from './permalinks';

// ---------------------------------------------------------------------------
// The model

/** `_build` (or `build`) `list: never` or `list: false`: Hugo renders the page but leaves it out of every list (Hugo docs, build options). */
function hugoUnlisted(field: (key: string) => unknown): string | undefined {
  const options = field('_build') ?? field('build');
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return undefined;
  const list = Object.entries(options as Record<string, unknown>).find(([k]) => k.toLowerCase() === 'list')?.[1];
  return list === 'never' || list === false || list === 'false' ? '_build: list: never' : undefined;
}

export const hugoGenerator: GeneratorModel = {
  id: 'hugo',
  markers: [...ROOT_CONFIG_NAMES, 'config'],

  async detect(files: SiteFiles, root: string, found: readonly string[]): Promise<Site | undefined> {
    const config = await loadConfig(files, root, found);
    const evidence = await weighEvidence(files, root, found, config);
    if (!evidence.isHugo) return undefined;

    const notes: string[] = [`Hugo site: ${evidence.why}`, ...config.notes];
    if (config.unreadable) notes.push('no config file could be read: Hugo\'s defaults assumed');
    const data = config.data;
    const settings = readSettings(data, notes);
    const configName = config.configFile ?? joinPath(root, 'config');

    notes.push(
      `content: ${settings.contentRoots.map((r) => (r.dir || '.') + '/' + (r.lang ? ` (${r.lang})` : '')).join(', ')}` +
        (settings.multilingual ? `; languages ${[...settings.languages].filter((l) => !settings.disabledLanguages.has(l)).join(', ')}, default ${settings.defaultLanguage}${settings.defaultInSubdir ? ' (in its own /' + settings.defaultLanguage + '/)' : ''}` : ''),
    );
    const theme = stringArray(data['theme']);
    if (theme && theme.length > 0) notes.push(`theme ${theme.join(', ')}: its config and content are not read`);
    if (Array.isArray(table(data, 'module')?.['imports'])) notes.push('module imports are not read: content they mount is not seen');
    if (settings.multilingual) {
      const perLanguageBase = [...settings.languages].some((code) => stringValue(table(table(data, 'languages'), code)?.['baseurl']) !== undefined);
      if (perLanguageBase) notes.push('per-language baseURL (multihost) is not modelled: URLs use the site baseURL');
    }

    const tree = await walkContent(files, root, settings.contentRoots, settings.languages);
    if (!tree.complete) notes.push(`more than ${MAX_WALKED_FOLDERS} content folders: page bundles below them are not known, their resources are read as pages`);

    // Date rules, once per site.
    const fileSources = new Set<string>();
    const fmTable = table(data, 'frontmatter');
    const gitInfo = truthy(data['enablegitinfo']);
    const date = dateSources(fmTable?.['date'], 'date', fileSources, gitInfo);
    const publish = dateSources(fmTable?.['publishdate'], 'publishdate', fileSources, gitInfo);
    const expiry = dateSources(fmTable?.['expirydate'], 'expirydate', fileSources, gitInfo);
    const lastmod = dateSources(fmTable?.['lastmod'], 'lastmod', new Set(), gitInfo);
    if (fileSources.has(':fileModTime')) notes.push('`:fileModTime`: the file\'s modification time, in the local time zone (read by the CLI; not in the web extension)');
    if (fileSources.has(':git')) {
      notes.push(
        gitInfo
          ? '`:git`: the author date of the file\'s last commit, with its own offset (enableGitInfo; read from git by the CLI and the desktop editor, not in the web extension or an untrusted workspace)'
          : '`:git` gives nothing without enableGitInfo = true: Hugo goes on to the next date source',
      );
    }
    if (fmTable) notes.push(`[frontmatter] dates: date from ${date.names.join(', ')}; publishDate from ${publish.names.join(', ')}`);
    const buildFuture = truthy(data['buildfuture']);
    const buildExpired = truthy(data['buildexpired']);
    if (buildFuture) notes.push('buildFuture: future pages are built, not scheduled');
    if (buildExpired) notes.push('buildExpired: expired pages are still built');
    if (truthy(data['builddrafts'])) notes.push('buildDrafts: drafts are built too; they are still shown as drafts');
    const timeZone = stringValue(data['timezone'])?.trim();
    /** The date lists whose `:filename` source sets the slug (Hugo: when the file name gives the date and no slug is written). */
    const slugChains = [date.names, publish.names, expiry.names, lastmod.names].filter((names) => names.includes(':filename'));

    const staticDirs = hugoStaticDirs(data, root, notes);
    const staticNote = staticDirsNote(staticDirs);
    if (staticNote) notes.push(staticNote);

    const classifyInSite = classifier(settings, tree, configName);
    const url = urlBuilder(settings, tree, slugChains);

    const rules: PostRules = {
      date: date.specs,
      publishDate: publish.specs,
      ...(buildExpired ? {} : { expiryDate: expiry.specs }),
      caseInsensitiveKeys: true,
      // Hugo reads front matter after blank lines at the top of the file.
      frontMatterAfterBlankLines: true,
      draftKeys: ['draft'],
      // Hugo reads an undocumented `published: false` as a draft (Jekyll's way), unless `draft` is also set.
      publishedKeys: ['published'],
      futureIsScheduled: !buildFuture,
      titleFallback: ['heading', 'filename'],
      unlistedBy: hugoUnlisted,
      url,
      ...(timeZone ? { timeZone } : {}),
    };

    return {
      root,
      generator: 'hugo',
      configFile: configName,
      ...(() => {
        const baseUrl = trimBaseUrl(stringValue(data['baseurl']));
        return baseUrl ? { baseUrl } : {};
      })(),
      values: data,
      staticDirs,
      notes,
      watchFiles: [...new Set(config.watch)],
      // Hugo builds HTML content files too; the walk reads Markdown only unless told.
      contentGlobs: settings.contentRoots.map((r) => `${joinPath(root, r.dir)}${joinPath(root, r.dir) === '' ? '' : '/'}**/*.{html,htm}`),
      classify(path: string): Classification {
        const sitePath = below(path, root);
        if (sitePath === undefined || sitePath === '') return { kind: 'ignored', reason: `Outside the Hugo site ${root || '.'}/` };
        return classifyInSite(sitePath);
      },
      rules(): PostRules {
        return rules;
      },
    };
  },
};
