/**
 * The rows of an append dataset that moved to its spill file (spill-file.ts) to keep within the
 * memory budget, read back a page at a time: a zoom seeks and scans a few rows, an export reads
 * them in order.
 */
import type { Chunk } from './chunk-pool.js';
import type { SpillFile } from './spill-file.js';

/** Rows read back from the spill file at a time. */
const PAGE_ROWS = 256;

export class SpillPages {
  /** Made on the first rows that move. */
  private file: SpillFile | null = null;

  /** @param schema - the values per row of the dataset. */
  constructor(private readonly schema: { readonly stride: number }) {}

  /** Bytes of rows moved to the spill file. */
  spilledBytes(): number {
    return this.file?.byteSize ?? 0;
  }

  /** Appends rows to the spill file (`open()` makes it on first need); returns their byte offset. */
  write(rows: Float64Array, open: () => SpillFile): number {
    this.file ??= open();
    return this.file.append(rows);
  }

  /** Field `field` of row `inChunk` of a spilled chunk. */
  valueAt(chunk: Chunk, inChunk: number, field: number): number {
    const page = this.page(chunk, Math.floor(inChunk / PAGE_ROWS));
    return page[(inChunk % PAGE_ROWS) * this.schema.stride + field];
  }

  /**
   * Calls `visit` for each page of rows [first, last) of a spilled chunk whose first row has
   * index `start` (indices as the caller counts them): see `ChunkList.forEachRun`.
   */
  forEachPage(
    chunk: Chunk,
    start: number,
    first: number,
    last: number,
    visit: (values: Float64Array, offset: number, row: number, count: number) => void
  ): void {
    for (let row = first; row < last;) {
      const inChunk = row - start;
      const page = Math.floor(inChunk / PAGE_ROWS);
      const count = Math.min(last - row, (page + 1) * PAGE_ROWS - inChunk);
      visit(this.page(chunk, page), inChunk - page * PAGE_ROWS, row, count);
      row += count;
    }
  }

  /** Page `page` of a spilled chunk (PAGE_ROWS rows, fewer at its end). */
  private page(chunk: Chunk, page: number): Float64Array {
    const stride = this.schema.stride;
    const rows = Math.min(PAGE_ROWS, chunk.count - page * PAGE_ROWS);
    const offset = chunk.spilledAt + page * PAGE_ROWS * stride * 8;
    return (this.file as SpillFile).read(offset, rows * stride);
  }
}
