// Turns what reading a file gave into the index's entry for it: the full
// analysis (post and findings), or only the listing summary that the first
// scan shows before the findings are known.
import * as vscode from 'vscode';
import { decodeFile, fileProblemFinding, summarizeListing } from '../core';
import { detached } from '../core/detach';
import type { Analysis, Finding, ListedPost, MessageTemplate, PostdeskConfig } from '../core/types';
import { localizeText } from '../common/localize';
import type { ConfigService } from '../config/configService';
import { enginePath } from '../config/paths';
import { fileTooLargeMessage, type DocumentAnalyses } from '../analysis/documentAnalyses';
import type { ReadResult } from './reader';
import { fallbackPost } from './support';

/** One file in the index: its post, its findings, and where they came from. */
export interface IndexedPost {
  readonly uri: vscode.Uri;
  readonly folder?: vscode.WorkspaceFolder;
  /** Without its word count while only listed (`analyzed` false). */
  readonly post: ListedPost;
  readonly findings: readonly Finding[];
  /** Why the file could not be read or parsed, for tooltips. */
  readonly problem?: string;
  /** True when built from an open editor's unsaved text. */
  readonly fromOpenEditor: boolean;
  /**
   * False while only the post is known: the first scan lists every post
   * before it runs the rules, and a later change (`findingsOnly`) brings the
   * findings and the post's word count.
   */
  readonly analyzed: boolean;
}

/** `full`: post and findings; `summary`: the post only, findings to follow (unless the file has a problem to report). */
export type EntryDepth = 'full' | 'summary';

/** Shared by every entry without findings (most of them): nothing ever mutates an entry's findings. */
export const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

export class IndexEntries {
  constructor(
    private readonly config: ConfigService,
    private readonly analyses: DocumentAnalyses,
  ) {}

  /** The entry for a file that was read; undefined when it no longer exists. */
  fromRead(uri: vscode.Uri, folder: vscode.WorkspaceFolder | undefined, result: ReadResult, depth: EntryDepth): IndexedPost | undefined {
    const config = this.config.forFolder(folder);
    switch (result.kind) {
      case 'missing':
        return undefined;
      case 'too-large':
        return this.unreadable(uri, folder, fileTooLargeMessage(config.maxFileSize));
      case 'error':
        return this.unreadable(uri, folder, vscode.l10n.t('The file could not be read: {0}', result.message));
      case 'bytes': {
        const decoded = decodeFile(result.bytes, config.maxFileSize);
        // Grown past the limit between the size check and the read: said as the size check says it.
        if (!decoded.ok && decoded.reason === 'too-large') return this.unreadable(uri, folder, fileTooLargeMessage(config.maxFileSize));
        if (!decoded.ok) return this.unreadable(uri, folder, decoded.message, decoded.messageTemplate);
        return depth === 'summary' ? this.summary(uri, folder, decoded.text, config) : this.fromAnalysis(uri, folder, this.analyses.analysisOfText(uri, decoded.text, config, folder), false);
      }
    }
  }

  private fromAnalysis(uri: vscode.Uri, folder: vscode.WorkspaceFolder | undefined, analysis: Analysis, fromOpenEditor: boolean): IndexedPost {
    const problem = analysis.findings.find((finding) => finding.rule === 'front-matter' || finding.rule === 'file');
    // Kept for the whole session: copies, so the entry does not hold the file's text (see detach.ts).
    const findings = analysis.findings.length === 0 ? NO_FINDINGS : detached(analysis.findings);
    return { uri, folder, post: detached(analysis.post), findings, problem: problem && detached(problem.message), fromOpenEditor, analyzed: true };
  }

  /** An open document's entry, from its shared analysis (the diagnostics and the preview ask for the same one). */
  fromDocument(document: vscode.TextDocument, folder: vscode.WorkspaceFolder | undefined): IndexedPost {
    return this.fromAnalysis(document.uri, folder, this.analyses.analysisOf(document), document.isDirty);
  }

  private summary(uri: vscode.Uri, folder: vscode.WorkspaceFolder | undefined, text: string, config: PostdeskConfig): IndexedPost {
    const summary = summarizeListing({ path: enginePath(uri), text }, config, new Date(), this.config.siteContext(uri, text, folder));
    // A post whose front matter does not parse is listed with its problem right away (the tree files it under Undated).
    if (summary.frontMatterProblem) return this.fromAnalysis(uri, folder, this.analyses.analysisOfText(uri, text, config, folder), false);
    return { uri, folder, post: detached(summary.post), findings: NO_FINDINGS, fromOpenEditor: false, analyzed: false };
  }

  /** `problem` is in the display language already, or English with the engine's `template` for it. */
  private unreadable(uri: vscode.Uri, folder: vscode.WorkspaceFolder | undefined, problem: string, template?: MessageTemplate): IndexedPost {
    const severity = this.config.forFolder(folder).severity.file;
    const findings = severity === 'off' ? [] : [fileProblemFinding(problem, severity, template)];
    return { uri, folder, post: fallbackPost(enginePath(uri)), findings, problem: localizeText(problem, template), fromOpenEditor: false, analyzed: true };
  }
}

/**
 * Whether the analysed entry of a file shows what its listed entry shows in
 * the Posts view: only the findings and the word count (which the listing
 * leaves out) may differ.
 */
export function sameListing(listed: IndexedPost, analyzed: IndexedPost): boolean {
  return (
    listed.problem === analyzed.problem &&
    listed.fromOpenEditor === analyzed.fromOpenEditor &&
    JSON.stringify(listed.post) === JSON.stringify({ ...analyzed.post, wordCount: listed.post.wordCount })
  );
}

/**
 * The listed entry with the analysis's findings and word count. The listed
 * post's parts (long-lived by now) are kept: a large site would otherwise
 * replace 100,000 old objects, which the garbage collector pays for in long
 * pauses.
 */
export function withAnalysis(listed: IndexedPost, analyzed: IndexedPost): IndexedPost {
  const { wordCount } = analyzed.post;
  const post = listed.post.wordCount === wordCount ? listed.post : { ...listed.post, wordCount };
  return { ...listed, post, findings: analyzed.findings.length > 0 ? analyzed.findings : NO_FINDINGS, analyzed: true };
}
