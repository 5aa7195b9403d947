/** Streaming behaviour with real socket.io-client viewers against the real package (Node). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { heatmap, line, open, PlotInterrupted } from 'async-plotter';
import { HEARTBEAT_MS } from 'async-plotter/protocol';
import { withPlotter } from './with-plotter.ts';
import { connect, TestViewer } from '../support/socket-viewer.ts';

test('a stalled viewer neither grows without bound nor delays a live viewer', () =>
  withPlotter('stall', async plotter => {
    const chart = plotter.chart('c', line(), { window: 500 });
    const stalled = await connect(plotter.handle, { name: 'stalled', stallAfter: 1 });
    const live = await connect(plotter.handle, { name: 'live' });
    chart.push({ x: -1, y: -1 });
    await stalled.waitFor(() => stalled.messages === 2, 'the frame the stalled viewer keeps');
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 20000; i++) {
        chart.push({ x: round * 20000 + i, y: i });
      }
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    await live.waitFor(() => live.rows('c').at(-1)?.x === 99999, 'the last row');
    assert.equal(live.rows('c').length, 500);
    assert.equal(live.rows('c')[0].x, 99500);
    assert.equal(live.charts.get('c')?.datasets.get('data')?.total, 100001);
    assert.equal(stalled.messages, 2, 'nothing is queued for a viewer with a frame in flight');
    stalled.close();
    live.close();
  }));

test('append with a window, exact state, and the snapshot of a reconnecting viewer', () =>
  withPlotter('window', async plotter => {
    const chart = plotter.chart('c', line(), { window: 1000 });
    for (let i = 0; i < 5000; i++) {
      chart.push({ x: i, y: i * 2 });
    }
    const first = await connect(plotter.handle);
    await first.waitFor(() => first.rows('c').length === 1000, 'the window');
    assert.deepEqual(first.rows('c')[0], { x: 4000, y: 8000 });
    first.close();
    for (let i = 5000; i < 5500; i++) {
      chart.push({ x: i, y: i * 2 });
    }
    const again = await connect(plotter.handle);
    await again.waitFor(() => again.snapshots === 1, 'the snapshot');
    const rows = again.rows('c');
    assert.equal(rows.length, 1000);
    assert.deepEqual(rows[0], { x: 4500, y: 9000 });
    assert.deepEqual(rows[999], { x: 5499, y: 10998 });
    assert.deepEqual(again.charts.get('c')?.spec?.mark, { type: 'line', clip: true });
    again.close();
  }));

test('three viewers at different speeds converge to the same final state', () =>
  withPlotter('speeds', async plotter => {
    const chart = plotter.chart('c', line(), { window: 20000 });
    const state = plotter.chart('h', heatmap(), { mode: 'replace' });
    const viewers = await Promise.all(
      [0, 15, 120].map(delay => connect(plotter.handle, { ackDelayMs: delay, name: `ack${delay}` }))
    );
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 2000; i++) {
        chart.push({ x: round * 2000 + i, y: Math.cos(i) });
      }
      state.replace({ x: [0, 1], y: [0, 0], value: [round, -round] });
      await new Promise(resolve => setTimeout(resolve, 10));
    }
    for (const viewer of viewers) {
      await viewer.waitFor(
        () => viewer.rows('c').at(-1)?.x === 39999 && viewer.rows('h')[0]?.value === 19,
        'the final state'
      );
    }
    const [fast, medium, slow] = viewers;
    assert.deepEqual(medium.rows('c'), fast.rows('c'));
    assert.deepEqual(slow.rows('c'), fast.rows('c'));
    assert.equal(fast.rows('c').length, 20000);
    assert.deepEqual(slow.rows('h'), [
      { x: 0, y: 0, value: 19 },
      { x: 1, y: 0, value: -19 }
    ]);
    assert.ok(slow.messages < fast.messages, 'the slow viewer got fewer, coalesced frames');
    viewers.forEach(viewer => viewer.close());
  }));

test('replace: superseded states never reach the network', () =>
  withPlotter('replace', async plotter => {
    const chart = plotter.chart('h', heatmap(), { mode: 'replace' });
    const viewer = await connect(plotter.handle, {
      onMessage: (_kind, charts) => {
        for (const change of charts.flatMap(update => update.datasets)) {
          if (change.mode === 'replace') {
            versions.push(change.version);
          }
        }
      }
    });
    const versions: number[] = [];
    for (let v = 1; v <= 100000; v++) {
      chart.replace([{ x: 0, y: 0, value: v }]);
    }
    await viewer.waitFor(() => viewer.rows('h')[0]?.value === 100000, 'the last state');
    assert.ok(versions.length < 10, `${versions.length} states sent`);
    assert.equal(versions.at(-1), 100000);
    viewer.close();
  }));

test('columns, strings, booleans, dates, NaN gaps, clear and setSpec', () =>
  withPlotter('kinds', async plotter => {
    const spec = {
      data: { name: 'data' },
      mark: 'point',
      encoding: {
        x: { field: 'when', type: 'temporal' },
        y: { field: 'v', type: 'quantitative' },
        color: { field: 'kind', type: 'nominal' },
        shape: { field: 'ok', type: 'nominal' }
      }
    };
    const chart = plotter.chart('c', spec);
    const viewer = await connect(plotter.handle);
    chart.push({ when: new Date(1000), v: 1, kind: 'a', ok: true });
    chart.append({
      when: new Float64Array([2000, 3000]),
      v: new Float64Array([NaN, Infinity]),
      kind: ['b', 'a'],
      ok: [false, null]
    });
    await viewer.waitFor(() => viewer.rows('c').length === 3, '3 rows');
    assert.deepEqual(viewer.rows('c'), [
      { when: 1000, v: 1, kind: 'a', ok: true },
      { when: 2000, v: null, kind: 'b', ok: false },
      { when: 3000, v: null, kind: 'a', ok: null }
    ]);
    chart.clear();
    chart.push({ when: 4000, v: 4, kind: 'c', ok: false });
    await viewer.waitFor(() => viewer.rows('c').length === 1, 'the cleared chart');
    assert.deepEqual(viewer.rows('c'), [{ when: 4000, v: 4, kind: 'c', ok: false }]);
    chart.setSpec({ ...spec, mark: 'line' });
    await viewer.waitFor(() => viewer.charts.get('c')?.spec?.mark === 'line', 'the new spec');
    assert.equal(viewer.rows('c').length, 1, 'setSpec keeps the data');
    viewer.close();
  }));

test('a layered spec with two datasets', () =>
  withPlotter('layers', async plotter => {
    const chart = plotter.chart('c', {
      layer: [
        {
          data: { name: 'train' },
          mark: 'line',
          encoding: {
            x: { field: 'step', type: 'quantitative' },
            y: { field: 'loss', type: 'quantitative' }
          }
        },
        {
          data: { name: 'eval' },
          mark: 'point',
          encoding: {
            x: { field: 'step', type: 'quantitative' },
            y: { field: 'acc', type: 'quantitative' }
          }
        }
      ]
    });
    assert.deepEqual(chart.datasets, ['train', 'eval']);
    const viewer = await connect(plotter.handle);
    chart.dataset('train').push({ step: 1, loss: 0.5 });
    chart.dataset('eval').append([{ step: 1, acc: 0.9 }]);
    await viewer.waitFor(() => viewer.rows('c', 'eval').length === 1, 'both datasets');
    assert.deepEqual(viewer.rows('c', 'train'), [{ step: 1, loss: 0.5 }]);
    assert.deepEqual(viewer.rows('c', 'eval'), [{ step: 1, acc: 0.9 }]);
    viewer.close();
  }));

test('a wrong or missing token is refused before anything is sent', () =>
  withPlotter('token', async plotter => {
    plotter.chart('c', line()).push({ x: 1, y: 2 });
    for (const token of ['wrong', '']) {
      const viewer = new TestViewer(plotter.handle, { token });
      await assert.rejects(viewer.connected(), /token/);
      assert.equal(viewer.messages, 0);
      viewer.close();
    }
  }));

test('stop from a viewer fires plotter.signal and interrupts the next push once', () =>
  withPlotter('stop', async plotter => {
    const chart = plotter.chart('c', line());
    const viewer = await connect(plotter.handle);
    const accepted = await viewer.socket.timeout(2000).emitWithAck('stop');
    assert.equal(accepted, true);
    await new Promise(resolve => setTimeout(resolve, 50));
    assert.equal(plotter.signal.aborted, true);
    assert.throws(
      () => chart.push({ x: 1, y: 1 }),
      (error: Error) => {
        assert.ok(error instanceof PlotInterrupted);
        assert.equal(error.name, 'PlotInterrupted');
        return true;
      }
    );
    chart.push({ x: 2, y: 2 });
    await viewer.waitFor(() => viewer.rows('c').length === 1, 'the push after the stop');
    viewer.close();
  }));

test('opening a plotter with the same title replaces the old one and frees its port', async () => {
  const old = await open({ title: 'same', display: false });
  const oldChart = old.chart('c', line());
  const viewer = await connect(old.handle);
  const fresh = await open({ title: 'same', display: false });
  try {
    assert.equal(old.closed, true);
    assert.notEqual(fresh.url, old.url);
    assert.equal(fresh.title, 'same');
    await viewer.waitFor(() => viewer.closedReason !== null, 'the old plotter to say closed');
    assert.throws(() => oldChart.push({ x: 1, y: 1 }), /closed/);
    const late = new TestViewer(old.handle);
    await assert.rejects(late.connected());
    late.close();
  } finally {
    viewer.close();
    await fresh.close();
  }
});

test('several plotters in one process each serve their own charts', async () => {
  const a = await open({ title: 'a', display: false });
  const b = await open({ title: 'b', display: false });
  try {
    a.chart('c', line()).push({ x: 1, y: 1 });
    b.chart('c', line()).push({ x: 2, y: 2 });
    const va = await connect(a.handle);
    const vb = await connect(b.handle);
    await va.waitFor(() => va.rows('c').length === 1, 'a');
    await vb.waitFor(() => vb.rows('c').length === 1, 'b');
    assert.equal(va.rows('c')[0].x, 1);
    assert.equal(vb.rows('c')[0].x, 2);
    va.close();
    vb.close();
  } finally {
    await a.close();
    await b.close();
  }
});

test('an idle plotter sends heartbeats, so a viewer can tell idle from stalled', () =>
  withPlotter('heartbeat', async plotter => {
    const chart = plotter.chart('c', line());
    chart.push({ x: 0, y: 0 });
    const heartbeats: number[] = [];
    const viewer = await connect(plotter.handle, {
      onMessage: (kind, charts, at) => {
        if (kind === 'frame' && charts.length === 0) {
          heartbeats.push(at);
        }
      }
    });
    await viewer.waitFor(() => viewer.rows('c').length === 1, 'the row');
    await viewer.waitFor(() => heartbeats.length >= 3, 'three heartbeats', 5000);
    const gaps = heartbeats.slice(1).map((at, i) => at - heartbeats[i]);
    assert.ok(
      gaps.every(gap => gap >= HEARTBEAT_MS * 0.8 && gap <= HEARTBEAT_MS * 2),
      `heartbeat gaps ${gaps.join(', ')} ms`
    );
    chart.push({ x: 1, y: 1 });
    await viewer.waitFor(() => viewer.rows('c').length === 2, 'a row after the heartbeats');
    viewer.close();
  }));
