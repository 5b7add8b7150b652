// The Zola model: which Markdown files under `content/` Zola makes pages and
// sections of, and how it dates, drafts and addresses them.
//
// Followed: Zola's documentation for 0.19/0.20 (getzola.org/documentation:
// content/overview, content/page, content/section, getting-started/configuration)
// and the site loader of zola's `components/site` (every `.md` but `_index.md` is
// a page, also next to a bundle's `index.md`; a drafted section skips its folder).

import type { Classification, GeneratorModel, PostRules, Site, SiteFiles, UrlFacts } from '../types';
import { basename, below, datePrefix, dirname, joinPath, lookup, neverContent, parseConfigFile, stem, stringValue, table, trimBaseUrl, truthy } from '../util';
import type { ConfigData } from '../util';
import { staticDirsNote } from './resources';

/** Zola's `slugify.paths` strategies. */
type SlugStrategy = 'on' | 'safe' | 'off';

/** Zola's default slugify (`slug::slugify`): ASCII, lower case, runs of anything else as one `-`. */
export function zolaSlugify(s: string, strategy: SlugStrategy): string {
  if (strategy === 'off') return s;
  // eslint-disable-next-line no-control-regex -- control characters are what `safe` removes
  if (strategy === 'safe') return s.replace(/[<>:"/\\|?*#\u0000-\u001f]/g, '').trim();
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A `_index.md` read while detecting: what the section says about its pages. */
interface SectionFacts {
  readonly sortBy?: string;
  readonly draft: boolean;
  readonly transparent: boolean;
}

const SECTION_DEPTH = 3;
/** At most this many folders of content/ are listed for `_index.md`: a site of a folder per post is not walked. */
const MAX_SECTION_DIRS = 300;

async function readSections(files: SiteFiles, contentDir: string, notes: string[]): Promise<Map<string, SectionFacts>> {
  const sections = new Map<string, SectionFacts>();
  let queue = [contentDir];
  let listed = 0;
  for (let depth = 0; depth <= SECTION_DEPTH && queue.length > 0; depth++) {
    const next: string[] = [];
    for (const dir of queue) {
      if (listed++ >= MAX_SECTION_DIRS) {
        notes.push(`Only the first ${MAX_SECTION_DIRS} folders of ${contentDir}/ were read for _index.md; a drafted section below them is not seen.`);
        queue = [];
        next.length = 0;
        break;
      }
      const entries = await files.list(dir);
      if (!entries) continue;
      if (entries.some((e) => !e.isDir && e.name === '_index.md')) {
        const text = await files.readText(joinPath(dir, '_index.md'));
        const fm = text ? frontMatterTable(text) : undefined;
        const sortBy = stringValue(lookup(fm, 'sort_by'));
        sections.set(dir, { ...(sortBy !== undefined ? { sortBy } : {}), draft: truthy(lookup(fm, 'draft')), transparent: truthy(lookup(fm, 'transparent')) });
      }
      // A page bundle's folder (index.md) holds assets and pages, never sections.
      if (entries.some((e) => !e.isDir && e.name === 'index.md')) continue;
      for (const e of entries) if (e.isDir && !e.name.startsWith('.')) next.push(joinPath(dir, e.name));
    }
    queue = next;
  }
  const sorted = [...sections].filter(([, s]) => s.sortBy !== undefined).map(([d, s]) => `${below(d, contentDir) || '(root)'}: sort_by = "${s.sortBy}"`);
  if (sorted.length > 0) notes.push(`Section sorting (${sorted.join('; ')}); a page without the sort key is left out of its section's list.`);
  const drafted = [...sections].filter(([, s]) => s.draft).map(([d]) => `${d}/`);
  if (drafted.length > 0) notes.push(`Drafted sections (draft = true in _index.md) hide their whole folder: ${drafted.join(', ')}.`);
  return sections;
}

/** The TOML (`+++`) or YAML (`---`) front matter of a section file, as data. */
function frontMatterTable(text: string): ConfigData | undefined {
  const m = /^\uFEFF?(\+\+\+|---)[ \t]*\r?\n([\s\S]*?)\r?\n\1[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return undefined;
  return parseConfigFile(m[1] === '+++' ? 'x.toml' : 'x.yaml', m[2]).data;
}

export const zolaGenerator: GeneratorModel = {
  id: 'zola',
  markers: ['config.toml'],
  async detect(files, root, found) {
    if (!found.includes('config.toml')) return undefined;
    const configFile = joinPath(root, 'config.toml');
    const text = await files.readText(configFile);
    if (text === undefined) return undefined;
    const parsed = parseConfigFile('config.toml', text);
    const config = parsed.data;
    if (!config) return undefined;
    // Zola requires `base_url`; Hugo's key is `baseURL` (any case): a file with that is not Zola's.
    const baseUrlValue = stringValue(lookup(config, 'base_url'));
    if (baseUrlValue === undefined) return undefined;
    if (Object.keys(config).some((k) => k !== 'base_url' && k.toLowerCase() === 'baseurl')) return undefined;

    const notes: string[] = [`Zola site: ${configFile} has base_url, Zola's required key.`];
    const contentDir = joinPath(root, 'content');
    const slugStrategy = readSlugStrategy(table(config, 'slugify'), notes);
    const languages = new Set(Object.keys(table(config, 'languages') ?? {}));
    const defaultLanguage = stringValue(lookup(config, 'default_language')) ?? 'en';
    languages.delete(defaultLanguage);
    if (languages.size > 0) notes.push(`Languages besides ${defaultLanguage}: ${[...languages].join(', ')} (\`page.<lang>.md\` is addressed under /<lang>/).`);
    const ignored = stringArrayOf(lookup(config, 'ignored_content'));
    const ignoredRes = ignored.map(simpleGlob);
    if (ignored.length > 0) notes.push(`ignored_content: ${ignored.join(', ')}.`);
    const sections = await readSections(files, contentDir, notes);
    const draftedDirs = [...sections].filter(([, s]) => s.draft).map(([d]) => d);
    notes.push('Dates: front matter `date`, else a YYYY-MM-DD prefix followed by `_` or `-` on the file or bundle folder name, else a date at the start of a `path` field.');
    notes.push('Zola builds future-dated pages like any other: a future date does not make a post scheduled.');

    // Zola copies static/ to the root of the output (Zola 0.19 docs, getting-started/directory-structure).
    const staticDirs = [joinPath(root, 'static')];
    notes.push(staticDirsNote(staticDirs) ?? '');

    const url = (facts: UrlFacts): string | undefined => zolaUrl(facts, slugStrategy, languages);
    const rules: PostRules = {
      date: [{ kind: 'field', key: 'date' }, { kind: 'filename', separators: '_-' }, { kind: 'url-field', keys: ['path'] }],
      caseInsensitiveKeys: false,
      draftKeys: ['draft'],
      publishedKeys: [],
      futureIsScheduled: false,
      titleFallback: ['heading', 'filename'],
      url,
    };
    const sectionRules: PostRules = { ...rules, date: [{ kind: 'field', key: 'date' }] };

    const classify = (path: string): Classification => {
      const inContent = below(path, contentDir);
      if (inContent === undefined || inContent === '') return { kind: 'ignored', reason: 'Not in content/, which Zola does not render' };
      const name = basename(path);
      if (!name.endsWith('.md')) return { kind: 'ignored', reason: 'Zola renders only .md files in content/' };
      if (inContent.split('/').some((p) => p.startsWith('.'))) return { kind: 'ignored', reason: 'Zola skips hidden files and folders' };
      const never = neverContent(inContent);
      if (never !== undefined) return { kind: 'ignored', reason: `Not a post: ${never}` };
      for (let i = 0; i < ignoredRes.length; i++) if (ignoredRes[i].test(inContent)) return { kind: 'ignored', reason: `Zola ignores it: ignored_content "${ignored[i]}" (${configFile})` };
      const dir = dirname(path);
      const draftedBy = draftedDirs.find((d) => below(dir, d) !== undefined);
      const collection = below(dir, contentDir) || undefined;
      if (name === '_index.md' || /^_index\.[a-z-]+\.md$/i.test(name)) {
        const s = sections.get(dir);
        const sort = s?.sortBy ? `, sort_by = "${s.sortBy}"` : '';
        return { kind: 'section', reason: `Zola section page (_index.md${sort})`, ...(collection ? { collection } : {}) };
      }
      const bundle = name === 'index.md' || /^index\.[a-z-]+\.md$/i.test(name) ? ` (the page bundle ${below(dir, contentDir)}/)` : '';
      const where = collection ? `in the section ${collection}/` : 'at the top of content/';
      return {
        kind: 'post',
        reason: draftedBy ? `Zola page ${where}: a draft, the section ${below(draftedBy, contentDir)}/ has draft = true` : `Zola page ${where}${bundle} (${configFile})`,
        ...(draftedBy ? { draftByLocation: true } : {}),
        ...(collection ? { collection } : {}),
      };
    };

    const site: Site = {
      root,
      generator: 'zola',
      configFile,
      ...(trimBaseUrl(baseUrlValue) !== undefined ? { baseUrl: trimBaseUrl(baseUrlValue) } : {}),
      // The whole config.toml, as Zola's templates see it (`config.extra.author`, `config.title`).
      values: config,
      staticDirs,
      notes,
      watchFiles: [configFile],
      classify,
      rules: (_path, classification) => (classification.kind === 'section' ? sectionRules : rules),
    };
    return site;
  },
};

function readSlugStrategy(slugify: ConfigData | undefined, notes: string[]): SlugStrategy {
  const v = stringValue(lookup(slugify, 'paths'));
  if (v === 'safe' || v === 'off') {
    notes.push(`slugify.paths = "${v}": file names are ${v === 'off' ? 'used as written' : 'kept, unsafe characters removed'} in URLs.`);
    return v;
  }
  return 'on';
}

function stringArrayOf(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Zola's `ignored_content` globs (matched against the path inside content/); `*` does not cross `/` unless doubled. */
function simpleGlob(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // A glob without a folder matches the file name at any depth.
  return new RegExp(glob.includes('/') ? `^${re}$` : `(?:^|/)${re}$`);
}

/** `[base_url]/<section folders>/<slug>/`, or `/<path>/` when the page sets `path`. */
function zolaUrl(facts: UrlFacts, strategy: SlugStrategy, languages: ReadonlySet<string>): string | undefined {
  const inContent = below(facts.path, 'content');
  if (inContent === undefined) return undefined;
  let name = stem(basename(inContent));
  let lang: string | undefined;
  const dot = name.lastIndexOf('.');
  if (dot > 0 && languages.has(name.slice(dot + 1))) {
    lang = name.slice(dot + 1);
    name = name.slice(0, dot);
  }
  const prefix = lang ? `/${lang}` : '';
  const folders = dirname(inContent).split('/').filter((p) => p !== '');
  if (facts.classification.kind === 'section') return `${prefix}/${folders.join('/')}${folders.length > 0 ? '/' : ''}`;
  const path = facts.field('path');
  if (typeof path === 'string' && path.trim() !== '') {
    const p = path.trim().replace(/^\/+/, '');
    return `${prefix}/${p}${p.endsWith('/') ? '' : '/'}`;
  }
  if (name === 'index') {
    // A page bundle: its folder names the page, the folders above it the section.
    name = folders.pop() ?? '';
    if (name === '') return `${prefix}/`;
  }
  const slugField = facts.field('slug');
  let slug: string;
  if (typeof slugField === 'string' && slugField.trim() !== '') slug = zolaSlugify(slugField.trim(), strategy);
  else {
    const dated = datePrefix(name, '_-');
    slug = zolaSlugify(dated && dated.rest !== '' ? dated.rest : name, strategy);
  }
  return `${prefix}/${[...folders, slug].join('/')}/`;
}
