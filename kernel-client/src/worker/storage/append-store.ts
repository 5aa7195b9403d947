/**
 * The worker's history of one append-mode dataset. It drains the computing thread's ring
 * (ring.ts) into chunks of its own, oldest first; rows are addressed by their index since the
 * last clear. With a window, rows already outside it are skipped rather than copied, and whole
 * chunks that leave it are dropped. To stay within the plotter's memory budget, the oldest
 * chunks can move to a spill file (spill-file.ts), from which reads take them back page by page.
 */
import type { FieldInfo } from '../../recording/fields.js';
import type { WireRows } from '../../protocol.js';
import { DRAINED, WRITTEN, ringViews, type RingViews } from '../../recording/ring.js';
import { decodableEnd, encodeRowList, encodeRows, type RowRun } from './row-columns.js';
import type { SpillFile } from './spill-file.js';

const FIRST_CHUNK_ROWS = 4096;
const LARGEST_CHUNK_ROWS = 65536;
/** Chunks kept for reuse: as many as one drain fills at most (DRAIN_SLICE_ROWS), so that a
 * steady stream past the memory budget allocates nothing. */
const SPARE_CHUNKS = 16;
/** Rows copied at most per drain (about 10 ms of copying). */
const DRAIN_SLICE_ROWS = 2 ** 20;
/** Rows read back from a spill file at a time for single values (zooms seek and scan a few). */
const PAGE_ROWS = 256;

interface Chunk {
  /** The rows, row-major; null once they moved to the spill file. */
  values: Float64Array | null;
  /** Byte offset of the rows in the spill file, once they moved there. */
  spilledAt: number;
  /** Index (since creation) of the chunk's first row. */
  start: number;
  count: number;
  capacity: number;
}

export class AppendStore {
  readonly mode = 'append';
  fields: FieldInfo[] = [];
  words: string[][] = [];
  /** Incremented by each clear: a viewer holding an older epoch must reset. */
  epoch = 0;
  private chunks: Chunk[] = [];
  /** Chunks that left the window, reused for new rows (a fast loop would otherwise churn). */
  private spare: Chunk[] = [];
  /** Rings not yet drained to their end, oldest first; the last one is being written. */
  private rings: RingViews[] = [];
  /** The rings overwrite rows older than the window (ring.ts). */
  overwrites = false;
  /** Rows drained since creation, and the ring counter value they correspond to. */
  private drained = 0;
  private drainedCounter = 0;
  /** Index (since creation) of the first row after the last clear. */
  private base = 0;
  /** The chunk `valueAt` read last (reads are mostly in order). */
  private cursor: Chunk | null = null;
  /** Bytes of the rows held in memory (chunks and spare chunks). */
  private held = 0;
  /** Where the oldest rows go when memory runs short; made on first need. */
  private spill: SpillFile | null = null;

  constructor(
    readonly id: number,
    readonly name: string,
    readonly window: number | null
  ) {}

  /** Values per row (one per field). */
  get stride(): number {
    return Math.max(this.fields.length, 1);
  }

  setSchema(fields: FieldInfo[]): void {
    this.fields = fields;
    this.words = fields.map(() => []);
  }

  addWord(field: number, code: number, value: string): void {
    this.words[field][code] = value;
  }

  addRing(buffer: SharedArrayBuffer, overwrites: boolean): void {
    const ring = ringViews(buffer, this.stride);
    this.overwrites = overwrites;
    if (this.rings.length === 0 && this.drained === 0) {
      this.drainedCounter = ring.header[DRAINED];
    }
    this.rings.push(ring);
  }

  /** Copies what the computing thread wrote since the last drain, freeing its ring space. */
  drain(): boolean {
    let moved = false;
    while (this.rings.length > 0) {
      const ring = this.rings[0];
      let written = Atomics.load(ring.header, WRITTEN);
      let pending = (written - this.drainedCounter) | 0;
      if (!this.overwrites && pending > DRAIN_SLICE_ROWS) {
        // A long backlog is copied a slice at a time, so that the worker stays responsive.
        pending = DRAIN_SLICE_ROWS;
        written = (this.drainedCounter + pending) | 0;
      }
      if (pending > 0) {
        let copied = this.copy(ring, pending);
        // A ring that overwrites may have reused rows while they were copied: copy again.
        while (this.overwrites && this.overtaken(ring, written, copied)) {
          this.dropNewest(copied);
          written = Atomics.load(ring.header, WRITTEN);
          pending = (written - this.drainedCounter) | 0;
          copied = this.copy(ring, pending);
        }
        this.drained += pending;
        this.drainedCounter = written;
        Atomics.store(ring.header, DRAINED, written);
        Atomics.notify(ring.header, DRAINED);
        moved = true;
      }
      // An older ring is complete once drained: the writer moved on before posting the next.
      if (this.rings.length === 1 || this.drainedCounter !== Atomics.load(ring.header, WRITTEN)) {
        break;
      }
      this.rings.shift();
    }
    if (moved) {
      this.trim();
    }
    return moved;
  }

  /** Drops the rows written before the ring counter read `written`. */
  clear(written: number): void {
    this.drain();
    const keepFrom = this.drained - ((this.drainedCounter - written) | 0);
    this.base = keepFrom;
    this.cursor = null;
    for (const chunk of this.chunks) {
      if (chunk.start + chunk.count <= keepFrom) {
        this.recycle(chunk);
      }
    }
    this.chunks = this.chunks.filter(chunk => chunk.start + chunk.count > keepFrom);
    const first = this.chunks[0];
    if (first !== undefined && first.start < keepFrom) {
      const drop = keepFrom - first.start;
      let values: Float64Array | null = null;
      if (first.values !== null) {
        values = first.values.slice(drop * this.stride);
        this.held += values.byteLength - first.values.byteLength;
      }
      this.chunks[0] = {
        values,
        spilledAt: first.spilledAt + drop * this.stride * 8,
        start: keepFrom,
        count: first.count - drop,
        capacity: first.capacity - drop
      };
    }
    this.epoch++;
  }

  /** Rows recorded since the last clear. */
  total(): number {
    return this.drained - this.base;
  }

  /** Index of the oldest row still kept. */
  firstKept(): number {
    const first = this.chunks[0];
    const start = first === undefined ? this.drained : first.start;
    const kept = this.window === null ? start : Math.max(start, this.drained - this.window);
    return kept - this.base;
  }

  /** Drops chunks entirely outside the window. */
  trim(): void {
    if (this.window === null) {
      return;
    }
    const keepFrom = this.drained - this.window;
    while (this.chunks.length > 1 && this.chunks[0].start + this.chunks[0].count <= keepFrom) {
      this.recycle(this.chunks.shift() as Chunk);
    }
  }

  /** Rows [from, to) as wire columns, stopping early at rows whose strings have not arrived. */
  read(from: number, to: number): WireRows {
    const runs: RowRun[] = [];
    let complete = true;
    this.forEachRun(from, to, (values, offset, _row, count) => {
      if (complete) {
        const safeTo = decodableEnd(this.fields, this.words, values, offset, offset + count);
        runs.push({ values, from: offset, to: safeTo });
        complete = safeTo === offset + count;
      }
    });
    return encodeRows(this.fields, this.words, runs);
  }

  /** The value of field `field` in row `row` (counted since the last clear), which is kept. */
  valueAt(row: number, field: number): number {
    const at = row + this.base;
    let chunk = this.cursor;
    if (chunk === null || at < chunk.start || at >= chunk.start + chunk.count) {
      chunk = this.chunkOf(at);
      this.cursor = chunk;
    }
    const inChunk = at - chunk.start;
    if (chunk.values !== null) {
      return chunk.values[inChunk * this.stride + field];
    }
    const page = this.page(chunk, Math.floor(inChunk / PAGE_ROWS));
    return page[(inChunk % PAGE_ROWS) * this.stride + field];
  }

  /**
   * Calls `visit` for each stretch of kept rows in [from, to), oldest first: row `row + i` of a
   * stretch has field `k` at `values[(offset + i) * stride + k]`.
   */
  forEachRun(
    from: number,
    to: number,
    visit: (values: Float64Array, offset: number, row: number, count: number) => void
  ): void {
    if (this.chunks.length === 0) {
      return;
    }
    for (let index = this.chunkIndexOf(from + this.base); index < this.chunks.length; index++) {
      const chunk = this.chunks[index];
      const start = chunk.start - this.base;
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
        continue;
      }
      for (let row = first; row < last;) {
        const inChunk = row - start;
        const page = Math.floor(inChunk / PAGE_ROWS);
        const count = Math.min(last - row, (page + 1) * PAGE_ROWS - inChunk);
        visit(this.page(chunk, page), inChunk - page * PAGE_ROWS, row, count);
        row += count;
      }
    }
  }

  /**
   * Moves the oldest chunk still in memory (never the one being written) to the spill file
   * `file()` gives; false when there is nothing to move. Its memory goes to the spare chunks
   * (for the next rows) while there is room there, else it is freed.
   */
  spillOldest(file: () => SpillFile): boolean {
    const chunk = this.chunks.find(
      (candidate, index) => candidate.values !== null && index < this.chunks.length - 1
    );
    if (chunk === undefined || chunk.values === null) {
      return false;
    }
    this.spill ??= file();
    const values = chunk.values;
    chunk.spilledAt = this.spill.append(values.subarray(0, chunk.count * this.stride));
    chunk.values = null;
    if (this.cursor === chunk) {
      this.cursor = null;
    }
    // Its memory serves the next chunk (freeing it waits for a garbage collection).
    if (this.spare.length < SPARE_CHUNKS) {
      this.spare.push({ values, spilledAt: -1, start: 0, count: 0, capacity: chunk.capacity });
    } else {
      this.held -= values.byteLength;
    }
    return true;
  }

  /** Bytes of rows held in memory (the worker's own chunks). */
  heldBytes(): number {
    return this.held;
  }

  /** Bytes of the shared rings the computing thread writes into. */
  ringBytes(): number {
    return this.rings.reduce((sum, ring) => sum + ring.values.byteLength, 0);
  }

  /** Bytes of rows moved to the spill file. */
  spilledBytes(): number {
    return this.spill?.byteSize ?? 0;
  }

  /** The given kept rows (counted since the last clear), in that order, as wire columns. */
  readRows(rows: readonly number[]): WireRows {
    return encodeRowList(this.fields, this.words, rows, (row, field) => this.valueAt(row, field));
  }

  /** The first row in [from, to) holding a string whose word has not arrived yet, or `to`. */
  decodableEnd(from: number, to: number): number {
    let end = to;
    this.forEachRun(from, to, (values, offset, row, count) => {
      if (end === to) {
        const stop = decodableEnd(this.fields, this.words, values, offset, offset + count);
        if (stop < offset + count) {
          end = row + stop - offset;
        }
      }
    });
    return end;
  }

  /** True if the writer reached the first of the `copied` rows before `written` a ring later. */
  private overtaken(ring: RingViews, written: number, copied: number): boolean {
    const now = Atomics.load(ring.header, WRITTEN);
    return ((now - written) | 0) + copied >= ring.capacity;
  }

  /** Undoes the last `rows` rows copied. */
  private dropNewest(rows: number): void {
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

  /**
   * Copies the ring's next `pending` rows, skipping those a window would drop at once; returns
   * how many it copied (the newest).
   */
  private copy(ring: RingViews, pending: number): number {
    const stride = this.stride;
    let skip = 0;
    if (this.window !== null && pending > this.window) {
      skip = pending - this.window;
      this.chunks.forEach(chunk => this.recycle(chunk));
      this.chunks = [];
    }
    let row = this.drained + skip;
    let at = (this.drainedCounter + skip) & (ring.capacity - 1);
    let left = pending - skip;
    const copied = left;
    while (left > 0) {
      const chunk = this.writableChunk(row);
      const take = Math.min(left, chunk.capacity - chunk.count, ring.capacity - at);
      (chunk.values as Float64Array).set(
        ring.values.subarray(at * stride, (at + take) * stride),
        chunk.count * stride
      );
      chunk.count += take;
      row += take;
      at = (at + take) & (ring.capacity - 1);
      left -= take;
    }
    return copied;
  }

  /** The last chunk if it continues at `row` and has room, else a new one. */
  private writableChunk(row: number): Chunk {
    const last = this.chunks[this.chunks.length - 1];
    if (last !== undefined && last.start + last.count === row && last.count < last.capacity) {
      return last;
    }
    const capacity =
      last === undefined ? FIRST_CHUNK_ROWS : Math.min(last.capacity * 4, LARGEST_CHUNK_ROWS);
    const reused = this.spare.findIndex(chunk => chunk.capacity >= capacity);
    let chunk: Chunk;
    if (reused === -1) {
      chunk = {
        values: new Float64Array(capacity * this.stride),
        spilledAt: -1,
        start: row,
        count: 0,
        capacity
      };
      this.held += capacity * this.stride * 8;
    } else {
      chunk = Object.assign(this.spare.splice(reused, 1)[0], { start: row, count: 0 });
    }
    this.chunks.push(chunk);
    return chunk;
  }

  /** The chunk holding row `at` (counted since creation). */
  private chunkOf(at: number): Chunk {
    return this.chunks[this.chunkIndexOf(at)];
  }

  /** The index of the last chunk starting at or before row `at` (0 when none does). */
  private chunkIndexOf(at: number): number {
    const chunks = this.chunks;
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (chunks[mid].start <= at) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** Page `page` of a spilled chunk (PAGE_ROWS rows, fewer at its end). */
  private page(chunk: Chunk, page: number): Float64Array {
    const rows = Math.min(PAGE_ROWS, chunk.count - page * PAGE_ROWS);
    const offset = chunk.spilledAt + page * PAGE_ROWS * this.stride * 8;
    return (this.spill as SpillFile).read(offset, rows * this.stride);
  }

  private recycle(chunk: Chunk): void {
    if (this.cursor === chunk) {
      this.cursor = null;
    }
    if (chunk.values === null) {
      return;
    }
    if (this.spare.length < SPARE_CHUNKS && chunk.values.length === chunk.capacity * this.stride) {
      this.spare.push(chunk);
    } else {
      this.held -= chunk.values.byteLength;
    }
  }
}
