// A file's own times in the editor, for the site model's date sources that
// read them (Jekyll drafts and Hugo `:fileModTime` by modification time,
// Eleventy by creation time, Hugo `:git` and Eleventy `git Last Modified` by
// commit). The engine cannot read a disk or run git; the Node host can, the
// web host cannot (there the sources stay "unavailable", as the engine says).
//
// Times from the file system are asked synchronously when a file is analysed
// (a stat of a local file costs microseconds). A repository's commit dates
// come from one `git log` over the whole history: asked once per site root in
// the background, never in an untrusted workspace, and the analyses are made
// again once they arrive.

import type { FileTimes, WantedTimes } from '../core/site/fileTimes';
import { GIT_KEYWORD_LINE } from '../core/site/fileTimes';

/** What a host can learn of local files' times; the Node host's is src/node/editorFileTimes.ts. */
export interface FileTimesHost {
  /** A local file's modification, change and creation times; undefined when it cannot be stat'ed. */
  statTimes(fsPath: string): Pick<FileTimes, 'modifiedMs' | 'changedMs' | 'createdMs'> | undefined;
  /** The commit dates of the repository holding `dir`: a lookup by file, or why there are none. */
  repoDates(dir: string, workspaceTrusted: boolean): Promise<(fsPath: string) => Pick<FileTimes, 'gitLast' | 'gitFirst' | 'gitMissing'>>;
}

type GitLookup = (fsPath: string) => Pick<FileTimes, 'gitLast' | 'gitFirst' | 'gitMissing'>;

/** Said on a git date source while the history is being read. */
const READING_HISTORY = 'the git history is still being read';

/**
 * The times of files, per site root's repository; `onLearned` is called when
 * a repository's dates arrive (analyses made before then said "still being read").
 */
export class EditorFileTimes {
  private readonly repos = new Map<string, GitLookup | Promise<void>>();
  private generation = 0;

  constructor(
    private readonly host: FileTimesHost,
    private readonly isTrusted: () => boolean,
    private readonly onLearned: () => void,
  ) {}

  /**
   * The times `wanted` for the file at `fsPath`, in the site rooted at
   * `siteRootFsPath`; `text` lets a git source that only a front matter
   * keyword asks for (Eleventy's `date: git Last Modified`) skip git for
   * files without the keyword.
   */
  timesOf(fsPath: string, siteRootFsPath: string, wanted: WantedTimes, text: string | undefined): FileTimes {
    let times: FileTimes = {};
    if (wanted.stat) times = this.host.statTimes(fsPath) ?? {};
    if (wanted.git && (!wanted.gitOnlyByKeyword || text === undefined || GIT_KEYWORD_LINE.test(text.slice(0, 4096)))) {
      const repo = this.repoOf(siteRootFsPath);
      times = { ...times, ...(repo ? repo(fsPath) : { gitMissing: READING_HISTORY }) };
    }
    return times;
  }

  /** Forgets every repository's dates (the sites were read again, trust was granted): the next ask reads them anew. */
  reset(): void {
    this.generation++;
    this.repos.clear();
  }

  private repoOf(root: string): GitLookup | undefined {
    const known = this.repos.get(root);
    if (typeof known === 'function') return known;
    if (known) return undefined;
    const generation = this.generation;
    const loading = this.host.repoDates(root, this.isTrusted()).then(
      (lookup) => {
        if (generation !== this.generation) return;
        this.repos.set(root, lookup);
        this.onLearned();
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        const message = error instanceof Error ? error.message : String(error);
        this.repos.set(root, () => ({ gitMissing: `git failed: ${message}` }));
        this.onLearned();
      },
    );
    this.repos.set(root, loading);
    return undefined;
  }
}
