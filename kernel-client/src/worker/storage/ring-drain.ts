/**
 * Copies what the computing thread wrote into a dataset's shared rings (recording/ring.ts) to
 * the worker's own rows, oldest ring first, and tells the writer the space is free. A ring that
 * overwrites rows older than the window may reuse rows while they are copied: those are copied
 * again.
 */
import { DRAINED, WRITTEN, ringViews, type RingViews } from '../../recording/ring.js';

/**
 * Rows copied at most per drain unless the caller says (PlotStore drains in smaller rounds), so
 * that the worker stays responsive.
 */
export const DRAIN_SLICE_ROWS = 2 ** 20;

/** Where drained rows go. */
export interface RowSink {
  /** `pending` new rows are about to be copied: how many of the oldest to leave out. */
  skip(pending: number): number;
  /** Rows from index `row` (counted since the dataset was created) on, row-major. */
  write(row: number, values: Float64Array): void;
  /** Forgets the newest `rows` rows written. */
  dropNewest(rows: number): void;
}

export class RingDrain {
  /** Rings not yet drained to their end, oldest first; the last one is being written. */
  private readonly rings: RingViews[] = [];
  private overwriting = false;
  /** Rows drained since creation, and the ring counter value they correspond to. */
  private rows = 0;
  private counter = 0;

  /** @param schema - the values per row of the dataset (fixed before its first ring). */
  constructor(
    private readonly schema: { readonly stride: number },
    private readonly sink: RowSink
  ) {}

  /** The rings overwrite rows older than the window (ring.ts). */
  get overwrites(): boolean {
    return this.overwriting;
  }

  /** Rows drained since the dataset was created. */
  get drained(): number {
    return this.rows;
  }

  /** True while the computing thread wrote rows not copied yet. */
  backlogged(): boolean {
    const ring = this.rings[0];
    return (
      ring !== undefined &&
      (this.rings.length > 1 || ((Atomics.load(ring.header, WRITTEN) - this.counter) | 0) > 0)
    );
  }

  /** The index of the first row written after the ring counter read `written` (once drained). */
  rowAt(written: number): number {
    return this.rows - ((this.counter - written) | 0);
  }

  /** Bytes of the shared rings the computing thread writes into. */
  ringBytes(): number {
    return this.rings.reduce((sum, ring) => sum + ring.values.byteLength, 0);
  }

  add(buffer: SharedArrayBuffer, overwrites: boolean): void {
    const ring = ringViews(buffer, this.schema.stride);
    this.overwriting = overwrites;
    if (this.rings.length === 0 && this.rows === 0) {
      this.counter = ring.header[DRAINED];
    }
    this.rings.push(ring);
  }

  /**
   * Copies what the computing thread wrote since the last drain, at most `slice` rows of a ring
   * that does not overwrite; true if there was anything.
   */
  drain(slice = DRAIN_SLICE_ROWS): boolean {
    let moved = false;
    while (this.rings.length > 0) {
      const ring = this.rings[0];
      let written = Atomics.load(ring.header, WRITTEN);
      let pending = (written - this.counter) | 0;
      if (!this.overwriting && pending > slice) {
        // A long backlog is copied a slice at a time, so that the worker stays responsive.
        pending = slice;
        written = (this.counter + pending) | 0;
      }
      if (pending > 0) {
        let copied = this.copy(ring, pending);
        // A ring that overwrites may have reused rows while they were copied: copy again.
        while (this.overwriting && this.overtaken(ring, written, copied)) {
          this.sink.dropNewest(copied);
          written = Atomics.load(ring.header, WRITTEN);
          pending = (written - this.counter) | 0;
          copied = this.copy(ring, pending);
        }
        this.rows += pending;
        this.counter = written;
        Atomics.store(ring.header, DRAINED, written);
        Atomics.notify(ring.header, DRAINED);
        moved = true;
      }
      // An older ring is complete once drained: the writer moved on before posting the next.
      if (this.rings.length === 1 || this.counter !== Atomics.load(ring.header, WRITTEN)) {
        break;
      }
      this.rings.shift();
    }
    return moved;
  }

  /** True if the writer reached the first of the `copied` rows before `written` a ring later. */
  private overtaken(ring: RingViews, written: number, copied: number): boolean {
    const now = Atomics.load(ring.header, WRITTEN);
    return ((now - written) | 0) + copied >= ring.capacity;
  }

  /**
   * Hands the ring's next `pending` rows to the sink, but for the oldest it leaves out; returns
   * how many it handed (the newest).
   */
  private copy(ring: RingViews, pending: number): number {
    const stride = this.schema.stride;
    const skip = this.sink.skip(pending);
    let row = this.rows + skip;
    let at = (this.counter + skip) & (ring.capacity - 1);
    let left = pending - skip;
    const copied = left;
    while (left > 0) {
      const take = Math.min(left, ring.capacity - at);
      this.sink.write(row, ring.values.subarray(at * stride, (at + take) * stride));
      row += take;
      at = (at + take) & (ring.capacity - 1);
      left -= take;
    }
    return copied;
  }
}
