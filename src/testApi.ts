// What activate() returns: the one typed API that integration tests, the
// extension-host benchmarks and other extensions read, composed from small
// per-feature probe objects (each feature's own file says what it shows), so
// no shipping class carries a probe of its own.
import type { PostIndex } from './index/postIndex';
import type { PostsViewApi } from './tree';
import type { PreviewApi } from './preview';
import type { AnalysisProbe } from './analysis/probe';
import type { DiagnosticsProbe } from './diagnostics';

export interface PostdeskApi {
  readonly version: string;
  /** The workspace's posts as the engine reads them. */
  readonly index: PostIndex;
  /** The Posts view's rows as rendered, for tests and the extension-host benchmark. */
  readonly tree: PostsViewApi;
  /** The preview panel's state (what it shows, what the page drew), for tests. */
  readonly preview: PreviewApi;
  /** How often each document version was analysed (src/analysis), for tests. */
  readonly analyses: AnalysisProbe;
  /** What the last diagnostics checks cost (src/diagnostics/probe.ts), for the extension-host benchmarks. */
  readonly diagnostics: DiagnosticsProbe;
  /** V8's code cache of the bundle (src/node/codeCache.ts): the Node extension host only. */
  readonly codeCache?: CodeCacheProbe;
}

export interface CodeCacheProbe {
  /** Whether this activation compiled the bundle from the cache. */
  readonly used: boolean;
  /** The cache file written after this start, or undefined when none was (one was used, or it could not be written). */
  readonly saved: Promise<string | undefined>;
}
