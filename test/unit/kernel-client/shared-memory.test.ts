/** The shared-memory protocols between the two threads, exercised on one thread. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FieldCoder } from '../../../kernel-client/src/field-coder.ts';
import type { FieldInfo } from '../../../kernel-client/src/fields.ts';
import { ReplaceWriter } from '../../../kernel-client/src/replace-writer.ts';
import type { ToWorker } from '../../../kernel-client/src/messages.ts';
import { ReplaceStore } from '../../../kernel-client/src/worker/replace-store.ts';
import { AppendStore } from '../../../kernel-client/src/worker/append-store.ts';
import { PlotStore } from '../../../kernel-client/src/worker/plot-store.ts';
import { decodableEnd } from '../../../kernel-client/src/worker/encode.ts';
import { allocateSegment, segmentViews, RELEASED } from '../../../kernel-client/src/segment.ts';

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

test('segments outside the window are released for reuse, the newest never', () => {
  const store = new AppendStore(1, 'd', 10);
  store.setSchema([FIELDS[0]]);
  const buffers = [allocateSegment(8, 1), allocateSegment(8, 1), allocateSegment(8, 1)];
  for (const buffer of buffers) {
    store.addSegment(buffer);
    segmentViews(buffer).count[0] = 8;
  }
  store.trim();
  const released = buffers.map(buffer => segmentViews(buffer).count[RELEASED]);
  assert.deepEqual(released, [1, 0, 0]);
  assert.equal(store.total(), 24);
  assert.equal(store.firstKept(), 14);
  assert.equal(store.read(14, 24).length, 10);
});

test('a new segment releases the ones out of the window at once, without waiting for a frame', () => {
  const store = new PlotStore();
  store.apply({
    type: 'chart',
    chart: 'c',
    serial: 1,
    spec: {},
    datasets: [{ id: 7, name: 'd', mode: 'append', window: 6 }]
  });
  store.apply({ type: 'schema', dataset: 7, fields: [FIELDS[0]] });
  const buffers = [allocateSegment(8, 1), allocateSegment(8, 1), allocateSegment(8, 1)];
  const released = (): number[] => buffers.map(buffer => segmentViews(buffer).count[RELEASED]);
  store.apply({ type: 'segment', dataset: 7, buffer: buffers[0] });
  segmentViews(buffers[0]).count[0] = 8;
  store.apply({ type: 'segment', dataset: 7, buffer: buffers[1] });
  assert.deepEqual(released(), [0, 0, 0], 'rows 2-7 are the last 6');
  segmentViews(buffers[1]).count[0] = 8;
  store.apply({ type: 'segment', dataset: 7, buffer: buffers[2] });
  assert.deepEqual(released(), [1, 0, 0]);
});
