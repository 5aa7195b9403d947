/**
 * What a notebook keeps of a plotter: its charts as the cards draw them, in the figure form
 * both ends share (async-plotter/figure). Pure logic over the models: no DOM, no Vega.
 */
import { readFieldMeta } from 'async-plotter/protocol';
import { describeFigure, stackFigure } from 'async-plotter/figure';
import type { FigureChart } from 'async-plotter/figure';
import type { ChartModel } from '../models/chart-model';
import type { DatasetBuffer } from '../models/dataset-buffer';
import { DEFAULT_HEIGHT } from '../views/view-spec';

/** A plotter's figure at one moment. */
export interface CardFigure {
  /** The static Vega-Lite spec, every row it draws inlined; null with no chart to show. */
  spec: Record<string, unknown> | null;
  /** Rows of the data the charts stand for (decimated ones count what they represent). */
  rows: number;
  /** Charts in the figure. */
  charts: string[];
  /** Charts that could not be included (fields), by name. */
  leftOut: string[];
  /** When the rows were taken (ms since the epoch). */
  takenAt: number;
  /** "2 charts, 1,200 rows; not included (fields): heat". */
  note: string;
}

/** One chart's rows at one moment, and the rows of the data they stand for. */
export interface ChartSnapshot {
  figure: FigureChart;
  points: number;
}

/**
 * The chart's spec as its card draws it: as wide as the card's plot, given the x range it
 * reported in device pixels (`pixelRatio` of them per CSS pixel), and as high as a card draws
 * a chart whose spec sets no height; as the plotter declared it when its spec sets a width or
 * no card reported one.
 */
function asShown(chart: ChartModel, spec: Readonly<Record<string, unknown>>, pixelRatio: number) {
  const range = chart.viewport?.x.range;
  if (typeof spec.width === 'number' || range === undefined) {
    return spec;
  }
  const width = Math.round(Math.abs(range[1] - range[0]) / pixelRatio);
  return {
    ...spec,
    width,
    height: typeof spec.height === 'number' ? spec.height : DEFAULT_HEIGHT
  };
}

/** One chart's rows, projected on the columns the wire sent (Vega's own fields left out). */
export function chartSnapshot(chart: ChartModel, pixelRatio = 1): ChartSnapshot | null {
  const spec = chart.spec;
  if (spec === null || readFieldMeta(spec) !== null) {
    return null;
  }
  const datasets: Record<string, Record<string, unknown>[]> = {};
  for (const [name, buffer] of chart.datasets) {
    datasets[name] = plainRows(buffer);
  }
  return {
    figure: { name: chart.name, spec: asShown(chart, spec, pixelRatio), datasets },
    points: chart.points
  };
}

function plainRows(buffer: DatasetBuffer): Record<string, unknown>[] {
  const fields = buffer.fields;
  return buffer.rows().map(tuple => {
    const row: Record<string, unknown> = {};
    for (const field of fields) {
      row[field] = tuple[field];
    }
    return row;
  });
}

/**
 * The figure of `charts` (in card order), with each chart's rows as `rowsOf` gives them: the
 * live rows, or those kept from before a zoom (figure-cache.ts).
 */
export function cardFigure(
  title: string,
  charts: readonly ChartModel[],
  rowsOf: (chart: ChartModel) => ChartSnapshot | null,
  takenAt: number
): CardFigure {
  const included: FigureChart[] = [];
  const leftOut: string[] = [];
  let rows = 0;
  for (const chart of charts) {
    if (chart.spec === null) {
      continue;
    }
    const snapshot = rowsOf(chart);
    if (snapshot === null) {
      leftOut.push(chart.name);
      continue;
    }
    included.push(snapshot.figure);
    rows += snapshot.points;
  }
  return {
    spec: stackFigure(title, included),
    rows,
    charts: included.map(chart => chart.name),
    leftOut,
    takenAt,
    note: describeFigure(included.length, rows, leftOut)
  };
}
