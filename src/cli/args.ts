// Command-line parsing: node:util parseArgs per command, so each command
// accepts only its own flags and a typo is a usage error naming the flag.
import { parseArgs } from 'node:util';
import { UsageError } from './io';
import { MAX_READ_SIZE } from './read';

export type CheckFormat = 'text' | 'json' | 'github' | 'sarif' | 'junit';
export type MinSeverity = 'info' | 'warning' | 'error';
export type ListFormat = 'text' | 'json';

interface Common {
  readonly paths: readonly string[];
  readonly configFile?: string;
  readonly maxFileSize?: number;
  /** Threads that read and analyse files (check, list, fix --dry-run); default: one per two cores (src/cli/workers.ts). */
  readonly jobs?: number;
}
export interface CheckCommand extends Common {
  readonly kind: 'check';
  readonly format: CheckFormat;
  readonly maxWarnings?: number;
  /** Findings below this level are hidden (and not counted). */
  readonly minSeverity: MinSeverity;
  /** Check the text on standard input as if it were the file at this path. */
  readonly stdinFilename?: string;
  /**
   * Only files changed since a git ref. `ref` is given with `--changed=REF`;
   * `refOrPath` is the word after a bare `--changed`, a ref if git knows it
   * and otherwise a path; with neither, the merge base with the default branch.
   */
  readonly changed?: { readonly ref?: string; readonly refOrPath?: string };
}
export interface ListCommand extends Common {
  readonly kind: 'list';
  readonly format: ListFormat;
  /** Pages and sections too, not only posts. */
  readonly pages: boolean;
}
export interface SiteCommand extends Common {
  readonly kind: 'site';
  readonly format: ListFormat;
}
export interface FixCommand extends Common {
  readonly kind: 'fix';
  readonly dryRun: boolean;
}
export type CommandName = 'check' | 'list' | 'fix' | 'site';
export type ParsedCommand =
  | CheckCommand
  | ListCommand
  | FixCommand
  | SiteCommand
  | { readonly kind: 'help'; readonly command?: CommandName }
  | { readonly kind: 'version' };

const COMMANDS: readonly CommandName[] = ['check', 'list', 'fix', 'site'];

type OptionSpec = { type: 'string' | 'boolean'; short?: string };
const COMMON_OPTIONS: Record<string, OptionSpec> = {
  config: { type: 'string', short: 'c' },
  'max-file-size': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};
/** For the commands that read files in worker threads. */
const JOBS_OPTION: Record<string, OptionSpec> = { jobs: { type: 'string', short: 'j' } };
const OPTIONS: Record<CommandName, Record<string, OptionSpec>> = {
  check: {
    ...COMMON_OPTIONS,
    ...JOBS_OPTION,
    format: { type: 'string', short: 'f' },
    'max-warnings': { type: 'string' },
    'min-severity': { type: 'string' },
    stdin: { type: 'boolean' },
    'stdin-filename': { type: 'string' },
    changed: { type: 'string' },
  },
  list: { ...COMMON_OPTIONS, ...JOBS_OPTION, format: { type: 'string', short: 'f' }, pages: { type: 'boolean' } },
  site: { ...COMMON_OPTIONS, format: { type: 'string', short: 'f' } },
  fix: { ...COMMON_OPTIONS, ...JOBS_OPTION, 'dry-run': { type: 'boolean', short: 'n' } },
};

export function parseCommandLine(argv: readonly string[]): ParsedCommand {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    if (topic !== undefined && !isCommand(topic)) throw new UsageError(`unknown command "${topic}"`);
    return topic === undefined ? { kind: 'help' } : { kind: 'help', command: topic };
  }
  if (first === '--version' || first === '-v' || first === '-V') return { kind: 'version' };
  if (first.startsWith('-')) throw new UsageError(`unknown option ${first.split('=')[0]} (expected a command: ${COMMANDS.join(', ')})`);
  if (!isCommand(first)) throw new UsageError(`unknown command "${first}" (expected one of: ${COMMANDS.join(', ')})`);

  const changedWord = first === 'check' ? changedRefWord(rest) : undefined;
  const values = parseFlags(first, first === 'check' ? bareChanged(rest) : rest);
  if (values.flags.help === true) return { kind: 'help', command: first };
  const common: Common = {
    paths: values.positionals,
    configFile: stringFlag(values.flags, 'config'),
    maxFileSize: optionalSize(stringFlag(values.flags, 'max-file-size')),
    ...optionalJobs(stringFlag(values.flags, 'jobs')),
  };
  switch (first) {
    case 'check':
      return checkCommand(common, values.flags, changedWord);
    case 'list':
      return { ...common, kind: 'list', format: oneOf(stringFlag(values.flags, 'format') ?? 'text', ['text', 'json'] as const, '--format'), pages: values.flags.pages === true };
    case 'site':
      return { ...common, kind: 'site', format: oneOf(stringFlag(values.flags, 'format') ?? 'text', ['text', 'json'] as const, '--format') };
    case 'fix':
      return { ...common, kind: 'fix', dryRun: values.flags['dry-run'] === true };
  }
}

function checkCommand(common: Common, flags: FlagValues, changedWord: { word: string; index: number } | undefined): CheckCommand {
  const stdin = flags.stdin === true;
  const stdinFilename = stringFlag(flags, 'stdin-filename');
  const changedFlag = stringFlag(flags, 'changed');
  if (stdin && stdinFilename === undefined) throw new UsageError('--stdin needs --stdin-filename <path> (the path decides the site and configuration, and names the findings)');
  if (!stdin && stdinFilename !== undefined) throw new UsageError('--stdin-filename is only used with --stdin');
  if (stdin && stdinFilename?.trim() === '') throw new UsageError('--stdin-filename needs a path');
  if (stdin && common.paths.length > 0) throw new UsageError('--stdin checks standard input: give no paths (the file is named by --stdin-filename)');
  if (stdin && changedFlag !== undefined) throw new UsageError('--stdin and --changed cannot be used together');
  let changed: CheckCommand['changed'];
  let paths = common.paths;
  if (changedFlag !== undefined) {
    if (changedWord !== undefined) {
      // The word after a bare --changed was parsed as the first path; it is a ref only if git knows it (decided when run).
      paths = paths.filter((_, i) => i !== changedWord.index);
      changed = { refOrPath: changedWord.word };
    } else {
      changed = changedFlag === '' ? {} : { ref: changedFlag };
    }
  }
  return {
    ...common,
    paths,
    kind: 'check',
    format: oneOf(stringFlag(flags, 'format') ?? 'text', ['text', 'json', 'github', 'sarif', 'junit'] as const, '--format'),
    maxWarnings: optionalCount(stringFlag(flags, 'max-warnings'), '--max-warnings'),
    minSeverity: oneOf(stringFlag(flags, 'min-severity') ?? 'info', ['info', 'warning', 'error'] as const, '--min-severity'),
    ...(stdin ? { stdinFilename } : {}),
    ...(changed ? { changed } : {}),
  };
}

/**
 * `--changed` takes an optional ref, which parseArgs cannot express: a bare
 * `--changed` becomes `--changed=` (no ref), and a word after it stays a
 * positional, remembered by changedRefWord.
 */
function bareChanged(args: readonly string[]): string[] {
  const end = args.indexOf('--');
  return args.map((arg, i) => (arg === '--changed' && (end === -1 || i < end) ? '--changed=' : arg));
}

/** The word right after a bare `--changed` (when it is not a flag), and its index among the positionals. */
function changedRefWord(args: readonly string[]): { word: string; index: number } | undefined {
  const at = args.lastIndexOf('--changed');
  const end = args.indexOf('--');
  if (at === -1 || (end !== -1 && at > end)) return undefined;
  const word = args[at + 1];
  if (word === undefined || word.startsWith('-')) return undefined;
  let index = 0;
  for (let i = 0; i < at; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('-')) {
      index++;
      continue;
    }
    // An option that takes a value (written apart from it) consumes the next word.
    const name = arg.startsWith('--') ? arg.slice(2) : Object.keys(OPTIONS.check).find((key) => arg === `-${OPTIONS.check[key]?.short ?? ''}`);
    if (name !== undefined && name !== 'changed' && OPTIONS.check[name]?.type === 'string') i++;
  }
  return { word, index };
}

function isCommand(name: string): name is CommandName {
  return (COMMANDS as readonly string[]).includes(name);
}

type FlagValues = Record<string, string | boolean | undefined>;

function parseFlags(command: CommandName, args: string[]): { flags: FlagValues; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: attachNegativeValues(OPTIONS[command], args), options: OPTIONS[command], allowPositionals: true, strict: true });
    return { flags: values as FlagValues, positionals };
  } catch (error) {
    throw new UsageError(describeParseError(command, error));
  }
}

/**
 * parseArgs refuses `--max-warnings -1` as "ambiguous" (the value looks like a
 * flag); a number after an option that takes a value is that option's value,
 * so it is joined (`--max-warnings=-1`) and then judged like any other value.
 */
function attachNegativeValues(options: Record<string, OptionSpec>, args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    const next = args[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : Object.keys(options).find((key) => arg === `-${options[key]?.short ?? ''}`);
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`--${name}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

// parseArgs' own messages are long and mention internals; keep the part that
// names the flag and say which command rejected it.
function describeParseError(command: CommandName, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const flag = /'(-[^']*)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag !== undefined) {
    return `unknown option ${flag} for "postdesk ${command}"`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag !== undefined) {
    // The flag reads like "-f, --format <value>": name it by its long form.
    const name = /--[\w-]+/.exec(flag)?.[0] ?? flag;
    if (/argument missing/.test(message)) return `option ${name} needs a value`;
    if (/ambiguous/.test(message)) return `option ${name} needs a value (write ${name}=VALUE for a value that starts with "-")`;
    return `option ${name} takes no value`;
  }
  return message.split('\n')[0] ?? message;
}

function stringFlag(flags: FlagValues, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`invalid value "${value}" for ${flag} (expected one of: ${allowed.join(', ')})`);
}

function optionalCount(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`invalid value "${value}" for ${flag} (expected a whole number ≥ 0)`);
  return Number(value.trim());
}

/** The most threads --jobs may ask for: more only costs memory. */
export const MAX_JOBS = 64;

function optionalJobs(value: string | undefined): { jobs?: number } {
  if (value === undefined) return {};
  const jobs = /^\s*\d+\s*$/.test(value) ? Number(value.trim()) : NaN;
  if (!(jobs >= 1 && jobs <= MAX_JOBS)) throw new UsageError(`invalid value "${value}" for --jobs (expected a whole number from 1 to ${MAX_JOBS})`);
  return { jobs };
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };

/** Parses `5242880`, `512k`, `5MB` (binary units, as the maxFileSize setting counts bytes). */
export function parseSize(value: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  if (!match) return undefined;
  const unit = SIZE_UNITS[(match[2] ?? '').toLowerCase()];
  if (unit === undefined) return undefined;
  const bytes = Math.floor(Number(match[1]) * unit);
  return bytes > 0 && Number.isSafeInteger(bytes) ? bytes : undefined;
}

function optionalSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const bytes = parseSize(value);
  if (bytes === undefined) throw new UsageError(`invalid value "${value}" for --max-file-size (expected bytes, e.g. 5242880, 512k or 5MB)`);
  if (bytes > MAX_READ_SIZE) {
    throw new UsageError(`invalid value "${value}" for --max-file-size (at most 256MB: a larger file cannot be read as one text)`);
  }
  return bytes;
}

export const USAGE = `Usage: postdesk <command> [paths...] [options]

Commands:
  check [paths...]   Report problems in posts (missing or invalid dates, stray markers, ...)
  list [paths...]    List posts, newest first (--pages: pages and sections too)
  fix [paths...]     Apply the safe fixes, writing each file in place
  site               Say which sites and generators were found, and why

With no paths, the configured content of the working directory is used
(postdesk.config.json in the working directory, or --config FILE).
Directories are walked with the include/exclude globs, keeping the files
the site's generator publishes (Hugo, Jekyll, Zola, Astro, Eleventy,
Docusaurus, Hexo, or plain Markdown); files named explicitly are always read.

Options:
  -f, --format <fmt>     check: text | json | github | sarif | junit (default text);
                         list, site: text | json
      --pages            list: pages and section pages too, each marked
      --max-warnings <n> check: exit 1 when there are more than n warnings (of those shown)
      --min-severity <level>  check: hide findings below info | warning | error
      --changed [<ref>]  check: only files changed since the git ref (default: the merge
                         base with origin/HEAD, main or master), untracked ones too;
                         write --changed=<ref> when a path follows
      --stdin            check: read the text from standard input ...
      --stdin-filename <path>  ... as the file at this path (its site and config; findings name it)
  -n, --dry-run          fix: print a unified diff and write nothing
  -c, --config <file>    read configuration from this file instead of ./postdesk.config.json
      --max-file-size <size>  skip files larger than this (bytes, or 512k, 5MB; default 5MB, at most 256MB)
  -j, --jobs <n>         check, list, fix --dry-run: read and check files on n threads
                         (default: one per two CPU cores; the output is the same either way)
  -h, --help             show this help
  -v, --version          print the version

Exit codes: 0 no errors (and warnings within --max-warnings), 1 problems found
or a file could not be written, 2 usage or configuration error.

In CI: SARIF for GitHub code scanning, JUnit for other systems, a GitHub Action
and a pre-commit hook: https://github.com/postdesk/postdesk/blob/main/docs/ci.md
`;
