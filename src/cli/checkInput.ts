// Where `postdesk check` gets its files besides a walk: standard input
// (--stdin) and the files git says changed (--changed).
import * as path from 'node:path';
import { decodeFile, DEFAULT_CONFIG, findingsOf, withSiteContent } from '../core';
import type { Finding, PostdeskConfig } from '../core/types';
import type { CheckCommand } from './args';
import { changedFiles, isCommit } from './changed';
import { loadConfig } from './config';
import { toDisplayPath } from './files';
import { fileFinding } from './fileFinding';
import { formatBytes, MAX_READ_SIZE } from './read';
import type { FileFindings } from './report';
import { explicitPaths, loadSites, placeFiles } from './sites';
import { readStdin, type CheckIo } from './stdin';

/** The findings for the text on standard input, checked as the file at `filename` (which need not exist). */
export async function checkStdin(cmd: CheckCommand, io: CheckIo, filename: string): Promise<{ config: PostdeskConfig; results: FileFindings[] }> {
  const loaded = await loadConfig(io.cwd, cmd.configFile, cmd.maxFileSize);
  const { root } = loaded;
  const absPath = path.resolve(io.cwd, filename);
  const displayPath = toDisplayPath(io.cwd, absPath);
  const sites = await loadSites(root, loaded.config);
  // As a walk does (commands.ts): the sites' generators may add content formats.
  const config = withSiteContent(loaded.config, sites, DEFAULT_CONFIG);
  // Named on the command line, so it is checked even where the generator would not publish it.
  const [file] = placeFiles([{ absPath, realPath: absPath, displayPath }], sites, root, config, explicitPaths(io.cwd, [filename]));
  const limit = Math.min(config.maxFileSize, MAX_READ_SIZE);
  const input = await readStdin(io, limit);
  let findings: readonly Finding[];
  if (input.tooLarge) {
    const finding = fileFinding(`Standard input is over the ${formatBytes(limit)} limit (maxFileSize); it was not checked.`, config);
    findings = finding ? [finding] : [];
  } else {
    const decoded = decodeFile(input.bytes, limit);
    if (decoded.ok) {
      findings = findingsOf({ path: absPath, text: decoded.text }, config, { now: io.now ?? new Date(), ...(file ? { site: file.site } : {}) });
    } else {
      const finding = fileFinding(decoded.message, config);
      findings = finding ? [finding] : [];
    }
  }
  return { config, results: [{ displayPath, findings }] };
}

/**
 * For --changed: the command with its paths settled (the word after a bare
 * --changed is the ref when git knows it as a commit, else a path), and the
 * set of changed files to keep from the walk.
 */
export async function resolveChanged(cmd: CheckCommand, io: CheckIo): Promise<{ cmd: CheckCommand; keep: (file: { absPath: string; realPath: string }) => boolean }> {
  let ref = cmd.changed?.ref;
  let paths = cmd.paths;
  const word = cmd.changed?.refOrPath;
  if (word !== undefined) {
    if (await isCommit(io.cwd, word)) ref = word;
    else paths = [word, ...paths];
  }
  const changed = await changedFiles(io.cwd, ref);
  return { cmd: { ...cmd, paths }, keep: (file) => changed.paths.has(file.realPath) || changed.paths.has(file.absPath) };
}
