// Defaults, validation and merging of Postdesk's configuration, shared by the
// CLI (postdesk.config.json) and the editor (settings + the same file).

import picomatch from 'picomatch';
import type { PostdeskConfig, RuleId, SeveritySetting } from './types';

export const RULE_IDS: readonly RuleId[] = ['front-matter', 'missing-date', 'invalid-date', 'stray-marker', 'file'];
const SEVERITIES: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

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
  severity: {
    'front-matter': 'error',
    'missing-date': 'warning',
    'invalid-date': 'warning',
    'stray-marker': 'warning',
    file: 'warning',
  },
  maxFileSize: 5 * 1024 * 1024,
};

export interface ConfigError {
  /** The offending key, dotted for nested ones (`severity.stray-marker`); empty for the whole file. */
  readonly key: string;
  readonly message: string;
}

export interface ParsedConfig {
  readonly config: Partial<PostdeskConfig>;
  readonly errors: ConfigError[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function stringList(key: string, value: unknown, errors: ConfigError[], allowEmpty = true): string[] | undefined {
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
    errors.push({ key, message: `\`${key}\` must be a list of strings.` });
    return undefined;
  }
  if (!allowEmpty && value.length === 0) {
    errors.push({ key, message: `\`${key}\` must not be empty.` });
    return undefined;
  }
  if (value.some((v) => v.trim() === '')) {
    errors.push({ key, message: `\`${key}\` must not contain empty strings.` });
    return undefined;
  }
  return value;
}

/** Validates an already parsed configuration object (also used for editor settings). */
export function validateConfigObject(raw: unknown, where = 'configuration'): ParsedConfig {
  const errors: ConfigError[] = [];
  const config: Partial<Mutable<PostdeskConfig>> = {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { config, errors: [{ key: '', message: `The ${where} must be a JSON object.` }] };
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
          errors.push({ key, message: '`severity` must be an object mapping rule ids to off, info, warning or error.' });
          break;
        }
        const severity: Partial<Record<RuleId, SeveritySetting>> = {};
        for (const [rule, level] of Object.entries(value as Record<string, unknown>)) {
          if (!(RULE_IDS as readonly string[]).includes(rule)) {
            errors.push({ key: `severity.${rule}`, message: `Unknown rule \`${rule}\` in \`severity\`: expected one of ${RULE_IDS.join(', ')}.` });
          } else if (typeof level !== 'string' || !(SEVERITIES as readonly string[]).includes(level)) {
            errors.push({ key: `severity.${rule}`, message: `\`severity.${rule}\` must be one of off, info, warning, error.` });
          } else {
            severity[rule as RuleId] = level as SeveritySetting;
          }
        }
        config.severity = severity as Record<RuleId, SeveritySetting>;
        break;
      }
      case 'maxFileSize':
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 1024 || !Number.isInteger(value)) {
          errors.push({ key, message: '`maxFileSize` must be a whole number of bytes, at least 1024.' });
        } else {
          config.maxFileSize = value;
        }
        break;
      default:
        errors.push({
          key,
          message: `Unknown key \`${key}\`: expected include, exclude, dateFields, markers, severity or maxFileSize.`,
        });
    }
  }
  return { config, errors };
}

/** Parses the text of a `postdesk.config.json`; errors name the bad key. */
export function parseConfigText(text: string, fileName: string): ParsedConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { config: {}, errors: [{ key: '', message: `${fileName} is not valid JSON: ${(e as Error).message}` }] };
  }
  const parsed = validateConfigObject(raw, fileName);
  return { config: parsed.config, errors: parsed.errors.map((e) => ({ key: e.key, message: `${fileName}: ${e.message}` })) };
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
    };
  }
  return result;
}

/**
 * A predicate over paths relative to the project root (either separator):
 * included by some `include` glob and by no `exclude` glob.
 */
export function createContentMatcher(config: PostdeskConfig): (relativePath: string) => boolean {
  const options = { dot: true };
  const include = config.include.length > 0 ? picomatch([...config.include], options) : (): boolean => false;
  const exclude = config.exclude.length > 0 ? picomatch([...config.exclude], options) : (): boolean => false;
  return (relativePath: string): boolean => {
    const p = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
    return include(p) && !exclude(p);
  };
}
