// The shared shape of a feature's typed settings (PreviewSettings,
// NewPostSettings, DiagnosticsSettings, TreeSettings): each reads its section
// once per workspace folder, again only after onDidChangeConfiguration says
// the section changed, and then fires its own onDidChange. Features read
// `settings.for(uri).someSetting`, never a setting's name.
import * as vscode from 'vscode';
import { Disposable } from '../common/dispose';

export abstract class FeatureSettings<T> extends Disposable {
  /** Each workspace folder's values (key: folder URI; '' outside any folder). */
  private readonly byFolder = new Map<string, T>();
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());

  /** Fires after a change to one of the sections (the next `for` reads them again). */
  readonly onDidChange = this.changeEmitter.event;

  /** `sections`: the settings read by `read`, e.g. `postdesk.preview`. */
  protected constructor(private readonly sections: readonly string[]) {
    super();
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!this.sections.some((section) => event.affectsConfiguration(section))) return;
        this.byFolder.clear();
        this.changeEmitter.fire();
      }),
    );
    // A folder added or removed changes which folder's settings a file takes.
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.byFolder.clear()));
  }

  /** The values that apply to a file (its workspace folder's), or the window's without one. */
  for(uri?: vscode.Uri): T {
    const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
    const key = folder ? folder.uri.toString() : '';
    let values = this.byFolder.get(key);
    if (values === undefined) {
      values = this.read(folder?.uri);
      this.byFolder.set(key, values);
    }
    return values;
  }

  /** Reads the values for one scope; a value of the wrong type (hand-edited settings.json) gets its default. */
  protected abstract read(scope: vscode.Uri | undefined): T;
}

/** A setting's value when it has the expected type, else `fallback`. */
export function typed<T>(settings: vscode.WorkspaceConfiguration, key: string, isType: (value: unknown) => value is T, fallback: T): T {
  const value = settings.get<unknown>(key);
  return isType(value) ? value : fallback;
}

export const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
export const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
export const isString = (value: unknown): value is string => typeof value === 'string';
export const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');
