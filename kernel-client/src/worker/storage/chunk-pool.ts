/**
 * The memory of an append dataset's rows: chunks of rows, and the spare chunks that rows which
 * left (a window, a clear, the spill file) give back, so that a steady stream past its window or
 * the memory budget allocates nothing. Counts the bytes it holds.
 */

/** Rows stored together, row-major, addressed by their index since the dataset was created. */
export interface Chunk {
  /** The rows, row-major; null once they moved to the spill file. */
  values: Float64Array | null;
  /** Byte offset of the rows in the spill file, once they moved there. */
  spilledAt: number;
  /** Index (since creation) of the chunk's first row. */
  start: number;
  count: number;
  capacity: number;
}

/**
 * Chunks kept for reuse: as many as one drain fills at most (a slice of ring-drain.ts in the
 * largest chunks of chunk-list.ts), so that a steady stream past the memory budget allocates
 * nothing.
 */
const SPARE_CHUNKS = 16;

export class ChunkPool {
  private readonly spare: Chunk[] = [];
  /** Bytes of the rows held in memory (chunks in use and spare ones). */
  private held = 0;

  /** @param schema - the values per row of the dataset (fixed before its first rows). */
  constructor(private readonly schema: { readonly stride: number }) {}

  /** Bytes of rows held in memory. */
  heldBytes(): number {
    return this.held;
  }

  /** An empty chunk for rows from index `row` on, of `capacity` rows or more: spare, or new. */
  take(row: number, capacity: number): Chunk {
    const reused = this.spare.findIndex(chunk => chunk.capacity >= capacity);
    if (reused !== -1) {
      return Object.assign(this.spare.splice(reused, 1)[0], { start: row, count: 0 });
    }
    this.held += capacity * this.schema.stride * 8;
    return {
      values: new Float64Array(capacity * this.schema.stride),
      spilledAt: -1,
      start: row,
      count: 0,
      capacity
    };
  }

  /** Takes back a chunk no longer used: a spare while there is room (and it is whole), else freed. */
  recycle(chunk: Chunk): void {
    if (chunk.values === null) {
      return;
    }
    if (
      this.spare.length < SPARE_CHUNKS &&
      chunk.values.length === chunk.capacity * this.schema.stride
    ) {
      this.spare.push(chunk);
    } else {
      this.held -= chunk.values.byteLength;
    }
  }

  /**
   * Takes back the memory of a chunk whose rows moved to the spill file: it serves the next chunk
   * while there is room among the spares (freeing it would wait for a garbage collection).
   */
  reuse(values: Float64Array, capacity: number): void {
    if (this.spare.length < SPARE_CHUNKS) {
      this.spare.push({ values, spilledAt: -1, start: 0, count: 0, capacity });
    } else {
      this.held -= values.byteLength;
    }
  }

  /** A chunk's rows `old` were replaced by the copy `kept` (a clear cut its oldest rows). */
  replaced(old: Float64Array, kept: Float64Array): void {
    this.held += kept.byteLength - old.byteLength;
  }
}
