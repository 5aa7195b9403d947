/**
 * Minimum and maximum (with where they are) and the number of gaps of a sequence of values,
 * summarised per block of BLOCK positions and again per FANOUT blocks, level above level: the
 * extremes of any range of positions then cost at most 2·BLOCK values read plus 2·FANOUT
 * summaries per level, whatever the range's length. Values are fed once, in order; positions
 * are absolute (dropping the front keeps them).
 */
import { float64Pages, uint32Pages, type PagedNumbers } from './paged-numbers.js';

export const BLOCK = 128;
export const FANOUT = 16;

/** Extremes of a range; `minAt`/`maxAt` are -1 when the range holds no finite value. */
export interface Extremes {
  min: number;
  minAt: number;
  max: number;
  maxAt: number;
  /** Positions whose value is not finite (NaN, ±Infinity): drawn as gaps. */
  gaps: number;
}

export function emptyExtremes(): Extremes {
  return { min: Infinity, minAt: -1, max: -Infinity, maxAt: -1, gaps: 0 };
}

/** Folds `value`, at `position`, into `out`. */
export function foldValue(value: number, position: number, out: Extremes): void {
  if (value - value !== 0) {
    out.gaps++; // NaN or ±Infinity
    return;
  }
  if (value < out.min) {
    out.min = value;
    out.minAt = position;
  }
  if (value > out.max) {
    out.max = value;
    out.maxAt = position;
  }
}

/** Positions are stored as 32-bit integers: a series holds fewer than 2^32 rows. */
export const MAX_POSITIONS = 2 ** 32 - 1;

class Level {
  readonly min = float64Pages();
  /** Meaningless where `min` is Infinity (a block of gaps only). */
  readonly minAt = uint32Pages();
  readonly max = float64Pages();
  readonly maxAt = uint32Pages();
  readonly gaps = uint32Pages();

  get length(): number {
    return this.min.length;
  }

  push(block: Extremes): void {
    this.min.push(block.min);
    this.minAt.push(block.minAt);
    this.max.push(block.max);
    this.maxAt.push(block.maxAt);
    this.gaps.push(block.gaps);
  }

  /** Folds block `index` into `out`. */
  take(index: number, out: Extremes): void {
    const min = this.min.get(index);
    if (min < out.min) {
      out.min = min;
      out.minAt = this.minAt.get(index);
    }
    const max = this.max.get(index);
    if (max > out.max) {
      out.max = max;
      out.maxAt = this.maxAt.get(index);
    }
    out.gaps += this.gaps.get(index);
  }

  dropBefore(index: number): void {
    const columns: PagedNumbers<Float64Array | Uint32Array>[] = [
      this.min,
      this.minAt,
      this.max,
      this.maxAt,
      this.gaps
    ];
    columns.forEach(column => column.dropBefore(index));
  }

  byteSize(): number {
    return this.min.byteSize() * 2 + this.minAt.byteSize() * 3;
  }
}

export class MinMaxPyramid {
  private readonly levels: Level[] = [new Level()];
  private open = emptyExtremes();
  /** Positions fed so far. */
  length = 0;

  /**
   * @param scan - folds the values at positions [from, to) (already fed) into `out`: reads
   *   the partial blocks at a range's ends.
   */
  constructor(private readonly scan: (from: number, to: number, out: Extremes) => void) {}

  /** Feeds the value at position `length`. */
  add(value: number): void {
    foldValue(value, this.length++, this.open);
    if (this.length % BLOCK === 0) {
      this.close(0, this.open);
      this.open = emptyExtremes();
    }
  }

  /**
   * Feeds `count` values at once: `values[at]`, `values[at + stride]`, … — each a gap where
   * the value `gate` places further (the row's x) is not finite. The fast way in for rows
   * read straight from the store.
   */
  addStrided(values: Float64Array, at: number, stride: number, count: number, gate: number): void {
    let { min, minAt, max, maxAt, gaps } = this.open;
    let position = this.length;
    let left = BLOCK - (position % BLOCK);
    for (let i = 0; i < count; i++, at += stride, position++) {
      const x = values[at + gate];
      const value = x - x === 0 ? values[at] : NaN;
      if (value - value !== 0) {
        gaps++;
      } else {
        if (value < min) {
          min = value;
          minAt = position;
        }
        if (value > max) {
          max = value;
          maxAt = position;
        }
      }
      if (--left === 0) {
        this.close(0, { min, minAt, max, maxAt, gaps });
        min = Infinity;
        max = -Infinity;
        minAt = -1;
        maxAt = -1;
        gaps = 0;
        left = BLOCK;
      }
    }
    this.length = position;
    this.open = { min, minAt, max, maxAt, gaps };
  }

  /** Folds the extremes of positions [from, to) into `out`. */
  extremes(from: number, to: number, out: Extremes): void {
    const summarised = this.length - (this.length % BLOCK);
    let hi = Math.min(to, summarised);
    let lo = from;
    if (lo >= hi) {
      this.scan(from, to, out);
      return;
    }
    this.scan(Math.max(hi, from), to, out);
    const firstWhole = Math.ceil(lo / BLOCK) * BLOCK;
    if (firstWhole >= hi) {
      this.scan(lo, hi, out);
      return;
    }
    this.scan(lo, firstWhole, out);
    lo = firstWhole;
    const lastWhole = hi - (hi % BLOCK);
    this.scan(lastWhole, hi, out);
    hi = lastWhole;
    this.blocks(0, lo / BLOCK, hi / BLOCK, out);
  }

  /** Frees the summaries of blocks wholly before `position`. */
  dropBefore(position: number): void {
    let index = Math.floor(position / BLOCK);
    for (const level of this.levels) {
      level.dropBefore(index);
      index = Math.floor(index / FANOUT);
    }
  }

  byteSize(): number {
    return this.levels.reduce((sum, level) => sum + level.byteSize(), 0);
  }

  private blocks(depth: number, from: number, to: number, out: Extremes): void {
    const level = this.levels[depth];
    const above = this.levels[depth + 1];
    if (above === undefined || to - from < 2 * FANOUT) {
      for (let index = from; index < to; index++) {
        level.take(index, out);
      }
      return;
    }
    const firstWhole = Math.ceil(from / FANOUT) * FANOUT;
    const lastWhole = to - (to % FANOUT);
    for (let index = from; index < firstWhole; index++) {
      level.take(index, out);
    }
    for (let index = lastWhole; index < to; index++) {
      level.take(index, out);
    }
    if (firstWhole < lastWhole) {
      this.blocks(depth + 1, firstWhole / FANOUT, lastWhole / FANOUT, out);
    }
  }

  /** Records a completed block at `depth`, and the block above once FANOUT are complete. */
  private close(depth: number, block: Extremes): void {
    const level = this.levels[depth];
    level.push(block);
    if (level.length % FANOUT !== 0) {
      return;
    }
    const combined = emptyExtremes();
    for (let index = level.length - FANOUT; index < level.length; index++) {
      level.take(index, combined);
    }
    if (this.levels[depth + 1] === undefined) {
      this.levels.push(new Level());
    }
    this.close(depth + 1, combined);
  }
}
