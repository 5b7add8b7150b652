// The shape every benchmark producer returns, so `npm run bench` can print one
// table whatever measured the row (the engine in-process, the renderer, or the
// real extension host in a separate runner).

export interface BenchRow {
  /** What was measured, e.g. "check 10,000 posts". */
  name: string;
  value: number;
  /** Unit of `value`, e.g. "ms", "MB", "x", "µs/file". */
  unit: string;
  /** Human-readable target, e.g. "< 20 ms" or "≤ 2x"; omitted when there is none. */
  target?: string;
  /** Whether `value` met `target`; omitted when there is no target. */
  pass?: boolean;
  note?: string;
}

/** An async producer of rows; bench/main.ts runs each in turn. */
export type BenchProducer = () => Promise<BenchRow[]>;

/**
 * Runners that live in another process (the extension-host benchmark) print
 * each row on its own stdout line as `BENCH_ROW {json}`; bench/main.ts picks
 * those lines out of the runner's output with this.
 */
export const BENCH_ROW_PREFIX = 'BENCH_ROW ';

export function formatBenchRowLine(row: BenchRow): string {
  return BENCH_ROW_PREFIX + JSON.stringify(row);
}

export function parseBenchRowLines(output: string): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const line of output.split(/\r?\n/)) {
    if (!line.startsWith(BENCH_ROW_PREFIX)) continue;
    try {
      const value: unknown = JSON.parse(line.slice(BENCH_ROW_PREFIX.length));
      if (isBenchRow(value)) rows.push(value);
    } catch {
      // A garbled line is skipped, not fatal: the other rows still print.
    }
  }
  return rows;
}

function isBenchRow(value: unknown): value is BenchRow {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r.name === 'string' && typeof r.value === 'number' && typeof r.unit === 'string';
}
