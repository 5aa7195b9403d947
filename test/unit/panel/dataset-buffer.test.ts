import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DatasetBuffer, wireRowsToTuples } from '../../../src/viewer/models/dataset-buffer';
import { append, range, replace, wireRows } from './wire';

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

  it('reads a Node Buffer at an odd offset (what socket.io delivers in Node)', () => {
    const bytes = Buffer.alloc(8 * 2 + 3);
    const view = new DataView(bytes.buffer, bytes.byteOffset + 3, 16);
    view.setFloat64(0, 1.5, true);
    view.setFloat64(8, -2, true);
    const rows = {
      length: 2,
      columns: { x: { type: 'number' as const, data: bytes.subarray(3) } }
    };
    assert.deepEqual(wireRowsToTuples(rows), [{ x: 1.5 }, { x: -2 }]);
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

  it('applies the fallback window when the server sends none', () => {
    const buffer = new DatasetBuffer('points', 3);
    buffer.apply(append('points', range(0, 10)));
    assert.deepEqual(xs(buffer.rows()), [7, 8, 9]);
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
