// Every sentence the engine says to an author, as an English template with
// named `{placeholders}`. The engine has no editor API, so it cannot translate;
// it fills the template in English (what the CLI, JSON output and tests see)
// and hands the template and its values along, so the editor can show the
// same sentence in the display language (vscode.l10n.t takes exactly this
// form). scripts/l10n-extract.ts collects these templates into the bundles.
//
// Keep every entry a plain string literal on its own `name: '…',` line: the
// extractor reads this file as text. Placeholder values are code or data the
// author wrote (a key, a date, a fence) and are never translated.

import type { MessageTemplate } from './types';

export const MESSAGES = {
  // What each rule checks (rules/table.ts; SARIF's rule descriptions)
  ruleFrontMatter: 'The front matter block cannot be read (YAML, TOML or JSON syntax error, or an unclosed block).',
  ruleMissingDate: 'The post has no date: none of the date fields, and no date in the file or folder name.',
  ruleInvalidDate: 'A date field holds something that is not a real date in a format Postdesk reads.',
  ruleStrayMarker: 'A line holding nothing but boilerplate copied from a web page, such as "Advertisement".',
  ruleFile: 'The file could not be checked: too large, binary, or not valid UTF-8.',

  // missing-date
  missingDateInFrontMatter: 'This post has no date: add a `{example}` field to its front matter.',
  missingDateNoFrontMatter: 'This post has no date: add front matter with a `{field}: YYYY-MM-DD` field (or start the file name with YYYY-MM-DD-).',
  insertFileNameDateIntoFrontMatter: "Insert the file name's date ({date}) into the front matter",
  insertFileNameDateIntoNewBlock: "Insert the file name's date ({date}) into a new front matter block",
  insertTodayIntoFrontMatter: "Insert today's date ({date}) into the front matter",
  insertTodayIntoNewBlock: "Insert today's date ({date}) into a new front matter block",

  // invalid-date
  invalidDateEmpty: "`{field}` is empty: write the post's date as YYYY-MM-DD.",
  invalidDateValue: '`{field}` is not a valid date: "{value}". Write it as YYYY-MM-DD (optionally with a time and offset, e.g. 2020-11-06T10:00:00-05:00).',
  replaceDateWith: 'Replace with {date}',
  useFileNameDate: "Use the file name's date ({date})",
  useTodaysDate: "Use today's date ({date})",

  // stray-marker
  strayMarker: 'Stray "{text}" line, left over from a copied web page: remove it.',
  removeStrayMarkerLine: 'Remove stray marker line',
  removeAllStrayMarkers: 'Remove all {count} stray markers in this file',

  // front-matter: the parsers' own error text is wrapped, not translated
  frontMatterUnclosed: 'The front matter block is never closed: add a line with `{fence}` after the last field.',
  frontMatterExecutable: 'Front matter in `{language}` is code and is never run: rewrite it as YAML (`---`), TOML (`+++`) or JSON.',
  frontMatterUnknownLanguage: 'Unknown front matter language `{language}`: use YAML (`---`), TOML (`+++`) or JSON (`---json`).',
  frontMatterNotMapping: 'Front matter must be a list of `key: value` fields.',
  yamlError: 'YAML: {error}',
  tomlError: 'TOML: {error}',
  jsonError: 'JSON: {error}',
  jsonNotObject: 'JSON front matter must be an object of fields.',
  jsonCloseNotAlone: 'JSON front matter must end with `}` on its own line.',
  frontMatterTooLarge: 'The front matter is {size}, over the {limit} limit: it is not read. Keep its fields short and move long text into the body.',
  yamlCollectionKey: 'YAML reads `{key}` as a key that is itself a list or mapping, which front matter cannot use: if it is text (a template tag, say), put it in quotes.',

  // file
  fileTooLarge: 'File is {size}, over the {limit} limit (maxFileSize): not checked.',
  fileUtf16: 'File is UTF-16 encoded: Postdesk reads UTF-8 only. Save it as UTF-8 to check it.',
  fileBinary: 'File looks binary (it contains NUL bytes): not checked.',
  fileNotUtf8: 'File is not valid UTF-8: not checked. Save it as UTF-8 to check it.',

  // postdesk.config.json and the postdesk.* settings
  configNotObject: 'The {where} must be a JSON object.',
  configInvalidJson: '{file} is not valid JSON: {error}',
  configStringList: '`{key}` must be a list of strings.',
  configNotEmpty: '`{key}` must not be empty.',
  configNoEmptyStrings: '`{key}` must not contain empty strings.',
  configSeverityNotObject: '`severity` must be an object mapping rule ids to off, info, warning or error.',
  configUnknownRule: 'Unknown rule `{rule}` in `severity`: expected one of {rules}.',
  configSeverityValue: '`severity.{rule}` must be one of off, info, warning, error.',
  configMaxFileSize: '`maxFileSize` must be a whole number of bytes, at least 1024.',
  configUnknownKey: 'Unknown key `{key}`: expected include, exclude, dateFields, markers, severity, maxFileSize or site.',
  configMaxFileSizeTooLarge: '`maxFileSize` must be at most {limit} (256 MB): a larger file cannot be read as one text.',
  configSiteNotObject: "`site` must be an object: generator, root, posts, pages, dateFields, dateSources, draftFields.",
  configSiteGenerator: "`site.generator` must be one of {generators}.",
  configSiteRoot: "`site.root` must be a folder inside this file's folder.",
  configSiteDateSources: "`site.dateSources` may hold only {sources}.",
  configSiteUnknownKey: "Unknown key `{key}`: expected generator, root, posts, pages, dateFields, dateSources or draftFields.",
} as const;

export type MessageId = keyof typeof MESSAGES;

/** The `{name}` placeholders of a template, as a union of names (never for none). */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** The values a message needs: exactly its placeholders, checked when the engine is compiled. */
export type MessageArgs<K extends MessageId> = Readonly<Record<Placeholders<(typeof MESSAGES)[K]>, string | number>>;

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Fills `{name}` placeholders in one pass, the way vscode.l10n.t does: a value
 * is never searched for placeholders itself, and a name without a value stays
 * as written.
 */
export function formatMessage(template: string, args: Readonly<Record<string, string | number>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (Object.prototype.hasOwnProperty.call(args, name) ? String(args[name]) : whole));
}

/** The placeholder names of a template, sorted and without repeats. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))].sort();
}

/** A catalogue message in English, plus what the editor needs to say it in another language. */
export interface CatalogueText {
  readonly text: string;
  readonly template: MessageTemplate;
}

export function message<K extends MessageId>(id: K, args: MessageArgs<K>): CatalogueText {
  const template = MESSAGES[id];
  const values = args as Readonly<Record<string, string | number>>;
  return { text: formatMessage(template, values), template: { id, template, args: values } };
}
