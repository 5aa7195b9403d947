/**
 * The rows an append dataset keeps, oldest first, in chunks of growing size (chunk-pool.ts),
 * each in memory or in the spill file (spill-pages.ts). Rows are addressed by their index
 * since the dataset was created; reads are mostly in order, so the chunk read last is tried
 * first.
 */
import type { Chunk, ChunkPool } from './chunk-pool.js';
import type { SpillFile } from './spill-file.js';
import type { SpillPages } from './spill-pages.js';

const FIRST_CHUNK_ROWS = 4096;
const LARGEST_CHUNK_ROWS = 65536;

/** Row `row + i` of a run has field `k` at `values[(offset + i) * stride + k]`. */
export type RunVisitor = (values: Float64Array, offset: number, row: number, count: number) => void;

export class ChunkList {
  private chunks: Chunk[] = [];
  /** The chunk `valueAt` read last. */
  private cursor: Chunk | null = null;

  constructor(
    private readonly schema: { readonly stride: number },
    private readonly pool: ChunkPool,
    private readonly pages: SpillPages
  ) {}

  /** Index of the oldest row kept, or null when no row is. */
  firstRow(): number | null {
    return this.chunks[0]?.start ?? null;
  }

  /** Stores `values` (whole rows, row-major) as the rows from index `row` on. */
  append(row: number, values: Float64Array): void {
    const stride = this.schema.stride;
    const rows = values.length / stride;
    for (let done = 0; done < rows;) {
      const chunk = this.writableChunk(row + done);
      const take = Math.min(rows - done, chunk.capacity - chunk.count);
      (chunk.values as Float64Array).set(
        values.subarray(done * stride, (done + take) * stride),
        chunk.count * stride
      );
      chunk.count += take;
      done += take;
    }
  }

  /** Forgets the newest `rows` rows stored. */
  dropNewest(rows: number): void {
    while (rows > 0) {
      const last = this.chunks[this.chunks.length - 1];
      const take = Math.min(rows, last.count);
      last.count -= take;
      rows -= take;
      if (last.count === 0) {
        this.recycle(this.chunks.pop() as Chunk);
      }
    }
  }

  /** Forgets every row. */
  dropAll(): void {
    this.chunks.forEach(chunk => this.recycle(chunk));
    this.chunks = [];
  }

  /** Forgets the chunks whose rows all come before index `row`, but never the newest chunk. */
  dropChunksBefore(row: number): void {
    while (this.chunks.length > 1 && this.chunks[0].start + this.chunks[0].count <= row) {
      this.recycle(this.chunks.shift() as Chunk);
    }
  }

  /** Forgets every row before index `row`, cutting the chunk that holds it. */
  dropRowsBefore(row: number): void {
    this.cursor = null;
    for (const chunk of this.chunks) {
      if (chunk.start + chunk.count <= row) {
        this.recycle(chunk);
      }
    }
    this.chunks = this.chunks.filter(chunk => chunk.start + chunk.count > row);
    const first = this.chunks[0];
    if (first !== undefined && first.start < row) {
      const stride = this.schema.stride;
      const drop = row - first.start;
      let values: Float64Array | null = null;
      if (first.values !== null) {
        values = first.values.slice(drop * stride);
        this.pool.replaced(first.values, values);
      }
      this.chunks[0] = {
        values,
        spilledAt: first.spilledAt + drop * stride * 8,
        start: row,
        count: first.count - drop,
        capacity: first.capacity - drop
      };
    }
  }

  /** The value of field `field` in row `row`, which is kept. */
  valueAt(row: number, field: number): number {
    let chunk = this.cursor;
    if (chunk === null || row < chunk.start || row >= chunk.start + chunk.count) {
      chunk = this.chunks[this.chunkIndexOf(row)];
      this.cursor = chunk;
    }
    const inChunk = row - chunk.start;
    if (chunk.values !== null) {
      return chunk.values[inChunk * this.schema.stride + field];
    }
    return this.pages.valueAt(chunk, inChunk, field);
  }

  /** Calls `visit` for each stretch of kept rows in [from, to), oldest first. */
  forEachRun(from: number, to: number, visit: RunVisitor): void {
    if (this.chunks.length === 0) {
      return;
    }
    for (let index = this.chunkIndexOf(from); index < this.chunks.length; index++) {
      const chunk = this.chunks[index];
      const start = chunk.start;
      const end = start + chunk.count;
      if (start >= to) {
        break;
      }
      if (end <= from) {
        continue;
      }
      const first = Math.max(from, start);
      const last = Math.min(to, end);
      if (chunk.values !== null) {
        visit(chunk.values, first - start, first, last - first);
      } else {
        this.pages.forEachPage(chunk, start, first, last, visit);
      }
    }
  }

  /**
   * Moves the oldest chunk still in memory (never the one being written) to the spill file
   * `open()` gives; false when there is nothing to move. Its memory goes back to the pool.
   */
  spillOldest(open: () => SpillFile): boolean {
    const chunk = this.chunks.find(
      (candidate, index) => candidate.values !== null && index < this.chunks.length - 1
    );
    if (chunk === undefined || chunk.values === null) {
      return false;
    }
    const values = chunk.values;
    chunk.spilledAt = this.pages.write(values.subarray(0, chunk.count * this.schema.stride), open);
    chunk.values = null;
    if (this.cursor === chunk) {
      this.cursor = null;
    }
    this.pool.reuse(values, chunk.capacity);
    return true;
  }

  /** The last chunk if it continues at `row` and has room, else a new one. */
  private writableChunk(row: number): Chunk {
    const last = this.chunks[this.chunks.length - 1];
    if (last !== undefined && last.start + last.count === row && last.count < last.capacity) {
      return last;
    }
    const capacity =
      last === undefined ? FIRST_CHUNK_ROWS : Math.min(last.capacity * 4, LARGEST_CHUNK_ROWS);
    const chunk = this.pool.take(row, capacity);
    this.chunks.push(chunk);
    return chunk;
  }

  /** The index of the last chunk starting at or before row `row` (0 when none does). */
  private chunkIndexOf(row: number): number {
    const chunks = this.chunks;
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (chunks[mid].start <= row) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  private recycle(chunk: Chunk): void {
    if (this.cursor === chunk) {
      this.cursor = null;
    }
    this.pool.recycle(chunk);
  }
}
