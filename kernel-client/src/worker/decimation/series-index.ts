/**
 * The rows of one series of a decimated dataset (all rows when the spec splits none), in
 * order, with what the decimation reads fast: each row's x carried over gaps, min/max pyramids
 * of each line's y, and the x at the start of every block of positions (to find the first
 * position of a pixel column without reading every row).
 */
import type { AppendStore } from '../storage/append-store.js';
import { BLOCK, MinMaxPyramid, foldValue, type Extremes } from './min-max-pyramid.js';
import { float64Pages, uint32Pages, type PagedNumbers } from './paged-numbers.js';

export class Series {
  /** Global row (since the last clear) of each position; null when positions are rows. */
  private readonly rows: PagedNumbers<Uint32Array> | null;
  /** The x (carried over non-finite ones) at positions 0, BLOCK, 2·BLOCK, … */
  private readonly blockX = float64Pages();
  /** One per y field of `ys`, fed `y` where x and y are finite, NaN otherwise. */
  readonly pyramids: MinMaxPyramid[];
  /** Positions fed. */
  length = 0;
  /** First position still kept (a window drops the older ones). */
  base = 0;
  /** The last finite x fed (-Infinity before any). */
  lastX = -Infinity;
  /** The first finite x fed (NaN before any). */
  firstX = NaN;
  /** Positions fed whose x is not finite (gaps in x: rare, and slower to read around). */
  private gapsInX = 0;

  constructor(
    private readonly store: AppendStore,
    private readonly x: number,
    /** The y fields drawn (lines and points). */
    readonly ys: readonly number[],
    /** Rows map to positions one to one (a dataset without series fields). */
    identity: boolean,
    /** The row of position 0 for an identity series (the first row kept when it was made). */
    private readonly offset = 0
  ) {
    this.rows = identity ? null : uint32Pages();
    this.pyramids = ys.map(
      field => new MinMaxPyramid((from, to, out) => this.scanLine(from, to, field, out))
    );
  }

  /** The first kept position whose row is `row` or later (`length` when none). */
  positionOfRow(row: number): number {
    if (this.rows === null) {
      return Math.min(this.length, Math.max(this.base, row - this.offset));
    }
    let lo = this.base;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.rows.get(mid) < row) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Global row of a position. */
  rowOf(position: number): number {
    return this.rows === null ? position + this.offset : this.rows.get(position);
  }

  /** Feeds row `row`, whose x is `x` (may be non-finite) and y values are `ys`. */
  add(row: number, x: number, ys: ArrayLike<number>): void {
    const position = this.length++;
    this.rows?.push(row);
    const finiteX = x - x === 0;
    if (finiteX) {
      if (this.lastX === -Infinity) {
        this.firstX = x;
      }
      this.lastX = x;
    } else {
      this.gapsInX++;
    }
    if (position % BLOCK === 0) {
      this.blockX.push(this.lastX);
    }
    for (let k = 0; k < this.pyramids.length; k++) {
      this.pyramids[k].add(finiteX ? ys[k] : NaN);
    }
  }

  /** The first finite x of the kept positions (or the first ever, when none is finite). */
  firstKeptX(): number {
    for (let at = this.base; at < this.length; at++) {
      const x = this.store.valueAt(this.rowOf(at), this.x);
      if (x - x === 0) {
        return x;
      }
    }
    return this.firstX;
  }

  /**
   * Feeds the next `count` rows at once, straight from the store's values (`values[(offset +
   * i) * stride + field]`): the fast way for a series that is every row (no series fields).
   */
  addRun(values: Float64Array, offset: number, count: number): void {
    const stride = this.store.stride;
    const xField = this.x;
    let position = this.length;
    let lastX = this.lastX;
    for (let i = 0, at = offset * stride + xField; i < count; i++, at += stride, position++) {
      const x = values[at];
      if (x - x === 0) {
        if (lastX === -Infinity) {
          this.firstX = x;
        }
        lastX = x;
      } else {
        this.gapsInX++;
      }
      if (position % BLOCK === 0) {
        this.blockX.push(lastX);
      }
    }
    this.lastX = lastX;
    this.length = position;
    this.pyramids.forEach((pyramid, k) => {
      const field = this.ys[k];
      pyramid.addStrided(values, offset * stride + field, stride, count, xField - field);
    });
  }

  /** The x at a position, carried forward over non-finite ones (-Infinity before any). */
  xAt(position: number): number {
    for (let at = position; at >= this.base; at--) {
      const x = this.store.valueAt(this.rowOf(at), this.x);
      if (x - x === 0) {
        return x;
      }
      if (at % BLOCK === 0) {
        return this.blockX.get(at / BLOCK);
      }
    }
    return -Infinity;
  }

  /**
   * Folds what a line draws at positions [from, to) for y field `field` into `out` (see
   * `lineValue`); rows of one series without series fields are read as the arrays they are.
   */
  scanLine(from: number, to: number, field: number, out: Extremes): void {
    if (this.rows !== null || this.gapsInX > 0) {
      for (let position = from; position < to; position++) {
        foldValue(this.lineValue(position, field), position, out);
      }
      return;
    }
    const stride = this.store.stride;
    this.store.forEachRun(from + this.offset, to + this.offset, (values, offset, row, count) => {
      const base = row - this.offset;
      for (let i = 0, at = offset * stride + field; i < count; i++, at += stride) {
        foldValue(values[at], base + i, out);
      }
    });
  }

  /** What a line draws at a position for y field `field`: y, or NaN where x or y is a gap. */
  lineValue(position: number, field: number): number {
    const row = this.rowOf(position);
    const x = this.store.valueAt(row, this.x);
    return x - x === 0 ? this.store.valueAt(row, field) : NaN;
  }

  /**
   * The first position in [from, length) whose x maps to a bucket of at least `bucket` under
   * the monotone `bucketOf`, or `length`.
   */
  seek(from: number, bucket: number, bucketOf: (x: number) => number): number {
    const reached = (position: number): boolean => bucketOf(this.xAt(position)) >= bucket;
    if (from >= this.length || reached(from)) {
      return from;
    }
    // Blocks after `from`'s: gallop to one whose first x reaches the bucket, then bisect.
    const blocks = Math.ceil(this.length / BLOCK);
    let lastBelow = Math.floor(from / BLOCK);
    let step = 1;
    let above = blocks;
    while (lastBelow + step < blocks) {
      const probe = lastBelow + step;
      if (bucketOf(this.blockX.get(probe)) >= bucket) {
        above = probe;
        break;
      }
      lastBelow = probe;
      step *= 2;
    }
    while (above - lastBelow > 1) {
      const mid = (lastBelow + above) >> 1;
      if (bucketOf(this.blockX.get(mid)) >= bucket) {
        above = mid;
      } else {
        lastBelow = mid;
      }
    }
    let lo = Math.max(from, lastBelow * BLOCK); // not reached
    let hi = Math.min(this.length, above * BLOCK); // reached, or the end
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (reached(mid)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  /** Forgets the positions whose rows are before `row` (a window moved on). */
  dropRowsBefore(row: number): void {
    if (this.rows === null) {
      this.base = Math.max(this.base, Math.min(this.length, row - this.offset));
    }
    while (this.base < this.length && this.rowOf(this.base) < row) {
      this.base++;
    }
    this.rows?.dropBefore(this.base);
    this.blockX.dropBefore(Math.floor(this.base / BLOCK));
    for (const pyramid of this.pyramids) {
      pyramid.dropBefore(this.base);
    }
  }

  byteSize(): number {
    return (
      (this.rows?.byteSize() ?? 0) +
      this.blockX.byteSize() +
      this.pyramids.reduce((sum, pyramid) => sum + pyramid.byteSize(), 0)
    );
  }
}
