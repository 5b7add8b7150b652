// Small pieces the index needs that are not about VS Code's file system.
import { titleFromFileName } from '../core';
import type { Post } from '../core/types';

/** The Post shown for a file that could not be read: undated, titled after its file name. */
export function fallbackPost(path: string): Post {
  return { path, title: titleFromFileName(path), titleSource: 'filename', status: 'undated', tags: [], categories: [], wordCount: 0 };
}

/**
 * Lets long loops give the extension host back its event loop at a steady
 * pace. Loops running side by side (a pool of readers) share one slice: they
 * all wait for the same yield and the slice restarts once, so together they
 * never hold the event loop much longer than the budget.
 */
export class SliceScheduler {
  private pending: Promise<void> | undefined;
  /**
   * How long each yield leaves the event loop idle. Zero yields only to what
   * is waiting; a rest lets a long background job (indexing a very large
   * site) use part of the CPU, not all of it, so the workbench and VS Code's
   * file watcher are not starved, and the operating system does not take
   * the CPU from the extension host in the middle of a slice.
   */
  restMs = 0;

  private sliceStart: number;

  /** `clock` is for tests, which cannot rely on a loaded machine's timing. */
  constructor(
    private readonly budgetMs = 8,
    private readonly clock: () => number = now,
  ) {
    this.sliceStart = clock();
  }

  /** Whether the current slice has used its budget. */
  get due(): boolean {
    return this.clock() - this.sliceStart >= this.budgetMs;
  }

  /** Yields to the event loop when the current slice has used its budget. */
  async yieldIfDue(): Promise<void> {
    if (!this.due) return;
    this.pending ??= new Promise<void>((resolve) =>
      setTimeout(() => {
        this.pending = undefined;
        this.sliceStart = this.clock();
        resolve();
      }, this.restMs),
    );
    await this.pending;
  }
}

function now(): number {
  return performance.now();
}
