// The Hexo model: `source/_posts/` posts, `source/_drafts/` drafts, the other
// Markdown of `source/` pages; dates, drafts and permalinks by `_config.yml`.
//
// Followed: Hexo 7/8 documentation (hexo.io/docs: configuration, writing,
// front-matter, permalinks) and the source of hexo 8.1.2: the default config,
// the post processor (`new_post_name` parsed for `:year`/`:month`/`:day`/`:title`
// when the front matter has no `date`, else the file's birth time; `published`;
// a front matter `permalink` as the post's path; `slug` set from the file name)
// and the post_permalink filter (`:title` is that slug, `:name` its last part).

import type { Classification, DateSourceSpec, GeneratorModel, PostRules, Site, UrlFacts } from '../types';
import { basename, below, extension, joinPath, lookup, parseConfigFile, neverContent, stem, stringArray, stringValue, table, trimBaseUrl } from '../util';
import type { ConfigData } from '../util';
import { globSet } from './jsSource';
import { staticDirsNote } from './resources';

/** Keys of Hexo's `_config.yml` that Jekyll's does not have. */
const HEXO_KEYS = ['new_post_name', 'post_asset_folder', 'source_dir', 'public_dir', 'render_drafts', 'default_layout', 'filename_case', 'skip_render', 'tag_dir', 'archive_dir', 'category_dir', 'code_dir', 'i18n_dir', 'permalink_defaults', 'pretty_urls', 'titlecase', 'external_link', 'default_category', 'updated_option'];

/** Extensions hexo-renderer-marked renders. */
const HEXO_MARKDOWN = new Set(['md', 'markdown', 'mkd', 'mkdn', 'mdwn', 'mdtxt', 'mdtext']);

interface NamePattern {
  readonly re: RegExp;
  readonly groups: readonly string[];
}

/** `:year-:month-:day-:title.md` as a RegExp over the path below `_posts/` without its extension. */
function namePattern(rule: string): NamePattern {
  const withoutExt = rule.slice(0, rule.length - (extension(rule) ? extension(rule).length + 1 : 0));
  const segments: Record<string, string> = { year: '(\\d{4})', month: '(\\d{2})', day: '(\\d{2})', i_month: '(\\d{1,2})', i_day: '(\\d{1,2})', hash: '([0-9a-f]{12})' };
  const groups: string[] = [];
  const re = withoutExt.replace(/:(\w+)|([.*+?^${}()|[\]\\])/g, (_all, name: string | undefined, special: string | undefined) => {
    if (special !== undefined) return `\\${special}`;
    groups.push(name ?? '');
    return segments[name ?? ''] ?? '([^\\/]+)';
  });
  return { re: new RegExp(`^${re}$`), groups };
}

function hasHexoEvidence(config: ConfigData, pkgText: string | undefined): string | undefined {
  const key = HEXO_KEYS.find((k) => lookup(config, k) !== undefined);
  if (key !== undefined) return `_config.yml has Hexo's \`${key}\``;
  if (pkgText !== undefined) {
    const pkg = parseConfigFile('package.json', pkgText).data;
    if (pkg && lookup(pkg, 'hexo') !== undefined) return 'package.json has a `hexo` section';
    for (const deps of ['dependencies', 'devDependencies']) if (lookup(table(pkg, deps), 'hexo') !== undefined) return `package.json has \`hexo\` in ${deps}`;
  }
  return undefined;
}

export const hexoGenerator: GeneratorModel = {
  id: 'hexo',
  markers: ['_config.yml'],
  async detect(files, root, found) {
    if (!found.includes('_config.yml')) return undefined;
    const configFile = joinPath(root, '_config.yml');
    const text = await files.readText(configFile);
    if (text === undefined) return undefined;
    const config = parseConfigFile('_config.yml', text).data;
    if (!config) return undefined;
    const pkgFile = joinPath(root, 'package.json');
    let evidence = hasHexoEvidence(config, await files.readText(pkgFile));
    if (evidence === undefined && (await files.list(root))?.some((e) => e.isDir && e.name === 'scaffolds')) evidence = 'a scaffolds/ folder (Hexo\'s post templates) next to _config.yml';
    // Jekyll reads `_config.yml` too: without Hexo's own keys or package this is not Hexo's.
    if (evidence === undefined) return undefined;
    const notes: string[] = [`Hexo site: ${evidence}.`];

    const sourceDir = joinPath(root, stringValue(lookup(config, 'source_dir')) ?? 'source');
    const postsDir = joinPath(sourceDir, '_posts');
    const draftsDir = joinPath(sourceDir, '_drafts');
    const newPostName = stringValue(lookup(config, 'new_post_name')) ?? ':title.md';
    const pattern = namePattern(newPostName);
    const permalink = stringValue(lookup(config, 'permalink')) ?? ':year/:month/:day/:title/';
    const permalinkDefaults = table(config, 'permalink_defaults');
    const prettyUrls = table(config, 'pretty_urls');
    const trailingIndex = lookup(prettyUrls, 'trailing_index') !== false;
    const trailingHtml = lookup(prettyUrls, 'trailing_html') !== false;
    const future = lookup(config, 'future') !== false;
    const timeZone = stringValue(lookup(config, 'timezone'));
    const defaultCategory = stringValue(lookup(config, 'default_category')) ?? 'uncategorized';
    const postAssetFolder = lookup(config, 'post_asset_folder') === true;
    const skipRender = stringArray(lookup(config, 'skip_render')) ?? [];
    const excluded = [...(stringArray(lookup(config, 'exclude')) ?? []), ...(stringArray(lookup(config, 'ignore')) ?? [])];
    const skipMatch = skipRender.length > 0 ? globSet(skipRender) : undefined;
    const excludeMatch = excluded.length > 0 ? globSet(excluded) : undefined;
    const included = stringArray(lookup(config, 'include')) ?? [];
    const includeMatch = included.length > 0 ? globSet(included, true) : undefined;
    const url = stringValue(lookup(config, 'url'));
    const baseUrl = trimBaseUrl(url);

    // Hexo copies the files of source/ it does not render as they are, and a theme's source/ below them
    // (Hexo 7 docs, setup and themes); files and folders starting with _ are not copied.
    const theme = stringValue(lookup(config, 'theme'));
    const staticDirs = [sourceDir, ...(theme && theme !== 'false' && !/[/\\]|\.\./.test(theme) ? [joinPath(root, 'themes', theme, 'source')] : [])];
    notes.push(staticDirsNote(staticDirs) ?? '');

    const dateSpecs: DateSourceSpec[] = [{ kind: 'field', key: 'date' }];
    const dated = pattern.groups.includes('year') && (pattern.groups.includes('month') || pattern.groups.includes('i_month')) && (pattern.groups.includes('day') || pattern.groups.includes('i_day'));
    if (dated && /^:year-:(?:i_)?month-:(?:i_)?day[-_]/.test(newPostName)) dateSpecs.push({ kind: 'filename', separators: '-_' });
    else if (dated && /^:year\/:(?:i_)?month\/:(?:i_)?day\//.test(newPostName)) dateSpecs.push({ kind: 'folder' });
    else if (dated) notes.push(`new_post_name "${newPostName}": its date is not read from file names by this model.`);
    notes.push(`new_post_name "${newPostName}"; permalink "${permalink}".`);
    notes.push(`Dates: front matter \`date\`${dated ? ', else the file name' : ''}, else the file's creation time (not read).`);
    notes.push(future ? 'future: true (Hexo\'s default): future-dated posts are published.' : 'future: false: future-dated posts are left out until their date.');
    if (timeZone) notes.push(`timezone: ${timeZone}.`);
    if (postAssetFolder) notes.push('post_asset_folder: true: a post\'s folder holds its assets; Markdown in it is still rendered as a post.');

    const rules: PostRules = {
      date: dateSpecs,
      caseInsensitiveKeys: false,
      draftKeys: [],
      publishedKeys: ['published'],
      futureIsScheduled: !future,
      titleFallback: ['heading', 'filename'],
      ...(timeZone ? { timeZone } : {}),
      url: (facts) => postUrl(facts, root, postsDir, draftsDir, pattern, permalink, permalinkDefaults, defaultCategory, postAssetFolder),
    };
    const pageRules: PostRules = {
      date: [{ kind: 'field', key: 'date' }],
      caseInsensitiveKeys: false,
      draftKeys: [],
      publishedKeys: [],
      futureIsScheduled: false,
      titleFallback: ['heading', 'filename'],
      ...(timeZone ? { timeZone } : {}),
      url: (facts) => {
        const inSource = below(joinPath(root, facts.path), sourceDir);
        if (inSource === undefined) return undefined;
        let p = inSource.slice(0, inSource.length - extension(inSource).length) + 'html';
        if (!trailingIndex) p = p.replace(/(^|\/)index\.html$/, '$1');
        if (!trailingHtml) p = p.replace(/\.html$/, '');
        return `/${p}`;
      },
    };

    const classify = (path: string): Classification => {
      const inSource = below(path, sourceDir);
      if (inSource === undefined) return { kind: 'ignored', reason: `Not in Hexo's source folder ${sourceDir}/` };
      if (!HEXO_MARKDOWN.has(extension(path))) return { kind: 'ignored', reason: 'Not a Markdown file Hexo renders' };
      const parts = inSource.split('/');
      if (excludeMatch?.(inSource)) return { kind: 'ignored', reason: `Excluded by exclude/ignore in ${configFile}` };
      const never = neverContent(inSource);
      if (never !== undefined) return { kind: 'ignored', reason: `Not a post: ${never}` };
      if (parts[0] === '_posts' || parts[0] === '_drafts') {
        // Below _posts/ and _drafts/, a file or folder starting with _ or . is hidden from the post processor.
        if (parts.slice(1).some((p) => p.startsWith('_') || p.startsWith('.'))) return { kind: 'ignored', reason: `Hexo skips files and folders starting with _ or . in ${parts[0]}/` };
      } else if (parts.some((p) => p.startsWith('_') || p.startsWith('.')) && !includeMatch?.(inSource)) {
        return { kind: 'ignored', reason: 'Hexo leaves out files and folders starting with _ or . in source/ (unless `include` names them)' };
      }
      if (parts[0] === '_posts') {
        if (skipMatch?.(inSource)) return { kind: 'ignored', reason: `skip_render in ${configFile}: copied, not rendered` };
        return { kind: 'post', reason: `Hexo post: in ${postsDir}/ (${configFile})` };
      }
      if (parts[0] === '_drafts') return { kind: 'post', reason: `Hexo draft: in ${draftsDir}/`, draftByLocation: true };
      if (skipMatch?.(inSource)) return { kind: 'ignored', reason: `skip_render in ${configFile}: copied, not rendered` };
      return { kind: 'page', reason: `Hexo page: in ${sourceDir}/, outside _posts/` };
    };

    const site: Site = {
      root,
      generator: 'hexo',
      configFile,
      ...(baseUrl !== undefined ? { baseUrl } : {}),
      values: config,
      staticDirs,
      notes,
      watchFiles: [configFile, pkgFile],
      classify,
      rules: (_path, classification) => (classification.kind === 'post' ? rules : pageRules),
    };
    return site;
  },
};

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Hexo's slugize with its defaults: special characters and spaces as `-`, case kept. */
function slugize(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'<>,.?/]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The post's path by `permalink` (a front matter `permalink` wins), or undefined when a token cannot be known. */
function postUrl(facts: UrlFacts, root: string, postsDir: string, draftsDir: string, pattern: NamePattern, permalink: string, defaults: ConfigData | undefined, defaultCategory: string, postAssetFolder: boolean): string | undefined {
  const path = joinPath(root, facts.path);
  const inPosts = below(path, postsDir) ?? below(path, draftsDir);
  if (inPosts === undefined) return undefined;
  const own = facts.field('permalink');
  if (typeof own === 'string' && own.trim() !== '') {
    let p = own.trim();
    if (postAssetFolder && !p.endsWith('/') && !p.endsWith('.html')) p += '/';
    return p.startsWith('/') ? p : `/${p}`;
  }
  const withoutExt = inPosts.slice(0, inPosts.length - extension(inPosts).length - 1);
  const m = pattern.re.exec(withoutExt);
  const slug = m ? (m[pattern.groups.indexOf('title') + 1] ?? withoutExt) : withoutExt;
  const d = facts.date;
  const categories = facts.field('categories') ?? facts.field('category');
  const list = Array.isArray(categories) ? categories.flat() : categories === undefined || categories === null ? [] : [categories];
  const lastCategory = list.length > 0 ? String(list[list.length - 1]) : defaultCategory;
  const title = facts.field('title');
  let unknown = false;
  const out = permalink.replace(/:(\w+)/g, (all, token: string) => {
    const fromDefaults = stringValue(lookup(defaults, token));
    switch (token) {
      case 'title':
        return slug;
      case 'name':
        return basename(slug);
      case 'post_title':
        return slugize(typeof title === 'string' ? title : stem(basename(slug))).toLowerCase();
      case 'category':
        return slugize(lastCategory);
      case 'year':
      case 'month':
      case 'day':
      case 'i_month':
      case 'i_day':
      case 'hour':
      case 'minute':
      case 'second': {
        if (!d) {
          unknown = true;
          return all;
        }
        const time = d.kind === 'datetime' ? d : { hour: 0, minute: 0, second: 0 };
        const values: Record<string, string> = { year: String(d.year), month: pad(d.month), day: pad(d.day), i_month: String(d.month), i_day: String(d.day), hour: pad(time.hour), minute: pad(time.minute), second: pad(time.second) };
        return values[token];
      }
      default: {
        const field = facts.field(token);
        if (typeof field === 'string' || typeof field === 'number') return String(field);
        if (fromDefaults !== undefined) return fromDefaults;
        unknown = true;
        return all;
      }
    }
  });
  if (unknown) return undefined;
  let p = out;
  if (postAssetFolder && !p.endsWith('/') && !p.endsWith('.html')) p += '/';
  return `/${p.replace(/^\/+/, '')}`;
}
