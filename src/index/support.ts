// Small pieces the index needs that are not about VS Code's file system.
import type * as vscode from 'vscode';
import { titleFromFileName } from '../core';
import type { Post } from '../core/types';

/** The path the engine sees for a file: always forward slashes, also on virtual file systems. */
export function pathOf(uri: vscode.Uri): string {
  return uri.path;
}

/** The Post shown for a file that could not be read: undated, titled after its file name. */
export function fallbackPost(path: string): Post {
  return { path, title: titleFromFileName(path), titleSource: 'filename', status: 'undated', tags: [], categories: [], wordCount: 0 };
}

/** Lets long loops give the extension host back its event loop at a steady pace. */
export class SliceScheduler {
  private sliceStart = now();

  constructor(private readonly budgetMs = 12) {}

  /** Yields to the event loop when the current slice has used its budget. */
  async yieldIfDue(): Promise<void> {
    if (now() - this.sliceStart < this.budgetMs) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    this.sliceStart = now();
  }
}

function now(): number {
  return performance.now();
}
