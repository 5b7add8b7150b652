// What the extension-host benchmarks read of the diagnostics (through the
// test API, src/testApi.ts): what the last checks cost. Kept here, fed by the
// controller's and the analysis service's events, so the shipping classes
// hold no benchmark state.
import { DisposableStore, type IDisposable } from '../common/dispose';
import type { DocumentAnalyses } from '../analysis/documentAnalyses';
import type { DiagnosticsController } from './controller';

export interface DiagnosticsStats {
  /** Analysing one document version (getText and the engine), wherever it was first needed. */
  readonly lastAnalysis?: { readonly ms: number; readonly uri: string; readonly version: number };
  /** Publishing one open document's findings (the analysis itself when not already made for this version). */
  readonly lastCheck?: { readonly ms: number; readonly uri: string; readonly version: number; readonly analysedBefore: boolean };
  /** The last workspace pass: wall time, the longest slice, the files it published. */
  readonly lastPass?: { readonly ms: number; readonly maxSliceMs: number; readonly files: number };
  /** The last "Check All Posts": the index's rescan, then the pass. */
  readonly lastWorkspaceCheck?: { readonly rescanMs: number; readonly totalMs: number };
}

export interface DiagnosticsProbe {
  /** A copy of what the last checks cost. */
  stats(): DiagnosticsStats;
}

export function diagnosticsProbe(controller: DiagnosticsController, analyses: DocumentAnalyses): DiagnosticsProbe & IDisposable {
  let stats: DiagnosticsStats = {};
  const listeners = new DisposableStore();
  listeners.add(
    analyses.onDidAnalyze(({ uri, version, ms }) => {
      // Text read from disk by the index has no version: not an open document's analysis.
      if (version !== undefined) stats = { ...stats, lastAnalysis: { ms, uri: uri.toString(), version } };
    }),
  );
  listeners.add(controller.onDidCheck(({ uri, version, ms, analysedBefore }) => (stats = { ...stats, lastCheck: { ms, uri: uri.toString(), version, analysedBefore } })));
  listeners.add(controller.onDidPublishWorkspace((pass) => (stats = { ...stats, lastPass: pass })));
  listeners.add(controller.onDidCheckWorkspace((check) => (stats = { ...stats, lastWorkspaceCheck: check })));
  return { stats: () => ({ ...stats }), dispose: () => listeners.dispose() };
}
