// Guards for the web-worker bundle (dist/web/extension.js, vscode.dev and
// github.dev): there is no Node there, so a Node built-in that sneaks into the
// bundle would only fail on a user's machine. This plugin turns every such
// import into a build error naming the importer. The only exception is a
// package that itself declares, in its package.json `browser` field, that it
// works without that built-in (`"browser": { "fs": false }`, as gray-matter and
// postcss do): that import becomes an empty module, for the web build only.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';

const NODE_BUILTINS = [...new Set(builtinModules.map((n) => n.replace(/^node:/, '')))];

/** The nearest package.json's `browser` field of a file in node_modules, cached per package folder. */
const browserFields = new Map();
function browserFieldOf(file) {
  let dir = path.dirname(file);
  while (dir.includes(`${path.sep}node_modules${path.sep}`)) {
    if (!browserFields.has(dir)) {
      let field = null;
      try {
        const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
        field = typeof manifest.browser === 'object' && manifest.browser !== null ? manifest.browser : {};
      } catch {
        field = null; // no package.json here: keep walking up
      }
      browserFields.set(dir, field);
    }
    const field = browserFields.get(dir);
    if (field) return field;
    dir = path.dirname(dir);
  }
  return {};
}

/** @returns {import('esbuild').Plugin} */
export function webWorkerGuard() {
  return {
    name: 'postdesk-web-worker-guard',
    setup(build) {
      const escaped = NODE_BUILTINS.map((n) => n.replace(/[/.]/g, '\\$&')).join('|');
      build.onResolve({ filter: new RegExp(`^(node:)?(${escaped})$`) }, (args) => {
        const name = args.path.replace(/^node:/, '');
        if (args.importer && browserFieldOf(args.importer)[name] === false) {
          return { path: name, namespace: 'postdesk-empty' };
        }
        return {
          errors: [
            {
              text: `Node built-in "${args.path}" imported by ${args.importer || args.resolveDir}: the web extension runs in a browser web worker without Node. Use vscode.workspace.fs or web APIs instead.`,
            },
          ],
        };
      });
      build.onLoad({ filter: /.*/, namespace: 'postdesk-empty' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
      // Only `vscode` may stay external: anything else would be a require() the worker cannot satisfy.
      build.onEnd((result) => {
        if (!result.metafile) return null;
        const errors = [];
        for (const [output, info] of Object.entries(result.metafile.outputs)) {
          for (const imp of info.imports) {
            if (imp.external && imp.path !== 'vscode') errors.push({ text: `${output} would require "${imp.path}" at run time; the web worker has only "vscode".` });
          }
        }
        return { errors };
      });
    },
  };
}
