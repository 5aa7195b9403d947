/**
 * The static figure a closing plotter leaves in its notebook output (worker/serving/
 * static-figure.ts): every chart stacked in one Vega-Lite spec with the rows a viewer of the
 * figure's size draws inlined, decimated where the chart allows it, else the newest rows up to
 * the limit; fields left out and named. Read back by the real Vega-Lite compiler and a
 * headless Vega view, which draws what the spec holds.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { compile } from 'vega-lite';
import { View, parse } from 'vega';
import { line } from '../../../kernel-client/src/builders.ts';
import { field } from '../../../kernel-client/src/field-builder.ts';
import { WRITTEN, allocateRing, ringViews } from '../../../kernel-client/src/recording/ring.ts';
import { PlotStore } from '../../../kernel-client/src/worker/storage/plot-store.ts';
import {
  FIGURE_ROW_LIMIT,
  staticFigure
} from '../../../kernel-client/src/worker/serving/static-figure.ts';
import { FIGURE_SIZE, figureRows } from '../../../kernel-client/src/figure.ts';
import { numberFields } from './decimation/stored-rows.ts';

const RING_ROWS = 1 << 18;

/** Adds a chart of `spec` whose dataset `data` holds `rows` rows of (x, y). */
function addChart(
  store: PlotStore,
  id: number,
  name: string,
  spec: Record<string, unknown>,
  rows: number,
  y: (i: number) => number
) {
  store.apply({
    type: 'chart',
    chart: name,
    serial: 1,
    spec,
    datasets: [{ id, name: 'data', mode: 'append', window: null }]
  });
  store.apply({ type: 'schema', dataset: id, fields: numberFields('x', 'y') });
  const buffer = allocateRing(RING_ROWS, 2, 0);
  const ring = ringViews(buffer, 2);
  for (let i = 0; i < rows; i++) {
    ring.values[2 * i] = i;
    ring.values[2 * i + 1] = y(i);
  }
  Atomics.store(ring.header, WRITTEN, rows);
  store.apply({ type: 'ring', dataset: id, buffer, overwrites: false });
  store.drain();
}

test('every chart stacked with its drawn rows inlined; the compiled spec draws them', async () => {
  const store = new PlotStore();
  const curve = { ...line({ x: 'x', y: 'y' }), data: { name: 'data' } };
  addChart(store, 1, 'loss', curve, 200_000, i => Math.sin(i / 5000) + (i % 7) / 100);
  const bars = {
    data: { name: 'data' },
    mark: 'bar',
    encoding: { x: { field: 'x', type: 'ordinal' }, y: { field: 'y', type: 'quantitative' } }
  };
  addChart(store, 2, 'bars', bars, 8000, i => i);
  store.apply({
    type: 'chart',
    chart: 'phi',
    serial: 1,
    spec: field(),
    datasets: [{ id: 3, name: 'field', mode: 'field', window: null }]
  });

  const figure = staticFigure(store, 'run 7');
  assert.ok(figure.spec !== null);
  const spec = figure.spec as {
    title: string;
    vconcat: Record<string, unknown>[];
    datasets: Record<string, unknown>;
  };
  assert.equal(spec.title, 'run 7');
  assert.deepEqual(
    spec.vconcat.map(chart => chart.title),
    ['loss', 'bars']
  );
  assert.deepEqual(Object.keys(spec.datasets).sort(), ['bars/data', 'loss/data']);
  // The line is decimated for the figure's width: a few rows per pixel column, first and last kept.
  const loss = figureRows(spec.datasets['loss/data']);
  assert.ok(loss.length > 100 && loss.length <= 4 * FIGURE_SIZE.width * 2, `${loss.length} rows`);
  assert.deepEqual(loss[0], { x: 0, y: 0 });
  assert.equal(loss.at(-1)?.x, 199_999);
  // Bars cannot be decimated: the newest rows up to the limit.
  const shownBars = figureRows(spec.datasets['bars/data']);
  assert.equal(shownBars.length, FIGURE_ROW_LIMIT);
  assert.equal(shownBars.at(-1)?.x, 7999);
  assert.match(
    figure.note,
    /^2 charts, [\d,]+ rows as drawn at 600 px; not included \(fields\): phi$/
  );
  assert.equal(JSON.stringify(spec).includes('usermeta'), false);

  // The real compiler takes it, and a headless Vega view holds every inlined row.
  const compiled = compile(spec as never).spec;
  const view = new View(parse(compiled), { renderer: 'none' });
  await view.runAsync();
  const svg = await view.toSVG();
  assert.match(svg, /<svg/);
  const sources = (compiled.data ?? []).filter(data => 'values' in data || 'name' in data);
  const counts = sources.map(data => [data.name, view.data(data.name as string).length]);
  assert.ok(
    counts.some(([, n]) => n === loss.length),
    JSON.stringify(counts)
  );
  assert.ok(
    counts.some(([, n]) => n === FIGURE_ROW_LIMIT),
    JSON.stringify(counts)
  );
  view.finalize();
});

test('a plotter of fields only leaves no spec, and says why', () => {
  const store = new PlotStore();
  store.apply({
    type: 'chart',
    chart: 'phi',
    serial: 1,
    spec: field(),
    datasets: [{ id: 1, name: 'field', mode: 'field', window: null }]
  });
  const figure = staticFigure(store, 'fields');
  assert.equal(figure.spec, null);
  assert.equal(figure.note, '0 charts, 0 rows as drawn at 600 px; not included (fields): phi');
});
