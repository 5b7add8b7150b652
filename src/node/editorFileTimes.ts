// The Node extension host's file times (src/config/fileTimes.ts): `stat` for a
// file's own times, one hardened `git log` per repository for its commits.
import * as fs from 'node:fs';
import type { FileTimesHost } from '../config/fileTimes';
import { gitRepoDates, gitTimes, statTimes } from './fileTimes';

export const nodeFileTimes: FileTimesHost = {
  statTimes(fsPath) {
    try {
      return statTimes(fs.statSync(fsPath));
    } catch {
      return undefined;
    }
  },
  async repoDates(dir, workspaceTrusted) {
    const repo = await gitRepoDates(dir, { workspaceTrusted });
    return (fsPath) => gitTimes(fsPath, repo);
  },
};
