// Composes Postdesk's features for either extension host. Each feature's
// register…() returns a Disposable; this file only wires them together.
import type * as vscode from 'vscode';
import { ConfigService } from './config/configService';
import { PostIndex } from './index/postIndex';
import type { ContentReader } from './index/reader';
import { registerPostsView, type PostsViewApi } from './tree';
import { registerCommands } from './commands';
import { registerPreview, type PreviewApi } from './preview';
import { registerDiagnostics } from './diagnostics';
import { reportActivationFailure } from './activationFailure';

/** What activate() hands to tests and other extensions: small and typed. */
export interface PostdeskApi {
  readonly version: string;
  /** The workspace's posts as the engine reads them. */
  readonly index: PostIndex;
  /** The Posts view's rows as rendered, for tests and the extension-host benchmark. */
  readonly tree: PostsViewApi;
  /** The preview panel's state (what it shows, what the page drew), for tests. */
  readonly preview: PreviewApi;
}

/** What differs between the Node and the web-worker extension hosts. */
export interface HostServices {
  readonly reader: ContentReader;
}

export function composePostdesk(context: vscode.ExtensionContext, host: HostServices): PostdeskApi {
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
  try {
    const config = new ConfigService();
    const index = new PostIndex(config, host.reader);
    const postsView = registerPostsView(index, config);
    const preview = registerPreview(context, config);
    context.subscriptions.push(
      config,
      index,
      postsView,
      registerCommands(context, index, config),
      registerDiagnostics(context, index, config),
      preview,
    );
    return { version, index, tree: postsView.api, preview: preview.api };
  } catch (error) {
    // One clear message (details in the Postdesk output channel) instead of a view that silently stays empty.
    reportActivationFailure(error, context.subscriptions);
    throw error;
  }
}
