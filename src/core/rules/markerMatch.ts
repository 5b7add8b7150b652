// The stray-marker rule's line matcher, compiled once per marker list.
//
// Real posts are mostly short lines (list items, links, headings), and the
// rule used to normalise every one of them with a chain of regular
// expressions. Here a line is first looked at where its words begin: unless
// those letters spell the start of some marker, the line is no marker and is
// never normalised. Lines that get past that are normalised by hand, by index,
// with exactly the result the regular expressions gave (a differential test
// holds the two together: test/unit/core/markerMatch.test.ts).

/** What `String.prototype.trim` and `\s` take for white space. */
export function isWhiteSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Characters scraped text carries that nobody sees: zero-width spaces and joiners, word joiners, BOMs. */
function isInvisible(c: number): boolean {
  return (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
}

function isEmphasis(c: number): boolean {
  return c === 42 /* * */ || c === 95; /* _ */
}

function isSpaceOrTab(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * A marker line's text as compared with the markers: case, surrounding white
 * space, invisible characters, heading marks, emphasis on both sides and a
 * trailing `:` or `.` do not matter; inner white space counts as one space.
 * `text.slice(start, end)` is the line.
 */
export function normalizeMarkerRange(text: string, start = 0, end = text.length): string {
  let s = text;
  let a = start;
  let b = end;
  for (let i = a; i < b; i++) {
    if (isInvisible(text.charCodeAt(i))) {
      // Rare: only then is a copy made.
      s = dropInvisible(text, a, b);
      a = 0;
      b = s.length;
      break;
    }
  }
  while (a < b && isWhiteSpace(s.charCodeAt(a))) a++;
  while (b > a && isWhiteSpace(s.charCodeAt(b - 1))) b--;
  // An ATX heading's opening marks: one to six `#`, then spaces or tabs or the end.
  let hashes = 0;
  while (a + hashes < b && s.charCodeAt(a + hashes) === 35) hashes++;
  if (hashes >= 1 && hashes <= 6 && (a + hashes === b || isSpaceOrTab(s.charCodeAt(a + hashes)))) {
    a += hashes;
    while (a < b && isSpaceOrTab(s.charCodeAt(a))) a++;
  }
  // Its closing marks: `#`s at the end with spaces or tabs before them.
  let closing = b;
  while (closing > a && s.charCodeAt(closing - 1) === 35) closing--;
  if (closing < b && closing > a && isSpaceOrTab(s.charCodeAt(closing - 1))) {
    b = closing - 1;
    while (b > a && isSpaceOrTab(s.charCodeAt(b - 1))) b--;
  }
  // Emphasis on both sides (`**Advertisement**`, `_Advertisement_`), and a
  // trailing colon or full stop inside or outside the emphasis: three rounds.
  for (let round = 0; round < 3; round++) {
    while (a < b && isWhiteSpace(s.charCodeAt(a))) a++;
    while (b > a && isWhiteSpace(s.charCodeAt(b - 1))) b--;
    while (a < b && isEmphasis(s.charCodeAt(a))) a++;
    while (b > a && isEmphasis(s.charCodeAt(b - 1))) b--;
    while (a < b && isWhiteSpace(s.charCodeAt(a))) a++;
    while (b > a && isWhiteSpace(s.charCodeAt(b - 1))) b--;
    if (b > a && (s.charCodeAt(b - 1) === 58 /* : */ || s.charCodeAt(b - 1) === 46) /* . */) b--;
    while (b > a && isWhiteSpace(s.charCodeAt(b - 1))) b--;
  }
  return collapseWhiteSpace(s, a, b).toLowerCase();
}

function dropInvisible(text: string, start: number, end: number): string {
  let out = '';
  let from = start;
  for (let i = start; i < end; i++) {
    if (isInvisible(text.charCodeAt(i))) {
      out += text.slice(from, i);
      from = i + 1;
    }
  }
  return out + text.slice(from, end);
}

/** text[a, b) (trimmed) with each run of white space as one space. */
function collapseWhiteSpace(s: string, a: number, b: number): string {
  let out = '';
  let from = a;
  for (let i = a; i < b; i++) {
    if (!isWhiteSpace(s.charCodeAt(i))) continue;
    let j = i + 1;
    while (j < b && isWhiteSpace(s.charCodeAt(j))) j++;
    // A lone space stays as it is; only other runs are rewritten.
    if (j - i > 1 || s.charCodeAt(i) !== 32) {
      out += s.slice(from, i) + ' ';
      from = j;
    }
    i = j - 1;
  }
  return from === a ? s.slice(a, b) : out + s.slice(from, b);
}

/** Where a line's words begin, as far as markers go: white space, block quote marks, emphasis and heading marks are passed over. */
function passedOver(c: number): boolean {
  return c <= 32 || c === 62 /* > */ || c === 42 /* * */ || c === 95 /* _ */ || c === 35; /* # */
}

function isAsciiLetterOrDigit(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

export interface MarkerMatcher {
  /** The markers, normalised. */
  readonly markers: ReadonlySet<string>;
  /** The longest normalised marker's length. */
  readonly longest: number;
  /** Whether text[start, end), as it stands, is a marker (the text's block quote marks, if any, count). */
  matches(text: string, start?: number, end?: number): boolean;
  /**
   * The cheap test before any normalising: false only when text[start, end)
   * cannot be a marker, because the letters where its words begin are the
   * start of no marker. Lines of other letters, or of characters beyond
   * ASCII, get true and need `matches`.
   */
  mayMatch(text: string, start: number, end: number): boolean;
}

/**
 * The matcher for a marker list. `prefixes[c]` holds, for markers starting
 * with the ASCII letter or digit c, the distinct runs of letters and digits
 * they start with; undefined as a whole when some marker starts otherwise
 * (then every line needs the full test).
 */
export function compileMarkers(list: readonly string[]): MarkerMatcher {
  const markers = new Set<string>();
  for (const m of list) {
    const normal = normalizeMarkerRange(m);
    if (normal.length > 0) markers.add(normal);
  }
  return matcherOfSet(markers);
}

/** The matcher for markers already normalised (normalising is not idempotent: `a....` becomes `a.`, then `a`). */
export function matcherOfSet(markers: ReadonlySet<string>): MarkerMatcher {
  let longest = 0;
  for (const m of markers) longest = Math.max(longest, m.length);
  const prefixes = prefixTable(markers);

  const mayMatch = (text: string, start: number, end: number): boolean => {
    if (markers.size === 0) return false;
    if (!prefixes) return true;
    let i = start;
    while (i < end && passedOver(text.charCodeAt(i))) i++;
    if (i === end) return false;
    const c = text.charCodeAt(i);
    if (c >= 128) return true;
    const candidates = prefixes[c >= 65 && c <= 90 ? c + 32 : c];
    if (!candidates) return false;
    for (const prefix of candidates) {
      if (startsWithPrefix(text, i, end, prefix)) return true;
    }
    return false;
  };
  const matches = (text: string, start = 0, end = text.length): boolean => mayMatch(text, start, end) && markers.has(normalizeMarkerRange(text, start, end));
  return { markers, longest, matches, mayMatch };
}

function prefixTable(markers: ReadonlySet<string>): (string[] | undefined)[] | undefined {
  const table: (string[] | undefined)[] = new Array<string[] | undefined>(128).fill(undefined);
  for (const m of markers) {
    const c = m.charCodeAt(0);
    if (!isAsciiLetterOrDigit(c)) return undefined;
    let n = 1;
    while (n < m.length && isAsciiLetterOrDigit(m.charCodeAt(n))) n++;
    const prefix = m.slice(0, n);
    const list = (table[c] ??= []);
    if (!list.includes(prefix)) list.push(prefix);
  }
  return table;
}

/**
 * Whether text from `i` spells `prefix` (lower case ASCII letters and
 * digits), case aside. A character beyond ASCII may be invisible or lower-case
 * to ASCII: the answer is then "maybe", true.
 */
function startsWithPrefix(text: string, i: number, end: number, prefix: string): boolean {
  for (let k = 0; k < prefix.length; k++) {
    if (i + k >= end) return false;
    let c = text.charCodeAt(i + k);
    if (c >= 128) return true;
    if (c >= 65 && c <= 90) c += 32;
    if (c !== prefix.charCodeAt(k)) return false;
  }
  return true;
}

const compiled = new WeakMap<object, MarkerMatcher>();

/** The matcher for a set of normalised markers (see `markerSet`), compiled on first use. */
export function matcherForSet(markers: ReadonlySet<string>): MarkerMatcher {
  let matcher = compiled.get(markers);
  if (!matcher) {
    matcher = matcherOfSet(markers);
    compiled.set(markers, matcher);
  }
  return matcher;
}
