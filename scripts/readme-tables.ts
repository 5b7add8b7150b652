// `npm run docs:tables`: writes what is generated from another source of
// truth, so it cannot drift (unit tests compare each with what this makes;
// `--check` writes nothing and exits 1 when one is out of date):
// - from the rule table (src/core/rules/table.ts): the manifest's
//   `postdesk.severity` setting (one property per rule, and its default) and
//   the `severity` object of schemas/postdesk.config.schema.json;
// - from package.json and package.nls.json: the README's settings and
//   commands tables, between the `<!-- generated:settings -->` /
//   `<!-- generated:commands -->` markers.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_TABLE } from '../src/core/rules/table';
import { SEVERITY_SETTINGS } from '../src/core/config';

const REPO_ROOT = path.resolve(__dirname, '..');
export const MANIFEST_FILE = 'package.json';
export const SCHEMA_FILE = path.join('schemas', 'postdesk.config.schema.json');

type Json = Record<string, unknown>;

/** JSON as the repository writes it: two-space indent, a final line break (package.json and the schema round-trip exactly). */
const formatJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function objectAt(root: Json, keys: readonly string[], file: string): Json {
  let node: unknown = root;
  for (const key of keys) {
    node = (node as Json | undefined)?.[key];
    if (node === null || typeof node !== 'object' || Array.isArray(node)) throw new Error(`${file} has no object at ${keys.join('.')}`);
  }
  return node as Json;
}

/** package.json with `postdesk.severity`'s rule properties and default written from the rule table; every other key kept in place. */
export function generatedManifestText(text: string): string {
  const manifest = JSON.parse(text) as Json;
  const setting = objectAt(manifest, ['contributes', 'configuration', 'properties', 'postdesk.severity'], MANIFEST_FILE);
  setting.properties = Object.fromEntries(
    RULE_TABLE.map((rule) => [rule.id, { type: 'string', enum: [...SEVERITY_SETTINGS], default: rule.defaultSeverity }]),
  );
  setting.default = Object.fromEntries(RULE_TABLE.map((rule) => [rule.id, rule.defaultSeverity]));
  return formatJson(manifest);
}

/** The config schema with its `severity` properties written from the rule table. */
export function generatedSchemaText(text: string): string {
  const schema = JSON.parse(text) as Json;
  const severity = objectAt(schema, ['properties', 'severity'], SCHEMA_FILE);
  severity.properties = Object.fromEntries(RULE_TABLE.map((rule) => [rule.id, { $ref: '#/definitions/severity', default: rule.defaultSeverity }]));
  objectAt(schema, ['definitions', 'severity'], SCHEMA_FILE).enum = [...SEVERITY_SETTINGS];
  return formatJson(schema);
}

interface Setting {
  readonly type?: string | string[];
  readonly default?: unknown;
  readonly description?: string;
  readonly markdownDescription?: string;
  readonly enum?: readonly unknown[];
  readonly enumDescriptions?: readonly string[];
  readonly scope?: string;
}

interface ManifestForDocs {
  readonly contributes: {
    readonly commands: readonly { command: string; title: string; category?: string }[];
    readonly configuration: { readonly properties: Readonly<Record<string, Setting>> };
    readonly keybindings?: readonly { command: string; key: string; mac?: string }[];
    readonly menus?: Readonly<Record<string, readonly { command?: string; when?: string }[]>>;
  };
  readonly capabilities?: { readonly untrustedWorkspaces?: { readonly restrictedConfigurations?: readonly string[] } };
}

type Strings = Readonly<Record<string, string>>;

const cell = (text: string) => text.replace(/\r?\n+/g, ' ').replace(/\|/g, '\\|').trim();
const code = (text: string) => (text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``);

function localize(text: string | undefined, nls: Strings): string {
  if (!text) return '';
  const key = /^%(.+)%$/.exec(text)?.[1];
  return key ? (nls[key] ?? text) : text;
}

function formatDefault(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '`[]`' : value.map((v) => code(String(v))).join(', ');
  if (value && typeof value === 'object') return Object.entries(value).map(([k, v]) => `${code(k)}: ${code(String(v))}`).join(', ');
  if (value === '') return '`""`';
  return code(JSON.stringify(value).replace(/^"|"$/g, ''));
}

export function settingsTable(manifest: ManifestForDocs, nls: Strings): string {
  const restricted = new Set(manifest.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? []);
  const rows = Object.entries(manifest.contributes.configuration.properties).map(([key, s]) => {
    let description = localize(s.markdownDescription ?? s.description, nls);
    if (s.enum) {
      const values = s.enum.map((v, i) => {
        const about = s.enumDescriptions?.[i] ? `: ${localize(s.enumDescriptions[i], nls).replace(/\.$/, '')}` : '';
        return `${code(String(v))}${about}`;
      });
      description += ` One of ${values.join('; ')}.`;
    }
    if (restricted.has(key) && !/untrusted|restricted mode/i.test(description)) description += ' Not read in Restricted Mode.';
    return `| ${code(key)} | ${cell(formatDefault(s.default))} | ${cell(description)} |`;
  });
  return ['| Setting | Default | Description |', '| --- | --- | --- |', ...rows].join('\n');
}

/** Where a menu contribution shows up, in the words of the VS Code UI. */
const MENU_NAMES: Readonly<Record<string, string>> = {
  'editor/title': 'editor title bar',
  'view/title': 'Posts view title bar',
  'view/item/context': 'Posts view context menu',
};

export function commandsTable(manifest: ManifestForDocs, nls: Strings): string {
  const hidden = new Set((manifest.contributes.menus?.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command));
  const rows = manifest.contributes.commands.map((c) => {
    const title = `${c.category ? `${c.category}: ` : ''}${localize(c.title, nls)}`;
    const keys = (manifest.contributes.keybindings ?? [])
      .filter((k) => k.command === c.command)
      .map((k) => `${code(k.key)}${k.mac ? ` (macOS ${code(k.mac)})` : ''}`)
      .join(', ');
    const menus = manifest.contributes.menus ?? {};
    const places = [
      hidden.has(c.command) ? '' : 'Command Palette',
      ...Object.entries(MENU_NAMES).filter(([menu]) => (menus[menu] ?? []).some((m) => m.command === c.command)).map(([, name]) => name),
    ].filter(Boolean);
    const where = places.length > 0 ? places.join(', ') : 'clicking a post in the Posts view';
    return `| ${cell(title)} | ${code(c.command)} | ${keys} | ${where} |`;
  });
  return ['| Command | ID | Keys | Where |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** Replaces the text between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`. */
export function replaceGenerated(readme: string, name: string, content: string): string {
  const start = `<!-- generated:${name} -->`;
  const end = `<!-- /generated:${name} -->`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} block`);
  return `${readme.slice(0, from + start.length)}\n${content}\n${readme.slice(to)}`;
}

export function generatedReadme(readme: string, root = REPO_ROOT): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as ManifestForDocs;
  const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Strings;
  return replaceGenerated(replaceGenerated(readme, 'settings', settingsTable(manifest, nls)), 'commands', commandsTable(manifest, nls));
}

/** Each generated file and how to make it from its current text, in order: the README's tables read the manifest written before them. */
const GENERATED: readonly { readonly file: string; readonly generate: (text: string) => string }[] = [
  { file: MANIFEST_FILE, generate: generatedManifestText },
  { file: SCHEMA_FILE, generate: generatedSchemaText },
  { file: 'README.md', generate: (text) => generatedReadme(text) },
];

function main(): number {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const { file, generate } of GENERATED) {
    const full = path.join(REPO_ROOT, file);
    const current = fs.readFileSync(full, 'utf8');
    const next = generate(current);
    if (next === current) {
      console.log(`${file} is up to date`);
    } else if (check) {
      console.error(`${file} is out of date: run npm run docs:tables`);
      stale++;
    } else {
      fs.writeFileSync(full, next);
      console.log(`${file} updated`);
    }
  }
  return stale === 0 ? 0 : 1;
}

if (require.main === module) process.exitCode = main();
