/** The shared-memory protocols between the two threads, exercised on one thread. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FieldCoder } from '../../../kernel-client/src/recording/field-coder.ts';
import type { FieldInfo } from '../../../kernel-client/src/recording/fields.ts';
import { ReplaceWriter } from '../../../kernel-client/src/recording/replace-writer.ts';
import type { ToWorker } from '../../../kernel-client/src/messages.ts';
import { ReplaceStore } from '../../../kernel-client/src/worker/storage/replace-store.ts';
import { AppendStore } from '../../../kernel-client/src/worker/storage/append-store.ts';
import { PlotStore } from '../../../kernel-client/src/worker/storage/plot-store.ts';
import { decodableEnd } from '../../../kernel-client/src/worker/storage/row-columns.ts';
import { AppendWriter } from '../../../kernel-client/src/recording/dataset-writer.ts';
import { Gate } from '../../../kernel-client/src/stopping/gate.ts';
import {
  LARGEST_RING_BYTES,
  RING_BYTES,
  ringRows,
  windowRingRows
} from '../../../kernel-client/src/recording/ring.ts';
import type { ChartState } from '../../../kernel-client/src/worker/storage/plot-store.ts';

const FIELDS: FieldInfo[] = [
  { name: 'x', kind: 'number', required: true },
  { name: 'label', kind: 'string', required: false }
];

function replacePair(): { writer: ReplaceWriter; store: ReplaceStore; deliver: () => void } {
  const store = new ReplaceStore(1, 'd');
  store.setSchema(FIELDS);
  const queue: ToWorker[] = [];
  const post = (message: ToWorker) => queue.push(message);
  const coder = new FieldCoder('c', 'd', FIELDS, (field, code, value) =>
    post({ type: 'word', dataset: 1, field, code, value })
  );
  const writer = new ReplaceWriter(1, coder, post);
  const deliver = () => {
    for (const message of queue.splice(0)) {
      if (message.type === 'slots') {
        store.setState(message.state);
      } else if (message.type === 'slot') {
        store.addSlot(message.slot, message.serial, message.buffer);
      } else if (message.type === 'word') {
        store.addWord(message.field, message.code, message.value);
      }
    }
  };
  return { writer, store, deliver };
}

test('triple buffer: only the latest state is taken, never one being written', () => {
  const { writer, store, deliver } = replacePair();
  deliver();
  for (let v = 1; v <= 5; v++) {
    writer.replaceRows([{ x: v, label: 'a' }]);
  }
  assert.equal(store.poll(), false, 'buffers and words not delivered yet: nothing taken');
  deliver();
  assert.equal(store.poll(), true);
  assert.equal(store.latest?.version, 5);
  assert.equal(store.poll(), false, 'no new state');
  writer.replaceRows(Array.from({ length: 1000 }, (_, x) => ({ x, label: 'b' })));
  assert.equal(store.poll(), false, 'the grown slot buffer is still on its way');
  deliver();
  assert.equal(store.poll(), true);
  assert.equal(store.latest?.rows.length, 1000);
  const labels = store.latest?.rows.columns.label.data;
  assert.ok(Array.isArray(labels), 'a string column travels as an array');
  assert.deepEqual(labels.slice(0, 2), ['b', 'b']);
});

test('a bad row leaves the published state untouched', () => {
  const { writer, store, deliver } = replacePair();
  writer.replaceRows([{ x: 1 }]);
  assert.throws(() => writer.replaceRows([{ x: 2 }, { x: 'two' }]), /field "x": expected a number/);
  deliver();
  store.poll();
  assert.equal(store.latest?.version, 1);
});

test('rows whose strings have not arrived are held back', () => {
  const values = new Float64Array([1, 0, 2, 1, 3, 0]);
  assert.equal(decodableEnd(FIELDS, [[], ['a']], values, 0, 3), 1);
  assert.equal(decodableEnd(FIELDS, [[], ['a', 'b']], values, 0, 3), 3);
});

/** A real AppendWriter recording into rings that a real AppendStore drains, on one thread. */
function appendPair(window: number | null, fields: FieldInfo[] = [FIELDS[0]]) {
  const store = new PlotStore();
  store.apply({
    type: 'chart',
    chart: 'c',
    serial: 1,
    spec: {},
    datasets: [{ id: 7, name: 'd', mode: 'append', window }]
  });
  store.apply({ type: 'schema', dataset: 7, fields });
  const messages: ToWorker[] = [];
  const post = (message: ToWorker) => {
    messages.push(message);
    store.apply(message);
  };
  const coder = new FieldCoder('c', 'd', fields, (field, code, value) =>
    post({ type: 'word', dataset: 7, field, code, value })
  );
  const pushes: unknown[] = [];
  const writer = new AppendWriter(
    7,
    window,
    coder,
    new Gate(new SharedArrayBuffer(8), 'p'),
    post,
    { first: RING_BYTES, largest: LARGEST_RING_BYTES },
    push => pushes.push(push)
  );
  const dataset = (store.charts.get('c') as ChartState).datasets[0] as AppendStore;
  const xs = (from: number, to: number) => dataset.read(from, to).columns.x.data as Float64Array;
  const rings = () => messages.filter(message => message.type === 'ring').length;
  /** Drains as the worker's timer does, slice after slice, until nothing is left. */
  const drainAll = () => {
    let slices = 0;
    while (dataset.drain()) {
      slices++;
    }
    return slices;
  };
  return { store, writer, dataset, xs, rings, pushes, drainAll };
}

test('the worker drains the ring; rows keep their order and indices across the wrap', () => {
  const { writer, dataset, xs, rings, drainAll } = appendPair(null);
  const capacity = ringRows(RING_BYTES, 1);
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < capacity / 2 + 3; i++) {
      writer.push({ x: round * capacity + i });
    }
    drainAll();
  }
  assert.equal(rings(), 1, 'the ring never filled: no new ring');
  assert.equal(dataset.total(), 3 * (capacity / 2 + 3));
  const got = xs(capacity / 2 + 1, capacity / 2 + 5);
  assert.deepEqual([...got], [capacity / 2 + 1, capacity / 2 + 2, capacity, capacity + 1]);
});

test('a writer a whole ring ahead of the worker starts a larger ring; nothing is overwritten', () => {
  const { writer, dataset, xs, rings, pushes, drainAll } = appendPair(null);
  const capacity = ringRows(RING_BYTES, 1);
  const n = capacity + 10;
  for (let i = 0; i < n; i++) {
    writer.push({ x: i });
  }
  assert.equal(rings(), 2, 'the full ring was followed by a new one');
  assert.equal(pushes.length, 1, 'and a new push written for it');
  assert.ok(drainAll() > 1, 'a backlog this long is copied in slices');
  assert.equal(dataset.total(), n);
  const all = xs(0, n);
  assert.ok(
    all.every((x, i) => x === i),
    'every row, in order'
  );
});

test('with a window, the worker copies only rows inside it and drops older chunks', () => {
  const { writer, dataset, xs } = appendPair(6);
  for (let x = 0; x < 100; x++) {
    writer.push({ x });
  }
  dataset.drain();
  assert.equal(dataset.total(), 100);
  assert.equal(dataset.firstKept(), 94);
  assert.deepEqual([...xs(94, 100)], [94, 95, 96, 97, 98, 99]);
  assert.ok(dataset.heldBytes() <= 4096 * 8, 'one small chunk, not 100 rows of history');
});

test('clear drops the rows written before it, even those not drained yet', () => {
  const { writer, dataset, xs } = appendPair(null);
  writer.push({ x: 1 });
  dataset.drain();
  writer.push({ x: 2 });
  writer.clear();
  writer.push({ x: 3 });
  dataset.drain();
  assert.equal(dataset.total(), 1);
  assert.equal(dataset.epoch, 1);
  assert.deepEqual([...xs(0, 1)], [3]);
});

test('columns larger than the ring go through in order, the ring growing as needed', () => {
  const { writer, dataset, xs, drainAll } = appendPair(null);
  const n = ringRows(RING_BYTES, 1) * 3;
  const x = Float64Array.from({ length: n }, (_, i) => i);
  writer.appendColumns({ length: n, sources: [x] });
  drainAll();
  assert.equal(dataset.total(), n);
  assert.ok(xs(0, n).every((value, i) => value === i));
});

test('a windowed ring is overwritten rather than grown: the worker gets the newest rows', () => {
  const { writer, dataset, xs, rings, pushes } = appendPair(1000);
  const capacity = windowRingRows(1000);
  const n = 3 * capacity + 5;
  for (let x = 0; x < n; x++) {
    writer.push({ x });
  }
  assert.equal(rings(), 1, 'one ring, however far ahead the writer is');
  assert.equal(pushes.length, 0, 'the push never left its fast path');
  dataset.drain();
  assert.equal(dataset.total(), n);
  assert.equal(dataset.firstKept(), n - 1000);
  const window = xs(n - 1000, n);
  assert.ok(
    window.every((x, i) => x === n - 1000 + i),
    'exactly the last 1000 rows'
  );
});
