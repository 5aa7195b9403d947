/**
 * An append dataset's window: only its newest `size` rows are kept (all without one). Rows that
 * arrive already outside it are not copied, and chunks that leave it are dropped whole.
 */
import type { ChunkList } from './chunk-list.js';

export class RowWindow {
  constructor(
    readonly size: number | null,
    private readonly chunks: ChunkList
  ) {}

  /**
   * `pending` new rows are about to be copied: with more than the window holds, every row kept
   * is dropped and the oldest new ones are left out; returns how many.
   */
  skip(pending: number): number {
    if (this.size === null || pending <= this.size) {
      return 0;
    }
    this.chunks.dropAll();
    return pending - this.size;
  }

  /** Drops the chunks entirely outside the window once `drained` rows arrived. */
  trim(drained: number): void {
    if (this.size !== null) {
      this.chunks.dropChunksBefore(drained - this.size);
    }
  }

  /** The index of the oldest row kept once `drained` rows arrived. */
  firstKept(drained: number): number {
    const start = this.chunks.firstRow() ?? drained;
    return this.size === null ? start : Math.max(start, drained - this.size);
  }
}
