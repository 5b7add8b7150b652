// Timestamped harness logging, so a slow step is visible in CI logs.
const t0 = Date.now();

export function stamp(): string {
  return `[harness +${((Date.now() - t0) / 1000).toFixed(1)}s]`;
}

export function log(...parts: unknown[]): void {
  console.log(stamp(), ...parts);
}

export function logError(...parts: unknown[]): void {
  console.error(stamp(), ...parts);
}

/** A fault with a message meant for the person running the tests. */
export class HarnessError extends Error {
  constructor(
    message: string,
    /** Process exit code for this fault (2 = harness error, 124 = timeout). */
    readonly exitCode: number = 2,
  ) {
    super(message);
    this.name = 'HarnessError';
  }
}

export function errorText(error: unknown): string {
  if (error instanceof HarnessError) return error.message;
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}
