/**
 * The shared-memory layout of recorded rows, used by both threads. A segment is one
 * SharedArrayBuffer: an Int32 header whose slot 0 holds the committed row count (stored by the
 * computing thread after each row, read by the worker with `Atomics.load`) and slot 1 the
 * released flag (set by the worker when the segment left the window or was cleared: the
 * computing thread then reuses it instead of allocating), then the rows, row-major, one
 * Float64 per field.
 */

export const SEGMENT_HEADER_BYTES = 8;
export const FIRST_SEGMENT_ROWS = 4096;
export const LARGEST_SEGMENT_ROWS = 65536;

export const RELEASED = 1;

export interface SegmentViews {
  /** `count[0]`: rows committed in this segment; `count[RELEASED]`: 1 once the worker let go. */
  count: Int32Array;
  values: Float64Array;
}

export function allocateSegment(rows: number, stride: number): SharedArrayBuffer {
  return new SharedArrayBuffer(SEGMENT_HEADER_BYTES + rows * Math.max(stride, 1) * 8);
}

export function segmentViews(buffer: SharedArrayBuffer): SegmentViews {
  return {
    count: new Int32Array(buffer, 0, 2),
    values: new Float64Array(buffer, SEGMENT_HEADER_BYTES)
  };
}

/** Capacity of the segment that follows one of `rows` rows: growing, then constant. */
export function nextSegmentRows(rows: number): number {
  return Math.min(rows * 4, LARGEST_SEGMENT_ROWS);
}

/** Flags word shared by a plotter's two threads (index 0 of its control Int32Array). */
export const FLAG_STOPPED = 1;
export const FLAG_CLOSED = 2;
