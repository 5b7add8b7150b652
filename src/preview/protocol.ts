// The messages between the extension and the preview page, typed once and
// compiled into both sides (src/webview's tsconfig includes this file). Pure
// types and guards only: no editor API, no DOM.

export type PreviewStatus = 'published' | 'draft' | 'scheduled' | 'expired' | 'unlisted' | 'undated';

/** The article as the page draws it; every string is text except `bodyHtml` (already sanitised). */
export interface PreviewArticle {
  readonly title: string;
  readonly dateText?: string;
  readonly status: PreviewStatus;
  /** Localised badge text ("Draft"); undefined for a published post. */
  readonly statusLabel?: string;
  /** Localised "by …" line naming every author ("by Ann, Bob and Cy"); undefined without an author. */
  readonly authorText?: string;
  /** Every author's name, in the post's order; empty without one. */
  readonly authors: readonly string[];
  /** The byline's tooltip: each author with a role ("Ann — Maintainer"), a line each; undefined when none has one. */
  readonly authorTooltip?: string;
  /** The post's tags, each once. */
  readonly tags: readonly string[];
  /** The post's categories, each once, drawn apart from (before) the tags. */
  readonly categories: readonly string[];
  /** Localised names of the two lists, for screen readers ("Tags", "Categories"). */
  readonly tagsLabel?: string;
  readonly categoriesLabel?: string;
  /** The front matter's description: a lead paragraph under the title, drawn as text. */
  readonly description?: string;
  /** The cover image, resolved like the body's images; undefined when the post names none. */
  readonly cover?: PreviewCover;
  /** The post's address on its site, when its generator makes it knowable (shown as text). */
  readonly url?: string;
  /** Localised "1,234 words · 6 min read". */
  readonly statsText: string;
  readonly bodyHtml: string;
  readonly markerCount: number;
}

/** A post's cover image as the page draws it. */
export type PreviewCover =
  /** Load `src` (a webview resource, a data: image, or https when remote images are allowed); `missingText` replaces it when it does not load. */
  | { readonly kind: 'image'; readonly src: string; readonly alt: string; readonly missingText: string }
  /** Not loaded (blocked or unresolvable): `text` names the reason and the address. */
  | { readonly kind: 'placeholder'; readonly text: string };

/** Extension → page. */
export type ToPageMessage =
  | {
      readonly type: 'render';
      /** The previewed document, kept in the page state so a reload can restore it. */
      readonly uri: string;
      readonly version: number;
      readonly article: PreviewArticle;
      readonly locked: boolean;
      /** Number of lines in the document, for scroll mapping past the last element. */
      readonly lineCount: number;
      readonly scrollEditorWithPreview: boolean;
      /** Scroll here after drawing (first render of a document); undefined keeps the position. */
      readonly scrollToLine?: number;
    }
  | { readonly type: 'scrollToLine'; readonly line: number }
  | { readonly type: 'locked'; readonly locked: boolean };

export type OpenLinkKind = 'external' | 'relative';

/** Page → extension. */
export type FromPageMessage =
  | { readonly type: 'ready' }
  /** Sent after a render message has been drawn; lets tests see what the page shows. */
  | { readonly type: 'rendered'; readonly version: number; readonly title: string; readonly dateText?: string; readonly markerCount: number }
  | { readonly type: 'revealLine'; readonly line: number }
  | { readonly type: 'openLink'; readonly href: string; readonly kind: OpenLinkKind }
  /** The page scrolled (by the user): the fractional document line now at its top. */
  | { readonly type: 'didScroll'; readonly line: number };

/** What the page keeps with vscode.setState, read back by the panel serializer after a reload. */
export interface PreviewPageState {
  readonly uri: string;
  readonly locked: boolean;
  readonly line?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const isLine = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** The extension never trusts the page's messages: they are checked field by field. */
export function isFromPageMessage(value: unknown): value is FromPageMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
      return true;
    case 'rendered':
      return typeof value.version === 'number' && typeof value.title === 'string' && typeof value.markerCount === 'number';
    case 'revealLine':
    case 'didScroll':
      return isLine(value.line);
    case 'openLink':
      return typeof value.href === 'string' && (value.kind === 'external' || value.kind === 'relative');
    default:
      return false;
  }
}

export function isPreviewPageState(value: unknown): value is PreviewPageState {
  return isRecord(value) && typeof value.uri === 'string' && typeof value.locked === 'boolean' && (value.line === undefined || isLine(value.line));
}

export function isToPageMessage(value: unknown): value is ToPageMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'render':
      return typeof value.uri === 'string' && isRecord(value.article) && typeof value.version === 'number';
    case 'scrollToLine':
      return isLine(value.line);
    case 'locked':
      return typeof value.locked === 'boolean';
    default:
      return false;
  }
}
