// Reading the extension manifest and the sources for the manifest checks.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export interface CommandContribution {
  readonly command: string;
  readonly title?: string;
  readonly category?: string;
}

export interface SettingContribution {
  readonly type?: string | string[];
  readonly default?: unknown;
  readonly description?: string;
  readonly markdownDescription?: string;
  readonly enum?: unknown[];
  readonly enumDescriptions?: string[];
  readonly deprecationMessage?: string;
}

export interface Manifest {
  readonly name: string;
  readonly publisher: string;
  readonly version: string;
  readonly main?: string;
  readonly browser?: string;
  readonly l10n?: string;
  readonly engines: { readonly vscode: string };
  readonly devDependencies: Readonly<Record<string, string>>;
  readonly activationEvents?: readonly string[];
  readonly capabilities?: {
    readonly virtualWorkspaces?: boolean;
    readonly untrustedWorkspaces?: { readonly supported: boolean | 'limited'; readonly description?: string; readonly restrictedConfigurations?: readonly string[] };
  };
  readonly contributes: {
    readonly commands: readonly CommandContribution[];
    readonly configuration: { readonly title?: string; readonly properties: Readonly<Record<string, SettingContribution>> };
    readonly menus?: Readonly<Record<string, readonly { readonly command?: string; readonly when?: string }[]>>;
    readonly keybindings?: readonly { readonly command: string; readonly when?: string }[];
    readonly views?: Readonly<Record<string, readonly { readonly id: string; readonly when?: string }[]>>;
    readonly viewsWelcome?: readonly { readonly view: string; readonly when?: string }[];
  };
}

export function readJson<T>(relative: string): T {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, relative), 'utf8')) as T;
}

export function readManifest(): Manifest {
  return readJson<Manifest>('package.json');
}

/** Every TypeScript source under src/ with its repository-relative path. */
export function sources(dir = 'src'): { file: string; text: string }[] {
  const root = path.join(REPO_ROOT, dir);
  return fs
    .readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts'))
    .map((d) => path.join(d.parentPath, d.name))
    .sort()
    .map((file) => ({ file: path.relative(REPO_ROOT, file).split(path.sep).join('/'), text: fs.readFileSync(file, 'utf8') }));
}

/** Every string value in a JSON tree, with its JSON path (for `%key%` placeholders). */
export function stringsIn(value: unknown, at = '$'): { at: string; value: string }[] {
  if (typeof value === 'string') return [{ at, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsIn(v, `${at}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringsIn(v, `${at}.${k}`));
  return [];
}

/** Every `when` clause in the manifest, with where it sits. */
export function whenClauses(manifest: Manifest): { at: string; when: string }[] {
  const found: { at: string; when: string }[] = [];
  const walk = (value: unknown, at: string) => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${at}[${i}]`));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === 'when' && typeof v === 'string') found.push({ at, when: v });
        else walk(v, `${at}.${k}`);
      }
    }
  };
  walk(manifest.contributes, 'contributes');
  return found;
}
