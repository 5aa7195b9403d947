/**
 * What a viewer may ask of the pace of its data, with real socket.io viewers against the real
 * worker (Node): its row limit (of a backlog of a dataset sent whole, only the newest rows the
 * viewer keeps), and a slow chart's pace (`ChartViewport.everyMs`: its rows come no more
 * often, while the charts beside it get every frame; closing still delivers everything).
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { line, open } from 'async-plotter';
import type { ChartUpdate, ChartViewport } from 'async-plotter/protocol';
import { withPlotter } from './with-plotter.ts';
import { connect } from '../support/socket-viewer.ts';

const BARS = {
  data: { name: 'data' },
  mark: 'bar',
  encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } }
};

test('a viewer with a row limit gets only the newest rows of a backlog, and every row counted', () =>
  withPlotter('row-limit', async plotter => {
    const chart = plotter.chart('c', line({ x: 'step', y: 'v' }));
    for (let step = 0; step < 50_000; step++) {
      chart.push({ step, v: step % 13 });
    }
    const received: number[] = [];
    const viewer = await connect(plotter.handle, {
      name: 'limited',
      rowLimit: 1000,
      onMessage: (_, charts) =>
        charts.forEach(update =>
          update.datasets.forEach(change => received.push(change.rows.length))
        )
    });
    const view = () => viewer.charts.get('c')?.datasets.get('data');
    await viewer.waitFor(() => view()?.total === 50_000, 'the snapshot');
    assert.equal(view()?.rows.length, 1000, 'the newest 1,000 rows');
    assert.equal(view()?.rows[0].step, 49_000);
    assert.equal(view()?.rows.at(-1)?.step, 49_999);
    assert.ok(Math.max(...received) <= 1000, `rows per message: ${received.join(', ')}`);
    for (let step = 50_000; step < 50_010; step++) {
      chart.push({ step, v: 1 });
    }
    await viewer.waitFor(() => view()?.total === 50_010, 'the next rows');
    assert.deepEqual(
      view()
        ?.rows.slice(-11)
        .map(row => row.step),
      Array.from({ length: 11 }, (_, i) => 49_999 + i),
      'the rows pushed later follow on, none missing'
    );
    viewer.close();
  }));

test('a limitless viewer still gets every row of a backlog', () =>
  withPlotter('no-row-limit', async plotter => {
    const chart = plotter.chart('c', line({ x: 'step', y: 'v' }));
    for (let step = 0; step < 20_000; step++) {
      chart.push({ step, v: step });
    }
    const viewer = await connect(plotter.handle, { name: 'whole' });
    const view = () => viewer.charts.get('c')?.datasets.get('data');
    await viewer.waitFor(() => view()?.rows.length === 20_000, 'every row');
    assert.equal(view()?.rows[0].step, 0);
    viewer.close();
  }));

test("a slow chart's rows come at the pace its viewer asks, the others' in every frame; closing delivers all", async () => {
  const plotter = await open({ title: 'paced', display: false, rate: 30 });
  const slow = plotter.chart('slow', BARS);
  const fast = plotter.chart('fast', line({ x: 'step', y: 'v' }));
  const framesWith = { slow: [] as number[], fast: [] as number[] };
  const viewer = await connect(plotter.handle, {
    name: 'paced',
    plotSize: { width: 800, height: 180 },
    onMessage: (kind, charts: ChartUpdate[], at) => {
      for (const update of charts) {
        if (kind === 'frame' && update.datasets.length > 0 && update.chart in framesWith) {
          framesWith[update.chart as 'slow' | 'fast'].push(at);
        }
      }
    }
  });
  const pace: ChartViewport = {
    chart: 'slow',
    x: { type: 'linear', domain: [0, 1], range: [0, 800] },
    y: null,
    zoomed: false,
    everyMs: 1000
  };
  viewer.socket.emit('viewport', pace);
  await sleep(300);
  const started = Date.now();
  let step = 0;
  while (Date.now() - started < 3000) {
    for (let i = 0; i < 20; i++, step++) {
      slow.push({ x: step, y: step % 5 });
      fast.push({ step, v: Math.sin(step / 100) });
    }
    await sleep(5);
  }
  const during = (times: number[]) => times.filter(at => at >= started).length;
  const seen = `slow chart in ${during(framesWith.slow)} frames, fast chart in ${during(framesWith.fast)}`;
  assert.ok(during(framesWith.slow) <= 4, `at most one in a second: ${seen}`);
  assert.ok(during(framesWith.slow) >= 2, `but it comes: ${seen}`);
  assert.ok(during(framesWith.fast) >= 2 * during(framesWith.slow), seen);
  await plotter.close({ timeoutMs: 5000 });
  const rows = viewer.charts.get('slow')?.datasets.get('data');
  assert.equal(rows?.total, step, 'every row of the slow chart counted');
  assert.equal(rows?.rows.length, step, 'and delivered at close');
  viewer.close();
});

test('a bad pace is ignored (logged), and the chart keeps its frames', () =>
  withPlotter('bad-pace', async plotter => {
    const chart = plotter.chart('c', BARS);
    const viewer = await connect(plotter.handle, {
      name: 'bad',
      plotSize: { width: 800, height: 180 }
    });
    const x = { type: 'linear', domain: [0, 1], range: [0, 800] };
    for (const everyMs of [-1, NaN, 1e9, '1000', null]) {
      viewer.socket.emit('viewport', { chart: 'c', x, y: null, zoomed: false, everyMs } as never);
    }
    for (let round = 0; round < 5; round++) {
      chart.push({ x: round, y: round });
      await viewer.waitFor(
        () => viewer.charts.get('c')?.datasets.get('data')?.total === round + 1,
        `row ${round}: frames go on (a pace of 1e9 ms taken would hold it back)`,
        5000
      );
    }
    viewer.close();
  }));
