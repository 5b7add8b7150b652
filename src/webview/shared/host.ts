// The page half of the webview shell, shared by every page: the one object
// VS Code gives a page (acquireVsCodeApi, callable once), typed with the
// page's protocol so it can send only what the extension understands, and
// the page's inbox, which hears only messages that pass the protocol's guard.

/** What VS Code gives the page, untyped. */
interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The page's side of its channel: `FromPage` messages out, its saved `State` kept across reloads. */
export interface PageHost<FromPage, State> {
  postMessage(message: FromPage): void;
  /** The state saved before the page was reloaded, if it passes the page's guard. */
  getState(): State | undefined;
  setState(state: State): void;
}

let acquired = false;

/** Call once per page (VS Code refuses a second acquireVsCodeApi) and pass the result around. */
export function acquireHost<FromPage, State>(isState: (value: unknown) => value is State): PageHost<FromPage, State> {
  if (acquired) throw new Error('acquireHost: the page already has its host');
  acquired = true;
  const api = acquireVsCodeApi();
  return {
    postMessage: (message) => api.postMessage(message),
    getState: () => {
      const state = api.getState();
      return isState(state) ? state : undefined;
    },
    setState: (state) => api.setState(state),
  };
}

/** Calls `handler` with each message from the extension that the protocol's guard accepts; returns the unsubscribe. */
export function onMessage<ToPage>(isToPage: (value: unknown) => value is ToPage, handler: (message: ToPage) => void): () => void {
  const listener = (event: MessageEvent<unknown>): void => {
    if (isToPage(event.data)) handler(event.data);
  };
  window.addEventListener('message', listener);
  return () => window.removeEventListener('message', listener);
}
