import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChartModel } from '../../../src/viewer/models/chart-model';
import { DatasetBuffer } from '../../../src/viewer/models/dataset-buffer';
import { HandleError, parseHandle } from '../../../src/viewer/link/handle';
import { PendingChanges } from '../../../src/viewer/models/pending-changes';
import { RateMeter } from '../../../src/viewer/models/rate-meter';
import { append, handle, range } from './wire';

const xs = (rows: Record<string, unknown>[]) => rows.map(row => row.x);

describe('PendingChanges', () => {
  it('folds several changes into one net changeset', () => {
    const buffer = new DatasetBuffer('d');
    const pending = new PendingChanges(() => buffer.rows());
    buffer.apply(append('d', range(0, 4), { window: 4 }));
    pending.take(); // drawn
    for (const batch of [range(4, 6), range(6, 8)]) {
      pending.add(buffer.apply(append('d', batch, { window: 4 })), buffer.size);
    }
    const net = pending.take();
    assert.equal(net.reset, false);
    assert.deepEqual(xs(net.remove), [0, 1, 2, 3]);
    assert.deepEqual(xs(net.insert), [4, 5, 6, 7]);
    assert.equal(pending.dirty, false);
  });

  it('drops rows inserted and removed between two draws', () => {
    const buffer = new DatasetBuffer('d');
    const pending = new PendingChanges(() => buffer.rows());
    pending.add(buffer.apply(append('d', [1, 2], { window: 2 })), buffer.size);
    pending.add(buffer.apply(append('d', [3, 4], { window: 2 })), buffer.size);
    const net = pending.take();
    assert.deepEqual(xs(net.remove), []);
    assert.deepEqual(xs(net.insert), [3, 4]);
  });

  it('stays as small as the dataset over a long pause', () => {
    const buffer = new DatasetBuffer('d');
    const pending = new PendingChanges(() => buffer.rows());
    buffer.apply(append('d', range(0, 50), { window: 50 }));
    for (let i = 5; i < 500; i++) {
      pending.add(
        buffer.apply(append('d', range(i * 10, i * 10 + 10), { window: 50 })),
        buffer.size
      );
    }
    const net = pending.take();
    assert.equal(net.reset, false);
    assert.deepEqual(xs(net.remove), range(0, 50), 'only rows the view shows are removed');
    assert.deepEqual(xs(net.insert), range(4950, 5000));
  });

  it('a reset while pending re-reads the whole dataset', () => {
    const buffer = new DatasetBuffer('d');
    const pending = new PendingChanges(() => buffer.rows());
    pending.add(buffer.apply(append('d', [1, 2])), buffer.size);
    pending.add(buffer.apply(append('d', [3], { reset: true })), buffer.size);
    pending.add(buffer.apply(append('d', [4])), buffer.size);
    const net = pending.take();
    assert.equal(net.reset, true);
    assert.deepEqual(xs(net.insert), [3, 4]);
  });
});

describe('ChartModel', () => {
  it('applies updates, counts points and emits data changes', () => {
    const chart = new ChartModel('loss');
    const seen: string[] = [];
    chart.dataChanged.connect((_, { dataset }) => seen.push(dataset.name));
    chart.apply(
      { chart: 'loss', spec: { mark: 'line' }, datasets: [append('a', [1, 2]), append('b', [3])] },
      0
    );
    assert.deepEqual(seen, ['a', 'b']);
    assert.equal(chart.points, 3);
    assert.deepEqual(chart.spec, { mark: 'line' });
    chart.clear();
    assert.equal(chart.points, 0);
  });

  it('keeps buffering while paused', () => {
    const chart = new ChartModel('loss');
    let states = 0;
    chart.stateChanged.connect(() => states++);
    chart.paused = true;
    chart.apply({ chart: 'loss', datasets: [append('a', [1, 2])] }, 0);
    assert.equal(chart.points, 2);
    chart.paused = false;
    assert.equal(states, 2);
  });

  it('counts the updates with data it applied and their rate; clear resets only the rate', () => {
    const chart = new ChartModel('loss');
    chart.apply({ chart: 'loss', spec: { mark: 'line' }, datasets: [] }, 0);
    assert.equal(chart.updates, 0, 'a spec alone is no update of the data');
    for (let t = 0; t < 2000; t += 200) {
      chart.apply({ chart: 'loss', datasets: [append('a', [t])] }, t);
    }
    assert.equal(chart.updates, 10);
    assert.equal(chart.updateRate(1999), 5);
    chart.clear();
    assert.equal(chart.updateRate(1999), 0);
    assert.equal(chart.updates, 10);
  });

  it('dispose is idempotent and disconnects listeners', () => {
    const chart = new ChartModel('loss');
    let calls = 0;
    chart.dataChanged.connect(() => calls++);
    chart.dispose();
    chart.dispose();
    chart.apply({ chart: 'loss', datasets: [append('a', [1])] }, 0);
    assert.equal(calls, 0);
  });
});

describe('handle, rate', () => {
  it('validates handles', () => {
    assert.equal(parseHandle(handle('1', '')).title, '1');
    assert.throws(() => parseHandle({ ...handle('1', 'x'), version: 99 }), HandleError);
    assert.throws(() => parseHandle({ ...handle('1', 'x'), url: 'file:///etc' }), /http/);
  });

  it('measures rates over a sliding window', () => {
    const meter = new RateMeter(1000);
    for (let t = 0; t < 1000; t += 100) {
      meter.record(t);
    }
    assert.equal(meter.rate(999), 10);
    assert.equal(meter.rate(5000), 0);
  });
});
