/** `chart.push` is the dataset's generated writer itself; its guarantees hold on one thread. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Chart } from '../../../kernel-client/src/chart.ts';
import { PlotInterrupted, PlotterClosedError } from '../../../kernel-client/src/errors.ts';
import { Gate } from '../../../kernel-client/src/stopping/gate.ts';
import type { ToWorker } from '../../../kernel-client/src/messages.ts';
import { FLAG_STOPPED } from '../../../kernel-client/src/stopping/shared-flags.ts';
import { WRITTEN, ringSizes, ringViews } from '../../../kernel-client/src/recording/ring.ts';

const q = (field: string) => ({ field, type: 'quantitative' });
const LINE = { data: { name: 'data' }, mark: 'line', encoding: { x: q('x'), y: q('y') } };

function makeChart(spec: unknown = LINE, options = {}) {
  const gate = new Gate(new SharedArrayBuffer(64), 'p');
  const messages: ToWorker[] = [];
  let id = 0;
  const chart = new Chart('c', spec, options, 1, {
    gate,
    post: message => messages.push(message),
    nextDatasetId: () => ++id,
    debug: () => {},
    rings: ringSizes(2 ** 30)
  });
  const rings = () =>
    messages.flatMap(message => (message.type === 'ring' ? [ringViews(message.buffer, 2)] : []));
  return { chart, gate, rings };
}

test('chart.push is the dataset writer once the schema is fixed; rows go to the ring', () => {
  const { chart, rings } = makeChart();
  chart.push({ x: 0, y: 0.5 });
  assert.equal(chart.push, chart.dataset('data').push, 'no forwarding method in between');
  for (let x = 1; x < 100; x++) {
    chart.push({ x, y: x + 0.5 });
  }
  const [ring] = rings();
  assert.equal(ring.header[WRITTEN], 100, 'every row counted');
  assert.deepEqual([...ring.values.subarray(198, 200)], [99, 99.5]);
});

test('bad rows still throw at the call site, naming chart, dataset and field', () => {
  const { chart, rings } = makeChart();
  chart.push({ x: 1, y: 2 });
  assert.throws(() => chart.push({ x: 1 }), /chart "c", dataset "data", field "y": the row has no/);
  assert.throws(() => chart.push({ x: 'a', y: 2 }), /field "x": expected a number, got a string/);
  assert.throws(() => chart.push(null as never), /dataset "data": expected a row object, got null/);
  assert.equal(rings()[0].header[WRITTEN], 1, 'no bad row recorded');
});

test('a stop throws PlotInterrupted from chart.push once; recording then resumes', () => {
  const { chart, gate, rings } = makeChart();
  chart.push({ x: 1, y: 2 });
  const before = chart.push;
  Atomics.or(gate.flags, 0, FLAG_STOPPED);
  assert.throws(() => chart.push({ x: 2, y: 3 }), PlotInterrupted);
  assert.notEqual(chart.push, before, 'a new push (fresh type feedback) took over');
  chart.push({ x: 3, y: 4 });
  assert.equal(rings()[0].header[WRITTEN], 2);
});

test('chart.push follows retirement and datasets added by setSpec', () => {
  const { chart } = makeChart();
  chart.push({ x: 1, y: 2 });
  const layered = { layer: [LINE, { ...LINE, data: { name: 'eval' } }] };
  chart.setSpec(layered);
  assert.throws(() => chart.push({ x: 2, y: 3 }), /several datasets \(data, eval\)/);
  chart.dataset('eval').push({ x: 2, y: 3 });
  assert.throws(() => chart.push({ x: 2, y: 3 }), /several datasets/, 'stays ambiguous');

  const single = makeChart().chart;
  single.retire('chart "c" was replaced');
  assert.throws(() => single.push({ x: 1, y: 2 }), PlotterClosedError);
  const used = makeChart().chart;
  used.push({ x: 1, y: 2 });
  used.retire('chart "c" was replaced');
  assert.throws(
    () => used.push({ x: 1, y: 2 }),
    /chart "c", dataset "data": chart "c" was replaced/
  );
});

test('push on a replace-mode chart names the mode', () => {
  const { chart } = makeChart(LINE, { mode: 'replace' });
  assert.throws(() => chart.push({ x: 1, y: 2 }), /append\(\) on a dataset in replace mode/);
});

test('each push is compiled from a source of its own, so pushes share no type feedback', () => {
  const a = makeChart().chart;
  const b = makeChart().chart;
  a.push({ x: 1, y: 2 });
  b.push({ x: 1, y: 2 });
  assert.notEqual(String(a.push), String(b.push), 'two datasets of the same fields');
  const { chart, gate } = makeChart();
  chart.push({ x: 1, y: 2 });
  const before = String(chart.push);
  Atomics.or(gate.flags, 0, FLAG_STOPPED);
  assert.throws(() => chart.push({ x: 2, y: 3 }), PlotInterrupted);
  assert.notEqual(String(chart.push), before, 'the push that follows a stop');
});

test('a closed plotter makes the guard fail: push throws PlotterClosedError', () => {
  const { chart, gate } = makeChart();
  chart.push({ x: 1, y: 2 });
  gate.close();
  assert.throws(() => chart.push({ x: 2, y: 3 }), /plotter "p" is closed/);
});
