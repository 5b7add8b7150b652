// One place that knows what a run has started, so a normal end, an error,
// a timeout and Ctrl+C all leave no process and no temp dir behind.
import { log } from './log';

type Cleanup = () => Promise<void> | void;
const cleanups: Cleanup[] = [];
let running: Promise<void> | undefined;

/** Registers a cleanup; runs in reverse order of registration. Returns an unregister function. */
export function onCleanup(fn: Cleanup): () => void {
  cleanups.push(fn);
  return () => {
    const i = cleanups.indexOf(fn);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

export function runCleanups(): Promise<void> {
  return (running ??= (async () => {
    while (cleanups.length > 0) {
      const fn = cleanups.pop()!;
      try {
        await fn();
      } catch (error) {
        log(`cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })());
}

/** Ctrl+C / SIGTERM / SIGHUP: clean up, then exit 130 (143, 129). A second Ctrl+C or a stuck cleanup still exits. */
export function handleSignals(): void {
  const codes: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  for (const [signal, code] of Object.entries(codes)) {
    process.on(signal, () => {
      if (running) process.exit(code);
      log(`${signal} received: stopping code-server and Chromium`);
      setTimeout(() => process.exit(code), 15_000).unref();
      void runCleanups().finally(() => process.exit(code));
    });
  }
}
