/**
 * Keeps a decimation index of one append dataset in step with the worker's rows (series, x
 * carried over gaps, min/max pyramids), incrementally: each update reads only the rows that
 * arrived since the last one. Shared by every viewer of the dataset; what each viewer gets is
 * chosen per bucket grid by `selectRows`.
 */
import type { AppendStore } from '../storage/append-store.js';
import type { DecimationPlan } from './plan.js';
import { MAX_POSITIONS, emptyExtremes } from './min-max-pyramid.js';
import { Series } from './series-index.js';

/** More series than this and a chart is drawn from every row (a legend could not show them). */
export const MAX_SERIES = 1000;

export class DatasetDecimator {
  /** Rows indexed, counted since the last clear. */
  indexed = 0;
  /** Why the rows must be sent whole after all (the data broke the plan), or null. */
  reason: string | null = null;
  private seriesByKey = new Map<number | string, Series>();
  private epoch: number;
  private lastX = -Infinity;
  /** The y fields drawn, lines' and points' (each series keeps a pyramid of each). */
  readonly ys: readonly number[];
  private readonly yValues: Float64Array;

  constructor(
    readonly store: AppendStore,
    readonly plan: DecimationPlan
  ) {
    this.epoch = store.epoch;
    this.ys = [...new Set([...plan.lineYs, ...plan.pointYs])];
    this.yValues = new Float64Array(this.ys.length);
  }

  /** The series, in the order they first appeared. */
  get series(): Iterable<Series> {
    return this.seriesByKey.values();
  }

  /** The smallest and largest finite x kept, or null before any. */
  xExtent(): [number, number] | null {
    let low = Infinity;
    let high = -Infinity;
    for (const series of this.seriesByKey.values()) {
      const first = series.firstKeptX();
      if (first < low) {
        low = first;
      }
      if (series.lastX > high) {
        high = series.lastX;
      }
    }
    return low <= high ? [low, high] : null;
  }

  /** The smallest and largest finite value of y field `field` kept, or null before any. */
  yExtent(field: number): [number, number] | null {
    const k = this.ys.indexOf(field);
    const out = emptyExtremes();
    for (const series of this.seriesByKey.values()) {
      series.pyramids[k].extremes(series.base, series.length, out);
    }
    return out.min <= out.max ? [out.min, out.max] : null;
  }

  /** Indexes the rows that arrived, forgets those a window dropped, starts over after a clear. */
  update(): void {
    const store = this.store;
    const first = store.firstKept();
    if (store.epoch !== this.epoch || this.indexed < first) {
      this.restart(first);
    }
    const total = store.decodableEnd(this.indexed, store.total());
    if (total > MAX_POSITIONS) {
      this.reason = 'more than 4 billion rows since the last clear';
    }
    if (this.reason !== null || this.indexed >= total) {
      this.trim(first);
      return;
    }
    const { x, series: seriesFields } = this.plan;
    const fieldsOfY = this.ys;
    const ys = this.yValues;
    const stride = store.stride;
    let lastX = this.lastX;
    let stopped = false;
    store.forEachRun(this.indexed, total, (values, offset, row, count) => {
      if (stopped) {
        return;
      }
      if (seriesFields.length === 0) {
        // One series, every row: check x's order, then feed the run at once.
        let ordered = count;
        for (let i = 0, at = offset * stride + x; i < count; i++, at += stride) {
          const value = values[at];
          if (value - value === 0) {
            if (value < lastX) {
              this.reason = 'x values out of order';
              stopped = true;
              ordered = i;
              break;
            }
            lastX = value;
          }
        }
        this.single(row).addRun(values, offset, ordered);
        this.indexed = row + ordered;
        return;
      }
      for (let i = 0; i < count; i++) {
        const at = (offset + i) * stride;
        const value = values[at + x];
        if (value - value === 0) {
          if (value < lastX) {
            this.reason = 'x values out of order';
            stopped = true;
            return;
          }
          lastX = value;
        }
        for (let k = 0; k < fieldsOfY.length; k++) {
          ys[k] = values[at + fieldsOfY[k]];
        }
        const series = this.seriesOf(values, at, seriesFields, row + i);
        if (series === null) {
          stopped = true;
          return;
        }
        series.add(row + i, value, ys);
        this.indexed = row + i + 1;
      }
    });
    this.lastX = lastX;
    this.trim(first);
  }

  byteSize(): number {
    let bytes = 0;
    for (const series of this.seriesByKey.values()) {
      bytes += series.byteSize();
    }
    return bytes;
  }

  /** The one series of a dataset without series fields (made at `row`, its first). */
  private single(row: number): Series {
    let series = this.seriesByKey.get(0);
    if (series === undefined) {
      series = new Series(this.store, this.plan.x, this.ys, true, row);
      this.seriesByKey.set(0, series);
    }
    return series;
  }

  private seriesOf(
    values: Float64Array,
    at: number,
    fields: readonly number[],
    row: number
  ): Series | null {
    let key: number | string = 0;
    if (fields.length === 1) {
      key = values[at + fields[0]];
    } else if (fields.length > 1) {
      key = fields.map(field => values[at + field]).join(',');
    }
    let series = this.seriesByKey.get(key);
    if (series === undefined) {
      if (this.seriesByKey.size >= MAX_SERIES) {
        this.reason = `more than ${MAX_SERIES} series`;
        return null;
      }
      series = new Series(this.store, this.plan.x, this.ys, fields.length === 0, row);
      this.seriesByKey.set(key, series);
    }
    return series;
  }

  private restart(first: number): void {
    this.seriesByKey = new Map();
    this.indexed = first;
    this.lastX = -Infinity;
    this.reason = null;
    this.epoch = this.store.epoch;
  }

  private trim(first: number): void {
    if (this.store.window === null) {
      return;
    }
    for (const series of this.seriesByKey.values()) {
      series.dropRowsBefore(first);
    }
  }
}
