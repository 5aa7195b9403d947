/**
 * The shared-memory layout of an append-mode dataset's recorded rows: one SharedArrayBuffer per
 * ring, an Int32 header, then `capacity` rows (a power of two), row-major, one Float64 per field.
 *
 * Header slot WRITTEN counts the rows the computing thread has written (int32, wrapping; row r
 * lives at ring row `r & (capacity - 1)`); slot DRAINED counts the rows the worker has copied
 * out. They sit on different cache lines: each thread writes only its own.
 *
 * - Without a window (every row is kept), the computing thread writes a row only while
 *   `WRITTEN - DRAINED < capacity`; otherwise it starts a larger ring (whose counters continue
 *   from the old one's) and hands it to the worker, which drains the old ring to its end first.
 *   Nothing is overwritten before the worker copied it.
 * - With a window of N rows, the ring holds at least 2N rows and the computing thread never
 *   waits: a row it overwrites is at least a ring older than the newest, so outside the window.
 *   The worker copies only the newest N rows and checks afterwards that none was overwritten
 *   while it copied (it copies again if one was).
 */

export const WRITTEN = 0;
export const DRAINED = 16;
const HEADER_BYTES = 128;

/** The ring a dataset starts with: 16 MB of rows, which pages in only as it is written. */
export const RING_BYTES = 16 * 2 ** 20;
/** Rings grow (when the worker falls a whole ring behind) up to this. */
export const LARGEST_RING_BYTES = 256 * 2 ** 20;

/** How large a dataset's rings are, within the plotter's memory budget. */
export interface RingSizes {
  /** Bytes of the first ring. */
  first: number;
  /** Bytes a ring grows to at most. */
  largest: number;
  /**
   * Every row must reach the worker (a run record keeps them all): a windowed dataset's ring
   * then never overwrites its oldest rows, it fills and grows like any other.
   */
  everyRow?: boolean;
}

/**
 * Ring sizes for a memory budget: at most a sixteenth of it, to start and when grown (16 MB
 * and 64 MB for the default 1 GiB: 4M rows of two numbers, a few hundred milliseconds of a
 * loop pushing flat out).
 */
export function ringSizes(memoryBudget: number): RingSizes {
  return {
    first: Math.min(RING_BYTES, memoryBudget / 16),
    largest: Math.min(LARGEST_RING_BYTES, memoryBudget / 16)
  };
}

export interface RingViews {
  header: Int32Array;
  values: Float64Array;
  /** Rows the ring holds: a power of two. */
  capacity: number;
}

/** The ring of a dataset with a window: twice the window, at least 4096 rows. */
export function windowRingRows(window: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(2 * window, 4096)));
}

/** The largest power-of-two row count whose rows fit in `bytes` (at least 1). */
export function ringRows(bytes: number, stride: number): number {
  const rows = Math.max(1, Math.floor(bytes / (8 * Math.max(stride, 1))));
  return 2 ** Math.floor(Math.log2(rows));
}

/** A ring whose counters both start at `written` (so they continue from a previous ring). */
export function allocateRing(rows: number, stride: number, written: number): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(HEADER_BYTES + rows * Math.max(stride, 1) * 8);
  const { header } = ringViews(buffer, stride);
  header[WRITTEN] = written;
  header[DRAINED] = written;
  return buffer;
}

export function ringViews(buffer: SharedArrayBuffer, stride: number): RingViews {
  const values = new Float64Array(buffer, HEADER_BYTES);
  return {
    header: new Int32Array(buffer, 0, HEADER_BYTES / 4),
    values,
    capacity: values.length / Math.max(stride, 1)
  };
}
