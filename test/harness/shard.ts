// Splitting the end-to-end test files into parts that run side by side.

/**
 * The files of one shard. The size of a test file stands in for how long it
 * runs (its steps are what take the time), so the largest go first, each to
 * the lightest shard so far; the split is the same on every machine.
 */
export function shardFiles(files: readonly string[], shard: { index: number; count: number }, sizeOf: (file: string) => number): string[] {
  const loads = new Array<number>(shard.count).fill(0);
  const mine: string[] = [];
  const bySize = [...files].sort((a, b) => sizeOf(b) - sizeOf(a) || a.localeCompare(b));
  for (const file of bySize) {
    const lightest = loads.indexOf(Math.min(...loads));
    loads[lightest]! += sizeOf(file);
    if (lightest === shard.index - 1) mine.push(file);
  }
  return mine.sort();
}
