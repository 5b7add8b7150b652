// Loads Postdesk's injection grammar on top of VS Code's Markdown grammar with
// the same engine VS Code uses (vscode-textmate + oniguruma), so the tests see
// the scopes an editor would.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '../../..');
export const INJECTION_PATH = path.join(ROOT, 'syntaxes/stray-marker.injection.tmLanguage.json');
const MARKDOWN_PATH = path.join(__dirname, 'fixtures/markdown.tmLanguage.json');
export const MARKDOWN_SCOPE = 'text.html.markdown';

export interface Token {
  readonly text: string;
  readonly scopes: readonly string[];
}

let onigReady: Promise<void> | undefined;

function loadOniguruma(): Promise<void> {
  onigReady ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  })();
  return onigReady;
}

export function readInjection(): { scopeName: string; injectionSelector: string } & Record<string, unknown> {
  return JSON.parse(readFileSync(INJECTION_PATH, 'utf8')) as { scopeName: string; injectionSelector: string } & Record<string, unknown>;
}

export async function loadMarkdownGrammar(withInjection = true): Promise<textmate.IGrammar> {
  await loadOniguruma();
  const injectionScope = readInjection().scopeName;
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      // Embedded languages (HTML, code fences...) stay unresolved, as their scopes do not matter here. YAML gets an empty
      // stand-in: Markdown's front matter rule is dropped entirely when the grammar it embeds is missing, unlike in VS Code.
      if (scopeName === 'source.yaml') return textmate.parseRawGrammar(JSON.stringify({ scopeName, patterns: [] }), 'yaml-stub.json');
      if (scopeName === MARKDOWN_SCOPE) return textmate.parseRawGrammar(readFileSync(MARKDOWN_PATH, 'utf8'), MARKDOWN_PATH);
      if (scopeName === injectionScope) return textmate.parseRawGrammar(readFileSync(INJECTION_PATH, 'utf8'), INJECTION_PATH);
      return null;
    },
    // What package.json's contributes.grammars[].injectTo does in VS Code.
    getInjections: (scopeName) => (withInjection && scopeName === MARKDOWN_SCOPE ? [injectionScope] : undefined),
  });
  const grammar = await registry.loadGrammar(MARKDOWN_SCOPE);
  if (!grammar) throw new Error('Markdown grammar did not load');
  return grammar;
}

/** Tokenises a whole document line by line, carrying the rule stack across lines as the editor does. */
export function tokenizeDocument(grammar: textmate.IGrammar, text: string): Token[][] {
  let state = textmate.INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((token) => ({ text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes }));
  });
}

export const MARKER_SCOPE = 'invalid.deprecated.stray-marker.postdesk';
export const LINE_SCOPE = 'markup.other.stray-marker.postdesk';

/** The text of a line that carries the marker scope, or '' when none of it does. */
export function markedText(tokens: readonly Token[]): string {
  return tokens.filter((token) => token.scopes.includes(MARKER_SCOPE)).map((token) => token.text).join('');
}
