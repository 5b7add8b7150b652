// The VSIX as users get it: `npm run package` output holds exactly the
// bundles, strings, media, grammar, schema and documents, under 700 KB, with
// minified bundles and no source maps; the allow-list (.vscodeignore) lets
// nothing else through from the real working tree.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packageVsix } from '../../../scripts/package';
import { checkVsixEntries, isAllowedInVsix, listZip, MAX_VSIX_BYTES, readZipEntry, type ZipEntry } from '../../../scripts/vsix';
import { readManifest, REPO_ROOT } from './manifest';

const entry = (name: string, size = 10): ZipEntry => ({ name, size, compressedSize: size, method: 0, localHeaderOffset: 0 });

describe('VSIX contents', function () {
  this.timeout(120_000);
  let file: string;
  let entries: ZipEntry[];

  let scratch: string;

  before(function () {
    // Builds the real package (production bundles, a few seconds) in a folder of
    // its own: the VSIX end-to-end test may be packaging at the same time.
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-vsix-unit-'));
    const result = packageVsix({ quiet: true, stagingDir: path.join(scratch, 'staging'), out: path.join(scratch, 'postdesk.vsix') });
    file = result.file;
    entries = listZip(file);
    assert.deepEqual(result.problems, []);
  });

  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('is under 700 KB', () => {
    const size = fs.statSync(file).size;
    assert.ok(size < MAX_VSIX_BYTES, `${(size / 1024).toFixed(1)} KB`);
  });

  it('holds what it must and nothing else, with minified bundles and no source maps', () => {
    assert.deepEqual(checkVsixEntries(entries, (e) => readZipEntry(file, e)), []);
    assert.ok(!entries.some((e) => /\.(map|ts)$|(^|\/)(src|test|sample|node_modules|docs)\//.test(e.name)), entries.map((e) => e.name).join('\n'));
  });

  it('ships every file the manifest points at', () => {
    const manifest = readManifest() as unknown as Record<string, unknown> & { contributes: Record<string, unknown> };
    const names = new Set(entries.map((e) => e.name));
    const contributes = manifest.contributes as {
      grammars?: { path: string }[];
      jsonValidation?: { url: string }[];
      viewsContainers?: Record<string, { icon: string }[]>;
      views?: Record<string, { icon?: string }[]>;
    };
    const referenced = [
      manifest.main as string,
      manifest.browser as string,
      manifest.icon as string,
      ...(contributes.grammars ?? []).map((g) => g.path),
      ...(contributes.jsonValidation ?? []).map((j) => j.url),
      ...Object.values(contributes.viewsContainers ?? {}).flat().map((c) => c.icon),
      ...Object.values(contributes.views ?? {}).flat().flatMap((v) => (v.icon ? [v.icon] : [])),
    ];
    for (const ref of referenced) {
      const inZip = `extension/${path.posix.normalize(ref.replace(/^\.\//, ''))}`;
      assert.ok(names.has(inZip), `package.json points at ${ref}, which is not in the VSIX`);
    }
  });

  it('carries the manifest with its capabilities and entry points', () => {
    const inner = JSON.parse(readZipEntry(file, entries.find((e) => e.name === 'extension/package.json')!)) as ReturnType<typeof readManifest>;
    assert.equal(inner.browser, './dist/web/extension.js');
    assert.equal(inner.capabilities?.untrustedWorkspaces?.supported, 'limited');
    assert.equal(inner.version, readManifest().version);
  });

  it('the allow-list lets only shippable files through from the working tree (vsce ls)', () => {
    const vsce = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const listed = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8' })
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    assert.ok(listed.includes('package.json') && listed.includes('README.md'), listed.join('\n'));
    // vsce renames the documents inside the zip.
    const renamed: Record<string, string> = { 'README.md': 'readme.md', 'CHANGELOG.md': 'changelog.md', LICENSE: 'LICENSE.txt' };
    assert.deepEqual(listed.filter((name) => !isAllowedInVsix(`extension/${renamed[name] ?? name}`)), []);
  });

  describe('the checker', () => {
    it('flags missing and unexpected files', () => {
      const problems = checkVsixEntries([entry('extension/package.json'), entry('extension/src/extension.ts'), entry('extension/dist/extension.js.map')]);
      assert.ok(problems.includes('missing extension/dist/extension.js'));
      assert.ok(problems.includes('unexpected file extension/src/extension.ts'));
      assert.ok(problems.includes('unexpected file extension/dist/extension.js.map'));
    });

    it('flags a dev build: indented, with a source map link', () => {
      const dev = Array.from({ length: 200 }, (_, i) => `  var x${i} = require("./m${i}");`).join('\n') + '\n//# sourceMappingURL=extension.js.map\n';
      const minified = `"use strict";${'var a=1;'.repeat(2000)}\n`;
      const bundle = entry('extension/dist/extension.js');
      assert.deepEqual(checkVsixEntries([bundle], () => minified).filter((p) => p.includes('dist/extension.js') && !p.startsWith('missing')), []);
      const problems = checkVsixEntries([bundle], () => dev);
      assert.ok(problems.includes('extension/dist/extension.js points at a source map'), problems.join('\n'));
      assert.ok(problems.some((p) => p.startsWith('extension/dist/extension.js is not minified')), problems.join('\n'));
    });
  });
});
