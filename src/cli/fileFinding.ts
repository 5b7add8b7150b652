// The `file` rule's finding for a file that could not be read, as every
// command and thread reports it.
import { fileProblemFinding } from '../core';
import type { Finding, PostdeskConfig } from '../core/types';

/** The `file` rule's finding, with the configured severity; undefined when the rule is off. */
export function fileFinding(message: string, config: PostdeskConfig): Finding | undefined {
  const severity = config.severity.file;
  if (severity === 'off') return undefined;
  return { ...fileProblemFinding(message), severity };
}
