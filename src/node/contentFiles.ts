// Walking a folder for its content files on a local disk: the include/exclude
// globs applied, excluded folders pruned, symbolic links followed only while
// they stay inside the folder walked, every real directory entered once. Used
// by the CLI and by the editor's Node host (the web host has no disk).
import { promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { createContentMatcher } from '../core/contentMatcher';
import type { PostdeskConfig } from '../core/types';

export interface TargetFile {
  /** Absolute path as reached (through links), used for the file-name date. */
  readonly absPath: string;
  /** Resolved path: where the bytes live, and where a fix writes. */
  readonly realPath: string;
  /** Path relative to the working directory with forward slashes, for output. */
  readonly displayPath: string;
  /** Set when the entry could not even be listed (an unreadable folder). */
  readonly problem?: string;
}

export interface WalkOptions {
  readonly cwd: string;
  /** Folder the include/exclude globs are relative to (the config file's folder, or cwd). */
  readonly root: string;
  readonly config: PostdeskConfig;
  /** Told when a folder given on the command line holds no matching file. */
  readonly onEmptyFolder?: (given: string) => void;
  /** How long the walk leaves the event loop idle between slices (the editor's host shares its CPU; the CLI does not). */
  readonly restMs?: number;
}

export function toDisplayPath(cwd: string, absPath: string): string {
  const rel = path.relative(cwd, absPath);
  return (rel === '' ? '.' : rel).split(path.sep).join('/');
}

/** The path of every readable content file below `root` (globs relative to `root`), in no particular order. */
export async function walkContentFolder(root: string, config: PostdeskConfig, restMs = 0): Promise<string[]> {
  const walker = new Walker({ cwd: root, root, config, restMs });
  await walker.walkRoot(root);
  return walker.readablePaths();
}

/** Longest stretch a walk lists one folder's entries before giving the event loop back. */
const WALK_SLICE_MS = 6;

export class Walker {
  private readonly matches: (relativePath: string) => boolean;
  private readonly excludedDir: (relativePath: string) => boolean;
  private readonly visitedDirs = new Set<string>();
  /**
   * Files found in folders entered by their real path (nearly all of them):
   * the path walked is where the bytes live, and the display path can be
   * derived, so one string per file is kept; a site of 100,000 posts would
   * otherwise hold an object and a Map entry for each while it is listed.
   */
  private readonly plainFiles: string[] = [];
  /** Files reached through links, given on the command line, or that could not be listed. */
  private readonly otherFiles: TargetFile[] = [];
  /**
   * The real paths taken, once a file other than a plain one was added
   * (only then can one file be reached twice): the first path found wins.
   */
  private realPathsTaken: Set<string> | undefined;

  constructor(private readonly options: WalkOptions) {
    this.matches = createContentMatcher(options.config);
    this.excludedDir = createDirectoryExcluder(options.config.exclude);
  }

  get count(): number {
    return this.plainFiles.length + this.otherFiles.length;
  }

  /** Every file found, in no particular order. */
  unsorted(): TargetFile[] {
    const cwdPrefix = withTrailingSeparator(this.options.cwd);
    const plain = this.plainFiles.map((abs): TargetFile => {
      // Walked paths are normalised, so below the working directory the relative path is the rest of the string.
      const displayPath = abs.startsWith(cwdPrefix) ? toPosix(abs.slice(cwdPrefix.length)) : toDisplayPath(this.options.cwd, abs);
      return { absPath: abs, realPath: abs, displayPath };
    });
    return [...plain, ...this.otherFiles];
  }

  /** The paths walked of the files that could be listed, in no particular order: what the editor's index needs, and no more. */
  readablePaths(): string[] {
    const paths = [...this.plainFiles];
    for (const file of this.otherFiles) if (file.problem === undefined) paths.push(file.absPath);
    return paths;
  }

  result(): TargetFile[] {
    return this.unsorted().sort((a, b) => compareStrings(a.displayPath, b.displayPath));
  }

  async addExplicitFile(abs: string): Promise<void> {
    const real = await fs.realpath(abs).catch(() => abs);
    this.addOther(abs, real);
  }

  addProblem(abs: string, problem: string): void {
    this.addOther(abs, abs, problem);
  }

  async walkRoot(abs: string): Promise<void> {
    const real = await fs.realpath(abs);
    // Globs are relative to the project root; a folder outside it is matched relative to itself.
    const base = isInside(this.options.root, abs) ? this.options.root : abs;
    if (this.visitedDirs.has(real)) return;
    this.visitedDirs.add(real);
    await this.walkDir(abs, real, real, base);
  }

  private addPlain(abs: string): void {
    if (this.realPathsTaken) {
      if (this.realPathsTaken.has(abs)) return;
      this.realPathsTaken.add(abs);
    }
    this.plainFiles.push(abs);
  }

  private addOther(abs: string, real: string, problem?: string): void {
    this.realPathsTaken ??= new Set(this.plainFiles);
    if (this.realPathsTaken.has(real)) return;
    this.realPathsTaken.add(real);
    const displayPath = toDisplayPath(this.options.cwd, abs);
    this.otherFiles.push(problem === undefined ? { absPath: abs, realPath: real, displayPath } : { absPath: abs, realPath: real, displayPath, problem });
  }

  private async walkDir(absDir: string, realDir: string, boundary: string, base: string): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(absDir, { withFileTypes: true });
    } catch (error) {
      this.addProblem(absDir, `Cannot read the folder: ${describeFsError(error)}.`);
      return;
    }
    entries.sort((a, b) => compareStrings(a.name, b.name));
    // Entry names hold no separator, so each entry's paths are the folder's
    // plus its name: one path.relative per folder, and no path.join per file
    // (which builds each path from many pieces; a site of 100,000 posts
    // holds them all while it is listed).
    const relDir = toPosix(path.relative(base, absDir));
    const relPrefix = relDir === '' ? '' : `${relDir}/`;
    const absPrefix = withTrailingSeparator(absDir);
    const linked = realDir !== absDir;
    const realPrefix = withTrailingSeparator(realDir);
    let sliceStart = performance.now();
    for (let i = 0; i < entries.length; i++) {
      // A folder of tens of thousands of posts must not hold the event loop
      // (the editor's extension host walks with this too).
      if ((i & 255) === 255 && performance.now() - sliceStart > WALK_SLICE_MS) {
        await this.rest();
        sliceStart = performance.now();
      }
      const entry = entries[i];
      const rel = relPrefix + entry.name;
      if (entry.isDirectory()) {
        await this.enterDir(absPrefix + entry.name, rel, boundary, base);
      } else if (entry.isFile()) {
        if (!this.matches(rel)) continue;
        if (linked) this.addOther(absPrefix + entry.name, realPrefix + entry.name);
        else this.addPlain(absPrefix + entry.name);
      } else if (entry.isSymbolicLink()) {
        await this.followLink(absPrefix + entry.name, rel, boundary, base);
      }
    }
  }

  private rest(): Promise<void> {
    const restMs = this.options.restMs ?? 0;
    return new Promise<void>((resolve) => (restMs > 0 ? setTimeout(resolve, restMs) : setImmediate(resolve)));
  }

  private async enterDir(abs: string, rel: string, boundary: string, base: string): Promise<void> {
    if (this.excludedDir(rel)) return;
    const real = await fs.realpath(abs).catch((error: unknown) => {
      // Gone since it was listed: nothing to report. Anything else (a path
      // past the OS limit, no permission) hides posts: say so.
      if ((error as { code?: string }).code !== 'ENOENT') this.addProblem(abs, `Cannot read the folder: ${describeFsError(error)}.`);
      return undefined;
    });
    if (real === undefined || this.visitedDirs.has(real)) return;
    this.visitedDirs.add(real);
    await this.walkDir(abs, real, boundary, base);
  }

  private async followLink(abs: string, rel: string, boundary: string, base: string): Promise<void> {
    // A broken link or one leading out of the walked folder is skipped: it is
    // not part of this project's content. One past the OS path limit may be.
    const real = await fs.realpath(abs).catch((error: unknown) => {
      if ((error as { code?: string }).code === 'ENAMETOOLONG') this.addProblem(abs, `Cannot read the link: ${describeFsError(error)}.`);
      return undefined;
    });
    if (real === undefined || !isInside(boundary, real)) return;
    const stat = await fs.stat(real).catch(() => undefined);
    if (stat?.isDirectory()) await this.enterDir(abs, rel, boundary, base);
    else if (stat?.isFile() && this.matches(rel)) this.addOther(abs, real);
  }
}

/**
 * Exclude globs that name a whole folder (`**\/node_modules/**`) prune the walk,
 * so excluded trees are never even listed.
 */
function createDirectoryExcluder(exclude: readonly string[]): (relativeDir: string) => boolean {
  const folderGlobs = exclude.filter((g) => g.endsWith('/**')).map((g) => g.slice(0, -3)).filter((g) => g.length > 0);
  if (folderGlobs.length === 0) return () => false;
  const isMatch = picomatch(folderGlobs, { dot: true });
  return (relativeDir) => isMatch(relativeDir);
}

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function withTrailingSeparator(dir: string): string {
  return dir.endsWith(path.sep) ? dir : dir + path.sep;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function describeFsError(error: unknown): string {
  const code = (error as { code?: string } | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENAMETOOLONG':
      return 'the path is too long for the operating system (move the folder up, or shorten its folder names)';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}
