// `postdesk check` on real posts, which are harder than generated ones: the
// Node.js blog (long, list-heavy release notes) copied ten times and the
// Jekyll posts copied a hundred times, about 10,000 posts each, each against
// the floor of the same files; the rules' own time per MB of real text; and
// markdownlint-cli2, the linter authors already run in CI, on the same files.
// The copies go to a temp dir made here, never into the corpus.
import { existsSync, promises as fs, readdirSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_CONFIG, findingsOf } from '../src/core';
import { checkAgainstFloor, median, round, runCheckProcess, timeProcess, type EngineBenchOptions } from './engine';
import type { BenchRow } from './types';

const REPO_ROOT = path.resolve(__dirname, '..');
const CORPUS = path.resolve(REPO_ROOT, '../shared/corpus');
const NODE_BLOG = path.join(CORPUS, 'sites/nodejs-blog');
const JEKYLL = path.join(CORPUS, 'jekyll-posts');
/** What both tools read: the Markdown files (Postdesk's default include globs). */
const MARKDOWN = /\.(md|mdx|markdown)$/i;

function markdownFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) markdownFiles(p, out);
    else if (MARKDOWN.test(entry.name)) out.push(p);
  }
  return out;
}

/** `copies` copies of `source` side by side under `dir` (c0, c1, ...); the bytes of their Markdown files. */
async function copyCorpus(source: string, dir: string, copies: number): Promise<number> {
  const bytes = markdownFiles(source).reduce((sum, file) => sum + readFileSync(file).length, 0);
  for (let i = 0; i < copies; i++) await fs.cp(source, path.join(dir, `c${i}`), { recursive: true });
  return bytes * copies;
}

export async function benchRealCorpora(options: EngineBenchOptions): Promise<BenchRow[]> {
  if (!existsSync(NODE_BLOG) || !existsSync(JEKYLL)) {
    return [{ name: 'real corpora (not found)', value: NaN, unit: '', note: `${CORPUS} is not present` }];
  }
  const rows: BenchRow[] = [];
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'postdesk-real-'));
  try {
    const nodeDir = path.join(tmp, 'nodejs-blog-x10');
    options.log(`copying the Node.js blog ten times to ${nodeDir}`);
    const nodeBytes = await copyCorpus(NODE_BLOG, nodeDir, 10);
    rows.push(...(await checkAgainstFloor(nodeDir, 'Node.js blog ×10', nodeBytes, options)));
    rows.push(...(await peerRow(nodeDir, options)));
    await fs.rm(nodeDir, { recursive: true, force: true });

    const jekyllDir = path.join(tmp, 'jekyll-posts-x100');
    options.log(`copying the Jekyll posts a hundred times to ${jekyllDir}`);
    const jekyllBytes = await copyCorpus(JEKYLL, jekyllDir, 100);
    rows.push(...(await checkAgainstFloor(jekyllDir, 'Jekyll posts ×100', jekyllBytes, options)));
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
  rows.push(rulesPerMegabyte());
  return rows;
}

/**
 * Copies of the Node.js blog the peer row lints: markdownlint-cli2 takes about
 * 45 s of CPU per copy (and 1.9 GB for all ten), so the default is one copy;
 * `--peer-copies 10` runs it on the whole ×10 corpus.
 */
function peerCopies(): number {
  const i = process.argv.indexOf('--peer-copies');
  const n = i >= 0 ? Number(process.argv[i + 1]) : 1;
  return Number.isInteger(n) && n >= 1 && n <= 10 ? n : 1;
}

/**
 * markdownlint-cli2 and postdesk check on the same files, side by side. Fair
 * as far as we can make it: the same Markdown files (the globs below are
 * Postdesk's include list; the copies are named on both command lines), each
 * tool's default rules and no config file, output to /dev/null, one process
 * each (Postdesk's includes its worker threads; markdownlint-cli2 has none),
 * both reading from a warm file cache (the floor and check rows just read
 * these files). One run each: the peer is slow enough that its noise is small.
 */
async function peerRow(dir: string, options: EngineBenchOptions): Promise<BenchRow[]> {
  const bin = path.join(REPO_ROOT, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
  if (!existsSync(bin)) return [{ name: 'markdownlint-cli2 (not installed)', value: NaN, unit: '', note: 'npm install' }];
  const version = (JSON.parse(readFileSync(path.join(path.dirname(bin), 'package.json'), 'utf8')) as { version: string }).version;
  const copies = Array.from({ length: peerCopies() }, (_, i) => `c${i}`);
  const label = `Node.js blog ×${copies.length}`;
  options.log(`markdownlint-cli2 ${version} and postdesk check on ${label}`);
  await runCheckProcess(dir, copies);
  const peerMs = await timeProcess(process.execPath, [bin, ...copies.map((c) => `${c}/**/*.{md,mdx,markdown}`)], dir);
  const check = await runCheckProcess(dir, copies);
  const files = copies.reduce((sum, c) => sum + markdownFiles(path.join(dir, c)).length, 0).toLocaleString('en-US');
  return [
    { name: `markdownlint-cli2 ${version}, ${label}`, value: round(peerMs), unit: 'ms', note: `${files} files, default rules, one run` },
    { name: `postdesk check / markdownlint-cli2, ${label}`, value: round(check.ms / peerMs, 3), unit: 'x', note: `check ${round(check.ms)} ms in the same turn` },
  ];
}

/** The engine alone (split, front matter, every rule; no I/O) over the real posts, in memory: ms per MB of text. */
function rulesPerMegabyte(): BenchRow {
  const docs = [...markdownFiles(NODE_BLOG), ...markdownFiles(JEKYLL)].map((file) => ({ path: file, text: readFileSync(file, 'utf8') }));
  const megabytes = docs.reduce((sum, d) => sum + Buffer.byteLength(d.text), 0) / 1024 / 1024;
  const now = new Date();
  const pass = (): number => {
    const start = performance.now();
    for (const doc of docs) findingsOf(doc, DEFAULT_CONFIG, { now });
    return performance.now() - start;
  };
  pass();
  pass();
  const runs = Array.from({ length: 7 }, pass);
  const msPerMb = median(runs) / megabytes;
  return {
    name: 'rules per MB of real posts (engine only, no I/O)',
    value: round(msPerMb, 1),
    unit: 'ms/MB',
    note: `${docs.length.toLocaleString('en-US')} Node.js blog and Jekyll posts, ${megabytes.toFixed(1)} MB, median of 7; min ${round(Math.min(...runs) / megabytes, 1)}`,
  };
}
