// `npm run l10n:extract`: collects every `vscode.l10n.t('…')` string in src/
// into l10n/bundle.l10n.json (the English bundle VS Code loads for the
// `l10n` manifest field). Regex-based on purpose: the project's calls use a
// string literal as the first argument, and a call that does not (a variable,
// a template with `${}`) is reported so it cannot silently go untranslated.
// `--check` writes nothing and exits 1 when the bundle is out of date.
// The engine (src/core, no editor API) words its findings and fix titles as
// templates in one catalogue, src/core/messages.ts; those templates are
// collected too, since the editor translates them at run time through
// src/common/localize.ts (whose one `l10n.t(/* catalogue */ …)` call is the
// only non-literal message allowed).
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const L10N_DIR = path.join(REPO_ROOT, 'l10n');
export const ENGLISH_BUNDLE = path.join(L10N_DIR, 'bundle.l10n.json');
/** The engine's message catalogue, relative to the sources folder. */
export const CATALOGUE = path.join('core', 'messages.ts');
/** The editor helper that translates catalogue templates, relative to the sources folder. */
export const TRANSLATOR = 'common/localize.ts';

export interface L10nCall {
  readonly message: string;
  readonly file: string;
  readonly line: number;
}

export interface Extraction {
  readonly calls: readonly L10nCall[];
  /** Calls whose message is not a plain literal, as `file:line: why`. */
  readonly problems: readonly string[];
}

// `l10n.t(` followed by a '…', "…" or `…` literal, or by `{ message: '…'`.
const CALL = /\bl10n\.t\(\s*(?:\{\s*message\s*:\s*)?/g;
const LITERAL = /^(['"`])((?:\\[\s\S]|(?!\1)[^\\])*)\1/;
/** Marks the call that translates catalogue templates (collected from the catalogue instead). */
const CATALOGUE_CALL = /^\/\*\s*catalogue\s*\*\//;
/** One catalogue entry: `name: '…',` on its own line. */
const ENTRY = /^\s*([A-Za-z_$][\w$]*)\s*:\s*(['"`](?:\\[\s\S]|[^\\])*?['"`])\s*,\s*$/;

/** The runtime value of a JS string literal's body (the escapes the sources use). */
export function unescapeLiteral(body: string): string {
  return body.replace(/\\(u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|\r\n|[\s\S])/g, (_m, esc: string, cp?: string, u4?: string, x2?: string) => {
    if (cp) return String.fromCodePoint(parseInt(cp, 16));
    if (u4) return String.fromCharCode(parseInt(u4, 16));
    if (x2) return String.fromCharCode(parseInt(x2, 16));
    switch (esc) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case '0':
        return '\0';
      case '\n':
      case '\r\n':
        return ''; // line continuation
      default:
        return esc;
    }
  });
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && /\.tsx?$/.test(d.name) && !d.name.endsWith('.d.ts'))
    .map((d) => path.join(d.parentPath, d.name))
    .sort();
}

export function extractL10n(srcDir = path.join(REPO_ROOT, 'src')): Extraction {
  const calls: L10nCall[] = [];
  const problems: string[] = [];
  for (const file of sourceFiles(srcDir)) {
    const text = fs.readFileSync(file, 'utf8');
    const relative = path.relative(REPO_ROOT, file).split(path.sep).join('/');
    for (const match of text.matchAll(CALL)) {
      const at = match.index + match[0].length;
      const line = text.slice(0, at).split('\n').length;
      if (CATALOGUE_CALL.test(text.slice(at))) {
        // Only the one helper may translate a template it is given.
        if (path.relative(srcDir, file).split(path.sep).join('/') !== TRANSLATOR) problems.push(`${relative}:${line}: only src/${TRANSLATOR} translates catalogue templates`);
        continue;
      }
      const literal = LITERAL.exec(text.slice(at));
      if (!literal) {
        problems.push(`${relative}:${line}: l10n.t() needs a string literal as its message`);
        continue;
      }
      if (literal[1] === '`' && literal[2]!.includes('${')) {
        problems.push(`${relative}:${line}: l10n.t() message is a template with \${…}; use {0} placeholders`);
        continue;
      }
      calls.push({ message: unescapeLiteral(literal[2]!), file: relative, line });
    }
  }
  const catalogue = path.join(srcDir, CATALOGUE);
  if (fs.existsSync(catalogue)) {
    const found = extractCatalogue(fs.readFileSync(catalogue, 'utf8'), path.relative(REPO_ROOT, catalogue).split(path.sep).join('/'));
    calls.push(...found.calls);
    problems.push(...found.problems);
  }
  return { calls, problems };
}

/**
 * The templates of `export const MESSAGES = { … } as const`, read as text so
 * the script needs nothing compiled. Every line in the object must be a
 * comment, blank, or one `name: 'literal',` entry; anything else is reported
 * rather than skipped (a unit test also compares with the imported object).
 */
export function extractCatalogue(text: string, file: string): Extraction {
  const calls: L10nCall[] = [];
  const problems: string[] = [];
  const lines = text.split(/\r?\n/);
  const open = lines.findIndex((l) => /^export const MESSAGES = \{\s*$/.test(l));
  if (open === -1) return { calls, problems: [`${file}: no \`export const MESSAGES = {\` line`] };
  let closed = false;
  for (let i = open + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\}\s*as const;\s*$/.test(line)) {
      closed = true;
      break;
    }
    if (line.trim() === '' || line.trim().startsWith('//')) continue;
    const entry = ENTRY.exec(line);
    const literal = entry ? LITERAL.exec(entry[2]!) : null;
    if (!entry || !literal || literal[0] !== entry[2]) {
      problems.push(`${file}:${i + 1}: a catalogue entry must be \`name: 'literal',\` on one line`);
      continue;
    }
    if (literal[1] === '`' && literal[2]!.includes('${')) {
      problems.push(`${file}:${i + 1}: a catalogue template cannot use \${…}; use {name} placeholders`);
      continue;
    }
    calls.push({ message: unescapeLiteral(literal[2]!), file, line: i + 1 });
  }
  if (!closed) problems.push(`${file}: the MESSAGES object does not end with \`} as const;\``);
  return { calls, problems };
}

/** The English bundle for a set of calls: every message maps to itself, sorted for stable diffs. */
export function englishBundle(calls: readonly L10nCall[]): Record<string, string> {
  const messages = [...new Set(calls.map((c) => c.message))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(messages.map((m) => [m, m]));
}

export function serializeBundle(bundle: Readonly<Record<string, string>>): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

function main(): number {
  const check = process.argv.includes('--check');
  const { calls, problems } = extractL10n();
  for (const problem of problems) console.error(problem);
  const text = serializeBundle(englishBundle(calls));
  const current = fs.existsSync(ENGLISH_BUNDLE) ? fs.readFileSync(ENGLISH_BUNDLE, 'utf8') : '';
  const count = Object.keys(englishBundle(calls)).length;
  if (check) {
    if (current !== text) console.error('l10n/bundle.l10n.json is out of date: run npm run l10n:extract');
    return current !== text || problems.length > 0 ? 1 : 0;
  }
  fs.mkdirSync(L10N_DIR, { recursive: true });
  if (current !== text) fs.writeFileSync(ENGLISH_BUNDLE, text);
  console.log(`${path.relative(process.cwd(), ENGLISH_BUNDLE)}: ${count} strings${current === text ? ' (unchanged)' : ''}`);
  return problems.length > 0 ? 1 : 0;
}

if (require.main === module) process.exitCode = main();
