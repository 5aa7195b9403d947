/**
 * DecimatedFeed while a chart streams: the viewer fits its x domain to the rows at every draw,
 * so its pixel columns move each frame. The feed then decimates on the stable grid
 * (stream-grid.ts): each frame carries only the newest cells, every column's extremes stay
 * within one pixel column, and once rows stop for REST_MS the pixel-aligned picture returns.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChartViewport, NumberColumn } from '../../../../kernel-client/src/protocol.ts';
import { DatasetDecimator } from '../../../../kernel-client/src/worker/decimation/dataset-decimator.ts';
import {
  DecimatedFeed,
  REST_MS
} from '../../../../kernel-client/src/worker/decimation/decimated-feed.ts';
import { numberFields, random, storeOf } from './stored-rows.ts';

const SIZE = { width: 800, height: 180 };

const fitted = (lo: number, hi: number): ChartViewport => ({
  chart: 'c',
  x: { type: 'linear', domain: [lo, hi], range: [0, SIZE.width] },
  y: null,
  zoomed: false
});

function rowsFrom(start: number, count: number, next: () => number): number[][] {
  return Array.from({ length: count }, (_, i) => [start + i, Math.sin((start + i) / 300) + next()]);
}

/** The viewer's side: the rows it holds after each update. */
class Holder {
  rows: number[][] = [];
  apply(update: ReturnType<DecimatedFeed['next']>): void {
    if (update === null) {
      return;
    }
    const x = (update.rows.columns.x as NumberColumn).data;
    const y = (update.rows.columns.y as NumberColumn).data;
    const fresh = Array.from({ length: update.rows.length }, (_, i) => [x[i], y[i]]);
    this.rows = [...this.rows.slice(0, update.keep), ...fresh];
  }
}

const column = (x: number, lo: number, hi: number) =>
  Math.min(SIZE.width - 1, Math.floor(((x - lo) / (hi - lo)) * SIZE.width));

test('while rows stream in, each frame sends only the newest cells, not the whole picture again', () => {
  const next = random(7);
  const all = rowsFrom(0, 50_000, next);
  const { store, append } = storeOf(numberFields('x', 'y'), all);
  const decimator = new DatasetDecimator(store, { x: 0, lineYs: [1], pointYs: [], series: [] });
  const feed = new DecimatedFeed();
  const holder = new Holder();
  decimator.update();
  let now = 1000;
  holder.apply(feed.next(decimator, fitted(0, all.length - 1), SIZE, 0, now));
  const sizes: number[] = [];
  const resets: number[] = [];
  for (let frame = 0; frame < 40; frame++) {
    const more = rowsFrom(all.length, 500, next);
    all.push(...more);
    append(more);
    decimator.update();
    now += 33;
    // The viewer drew the rows it had: its domain fits them and lags the newest rows.
    const drawn = holder.rows.at(-1)?.[0] ?? 0;
    const update = feed.next(decimator, fitted(0, drawn), SIZE, 0, now);
    assert.ok(update !== null, `frame ${frame}: new rows, an update`);
    if (update.keep === 0) {
      resets.push(frame);
    }
    sizes.push(update.rows.length);
    holder.apply(update);
  }
  // The extent grew from 50,000 to 70,000 rows: the cells doubled at most once.
  assert.ok(resets.length <= 1, `whole pictures sent at frames ${resets.join(', ')}`);
  const incremental = sizes.filter((_, frame) => !resets.includes(frame));
  // 500 new rows span about 8 cells of 64 rows: 4 rows each, and the last cell sent again.
  assert.ok(
    Math.max(...incremental) <= 100,
    `rows per incremental frame: ${Math.max(...incremental)} (the whole picture: ${holder.rows.length})`
  );
  // What the viewer holds draws every column's extremes within one pixel column.
  const [lo, hi] = [0, all.length - 1];
  const held = new Map<number, number[]>();
  for (const [x, y] of holder.rows) {
    const c = column(x, lo, hi);
    held.set(c, [...(held.get(c) ?? []), y]);
  }
  const truth = new Map<number, number[]>();
  for (const [x, y] of all) {
    const c = column(x, lo, hi);
    truth.set(c, [...(truth.get(c) ?? []), y]);
  }
  for (const [c, ys] of truth) {
    const near = [c - 1, c, c + 1].flatMap(k => held.get(k) ?? []);
    assert.ok(Math.max(...near) >= Math.max(...ys), `column ${c}: its highest row is drawn`);
    assert.ok(Math.min(...near) <= Math.min(...ys), `column ${c}: its lowest row is drawn`);
  }
  assert.deepEqual(holder.rows[0], all[0], 'the first row');
  assert.deepEqual(holder.rows.at(-1), all.at(-1), 'the last row');
});

test('once rows stop for REST_MS, the viewer gets the exact picture of its pixel columns', () => {
  const next = random(11);
  const all = rowsFrom(0, 100_000, next);
  const { store } = storeOf(numberFields('x', 'y'), all);
  const decimator = new DatasetDecimator(store, { x: 0, lineYs: [1], pointYs: [], series: [] });
  const feed = new DecimatedFeed();
  const holder = new Holder();
  decimator.update();
  const viewport = fitted(0, all.length - 1);
  holder.apply(feed.next(decimator, viewport, SIZE, 0, 1000));
  assert.equal(
    feed.next(decimator, viewport, SIZE, 0, 1000 + REST_MS - 1),
    null,
    'still streaming'
  );
  const rest = feed.next(decimator, viewport, SIZE, 0, 1000 + REST_MS);
  assert.ok(rest !== null && rest.keep === 0, 'at rest: the whole picture, on the pixel grid');
  holder.apply(rest);
  const perColumn = new Map<number, number>();
  for (const [x] of holder.rows) {
    const c = column(x, 0, all.length - 1);
    perColumn.set(c, (perColumn.get(c) ?? 0) + 1);
  }
  assert.ok(Math.max(...perColumn.values()) <= 4, 'at most 4 rows per pixel column');
  assert.equal(perColumn.size, SIZE.width, 'every column');
  assert.equal(feed.next(decimator, viewport, SIZE, 0, 1000 + 2 * REST_MS), null, 'then nothing');
});

test('a zoomed viewer is never on the streaming grid', () => {
  const all = rowsFrom(0, 20_000, random(3));
  const { store } = storeOf(numberFields('x', 'y'), all);
  const decimator = new DatasetDecimator(store, { x: 0, lineYs: [1], pointYs: [], series: [] });
  decimator.update();
  const feed = new DecimatedFeed();
  const holder = new Holder();
  const zoomed: ChartViewport = { ...fitted(1000, 1400), zoomed: true };
  holder.apply(feed.next(decimator, zoomed, SIZE, 0, 1000));
  const inside = holder.rows.filter(([x]) => x >= 1000 && x < 1400);
  assert.equal(inside.length, 400, 'every row of the zoomed domain, while rows just arrived');
});
