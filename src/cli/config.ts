// The CLI's configuration: defaults, then postdesk.config.json (in the working
// directory, or the file named by --config), then command-line overrides.
// A bad file is a usage error (exit 2) naming the bad key, never a guess.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CONFIG, parseConfigText, resolveConfig } from '../core';
import type { PostdeskConfig } from '../core/types';
import { describeFsError } from './files';
import { UsageError } from './io';

export const CONFIG_FILE_NAME = 'postdesk.config.json';

export interface LoadedConfig {
  readonly config: PostdeskConfig;
  /** Folder the content globs are relative to. */
  readonly root: string;
  /** The config file that was read, if any. */
  readonly file?: string;
}

export async function loadConfig(cwd: string, configFile: string | undefined, maxFileSize: number | undefined): Promise<LoadedConfig> {
  const explicit = configFile !== undefined;
  const file = path.resolve(cwd, configFile ?? CONFIG_FILE_NAME);
  let text: string | undefined;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    // Only a file the user named must exist; the default one is optional.
    if (explicit || code !== 'ENOENT') throw new UsageError(`cannot read config file ${configFile ?? CONFIG_FILE_NAME}: ${describeFsError(error)}`);
  }
  const overrides: Partial<PostdeskConfig> = maxFileSize === undefined ? {} : { maxFileSize };
  if (text === undefined) return { config: resolveConfig(DEFAULT_CONFIG, overrides), root: cwd };

  const shownName = path.relative(cwd, file).split(path.sep).join('/') || CONFIG_FILE_NAME;
  const parsed = parseConfigText(text.replace(/^\uFEFF/, ''), shownName);
  if (parsed.errors.length > 0) {
    // The heading names the file once; each line names its key.
    const lines = parsed.errors
      .map((e) => (e.message.startsWith(`${shownName}: `) ? e.message.slice(shownName.length + 2) : e.message))
      .map((message, i) => {
        const key = parsed.errors[i]?.key ?? '';
        return key === '' || message.includes(key) ? message : `${key}: ${message}`;
      });
    throw new UsageError(`invalid configuration in ${shownName}:\n  ${lines.join('\n  ')}`);
  }
  return { config: resolveConfig(DEFAULT_CONFIG, parsed.config, overrides), root: path.dirname(file), file };
}
