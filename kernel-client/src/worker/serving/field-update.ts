/**
 * A field dataset's update for one viewer: its newest state (or the kept one its step slider
 * shows) reduced to the cells the viewer's pixels show (decimation/field-reduction.ts), with
 * the two corner rows from which the viewer's Vega draws axes and colour bar. Sent when the
 * state, the region shown, its pixels or the kept states changed.
 */
import {
  readFieldMeta,
  type ChartViewport,
  type FieldHistoryInfo,
  type ReplaceUpdate
} from '../../protocol.js';
import { fieldWindow } from '../decimation/field-region.js';
import { reduceField } from '../decimation/field-reduction.js';
import type { PlotSize } from '../decimation/viewport.js';
import type { FieldStats, FieldStore, FieldView } from '../storage/field-store.js';

function numbers(values: number[]) {
  return { type: 'number' as const, data: Float64Array.from(values) };
}

/** The colour range the spec asks for: least and greatest (above zero for a log scale). */
function colourRange(
  meta: NonNullable<ReturnType<typeof readFieldMeta>>,
  store: FieldStore,
  state: FieldView
): [number, number] | null {
  if (Array.isArray(meta.range)) {
    return meta.range;
  }
  const stats: FieldStats | null =
    meta.range === 'running' ? store.runningStats() : store.statsOf(state);
  if (stats === null) {
    return null;
  }
  const least = meta.log ? stats.minPositive : stats.min;
  return Number.isFinite(least) && least <= stats.max
    ? displayRange(least, stats.max, meta.log)
    : null;
}

/** `value` without the binary noise of a decimal computation (e.g. 0.30000000000000004). */
function clean(value: number): number {
  return Number(value.toPrecision(12));
}

/**
 * A range found in the data, rounded outward to three significant digits (of its span, or on a
 * log scale of each end): the colour bar then moves only when the extremes move visibly, so a
 * new state in the same range repaints only its cells, and the cells keep the colours the
 * colour bar shows (they are mapped through the same range).
 */
export function displayRange(low: number, high: number, log: boolean): [number, number] {
  if (log) {
    const step = (value: number) => 10 ** (Math.floor(Math.log10(value)) - 2);
    return [
      clean(Math.floor(low / step(low) + 1e-9) * step(low)),
      clean(Math.ceil(high / step(high) - 1e-9) * step(high))
    ];
  }
  const span = high - low;
  if (!(span > 0) || !Number.isFinite(span)) {
    return [low, high];
  }
  const quantum = 10 ** Math.floor(Math.log10(span / 1000));
  const down = clean(Math.floor(low / quantum + 1e-9) * quantum);
  const up = clean(Math.ceil(high / quantum - 1e-9) * quantum);
  // Rounding never narrows the range (the guard above only absorbs binary noise).
  return [Math.min(down, low), Math.max(up, high)];
}

export class FieldFeed {
  private sent = '';
  /**
   * The last cells reduced, by state, region and reduction: a pinned state sent again because
   * the slider's list grew is not reduced again.
   */
  private reduced: { key: string; cells: ReturnType<typeof reduceField> } | null = null;

  /** The update this viewer needs, or null when it holds the current picture. */
  next(
    spec: Record<string, unknown>,
    store: FieldStore,
    viewport: ChartViewport | null,
    size: PlotSize | null,
    fresh: boolean
  ): ReplaceUpdate | null {
    const meta = readFieldMeta(spec);
    const state = store.shown(viewport?.step);
    if (meta === null) {
      return null;
    }
    if (state === null) {
      const key = 'empty';
      if (!fresh && this.sent === key) {
        return null;
      }
      this.sent = key;
      return {
        dataset: store.name,
        mode: 'replace',
        version: 0,
        rows: { length: 0, columns: {} }
      };
    }
    const window = fieldWindow(meta, state.width, state.height, viewport, size);
    const range = colourRange(meta, store, state);
    const history = historyInfo(store, state);
    const key = JSON.stringify([state.version, window, range, meta, history]);
    if (!fresh && key === this.sent) {
      return null;
    }
    this.sent = key;
    const cellsKey = JSON.stringify([
      state.version,
      state.width,
      state.height,
      window,
      meta.reduce
    ]);
    if (this.reduced?.key !== cellsKey) {
      this.reduced = {
        key: cellsKey,
        cells: reduceField(state, window.region, window.pixels, meta.reduce)
      };
    }
    const cells = this.reduced.cells;
    const [x0, x1] = meta.x ?? [0, state.width];
    const [y0, y1] = meta.y ?? [0, state.height];
    const [low, high] = range ?? [NaN, NaN];
    return {
      dataset: store.name,
      mode: 'replace',
      version: state.version,
      rows: {
        length: 2,
        columns: { x: numbers([x0, x1]), y: numbers([y0, y1]), value: numbers([low, high]) }
      },
      raster: {
        ...cells,
        width: state.width,
        height: state.height,
        range,
        ...(history === null ? {} : { history })
      }
    };
  }
}

/** What the viewer's step slider needs of a field's kept states; null without a history. */
function historyInfo(store: FieldStore, shown: FieldView): FieldHistoryInfo | null {
  const history = store.history;
  if (history === null) {
    return null;
  }
  return {
    versions: history.versions(),
    shown: shown.version,
    live: shown.version === store.latest?.version,
    wanted: history.wanted,
    budgetLimited: history.budgetLimited
  };
}
