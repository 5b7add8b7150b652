// Loads a bundle with loadWithCodeCache in a process of its own (a fresh V8
// isolate: within one, V8 finds a source it compiled before in memory and
// never looks at the cache) and prints what the load gave as JSON.
// Arguments: <bundle> <cache file> [save]
import { loadWithCodeCache } from '../../../../src/node/codeCache';

const [bundle, cacheFile, save] = process.argv.slice(2);
loadWithCodeCache(bundle as string, cacheFile as string, require).then(
  async (loaded) => {
    const saved = save === 'save' ? await loaded.save() : undefined;
    process.stdout.write(JSON.stringify({ cache: loaded.cache, exports: loaded.exports, saved }));
  },
  (error: unknown) => process.stdout.write(JSON.stringify({ error: error instanceof Error ? error.message : String(error) })),
);
