// Jekyll's `EntryFilter` patterns: `exclude`/`include` entries and `defaults`
// scope paths as globs or prefixes, and the special names (_ . # ~) Jekyll
// skips. Shared by the configuration reader and the classifier.

/** `File.fnmatch?` without flags (a `*` crosses `/`), or `Dir.glob` (`inFolder`: it does not), compiled once. */
export function globRegex(pattern: string, inFolder = false): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += inFolder ? '[^/]*' : '.*';
    else if (c === '?') re += inFolder ? '[^/]' : '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end === -1) re += '\\[';
      else {
        const body = pattern.slice(i + 1, end).replace(/\\/g, '\\\\');
        re += `[${body.startsWith('!') ? '^' + body.slice(1) : body}]`;
        i = end;
      }
    } else if (c === '{') {
      const end = pattern.indexOf('}', i + 1);
      if (end === -1) re += '\\{';
      else {
        // Ruby's fnmatch expands braces only with FNM_EXTGLOB: literal here.
        re += '\\{';
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export interface PathPattern {
  readonly text: string;
  readonly prefix: string;
  readonly glob?: RegExp;
}

export function compilePatterns(patterns: readonly string[]): PathPattern[] {
  return patterns
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => {
      const text = p.replace(/^\.?\/+/, '');
      const prefix = text.replace(/\/+$/, '');
      return /[*?[]/.test(text) ? { text, prefix, glob: globRegex(prefix) } : { text, prefix };
    });
}

/**
 * `EntryFilter#glob_include?`: a pattern matches a path relative to the
 * source when it globs it or when the path merely starts with it (Jekyll
 * compares strings: `exclude: [docs]` leaves out `docs-old/` too).
 */
export function matchesAny(patterns: readonly PathPattern[], path: string): PathPattern | undefined {
  for (const p of patterns) {
    if (p.prefix === '') continue;
    if (path.startsWith(p.prefix) || p.glob?.test(path)) return p;
  }
  return undefined;
}

export function isSpecialName(name: string): boolean {
  const c = name[0];
  return c === '_' || c === '.' || c === '#' || c === '~';
}
