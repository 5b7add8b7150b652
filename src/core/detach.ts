// Values kept long after their file was read (the editor's index of every
// post) must not keep the file's text alive. JavaScript engines make a
// substring of a long string as a view of it (V8's sliced strings, from 13
// characters on), and a string joined from such views holds them too: an
// author's name parsed from the front matter held the whole post, and the
// index of 1,043 Node.js blog posts held 22 MB of text for 1.4 MB of posts.
// `detached` copies what such a value holds into strings of its own.

/** Shorter substrings are copies already (V8's `SlicedString::kMinLength`). */
const MIN_VIEW_LENGTH = 13;

/** A string with its own characters, not a view into a longer one. */
function ownString(text: string): string {
  // Parsing a JSON string literal builds a fresh flat string; nothing else portable is guaranteed to.
  return text.length < MIN_VIEW_LENGTH ? text : (JSON.parse(JSON.stringify(text)) as string);
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * `value` with every string in it (in plain objects and arrays, at any
 * depth) its own copy; other objects (dates) are kept as they are. Frozen
 * shared values (`Object.freeze([])`) stay shared.
 */
export function detached<T>(value: T): T {
  if (typeof value === 'string') return ownString(value) as T;
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => detached(item)) as T;
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  for (const key in source) if (Object.hasOwn(source, key)) copy[key] = detached(source[key]);
  return copy as T;
}
