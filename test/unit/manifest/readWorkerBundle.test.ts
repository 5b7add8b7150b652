// The read worker (src/node/readWorker.ts) is started by the editor's index
// just before the first listing, and the listing waits for its walk: it
// compiles its bundle on start-up, so the bundle holds the walk and the reads
// and none of the engine (the rules' table once pulled in markdown-it and the
// YAML parsers: 430 KB minified instead of 27).
import * as assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { REPO_ROOT } from './manifest';

describe('read worker bundle', function () {
  this.timeout(60_000);

  it('holds the walk, the reads and picomatch, nothing else of the engine', async () => {
    const result = await esbuild.build({
      entryPoints: [path.join(REPO_ROOT, 'src', 'node', 'readWorker.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs).map((input) => input.replace(/\\/g, '/'));
    const ours = inputs.filter((input) => input.startsWith('src/')).sort();
    assert.deepEqual(ours, ['src/core/contentMatcher.ts', 'src/node/contentFiles.ts', 'src/node/localRead.ts', 'src/node/readWorker.ts']);
    const packages = [...new Set(inputs.filter((input) => input.includes('node_modules/')).map((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)![1]))];
    assert.deepEqual(packages, ['picomatch']);
  });
});
