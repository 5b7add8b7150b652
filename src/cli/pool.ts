// Runs an async job per item with a bounded number in flight, keeping the
// results in input order: file reads overlap, memory and descriptors stay bounded.
export async function mapPool<T, R>(items: readonly T[], concurrency: number, job: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await job(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
