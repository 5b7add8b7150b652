// What tests see of the analysis service (through the test API, src/testApi.ts):
// how often each version of a document was analysed while they watched.
import type * as vscode from 'vscode';
import { toDisposable } from '../common/dispose';
import type { DocumentAnalyses } from './documentAnalyses';

export interface AnalysisRecording extends vscode.Disposable {
  /** How many times each version of a document was analysed since the recording started (version → count). */
  countsOf(uri: vscode.Uri): ReadonlyMap<number, number>;
  /** Analyses of open documents since the recording started. */
  readonly total: number;
}

export interface AnalysisProbe {
  /** Counts the analyses of open documents from now until the recording is disposed (nothing is counted otherwise). */
  record(): AnalysisRecording;
}

export function analysisProbe(analyses: DocumentAnalyses): AnalysisProbe {
  return {
    record() {
      const counts = new Map<string, Map<number, number>>();
      let total = 0;
      const listener = analyses.onDidAnalyze(({ uri, version }) => {
        // Text read from disk by the index's scans has no version: not a document's analysis.
        if (version === undefined) return;
        const key = uri.toString();
        const versions = counts.get(key) ?? new Map<number, number>();
        versions.set(version, (versions.get(version) ?? 0) + 1);
        counts.set(key, versions);
        total++;
      });
      const stop = toDisposable(() => listener.dispose());
      return {
        countsOf: (uri) => counts.get(uri.toString()) ?? new Map(),
        get total() {
          return total;
        },
        dispose: () => stop.dispose(),
      };
    },
  };
}
