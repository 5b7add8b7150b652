// The one object the webview host gives the page. Typed with the shared
// protocol so the page can only send messages the extension understands.
import type { FromPageMessage, PreviewPageState } from '../preview/protocol';

export interface PreviewHostApi {
  postMessage(message: FromPageMessage): void;
  getState(): unknown;
  setState(state: PreviewPageState): void;
}

declare function acquireVsCodeApi(): PreviewHostApi;

/** acquireVsCodeApi may be called only once per page; main.ts calls this once and passes the result around. */
export function acquireHost(): PreviewHostApi {
  return acquireVsCodeApi();
}
