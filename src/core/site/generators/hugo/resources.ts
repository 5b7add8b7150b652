// A Hugo page bundle's featured image (#17): the image Hugo's internal Open
// Graph and Twitter Card templates use for a page without `images` in its
// front matter. Pure: the caller lists the bundle's files.
//
// Followed: Hugo's embedded templates `_internal/opengraph.html` and
// `_internal/twitter_cards.html` of hugo v0.111.3 (Debian's, checked by
// test/unit/site/hugo.compare.test.ts), unchanged in substance in the
// `_partials/_funcs/get-page-images.html` of Hugo 0.123+:
//
//   $images := .Resources.ByType "image"
//   $featured := $images.GetMatch "*feature*"
//   if not $featured: $featured = $images.GetMatch "{*cover*,*thumbnail*}"
//
// and what 0.111.3 does around them, checked with the real `hugo`:
// - `GetMatch` returns the first match in the resources' order, which is by
//   `Name` (the path below the bundle unless front matter `resources` renames
//   it), byte by byte (`B-thumbnail.png` before `a-cover.png`);
// - the glob is matched lower-cased (`Feature.JPG` matches) and `*` stops at
//   `/`: `images/cover.png` matches neither pattern unless renamed;
// - a front matter `resources` entry whose `src` glob matches a file gives it
//   its `name` (the first entry that names it wins; `:counter` counts the
//   files that entry named, from 1), and the renamed file sorts by its name;
// - "image" is the media type of the file's extension, SVG included.
// The site's `params.images` (Hugo's last fallback) is the site's, not the
// post's: not a cover here.

/** Extensions whose media type is `image/*` in Hugo 0.111 (its built-in types, and what the system's MIME table adds). */
const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set(['jpg', 'jpeg', 'jpe', 'jif', 'jfif', 'png', 'gif', 'bmp', 'tif', 'tiff', 'webp', 'svg', 'avif', 'heic', 'heif', 'ico']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A value by key as Hugo reads front matter: keys compared case-insensitively. */
function field(data: Readonly<Record<string, unknown>>, key: string): unknown {
  if (Object.prototype.hasOwnProperty.call(data, key)) return data[key];
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(data)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

function scalarText(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/**
 * A Hugo glob (gobwas/glob with `/` as the separator, as `hglob.GetGlob`
 * compiles it) as a regular expression: `*` within a path segment, `**`
 * across them, `?` one character, `{a,b}` alternatives, `[...]` classes.
 * Undefined when it cannot be read.
 */
export function hugoGlob(pattern: string): RegExp | undefined {
  let out = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        out += '.*';
        i++;
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      out += '(?:';
      depth++;
    } else if (c === '}' && depth > 0) {
      out += ')';
      depth--;
    } else if (c === ',' && depth > 0) out += '|';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) return undefined;
      let body = pattern.slice(i + 1, end);
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      out += `[${body.replace(/[\\\]]/g, '\\$&')}]`;
      i = end;
    } else if (c === '\\' && i + 1 < pattern.length) {
      out += pattern[i + 1].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      i++;
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  if (depth !== 0) return undefined;
  try {
    return new RegExp(`^${out}$`, 's');
  } catch {
    return undefined;
  }
}

/** Each file's resource name: its path below the bundle, or the `name` the front matter's `resources` gives it. */
function resourceNames(files: readonly string[], frontMatter: Readonly<Record<string, unknown>>): Map<string, string> {
  const names = new Map<string, string>();
  for (const f of files) names.set(f, f);
  const metadata = field(frontMatter, 'resources');
  if (!Array.isArray(metadata)) return names;
  const entries = metadata.filter(isRecord).flatMap((entry) => {
    const src = scalarText(field(entry, 'src'));
    const name = scalarText(field(entry, 'name'));
    const glob = src === undefined ? undefined : hugoGlob(src.toLowerCase());
    return glob === undefined || name === undefined ? [] : [{ glob, name, counter: 0 }];
  });
  if (entries.length === 0) return names;
  for (const f of [...files].sort(byteOrder)) {
    const entry = entries.find((e) => e.glob.test(f.toLowerCase()));
    if (entry === undefined) continue;
    entry.counter++;
    names.set(f, entry.name.split(':counter').join(String(entry.counter)));
  }
  return names;
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/**
 * The bundle file Hugo's Open Graph and Twitter Card templates take as the
 * page's image when its front matter has no `images`: the first image
 * resource (by name) whose name matches `*feature*`, else the first matching
 * `{*cover*,*thumbnail*}`. `files` are the bundle's files as paths below its
 * folder (the page's own content file may be among them); the answer is one
 * of them, or undefined.
 */
export function hugoFeaturedImage(files: readonly string[], frontMatter: Readonly<Record<string, unknown>>): string | undefined {
  const names = resourceNames(files, frontMatter);
  // An image by its file's extension (renaming does not change the media type).
  const images = files.filter((f) => IMAGE_EXTENSIONS.has(extensionOf(f))).sort((a, b) => byteOrder(names.get(a) ?? a, names.get(b) ?? b));
  const feature = hugoGlob('*feature*');
  const cover = hugoGlob('{*cover*,*thumbnail*}');
  for (const glob of [feature, cover]) {
    const found = images.find((f) => glob?.test((names.get(f) ?? f).toLowerCase()));
    if (found !== undefined) return found;
  }
  return undefined;
}
