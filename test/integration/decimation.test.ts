/**
 * Decimation before the network, with real socket.io viewers against the real worker (Node):
 * a viewer that gives its plot size gets at most a few rows per pixel column, aligned with the
 * scales it reports, finer rows on a zoom (how soon: bench/decimation's zoom part), and every
 * row when the chart is not one decimation understands; bad reports are ignored.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { line } from 'async-plotter';
import type { ChartViewport } from 'async-plotter/protocol';
import { withPlotter } from './with-plotter.ts';
import { connect, type Datum, type TestViewer } from '../support/socket-viewer.ts';

const SIZE = { width: 800, height: 180 };

const view = (viewer: TestViewer, chart = 'c') => viewer.charts.get(chart)?.datasets.get('data');

function extremes(rows: Datum[], field: string): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const row of rows) {
    const value = row[field] as number;
    if (value < low) low = value;
    if (value > high) high = value;
  }
  return [low, high];
}

test('a million rows without a window reach a sized viewer as at most 4 rows per column, ends and extremes exact', () =>
  withPlotter('million', async plotter => {
    const chart = plotter.chart('c', line({ x: 'step', y: 'loss' }));
    const viewer = await connect(plotter.handle, { name: 'sized', plotSize: SIZE });
    for (let step = 0; step < 1_000_000; step++) {
      chart.push({ step, loss: Math.exp(-step / 1e5) + (step % 9973 === 5000 ? 0.5 : 0) });
    }
    await viewer.waitFor(() => view(viewer)?.kept === 1_000_000, 'every row represented');
    const rows = view(viewer)?.rows ?? [];
    assert.ok(rows.length <= 4 * SIZE.width, `${rows.length} rows for ${SIZE.width} columns`);
    assert.deepEqual(rows[0], { step: 0, loss: 1 });
    assert.equal(rows.at(-1)?.step, 999_999, 'the last row');
    const spike = Math.exp(-5000 / 1e5) + 0.5;
    assert.deepEqual(
      extremes(rows, 'loss'),
      [Math.exp(-999_999 / 1e5), spike],
      'lowest and highest'
    );
    assert.equal(view(viewer)?.total, 1_000_000);
    viewer.close();
  }));

test('a viewport report realigns the columns; a zoom brings every row of a small domain', () =>
  withPlotter('zoom', async plotter => {
    const chart = plotter.chart('c', line({ x: 'step', y: 'loss' }));
    for (let step = 0; step < 200_000; step++) {
      chart.push({ step, loss: Math.sin(step / 1000) });
    }
    const viewer = await connect(plotter.handle, { name: 'zoomer', plotSize: SIZE });
    await viewer.waitFor(() => view(viewer)?.kept === 200_000, 'the snapshot');
    const fitted: ChartViewport = {
      chart: 'c',
      x: { type: 'linear', domain: [0, 200_000], range: [0, 640] },
      y: null,
      zoomed: false
    };
    viewer.socket.emit('viewport', fitted);
    await viewer.waitFor(
      () =>
        (view(viewer)?.rows ?? []).every(
          row => Math.floor(((row.step as number) / 200_000) * 640) < 640
        ),
      'rows for 640 columns'
    );
    const zoomed: ChartViewport = {
      ...fitted,
      x: { ...fitted.x, domain: [1000, 1300] },
      zoomed: true
    };
    viewer.socket.emit('viewport', zoomed);
    const inside = () =>
      (view(viewer)?.rows ?? []).filter(
        row => (row.step as number) >= 1000 && (row.step as number) < 1300
      );
    // Nothing is pushed any more: only the zoom can bring these rows.
    await viewer.waitFor(() => inside().length === 300, 'every row of the zoomed domain');
    const steps = (view(viewer)?.rows ?? []).map(row => row.step as number);
    assert.ok(steps.includes(999) && steps.includes(1300), 'the rows either side of the domain');
    assert.ok(steps.length < 1000, `${steps.length} rows in all`);
    viewer.close();
  }));

test('charts decimation does not understand, and x out of order, send every row and say why', () =>
  withPlotter('fallback', async plotter => {
    const bars = plotter.chart('bars', {
      data: { name: 'data' },
      mark: 'bar',
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } }
    });
    const shuffled = plotter.chart('c', line());
    for (let i = 0; i < 5000; i++) {
      bars.push({ x: i, y: i });
      shuffled.push({ x: i % 2 === 0 ? i : -i, y: i });
    }
    const viewer = await connect(plotter.handle, { name: 'sized', plotSize: SIZE });
    await viewer.waitFor(
      () => view(viewer, 'bars')?.rows.length === 5000 && view(viewer)?.rows.length === 5000,
      'every row'
    );
    assert.equal(view(viewer, 'bars')?.undecimated, 'a bar mark');
    assert.equal(view(viewer)?.undecimated, 'x values out of order');
    viewer.close();
  }));

test('bad viewports are ignored (logged), never a crash or a huge frame', () =>
  withPlotter('bad-viewports', async plotter => {
    const chart = plotter.chart('c', line({ x: 'step', y: 'loss' }));
    for (let step = 0; step < 100_000; step++) {
      chart.push({ step, loss: step % 7 });
    }
    const viewer = await connect(plotter.handle, { name: 'bad', plotSize: SIZE });
    await viewer.waitFor(() => view(viewer)?.kept === 100_000, 'the snapshot');
    const good = view(viewer)?.rows.length ?? 0;
    const scale = { type: 'linear', domain: [0, 100_000], range: [0, 800] };
    for (const bad of [
      { chart: 'c', x: { ...scale, range: [0, 0] } },
      { chart: 'c', x: { ...scale, range: [0, -5] } },
      { chart: 'c', x: { ...scale, range: [0, 1e9] } },
      { chart: 'c', x: { ...scale, domain: [10, 5] } },
      { chart: 'c', x: { ...scale, domain: [NaN, 5] } },
      { chart: 'c', x: { ...scale, type: 'band' } },
      { chart: 'c', x: { ...scale, type: 'log', domain: [-1, 5] } },
      { chart: 'c', x: 'wide' },
      'not a viewport',
      null
    ]) {
      viewer.socket.emit('viewport', bad as unknown as ChartViewport);
    }
    for (let step = 100_000; step < 100_010; step++) {
      chart.push({ step, loss: 1 });
    }
    await viewer.waitFor(() => view(viewer)?.kept === 100_010, 'frames go on');
    const rows = view(viewer)?.rows.length ?? 0;
    assert.ok(rows <= good + 8, `${rows} rows after the bad reports (${good} before)`);
    viewer.close();
  }));

test('a viewer that clears a chart gets only the rows pushed later, decimated or not', () =>
  withPlotter('clear', async plotter => {
    const chart = plotter.chart('c', line({ x: 'step', y: 'loss' }));
    for (let step = 0; step < 50_000; step++) {
      chart.push({ step, loss: step % 11 });
    }
    const sized = await connect(plotter.handle, { name: 'sized', plotSize: SIZE });
    const whole = await connect(plotter.handle, { name: 'whole' });
    await sized.waitFor(() => view(sized)?.kept === 50_000, 'the decimated snapshot');
    await whole.waitFor(() => view(whole)?.rows.length === 50_000, 'every row');
    sized.socket.emit('clear', 'c');
    whole.socket.emit('clear', 'c');
    await new Promise(resolve => setTimeout(resolve, 100));
    for (let step = 50_000; step < 50_020; step++) {
      chart.push({ step, loss: 1 });
    }
    await sized.waitFor(() => view(sized)?.kept === 20, 'only the later rows, decimated');
    await whole.waitFor(() => view(whole)?.rows.length === 20, 'only the later rows');
    assert.equal(view(sized)?.rows[0].step, 50_000);
    assert.equal(view(whole)?.rows[0].step, 50_000);
    sized.close();
    whole.close();
  }));
