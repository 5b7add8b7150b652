// The Astro model: Markdown pages under `src/pages/` and the entries of the
// content collections that `src/content.config.*` defines, read as text.
//
// Followed: Astro 5 documentation (docs.astro.build: guides/content-collections,
// reference/content-loader-reference, guides/routing, reference/configuration)
// and the source of astro 6.0.5 for what it accepts: the glob loader's default id
// (github-slugger per path segment, `/index` dropped, a `slug` field wins), the
// content config names, and legacy `src/content/<name>/` collections (Astro 6
// refuses a legacy `src/content/config.*` unless `legacy.collectionsBackwardsCompat`).

import type { Classification, GeneratorModel, PostRules, Site, UrlFacts } from '../types';
import { basename, below, dirname, extension, joinPath, MARKDOWN_EXTENSIONS, neverContent, readFirstConfig, staticStringProperty, stem, stripComments, trimBaseUrl } from '../util';
import { siteFolder, staticDirsNote } from './resources';
import { balanced, globSet, literalString, literalStrings, objectEntries, stringEnd } from './jsSource';

/** github-slugger's `slug()`: lower case, punctuation dropped, spaces as `-`. */
export function githubSlug(segment: string): string {
  return segment
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

// ---------------------------------------------------------------------------
// The content config

interface CollectionDef {
  readonly name: string;
  /** Folder relative to the site root; undefined when the loader is not a readable glob. */
  readonly base?: string;
  readonly patterns?: readonly string[];
  readonly legacy: boolean;
  readonly data: boolean;
  readonly dateKey?: string;
  readonly dateKeys: readonly string[];
  readonly draft: boolean;
  /** No schema to read: every conventional date key is tried. */
  readonly guessDates?: boolean;
}

const DATE_TYPE = /(?:^|[^\w$])z\s*\.\s*(?:coerce\s*\.\s*)?date\s*\(|\.\s*(?:datetime|date)\s*\(/;
const PREFERRED_DATE = /^(?:pub(?:lish(?:ed)?)?_?date(?:time)?|date(?:time)?|published(?:_?at)?|created(?:_?at)?|posted(?:_?(?:at|on))?)$/i;
const SECONDARY_DATE = /updat|modif|edit|expir/i;

function schemaFields(def: string, source: string): { dateKeys: string[]; draft: boolean } | undefined {
  const entries = objectEntries(def);
  let schema = entries.get('schema');
  if (schema === undefined) return undefined;
  const ident = /^\s*([A-Za-z_$][\w$]*)\s*$/.exec(schema);
  if (ident && ident[1] !== 'z') {
    const decl = new RegExp(`(?:const|let|var)\\s+${ident[1]}\\s*=`).exec(source);
    if (!decl) return undefined;
    schema = source.slice(decl.index + decl[0].length, decl.index + decl[0].length + 4000);
  }
  const obj = /z\s*\.\s*object\s*\(\s*\{/.exec(schema);
  if (!obj) return undefined;
  const inside = balanced(schema, obj.index + obj[0].length - 1);
  if (inside === undefined) return undefined;
  const dateKeys: string[] = [];
  let draft = false;
  for (const [key, expr] of objectEntries(inside)) {
    if (DATE_TYPE.test(expr)) dateKeys.push(key);
    if (key === 'draft') draft = true;
  }
  return { dateKeys, draft };
}

/** An identifier's `const` initializer in the same file (one level), else the expression itself. */
export function resolveIdentifier(expr: string | undefined, source: string): string | undefined {
  const ident = expr === undefined ? null : /^\s*([A-Za-z_$][\w$]*)\s*$/.exec(expr);
  if (!ident) return expr;
  const decl = new RegExp(`(?:const|let|var)\\s+${ident[1]}\\s*(?::[^=]+)?=\\s*`).exec(source);
  if (!decl) return expr;
  const start = decl.index + decl[0].length;
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (c === '"' || c === "'" || c === '`') {
      i = stringEnd(source, i);
    } else if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') depth--;
    else if ((c === ';' || c === '\n') && depth === 0) return source.slice(start, i);
  }
  return source.slice(start);
}

function theDate(keys: readonly string[]): string | undefined {
  return keys.find((k) => PREFERRED_DATE.test(k)) ?? keys.find((k) => !SECONDARY_DATE.test(k));
}

function readContentConfig(source: string, root: string, srcDir: string, configFile: string, notes: string[]): CollectionDef[] {
  const text = stripComments(source);
  const defs = new Map<string, string>();
  const inline = new Map<string, string>();
  const re = /defineCollection\s*\(/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const inside = balanced(text, m.index + m[0].length - 1);
    if (inside === undefined) continue;
    const before = text.slice(Math.max(0, m.index - 200), m.index);
    const assigned = /(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*$/.exec(before);
    const keyed = /(?:["']([^"']+)["']|([A-Za-z_$][\w$]*))\s*:\s*$/.exec(before);
    const body = /^\s*\{/.test(inside) ? (balanced(inside, inside.indexOf('{')) ?? '') : '';
    if (assigned) defs.set(assigned[1], body);
    else if (keyed) inline.set(keyed[1] ?? keyed[2], body);
  }
  const exported = /collections\s*=\s*\{/.exec(text);
  const names = new Map<string, string>();
  if (exported) {
    const inside = balanced(text, exported.index + exported[0].length - 1) ?? '';
    for (const [name, expr] of objectEntries(inside)) {
      const ident = /^\s*([A-Za-z_$][\w$]*)\s*$/.exec(expr);
      const body = ident ? defs.get(ident[1]) : inline.get(name);
      if (body !== undefined) names.set(name, body);
      else notes.push(`${configFile}: the collection "${name}" is not a defineCollection() written in this file; its entries are not known.`);
    }
  } else notes.push(`${configFile}: no \`export const collections = { ... }\` found; no collection is known.`);

  const out: CollectionDef[] = [];
  for (const [name, body] of names) {
    const entries = objectEntries(body);
    const loader = resolveIdentifier(entries.get('loader'), text);
    const fields = schemaFields(body, text);
    const dateKeys = fields?.dateKeys ?? [];
    const dateKey = theDate(dateKeys);
    const draft = fields?.draft ?? false;
    if (!fields && entries.has('schema')) notes.push(`${configFile}: the schema of "${name}" is not a z.object({...}) readable as text; its date field is not known.`);
    const common = { name, dateKeys, draft, ...(dateKey ? { dateKey } : {}) };
    if (loader === undefined) {
      const data = literalString(entries.get('type')) === 'data';
      out.push({ ...common, base: joinPath(srcDir, 'content', name), patterns: ['**/*.{md,mdx,markdown,mdown,mkdn,mkd,mdwn}', '!**/_*/**', '!**/_*'], legacy: true, data });
      notes.push(`Collection "${name}": no loader, a legacy collection in ${joinPath(srcDir, 'content', name)}/ (Astro 6 needs legacy.collectionsBackwardsCompat for it).`);
      continue;
    }
    const globCall = /^\s*glob\s*\(/.exec(loader);
    if (globCall) {
      const args = balanced(loader, globCall[0].length - 1) ?? '';
      const opts = objectEntries(balanced(args, args.indexOf('{')) ?? '');
      const patterns = literalStrings(resolveIdentifier(opts.get('pattern'), text));
      const baseExpr = resolveIdentifier(opts.get('base'), text);
      const baseText = baseExpr === undefined ? '.' : literalString(baseExpr);
      if (patterns === undefined || baseText === undefined) {
        out.push({ ...common, legacy: false, data: false });
        notes.push(`Collection "${name}": the glob() ${patterns === undefined ? 'pattern' : 'base'} is not a string literal; its entries are not known.`);
        continue;
      }
      const base = joinPath(root, baseText.replace(/^\.\//, ''));
      out.push({ ...common, base, patterns, legacy: false, data: false });
      const kind = dateKey ? `posts dated by \`${dateKey}\`` : 'pages (its schema has no date field)';
      notes.push(`Collection "${name}": glob ${patterns.map((p) => `"${p}"`).join(', ')} in ${base || '.'}/: ${kind}${draft ? ', `draft` in its schema' : ''}.`);
      continue;
    }
    if (/^\s*file\s*\(/.test(loader)) {
      out.push({ ...common, legacy: false, data: true });
      notes.push(`Collection "${name}": a file() loader, data entries, not posts.`);
      continue;
    }
    out.push({ ...common, legacy: false, data: false });
    notes.push(`Collection "${name}": its loader (${loader.trim().slice(0, 40)}) cannot be read statically; its entries are not known.`);
  }
  return out;
}

// ---------------------------------------------------------------------------

const CONFIG_NAMES = ['astro.config.mjs', 'astro.config.js', 'astro.config.ts', 'astro.config.mts', 'astro.config.cjs'];
const CONTENT_CONFIGS = ['content.config.ts', 'content.config.js', 'content.config.mjs', 'content.config.mts'];
const LEGACY_CONFIGS = ['content/config.ts', 'content/config.js', 'content/config.mjs', 'content/config.mts'];
const ROUTE_FILES = ['[...slug].astro', '[slug].astro', '[...id].astro', '[id].astro'];

interface Collection extends CollectionDef {
  readonly matches?: (pathInBase: string) => boolean;
  readonly rules: PostRules;
  readonly kind: 'post' | 'page';
}

export const astroGenerator: GeneratorModel = {
  id: 'astro',
  markers: CONFIG_NAMES,
  async detect(files, root, found) {
    const config = await readFirstConfig(files, root, found, CONFIG_NAMES);
    if (!config) return undefined;
    const { configFile, source } = config;
    const notes: string[] = [`Astro site: ${configFile} (read as text, not run).`];
    const watchFiles = [configFile];

    const siteUrl = staticStringProperty(source, 'site');
    const base = staticStringProperty(source, 'base');
    const srcDirText = staticStringProperty(source, 'srcDir');
    const trailing = staticStringProperty(source, 'trailingSlash');
    if (/\bsite\s*:/.test(source) && siteUrl === undefined) notes.push('`site` is not a string literal in the config; URLs are given without the site address.');
    if (/\bbase\s*:/.test(stripComments(source)) && base === undefined) notes.push('`base` is not a string literal in the config; URLs assume the site is served from /.');
    const srcDir = joinPath(root, (srcDirText ?? './src').replace(/^\.\//, ''));
    if (srcDirText !== undefined) notes.push(`srcDir: ${srcDirText}.`);
    const baseUrl = trimBaseUrl((trimBaseUrl(siteUrl) ?? '') + (base && base !== '/' ? '/' + base.replace(/^\/+/, '') : ''));
    const slash = trailing === 'never' ? '' : '/';
    // Astro copies publicDir (`./public` by default) to the output root untouched (Astro 5 docs, reference/configuration#publicdir).
    const publicDirText = staticStringProperty(source, 'publicDir');
    if (/\bpublicDir\s*:/.test(stripComments(source)) && publicDirText === undefined) notes.push('`publicDir` is not a string literal in the config; public/ is assumed.');
    const publicDir = siteFolder(root, publicDirText ?? './public');
    const staticDirs = publicDir !== undefined ? [publicDir] : [];
    if (publicDir === undefined) notes.push(`publicDir ${publicDirText} is outside the site; not read.`);
    const staticNote = staticDirsNote(staticDirs);
    if (staticNote) notes.push(staticNote);
    // The config's site address and base, the values a page could show (Astro has no site variables in Markdown).
    const values = Object.create(null) as Record<string, unknown>;
    if (siteUrl !== undefined) values['site'] = siteUrl;
    if (base !== undefined) values['base'] = base;
    const pagesDir = joinPath(srcDir, 'pages');
    const contentDir = joinPath(srcDir, 'content');

    // The content config: the current name first, then the legacy one.
    let defs: CollectionDef[] = [];
    let contentConfig: string | undefined;
    for (const name of [...CONTENT_CONFIGS, ...LEGACY_CONFIGS]) {
      const p = joinPath(srcDir, name);
      const text = await files.readText(p);
      if (text === undefined) continue;
      contentConfig = p;
      defs = readContentConfig(text, root, srcDir, p, notes);
      break;
    }
    for (const name of [...CONTENT_CONFIGS, ...LEGACY_CONFIGS]) watchFiles.push(joinPath(srcDir, name));
    if (contentConfig === undefined) {
      const entries = (await files.list(contentDir)) ?? [];
      for (const e of entries) {
        if (!e.isDir || e.name.startsWith('_') || e.name.startsWith('.')) continue;
        defs.push({ name: e.name, base: joinPath(contentDir, e.name), patterns: ['**/*.{md,mdx,markdown,mdown,mkdn,mkd,mdwn}', '!**/_*/**', '!**/_*'], legacy: true, data: false, dateKeys: ['pubDate', 'date', 'publishDate'], dateKey: 'pubDate', draft: true, guessDates: true });
      }
      if (defs.length > 0) notes.push(`No content config: folders of ${contentDir}/ are legacy collections (${defs.map((d) => d.name).join(', ')}), their entries read as posts dated by \`pubDate\`, \`date\` or \`publishDate\` (no schema says which).`);
    }

    // A conventional route per collection: src/pages/<name>/[...slug].astro.
    const routed = new Set<string>();
    for (const d of defs) {
      const entries = await files.list(joinPath(pagesDir, d.name));
      if (entries?.some((e) => !e.isDir && ROUTE_FILES.includes(e.name))) routed.add(d.name);
    }
    if (routed.size > 0) notes.push(`Entry URLs assume ${[...routed].map((n) => `src/pages/${n}/[...slug].astro`).join(', ')} route${routed.size > 1 ? '' : 's'} each entry at /${routed.size > 1 ? '<collection>' : [...routed][0]}/<id>/ (the page code is not read).`);
    const unrouted = defs.filter((d) => !d.data && !routed.has(d.name)).map((d) => d.name);
    if (unrouted.length > 0) notes.push(`No conventional route for ${unrouted.join(', ')}: their URLs are made by page code and are not known.`);
    notes.push('Astro itself builds future-dated entries; whether a page lists them is up to the site code.');

    const baseRules = {
      caseInsensitiveKeys: false,
      publishedKeys: [] as string[],
      futureIsScheduled: false,
      titleFallback: ['heading', 'filename'] as const,
    };
    const collections: Collection[] = defs.map((d) => {
      const collectionBase = d.base;
      const url = routed.has(d.name) && collectionBase !== undefined ? (facts: UrlFacts) => entryUrl(facts, d.name, below(joinPath(root, facts.path), collectionBase) ?? '', slash) : undefined;
      const rules: PostRules = {
        ...baseRules,
        date: d.guessDates ? d.dateKeys.map((key) => ({ kind: 'field', key }) as const) : d.dateKey ? [{ kind: 'field', key: d.dateKey }] : [],
        draftKeys: d.draft ? ['draft'] : [],
        ...(url ? { url } : {}),
      };
      return { ...d, ...(d.patterns ? { matches: globSet(d.patterns) } : {}), rules, kind: d.dateKey && !d.data ? 'post' : 'page' };
    });
    const pageRules: PostRules = { ...baseRules, date: [], draftKeys: [], url: (facts) => pageUrl(below(joinPath(root, facts.path), pagesDir) ?? '', slash) };
    const fallbackRules: PostRules = { ...baseRules, date: [], draftKeys: [] };

    const classify = (path: string): Classification => {
      const inRoot = below(path, root);
      if (inRoot === undefined) return { kind: 'ignored', reason: 'Outside the Astro site' };
      const name = basename(path);
      if (!MARKDOWN_EXTENSIONS.has(extension(name))) return { kind: 'ignored', reason: 'Not a Markdown file' };
      const never = neverContent(inRoot);
      if (never !== undefined) return { kind: 'ignored', reason: `Not a post: ${never}` };
      for (const c of collections) {
        if (c.base === undefined || !c.matches) continue;
        const inBase = below(path, c.base);
        if (inBase === undefined || !c.matches(inBase)) continue;
        if (c.data) return { kind: 'ignored', reason: `Data entry of the Astro collection "${c.name}"`, collection: c.name };
        return c.kind === 'post'
          ? { kind: 'post', reason: `Astro post: entry of the collection "${c.name}", dated by \`${c.dateKey}\` (${contentConfig ?? 'src/content/'})`, collection: c.name }
          : { kind: 'page', reason: `Astro page: entry of the collection "${c.name}", whose schema has no date (${contentConfig ?? 'src/content/'})`, collection: c.name };
      }
      const inPages = below(path, pagesDir);
      if (inPages !== undefined) {
        if (inPages.split('/').some((p) => p.startsWith('_'))) return { kind: 'ignored', reason: 'Astro does not route files or folders of src/pages/ whose name starts with _' };
        return { kind: 'page', reason: `Astro Markdown page: routed from ${pagesDir}/` };
      }
      if (below(path, contentDir) !== undefined) return { kind: 'ignored', reason: 'In src/content/ but in no collection of the content config' };
      return { kind: 'ignored', reason: 'Astro renders Markdown only in src/pages/ and in content collections' };
    };

    const site: Site = {
      root,
      generator: 'astro',
      configFile,
      ...(baseUrl !== undefined ? { baseUrl } : {}),
      values,
      staticDirs,
      notes,
      watchFiles,
      classify,
      rules: (path, classification) => {
        if (classification.collection !== undefined) {
          const c = collections.find((x) => x.name === classification.collection);
          if (c) return c.rules;
        }
        return below(path, pagesDir) !== undefined ? pageRules : fallbackRules;
      },
    };
    return site;
  },
};

/** A file route: `about.md` → `/about/`, `blog/index.md` → `/blog/`. */
function pageUrl(inPages: string, slash: string): string {
  const parts = inPages.split('/');
  const last = stem(parts.pop() ?? '');
  if (last !== 'index') parts.push(last);
  return parts.length === 0 ? '/' : `/${parts.join('/')}${slash}`;
}

/** `/<collection>/<id>/`, the id being the `slug` field or the slugged path without extension. */
function entryUrl(facts: UrlFacts, collection: string, inBase: string, slash: string): string | undefined {
  const slug = facts.field('slug');
  let id: string;
  if (typeof slug === 'string' && slug !== '') id = slug;
  else {
    const dir = dirname(inBase);
    const segments = [...(dir === '' ? [] : dir.split('/')), stem(basename(inBase))];
    id = segments.map(githubSlug).join('/').replace(/\/index$/, '');
    if (id === 'index') id = '';
  }
  return `/${collection}/${id}${id === '' ? '' : slash}`;
}
