/**
 * The background drain of PlotStore: datasets take turns of a few thousand rows, a drain stops
 * once its time is spent and the next one goes on from where it stopped, so that one busy
 * dataset never starves the others nor the frames; `backlogged` says whether rows still wait.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { WRITTEN, allocateRing, ringViews } from '../../../../kernel-client/src/recording/ring.ts';
import { AppendStore } from '../../../../kernel-client/src/worker/storage/append-store.ts';
import { PlotStore } from '../../../../kernel-client/src/worker/storage/plot-store.ts';
import { numberFields } from '../decimation/stored-rows.ts';

const RING_ROWS = 1 << 18;

/** A store of `charts` line charts whose rings hold `rows` rows each, none drained yet. */
function backloggedStore(charts: number, rows: number): { store: PlotStore; kept: () => number[] } {
  const store = new PlotStore();
  for (let k = 0; k < charts; k++) {
    store.apply({
      type: 'chart',
      chart: `chart ${k}`,
      serial: 1,
      spec: { mark: 'line', encoding: { x: { field: 'x' }, y: { field: 'y' } } },
      datasets: [{ id: k, name: 'data', mode: 'append', window: null }]
    });
    store.apply({ type: 'schema', dataset: k, fields: numberFields('x', 'y') });
    const buffer = allocateRing(RING_ROWS, 2, 0);
    const ring = ringViews(buffer, 2);
    for (let i = 0; i < rows; i++) {
      ring.values[2 * i] = i;
      ring.values[2 * i + 1] = k;
    }
    Atomics.store(ring.header, WRITTEN, rows);
    store.apply({ type: 'ring', dataset: k, buffer, overwrites: false });
  }
  const kept = (): number[] =>
    [...store.charts.values()].map(chart => (chart.datasets[0] as AppendStore).total());
  return { store, kept };
}

test('a drain without a budget copies every row of every dataset', () => {
  const { store, kept } = backloggedStore(3, 100_000);
  assert.equal(store.backlogged(), true);
  assert.equal(store.drain(), true);
  assert.deepEqual(kept(), [100_000, 100_000, 100_000]);
  assert.equal(store.backlogged(), false);
  assert.equal(store.drain(), false, 'nothing new: nothing moved');
});

test('drains of no time take one turn each, the datasets in turn', () => {
  const { store, kept } = backloggedStore(3, 100_000);
  store.drain(0);
  const first = kept();
  assert.equal(first.filter(rows => rows > 0).length, 1, `one dataset per turn: ${first}`);
  const turn = first.find(rows => rows > 0) ?? 0;
  assert.ok(turn > 0 && turn < 100_000, `a turn is a part of the backlog: ${turn}`);
  store.drain(0);
  store.drain(0);
  assert.deepEqual(kept(), [turn, turn, turn], 'after three turns, each dataset had one');
  assert.equal(store.backlogged(), true);
});

test('a drain stops when its time is spent, and the next goes on where it stopped', () => {
  const { store, kept } = backloggedStore(8, RING_ROWS);
  store.drain(5);
  const afterOne = kept();
  const copied = afterOne.reduce((sum, rows) => sum + rows, 0);
  assert.ok(copied < 8 * RING_ROWS, `not everything in one short drain: ${afterOne}`);
  while (store.drain(5)) {
    // each drain a few milliseconds: the rest of the backlog
  }
  assert.deepEqual(kept(), new Array(8).fill(RING_ROWS), 'every row of every dataset in the end');
  assert.equal(store.backlogged(), false);
});

test('refresh (before each frame) leaves the backlog of growing rings to the drain', () => {
  const { store, kept } = backloggedStore(2, 50_000);
  store.refresh();
  assert.deepEqual(kept(), [0, 0], 'a frame does not wait for a backlog');
  assert.equal(store.backlogged(), true);
});
