import * as assert from 'node:assert/strict';
import { shardFiles } from '../../harness/shard';

describe('e2e shards', () => {
  const sizes: Record<string, number> = { 'a.e2e.ts': 12_000, 'b.e2e.ts': 6_000, 'c.e2e.ts': 5_000, 'd.e2e.ts': 4_000, 'e.e2e.ts': 3_000, 'f.e2e.ts': 2_000 };
  const files = Object.keys(sizes);
  const sizeOf = (file: string) => sizes[file] ?? 0;

  for (const count of [1, 2, 3, 6, 8]) {
    it(`puts every file in exactly one of ${count} shard(s)`, () => {
      const shards = Array.from({ length: count }, (_, i) => shardFiles(files, { index: i + 1, count }, sizeOf));
      assert.deepEqual(shards.flat().sort(), [...files].sort());
    });
  }

  it('balances the shards by size, largest file first', () => {
    const first = shardFiles(files, { index: 1, count: 2 }, sizeOf);
    const second = shardFiles(files, { index: 2, count: 2 }, sizeOf);
    // a (12) | b+c (11), then d joins the lighter second (15), e the first (15), f the first on a tie.
    assert.deepEqual(first, ['a.e2e.ts', 'e.e2e.ts', 'f.e2e.ts']);
    assert.deepEqual(second, ['b.e2e.ts', 'c.e2e.ts', 'd.e2e.ts']);
  });

  it('gives the same split whatever order the files are listed in', () => {
    const reversed = [...files].reverse();
    assert.deepEqual(shardFiles(reversed, { index: 2, count: 3 }, sizeOf), shardFiles(files, { index: 2, count: 3 }, sizeOf));
  });
});
