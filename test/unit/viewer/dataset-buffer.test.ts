import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DatasetBuffer, wireRowsToTuples } from '../../../src/viewer/models/dataset-buffer';
import { unpackRowsAnswer } from 'async-plotter/protocol';
import { append, decimated, range, replace, wireRows } from './wire';

const xs = (rows: Record<string, unknown>[]) => rows.map(row => row.x);

describe('wireRowsToTuples', () => {
  it('reads binary numbers, strings, and turns NaN and Infinity into gaps', () => {
    const rows = wireRows({
      x: [1, NaN, Infinity, -Infinity, 5],
      label: ['a', null, 'c', 'd', 'e']
    });
    assert.deepEqual(wireRowsToTuples(rows), [
      { x: 1, label: 'a' },
      { x: null, label: null },
      { x: null, label: 'c' },
      { x: null, label: 'd' },
      { x: 5, label: 'e' }
    ]);
  });

  it('reads numbers packed in a Node Buffer at an odd offset (what socket.io delivers in Node)', () => {
    const bytes = Buffer.alloc(8 * 3 + 3);
    const view = new DataView(bytes.buffer, bytes.byteOffset + 3, 24);
    view.setFloat64(0, 7, true);
    view.setFloat64(8, 1.5, true);
    view.setFloat64(16, -2, true);
    const answer = unpackRowsAnswer({
      rows: { length: 2, columns: { x: { type: 'number', at: 8 } } },
      from: 0,
      firstKept: 0,
      total: 2,
      numbers: bytes.subarray(3)
    });
    assert.ok('rows' in answer);
    assert.deepEqual(wireRowsToTuples(answer.rows), [{ x: 1.5 }, { x: -2 }]);
  });
});

describe('DatasetBuffer', () => {
  it('appends rows and drops the oldest beyond the window', () => {
    const buffer = new DatasetBuffer('points');
    buffer.apply(append('points', range(0, 5), { reset: true, window: 8, total: 5 }));
    const change = buffer.apply(append('points', range(5, 10), { window: 8, total: 10 }));
    assert.equal(buffer.size, 8);
    assert.deepEqual(xs(buffer.rows()), range(2, 10));
    assert.deepEqual(xs(change.removed), [0, 1]);
    assert.deepEqual(xs(change.inserted), range(5, 10));
    assert.equal(buffer.total, 10);
  });

  it('never reports rows inserted and trimmed by the same update', () => {
    const buffer = new DatasetBuffer('points');
    buffer.apply(append('points', range(0, 3), { window: 4 }));
    const change = buffer.apply(append('points', range(3, 10), { window: 4 }));
    assert.deepEqual(xs(buffer.rows()), [6, 7, 8, 9]);
    assert.deepEqual(xs(change.removed), [0, 1, 2]);
    assert.deepEqual(xs(change.inserted), [6, 7, 8, 9]);
  });

  it('keeps the rows removed from a view as the same objects the view was given', () => {
    const buffer = new DatasetBuffer('points');
    const first = buffer.apply(append('points', [1, 2], { window: 2 }));
    const second = buffer.apply(append('points', [3], { window: 2 }));
    assert.equal(second.removed[0], first.inserted[0]);
  });

  it('drops everything on reset', () => {
    const buffer = new DatasetBuffer('points');
    buffer.apply(append('points', range(0, 5)));
    const change = buffer.apply(append('points', [7], { reset: true, total: 1 }));
    assert.equal(change.reset, true);
    assert.deepEqual(xs(buffer.rows()), [7]);
  });

  it('replaces the whole dataset in replace mode', () => {
    const buffer = new DatasetBuffer('hist');
    buffer.apply(replace('hist', [1, 2, 3]));
    const change = buffer.apply(replace('hist', [4], 2));
    assert.equal(change.reset, true);
    assert.deepEqual(xs(buffer.rows()), [4]);
  });

  it('keeps at most its row limit of a dataset sent whole, and says so', () => {
    const buffer = new DatasetBuffer('points', 3);
    buffer.apply({ ...append('points', range(0, 10), { total: 10 }), undecimated: 'a bar mark' });
    assert.deepEqual(xs(buffer.rows()), [7, 8, 9]);
    assert.deepEqual(buffer.shape, { kind: 'limited', rows: 3, of: 10, reason: 'a bar mark' });
    const within = new DatasetBuffer('points', 3);
    within.apply(append('points', range(0, 2), { total: 2 }));
    assert.deepEqual(within.shape, { kind: 'all', rows: 2, reason: null });
  });

  it('decimated: keeps the prefix the server says, replaces the rest, stands for every row', () => {
    const buffer = new DatasetBuffer('points', 3);
    buffer.apply(decimated('points', [0, 5, 9, 12, 20], { kept: 1000 }));
    assert.equal(buffer.size, 5, 'the row limit is for rows sent whole, not decimated ones');
    const change = buffer.apply(decimated('points', [20, 25, 31], { keep: 4, kept: 1500 }));
    assert.deepEqual(xs(buffer.rows()), [0, 5, 9, 12, 20, 25, 31]);
    assert.deepEqual(xs(change.removed), [20]);
    assert.deepEqual(xs(change.inserted), [20, 25, 31]);
    assert.equal(change.reset, false);
    assert.equal(buffer.represented, 1500);
    assert.deepEqual(buffer.shape, { kind: 'decimated', rows: 7, of: 1500 });
    const again = buffer.apply(decimated('points', [1, 2], { keep: 0, kept: 1500 }));
    assert.equal(again.reset, true, 'keep 0 starts over (a new zoom or grid)');
    assert.deepEqual(xs(buffer.rows()), [1, 2]);
    const whole = buffer.apply({
      ...append('points', [3, 4], { reset: true, total: 2 }),
      undecimated: 'x values out of order'
    });
    assert.equal(whole.reset, true, 'back to every row: starts over');
    assert.deepEqual(buffer.shape, { kind: 'all', rows: 2, reason: 'x values out of order' });
  });

  it('stays bounded over a long stream with a fixed window', () => {
    const buffer = new DatasetBuffer('points');
    for (let i = 0; i < 2000; i++) {
      buffer.apply(append('points', range(i * 10, i * 10 + 10), { window: 100 }));
    }
    assert.equal(buffer.size, 100);
    assert.deepEqual(xs(buffer.rows()), range(19900, 20000));
  });

  it('clears and remembers the wire fields', () => {
    const buffer = new DatasetBuffer('points');
    buffer.apply(append('points', [1, 2]));
    assert.deepEqual(buffer.fields, ['x', 'y']);
    assert.equal(buffer.clear().reset, true);
    assert.equal(buffer.size, 0);
  });
});
