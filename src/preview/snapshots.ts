// What the preview last sent to its page and what the page reported it drew:
// kept by the preview manager for the panel's title and exposed to the tests
// (api.preview), so they check what the page shows, not internals.
import type { PreviewArticle, PreviewStatus } from './protocol';

/** What the extension last sent to the page (for tests and the title). */
export interface PreviewSnapshot {
  readonly uri: string;
  readonly documentVersion: number;
  /** Increases with every render message. */
  readonly renderId: number;
  /** When the render began (Date.now()): the throttle spaces renders by their starts. */
  readonly startedAt: number;
  readonly title: string;
  readonly dateText?: string;
  readonly status: PreviewStatus;
  readonly markerCount: number;
  readonly bodyHtml: string;
  readonly locked: boolean;
  /** The post's URL shown in the header, when its site makes it knowable. */
  readonly url?: string;
  /** The article as sent to the page (header fields and all). */
  readonly article: PreviewArticle;
}

/** What the page reported it drew. */
export interface PageReport {
  readonly renderId: number;
  readonly title: string;
  readonly dateText?: string;
  readonly markerCount: number;
}
