/**
 * What one viewer has not received yet: per chart the spec it last got, per append dataset a
 * cursor (row index and clear epoch) or, when the viewer draws at a known size and the chart
 * allows it, a decimated feed (decimation/decimated-feed.ts), per replace dataset the state
 * version. Building a frame moves these forward; rows that fell out of the window meanwhile are
 * counted as dropped.
 */
import type { AppendUpdate, ChartUpdate, ChartViewport, DatasetUpdate } from '../../protocol.js';
import { AppendStore } from '../storage/append-store.js';
import { FieldStore } from '../storage/field-store.js';
import { FieldFeed } from './field-update.js';
import { DatasetDecimator } from '../decimation/dataset-decimator.js';
import { DecimatedFeed } from '../decimation/decimated-feed.js';
import type { PlotSize } from '../decimation/viewport.js';
import type { ChartState, PlotStore } from '../storage/plot-store.js';

/** Rows of one dataset per message at most; the rest follows in the next frames. */
export const MAX_FRAME_ROWS = 1 << 18;

interface ChartSeen {
  serial: number;
  specVersion: number;
}

interface CursorSeen {
  epoch: number;
  next: number;
}

export interface BuiltFrame {
  charts: ChartUpdate[];
  rows: number;
  dropped: number;
}

export class FrameBuilder {
  private readonly charts = new Map<string, ChartSeen>();
  private readonly cursors = new Map<number, CursorSeen>();
  private readonly feeds = new Map<number, DecimatedFeed>();
  private readonly versions = new Map<number, number>();
  private readonly fieldFeeds = new Map<number, FieldFeed>();
  private readonly viewports = new Map<string, ChartViewport>();
  /** Rows before these (per append dataset, for its clear epoch) the viewer cleared away. */
  private readonly starts = new Map<number, CursorSeen>();

  /** When each chart's datasets were last looked at for a frame (a slow chart's pace). */
  private readonly visited = new Map<string, number>();

  /**
   * @param size - the viewer's plot size: decimate what can be; null sends every row.
   * @param rowLimit - the most rows the viewer keeps of a dataset sent whole: of a longer
   *   backlog only the newest this many are sent; null sends every row.
   */
  constructor(
    private readonly size: PlotSize | null = null,
    private readonly rowLimit: number | null = null
  ) {}

  /** How the viewer draws a chart now; the next frame follows it. */
  setViewport(viewport: ChartViewport): void {
    this.viewports.set(viewport.chart, viewport);
  }

  /** The viewer cleared a chart: from now on it gets only rows pushed later. */
  clearChart(store: PlotStore, name: string): void {
    for (const dataset of store.charts.get(name)?.datasets ?? []) {
      if (dataset instanceof AppendStore) {
        this.starts.set(dataset.id, { epoch: dataset.epoch, next: dataset.total() });
        this.cursors.delete(dataset.id);
        this.feeds.delete(dataset.id);
      }
    }
  }

  /** The first row of `dataset` the viewer wants (0, or where it cleared the chart). */
  startOf(dataset: AppendStore): number {
    const cleared = this.starts.get(dataset.id);
    return cleared !== undefined && cleared.epoch === dataset.epoch ? cleared.next : 0;
  }

  /**
   * The changes since the last call; empty `charts` when there are none. With `paced`, a
   * chart whose viewer asked for a slower pace (`ChartViewport.everyMs`) has its datasets
   * looked at no more often (not while closing: everything goes out then).
   */
  build(store: PlotStore, paced = true, now = Date.now()): BuiltFrame {
    const charts: ChartUpdate[] = [];
    const frame: BuiltFrame = { charts, rows: 0, dropped: 0 };
    for (const chart of store.charts.values()) {
      const seen = this.charts.get(chart.name);
      const fresh = seen === undefined || seen.serial !== chart.serial;
      const update: ChartUpdate = { chart: chart.name, datasets: [] };
      if (fresh || seen.specVersion !== chart.specVersion) {
        update.spec = chart.spec;
        this.charts.set(chart.name, { serial: chart.serial, specVersion: chart.specVersion });
      }
      if (fresh) {
        chart.datasets.forEach(dataset => this.forget(dataset.id));
      }
      const every = fresh || !paced ? 0 : (this.viewports.get(chart.name)?.everyMs ?? 0);
      const last = this.visited.get(chart.name) ?? -Infinity;
      const due = now - last >= every;
      if (due) {
        this.visited.set(chart.name, now);
      }
      for (const dataset of due ? chart.datasets : []) {
        const change =
          dataset instanceof AppendStore
            ? this.append(store, chart, dataset, frame)
            : dataset instanceof FieldStore
              ? this.field(chart, dataset, fresh, frame)
              : this.replace(dataset, fresh, frame);
        if (change !== null) {
          update.datasets.push(change);
        }
      }
      if (update.spec !== undefined || update.datasets.length > 0) {
        charts.push(update);
      }
    }
    return frame;
  }

  private append(
    store: PlotStore,
    chart: ChartState,
    dataset: AppendStore,
    frame: BuiltFrame
  ): DatasetUpdate | null {
    const start = this.startOf(dataset);
    let undecimated: string | undefined;
    if (this.size !== null) {
      const decimation = store.decimation(chart, dataset);
      if (decimation instanceof DatasetDecimator) {
        decimation.update();
        if (decimation.reason === null) {
          this.cursors.delete(dataset.id);
          let feed = this.feeds.get(dataset.id);
          if (feed === undefined) {
            feed = new DecimatedFeed();
            this.feeds.set(dataset.id, feed);
          }
          const viewport = this.viewports.get(chart.name) ?? null;
          const change = feed.next(decimation, viewport, this.size, start);
          frame.rows += change?.rows.length ?? 0;
          return change;
        }
        undecimated = decimation.reason;
      } else if (decimation !== null) {
        undecimated = decimation;
      }
    }
    // Every row, from where this viewer is (a switch from decimated rows starts it over).
    const switched = this.feeds.delete(dataset.id);
    const cursor = switched ? undefined : this.cursors.get(dataset.id);
    const reset = cursor === undefined || cursor.epoch !== dataset.epoch;
    const kept = Math.max(dataset.firstKept(), start);
    const wanted = reset ? kept : cursor.next;
    if (!reset) {
      frame.dropped += Math.max(wanted, kept) - wanted;
    }
    const total = dataset.total();
    // Rows the viewer would drop on arrival (beyond its row limit) are not sent.
    const newest = this.rowLimit === null ? 0 : total - this.rowLimit;
    const from = Math.max(wanted, kept, newest);
    const to = Math.min(total, from + MAX_FRAME_ROWS);
    if (!reset && to <= from) {
      return null;
    }
    const data = dataset.read(from, to);
    this.cursors.set(dataset.id, { epoch: dataset.epoch, next: from + data.length });
    frame.rows += data.length;
    if (!reset && data.length === 0) {
      return null;
    }
    const change: AppendUpdate = {
      dataset: dataset.name,
      mode: 'append',
      reset,
      window: dataset.window,
      rows: data,
      total
    };
    if (undecimated !== undefined) {
      change.undecimated = undecimated;
    }
    return change;
  }

  private field(
    chart: ChartState,
    dataset: FieldStore,
    fresh: boolean,
    frame: BuiltFrame
  ): DatasetUpdate | null {
    let feed = this.fieldFeeds.get(dataset.id);
    if (feed === undefined) {
      feed = new FieldFeed();
      this.fieldFeeds.set(dataset.id, feed);
    }
    const viewport = this.viewports.get(chart.name) ?? null;
    const change = feed.next(chart.spec, dataset, viewport, this.size, fresh);
    frame.rows += change?.raster?.values.length ?? 0;
    return change;
  }

  private replace(
    dataset: Exclude<ChartState['datasets'][number], AppendStore | FieldStore>,
    fresh: boolean,
    frame: BuiltFrame
  ): DatasetUpdate | null {
    const state = dataset.latest;
    if (state === null || (!fresh && this.versions.get(dataset.id) === state.version)) {
      return null;
    }
    this.versions.set(dataset.id, state.version);
    frame.rows += state.rows.length;
    return { dataset: dataset.name, mode: 'replace', rows: state.rows, version: state.version };
  }

  private forget(dataset: number): void {
    this.starts.delete(dataset);
    this.cursors.delete(dataset);
    this.feeds.delete(dataset);
    this.versions.delete(dataset);
    this.fieldFeeds.delete(dataset);
  }
}
