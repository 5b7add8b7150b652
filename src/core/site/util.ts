// Small pure helpers every generator model shares: POSIX paths relative to a
// workspace folder, config files parsed as data (never run), values looked up
// with a generator's key case rules, and the files no generator publishes.

import { parse as parseToml, TomlDate } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import type { SiteFiles } from './types';

/** `a/b` joined with `c` → `a/b/c`; '' is the folder itself. */
export function joinPath(...parts: readonly string[]): string {
  return parts
    .flatMap((p) => p.split('/'))
    .filter((p) => p !== '' && p !== '.')
    .join('/');
}

/** The rest of `path` below `dir` ('' when equal), or undefined when `path` is not inside `dir`. */
export function below(path: string, dir: string): string | undefined {
  if (dir === '') return path;
  if (path === dir) return '';
  return path.startsWith(dir + '/') ? path.slice(dir.length + 1) : undefined;
}

/** The folder part of a path ('' for a top-level file). */
export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? '' : path.slice(0, i);
}

/** The last segment of a path. */
export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** A file name without its last extension: `2020-01-01-hello.md` → `2020-01-01-hello`. */
export function stem(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? name : name.slice(0, dot);
}

/** The last extension without the dot, lower case: `a.Markdown` → `markdown`. */
export function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

export type ConfigData = Readonly<Record<string, unknown>>;

export interface ParsedConfigFile {
  readonly data?: ConfigData;
  /** Why the file could not be read as data, in the author's terms. */
  readonly error?: string;
}

/**
 * A config file read as data by its extension (TOML, YAML, JSON). Objects
 * have no prototype, so a `__proto__` key is only a key. TOML dates become
 * their ISO text.
 */
export function parseConfigFile(name: string, text: string): ParsedConfigFile {
  const ext = extension(name);
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    let raw: unknown;
    if (ext === 'toml') raw = parseToml(source);
    // logLevel 'error': a syntax error throws (the generator would refuse the file); warnings are never printed.
    else if (ext === 'yaml' || ext === 'yml') raw = parseYaml(source, { schema: 'core', logLevel: 'error', maxAliasCount: 100, uniqueKeys: false }) ?? {};
    else if (ext === 'json') raw = JSON.parse(source);
    else return { error: `${name} is not a TOML, YAML or JSON file` };
    const data = plainData(raw);
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return { error: `${name} does not hold a table of settings` };
    return { data: data as ConfigData };
  } catch (error) {
    const text = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { error: `${name} cannot be read: ${text}` };
  }
}

/** A deep copy with null-prototype objects and TOML dates as text. */
function plainData(value: unknown): unknown {
  if (value instanceof TomlDate) return value.toISOString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (Array.isArray(value)) return value.map(plainData);
  if (value !== null && typeof value === 'object') {
    const out = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = plainData(v);
    return out;
  }
  return value;
}

/** `data[key]`, comparing keys case-insensitively when asked (Hugo), own keys only. */
export function lookup(data: ConfigData | undefined, key: string, caseInsensitive = false): unknown {
  if (!data) return undefined;
  if (Object.prototype.hasOwnProperty.call(data, key)) return data[key];
  if (!caseInsensitive) return undefined;
  const lower = key.toLowerCase();
  for (const k of Object.keys(data)) if (k.toLowerCase() === lower) return data[k];
  return undefined;
}

/** A nested table, or undefined. */
export function table(data: ConfigData | undefined, key: string, caseInsensitive = false): ConfigData | undefined {
  const v = lookup(data, key, caseInsensitive);
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as ConfigData) : undefined;
}

export function stringValue(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

export function stringArray(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v)) return undefined;
  return v.filter((x): x is string => typeof x === 'string');
}

/** YAML/TOML booleans and the strings authors write for them. */
export function truthy(v: unknown): boolean {
  return v === true || (typeof v === 'string' && /^(true|yes|on)$/i.test(v.trim()));
}

export function falsy(v: unknown): boolean {
  return v === false || (typeof v === 'string' && /^(false|no|off)$/i.test(v.trim()));
}

/** A base URL without its trailing slash; undefined for an empty one. */
export function trimBaseUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const trimmed = url.trim().replace(/\/+$/, '');
  return trimmed === '' ? undefined : trimmed;
}

/**
 * Files that are never posts on any site: project documents and agent
 * instructions at any depth (compared case-insensitively, any extension).
 */
const NEVER_CONTENT_NAMES = new Set([
  'readme',
  'changelog',
  'changes',
  'history',
  'license',
  'licence',
  'copying',
  'contributing',
  'code_of_conduct',
  'code-of-conduct',
  'security',
  'support',
  'governance',
  'maintainers',
  'authors',
  'codeowners',
  'agents',
  'claude',
  'gemini',
  'copilot-instructions',
  'pull_request_template',
  'issue_template',
]);

/** Folders that hold no posts on any site (any depth). */
const NEVER_CONTENT_DIRS = new Set([
  'node_modules',
  '.git',
  '.github',
  '.gitlab',
  '.vscode',
  '.vscode-test',
  '.idea',
  '.cursor',
  '.claude',
  '_templates',
  'templates',
  'archetypes',
  '_site',
  'public',
  'dist',
  'build',
  '.next',
  '.astro',
  '.docusaurus',
  '.cache',
  'vendor',
]);

/** Why `path` (relative to anything) can never be a post, or undefined. */
export function neverContent(path: string): string | undefined {
  const parts = path.split('/');
  for (let i = 0; i < parts.length - 1; i++) {
    if (NEVER_CONTENT_DIRS.has(parts[i].toLowerCase())) return `in ${parts[i]}/, which holds no posts`;
  }
  const name = stem(parts[parts.length - 1]).toLowerCase();
  if (NEVER_CONTENT_NAMES.has(name)) return `${parts[parts.length - 1]} is a project document, not a post`;
  return undefined;
}

/** Markdown file extensions every generator here reads. */
export const MARKDOWN_EXTENSIONS: ReadonlySet<string> = new Set(['md', 'markdown', 'mdown', 'mkdn', 'mkd', 'mdx']);

/** `YYYY-MM-DD` followed by one of `separators` at the start of `name`. */
export function datePrefix(name: string, separators = '-'): { year: number; month: number; day: number; rest: string } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(.?)/.exec(name);
  if (!m) return undefined;
  if (m[4] !== '' && !separators.includes(m[4])) return undefined;
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), rest: name.slice(10 + m[4].length) };
}

/** Reads a JS/TS config's simple string property (`input: "src"`) statically; undefined when not written as a literal. */
export function staticStringProperty(source: string, key: string): string | undefined {
  const re = new RegExp(`(?:^|[\\s,{(])["']?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*:\\s*(["'\`])([^"'\`\\n]*)\\1`, 'm');
  const m = re.exec(stripComments(source));
  return m ? m[2] : undefined;
}

/** Removes `//` and `/* *\/` comments from JavaScript source, leaving strings alone (approximately: enough to read config literals). */
export function stripComments(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < source.length && source[j] !== c) {
        if (source[j] === '\\') j++;
        if (c !== '`' && source[j] === '\n') break;
        j++;
      }
      out += source.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end === -1 ? source.length : end + 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The first of `names` found in `root`, read as text (never run): undefined when none is there or it cannot be read. */
export async function readFirstConfig(files: SiteFiles, root: string, found: readonly string[], names: readonly string[]): Promise<{ configFile: string; source: string } | undefined> {
  const configName = names.find((n) => found.includes(n));
  if (configName === undefined) return undefined;
  const configFile = joinPath(root, configName);
  const source = await files.readText(configFile);
  return source === undefined ? undefined : { configFile, source };
}
