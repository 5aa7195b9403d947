import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChartViewport } from '../../../../kernel-client/src/protocol.ts';
import { bucketGrid } from '../../../../kernel-client/src/worker/decimation/bucket-grid.ts';
import { DatasetDecimator } from '../../../../kernel-client/src/worker/decimation/dataset-decimator.ts';
import { selectRows } from '../../../../kernel-client/src/worker/decimation/select-rows.ts';
import { numberFields, random, storeOf } from './stored-rows.ts';

const fitted = (lo: number, hi: number, width = 800): ChartViewport => ({
  chart: 'c',
  x: { type: 'linear', domain: [lo, hi], range: [0, width] },
  y: null,
  zoomed: false
});

/** Rows grouped by bucket, brute force; each group's first, last, min and max rows. */
function expectedPicks(rows: number[][], bucketOf: (x: number) => number, series = -1) {
  const groups = new Map<number, number[]>();
  rows.forEach((row, index) => {
    if (series >= 0 && row[2] !== series) return;
    const bucket = bucketOf(row[0]);
    groups.set(bucket, [...(groups.get(bucket) ?? []), index]);
  });
  return [...groups].map(([bucket, members]) => {
    const finite = members.filter(index => Number.isFinite(rows[index][1]));
    const ys = finite.map(index => rows[index][1]);
    return {
      bucket,
      members,
      first: members[0],
      last: members[members.length - 1],
      min: Math.min(...ys),
      max: Math.max(...ys),
      gaps: members.length - finite.length
    };
  });
}

function signal(n: number, seed: number, gapRate = 0): number[][] {
  const next = random(seed);
  let y = 0;
  return Array.from({ length: n }, (_, i) => {
    y += next() - 0.5;
    return [i * 0.5, next() < gapRate ? NaN : y];
  });
}

test('M4: every pixel column keeps its first, last, lowest and highest row, at most 4 without gaps', () => {
  const rows = signal(100_000, 1);
  const { store } = storeOf(numberFields('x', 'y'), rows);
  const decimator = new DatasetDecimator(store, { x: 0, lineYs: [1], pointYs: [], series: [] });
  decimator.update();
  const grid = bucketGrid(fitted(0, 50_000), [0, 49_999.5], null);
  const selection = selectRows(decimator, grid);
  const chosen = new Set(selection.rows);
  const groups = expectedPicks(rows, grid.bucketOf);
  assert.equal(groups.length, 800);
  for (const group of groups) {
    const picked = group.members.filter(index => chosen.has(index));
    assert.ok(
      picked.includes(group.first) && picked.includes(group.last),
      `bucket ${group.bucket} ends`
    );
    assert.ok(
      picked.some(index => rows[index][1] === group.min),
      `bucket ${group.bucket} min`
    );
    assert.ok(
      picked.some(index => rows[index][1] === group.max),
      `bucket ${group.bucket} max`
    );
    assert.ok(picked.length <= 4, `bucket ${group.bucket}: ${picked.length} rows`);
  }
  assert.equal(selection.rows.length, chosen.size, 'no row twice');
  const buckets = selection.rows.map(row => grid.bucketOf(rows[row][0]));
  assert.deepEqual(
    buckets,
    [...buckets].sort((a, b) => a - b),
    'grouped by bucket, in order'
  );
});

test('M4: gaps keep the row before, the gap and the row after; extremes stay exact', () => {
  const rows = signal(20_000, 2, 0.002);
  const { store } = storeOf(numberFields('x', 'y'), rows);
  const decimator = new DatasetDecimator(store, { x: 0, lineYs: [1], pointYs: [], series: [] });
  decimator.update();
  const grid = bucketGrid(fitted(0, 10_000, 400), [0, 9_999.5], null);
  const chosen = new Set(selectRows(decimator, grid).rows);
  for (let i = 0; i < rows.length; i++) {
    if (Number.isNaN(rows[i][1]) && !Number.isNaN(rows[i - 1]?.[1] ?? NaN)) {
      const sameBucket = (j: number) => grid.bucketOf(rows[j][0]) === grid.bucketOf(rows[i][0]);
      assert.ok(chosen.has(i), `gap at ${i}`);
      if (sameBucket(i - 1)) assert.ok(chosen.has(i - 1), `row before the gap at ${i}`);
    }
  }
  for (const group of expectedPicks(rows, grid.bucketOf)) {
    const picked = group.members.filter(index => chosen.has(index));
    assert.ok(picked.some(index => rows[index][1] === group.min));
    assert.ok(picked.some(index => rows[index][1] === group.max));
  }
});

test('M4 per series: each color keeps its own first, last, min and max per column', () => {
  const next = random(3);
  const rows = Array.from({ length: 30_000 }, (_, i) => [i, next() * 100, i % 3]);
  const { store } = storeOf(numberFields('x', 'y', 'run'), rows);
  const decimator = new DatasetDecimator(store, { x: 0, lineYs: [1], pointYs: [], series: [2] });
  decimator.update();
  const grid = bucketGrid(fitted(0, 30_000, 300), [0, 29_999], null);
  const selection = selectRows(decimator, grid);
  const chosen = new Set(selection.rows);
  for (const series of [0, 1, 2]) {
    for (const group of expectedPicks(rows, grid.bucketOf, series)) {
      const picked = group.members.filter(index => chosen.has(index));
      assert.ok(picked.includes(group.first) && picked.includes(group.last));
      assert.ok(picked.some(index => rows[index][1] === group.min));
      assert.ok(picked.some(index => rows[index][1] === group.max));
      assert.ok(picked.length <= 4);
    }
  }
  const buckets = selection.rows.map(row => grid.bucketOf(rows[row][0]));
  assert.deepEqual(
    buckets,
    [...buckets].sort((a, b) => a - b)
  );
});

test('incremental: rows appended only redo the last bucket, and match a selection from scratch', () => {
  const rows = signal(50_000, 4);
  const { store, append } = storeOf(numberFields('x', 'y'), rows.slice(0, 30_000));
  const decimator = new DatasetDecimator(store, { x: 0, lineYs: [1], pointYs: [], series: [] });
  decimator.update();
  const grid = bucketGrid(fitted(0, 25_000, 500), [0, 24_999.5], null);
  const first = selectRows(decimator, grid);
  append(rows.slice(30_000));
  decimator.update();
  const rest = selectRows(decimator, grid, first.lastBucket as number);
  const whole = selectRows(decimator, grid);
  assert.deepEqual(
    [...first.rows.slice(0, first.lastBucketStart), ...rest.rows],
    whole.rows,
    'kept prefix + the new tail = the whole selection'
  );
});

test('x out of order: the decimator says so (the rows are then sent whole)', () => {
  const { store } = storeOf(numberFields('x', 'y'), [
    [0, 1],
    [2, 1],
    [1, 1]
  ]);
  const decimator = new DatasetDecimator(store, { x: 0, lineYs: [1], pointYs: [], series: [] });
  decimator.update();
  assert.equal(decimator.reason, 'x values out of order');
});

test('a window: rows that left it are never selected', () => {
  const rows = signal(40_000, 5);
  const { store } = storeOf(numberFields('x', 'y'), rows, 10_000);
  const decimator = new DatasetDecimator(store, { x: 0, lineYs: [1], pointYs: [], series: [] });
  decimator.update();
  const selection = selectRows(
    decimator,
    bucketGrid(fitted(15_000, 20_000, 200), [15_000, 19_999.5], null)
  );
  assert.ok(selection.rows.length > 0);
  assert.ok(Math.min(...selection.rows) >= 30_000, `first row ${Math.min(...selection.rows)}`);
});

test('zoomed: fine columns inside the domain, the rows either side exact, coarse extremes outside', () => {
  const rows = signal(100_000, 6);
  const { store } = storeOf(numberFields('x', 'y'), rows);
  const decimator = new DatasetDecimator(store, { x: 0, lineYs: [1], pointYs: [], series: [] });
  decimator.update();
  const viewport: ChartViewport = { ...fitted(10_000, 10_100, 400), zoomed: true };
  const grid = bucketGrid(viewport, [0, 49_999.5], null);
  const chosen = selectRows(decimator, grid).rows;
  const inside = rows
    .map((row, i) => [row, i] as const)
    .filter(([row]) => row[0] >= 10_000 && row[0] < 10_100);
  for (const [, index] of inside) {
    assert.ok(chosen.includes(index), `row ${index} inside a zoom of 200 rows on 400 px`);
  }
  assert.ok(chosen.includes(inside[0][1] - 1), 'the last row before the domain');
  assert.ok(chosen.includes(inside[inside.length - 1][1] + 1), 'the first row after it');
  const ys = rows.map(row => row[1]);
  const chosenYs = chosen.map(index => rows[index][1]);
  assert.equal(
    Math.min(...chosenYs),
    ys.reduce((a, b) => Math.min(a, b)),
    'global minimum kept'
  );
  assert.equal(
    Math.max(...chosenYs),
    ys.reduce((a, b) => Math.max(a, b)),
    'global maximum kept'
  );
  assert.ok(chosen.length < 1000, `${chosen.length} rows`);
});

test('points: one row per occupied pixel cell, every occupied cell kept', () => {
  const next = random(8);
  const rows = Array.from({ length: 60_000 }, (_, i) => [
    i,
    Math.floor(next() * 50) + next() * 0.5
  ]);
  const { store } = storeOf(numberFields('x', 'y'), rows);
  const decimator = new DatasetDecimator(store, { x: 0, lineYs: [], pointYs: [1], series: [] });
  decimator.update();
  const viewport: ChartViewport = {
    ...fitted(0, 60_000, 200),
    y: { type: 'linear', domain: [0, 50], range: [100, 0] }
  };
  const grid = bucketGrid(viewport, [0, 59_999], viewport.y);
  const cellOf = grid.cellOf as (y: number) => number;
  const key = (row: number[]) => `${grid.bucketOf(row[0])}:${cellOf(row[1])}`;
  const occupied = new Set(rows.map(key));
  const chosen = selectRows(decimator, grid).rows.map(index => rows[index]);
  const cells = new Map<string, number>();
  for (const row of chosen) {
    cells.set(key(row), (cells.get(key(row)) ?? 0) + 1);
  }
  assert.equal(cells.size, occupied.size, 'every occupied cell has a row');
  const extra = [...cells.values()].filter(count => count > 1).length;
  // The column's first, last, lowest and highest rows may share a cell with a point's row.
  assert.ok(
    chosen.length <= occupied.size + 4 * 200,
    `${chosen.length} rows for ${occupied.size} cells (${extra} shared)`
  );
});
