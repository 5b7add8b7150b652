// One place that answers "which Postdesk configuration applies to this file":
// the postdesk.* settings of the file's workspace folder, overlaid by the
// folder's postdesk.config.json (the file the CLI reads too, so the editor and
// `postdesk check` agree). Reacts to both without a reload.
import * as vscode from 'vscode';
import { DEFAULT_CONFIG, MAX_FILE_SIZE_LIMIT, createContentMatcher, detectSites, withSiteContent, parseConfigText, plainSiteContext, resolveConfig, siteContextFor, type SiteContext, type SiteSet } from '../core';
import { GENERATORS } from '../core/site/generators';
import { workspaceSiteFiles } from './workspaceSiteFiles';
import { AppearingFolders } from './appearingFolders';
import { localizeText } from '../common/localize';
import { Disposable, toDisposable } from '../common/dispose';
import { folderRelativePath } from './paths';
import { EditorFileTimes, type FileTimesHost } from './fileTimes';
import { fileTimesWanted, withFileTimes, type WantedTimes } from '../core/site/fileTimes';
import type { PostRules } from '../core/site/types';
import type { PostdeskConfig, RuleId, SeveritySetting } from '../core/types';

export const CONFIG_FILE_NAME = 'postdesk.config.json';

/** Whether another workspace folder lies inside `folder` (a multi-root workspace may nest them). */
function holdsOtherFolders(folder: vscode.WorkspaceFolder): boolean {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length < 2) return false;
  const prefix = folder.uri.toString().replace(/\/?$/, '/');
  return folders.some((other) => other.uri.toString().startsWith(prefix));
}

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
    // Never above what one read can hold, whatever the setting says (a larger read aborts the extension host).
    maxFileSize: Math.min(settings.get<number>('maxFileSize') ?? DEFAULT_CONFIG.maxFileSize, MAX_FILE_SIZE_LIMIT),
  };
}

/** Settings whose change alters what the engine reports or indexes. */
const ENGINE_SETTINGS = ['postdesk.content', 'postdesk.dateFields', 'postdesk.markers', 'postdesk.severity', 'postdesk.maxFileSize'];

export class ConfigService extends Disposable {
  private readonly fileLayers = new Map<string, Partial<PostdeskConfig>>();
  private readonly fileReads = new Map<string, number>();
  private readonly resolved = new Map<string, PostdeskConfig>();
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  private readonly fileProblems = this._register(vscode.languages.createDiagnosticCollection('postdesk-config'));
  /** Each folder's sites as their generators see them (detected after its postdesk.config.json is read). */
  private readonly sites = new Map<string, SiteSet>();
  private readonly siteReads = new Map<string, number>();
  private readonly siteTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Generator configs that do not parse, on the config file itself. */
  private readonly siteProblems = this._register(vscode.languages.createDiagnosticCollection('postdesk-site-config'));
  private readonly siteProblemFiles = new Map<string, vscode.Uri[]>();

  /** Fires after any change that may alter findings or the set of indexed files. */
  readonly onDidChange = this.changeEmitter.event;
  /**
   * Grows with every change that may alter an analysis (settings, config
   * files, the sites detected), and once the folders' config files are first
   * read: what an analysis is cached under besides its document's version.
   */
  get generation(): number {
    return this.changes;
  }
  private changes = 0;
  /** Each configuration's include/exclude globs, compiled once (a folder's configuration is replaced when it changes). */
  private readonly matchers = new WeakMap<PostdeskConfig, (relativePath: string) => boolean>();
  /** Resolves once every folder's postdesk.config.json has been read. */
  ready: Promise<void>;

  /** File times for the date sources that read them; absent in a host that cannot learn them (the web). */
  private readonly fileTimes: EditorFileTimes | undefined;
  private readonly wantedTimes = new WeakMap<PostRules, WantedTimes>();

  constructor(fileTimesHost?: FileTimesHost) {
    super();
    // A repository's commit dates arrive after the analyses that asked for them: those are made again.
    this.fileTimes = fileTimesHost ? new EditorFileTimes(fileTimesHost, () => vscode.workspace.isTrusted, () => this.fireChange()) : undefined;
    if (this.fileTimes) {
      const fileTimes = this.fileTimes;
      this._register(
        vscode.workspace.onDidGrantWorkspaceTrust(() => {
          // git was not asked while the workspace was untrusted; a host without file times has nothing to ask again.
          fileTimes.reset();
          this.fireChange();
        }),
      );
    }
    // Anything analysed before the config files were read used the settings alone.
    this.ready = this.loadAllFiles().then(() => void this.changes++);
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (ENGINE_SETTINGS.some((section) => event.affectsConfiguration(section))) {
          this.resolved.clear();
          this.fireChange();
          // A folder without a generator dates its posts by the dateFields setting: read its sites again, then say so once more.
          if (event.affectsConfiguration('postdesk.dateFields')) {
            this.ready = Promise.all((vscode.workspace.workspaceFolders ?? []).map((folder) => this.detectFolderSites(folder))).then(() => this.fireChange());
          }
        }
      }),
    );
    this._register(
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.ready = this.loadAllFiles().then(() => this.fireChange());
      }),
    );
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`));
    const onFileEvent = (uri: vscode.Uri): void => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      // Only a config file at a folder's root counts, as for the CLI.
      if (!folder || !isSameUri(uri, vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME))) return;
      void this.loadFile(folder)
        .then(() => this.detectFolderSites(folder))
        .then(() => this.fireChange());
    };
    this._register(watcher.onDidCreate(onFileEvent));
    this._register(watcher.onDidChange(onFileEvent));
    this._register(watcher.onDidDelete(onFileEvent));
    // A generator's config changing (a new collection, another contentDir or permalink) changes which files are posts and their URLs.
    const siteWatcher = this._register(vscode.workspace.createFileSystemWatcher(SITE_CONFIG_GLOB));
    const onSiteEvent = (uri: vscode.Uri): void => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (folder && this.affectsSites(folder, uri)) this.scheduleSiteDetection(folder);
    };
    this._register(siteWatcher.onDidCreate(onSiteEvent));
    this._register(siteWatcher.onDidChange(onSiteEvent));
    this._register(siteWatcher.onDidDelete(onSiteEvent));
    // A deleted folder reports itself only, not the config files inside it: a site whose root or config was in it is gone.
    const deletions = this._register(vscode.workspace.createFileSystemWatcher('**/*', true, true, false));
    this._register(
      deletions.onDidDelete((uri) => {
        const folder = vscode.workspace.getWorkspaceFolder(uri);
        if (!folder) return;
        const rel = folderRelativePath(folder, uri);
        const sites = this.sites.get(folder.uri.toString());
        const inside = (path: string): boolean => path === rel || path.startsWith(`${rel}/`);
        if (sites && (sites.watchFiles.some(inside) || sites.sites.some((site) => site.root !== '' && inside(site.root)))) this.scheduleSiteDetection(folder);
      }),
    );
    // A folder that appears whole may not report the generator configs inside it.
    this._register(new AppearingFolders(MARKER_NAMES, (folder) => this.scheduleSiteDetection(folder)));
    this._register(toDisposable(() => this.siteTimers.forEach((timer) => clearTimeout(timer))));
  }

  private fireChange(): void {
    this.changes++;
    this.changeEmitter.fire();
  }

  /**
   * Whether a file is content: inside a workspace folder, matched by its
   * include/exclude globs, and published by its site's generator (a README
   * or a template never is). The one answer every feature asks.
   */
  isContent(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder !== undefined && this.isContentPath(folder, folderRelativePath(folder, uri));
  }

  /** `isContent` for a path relative to its folder; `globsApplied` when a walk that applied the globs found it. */
  isContentPath(folder: vscode.WorkspaceFolder, relativePath: string, globsApplied = false): boolean {
    if (!globsApplied && !this.contentMatcher(folder)(relativePath)) return false;
    const sites = this.sites.get(folder.uri.toString());
    return !sites || sites.siteFor(relativePath).classify(relativePath).kind !== 'ignored';
  }

  /** A folder's include/exclude globs, compiled once per configuration. */
  contentMatcher(folder: vscode.WorkspaceFolder): (relativePath: string) => boolean {
    const config = this.forFolder(folder);
    let matcher = this.matchers.get(config);
    if (!matcher) {
      matcher = createContentMatcher(config);
      this.matchers.set(config, matcher);
    }
    return matcher;
  }

  /** The sites detected in a workspace folder; undefined until detection has run. */
  sitesOf(folder: vscode.WorkspaceFolder): SiteSet | undefined {
    return this.sites.get(folder.uri.toString());
  }

  /**
   * A file's place in its site: post, page, section or not content, its
   * generator's rules, and the file's own times when those rules date it by
   * them and this host can learn them. `text` (the file's, when at hand)
   * spares git for a file whose front matter does not ask for it.
   */
  siteContext(uri: vscode.Uri, text?: string, foundIn?: vscode.WorkspaceFolder): SiteContext {
    const folder = this.folderOf(uri, foundIn);
    const sites = folder ? this.sites.get(folder.uri.toString()) : undefined;
    if (!folder || !sites) return plainSiteContext(this.forFolder(folder), uri.path);
    const context = siteContextFor(sites, folderRelativePath(folder, uri));
    if (!this.fileTimes || uri.scheme !== 'file') return context;
    let wanted = this.wantedTimes.get(context.rules);
    if (!wanted) {
      wanted = fileTimesWanted(context.rules);
      this.wantedTimes.set(context.rules, wanted);
    }
    if (!wanted.stat && !wanted.git) return context;
    const siteRoot = context.site.root === '' ? folder.uri : vscode.Uri.joinPath(folder.uri, ...context.site.root.split('/'));
    return withFileTimes(context, this.fileTimes.timesOf(uri.fsPath, siteRoot.fsPath, wanted, text));
  }

  /**
   * The workspace folder of `uri`, VS Code's innermost one. `foundIn`, the
   * folder a listing found the file in, is the answer when no other folder
   * lies inside it: asking VS Code for each of 10,000 files took 25 ms of the
   * Posts view's first listing.
   */
  folderOf(uri: vscode.Uri, foundIn?: vscode.WorkspaceFolder): vscode.WorkspaceFolder | undefined {
    return foundIn && !holdsOtherFolders(foundIn) ? foundIn : vscode.workspace.getWorkspaceFolder(uri);
  }

  /** A generator config that its generator would refuse gets its reason on the file, in the Problems panel. */
  private publishSiteProblems(folder: vscode.WorkspaceFolder, sites: SiteSet): void {
    const key = folder.uri.toString();
    for (const uri of this.siteProblemFiles.get(key) ?? []) this.siteProblems.delete(uri);
    const uris = sites.problems.map((problem) => {
      const uri = vscode.Uri.joinPath(folder.uri, ...problem.file.split('/'));
      const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), vscode.l10n.t('The site generator cannot read this file, so Postdesk cannot either: {0}', problem.message), vscode.DiagnosticSeverity.Error);
      diagnostic.source = 'postdesk';
      this.siteProblems.set(uri, [diagnostic]);
      return uri;
    });
    this.siteProblemFiles.set(key, uris);
  }

  /** Whether a changed file is a generator config that the folder's sites read, or one that could make a new site. */
  private affectsSites(folder: vscode.WorkspaceFolder, uri: vscode.Uri): boolean {
    const rel = folderRelativePath(folder, uri);
    if (this.sites.get(folder.uri.toString())?.watchFiles.includes(rel)) return true;
    const name = rel.slice(rel.lastIndexOf('/') + 1);
    return MARKER_NAMES.has(name);
  }

  private scheduleSiteDetection(folder: vscode.WorkspaceFolder): void {
    const key = folder.uri.toString();
    clearTimeout(this.siteTimers.get(key));
    this.siteTimers.set(
      key,
      setTimeout(() => {
        this.siteTimers.delete(key);
        void this.detectFolderSites(folder).then(() => this.fireChange());
      }, SITE_DETECTION_DEBOUNCE_MS),
    );
  }

  /** Reads a folder's sites from its generator configs, as text; a read overtaken by a newer one is dropped. */
  private async detectFolderSites(folder: vscode.WorkspaceFolder): Promise<void> {
    const key = folder.uri.toString();
    const generation = (this.siteReads.get(key) ?? 0) + 1;
    this.siteReads.set(key, generation);
    const config = this.forFolder(folder);
    let sites: SiteSet;
    try {
      sites = await detectSites(workspaceSiteFiles(folder.uri), { dateFields: config.dateFields, ...(config.site ? { override: config.site } : {}) });
    } catch {
      // A folder that cannot be listed is plain Markdown: never a reason to show nothing.
      sites = await detectSites({ readText: async () => undefined, list: async () => undefined }, { dateFields: config.dateFields });
    }
    // A read that a newer one overtook, or that finished after the service was disposed (a test host, a reload), changes nothing.
    if (this.siteReads.get(key) !== generation || this.isDisposed) return;
    this.sites.set(key, sites);
    // Another site root may sit in another repository, and a checkout may have moved HEAD: ask git again when asked.
    this.fileTimes?.reset();
    this.publishSiteProblems(folder, sites);
    // The folder's configuration takes in the sites' content globs.
    this.resolved.delete(key);
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
      // The sites' generators may read content beyond Markdown (Hugo's .html): the index reads it too.
      const sites = this.sites.get(key);
      if (sites) config = withSiteContent(config, sites, DEFAULT_CONFIG);
      this.resolved.set(key, config);
    }
    return config;
  }

  private async loadAllFiles(): Promise<void> {
    this.fileLayers.clear();
    this.resolved.clear();
    this.fileProblems.clear();
    this.sites.clear();
    await Promise.all((vscode.workspace.workspaceFolders ?? []).map((folder) => this.loadFile(folder).then(() => this.detectFolderSites(folder))));
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
    if (this.fileReads.get(key) !== generation || this.isDisposed) return;
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
}

/** Generator config names: a new one may make a folder a site. */
const MARKER_NAMES: ReadonlySet<string> = new Set(GENERATORS.flatMap((g) => g.markers));
/** The files a site's model may read: configs, collection definitions, directory data, ignore files. */
const SITE_CONFIG_GLOB = '**/{*.toml,*.yaml,*.yml,*.json,*.js,*.mjs,*.cjs,*.ts,*.mts,.eleventyignore}';
/** Saving a config often comes in bursts (format on save, a git checkout). */
const SITE_DETECTION_DEBOUNCE_MS = 300;

function isSameUri(a: vscode.Uri, b: vscode.Uri): boolean {
  return a.toString() === b.toString();
}
