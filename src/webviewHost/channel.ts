// The typed message channel between the extension and one webview page,
// generic over the page's protocol (its protocol.ts): the extension can only
// send what the page understands, and hears only messages that pass the
// protocol's guard (a page's messages are never trusted as they come).
import type * as vscode from 'vscode';

export class WebviewChannel<ToPage, FromPage> implements vscode.Disposable {
  private readonly listeners: vscode.Disposable[] = [];

  constructor(
    private readonly webview: vscode.Webview,
    private readonly isFromPage: (message: unknown) => message is FromPage,
  ) {}

  /** Resolves false when the page is gone or not yet listening. */
  post(message: ToPage): Thenable<boolean> {
    return this.webview.postMessage(message);
  }

  /** Calls `listener` with each message from the page that its protocol's guard accepts; the rest are dropped. */
  onMessage(listener: (message: FromPage) => void): vscode.Disposable {
    const subscription = this.webview.onDidReceiveMessage((message: unknown) => {
      if (this.isFromPage(message)) listener(message);
    });
    this.listeners.push(subscription);
    return subscription;
  }

  dispose(): void {
    for (const listener of this.listeners.splice(0)) listener.dispose();
  }
}
