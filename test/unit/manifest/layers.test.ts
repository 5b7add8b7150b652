// Keeps the folders telling the truth (docs/architecture.md): every import in
// src/ points down the layers, the engine has no editor or Node API, Node-only
// code lives where only the Node host and the CLI load it, no file imports
// itself round a cycle (type-only imports count: they are still a knot for a
// reader), and a feature reaches another only through its index.ts.
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const SRC = path.join(ROOT, 'src');

/**
 * Each top folder of src/ and its layer: a file may import its own folder or
 * a folder of a lower layer. Folders of the same layer are features, which
 * may reach each other only through the other's index.ts.
 */
const LAYERS: Readonly<Record<string, number>> = {
  core: 0, // the engine: plain TypeScript, runs in the CLI, both extension hosts and the webview
  common: 1, // small editor helpers every feature shares (dispose, labels, l10n)
  config: 2, // which configuration and settings apply to a file
  analysis: 3, // one analysis per document version, and the one isContent answer
  index: 4, // the workspace's posts, and the reader contract (index/reader.ts)
  node: 5, // the Node host's reader, read worker and folder walk: implements index/reader.ts, used by the CLI
  webviewHost: 5, // the shell every webview page shares (CSP with nonce, resources, the typed message channel)
  diagnostics: 6,
  preview: 6,
  tree: 6,
  commands: 6,
  cli: 6,
  webview: 6, // the preview page's bundle, in the webview
  '.': 7, // the composition root (compose.ts, testApi.ts, activationFailure.ts), the Node host's extension (main.ts) and its entry (extension.ts)
  web: 8, // the web-worker host's entry, beside extension.ts
};

/** Layers whose folders are features: they meet only at the composition root, or through each other's index.ts. */
const FEATURE_LAYER = 6;

/** Where Node's API may be imported: code that only the Node extension host, its worker or the CLI load. */
const NODE_ALLOWED = ['node/', 'cli/', 'extension.ts', 'main.ts'];

/**
 * Imports that break a rule above, each with why it is allowed. An entry that
 * no longer matches any import fails the test, so the list only shrinks.
 */
const ALLOWED: readonly { readonly from: string; readonly to: string; readonly why: string }[] = [
  { from: 'webview/', to: 'preview/protocol.ts', why: 'the page half of the preview: protocol.ts is the typed message channel both halves share' },
];

/** Folders whose cycles are left to someone else, each with why; an entry whose folder has no cycle left fails the test. */
const ALLOWED_CYCLES: readonly { readonly within: string; readonly why: string }[] = [];

interface SourceFile {
  readonly rel: string;
  readonly specifiers: readonly string[];
  /** The specifiers imported for their values (not `import type`): what runs when the file loads. */
  readonly valueSpecifiers: readonly string[];
}

function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSources(abs));
    else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(abs);
  }
  return out;
}

/** Every module a file names: static imports and re-exports (type-only ones too), dynamic import() and require(). */
function importSpecifiers(text: string, valuesOnly = false): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  for (const m of code.matchAll(/\b(?:import|export)\s+(type\s+)?(?:([\w*${},\s]+?)\s+from\s+)?['"]([^'"]+)['"]/g)) {
    if (valuesOnly && (m[1] !== undefined || isTypeOnlyClause(m[2]))) continue;
    found.push(m[3]!);
  }
  for (const m of code.matchAll(/\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]!);
  return found;
}

/** `{ type A, type B }`: every name imported is a type. */
function isTypeOnlyClause(clause: string | undefined): boolean {
  const braces = clause?.trim().match(/^\{([\s\S]*)\}$/);
  if (!braces) return false;
  const names = braces[1]!.split(',').map((name) => name.trim()).filter((name) => name !== '');
  return names.length > 0 && names.every((name) => name.startsWith('type '));
}

function loadSources(): SourceFile[] {
  return listSources(SRC).map((abs) => {
    const text = fs.readFileSync(abs, 'utf8');
    return { rel: toRel(abs), specifiers: importSpecifiers(text), valueSpecifiers: importSpecifiers(text, true) };
  });
}

function toRel(abs: string): string {
  return path.relative(SRC, abs).split(path.sep).join('/');
}

/** The src-relative file a relative import names, or undefined for a package. */
function resolveImport(fromRel: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.join(SRC, path.dirname(fromRel), specifier);
  // Outside src/ (package.json for the version): not part of the layers.
  if (path.relative(SRC, base).startsWith('..')) return undefined;
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts'), base]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return toRel(candidate);
  }
  throw new Error(`${fromRel}: cannot resolve '${specifier}'`);
}

function folderOf(rel: string): string {
  return rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : '.';
}

const NODE_BUILTINS = new Set(builtinModules);

function isNodeApi(specifier: string): boolean {
  return specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0]!);
}

function allowed(from: string, to: string, used: Set<(typeof ALLOWED)[number]>): boolean {
  const entry = ALLOWED.find((e) => from.startsWith(e.from) && to === e.to);
  if (entry) used.add(entry);
  return entry !== undefined;
}

/** The import cycles among the files (Tarjan's strongly connected components of two or more files, or a file importing itself). */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}

describe('source layers (docs/architecture.md)', () => {
  const sources = loadSources();
  const graph = new Map(sources.map((file) => [file.rel, file.specifiers.flatMap((s) => resolveImport(file.rel, s) ?? [])]));

  it('finds the sources and their imports', () => {
    assert.ok(sources.length > 100, `only ${sources.length} files under src/`);
    assert.ok(graph.get('compose.ts')?.includes('config/configService.ts'));
  });

  it('gives every folder of src/ a layer', () => {
    const unknown = [...new Set(sources.map((file) => folderOf(file.rel)))].filter((folder) => LAYERS[folder] === undefined);
    assert.deepEqual(unknown, [], 'a new folder needs its place in LAYERS (and in docs/architecture.md)');
  });

  it('keeps the engine free of the editor and of Node', () => {
    const offending = sources
      .filter((file) => file.rel.startsWith('core/'))
      .flatMap((file) => file.specifiers.filter((s) => s === 'vscode' || isNodeApi(s)).map((s) => `${file.rel} imports ${s}`));
    assert.deepEqual(offending, []);
  });

  it('imports Node only where the Node host, its worker or the CLI load the code', () => {
    const offending = sources
      .filter((file) => !NODE_ALLOWED.some((prefix) => file.rel === prefix || file.rel.startsWith(prefix)))
      .flatMap((file) => file.specifiers.filter(isNodeApi).map((s) => `${file.rel} imports ${s}`));
    assert.deepEqual(offending, [], 'Node-only code belongs in src/node/ (the web extension host has no Node)');
  });

  it('points every import down the layers, and between features only through index.ts', () => {
    const used = new Set<(typeof ALLOWED)[number]>();
    const offending: string[] = [];
    for (const [from, targets] of graph) {
      const fromFolder = folderOf(from);
      for (const to of targets) {
        const toFolder = folderOf(to);
        if (toFolder === fromFolder) continue;
        const fromLayer = LAYERS[fromFolder]!;
        const toLayer = LAYERS[toFolder]!;
        const viaIndex = to === `${toFolder}/index.ts`;
        const ok = toLayer < fromLayer || (toLayer === fromLayer && fromLayer === FEATURE_LAYER && viaIndex);
        if (!ok && !allowed(from, to, used)) offending.push(`${from} -> ${to}`);
      }
    }
    assert.deepEqual(offending, []);
    const stale = ALLOWED.filter((entry) => !used.has(entry)).map((entry) => `${entry.from} -> ${entry.to}`);
    assert.deepEqual(stale, [], 'these exceptions are fixed: remove them from ALLOWED');
  });

  it('has no import cycles', () => {
    const cycles = findCycles(graph).filter((cycle) => !cycle.every((file) => file.startsWith('core/')));
    const inside = (cycle: readonly string[], entry: (typeof ALLOWED_CYCLES)[number]): boolean => cycle.every((file) => file.startsWith(entry.within));
    assert.deepEqual(cycles.filter((cycle) => !ALLOWED_CYCLES.some((entry) => inside(cycle, entry))), []);
    const stale = ALLOWED_CYCLES.filter((entry) => !cycles.some((cycle) => inside(cycle, entry)));
    assert.deepEqual(stale.map((entry) => entry.within), [], 'these folders have no cycle left: remove them from ALLOWED_CYCLES');
  });

  // The engine's shared vocabulary (core/types.ts) names types from the
  // modules that define them (site/facts.ts, rules/table.ts), which import
  // types back: erased at build, so the engine is checked for cycles of what
  // runs. Untangling those type knots is the engine's own follow-up.
  it('has no import cycles of values in the engine', () => {
    const values = new Map(sources.filter((file) => file.rel.startsWith('core/')).map((file) => [file.rel, file.valueSpecifiers.flatMap((s) => resolveImport(file.rel, s) ?? [])]));
    assert.deepEqual(findCycles(values), []);
  });

  it('finds a cycle, a self-import and no cycle where there is none (the checker itself)', () => {
    assert.deepEqual(findCycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]])), [['a', 'b', 'c']]);
    assert.deepEqual(findCycles(new Map([['a', ['a']]])), [['a']]);
    assert.deepEqual(findCycles(new Map([['a', ['b']], ['b', []]])), []);
    const text = "import type { A } from './a';\nexport { b } from '../b';\nimport { type C, type D } from './c';\nimport { e, type F } from './e';\n// import x from 'node:fs'\nconst m = await import('./m');";
    assert.deepEqual(importSpecifiers(text), ['./a', '../b', './c', './e', './m']);
    assert.deepEqual(importSpecifiers(text, true), ['../b', './e', './m']);
  });
});
