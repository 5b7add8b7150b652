// `detached` (src/core/detach.ts): what the editor's index keeps of a post
// must not keep the post's text alive. The memory half runs in a Node of its
// own with --expose-gc (test/unit/core/detach/retained.ts) and compares the
// engine's values with their detached copies.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { analyze } from '../../../src/core';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import { detached } from '../../../src/core/detach';

interface Retained {
  readonly posts: number;
  readonly textBytes: number;
  readonly retainedBytes: number;
}

function retained(mode: 'engine' | 'detached'): Retained {
  const script = path.join(__dirname, 'detach', 'retained.ts');
  const out = execFileSync(process.execPath, ['--expose-gc', '--require', 'tsx/cjs', script, mode], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Retained;
}

describe('detached: values kept after the file is read', () => {
  it('equal what the engine gave, for a real analysis (post and findings)', () => {
    const text = '---\ntitle: "A long enough title for a view"\nauthor: The Node.js Project\nauthors: [Ada Lovelace, Grace Hopper]\ntags: [release, security-notice]\ndate: 2020-11-06\n---\n\nAdvertisement\n\nBody text.\n';
    const analysis = analyze({ path: '/blog/_posts/2020-11-06-x.md', text }, DEFAULT_CONFIG);
    assert.ok(analysis.findings.length > 0, 'the stray line gives a finding, so findings are copied too');
    assert.deepStrictEqual(detached({ post: analysis.post, findings: analysis.findings }), { post: analysis.post, findings: analysis.findings });
  });

  it('copies plain objects and arrays, keeps dates, frozen values and primitives as they are', () => {
    const date = new Date(Date.UTC(2020, 10, 6));
    const frozen = Object.freeze([]);
    const value = { list: ['short', 'a string longer than twelve'], date, frozen, n: 1, missing: undefined, nested: { ok: true } };
    const copy = detached(value);
    assert.deepStrictEqual(copy, value);
    assert.notEqual(copy, value);
    assert.notEqual(copy.list, value.list);
    assert.notEqual(copy.nested, value.nested);
    assert.equal(copy.date, date);
    assert.equal(copy.frozen, frozen);
    assert.ok('missing' in copy);
  });

  it('lets the text go: 300 posts of 20 KB kept by the index hold under a quarter of their text (their titles, dates, findings), where the engine\'s own values hold all of it', function () {
    this.timeout(60_000);
    const engine = retained('engine');
    const copies = retained('detached');
    // The engine's values hold every post's text (an author's name is a view into it): the case this guards against.
    assert.ok(engine.retainedBytes > engine.textBytes * 0.8, `engine values retain ${engine.retainedBytes} bytes of ${engine.textBytes}`);
    assert.ok(copies.retainedBytes < copies.textBytes * 0.25, `detached values retain ${copies.retainedBytes} bytes of ${copies.textBytes}`);
  });
});
