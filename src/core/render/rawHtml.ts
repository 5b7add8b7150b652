// The sanitiser for the raw HTML an article contains (markdown-it's
// `html_block` and `html_inline` tokens), one fragment at a time, in the
// context of everything rendered before it. markdown-it's own output is not
// sanitised: see the note in markdown.ts on why it is safe by construction.
//
// Each fragment is read with a small HTML tokenizer and written back from
// scratch: allowed tags with allowed attributes (values decoded as a browser
// decodes them, checked, and re-escaped), text with `<`, `>` and `"` escaped,
// everything else dropped. Nothing of the article is copied through as
// markup, so a half-written tag (`<div title="` at the end of a block) cannot
// swallow what follows: it is dropped at the end of its fragment.
//
// Nesting: an `html_inline` open tag and its end tag are separate fragments,
// with markdown-it's elements around and between them. The sanitiser keeps
// one stack of open elements, the renderer's own (told by the renderer) and
// the raw ones it wrote. A raw end tag closes what a browser would close: the
// nearest open element of its name (not across a table cell), with every
// element above it, own ones included (their end tags are then not written
// again, as the article's `</details>` at the end of a paragraph closes the
// paragraph and the details in a browser). When the renderer closes an own
// element, raw elements opened inside it are closed first; at the end of the
// article every raw element still open is closed. So every end tag written
// has its start tag, in order, and nothing the article writes can close an
// element outside the article's body.
import { decodeHTMLAttribute } from 'entities';
import { imageDecision, linkAttributes, PLACEHOLDER_CLASS, type AddressPolicy } from './addresses';
import { ALLOWED_TAGS, attributeAllowed, NON_TEXT_TAGS, RAW_TEXT_TAGS, VOID_TAGS } from './allowList';

interface OpenElement {
  readonly name: string;
  /** One of the renderer's own elements (a Markdown paragraph, list, …), not the article's raw HTML. */
  readonly own: boolean;
  /** Written to the output (an allowed tag, a visible own element), so its end tag must be written too. */
  readonly written: boolean;
  /** Its own text is not shown (a disallowed element such as `template`). */
  readonly nonText: boolean;
  /** An own element the article's raw HTML closed early: the renderer's end tag for it is not written again. */
  closed: boolean;
}

// A start tag's name, then attributes per the HTML tokenizer: a name up to
// whitespace, `/`, `>` or `=`, an optional value (double-, single- or unquoted).
const TAG_NAME = /[a-zA-Z][^\s/>]*/y;
const ATTRIBUTE = /[\s/]*(?:(>)|([^\s/>][^\s/>=]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?)/y;
const LETTER = /[a-zA-Z]/;

// What closes an open `p` (or `li`, …) in a browser, so `<p>a<p>b` nests as it shows.
const CLOSES_P = new Set(['address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'ol', 'p', 'pre', 'section', 'table', 'ul']);
const IMPLIED_CLOSE: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['p', CLOSES_P],
  ['li', new Set(['li'])],
  ['dt', new Set(['dt', 'dd'])],
  ['dd', new Set(['dt', 'dd'])],
  ['tr', new Set(['tr'])],
  ['td', new Set(['td', 'th', 'tr'])],
  ['th', new Set(['td', 'th', 'tr'])],
]);

const ALIGN_STYLE = /text-align\s*:\s*(left|right|center)\b/i;
const ALIGN_VALUE = /^(left|right|center)$/i;
const URL_ATTRIBUTES = new Set(['href', 'src', 'cite']);
const SAFE_SCHEMES = /^(https?|mailto):/i;
const SAFE_IMAGE_SCHEMES = /^(https|data):/i;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
// eslint-disable-next-line no-control-regex -- browsers drop these from addresses
const IGNORED_IN_URL = /[\u0000-\u0020]/g;

export function escapeText(text: string): string {
  return text.replace(/[<>"]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

export function escapeAttribute(value: string): string {
  return value.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** An address attribute that survives: no scheme (relative), or one the tag allows. */
function schemeAllowed(tag: string, value: string): boolean {
  const scheme = SCHEME.exec(value.replace(IGNORED_IN_URL, ''));
  if (scheme === null) return !/^[/\\]{2}/.test(value.trim());
  return tag === 'img' ? SAFE_IMAGE_SCHEMES.test(value.trim()) : SAFE_SCHEMES.test(value.trim());
}

/**
 * The sanitiser's state between two fragments (its open elements and raw
 * text), as `snapshot` takes it: what decides how everything after renders.
 * `key` tells two states apart ('' when idle).
 */
export interface SanitizerState {
  readonly key: string;
  readonly stack: readonly Readonly<OpenElement>[];
  readonly rawText: string | undefined;
}

const IDLE_STATE: SanitizerState = { key: '', stack: [], rawText: undefined };

// A raw end tag looks for its element up to these (a browser's "in scope").
const SCOPE_BOUNDARIES: ReadonlySet<string> = new Set(['table', 'td', 'th', 'caption', 'template']);

export class RawHtmlSanitizer {
  private readonly stack: OpenElement[] = [];
  /** The raw-text element whose end tag has not come yet: everything until then is its text. */
  private rawText: string | undefined;

  constructor(private readonly policy: AddressPolicy) {}

  /** No raw element open and no raw text running: what follows renders the same wherever it is. */
  get idle(): boolean {
    return this.stack.length === 0 && this.rawText === undefined;
  }

  /**
   * A key of the whole state (every open element with each of its fields, and
   * the raw text running): two renders from states with the same key write
   * the same and leave the same state. '' when idle.
   */
  stateKey(): string {
    if (this.idle) return '';
    return JSON.stringify([this.rawText ?? null, this.stack.map((e) => [e.name, e.own ? 1 : 0, e.written ? 1 : 0, e.nonText ? 1 : 0, e.closed ? 1 : 0])]);
  }

  /** A copy of the state, for `restore` (see SanitizerState). */
  snapshot(): SanitizerState {
    if (this.idle) return IDLE_STATE;
    return { key: this.stateKey(), stack: this.stack.map((e) => ({ ...e })), rawText: this.rawText };
  }

  /** Puts the sanitiser in a state taken by `snapshot` (copied: the snapshot stays as it was). */
  restore(state: SanitizerState): void {
    this.stack.length = 0;
    for (const element of state.stack) this.stack.push({ ...element });
    this.rawText = state.rawText;
  }

  /** Inside a script, style or similar element: the renderer's text is that element's text, not shown. */
  get suppressing(): boolean {
    return this.rawText !== undefined;
  }

  /** The renderer opens one of its own elements (`hidden`: it writes no tag for it, as a tight list's paragraphs). */
  openOwn(name: string, hidden: boolean): void {
    this.stack.push({ name, own: true, written: !hidden, nonText: false, closed: false });
  }

  /**
   * The renderer closes its innermost own element: end tags for raw elements
   * opened inside it, and whether the renderer's own end tag is still to be
   * written (not when the article's HTML closed the element already).
   */
  closeOwn(): { readonly before: string; readonly writeEndTag: boolean } {
    let own = this.stack.length - 1;
    while (own >= 0 && !(this.stack[own] as OpenElement).own) own--;
    if (own < 0) return { before: '', writeEndTag: true };
    const element = this.stack[own] as OpenElement;
    if (element.closed) {
      // Closed early by the article: raw elements above it opened after it, outside it, and stay open,
      // but the renderer's end tag still reaches a browser, closing the nearest open raw element of
      // that name (`a<p>b` then the paragraph's `</p>` closes the article's `<p>`), so it does here.
      this.stack.splice(own, 1);
      return { before: element.written ? this.endTag(element.name, false) : '', writeEndTag: false };
    }
    let before = '';
    while (this.stack.length > own + 1) {
      const element = this.stack.pop() as OpenElement;
      if (element.written) before += `</${element.name}>`;
    }
    this.stack.pop();
    return { before, writeEndTag: true };
  }

  /** End tags for every raw element still open (the end of the article). */
  finish(): string {
    let out = '';
    while (this.stack.length > 0) {
      const element = this.stack.pop() as OpenElement;
      if (!element.own && element.written) out += `</${element.name}>`;
    }
    this.rawText = undefined;
    return out;
  }

  /** The safe HTML for one raw fragment of the article. */
  fragment(html: string): string {
    let out = '';
    let at = 0;
    const length = html.length;
    while (at < length) {
      if (this.rawText !== undefined) {
        const end = findEndTag(html, this.rawText, at);
        if (end === undefined) return out;
        this.rawText = undefined;
        at = end;
        continue;
      }
      const lt = html.indexOf('<', at);
      if (lt < 0) {
        out += this.text(html.slice(at));
        break;
      }
      if (lt > at) out += this.text(html.slice(at, lt));
      const next = html.charAt(lt + 1);
      if (html.startsWith('<!--', lt)) {
        // `<!-->` and `<!--->` are whole comments to a browser.
        const short = html.startsWith('<!-->', lt) ? 5 : html.startsWith('<!--->', lt) ? 6 : 0;
        const end = short > 0 ? lt + short : html.indexOf('-->', lt + 4) + 3;
        if (end < 3) return out;
        at = end;
      } else if (next === '!' || next === '?' || (next === '/' && !LETTER.test(html.charAt(lt + 2)))) {
        // Declarations, processing instructions and `</ x>` are bogus comments up to `>`.
        const end = html.indexOf('>', lt + 2);
        if (end < 0) return out;
        at = end + 1;
      } else if (next === '/' || LETTER.test(next)) {
        const closing = next === '/';
        TAG_NAME.lastIndex = lt + (closing ? 2 : 1);
        const nameMatch = TAG_NAME.exec(html);
        if (nameMatch === null) return out;
        const name = nameMatch[0].toLowerCase();
        const attributes: [string, string][] = [];
        let cursor = TAG_NAME.lastIndex;
        let ended = false;
        let selfClosing = false;
        while (cursor < length) {
          ATTRIBUTE.lastIndex = cursor;
          const m = ATTRIBUTE.exec(html);
          if (m === null || ATTRIBUTE.lastIndex === cursor) break;
          cursor = ATTRIBUTE.lastIndex;
          if (m[1] !== undefined) {
            ended = true;
            selfClosing = html.charAt(cursor - 2) === '/';
            break;
          }
          const attributeName = (m[2] ?? '').toLowerCase();
          // The first of a repeated attribute wins, as in a browser.
          if (!attributes.some(([n]) => n === attributeName)) attributes.push([attributeName, decodeHTMLAttribute(m[3] ?? m[4] ?? m[5] ?? '')]);
        }
        // A tag that does not end in this fragment is dropped with the rest of it.
        if (!ended) return out;
        at = cursor;
        out += closing ? this.endTag(name) : this.startTag(name, attributes, selfClosing);
      } else {
        out += '&lt;';
        at = lt + 1;
      }
    }
    return out;
  }

  /** The innermost element not closed yet. */
  private top(): OpenElement | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const element = this.stack[i] as OpenElement;
      if (!element.closed) return element;
    }
    return undefined;
  }

  private text(text: string): string {
    const top = this.top();
    if (top !== undefined && !top.own && top.nonText) return '';
    return escapeText(text);
  }

  private startTag(name: string, attributes: readonly [string, string][], selfClosing: boolean): string {
    let out = '';
    // Implied end tags, as a browser closes them: a block closes an open
    // paragraph, a list item the previous one, and so on.
    const top = this.top();
    if (CLOSES_P.has(name)) out += this.endTag('p', false);
    else if (top !== undefined && IMPLIED_CLOSE.get(top.name)?.has(name)) out += this.endTag(top.name, false);
    if (RAW_TEXT_TAGS.has(name)) {
      // Its content is text a browser would not show as markup; none of it is shown here.
      this.rawText = name;
      return out;
    }
    const allowed = ALLOWED_TAGS.has(name);
    if (allowed) out += this.writeStartTag(name, attributes);
    if (!VOID_TAGS.has(name) && !(selfClosing && !allowed)) {
      this.stack.push({ name, own: false, written: allowed, nonText: NON_TEXT_TAGS.has(name), closed: false });
    }
    return out;
  }

  /**
   * Closes the nearest open element named `name` and everything inside it.
   * An end tag that finds none is dropped, but for `</p>` and `</br>`, which
   * a browser turns into an empty paragraph and a line break (`stray`).
   */
  private endTag(name: string, stray = true): string {
    let at = -1;
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const element = this.stack[i] as OpenElement;
      if (element.closed || (element.own && !element.written)) continue;
      if (element.name === name) {
        at = i;
        break;
      }
      if (SCOPE_BOUNDARIES.has(element.name)) break;
    }
    if (at < 0) return !stray ? '' : name === 'p' ? '<p></p>' : name === 'br' ? '<br />' : '';
    let out = '';
    for (let i = this.stack.length - 1; i >= at; i--) {
      const element = this.stack[i] as OpenElement;
      if (element.closed) continue;
      if (element.written) out += `</${element.name}>`;
      if (element.own) element.closed = true;
      else this.stack.splice(i, 1);
    }
    return out;
  }

  private writeStartTag(name: string, attributes: readonly [string, string][]): string {
    if (name === 'img') return this.image(attributes);
    let out = `<${name}`;
    let alignment: string | undefined;
    for (const [attribute, value] of attributes) {
      if ((name === 'th' || name === 'td') && (attribute === 'style' || attribute === 'align')) {
        alignment ??= (attribute === 'style' ? ALIGN_STYLE.exec(value) : ALIGN_VALUE.exec(value))?.[1]?.toLowerCase();
        continue;
      }
      if (name === 'a' && attribute === 'href') {
        const decided = linkAttributes(value, this.policy);
        if (decided.href !== undefined && schemeAllowed('a', decided.href)) out += ` href="${escapeAttribute(decided.href)}"`;
        if (decided['data-href'] !== undefined) out += ` data-href="${escapeAttribute(decided['data-href'])}"`;
        continue;
      }
      out += this.attribute(name, attribute, value);
    }
    if (alignment !== undefined) out += ` class="postdesk-align-${alignment}"`;
    return `${out}${VOID_TAGS.has(name) ? ' />' : '>'}`;
  }

  private attribute(tag: string, name: string, value: string): string {
    if (!attributeAllowed(tag, name)) return '';
    if (name === 'id') return ` id="user-content-${value.replace(/[^\w-]/g, '')}"`;
    if (name === 'class') {
      // Only on `code`: the article's language class.
      const kept = value.split(/\s+/).filter((c) => c.startsWith('language-')).join(' ');
      return kept === '' ? '' : ` class="${escapeAttribute(kept)}"`;
    }
    if (URL_ATTRIBUTES.has(name) && !schemeAllowed(tag, value)) return '';
    return ` ${name}="${escapeAttribute(value)}"`;
  }

  private image(attributes: readonly [string, string][]): string {
    const src = attributes.find(([n]) => n === 'src')?.[1] ?? '';
    const alt = attributes.find(([n]) => n === 'alt')?.[1] ?? '';
    const decision = imageDecision(src, alt, this.policy);
    if (decision.kind === 'placeholder') {
      const text = escapeAttribute(decision.text);
      return `<span class="${PLACEHOLDER_CLASS}" role="img" aria-label="${text}" title="${escapeAttribute(decision.title)}">${text}</span>`;
    }
    if (!schemeAllowed('img', decision.src)) return '';
    let out = `<img src="${escapeAttribute(decision.src)}"`;
    for (const [name, value] of attributes) if (name !== 'src') out += this.attribute('img', name, value);
    return `${out} />`;
  }
}

/** Where the end tag of raw-text element `name` ends, from `from`; undefined when it is not in `html`. */
function findEndTag(html: string, name: string, from: number): number | undefined {
  const pattern = new RegExp(`</${name}(?=[\\s/>])[^>]*>`, 'gi');
  pattern.lastIndex = from;
  const match = pattern.exec(html);
  return match === null ? undefined : match.index + match[0].length;
}
