// One place that answers "which Postdesk configuration applies to this file":
// the postdesk.* settings of the file's workspace folder, overlaid by the
// folder's postdesk.config.json (the file the CLI reads too, so the editor and
// `postdesk check` agree). Reacts to both without a reload.
import * as vscode from 'vscode';
import { DEFAULT_CONFIG, parseConfigText, resolveConfig } from '../core';
import { localizeText } from '../common/localize';
import type { PostdeskConfig, RuleId, SeveritySetting } from '../core/types';

export const CONFIG_FILE_NAME = 'postdesk.config.json';

/** The settings that feed the engine, read in one typed place. */
function readSettings(scope: vscode.Uri | undefined): Partial<PostdeskConfig> {
  const settings = vscode.workspace.getConfiguration('postdesk', scope);
  const severity = settings.get<Partial<Record<RuleId, SeveritySetting>>>('severity') ?? {};
  return {
    include: settings.get<string[]>('content.include') ?? DEFAULT_CONFIG.include,
    exclude: settings.get<string[]>('content.exclude') ?? DEFAULT_CONFIG.exclude,
    dateFields: settings.get<string[]>('dateFields') ?? DEFAULT_CONFIG.dateFields,
    markers: settings.get<string[]>('markers') ?? DEFAULT_CONFIG.markers,
    severity: { ...DEFAULT_CONFIG.severity, ...severity },
    maxFileSize: settings.get<number>('maxFileSize') ?? DEFAULT_CONFIG.maxFileSize,
  };
}

/** Settings whose change alters what the engine reports or indexes. */
const ENGINE_SETTINGS = ['postdesk.content', 'postdesk.dateFields', 'postdesk.markers', 'postdesk.severity', 'postdesk.maxFileSize'];

export class ConfigService implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly fileLayers = new Map<string, Partial<PostdeskConfig>>();
  private readonly fileReads = new Map<string, number>();
  private readonly resolved = new Map<string, PostdeskConfig>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly fileProblems = vscode.languages.createDiagnosticCollection('postdesk-config');

  /** Fires after any change that may alter findings or the set of indexed files. */
  readonly onDidChange = this.changeEmitter.event;
  /** Resolves once every folder's postdesk.config.json has been read. */
  ready: Promise<void>;

  constructor() {
    this.disposables.push(this.changeEmitter, this.fileProblems);
    this.ready = this.loadAllFiles();
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (ENGINE_SETTINGS.some((section) => event.affectsConfiguration(section))) {
          this.resolved.clear();
          this.changeEmitter.fire();
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.ready = this.loadAllFiles().then(() => this.changeEmitter.fire());
      }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    const onFileEvent = (uri: vscode.Uri): void => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      // Only a config file at a folder's root counts, as for the CLI.
      if (!folder || !isSameUri(uri, vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME))) return;
      void this.loadFile(folder).then(() => this.changeEmitter.fire());
    };
    this.disposables.push(watcher, watcher.onDidCreate(onFileEvent), watcher.onDidChange(onFileEvent), watcher.onDidDelete(onFileEvent));
  }

  /** The configuration that applies to a document (defaults plus settings outside any folder). */
  forUri(uri: vscode.Uri): PostdeskConfig {
    return this.forFolder(vscode.workspace.getWorkspaceFolder(uri));
  }

  forFolder(folder: vscode.WorkspaceFolder | undefined): PostdeskConfig {
    const key = folder ? folder.uri.toString() : '';
    let config = this.resolved.get(key);
    if (!config) {
      config = resolveConfig(DEFAULT_CONFIG, readSettings(folder?.uri), this.fileLayers.get(key) ?? {});
      this.resolved.set(key, config);
    }
    return config;
  }

  private async loadAllFiles(): Promise<void> {
    this.fileLayers.clear();
    this.resolved.clear();
    this.fileProblems.clear();
    await Promise.all((vscode.workspace.workspaceFolders ?? []).map((folder) => this.loadFile(folder)));
  }

  /** Reads one folder's postdesk.config.json; problems go to the Problems panel on that file. */
  private async loadFile(folder: vscode.WorkspaceFolder): Promise<void> {
    const uri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
    const key = folder.uri.toString();
    // A read that finishes after a newer one started must not win.
    const generation = (this.fileReads.get(key) ?? 0) + 1;
    this.fileReads.set(key, generation);
    let text: string | undefined;
    try {
      text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      text = undefined;
    }
    if (this.fileReads.get(key) !== generation) return;
    if (text === undefined) {
      this.fileLayers.delete(key);
      this.fileProblems.delete(uri);
    } else {
      const { config, errors } = parseConfigText(text, uri.path);
      this.fileLayers.set(key, config);
      this.fileProblems.set(uri, errors.map((error) => {
        // The problem sits on the file itself: the sentence alone, in the display language.
        const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), localizeText(error.message, error.messageTemplate), vscode.DiagnosticSeverity.Error);
        diagnostic.source = 'postdesk';
        return diagnostic;
      }));
    }
    // Cleared only now: a settings change during the read must not cache the old file's layer.
    this.resolved.clear();
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

function isSameUri(a: vscode.Uri, b: vscode.Uri): boolean {
  return a.toString() === b.toString();
}
