// Small source and when-clause scanners for the manifest checks. Regex-based:
// the project registers commands with literal ids (or a const holding one).
export interface Source {
  readonly file: string;
  readonly text: string;
}

/** Command ids passed to registerCommand / registerTextEditorCommand, literally or through a string const. */
export function registeredCommands(code: readonly Source[]): Set<string> {
  const ids = new Set<string>();
  for (const { text } of code) {
    const consts = new Map([...text.matchAll(/\bconst\s+([A-Za-z_$][\w$]*)\s*=\s*['"]([^'"]+)['"]/g)].map((m) => [m[1]!, m[2]!]));
    for (const m of text.matchAll(/\bregister(?:TextEditor)?Command\(\s*(?:(['"`])([^'"`]+)\1|([A-Za-z_$][\w$.]*))/g)) {
      const id = m[2] ?? consts.get(m[3]!.split('.').pop()!);
      if (id) ids.add(id);
    }
  }
  return ids;
}

/** Context keys the code sets with `executeCommand('setContext', 'key', …)`. */
export function setContextKeys(code: readonly Source[]): Set<string> {
  const keys = new Set<string>();
  for (const { text } of code) {
    for (const m of text.matchAll(/executeCommand\(\s*['"]setContext['"]\s*,\s*['"]([^'"]+)['"]/g)) keys.add(m[1]!);
  }
  return keys;
}

export interface Comparison {
  readonly key: string;
  readonly operator: string;
  readonly value: string;
}

/**
 * The context keys a when clause reads, and its `key OP value` comparisons.
 * The right side of ==, !=, =~, <, <=, >, >= is a value, not a key; the right
 * side of `in` / `not in` is a key.
 */
export function contextKeysOf(when: string): { keys: string[]; comparisons: Comparison[] } {
  const tokens = when.match(/'[^']*'|"[^"]*"|\/(?:\\.|[^/\\])+\/[a-z]*|==|!=|=~|<=|>=|&&|\|\||[!()<>]|[^\s!=<>()&|'"]+/g) ?? [];
  const keys: string[] = [];
  const comparisons: Comparison[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (['&&', '||', '!', '(', ')', 'in', 'not'].includes(token)) continue;
    if (['==', '!=', '=~', '<', '<=', '>', '>='].includes(token)) {
      comparisons.push({ key: tokens[i - 1]!, operator: token, value: tokens[i + 1] ?? '' });
      i++; // the value
      continue;
    }
    keys.push(token);
  }
  return { keys, comparisons };
}
