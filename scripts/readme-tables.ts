// `npm run docs:tables`: writes the README's settings and commands tables
// from package.json and package.nls.json, between the
// `<!-- generated:settings -->` / `<!-- generated:commands -->` markers, so
// the README cannot drift from the manifest (a unit test runs `--check`).
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..');

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

function main(): number {
  const file = path.join(REPO_ROOT, 'README.md');
  const current = fs.readFileSync(file, 'utf8');
  const next = generatedReadme(current);
  if (process.argv.includes('--check')) {
    if (next !== current) console.error('README.md tables are out of date: run npm run docs:tables');
    return next === current ? 0 : 1;
  }
  if (next !== current) fs.writeFileSync(file, next);
  console.log(next === current ? 'README.md tables are up to date' : 'README.md tables updated');
  return 0;
}

if (require.main === module) process.exitCode = main();
