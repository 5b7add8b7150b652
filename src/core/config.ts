// Defaults, validation and merging of Postdesk's configuration, shared by the
// CLI (postdesk.config.json) and the editor (settings + the same file).

import { message, type CatalogueText } from './messages';
import type { MessageTemplate, PostdeskConfig, RuleId, SeveritySetting } from './types';
import type { SiteOverride } from './site/detect';
import type { GeneratorId } from './site/types';
import { DEFAULT_SEVERITIES, RULE_IDS } from './rules/table';

export { RULE_IDS };
// The include/exclude matcher lives apart, so the read worker bundles it without the rest (contentMatcher.ts).
export { createContentMatcher } from './contentMatcher';

/** The most bytes one file may be read as (a string V8 can hold, a read Node can make): the ceiling of every maxFileSize. */
export const MAX_FILE_SIZE_LIMIT = 256 * 1024 * 1024;

/** What `severity` may set a rule to, in the order settings and the schema list them. */
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

export const DEFAULT_MARKERS: readonly string[] = [
  'Advertisement',
  'Advertisements',
  'Sponsored content',
  'Sponsored',
  'Story continues below advertisement',
  'Article continues below advertisement',
  'Continue reading below',
  'Scroll to continue with content',
  'Continue reading the main story',
  'Skip advertisement',
  'Ad',
];

export const DEFAULT_CONFIG: PostdeskConfig = {
  include: ['**/*.md', '**/*.markdown', '**/*.mdx'],
  exclude: ['**/node_modules/**', '**/.git/**', '**/_site/**', '**/public/**', '**/dist/**', '**/.vscode-test/**'],
  dateFields: ['date', 'publishDate', 'pubDate', 'published_at'],
  markers: DEFAULT_MARKERS,
  severity: DEFAULT_SEVERITIES,
  maxFileSize: 5 * 1024 * 1024,
};

export interface ConfigError {
  /** The offending key, dotted for nested ones (`severity.stray-marker`); empty for the whole file. */
  readonly key: string;
  /** English, with the file's name in front for a postdesk.config.json (the CLI prints it as is). */
  readonly message: string;
  /** The sentence alone, without the file name, for the editor to translate (see MessageTemplate). */
  readonly messageTemplate?: MessageTemplate;
}

function configError(key: string, said: CatalogueText): ConfigError {
  return { key, message: said.text, messageTemplate: said.template };
}

export interface ParsedConfig {
  readonly config: Partial<PostdeskConfig>;
  readonly errors: ConfigError[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function stringList(key: string, value: unknown, errors: ConfigError[], allowEmpty = true): string[] | undefined {
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
    errors.push(configError(key, message('configStringList', { key })));
    return undefined;
  }
  if (!allowEmpty && value.length === 0) {
    errors.push(configError(key, message('configNotEmpty', { key })));
    return undefined;
  }
  if (value.some((v) => v.trim() === '')) {
    errors.push(configError(key, message('configNoEmptyStrings', { key })));
    return undefined;
  }
  return value;
}

/** Validates an already parsed configuration object (also used for editor settings). */
export function validateConfigObject(raw: unknown, where = 'configuration'): ParsedConfig {
  const errors: ConfigError[] = [];
  const config: Partial<Mutable<PostdeskConfig>> = {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { config, errors: [configError('', message('configNotObject', { where }))] };
  }
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    switch (key) {
      case '$schema':
        break;
      case 'include':
      case 'exclude':
      case 'markers': {
        const list = stringList(key, value, errors, key !== 'include');
        if (list) config[key] = list;
        break;
      }
      case 'dateFields': {
        const list = stringList(key, value, errors);
        if (list) config.dateFields = list;
        break;
      }
      case 'severity': {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
          errors.push(configError(key, message('configSeverityNotObject', {})));
          break;
        }
        const severity: Partial<Record<RuleId, SeveritySetting>> = {};
        for (const [rule, level] of Object.entries(value as Record<string, unknown>)) {
          if (!(RULE_IDS as readonly string[]).includes(rule)) {
            errors.push(configError(`severity.${rule}`, message('configUnknownRule', { rule, rules: RULE_IDS.join(', ') })));
          } else if (typeof level !== 'string' || !(SEVERITY_SETTINGS as readonly string[]).includes(level)) {
            errors.push(configError(`severity.${rule}`, message('configSeverityValue', { rule })));
          } else {
            severity[rule as RuleId] = level as SeveritySetting;
          }
        }
        config.severity = severity as Record<RuleId, SeveritySetting>;
        break;
      }
      case 'site': {
        const site = validateSiteOverride(value, errors);
        if (site) config.site = site;
        break;
      }
      case 'maxFileSize':
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 1024 || !Number.isInteger(value)) {
          errors.push(configError(key, message('configMaxFileSize', {})));
        } else if (value > MAX_FILE_SIZE_LIMIT) {
          // One file is read as one string; larger reads abort Node.
          errors.push(configError(key, message('configMaxFileSizeTooLarge', { limit: MAX_FILE_SIZE_LIMIT })));
        } else {
          config.maxFileSize = value;
        }
        break;
      default:
        errors.push(configError(key, message('configUnknownKey', { key })));
    }
  }
  return { config, errors };
}

const GENERATOR_IDS: readonly GeneratorId[] = ['hugo', 'jekyll', 'zola', 'astro', 'eleventy', 'docusaurus', 'hexo', 'none'];
const DATE_SOURCES = ['filename', 'folder', 'url', 'file-mod-time', 'file-created', 'git', 'git-created'] as const;

/** The `site` object: each key checked, an unknown one named. */
function validateSiteOverride(value: unknown, errors: ConfigError[]): SiteOverride | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    errors.push(configError('site', message('configSiteNotObject', {})));
    return undefined;
  }
  const site: Mutable<SiteOverride> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const where = `site.${key}`;
    switch (key) {
      case 'generator':
        if (typeof v === 'string' && (GENERATOR_IDS as readonly string[]).includes(v)) site.generator = v as GeneratorId;
        else errors.push(configError(where, message('configSiteGenerator', { generators: GENERATOR_IDS.join(', ') })));
        break;
      case 'root':
        if (typeof v === 'string' && !v.split(/[\\/]/).includes('..')) site.root = v;
        else errors.push(configError(where, message('configSiteRoot', {})));
        break;
      case 'posts':
      case 'pages':
      case 'dateFields':
      case 'draftFields': {
        const list = stringList(where, v, errors);
        if (list) site[key] = list;
        break;
      }
      case 'dateSources': {
        const list = stringList(where, v, errors);
        if (list && list.every((s) => (DATE_SOURCES as readonly string[]).includes(s))) site.dateSources = list as (typeof DATE_SOURCES)[number][];
        else if (list) errors.push(configError(where, message('configSiteDateSources', { sources: DATE_SOURCES.join(', ') })));
        break;
      }
      default:
        errors.push(configError(where, message('configSiteUnknownKey', { key: where })));
    }
  }
  return site;
}

/** Parses the text of a `postdesk.config.json`; errors name the bad key. */
export function parseConfigText(text: string, fileName: string): ParsedConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { config: {}, errors: [configError('', message('configInvalidJson', { file: fileName, error: (e as Error).message }))] };
  }
  const parsed = validateConfigObject(raw, fileName);
  return { config: parsed.config, errors: parsed.errors.map((e) => ({ ...e, message: `${fileName}: ${e.message}` })) };
}

/** Merges layers over the defaults; later layers win, severity is merged rule by rule. */
export function resolveConfig(...layers: Partial<PostdeskConfig>[]): PostdeskConfig {
  let result: PostdeskConfig = DEFAULT_CONFIG;
  for (const layer of layers) {
    result = {
      include: layer.include ?? result.include,
      exclude: layer.exclude ?? result.exclude,
      dateFields: layer.dateFields ?? result.dateFields,
      markers: layer.markers ?? result.markers,
      severity: { ...result.severity, ...(layer.severity ?? {}) },
      maxFileSize: layer.maxFileSize ?? result.maxFileSize,
      ...((layer.site ?? result.site) ? { site: layer.site ?? result.site } : {}),
    };
  }
  return result;
}

