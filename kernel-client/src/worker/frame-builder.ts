/**
 * What one viewer has not received yet: per chart the spec it last got, per append dataset a
 * cursor (row index and clear epoch), per replace dataset the state version. Building a frame
 * moves these forward; rows that fell out of the window meanwhile are counted as dropped.
 */
import type { ChartUpdate, DatasetUpdate } from '../protocol.js';
import { AppendStore } from './append-store.js';
import type { PlotStore } from './plot-store.js';

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
  private readonly versions = new Map<number, number>();

  /** The changes since the last call; empty `charts` when there are none. */
  build(store: PlotStore): BuiltFrame {
    const charts: ChartUpdate[] = [];
    let rows = 0;
    let dropped = 0;
    for (const chart of store.charts.values()) {
      const seen = this.charts.get(chart.name);
      const fresh = seen === undefined || seen.serial !== chart.serial;
      const update: ChartUpdate = { chart: chart.name, datasets: [] };
      if (fresh || seen.specVersion !== chart.specVersion) {
        update.spec = chart.spec;
        this.charts.set(chart.name, { serial: chart.serial, specVersion: chart.specVersion });
      }
      for (const dataset of chart.datasets) {
        let change: DatasetUpdate | null = null;
        if (dataset instanceof AppendStore) {
          const cursor = this.cursors.get(dataset.id);
          const reset = fresh || cursor === undefined || cursor.epoch !== dataset.epoch;
          const kept = dataset.firstKept();
          const wanted = reset ? kept : (cursor as CursorSeen).next;
          const from = Math.max(wanted, kept);
          if (!reset) {
            dropped += from - wanted;
          }
          const total = dataset.total();
          const to = Math.min(total, from + MAX_FRAME_ROWS);
          if (reset || to > from) {
            const data = dataset.read(from, to);
            this.cursors.set(dataset.id, { epoch: dataset.epoch, next: from + data.length });
            rows += data.length;
            if (reset || data.length > 0) {
              change = {
                dataset: dataset.name,
                mode: 'append',
                reset,
                window: dataset.window,
                rows: data,
                total
              };
            }
          }
        } else {
          const state = dataset.latest;
          if (state !== null && (fresh || this.versions.get(dataset.id) !== state.version)) {
            this.versions.set(dataset.id, state.version);
            rows += state.rows.length;
            change = {
              dataset: dataset.name,
              mode: 'replace',
              rows: state.rows,
              version: state.version
            };
          }
        }
        if (change !== null) {
          update.datasets.push(change);
        }
      }
      if (update.spec !== undefined || update.datasets.length > 0) {
        charts.push(update);
      }
    }
    return { charts, rows, dropped };
  }
}
