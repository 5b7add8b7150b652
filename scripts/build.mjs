// Bundles every entry point with esbuild. `--production` minifies and drops
// source maps (what ships in the VSIX); `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { webWorkerGuard } from './build-web.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// `--out-root=DIR` writes the bundles under DIR instead of the working tree
// (npm run package stages the VSIX there, safe from concurrent dev builds).
const outRoot = process.argv.find((a) => a.startsWith('--out-root='))?.slice('--out-root='.length);

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: production ? 'none' : 'inline',
};

/**
 * The preview's renderer (markdown-it, the sanitiser: about half of the
 * extension's code) is its own bundle in the Node host, required at the first
 * render: the extension host then compiles only what it runs at startup,
 * while the index scans the workspace. It is loaded with require (no
 * dynamic import), like the extension itself.
 * @type {import('esbuild').Plugin}
 */
const rendererApart = {
  name: 'renderer-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/core\/render$/ }, (args) => (args.kind === 'dynamic-import' ? { path: './render.js', external: true } : undefined));
    // The stray-marker rule's markdown-it (src/core/blocks.ts, required on the first file with a candidate line) is the renderer's own.
    build.onResolve({ filter: /^\.\/render\/markdown$/ }, (args) => (args.kind === 'require-call' && args.importer.endsWith('blocks.ts') ? { path: './render.js', external: true } : undefined));
  },
};

/**
 * `vscode` converted to a module namespace once for the whole bundle. esbuild
 * converts an external CommonJS module at every `import * as vscode` (some 30
 * files), copying each of the API's properties every time: about 15 ms of
 * the extension host's startup. Here they all import one module that
 * re-exports it.
 * @type {import('esbuild').Plugin}
 */
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' }));
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

/**
 * The webview pages. A page `x` is a folder src/webview/x/ whose main.ts is
 * bundled to dist/webview/x.js, its stylesheet media/x.css, its messages a
 * protocol.ts beside its editor side; the editor side builds its HTML with
 * src/webviewHost (docs/architecture.md, "Webview pages"). A unit test keeps
 * this list and the folders in step.
 */
const WEBVIEW_PAGES = ['preview'];

/** @type {import('esbuild').BuildOptions[]} */
const targets = [
  // The editor extension, run by VS Code's Node extension host: its entry point, which loads the rest in steps (src/extension.ts)…
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  // … and the rest.
  { ...common, entryPoints: ['src/main.ts'], outfile: 'dist/main.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], plugins: [vscodeOnce, rendererApart], supported: { 'dynamic-import': false } },
  // The worker thread that reads a large site's files off the extension host's thread.
  { ...common, entryPoints: ['src/node/readWorker.ts'], outfile: 'dist/readWorker.js', platform: 'node', format: 'cjs', target: 'node20' },
  // Its renderer, loaded by the preview's first render (see rendererApart).
  { ...common, entryPoints: ['src/core/render/index.ts'], outfile: 'dist/render.js', platform: 'node', format: 'cjs', target: 'node20' },
  // The command line.
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' } },
  // Each webview page's own script, run inside its webview (see WEBVIEW_PAGES).
  ...WEBVIEW_PAGES.map((page) => ({ ...common, entryPoints: [`src/webview/${page}/main.ts`], outfile: `dist/webview/${page}.js`, platform: 'browser', format: 'iife', target: 'es2022' })),
  // The extension for vscode.dev / github.dev (web worker extension host): no Node built-ins.
  { ...common, entryPoints: ['src/web/extension.ts'], outfile: 'dist/web/extension.js', platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'], mainFields: ['browser', 'module', 'main'], define: { 'process.env.NODE_ENV': '"production"' }, metafile: true, plugins: [vscodeOnce, webWorkerGuard()] },
  // Benchmarks (not shipped).
  { ...common, entryPoints: ['bench/main.ts'], outfile: 'dist/bench.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
]
  .filter((t) => existsSync(t.entryPoints[0]))
  .map((t) => (outRoot ? { ...t, outfile: join(outRoot, t.outfile) } : t));

if (watch) {
  const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log(`watching ${targets.length} bundles`);
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
  console.log(`built ${targets.length} bundles${production ? ' (production)' : ''}`);
}
