// Walking a folder for its content files on a local disk: the include/exclude
// globs applied, excluded folders pruned, symbolic links followed only while
// they stay inside the folder walked, every real directory entered once. Used
// by the CLI and by the editor's Node host (the web host has no disk).
import { promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { createContentMatcher } from '../core';
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
}

export function toDisplayPath(cwd: string, absPath: string): string {
  const rel = path.relative(cwd, absPath);
  return (rel === '' ? '.' : rel).split(path.sep).join('/');
}

/** Every content file below `root` (globs relative to `root`), in no particular order. */
export async function walkContentFolder(root: string, config: PostdeskConfig): Promise<TargetFile[]> {
  const walker = new Walker({ cwd: root, root, config });
  await walker.walkRoot(root);
  return walker.unsorted();
}

/** Longest stretch a walk lists one folder's entries before giving the event loop back. */
const WALK_SLICE_MS = 6;

export class Walker {
  private readonly matches: (relativePath: string) => boolean;
  private readonly excludedDir: (relativePath: string) => boolean;
  private readonly visitedDirs = new Set<string>();
  private readonly files = new Map<string, TargetFile>();

  constructor(private readonly options: WalkOptions) {
    this.matches = createContentMatcher(options.config);
    this.excludedDir = createDirectoryExcluder(options.config.exclude);
  }

  get count(): number {
    return this.files.size;
  }

  unsorted(): TargetFile[] {
    return [...this.files.values()];
  }

  result(): TargetFile[] {
    return [...this.files.values()].sort((a, b) => compareStrings(a.displayPath, b.displayPath));
  }

  async addExplicitFile(abs: string): Promise<void> {
    const real = await fs.realpath(abs).catch(() => abs);
    this.add(abs, real);
  }

  addProblem(abs: string, problem: string): void {
    this.add(abs, abs, problem);
  }

  async walkRoot(abs: string): Promise<void> {
    const real = await fs.realpath(abs);
    // Globs are relative to the project root; a folder outside it is matched relative to itself.
    const base = isInside(this.options.root, abs) ? this.options.root : abs;
    if (this.visitedDirs.has(real)) return;
    this.visitedDirs.add(real);
    await this.walkDir(abs, real, real, base);
  }

  /** `relFromCwd`: the path relative to the working directory when the caller knows it (saves a path.relative per file). */
  private add(abs: string, real: string, problem?: string, relFromCwd?: string): void {
    if (this.files.has(real)) return;
    const displayPath = relFromCwd ?? toDisplayPath(this.options.cwd, abs);
    this.files.set(real, problem === undefined ? { absPath: abs, realPath: real, displayPath } : { absPath: abs, realPath: real, displayPath, problem });
  }

  private async walkDir(absDir: string, realDir: string, boundary: string, base: string): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(absDir, { withFileTypes: true });
    } catch (error) {
      this.add(absDir, absDir, `Cannot read the folder: ${describeFsError(error)}.`);
      return;
    }
    entries.sort((a, b) => compareStrings(a.name, b.name));
    // Entry names hold no separator, so each entry's relative path is the
    // folder's plus its name: one path.relative per folder, not per file (a
    // site of 100,000 posts would otherwise spend much of its walk there).
    const relDir = toPosix(path.relative(base, absDir));
    const displayable = this.options.cwd === base;
    let sliceStart = performance.now();
    for (const [i, entry] of entries.entries()) {
      // A folder of tens of thousands of posts must not hold the event loop
      // (the editor's extension host walks with this too).
      if ((i & 255) === 255 && performance.now() - sliceStart > WALK_SLICE_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
      const abs = path.join(absDir, entry.name);
      const rel = relDir === '' ? entry.name : `${relDir}/${entry.name}`;
      if (entry.isDirectory()) {
        await this.enterDir(abs, rel, boundary, base);
      } else if (entry.isFile()) {
        // Outside linked folders the real path is the path walked: one string, not two, per file.
        if (this.matches(rel)) this.add(abs, realDir === absDir ? abs : path.join(realDir, entry.name), undefined, displayable ? rel : undefined);
      } else if (entry.isSymbolicLink()) {
        await this.followLink(abs, rel, boundary, base);
      }
    }
  }

  private async enterDir(abs: string, rel: string, boundary: string, base: string): Promise<void> {
    if (this.excludedDir(rel)) return;
    const real = await fs.realpath(abs).catch(() => undefined);
    if (real === undefined || this.visitedDirs.has(real)) return;
    this.visitedDirs.add(real);
    await this.walkDir(abs, real, boundary, base);
  }

  private async followLink(abs: string, rel: string, boundary: string, base: string): Promise<void> {
    // A broken link or one leading out of the walked folder is skipped: it is
    // not part of this project's content.
    const real = await fs.realpath(abs).catch(() => undefined);
    if (real === undefined || !isInside(boundary, real)) return;
    const stat = await fs.stat(real).catch(() => undefined);
    if (stat?.isDirectory()) await this.enterDir(abs, rel, boundary, base);
    else if (stat?.isFile() && this.matches(rel)) this.add(abs, real);
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
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}
