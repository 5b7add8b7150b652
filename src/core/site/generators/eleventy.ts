// The Eleventy model: which Markdown templates of the input folder are posts
// (in a blog-like collection by the `tags` of their directory data), how
// Eleventy dates them and where it writes them.
//
// Followed: Eleventy 3.x documentation (11ty.dev/docs: config, ignores,
// data-template-dir, collections, dates, permalinks, data-eleventy-supplied) and
// the source of @11ty/eleventy 3.1.8 for what it accepts: ignore files
// (`.gitignore`, `.eleventyignore` in the project root and the input folder,
// lines relative to their file, a folder meaning all below it, no `!` lines),
// `page.fileSlug` (a `YYYY-MM-DD-` dropped, `index` → its folder), the default
// output `/<folder>/<file name>/` (`index` and a file named like its folder →
// the folder), and the date: the data cascade's `date`, else the first
// `YYYY-MM-DD` anywhere in the input path.

import type { Classification, DirEntry, FileTimeSource, GeneratorModel, PostRules, Site, SiteFiles } from '../types';
import { basename, below, dirname, extension, joinPath, neverContent, parseConfigFile, readFirstConfig, stringArray, stringValue, stripComments, trimBaseUrl, truthy } from '../util';
import { globToRegExp, literalBoolean, literalString, literalStrings, propertyExpression } from './jsSource';
import { staticDirsNote } from './resources';
import { passthroughDirs, readDirs, resolvePath } from './eleventy/configText';
import { eleventyUrl } from './eleventy/urls';

const CONFIG_NAMES = ['.eleventy.js', 'eleventy.config.js', 'eleventy.config.mjs', 'eleventy.config.cjs', 'eleventy.config.ts', 'eleventy.config.mts', 'eleventy.config.cts'];

/** Tags that make a collection of posts. */
const POST_TAGS = new Set(['post', 'posts', 'blog', 'blogpost', 'blogposts', 'blog-post', 'blog-posts', 'article', 'articles', 'news', 'journal', 'diary', 'notes', 'til']);

/** What a directory (or template) data file says, as far as this model cares. */
interface DataFacts {
  readonly tags?: readonly string[];
  /** A string, `false`, null when computed (not known), or undefined when not set. */
  readonly permalink?: string | false | null;
  readonly excluded?: boolean;
  /** Where the facts came from, for reasons. */
  readonly source?: string;
}

/** The cascade at one directory: tags merged from the folders above, the nearest permalink. */
interface Cascade {
  readonly tags: readonly string[];
  readonly tagSource?: string;
  readonly permalink?: string | false | null;
  readonly permalinkSource?: string;
  readonly excluded: boolean;
}

const EMPTY: Cascade = { tags: [], excluded: false };

function merge(parent: Cascade, own: DataFacts | undefined): Cascade {
  if (!own) return parent;
  const tags = own.tags && own.tags.length > 0 ? [...new Set([...parent.tags, ...own.tags])] : parent.tags;
  return {
    tags,
    ...(own.tags && own.tags.length > 0 ? { tagSource: own.source } : parent.tagSource !== undefined ? { tagSource: parent.tagSource } : {}),
    ...(own.permalink !== undefined ? { permalink: own.permalink, permalinkSource: own.source } : parent.permalink !== undefined ? { permalink: parent.permalink, permalinkSource: parent.permalinkSource } : {}),
    excluded: own.excluded ?? parent.excluded,
  };
}

/** A data file's facts: JSON parsed, JavaScript read as text. */
function dataFacts(name: string, text: string, source: string, notes: string[]): DataFacts | undefined {
  if (extension(name) === 'json') {
    const data = parseConfigFile(name, text).data;
    if (!data) return undefined;
    const permalink = data['permalink'];
    const excluded = data['eleventyExcludeFromCollections'];
    const computed = data['eleventyComputed'];
    const computedPermalink = computed !== null && typeof computed === 'object' && 'permalink' in computed;
    return {
      source,
      ...(stringArray(data['tags']) ? { tags: stringArray(data['tags']) } : {}),
      ...(computedPermalink ? { permalink: null } : permalink === false ? { permalink: false } : typeof permalink === 'string' ? { permalink } : {}),
      ...(excluded === true ? { excluded: true } : {}),
    };
  }
  // JavaScript data: the literal `tags`, `permalink` and `eleventyExcludeFromCollections` properties.
  const js = stripComments(text);
  const facts: { tags?: string[]; permalink?: string | false | null; excluded?: boolean; source: string } = { source };
  const tags = propertyExpression(js, 'tags');
  if (tags !== undefined) {
    const list = literalStrings(tags);
    if (list) facts.tags = list;
    else notes.push(`${source}: \`tags\` is not a literal, not read.`);
  }
  const permalink = propertyExpression(js, 'permalink');
  if (permalink !== undefined) {
    const s = literalString(permalink);
    if (s !== undefined) facts.permalink = s;
    else if (literalBoolean(permalink) === false) facts.permalink = false;
    else {
      facts.permalink = null;
      notes.push(`${source}: \`permalink\` is computed, not read; URLs below it are not known.`);
    }
  }
  if (literalBoolean(propertyExpression(js, 'eleventyExcludeFromCollections')) === true) facts.excluded = true;
  if (/\bdate\s*[:=]/.test(js)) notes.push(`${source} sets \`date\` in JavaScript; not read (a post's own \`date\` or file name still is).`);
  return facts;
}


/** Eleventy's reading of an ignore file: lines relative to its folder, a folder meaning all below it, `#` and `!` lines skipped. */
function ignoreLines(text: string, dir: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('#') && !l.startsWith('!'))
    .map((l) => joinPath(dir, l.replace(/^\.\//, '').replace(/^\/+/, '').replace(/\/+$/, '')));
}

interface IgnoreRule {
  readonly pattern: string;
  readonly from: string;
  readonly re: RegExp;
  readonly under: RegExp;
}

function ignoreRule(pattern: string, from: string): IgnoreRule {
  return { pattern, from, re: globToRegExp(pattern, true), under: globToRegExp(`${pattern}/**`, true) };
}

/** At most this many folders of the input folder are listed for directory data. */
const MAX_DATA_DIRS = 2000;

/** A folder's own directory data files: `<folder>.json`, `<folder>.11tydata.json`, `<folder>.11tydata.js`. */
async function ownData(files: SiteFiles, dir: string, entries: readonly DirEntry[], watchFiles: string[], notes: string[]): Promise<DataFacts | undefined> {
  const name = basename(dir);
  if (name === '') return undefined;
  let own: DataFacts | undefined;
  for (const candidate of [`${name}.json`, `${name}.11tydata.json`, `${name}.11tydata.js`, `${name}.11tydata.cjs`, `${name}.11tydata.mjs`]) {
    if (!entries.some((e) => !e.isDir && e.name === candidate)) continue;
    const p = joinPath(dir, candidate);
    watchFiles.push(p);
    const text = await files.readText(p);
    if (text === undefined) continue;
    const facts = dataFacts(candidate, text, p, notes);
    if (facts) own = own ? mergeFacts(own, facts) : facts;
  }
  return own;
}

/**
 * A template's own front matter joins or leaves a collection: its `tags` are
 * added to its folder's, `override:tags` replaces them, and
 * `eleventyExcludeFromCollections` leaves every collection (Eleventy 3 docs,
 * data deep merge and collections).
 */
function eleventyKindFromFrontMatter(field: (key: string) => unknown, classification: Classification): Classification | undefined {
  const tagsOf = (value: unknown): string[] | undefined => (typeof value === 'string' ? value.split(/[\s,]+/).filter((t) => t !== '') : stringArray(value));
  if (truthy(field('eleventyExcludeFromCollections'))) {
    return classification.kind === 'post' ? { kind: 'page', reason: 'Eleventy page: eleventyExcludeFromCollections in its front matter' } : undefined;
  }
  // `override:tags:` with nothing after it empties the tags (11ty.dev's blog listing page does so).
  const override = field('override:tags');
  const replaced = override === null ? [] : tagsOf(override);
  if (replaced !== undefined) {
    const tag = replaced.find((t) => POST_TAGS.has(t));
    if (tag) return classification.kind === 'post' ? undefined : { kind: 'post', reason: `Eleventy post: in the "${tag}" collection by its own override:tags` };
    return classification.kind === 'post' ? { kind: 'page', reason: 'Eleventy page: its own override:tags name no blog collection' } : undefined;
  }
  const own = tagsOf(field('tags'))?.find((t) => POST_TAGS.has(t));
  if (own && classification.kind !== 'post') return { kind: 'post', reason: `Eleventy post: in the "${own}" collection by its own front matter tags` };
  return undefined;
}

/** `date` values Eleventy reads as "from the file or git", not as dates (Eleventy 3 docs, content dates; compared lower-cased, as Template.getMappedDate does). */
const ELEVENTY_DATE_KEYWORDS: Readonly<Record<string, FileTimeSource>> = {
  created: 'file-created',
  'last modified': 'file-mod-time',
  'git created': 'git-created',
  'git last modified': 'git',
};

export const eleventyGenerator: GeneratorModel = {
  id: 'eleventy',
  markers: CONFIG_NAMES,
  async detect(files, root, found) {
    const config = await readFirstConfig(files, root, found, CONFIG_NAMES);
    if (!config) return undefined;
    const { configFile, source } = config;
    const js = stripComments(source);
    const notes: string[] = [];
    const watchFiles = [configFile];

    const dirs = readDirs(js, notes, configFile);
    let inputText = dirs.input;
    if (inputText === undefined) {
      // The input folder may be given on the command line of a package.json script.
      const pkg = parseConfigFile('package.json', (await files.readText(joinPath(root, 'package.json'))) ?? '{}').data;
      const scripts = pkg && typeof pkg['scripts'] === 'object' && pkg['scripts'] !== null ? Object.values(pkg['scripts'] as Record<string, unknown>) : [];
      for (const s of scripts) {
        const m = typeof s === 'string' ? /\beleventy\b[^&|;]*?--input[= ](["']?)([^\s"']+)\1/.exec(s) : null;
        if (m) {
          inputText = m[2];
          notes.push(`Input folder \`${inputText}\` from a package.json script's --input.`);
          break;
        }
      }
      watchFiles.push(joinPath(root, 'package.json'));
    }
    const input = resolvePath(root, inputText ?? '.');
    // includes, layouts and data are relative to the input folder (`../_includes` is common).
    const includes = resolvePath(input, dirs.includes ?? '_includes');
    const layouts = dirs.layouts !== undefined ? resolvePath(input, dirs.layouts) : undefined;
    const data = resolvePath(input, dirs.data ?? '_data');
    const output = resolvePath(root, dirs.output ?? '_site');
    const said = (key: keyof typeof dirs, dflt: string) => (dirs[key] !== undefined ? `${key} \`${dirs[key]}\`` : `${key} \`${dflt}\` (default)`);
    notes.unshift(`Eleventy site: ${configFile} read as text: ${said('input', '.')}, ${said('includes', '_includes')}, ${said('data', '_data')}, ${said('output', '_site')}${layouts ? `, layouts \`${dirs.layouts}\`` : ''}.`);

    // templateFormats: Markdown must be one of them.
    const formats = /templateFormats\s*[:(]\s*(\[[^\]]*\]|["'][^"']*["'])/.exec(js);
    const formatList = formats ? literalStrings(formats[1])?.flatMap((f) => f.split(',').map((x) => x.trim())) : undefined;
    const markdownOn = formatList === undefined || formatList.includes('md');
    if (!markdownOn) notes.push(`templateFormats (${formatList?.join(', ')}) leaves out md: Eleventy renders no Markdown here.`);

    // Ignores: Eleventy's defaults, the ignore files, the config's ignores.add().
    const ignores: IgnoreRule[] = [ignoreRule('**/node_modules', 'Eleventy default'), ignoreRule(joinPath(root, '.git'), 'Eleventy default')];
    if (below(output, input) !== undefined && output !== input) ignores.push(ignoreRule(output, 'the output folder'));
    const useGitIgnore = !/setUseGitIgnore\s*\(\s*false\s*\)/.test(js);
    const ignoreFiles = [...(useGitIgnore ? [joinPath(root, '.gitignore')] : []), joinPath(root, '.eleventyignore'), ...(input !== root ? [joinPath(input, '.eleventyignore')] : [])];
    for (const f of ignoreFiles) {
      watchFiles.push(f);
      const text = await files.readText(f);
      if (text === undefined) continue;
      const lines = ignoreLines(text, dirname(f));
      for (const l of lines) ignores.push(ignoreRule(l, f));
      if (lines.length > 0) notes.push(`${f}: ${lines.length} ignore pattern${lines.length > 1 ? 's' : ''}.`);
    }
    const added = /ignores\s*\.\s*add\s*\(\s*(["'`])([^"'`]+)\1\s*\)/g;
    for (let m = added.exec(js); m; m = added.exec(js)) ignores.push(ignoreRule(joinPath(root, m[2].replace(/^\.\//, '')), configFile));
    const deleted = /ignores\s*\.\s*delete\s*\(/.test(js);
    if (deleted) notes.push(`${configFile} removes ignores with ignores.delete(); not read.`);

    // The directory data cascade, walked once.
    const cascades = new Map<string, Cascade>();
    const fileData = new Map<string, DataFacts>();
    const isIgnoredDir = (p: string) => ignores.some((r) => r.re.test(p)) || p === includes || p === data || p === layouts || p === output;
    // Breadth first, within a budget: a folder not read inherits from the nearest one that was.
    let queue: { dir: string; parent: Cascade }[] = [{ dir: input, parent: EMPTY }];
    let listed = 0;
    while (queue.length > 0) {
      const next: { dir: string; parent: Cascade }[] = [];
      for (const { dir, parent } of queue) {
        if (listed++ >= MAX_DATA_DIRS) {
          notes.push(`Only the first ${MAX_DATA_DIRS} folders of ${input || '.'}/ were read for directory data; deeper folders inherit from the folders above them.`);
          next.length = 0;
          break;
        }
        const entries = await files.list(dir);
        if (!entries) continue;
        const cascade = merge(parent, await ownData(files, dir, entries, watchFiles, notes));
        cascades.set(dir, cascade);
        const name = basename(dir);
        for (const e of entries) {
          if (e.isDir) continue;
          const m = /^(.+?)\.11tydata\.(json|js|cjs|mjs)$/.exec(e.name);
          if (!m || m[1] === name) continue;
          const p = joinPath(dir, e.name);
          watchFiles.push(p);
          const text = await files.readText(p);
          const facts = text === undefined ? undefined : dataFacts(e.name, text, p, notes);
          if (facts) fileData.set(joinPath(dir, m[1]), facts);
        }
        for (const e of entries) {
          if (!e.isDir) continue;
          const p = joinPath(dir, e.name);
          if (isIgnoredDir(p) || neverContent(`${e.name}/x`) !== undefined) continue;
          next.push({ dir: p, parent: cascade });
        }
      }
      queue = next;
    }
    const postDirs = [...cascades].filter(([, c]) => !c.excluded && c.tags.some((t) => POST_TAGS.has(t)));
    const topPostDirs = postDirs.filter(([d]) => !postDirs.some(([o]) => o !== d && below(d, o) !== undefined));
    if (topPostDirs.length > 0) notes.push(`Posts: Markdown in ${topPostDirs.map(([d, c]) => `${d}/ (tags ${c.tags.map((t) => `"${t}"`).join(', ')} from ${c.tagSource})`).join('; ')}.`);
    else notes.push(`No directory data gives a blog-like tag (${[...POST_TAGS].slice(0, 4).join(', ')}, ...): every Markdown template is a page; a post tagged only in its own front matter is not seen.`);
    notes.push('A front matter `tags` or `eleventyExcludeFromCollections` of one post is not read by the path model.');
    notes.push('Dates: `date` (the keywords `Created`, `Last Modified`, `git Created`, `git Last Modified` read from the file and git where the caller knows them), else the first YYYY-MM-DD in the path, else the file creation time.');
    notes.push('Eleventy builds future-dated posts; `permalink: false` keeps a template from being written (shown as a draft).');

    if (/addDateParsing\s*\(/.test(js)) notes.push(`${configFile} parses dates with its own addDateParsing() code; not run: dates are read as written.`);
    const draftPlugin = /\bdraft\b/.test(js);
    if (draftPlugin) notes.push(`${configFile} mentions \`draft\`: \`draft: true\` read as a draft (Eleventy's drafts recipe).`);

    // A site address by convention: _data/metadata.json (or site.json) `url`.
    let baseUrl: string | undefined;
    for (const name of ['metadata.json', 'site.json', 'metadata.js', 'site.js']) {
      const p = joinPath(data, name);
      const text = await files.readText(p);
      if (text === undefined) continue;
      watchFiles.push(p);
      const u = name.endsWith('.json') ? stringValue(parseConfigFile(name, text).data?.['url']) : literalString(propertyExpression(stripComments(text), 'url'));
      if (u !== undefined && /^https?:\/\//.test(u)) {
        baseUrl = trimBaseUrl(u);
        notes.push(`Site address ${u} from ${p} (a convention, not an Eleventy setting).`);
        break;
      }
    }

    const staticDirs = passthroughDirs(js, root, input, configFile, notes);
    const staticNote = staticDirsNote(staticDirs);
    if (staticNote) notes.push(staticNote);

    // `{{ site.x }}` in a template: the global data file `_data/site.json` (YAML when the config adds the extension); JavaScript data is never run.
    const yamlData = /addDataExtension\s*\(\s*["'`][^"'`]*\bya?ml\b/.test(js);
    let values: Record<string, unknown> | undefined;
    for (const name of ['site.json', ...(yamlData ? ['site.yaml', 'site.yml'] : [])]) {
      const p = joinPath(data, name);
      watchFiles.push(p);
      const text = await files.readText(p);
      if (text === undefined || values !== undefined) continue;
      const parsed = parseConfigFile(name, text);
      if (parsed.data) {
        values = { ...parsed.data };
        notes.push(`Site values (\`site.*\`) from ${p}.`);
      } else if (parsed.error) notes.push(`${p}: ${parsed.error}; its values are not shown.`);
    }

    const cascadeOf = (dir: string): Cascade => {
      for (let d = dir; ; d = dirname(d)) {
        const c = cascades.get(d);
        if (c) return c;
        if (d === '' || d === input) return EMPTY;
      }
    };

    const classify = (path: string): Classification => {
      const inInput = below(path, input);
      if (inInput === undefined) return { kind: 'ignored', reason: `Outside Eleventy's input folder ${input || '.'}/` };
      if (extension(path) !== 'md') return { kind: 'ignored', reason: 'Not a Markdown template' };
      if (!markdownOn) return { kind: 'ignored', reason: `Eleventy renders no Markdown here (templateFormats in ${configFile})` };
      for (const r of ignores) if (r.re.test(path) || r.under.test(path)) return { kind: 'ignored', reason: `Ignored by Eleventy: "${r.pattern}" (${r.from})` };
      for (const [dir, what] of [[includes, 'includes'], [layouts, 'layouts'], [data, 'data']] as const) {
        if (dir !== undefined && below(path, dir) !== undefined) return { kind: 'ignored', reason: `In Eleventy's ${what} folder ${dir}/, not a page` };
      }
      if (output !== input && below(path, output) !== undefined) return { kind: 'ignored', reason: 'In the output folder' };
      const never = neverContent(inInput);
      if (never !== undefined) return { kind: 'ignored', reason: `Not a post: ${never}` };
      const cascade = merge(cascadeOf(dirname(path)), fileData.get(path.slice(0, -3)));
      const tag = cascade.excluded ? undefined : cascade.tags.find((t) => POST_TAGS.has(t));
      const unwritten = cascade.permalink === false;
      const unwrittenNote = unwritten ? `; not written: permalink: false (${cascade.permalinkSource})` : '';
      if (tag !== undefined) {
        return { kind: 'post', reason: `Eleventy post: in the "${tag}" collection by ${cascade.tagSource}${unwrittenNote}`, collection: tag, ...(unwritten ? { draftByLocation: true } : {}) };
      }
      const why = cascade.excluded ? 'eleventyExcludeFromCollections' : cascade.tags.length > 0 ? `its tags (${cascade.tags.join(', ')}) name no blog collection` : 'no directory data tags it as a post';
      return { kind: 'page', reason: `Eleventy page: ${why}${unwrittenNote}` };
    };

    const rules: PostRules = {
      // Eleventy dates a template with no date anywhere by its file's creation time.
      date: [{ kind: 'field', key: 'date', keywords: ELEVENTY_DATE_KEYWORDS }, { kind: 'folder' }, { kind: 'filename', separators: '-_. ' }, { kind: 'file-created' }],
      caseInsensitiveKeys: false,
      draftKeys: draftPlugin ? ['draft'] : [],
      publishedKeys: ['permalink'],
      futureIsScheduled: false,
      titleFallback: ['heading', 'filename'],
      // Eleventy reads a date without an offset as UTC.
      timeZone: 'UTC',
      // Template.getMappedDate: `Last Modified` is the stat's ctimeMs.
      modifiedIsChangeTime: true,
      url: (facts) => eleventyUrl(facts, root, input, (path: string) => fileData.get(path.slice(0, -3))?.permalink ?? cascadeOf(dirname(path)).permalink),
      kindFromFrontMatter: eleventyKindFromFrontMatter,
    };

    const site: Site = {
      root,
      generator: 'eleventy',
      configFile,
      ...(baseUrl !== undefined ? { baseUrl } : {}),
      ...(values !== undefined ? { values } : {}),
      staticDirs,
      notes,
      watchFiles: [...new Set(watchFiles)],
      classify,
      rules: () => rules,
    };
    return site;
  },
};

function mergeFacts(a: DataFacts, b: DataFacts): DataFacts {
  return {
    ...a,
    ...b,
    ...(a.tags || b.tags ? { tags: [...(a.tags ?? []), ...(b.tags ?? [])] } : {}),
  };
}
