// Composes Postdesk's features for either extension host. Each feature's
// register…() takes only what it uses and returns a Disposable; this file
// only wires them together (docs/architecture.md).
import type * as vscode from 'vscode';
import { ConfigService } from './config/configService';
import type { FileTimesHost } from './config/fileTimes';
import { PostIndex } from './index/postIndex';
import { PostAddresses } from './index/postAddresses';
import { linkAddressKeys } from './core/site/postAddress';
import type { ContentReader } from './index/reader';
import { registerPostsView } from './tree';
import { registerCommands } from './commands';
import { registerPreview } from './preview';
import { registerDiagnostics } from './diagnostics';
import { reportActivationFailure } from './activationFailure';
import { DocumentAnalyses } from './analysis/documentAnalyses';
import { DisposableStore, type IDisposable } from './common/dispose';
import { analysisProbe } from './analysis/probe';
import type { PostdeskApi } from './testApi';

export type { PostdeskApi } from './testApi';

/** What differs between the Node and the web-worker extension hosts; composition disposes what is disposable. */
export interface HostServices {
  readonly reader: ContentReader & Partial<IDisposable>;
  /** Local files' times and commit dates, for the date sources that read them; absent where the host cannot learn them (the web). */
  readonly fileTimes?: FileTimesHost;
}

/**
 * Builds every feature into one store, owned by the extension's
 * subscriptions. When a step throws, everything built before it is disposed
 * (nothing keeps watching files or holding a worker), and the failure is
 * reported once, with its details in the Postdesk output channel.
 */
export function composePostdesk(context: vscode.ExtensionContext, host: HostServices): PostdeskApi {
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
  const store = new DisposableStore();
  try {
    const { reader } = host;
    if (reader.dispose) store.add({ dispose: () => reader.dispose?.() });
    const config = store.add(new ConfigService(host.fileTimes));
    const analyses = store.add(new DocumentAnalyses(config));
    const index = store.add(new PostIndex(config, analyses, reader));
    store.add(registerCommands(index));
    const diagnostics = store.add(registerDiagnostics(index, config, analyses));
    const addresses = store.add(new PostAddresses(index));
    const preview = store.add(registerPreview(context.extensionUri, config, analyses, (href, site) => addresses.find(linkAddressKeys(href, site))));
    const postsView = store.add(registerPostsView(index, config));
    context.subscriptions.push(store);
    return { version, index, tree: postsView.api, preview: preview.api, analyses: analysisProbe(analyses), diagnostics: diagnostics.probe };
  } catch (error) {
    store.dispose();
    // One clear message (details in the Postdesk output channel) instead of a view that silently stays empty.
    reportActivationFailure(error, context.subscriptions);
    throw error;
  }
}
