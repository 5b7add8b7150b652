// The extension host's pauses while a figure is measured: when its event loop
// was blocked, and which garbage collections it made, so a long block can be
// told apart from Postdesk's own work.
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';

export interface GcPause {
  /** performance.now() when it ended. */
  readonly end: number;
  readonly ms: number;
  /** Which collection, and the young generation's size then. */
  readonly kind: string;
}

export interface Block {
  /** performance.now() when the loop got going again. */
  readonly end: number;
  readonly ms: number;
}

/**
 * A 10 ms timer that notes every block of the event loop longer than
 * `overMs` (whoever ran it: Postdesk, another extension, the collector),
 * until `dispose`.
 */
export function watchBlocks(overMs = 30): { readonly blocks: Block[]; dispose(): void } {
  const blocks: Block[] = [];
  let tick = performance.now();
  const probe = setInterval(() => {
    const t = performance.now();
    if (t - tick > overMs + 10) blocks.push({ end: t, ms: t - tick - 10 });
    tick = t;
  }, 10);
  return { blocks, dispose: () => clearInterval(probe) };
}

/** Collects every garbage collection pause longer than `overMs` until `dispose`. */
export function watchGcPauses(overMs = 15): { readonly pauses: GcPause[]; dispose(): void } {
  const pauses: GcPause[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.duration > overMs) pauses.push({ end: entry.startTime + entry.duration, ms: entry.duration, kind: `${gcKind(entry)}, new space ${newSpaceMb()} MB` });
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return { pauses, dispose: () => observer.disconnect() };
}

/** The pauses as a note: each one's length, kind and when it ended, in seconds after `since`. */
export function describePauses(pauses: readonly GcPause[], since: number): string {
  return pauses.map((p) => `${Math.round(p.ms)} ms (${p.kind}) at ${secondsAfter(p.end, since)}`).join(', ') || 'none';
}

/** The `top` longest blocks as a note: each one's length and when it ended, in seconds after `since`. */
export function describeBlocks(blocks: readonly Block[], since: number, top: number): string {
  return [...blocks].sort((x, y) => y.ms - x.ms).slice(0, top).map((b) => `${Math.round(b.ms)} ms at ${secondsAfter(b.end, since)}`).join(', ') || 'none';
}

function secondsAfter(end: number, since: number): string {
  return `${(Math.round((end - since) / 10) / 100).toString()} s`;
}

/** The young generation's size now (what a minor collection copies from is at most half of it). */
function newSpaceMb(): string {
  const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  return space ? (space.space_size / 1048576).toFixed(0) : '?';
}

/** Which collection a `gc` performance entry was (the constants of perf_hooks). */
function gcKind(entry: PerformanceEntry): string {
  const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
  const { NODE_PERFORMANCE_GC_MAJOR, NODE_PERFORMANCE_GC_MINOR, NODE_PERFORMANCE_GC_INCREMENTAL, NODE_PERFORMANCE_GC_WEAKCB } = constants;
  switch (kind) {
    case NODE_PERFORMANCE_GC_MAJOR:
      return 'major';
    case NODE_PERFORMANCE_GC_MINOR:
      return 'minor';
    case NODE_PERFORMANCE_GC_INCREMENTAL:
      return 'incremental';
    case NODE_PERFORMANCE_GC_WEAKCB:
      return 'weak callbacks';
    default:
      return 'unknown';
  }
}
