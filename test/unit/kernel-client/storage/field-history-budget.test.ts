/**
 * The states fields keep for their step sliders (`field({ history })`) count against the
 * plotter's memory budget: they get at most half of it, the field keeping the most giving its
 * oldest states first, and a field never loses its newest state.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { field } from '../../../../kernel-client/src/field-builder.ts';
import { FieldWriter } from '../../../../kernel-client/src/recording/field-writer.ts';
import { FieldStore } from '../../../../kernel-client/src/worker/storage/field-store.ts';
import { Log } from '../../../../kernel-client/src/worker/log.ts';
import { MemoryBudget } from '../../../../kernel-client/src/worker/storage/memory-budget.ts';
import { PlotStore } from '../../../../kernel-client/src/worker/storage/plot-store.ts';

const MIB = 2 ** 20;

/** A plot store with one field chart of `history` states, fed as the plotter feeds it. */
function fieldChart(store: PlotStore, id: number, history: number): FieldWriter {
  const name = `field ${id}`;
  store.apply({
    type: 'chart',
    chart: name,
    serial: 1,
    spec: field({ history }),
    datasets: [{ id, name: 'field', mode: 'field', window: null }]
  });
  return new FieldWriter(name, 'field', id, message => store.apply(message));
}

/** `count` states of 1 MiB (512 x 512 Float32 cells) into `writer`, each taken by the drain. */
function replaceStates(store: PlotStore, writer: FieldWriter, count: number): void {
  const values = new Float32Array(512 * 512);
  for (let i = 0; i < count; i++) {
    values.fill(i);
    writer.replace({ width: 512, height: 512, values });
    store.drain();
  }
}

function history(store: PlotStore, chart: string) {
  const dataset = store.charts.get(chart)?.datasets[0];
  assert.ok(dataset instanceof FieldStore && dataset.history !== null);
  return dataset.history;
}

test('kept states beyond half the budget are dropped, oldest first, from the largest history', () => {
  const store = new PlotStore();
  const budget = new MemoryBudget(store, 64 * MIB, new Log('test', false), () => {});
  const big = fieldChart(store, 1, 100);
  const small = fieldChart(store, 2, 10);
  replaceStates(store, small, 10);
  replaceStates(store, big, 40);
  assert.equal(store.heldBytes(), 50 * MIB, 'every state kept is counted');
  budget.enforce();
  assert.ok(store.fieldHistoryBytes() <= 32 * MIB, `${store.fieldHistoryBytes()} bytes kept`);
  // The large history gave first, from its oldest; the small one kept all it asked for.
  assert.equal(history(store, 'field 1').length, 22);
  assert.deepEqual(history(store, 'field 1').versions().slice(0, 2), [19, 20]);
  assert.equal(history(store, 'field 1').budgetLimited, true);
  assert.equal(history(store, 'field 2').length, 10);
  assert.equal(history(store, 'field 2').budgetLimited, false);
  budget.dispose();
});

test('a field whose one state is over the share still keeps its newest', () => {
  const store = new PlotStore();
  const budget = new MemoryBudget(store, 1 * MIB, new Log('test', false), () => {});
  const writer = fieldChart(store, 1, 5);
  replaceStates(store, writer, 3);
  budget.enforce();
  assert.deepEqual(history(store, 'field 1').versions(), [3]);
  budget.dispose();
});
