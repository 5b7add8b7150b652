// What a Postdesk VSIX must contain and nothing else, shared by
// `npm run package` (which refuses to produce a bad package) and the manifest
// unit tests (which check the real file). A VSIX is a zip; the central
// directory is all we need to list it, so no zip library is required.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const MAX_VSIX_BYTES = 700 * 1024;

export interface ZipEntry {
  readonly name: string;
  readonly compressedSize: number;
  readonly size: number;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly localHeaderOffset: number;
}

export function packageVersion(root = REPO_ROOT): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  return manifest.version;
}

/** `postdesk-<version>.vsix` at the repository root, where `npm run package` writes it. */
export function vsixPath(root = REPO_ROOT): string {
  return path.join(root, `postdesk-${packageVersion(root)}.vsix`);
}

/** Lists a zip file from its central directory. Throws a clear error for anything that is not a zip. */
export function listZip(file: string): ZipEntry[] {
  const data = fs.readFileSync(file);
  // The end-of-central-directory record sits in the last 22 bytes plus an optional comment (< 64 KiB).
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file (no end of central directory).`);
  const count = data.readUInt16LE(eocd + 10);
  let offset = data.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (data.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${file}: broken central directory entry ${i}.`);
    const method = data.readUInt16LE(offset + 10);
    const compressedSize = data.readUInt32LE(offset + 20);
    const size = data.readUInt32LE(offset + 24);
    const nameLength = data.readUInt16LE(offset + 28);
    const extraLength = data.readUInt16LE(offset + 30);
    const commentLength = data.readUInt16LE(offset + 32);
    const localHeaderOffset = data.readUInt32LE(offset + 42);
    const name = data.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.push({ name, compressedSize, size, method, localHeaderOffset });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The text of one zip entry. */
export function readZipEntry(file: string, entry: ZipEntry): string {
  const data = fs.readFileSync(file);
  const at = entry.localHeaderOffset;
  if (data.readUInt32LE(at) !== 0x04034b50) throw new Error(`${file}: broken local header for ${entry.name}.`);
  const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
  const raw = data.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return raw.toString('utf8');
  if (entry.method === 8) return zlib.inflateRawSync(raw).toString('utf8');
  throw new Error(`${file}: ${entry.name} uses zip method ${entry.method}.`);
}

/** Files every Postdesk VSIX must hold (paths inside the zip). */
export const VSIX_REQUIRED: readonly string[] = [
  'extension.vsixmanifest',
  '[Content_Types].xml',
  'extension/package.json',
  'extension/package.nls.json',
  'extension/package.nls.de.json',
  'extension/l10n/bundle.l10n.json',
  'extension/l10n/bundle.l10n.de.json',
  'extension/dist/extension.js',
  'extension/dist/main.js',
  'extension/dist/render.js',
  'extension/dist/readWorker.js',
  'extension/dist/web/extension.js',
  'extension/dist/webview/preview.js',
  'extension/media/postdesk.svg',
  'extension/media/icon.png',
  'extension/media/preview.css',
  'extension/syntaxes/stray-marker.injection.tmLanguage.json',
  'extension/schemas/postdesk.config.schema.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
];

/** Everything a VSIX may hold: the bundles, media, grammars, schema, strings and the documents. */
const VSIX_ALLOWED: readonly RegExp[] = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package(\.nls(\.[a-z-]+)?)?\.json$/,
  /^extension\/l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/,
  /^extension\/dist\/(extension|main|render|readWorker|web\/extension|webview\/[a-z][a-z0-9-]*)\.js$/,
  /^extension\/media\/[\w.-]+\.(svg|css|png)$/,
  /^extension\/syntaxes\/[\w.-]+\.tmLanguage\.json$/,
  /^extension\/schemas\/[\w.-]+\.schema\.json$/,
  /^extension\/(readme\.md|changelog\.md|LICENSE\.txt)$/,
];

export function isAllowedInVsix(name: string): boolean {
  return VSIX_ALLOWED.some((re) => re.test(name));
}

/** The bundles, which must be the minified production build. */
const BUNDLES = /^extension\/dist\/.*\.js$/;

/** Problems with a VSIX's contents, each a sentence; empty when the package is right. */
export function checkVsixEntries(entries: readonly ZipEntry[], readEntry?: (entry: ZipEntry) => string): string[] {
  const problems: string[] = [];
  const names = new Set(entries.map((e) => e.name));
  for (const required of VSIX_REQUIRED) if (!names.has(required)) problems.push(`missing ${required}`);
  for (const entry of entries) {
    if (!isAllowedInVsix(entry.name)) problems.push(`unexpected file ${entry.name}`);
  }
  if (readEntry) {
    for (const entry of entries.filter((e) => BUNDLES.test(e.name))) {
      const text = readEntry(entry);
      // Only a trailing comment links a map; dependencies may mention the word in strings.
      if (/\/\/# sourceMappingURL=\S+\s*$/.test(text)) problems.push(`${entry.name} points at a source map`);
      // A dev build is indented line after line; a minified one has few, long lines.
      const lines = text.split('\n');
      const indented = lines.filter((l) => l.startsWith('  ')).length;
      if (indented > lines.length / 10 || text.length / lines.length < 300) problems.push(`${entry.name} is not minified (${lines.length} lines, ${indented} indented)`);
    }
  }
  return problems;
}
