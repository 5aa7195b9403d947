/**
 * A plotter's charts as one static Vega-Lite spec, for the notebook output a closing plotter
 * leaves behind (frontends without the extension render it): each chart's rows as a viewer of
 * `FIGURE_SIZE` gets them (decimated where the chart allows it, else its newest
 * `FIGURE_ROW_LIMIT` rows) are inlined under `datasets`, and the charts are stacked in a
 * `vconcat`. A field's cells are not inlined (an image of numbers is no Vega-Lite data): its
 * chart is left out and the note says so.
 */
import { readFieldMeta, readValue, type ChartUpdate, type WireRows } from '../../protocol.js';
import type { StaticFigure } from '../../messages.js';
import type { PlotStore } from '../storage/plot-store.js';
import { FrameBuilder } from './frame-builder.js';

/** The plot size the figure's rows are decimated for (CSS pixels). */
export const FIGURE_SIZE = { width: 600, height: 250 };

/** Rows of a dataset that cannot be decimated the figure keeps at most (the newest). */
export const FIGURE_ROW_LIMIT = 5000;

/** Keys only a top-level Vega-Lite spec may have: dropped from each stacked chart. */
const TOP_LEVEL_ONLY = ['$schema', 'autosize', 'background', 'config', 'padding', 'usermeta'];

function rowsAsValues(rows: WireRows): Record<string, unknown>[] {
  const values: Record<string, unknown>[] = [];
  const columns = Object.entries(rows.columns);
  for (let i = 0; i < rows.length; i++) {
    const row: Record<string, unknown> = {};
    for (const [name, column] of columns) {
      row[name] = readValue(column, null, i);
    }
    values.push(row);
  }
  return values;
}

/** `spec` with every `data: { name }` renamed by `rename` (layers may name their own). */
function renameData(value: unknown, rename: (name: string) => string): unknown {
  if (Array.isArray(value)) {
    return value.map(item => renameData(item, rename));
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const data = item as { name?: unknown };
    copy[key] =
      key === 'data' && typeof data?.name === 'string'
        ? { ...data, name: rename(data.name) }
        : renameData(item, rename);
  }
  return copy;
}

/** The static figure of every chart in `store`, as a new viewer of `FIGURE_SIZE` would get it. */
export function staticFigure(store: PlotStore, title: string): StaticFigure {
  store.drain();
  store.refresh();
  const built = new FrameBuilder(FIGURE_SIZE, FIGURE_ROW_LIMIT).build(store, false);
  const byName = new Map<string, ChartUpdate>(built.charts.map(update => [update.chart, update]));
  const stacked: Record<string, unknown>[] = [];
  const datasets: Record<string, Record<string, unknown>[]> = {};
  const leftOut: string[] = [];
  let rows = 0;
  for (const chart of store.charts.values()) {
    if (readFieldMeta(chart.spec) !== null) {
      leftOut.push(chart.name);
      continue;
    }
    const prefix = `${chart.name}/`;
    for (const update of byName.get(chart.name)?.datasets ?? []) {
      datasets[prefix + update.dataset] = rowsAsValues(update.rows);
      rows += update.rows.length;
    }
    const spec = renameData(chart.spec, name => prefix + name) as Record<string, unknown>;
    for (const key of TOP_LEVEL_ONLY) {
      delete spec[key];
    }
    // Every dataset the spec names exists, empty when nothing was pushed to it.
    JSON.stringify(spec, (key, value: unknown) => {
      const data = value as { name?: unknown };
      if (key === 'data' && typeof data?.name === 'string') {
        datasets[data.name] ??= [];
      }
      return value;
    });
    if (typeof spec.width !== 'number') {
      spec.width = FIGURE_SIZE.width;
    }
    if (typeof spec.height !== 'number') {
      spec.height = FIGURE_SIZE.height;
    }
    spec.title ??= chart.name;
    stacked.push(spec);
  }
  const charts = `${stacked.length} chart${stacked.length === 1 ? '' : 's'}`;
  const fields = leftOut.length === 0 ? '' : `; not included (fields): ${leftOut.join(', ')}`;
  const note = `${charts}, ${rows.toLocaleString('en-US')} rows as drawn at ${FIGURE_SIZE.width} px${fields}`;
  if (stacked.length === 0) {
    return { spec: null, note };
  }
  return {
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title,
      vconcat: stacked,
      datasets
    },
    note
  };
}
