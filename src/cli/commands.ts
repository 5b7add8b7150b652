// The three commands. Each reads its files through the same path (collect →
// read → analyse), so a file that cannot be read is reported the same way
// everywhere and never stops the run.
import * as fsSync from 'node:fs';
import * as path from 'node:path';
import { analyze, DEFAULT_CONFIG, encodeText, findingsOf, fixAll, withSiteContent, type SiteContext } from '../core';
import type { Finding, PostdeskConfig } from '../core/types';
import type { CheckCommand, FixCommand, ListCommand, SiteCommand } from './args';
import { loadConfig } from './config';
import { unifiedDiff } from './diff';
import { collectFiles, toDisplayPath, type TargetFile } from './files';
import { formatSites } from './siteReport';
import { EXIT_OK, EXIT_PROBLEMS, type CliIo } from './io';
import { escapeDiff, escapeTerminal } from './terminal';
import { formatList, type ListedPost } from './listing';
import { mapPool } from './pool';
import { readPost } from './read';
import { atLeast, formatCheck, plural, summarize, type FileFindings } from './report';
import { checkStdin, resolveChanged } from './checkInput';
import type { CheckIo } from './stdin';
import { explicitPaths, loadSites, placeFiles, type SiteTarget } from './sites';
import { writeFixedFile, WriteRefusedError } from './write';
import { fileFinding } from './fileFinding';
import { runOnThreads, StartedWorkers, threadCount, type TaskName, type TaskResults } from './workers';
import { Timing } from './timing';

// Enough reads in flight to hide file system latency, few enough for small machines.
const CONCURRENCY = 16;

interface Prepared {
  readonly root: string;
  /** The configuration as loaded, before the sites add their content formats: what a worker starts from. */
  readonly loadedConfig: PostdeskConfig;
  readonly config: PostdeskConfig;
  readonly files: readonly SiteTarget[];
  readonly now: Date;
}

async function prepare(cmd: CheckCommand | ListCommand | FixCommand | SiteCommand, io: CliIo, timing = new Timing(false)): Promise<Prepared> {
  const loaded = await loadConfig(io.cwd, cmd.configFile, cmd.maxFileSize);
  timing.mark('configuration read');
  const onEmptyFolder = (given: string): void => {
    io.stderr.write(`postdesk: no posts under ${escapeTerminal(given)} match the include/exclude globs\n`);
  };
  // The sites first: their generators may read content formats beyond Markdown (Hugo's .html).
  const sites = await loadSites(loaded.root, loaded.config);
  const config = withSiteContent(loaded.config, sites, DEFAULT_CONFIG);
  timing.mark('sites found');
  const walked = await collectFiles(cmd.paths, { cwd: io.cwd, root: loaded.root, config, onEmptyFolder });
  timing.mark('folders walked');
  const files = placeFiles(walked, sites, loaded.root, config, explicitPaths(io.cwd, cmd.paths));
  timing.mark(`${files.length} files placed in their sites`);
  return { root: loaded.root, loadedConfig: loaded.config, config, files, now: io.now ?? new Date() };
}

export { fileFinding } from './fileFinding';

/** Findings for one file: the engine's, or a single `file` finding when it cannot be read. */
export async function checkFile(file: TargetFile & { readonly site?: SiteContext }, config: PostdeskConfig, now: Date): Promise<readonly Finding[]> {
  const read = await readPost(file, config.maxFileSize);
  if (!read.ok) {
    const finding = fileFinding(read.message, config);
    return finding ? [finding] : [];
  }
  return findingsOf(read.doc, config, { now, ...(file.site ? { site: file.site } : {}) });
}

/** Each file's result for `task`, in order, on as many threads as the input is worth (src/cli/workers.ts). */
function runTaskOnFiles<T extends TaskName>(task: T, files: readonly SiteTarget[], prepared: Prepared, jobs: number | undefined, io: CliIo, run: WorkersAhead): Promise<TaskResults[T][]> {
  return runOnThreads(task, files, prepared, threadCount(files.length, jobs, io.threads), { ...(io.threads ? { tuning: io.threads } : {}), ...(run.started ? { started: run.started } : {}), timing: run.timing });
}

interface WorkersAhead {
  readonly started: StartedWorkers | undefined;
  readonly timing: Timing;
}

/**
 * Starts the worker threads before the configuration is read, when a folder
 * is to be walked (no paths, or one that is a folder): it may hold enough
 * files for them, and they start while this thread reads the configuration,
 * finds the sites and walks. Files named one by one (a pre-commit hook's)
 * wait for the count. `run` gets them and must leave them stopped.
 */
async function withWorkersAhead<R>(cmd: CheckCommand | ListCommand, io: CliIo, timing: Timing, run: (ahead: WorkersAhead) => Promise<R>): Promise<R> {
  const walks = cmd.paths.length === 0 || cmd.paths.some((given) => isFolder(path.resolve(io.cwd, given)));
  const started = walks ? StartedWorkers.start(cmd.jobs, io.threads, timing) : undefined;
  try {
    return await run({ started, timing });
  } finally {
    started?.dispose();
  }
}

function isFolder(abs: string): boolean {
  try {
    return fsSync.statSync(abs).isDirectory();
  } catch {
    return false;
  }
}

export async function runCheck(cmd: CheckCommand, io: CheckIo): Promise<number> {
  const timing = Timing.from(io.env);
  timing.mark('Node started, the bundle loaded');
  let config: PostdeskConfig;
  let results: FileFindings[];
  if (cmd.stdinFilename !== undefined) {
    ({ config, results } = await checkStdin(cmd, io, cmd.stdinFilename));
  } else {
    ({ config, results } = await withWorkersAhead(cmd, io, timing, async (ahead) => {
      // --changed: the walk as usual, keeping only the files git says changed.
      const changed = cmd.changed ? await resolveChanged(cmd, io) : undefined;
      const prepared = await prepare(changed?.cmd ?? cmd, io, timing);
      const files = changed ? prepared.files.filter(changed.keep) : prepared.files;
      const findings = await runTaskOnFiles('check', files, prepared, cmd.jobs, io, ahead);
      return { config: prepared.config, results: files.map((file, i) => ({ displayPath: file.displayPath, findings: findings[i] ?? [] })) };
    }));
  }
  // --min-severity hides findings below it from the output, the summary and the exit code.
  results = atLeast(results, cmd.minSeverity);
  const color = io.stdout.isTTY === true && !io.env?.NO_COLOR;
  io.stdout.write(formatCheck(cmd.format, results, color, config.severity));
  timing.mark('output written');
  timing.report(io.stderr);
  const summary = summarize(results);
  if (summary.errors > 0) return EXIT_PROBLEMS;
  if (cmd.maxWarnings !== undefined && summary.warnings > cmd.maxWarnings) {
    io.stderr.write(`postdesk: too many warnings (${summary.warnings}; --max-warnings is ${cmd.maxWarnings})\n`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}

export async function runList(cmd: ListCommand, io: CliIo): Promise<number> {
  const timing = Timing.from(io.env);
  const { files, read } = await withWorkersAhead(cmd, io, timing, async (ahead) => {
    const prepared = await prepare(cmd, io, timing);
    // Posts only, unless pages were asked for: a file the generator does not publish is never listed.
    const files = prepared.files.filter((file) => file.site.classification.kind === 'post' || (cmd.pages && file.site.classification.kind !== 'ignored'));
    return { files, read: await runTaskOnFiles('list', files, prepared, cmd.jobs, io, ahead) };
  });
  const posts = files.map((file, i): ListedPost | undefined => {
    const { post, skipped } = read[i] ?? {};
    if (post) {
      // The document itself can say what it is (no front matter: a static file; Eleventy's own tags): only posts, and pages when asked.
      return post.kind === 'post' || (cmd.pages && post.kind !== 'static') ? { displayPath: file.displayPath, post } : undefined;
    }
    // Not a post we can list, but never silently dropped.
    io.stderr.write(`postdesk: skipped ${escapeTerminal(file.displayPath)}: ${escapeTerminal(skipped ?? '')}\n`);
    return undefined;
  });
  io.stdout.write(formatList(cmd.format, posts.filter((p): p is ListedPost => p !== undefined)));
  timing.mark('output written');
  timing.report(io.stderr);
  return EXIT_OK;
}

/** `postdesk site`: each site found, its generator and config, why, and what its files are. */
export async function runSite(cmd: SiteCommand, io: CliIo): Promise<number> {
  const loaded = await loadConfig(io.cwd, cmd.configFile, cmd.maxFileSize);
  const { root } = loaded;
  const sites = await loadSites(root, loaded.config);
  const config = withSiteContent(loaded.config, sites, DEFAULT_CONFIG);
  const walked = await collectFiles(cmd.paths, { cwd: io.cwd, root, config });
  const files = placeFiles(walked, sites, root, config, new Set());
  const now = io.now ?? new Date();
  const posts = await mapPool(files, CONCURRENCY, async (file) => {
    const read = await readPost(file, config.maxFileSize);
    return { file, post: read.ok ? analyze(read.doc, config, { now, site: file.site }).post : undefined };
  });
  io.stdout.write(formatSites(cmd.format, sites, posts, (abs) => toDisplayPath(io.cwd, abs), root));
  return EXIT_OK;
}

type FixOutcome =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'fixed'; readonly solved: number; readonly diff: string; readonly remaining: number }
  | { readonly kind: 'failed'; readonly message: string; readonly fatal: boolean };

export async function runFix(cmd: FixCommand, io: CliIo): Promise<number> {
  const { config, files, now } = await prepare(cmd, io);
  const outcomes = await mapPool(files, CONCURRENCY, async (file): Promise<FixOutcome> => {
    const read = await readPost(file, config.maxFileSize);
    if (!read.ok) return { kind: 'failed', message: read.message, fatal: false };
    let fixed: { text: string; applied: number };
    try {
      fixed = fixAll(read.doc, config, { safeOnly: true, now, site: file.site });
    } catch (error) {
      return { kind: 'failed', message: `could not be fixed: ${error instanceof Error ? error.message : String(error)}`, fatal: true };
    }
    if (fixed.text === read.doc.text || fixed.applied === 0) return { kind: 'unchanged' };
    // Count problems solved, not edits: one file-wide fix can remove many markers.
    const before = findingsOf(read.doc, config, { now, site: file.site }).length;
    const remaining = findingsOf({ path: read.doc.path, text: fixed.text }, config, { now, site: file.site }).length;
    const solved = Math.max(before - remaining, 1);
    // The patch is of the bytes on disk: a BOM is part of the first line it must match.
    const bom = read.bom ? '\uFEFF' : '';
    if (cmd.dryRun) return { kind: 'fixed', solved, diff: unifiedDiff(file.displayPath, bom + read.doc.text, bom + fixed.text), remaining };
    try {
      await writeFixedFile(file.realPath, encodeText(fixed.text, read.bom), read);
    } catch (error) {
      if (error instanceof WriteRefusedError) return { kind: 'failed', message: error.message, fatal: true };
      return { kind: 'failed', message: `not written: ${error instanceof Error ? error.message : String(error)}`, fatal: true };
    }
    return { kind: 'fixed', solved, diff: '', remaining };
  });

  let solved = 0;
  let fixedFiles = 0;
  let remaining = 0;
  let fatal = false;
  // With --dry-run stdout carries only the patch (so it can be piped to
  // `git apply`); the account of what happened goes to stderr.
  const report = cmd.dryRun ? io.stderr : io.stdout;
  outcomes.forEach((outcome, i) => {
    const shown = escapeTerminal(files[i]?.displayPath ?? '');
    if (outcome.kind === 'fixed') {
      solved += outcome.solved;
      fixedFiles++;
      remaining += outcome.remaining;
      // Piped, the patch keeps its bytes for git apply; on a terminal nothing in it may act.
      if (cmd.dryRun) io.stdout.write(io.stdout.isTTY === true ? escapeDiff(outcome.diff) : outcome.diff);
      else report.write(`fixed ${shown} (${plural(outcome.solved, 'problem')})\n`);
    } else if (outcome.kind === 'failed') {
      fatal ||= outcome.fatal;
      io.stderr.write(`postdesk: ${shown}: ${escapeTerminal(outcome.message)}\n`);
    }
  });
  const summary = cmd.dryRun
    ? `Would fix ${plural(solved, 'problem')} in ${plural(fixedFiles, 'file')} of ${plural(files.length, 'file')}; nothing was written.`
    : `Fixed ${plural(solved, 'problem')} in ${plural(fixedFiles, 'file')} of ${plural(files.length, 'file')}.`;
  report.write(summary + '\n');
  if (remaining > 0) report.write(`${plural(remaining, 'problem')} left in the fixed files need a decision: run "postdesk check".\n`);
  return fatal ? EXIT_PROBLEMS : EXIT_OK;
}
