// Which paths are content: the include and exclude globs. Apart from the rest
// of the configuration so that the read worker, which walks folders with it,
// bundles picomatch and nothing of the engine.
import picomatch from 'picomatch';
import type { PostdeskConfig } from './types';

/**
 * A predicate over paths relative to the project root (either separator):
 * included by some `include` glob and by no `exclude` glob.
 */
export function createContentMatcher(config: PostdeskConfig): (relativePath: string) => boolean {
  const options = { dot: true };
  const include = config.include.length > 0 ? picomatch([...config.include], options) : (): boolean => false;
  const exclude = config.exclude.length > 0 ? picomatch([...config.exclude], options) : (): boolean => false;
  return (relativePath: string): boolean => {
    const p = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
    return include(p) && !exclude(p);
  };
}
