// What eleventy.ts reads from an Eleventy config file's text (never run):
// the `dir` settings (object or `set…Directory` calls) and the passthrough
// copies that serve root-relative images, with paths resolved within the
// workspace folder. Whatever is not a literal is named in the notes.

import { below, joinPath } from '../../util';
import { balanced, literalString, objectEntries } from '../jsSource';

/** The `dir` settings the config sets as literals (`dir: {…}`, `setInputDirectory("…")`). */
export function readDirs(js: string, notes: string[], configFile: string): { input?: string; includes?: string; layouts?: string; data?: string; output?: string } {
  const out: Record<string, string> = {};
  const dir = /\bdir\s*:\s*\{/.exec(js);
  if (dir) {
    const entries = objectEntries(balanced(js, dir.index + dir[0].length - 1) ?? '');
    for (const key of ['input', 'includes', 'layouts', 'data', 'output']) {
      const expr = entries.get(key);
      if (expr === undefined) continue;
      const v = literalString(expr);
      if (v !== undefined) out[key] = v;
      else notes.push(`${configFile}: dir.${key} is not a string literal (${expr.trim().slice(0, 40)}); the default is assumed.`);
    }
  }
  const setters: Record<string, string> = { Input: 'input', Includes: 'includes', Layouts: 'layouts', Data: 'data', Output: 'output' };
  for (const [name, key] of Object.entries(setters)) {
    const m = new RegExp(`set${name}Directory\\s*\\(\\s*(["'\`])([^"'\`]*)\\1`).exec(js);
    if (m) out[key] = m[2];
  }
  return out;
}

/**
 * The folders Eleventy's passthrough copies serve at the site root, from the
 * config's literal `addPassthroughCopy("x")` and `addPassthroughCopy({ "from": "to" })`
 * calls (Eleventy 3 docs, copy: paths and globs are relative to the project
 * root, and a path inside the input folder loses that folder in the output).
 * A renamed file, a glob renamed, or a computed argument is named in the
 * notes, not read.
 */
export function passthroughDirs(js: string, root: string, input: string, configFile: string, notes: string[]): string[] {
  const out: string[] = [];
  const unread: string[] = [];
  const re = /addPassthroughCopy\s*\(/g;
  for (let m = re.exec(js); m; m = re.exec(js)) {
    const args = balanced(js, m.index + m[0].length - 1);
    if (args === undefined) continue;
    const first = args.split(/,(?![^{]*\})/)[0]?.trim() ?? '';
    const one = literalString(first);
    if (one !== undefined) {
      // A glob (`src/blog/*.png`) copies what it matches to the same place: its folder part decides, as a path's does.
      const literal = one.split('/').filter((_, i, parts) => !parts.slice(0, i + 1).some((p) => /[*?{}[\]!]/.test(p))).join('/');
      const path = resolvePath(root, literal.replace(/^\.\//, ''));
      // `img` copies to `_site/img/`: served from the project root; `src/img` with input `src` from the input folder.
      out.push(input !== root && below(path, input) !== undefined ? input : root);
      continue;
    }
    if (first.startsWith('{')) {
      for (const [from, toExpr] of objectEntries(balanced(first, 0) ?? '')) {
        const to = literalString(toExpr);
        if (to === undefined || /[*?{}[\]!]/.test(from)) {
          unread.push(from);
          continue;
        }
        const src = resolvePath(root, from.replace(/^\.\//, ''));
        const target = to.replace(/^\.?\/+|\/+$/g, '');
        if (target === '') out.push(src);
        else if (src === target || src.endsWith(`/${target}`)) out.push(src.slice(0, src.length - target.length).replace(/\/$/, ''));
        else unread.push(`${from} → ${to}`);
      }
      continue;
    }
    unread.push(first.slice(0, 40));
  }
  if (unread.length > 0) notes.push(`${configFile}: passthrough copies not read for root-relative images (globs, renamed or computed): ${unread.join(', ')}.`);
  return [...new Set(out)];
}

/** `a/b` joined with `../c` → `a/c` (never above the workspace folder). */
export function resolvePath(...parts: readonly string[]): string {
  const out: string[] = [];
  for (const p of joinPath(...parts).split('/')) {
    if (p === '..') out.pop();
    else if (p !== '') out.push(p);
  }
  return out.join('/');
}
