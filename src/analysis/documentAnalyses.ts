// One analysis per document version: the index, the diagnostics (and their
// code actions and hover) and the preview all ask here, so an open post is
// analysed once per change, whoever asks first. An analysis is kept for its
// document's version and the configuration's generation (settings, config
// files, the sites detected); a newer version or generation analyses again.
import * as vscode from 'vscode';
import { analyze, fileProblemFinding } from '../core';
import type { Analysis, PostdeskConfig } from '../core/types';
import { Disposable } from '../common/dispose';
import type { ConfigService } from '../config/configService';
import { enginePath } from '../config/paths';

/** Told of every analysis made (not of those served from the cache): what the test API counts. */
export interface AnalysisEvent {
  readonly uri: vscode.Uri;
  /** The document's version, or undefined for text read from disk. */
  readonly version: number | undefined;
  readonly ms: number;
}

interface CachedAnalysis {
  readonly version: number;
  readonly generation: number;
  readonly analysis: Analysis;
}

export class DocumentAnalyses extends Disposable {
  /** The latest analysis of each open document, keyed by URI string. */
  private readonly cache = new Map<string, CachedAnalysis>();
  private readonly analyzedEmitter = this._register(new vscode.EventEmitter<AnalysisEvent>());

  readonly onDidAnalyze = this.analyzedEmitter.event;

  constructor(private readonly config: ConfigService) {
    super();
    this._register(vscode.workspace.onDidCloseTextDocument((document) => this.cache.delete(document.uri.toString())));
    // Saving changes a file's modification time but not its document's version: a post dated by its file's times is analysed again.
    this._register(
      vscode.workspace.onDidSaveTextDocument((document) => {
        const key = document.uri.toString();
        if (this.cache.get(key)?.analysis.site?.fileTimes) this.cache.delete(key);
      }),
    );
    // Older generations are never asked for again: let their analyses go.
    this._register(config.onDidChange(() => this.cache.clear()));
  }

  /** Whether a file is one of the workspace's posts (ConfigService's answer, here for the features that ask for analyses). */
  isContent(uri: vscode.Uri): boolean {
    return this.config.isContent(uri);
  }

  /** The engine's analysis of a document's current text: made once per version and configuration, whoever asks first. */
  analysisOf(document: vscode.TextDocument): Analysis {
    const key = document.uri.toString();
    const generation = this.config.generation;
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version && cached.generation === generation) return cached.analysis;
    const analysis = this.analyze(document.uri, document.getText(), document.version);
    // Closed while it was asked about (a quick fix on a document being closed): nothing to keep it for.
    if (!document.isClosed) this.cache.set(key, { version: document.version, generation, analysis });
    return analysis;
  }

  /** The analysis of a document's current version when one was made already; never analyses. */
  cachedAnalysisOf(document: vscode.TextDocument): Analysis | undefined {
    const cached = this.cache.get(document.uri.toString());
    return cached && cached.version === document.version && cached.generation === this.config.generation ? cached.analysis : undefined;
  }

  /**
   * The analysis of a file's text read from disk (no document, so nothing to
   * cache it under): the same recipe. `config`: the file's folder's, when the
   * caller holds it already (a scan of 100,000 files); `foundIn`: the
   * workspace folder a listing found the file in.
   */
  analysisOfText(uri: vscode.Uri, text: string, config?: PostdeskConfig, foundIn?: vscode.WorkspaceFolder): Analysis {
    return this.analyze(uri, text, undefined, config, foundIn);
  }

  private analyze(uri: vscode.Uri, text: string, version: number | undefined, config = this.config.forUri(uri), foundIn?: vscode.WorkspaceFolder): Analysis {
    const started = performance.now();
    const document = { path: enginePath(uri), text, ...(version !== undefined ? { version } : {}) };
    const analysis = exceedsSize(text, config.maxFileSize) ? oversized(document, config) : analyze(document, config, { site: this.config.siteContext(uri, text, foundIn) });
    this.analyzedEmitter.fire({ uri, version, ms: performance.now() - started });
    return analysis;
  }
}

/** UTF-8 size over the limit; encodes only when the UTF-16 length leaves it open (1 to 3 bytes per code unit). */
function exceedsSize(text: string, maxBytes: number): boolean {
  if (text.length > maxBytes) return true;
  if (text.length * 3 <= maxBytes) return false;
  return new TextEncoder().encode(text).length > maxBytes;
}

/** The one wording, in the editor, of a file over postdesk.maxFileSize (open, or refused by its size when read). */
export function fileTooLargeMessage(maxFileSize: number): string {
  return vscode.l10n.t('The file is larger than {0} bytes (postdesk.maxFileSize): Postdesk does not check it.', maxFileSize);
}

/** What a file over postdesk.maxFileSize gets everywhere: one `file` finding, no parsing. */
function oversized(document: { readonly path: string; readonly text: string; readonly version?: number }, config: PostdeskConfig): Analysis {
  const empty = analyze({ ...document, text: '' }, config);
  const severity = config.severity.file;
  return { ...empty, findings: severity === 'off' ? [] : [fileProblemFinding(fileTooLargeMessage(config.maxFileSize), severity)] };
}
