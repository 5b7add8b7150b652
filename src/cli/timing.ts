// POSTDESK_TIMING=1: when each phase of a run ended, in ms since the process
// started (Node's start-up and the bundle's loading are the first phase),
// written to stderr after everything else. For finding where a run's time
// goes (docs/benchmarks-cli.md); without the variable nothing is recorded.
import { performance } from 'node:perf_hooks';
import type { CliStream } from './io';

export class Timing {
  private readonly marks: string[] = [];

  constructor(readonly enabled: boolean) {}

  static from(env: Readonly<Record<string, string | undefined>> | undefined): Timing {
    return new Timing(env?.POSTDESK_TIMING !== undefined && env.POSTDESK_TIMING !== '' && env.POSTDESK_TIMING !== '0');
  }

  /** `phase` has just ended (or, for a worker's events, ended at the absolute time `at`, ms since the epoch). */
  mark(phase: string, at?: number): void {
    if (!this.enabled) return;
    const ms = at === undefined ? performance.now() : at - performance.timeOrigin;
    this.marks.push(`${ms.toFixed(1).padStart(9)} ms  ${phase}`);
  }

  report(stream: CliStream): void {
    if (this.marks.length === 0) return;
    const cpu = process.cpuUsage();
    this.mark(`end (CPU of the whole process so far: ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms)`);
    stream.write(`postdesk timing:\n${this.marks.join('\n')}\n`);
  }
}

/** Now, as an absolute time another thread can place on its own clock. */
export function absoluteNow(): number {
  return performance.timeOrigin + performance.now();
}
