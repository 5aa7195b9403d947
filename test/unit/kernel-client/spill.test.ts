/** History beyond the memory budget moves to a spill file and reads back exactly. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { SpillFolder } from '../../../kernel-client/src/worker/storage/spill-file.ts';
import { DatasetDecimator } from '../../../kernel-client/src/worker/decimation/dataset-decimator.ts';
import { bucketGrid } from '../../../kernel-client/src/worker/decimation/bucket-grid.ts';
import { selectRows } from '../../../kernel-client/src/worker/decimation/select-rows.ts';
import { numberFields, storeOf } from './decimation/stored-rows.ts';

test('spilled chunks read back exactly: values, runs, wire rows, decimation; the folder goes on removal', t => {
  const rows = Array.from({ length: 300_000 }, (_, i) => [i, Math.sin(i / 1000) * (i % 997)]);
  const { store, append } = storeOf(numberFields('x', 'y'), rows);
  const decimator = new DatasetDecimator(store, { x: 0, lineYs: [1], pointYs: [], series: [] });
  decimator.update();
  const before = store.heldBytes();
  let folderPath = '';
  const folder = new SpillFolder(path => (folderPath = path));
  t.after(() => folder.remove());
  let moved = 0;
  while (store.spillOldest(() => folder.file('data'))) {
    moved++;
  }
  assert.ok(moved > 0 && existsSync(folderPath), 'chunks moved to a file');
  assert.ok(store.spilledBytes() >= (300_000 - 65_536) * 16, 'all but the chunk being written');
  assert.ok(store.heldBytes() <= before, `${store.heldBytes()} bytes held, ${before} before`);
  for (const row of [0, 1, 4095, 4096, 150_001, 299_999]) {
    assert.equal(store.valueAt(row, 1), rows[row][1], `row ${row}`);
  }
  let count = 0;
  let first = -1;
  store.forEachRun(100, 250_000, (values, offset, row, n) => {
    if (first === -1) first = row;
    for (let i = 0; i < n; i++) {
      assert.equal(values[(offset + i) * 2], rows[row + i][0]);
    }
    count += n;
  });
  assert.deepEqual([first, count], [100, 249_900]);
  const wire = store.read(70_000, 70_010);
  assert.deepEqual(
    Array.from(wire.columns.y.data as Float64Array),
    rows.slice(70_000, 70_010).map(r => r[1])
  );
  // Rows arriving after the spill, and the decimation over both.
  append(Array.from({ length: 10_000 }, (_, i) => [300_000 + i, -5000]));
  decimator.update();
  const grid = bucketGrid(
    {
      chart: 'c',
      x: { type: 'linear', domain: [0, 310_000], range: [0, 400] },
      y: null,
      zoomed: false
    },
    [0, 309_999],
    null
  );
  const selected = selectRows(decimator, grid).rows;
  const ys = selected.map(row => store.valueAt(row, 1));
  const highest = rows.reduce((high, row) => Math.max(high, row[1]), -Infinity);
  assert.equal(Math.min(...ys), -5000);
  assert.equal(Math.max(...ys), highest);
  folder.remove();
  assert.equal(existsSync(folderPath), false, 'the folder is gone');
});
