/**
 * The worker's history of one append-mode dataset: the shared segments the computing thread
 * filled, oldest first. Rows are addressed by their index since the last clear; whole segments
 * that fall out of the window are dropped.
 */
import type { FieldInfo } from '../fields.js';
import type { WireRows } from '../protocol.js';
import { RELEASED, segmentViews } from '../segment.js';
import { decodableEnd, encodeRows, type RowRun } from './encode.js';

interface StoredSegment {
  values: Float64Array;
  count: Int32Array;
  capacity: number;
  start: number;
}

export class AppendStore {
  readonly mode = 'append';
  fields: FieldInfo[] = [];
  words: string[][] = [];
  /** Incremented by each clear: a viewer holding an older epoch must reset. */
  epoch = 0;
  private segments: StoredSegment[] = [];

  constructor(
    readonly id: number,
    readonly name: string,
    readonly window: number | null
  ) {}

  setSchema(fields: FieldInfo[]): void {
    this.fields = fields;
    this.words = fields.map(() => []);
  }

  addWord(field: number, code: number, value: string): void {
    this.words[field][code] = value;
  }

  addSegment(buffer: SharedArrayBuffer): void {
    const views = segmentViews(buffer);
    const stride = Math.max(this.fields.length, 1);
    this.segments.push({
      values: views.values,
      count: views.count,
      capacity: views.values.length / stride,
      start: this.total()
    });
  }

  clear(): void {
    this.segments.forEach(release);
    this.segments = [];
    this.epoch++;
  }

  /** Rows recorded since the last clear. */
  total(): number {
    const last = this.segments[this.segments.length - 1];
    return last === undefined ? 0 : last.start + Atomics.load(last.count, 0);
  }

  /** Index of the oldest row still kept. */
  firstKept(): number {
    const first = this.segments[0];
    const start = first === undefined ? 0 : first.start;
    return this.window === null ? start : Math.max(start, this.total() - this.window);
  }

  /** Drops segments entirely outside the window. */
  trim(): void {
    if (this.window === null) {
      return;
    }
    const keepFrom = this.total() - this.window;
    while (
      this.segments.length > 1 &&
      this.segments[0].start + this.segments[0].capacity <= keepFrom
    ) {
      release(this.segments.shift() as StoredSegment);
    }
  }

  /** Rows [from, to) as wire columns, stopping early at rows whose strings have not arrived. */
  read(from: number, to: number): WireRows {
    const runs: RowRun[] = [];
    for (const segment of this.segments) {
      const end = segment.start + segment.capacity;
      if (end <= from || segment.start >= to) {
        continue;
      }
      const runFrom = Math.max(from, segment.start) - segment.start;
      const runTo = Math.min(to, end) - segment.start;
      const safeTo = decodableEnd(this.fields, this.words, segment.values, runFrom, runTo);
      runs.push({ values: segment.values, from: runFrom, to: safeTo });
      if (safeTo < runTo) {
        break;
      }
    }
    return encodeRows(this.fields, this.words, runs);
  }

  byteSize(): number {
    return this.segments.reduce((sum, segment) => sum + segment.values.byteLength, 0);
  }
}

/** Hands a segment back to the computing thread for reuse. */
function release(segment: StoredSegment): void {
  Atomics.store(segment.count, RELEASED, 1);
}
