/**
 * The worker's history of one append-mode dataset: the computing thread's rings drained
 * (ring-drain.ts) into chunks of its own (chunk-list.ts, chunk-pool.ts), kept within the
 * dataset's window (row-window.ts), the oldest moved to a spill file beyond the memory budget
 * and read back page by page (spill-pages.ts), and read as wire columns (row-schema.ts). Rows
 * are addressed by their index since the last clear.
 */
import type { FieldInfo } from '../../recording/fields.js';
import type { WireRows } from '../../protocol.js';
import { ChunkList, type RunVisitor } from './chunk-list.js';
import { ChunkPool } from './chunk-pool.js';
import { RingDrain } from './ring-drain.js';
import type { RowRun } from './row-columns.js';
import { RowSchema } from './row-schema.js';
import { RowWindow } from './row-window.js';
import type { SpillFile } from './spill-file.js';
import { SpillPages } from './spill-pages.js';

export class AppendStore {
  readonly mode = 'append';
  private readonly schema = new RowSchema();
  private readonly pool = new ChunkPool(this.schema);
  private readonly pages = new SpillPages(this.schema);
  private readonly chunks = new ChunkList(this.schema, this.pool, this.pages);
  private readonly rowWindow: RowWindow;
  private readonly rings: RingDrain;
  /** Index (since creation) of the first row after the last clear. */
  private base = 0;
  private clears = 0;
  /** Rows (since the last clear) already handed to `onRows`. */
  private handedOver = 0;
  private onRows: ((rows: WireRows) => void) | null = null;

  constructor(
    readonly id: number,
    readonly name: string,
    readonly window: number | null
  ) {
    this.rowWindow = new RowWindow(window, this.chunks);
    this.rings = new RingDrain(this.schema, {
      // A run record keeps every row: none is skipped for being older than the window (its
      // rings never overwrite then; one that does has lost those rows anyway).
      skip: pending =>
        this.onRows === null || this.rings.overwrites ? this.rowWindow.skip(pending) : 0,
      write: (row, values) => this.chunks.append(row, values),
      dropNewest: rows => this.chunks.dropNewest(rows)
    });
  }

  get fields(): readonly FieldInfo[] {
    return this.schema.fields;
  }

  /** Values per row (one per field). */
  get stride(): number {
    return this.schema.stride;
  }

  /** Incremented by each clear: a viewer holding an older epoch must reset. */
  get epoch(): number {
    return this.clears;
  }

  /** The rings overwrite rows older than the window (ring.ts). */
  get overwrites(): boolean {
    return this.rings.overwrites;
  }

  setSchema(fields: readonly FieldInfo[]): void {
    this.schema.set(fields);
  }

  addWord(field: number, code: number, value: string): void {
    this.schema.addWord(field, code, value);
  }

  /**
   * Hands every row drained from now on to `onRows` (a run record, records/run-record.ts),
   * before the window drops any of it.
   */
  recordTo(onRows: (rows: WireRows) => void): void {
    this.onRows = onRows;
    this.handedOver = this.total();
  }

  addRing(buffer: SharedArrayBuffer, overwrites: boolean): void {
    this.rings.add(buffer, overwrites);
  }

  /**
   * Copies what the computing thread wrote since the last drain (at most `slice` rows), freeing
   * its ring space.
   */
  drain(slice?: number): boolean {
    const moved = this.rings.drain(slice);
    if (moved) {
      this.handOver();
      this.trim();
    }
    return moved;
  }

  /** The rows drained since the last hand-over, to `onRows` (those whose strings arrived). */
  private handOver(): void {
    if (this.onRows === null) {
      return;
    }
    const first = this.chunks.firstRow();
    const from = Math.max(this.handedOver, first === null ? 0 : first - this.base);
    const to = this.total();
    if (from < to) {
      const rows = this.read(from, to);
      this.handedOver = from + rows.length;
      this.onRows(rows);
    }
  }

  /** True while the computing thread's rings hold rows not copied yet. */
  backlogged(): boolean {
    return this.rings.backlogged();
  }

  /** Drops the rows written before the ring counter read `written`. */
  clear(written: number): void {
    this.drain();
    this.base = this.rings.rowAt(written);
    this.chunks.dropRowsBefore(this.base);
    this.clears++;
    // Rows drained after the clear's point were handed over already.
    this.handedOver = this.total();
  }

  /** Rows recorded since the last clear. */
  total(): number {
    return this.rings.drained - this.base;
  }

  /** Index of the oldest row still kept. */
  firstKept(): number {
    return this.rowWindow.firstKept(this.rings.drained) - this.base;
  }

  /** Drops chunks entirely outside the window. */
  trim(): void {
    const drained = this.rings.drained;
    // Rows not handed to the run record yet (their strings had not arrived) stay, window or not.
    const limit =
      this.onRows === null || this.window === null
        ? drained
        : Math.min(drained, this.base + this.handedOver + this.window);
    this.rowWindow.trim(limit);
  }

  /** Rows [from, to) as wire columns, stopping early at rows whose strings have not arrived. */
  read(from: number, to: number): WireRows {
    const runs: RowRun[] = [];
    let complete = true;
    this.forEachRun(from, to, (values, offset, _row, count) => {
      if (complete) {
        const safeTo = this.schema.decodableEnd(values, offset, offset + count);
        runs.push({ values, from: offset, to: safeTo });
        complete = safeTo === offset + count;
      }
    });
    return this.schema.encode(runs);
  }

  /** The value of field `field` in row `row` (counted since the last clear), which is kept. */
  valueAt(row: number, field: number): number {
    return this.chunks.valueAt(row + this.base, field);
  }

  /**
   * Calls `visit` for each stretch of kept rows in [from, to), oldest first: row `row + i` of a
   * stretch has field `k` at `values[(offset + i) * stride + k]`.
   */
  forEachRun(from: number, to: number, visit: RunVisitor): void {
    const base = this.base;
    this.chunks.forEachRun(from + base, to + base, (values, offset, row, count) =>
      visit(values, offset, row - base, count)
    );
  }

  /**
   * Moves the oldest chunk still in memory (never the one being written) to the spill file
   * `file()` gives; false when there is nothing to move. Its memory goes to the spare chunks
   * (for the next rows) while there is room there, else it is freed.
   */
  spillOldest(file: () => SpillFile): boolean {
    return this.chunks.spillOldest(file);
  }

  /** Bytes of rows held in memory (the worker's own chunks). */
  heldBytes(): number {
    return this.pool.heldBytes();
  }

  /** Bytes of the shared rings the computing thread writes into. */
  ringBytes(): number {
    return this.rings.ringBytes();
  }

  /** Bytes of rows moved to the spill file. */
  spilledBytes(): number {
    return this.pages.spilledBytes();
  }

  /** The given kept rows (counted since the last clear), in that order, as wire columns. */
  readRows(rows: readonly number[]): WireRows {
    return this.schema.encodeList(rows, (row, field) => this.valueAt(row, field));
  }

  /** The first row in [from, to) holding a string whose word has not arrived yet, or `to`. */
  decodableEnd(from: number, to: number): number {
    let end = to;
    this.forEachRun(from, to, (values, offset, row, count) => {
      if (end === to) {
        const stop = this.schema.decodableEnd(values, offset, offset + count);
        if (stop < offset + count) {
          end = row + stop - offset;
        }
      }
    });
    return end;
  }
}
