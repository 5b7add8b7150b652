// VS Code's glob patterns (findFiles, file watchers) and ripgrep behind them
// accept one level of `{a,b}` alternatives: `{**/*.md,content/**/*.{html,htm}}`
// fails with "nested alternate groups are not allowed". Site models add globs
// with braces of their own, so a union of globs is written flat: every brace
// group expanded, the alternatives joined in one top-level group.

/** Every pattern `glob` stands for, its `{…}` groups expanded; a `\`-escaped brace or comma is literal. */
export function expandBraces(glob: string): string[] {
  const open = findGroup(glob);
  if (!open) return [glob];
  const { start, end, alternatives } = open;
  const prefix = glob.slice(0, start);
  const rest = expandBraces(glob.slice(end + 1));
  const out: string[] = [];
  for (const alternative of alternatives) for (const head of expandBraces(alternative)) for (const tail of rest) out.push(prefix + head + tail);
  return [...new Set(out)];
}

/** `{a,b}` over the globs, each expanded flat first; the glob itself when it needs no group. */
export function flatGlobUnion(globs: readonly string[]): string {
  const flat = [...new Set(globs.flatMap(expandBraces))];
  return flat.length === 1 ? flat[0] : `{${flat.join(',')}}`;
}

/** The first top-level `{…}` group with at least one top-level comma, split into its alternatives. */
function findGroup(glob: string): { start: number; end: number; alternatives: string[] } | undefined {
  for (let start = 0; start < glob.length; start++) {
    const c = glob[start];
    if (c === '\\') {
      start++;
      continue;
    }
    if (c !== '{') continue;
    let depth = 0;
    let from = start + 1;
    const alternatives: string[] = [];
    for (let i = start; i < glob.length; i++) {
      const d = glob[i];
      if (d === '\\') {
        i++;
        continue;
      }
      if (d === '{') depth++;
      else if (d === '}') {
        depth--;
        if (depth === 0) {
          alternatives.push(glob.slice(from, i));
          // `{a}` is no alternation: keep it as written and look further on.
          if (alternatives.length > 1) return { start, end: i, alternatives };
          break;
        }
      } else if (d === ',' && depth === 1) {
        alternatives.push(glob.slice(from, i));
        from = i + 1;
      }
    }
  }
  return undefined;
}
