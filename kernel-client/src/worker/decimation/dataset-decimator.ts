/**
 * Keeps a decimation index of one append dataset in step with the worker's rows (series, x
 * carried over gaps, min/max pyramids), incrementally: each update reads only the rows that
 * arrived since the last one. Shared by every viewer of the dataset; what each viewer gets is
 * chosen per bucket grid by `selectRows`.
 */
import type { AppendStore } from '../append-store.js';
import type { DecimationPlan } from './plan.js';
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
  private readonly ys: Float64Array;

  constructor(
    readonly store: AppendStore,
    readonly plan: DecimationPlan
  ) {
    this.epoch = store.epoch;
    this.ys = new Float64Array(plan.lineYs.length);
  }

  /** The series, in the order they first appeared. */
  get series(): Iterable<Series> {
    return this.seriesByKey.values();
  }

  /** The smallest and largest finite x indexed, or null before any. */
  xExtent(): [number, number] | null {
    let low = Infinity;
    let high = -Infinity;
    for (const series of this.seriesByKey.values()) {
      const first = series.xAt(series.base) === -Infinity ? series.firstX : series.xAt(series.base);
      if (first < low) {
        low = first;
      }
      if (series.lastX > high) {
        high = series.lastX;
      }
    }
    return low <= high ? [low, high] : null;
  }

  /** Indexes the rows that arrived, forgets those a window dropped, starts over after a clear. */
  update(): void {
    const store = this.store;
    const first = store.firstKept();
    if (store.epoch !== this.epoch || this.indexed < first) {
      this.restart(first);
    }
    const total = store.total();
    if (this.reason !== null || this.indexed >= total) {
      this.trim(first);
      return;
    }
    const { x, lineYs, series: seriesFields } = this.plan;
    const ys = this.ys;
    const stride = store.stride;
    let lastX = this.lastX;
    let stopped = false;
    store.forEachRun(this.indexed, total, (values, offset, row, count) => {
      if (stopped) {
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
        for (let k = 0; k < lineYs.length; k++) {
          ys[k] = values[at + lineYs[k]];
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
      series = new Series(this.store, this.plan.x, this.plan.lineYs, fields.length === 0, row);
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
