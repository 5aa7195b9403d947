/**
 * A plotter's charts as one static Vega-Lite spec, for the notebook output a closing plotter
 * leaves behind (frontends without the extension render it): each chart's rows as a viewer of
 * `FIGURE_SIZE` (figure.ts) gets them (decimated where the chart allows it, else its newest
 * `FIGURE_ROW_LIMIT` rows) are inlined under `datasets`, and the charts are stacked in a
 * `vconcat`. A field's cells are not inlined (an image of numbers is no Vega-Lite data): its
 * chart is left out and the note says so.
 */
import { readFieldMeta, readValue, type ChartUpdate, type WireRows } from '../../protocol.js';
import type { StaticFigure } from '../../messages.js';
import type { PlotStore } from '../storage/plot-store.js';
import { FrameBuilder } from './frame-builder.js';
import { describeFigure, FIGURE_SIZE, stackFigure, type FigureChart } from '../../figure.js';

/** Rows of a dataset that cannot be decimated the figure keeps at most (the newest). */
export const FIGURE_ROW_LIMIT = 5000;

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

/** The static figure of every chart in `store`, as a new viewer of `FIGURE_SIZE` would get it. */
export function staticFigure(store: PlotStore, title: string): StaticFigure {
  store.drain();
  store.refresh();
  const built = new FrameBuilder(FIGURE_SIZE, FIGURE_ROW_LIMIT).build(store, false);
  const byName = new Map<string, ChartUpdate>(built.charts.map(update => [update.chart, update]));
  const charts: FigureChart[] = [];
  const leftOut: string[] = [];
  let rows = 0;
  for (const chart of store.charts.values()) {
    if (readFieldMeta(chart.spec) !== null) {
      leftOut.push(chart.name);
      continue;
    }
    const datasets: Record<string, Record<string, unknown>[]> = {};
    for (const update of byName.get(chart.name)?.datasets ?? []) {
      datasets[update.dataset] = rowsAsValues(update.rows);
      rows += update.rows.length;
    }
    charts.push({ name: chart.name, spec: chart.spec, datasets });
  }
  const note = describeFigure(charts.length, rows, leftOut, ` as drawn at ${FIGURE_SIZE.width} px`);
  return { spec: stackFigure(title, charts), note };
}
