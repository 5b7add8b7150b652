// Run by detach.test.ts in a Node of its own with --expose-gc: builds the
// index's entries (post and findings) for many long posts and prints how many
// bytes of heap they keep, as they come from the engine or `detached`.
import { analyze } from '../../../../src/core';
import { DEFAULT_CONFIG } from '../../../../src/core/config';
import { detached } from '../../../../src/core/detach';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const detach = process.argv[2] === 'detached';
const POSTS = 300;
const body = 'A paragraph of the kind a release note is made of, long enough to matter.\n\n'.repeat(270);

function heapUsed(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

function build(posts: number): unknown[] {
  const kept: unknown[] = [];
  for (let i = 0; i < posts; i++) {
    // A fresh text per post, as each file read is; a 19-character author, as the Node.js blog's.
    const text = `---\ntitle: "Release ${i}"\ndate: 2020-11-06\nauthor: The Node.js Project\ntags: [release, security-notice]\n---\n\nAdvertisement\n\n${body}<!-- ${i} -->\n`;
    const analysis = analyze({ path: `/blog/${i}.md`, text }, DEFAULT_CONFIG);
    const entry = { post: analysis.post, findings: analysis.findings };
    kept.push(detach ? detached(entry) : entry);
  }
  return kept;
}

// The engine's code is loaded and compiled at its first use: not what is measured.
build(5);
const before = heapUsed();
const kept = build(POSTS);
const after = heapUsed();
console.log(JSON.stringify({ posts: kept.length, textBytes: POSTS * body.length, retainedBytes: after - before }));
