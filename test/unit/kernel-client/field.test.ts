/**
 * Fields on the kernel side without a server: the builder's checks, the writer's checks and
 * its triple buffer read by the worker's store, the colour range, and the reduction of a state
 * to a viewer's pixels over the region its scales show.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { field } from '../../../kernel-client/src/field-builder';
import { readFieldMeta, type ChartViewport } from '../../../kernel-client/src/protocol';
import type { ToWorker } from '../../../kernel-client/src/messages';
import { FieldWriter } from '../../../kernel-client/src/recording/field-writer';
import { FieldStore } from '../../../kernel-client/src/worker/storage/field-store';
import { reduceField } from '../../../kernel-client/src/worker/decimation/field-reduction';
import { fieldWindow } from '../../../kernel-client/src/worker/decimation/field-region';
import { FieldFeed, displayRange } from '../../../kernel-client/src/worker/serving/field-update';

/** A writer and the worker's store, joined as the plotter joins them (messages in order). */
function pair(history = 0): { writer: FieldWriter; store: FieldStore; posted: ToWorker[] } {
  const store = new FieldStore(1, 'field', history);
  const posted: ToWorker[] = [];
  const writer = new FieldWriter('phi', 'field', 1, message => {
    posted.push(message);
    if (message.type === 'slots') {
      store.setState(message.state);
    } else if (message.type === 'slot') {
      store.addSlot(message.slot, message.serial, message.buffer);
    }
  });
  return { writer, store, posted };
}

function view(x: [number, number], y: [number, number], px: number, py: number): ChartViewport {
  return {
    chart: 'phi',
    x: { type: 'linear', domain: x, range: [0, px] },
    y: { type: 'linear', domain: y, range: [py, 0] },
    zoomed: false
  };
}

describe('field()', () => {
  it('is an ordinary Vega-Lite spec carrying what the server and viewer need', () => {
    const spec = field({ title: 'T', x: [-1, 1], y: [0, 2], reduce: 'max', range: 'running' });
    const meta = readFieldMeta(spec);
    assert.deepEqual(meta, {
      dataset: 'field',
      origin: 'upper',
      x: [-1, 1],
      y: [0, 2],
      reduce: 'max',
      range: 'running',
      log: false,
      history: 0
    });
    const encoding = spec.encoding as Record<string, { scale: Record<string, unknown> }>;
    assert.equal(encoding.color.scale.scheme, 'viridis');
    // Row 0 at the top: y grows downward.
    assert.equal(encoding.y.scale.reverse, true);
    assert.equal(field({ origin: 'lower' }).encoding !== undefined, true);
    const lower = field({ origin: 'lower' }).encoding as typeof encoding;
    assert.equal(lower.y.scale.reverse, undefined);
    const diverging = field({ diverging: true }).encoding as typeof encoding;
    assert.equal(diverging.color.scale.scheme, 'blueorange');
    assert.equal(diverging.color.scale.domainMid, 0);
  });

  it('refuses what Vega would not draw, naming the option', () => {
    assert.throws(
      () => field({ title: 'T', scheme: 'rainbowz' }),
      /field\("T"\): Vega knows no colour scheme "rainbowz"/
    );
    assert.throws(() => field({ x: [1, 1] }), /x must be \[first edge, last edge\]/);
    assert.throws(
      () => field({ range: [2, 1] }),
      /range must be 'state', 'running' or \[least, greatest\]/
    );
    assert.throws(
      () => field({ log: true, range: [0, 1] }),
      /a log scale needs a range above zero/
    );
    assert.throws(
      () => field({ reduce: 'median' as never }),
      /reduce must be 'mean' or 'max', got median/
    );
  });
});

describe('FieldWriter and FieldStore', () => {
  it('hands the newest state to the worker; superseded ones are never seen', () => {
    const { writer, store } = pair();
    writer.replace({ width: 2, height: 1, values: [1, 2] });
    writer.replace({ width: 3, height: 1, values: new Float64Array([4, 5, 6]) });
    assert.equal(store.poll(), true);
    assert.deepEqual([...(store.latest?.values ?? [])], [4, 5, 6]);
    assert.equal(store.latest?.version, 2);
    assert.equal(store.poll(), false);
    writer.replace({ width: 1, height: 2, values: new Float32Array([7, NaN]) });
    assert.equal(store.poll(), true);
    assert.deepEqual(store.stateStats(), { min: 7, max: 7, minPositive: 7 });
    assert.deepEqual(store.runningStats(), { min: 7, max: 7, minPositive: 7 });
  });

  it('allocates nothing once the slots are large enough', () => {
    const { writer, store, posted } = pair();
    const values = new Float32Array(64 * 64);
    for (let i = 0; i < 10; i++) {
      writer.replace({ width: 64, height: 64, values });
      store.poll();
    }
    // The state word, then one buffer for each of the three slots.
    assert.deepEqual(
      posted.map(message => message.type),
      ['slots', 'slot', 'slot', 'slot']
    );
  });

  it('refuses bad states at the call site, naming chart and dataset', () => {
    const { writer, store } = pair();
    const where = /chart "phi", dataset "field": /;
    const cases: [unknown, RegExp][] = [
      [
        { width: 2, height: 2, values: [1, 2, 3] },
        /values has 3 numbers; width x height is 2 x 2 = 4/
      ],
      [{ width: 0, height: 2, values: [] }, /width must be a whole number of cells from 1 to/],
      [{ width: 2, height: -1, values: [] }, /height must be a whole number/],
      [{ width: 1.5, height: 2, values: [1, 2, 3] }, /width must be a whole number/],
      [
        { width: 1e6, height: 1e6, values: [] },
        /1000000 x 1000000 is 1000000000000 cells, more than/
      ],
      [
        { width: 2, height: 1, values: 'ab' },
        /values must be a Float32Array, a Float64Array or an array/
      ],
      [[1, 2], /a field's replace\(\) takes \{ width, height, values \}, got an array/]
    ];
    for (const [state, pattern] of cases) {
      assert.throws(
        () => writer.replace(state),
        (error: Error) => {
          assert.equal(error.name, 'PlotInputError');
          assert.match(error.message, where);
          assert.match(error.message, pattern);
          return true;
        }
      );
    }
    // Nothing was published.
    assert.equal(store.poll(), false);
  });
});

describe('reduceField', () => {
  const state = (width: number, height: number, values: number[]) => ({
    width,
    height,
    version: 1,
    values: Float32Array.from(values)
  });

  it('sends a state no larger than the pixels cell for cell', () => {
    const cells = reduceField(
      state(2, 2, [1, 2, 3, 4]),
      { col: 0, row: 0, cols: 2, rows: 2 },
      { cols: 10, rows: 10 },
      'mean'
    );
    assert.equal(cells.reduction, 'none');
    assert.deepEqual([...cells.values], [1, 2, 3, 4]);
  });

  it('takes the mean of the finite cells of each block, NaN where none is', () => {
    // 5 x 2 into 2 x 1 pixels: blocks of 3 x 2 (the last one cut to 2 x 2).
    const values = [1, 2, 3, NaN, Infinity, 4, 5, 6, NaN, NaN];
    const cells = reduceField(
      state(5, 2, values),
      { col: 0, row: 0, cols: 5, rows: 2 },
      { cols: 2, rows: 1 },
      'mean'
    );
    assert.deepEqual(cells.block, [3, 2]);
    assert.deepEqual(cells.grid, { cols: 2, rows: 1 });
    assert.deepEqual([...cells.values], [(1 + 2 + 3 + 4 + 5 + 6) / 6, NaN]);
  });

  it('keeps a single hot cell with max, where the mean would wash it out', () => {
    const width = 64;
    const values = new Array<number>(width * width).fill(0);
    values[37 * width + 21] = 100;
    const region = { col: 0, row: 0, cols: width, rows: width };
    const max = reduceField(state(width, width, values), region, { cols: 8, rows: 8 }, 'max');
    assert.deepEqual(max.block, [8, 8]);
    const hot = [...max.values].findIndex(value => value === 100);
    assert.deepEqual([Math.floor(hot / 8), hot % 8], [Math.floor(37 / 8), Math.floor(21 / 8)]);
    const mean = reduceField(state(width, width, values), region, { cols: 8, rows: 8 }, 'mean');
    assert.equal(Math.max(...mean.values), 100 / 64);
  });

  it('reduces only the region a zoom shows, finer than the whole', () => {
    const width = 1000;
    const values = Array.from({ length: width * 10 }, (_, i) => i % width);
    const whole = fieldWindow(
      readFieldMeta(field())!,
      width,
      10,
      view([0, 1000], [0, 10], 100, 10),
      null
    );
    assert.deepEqual(whole.region, { col: 0, row: 0, cols: 1000, rows: 10 });
    const zoomed = fieldWindow(
      readFieldMeta(field())!,
      width,
      10,
      view([100.5, 199.5], [0, 10], 100, 10),
      null
    );
    assert.deepEqual(zoomed.region, { col: 100, row: 0, cols: 100, rows: 10 });
    const cells = reduceField(state(width, 10, values), zoomed.region, zoomed.pixels, 'mean');
    assert.equal(cells.reduction, 'none');
    assert.equal(cells.values[0], 100);
  });

  it('follows the extent in data units, either direction', () => {
    const meta = readFieldMeta(field({ x: [10, 0], y: [0, 1] }))!;
    const window = fieldWindow(meta, 100, 10, view([2, 3], [0, 1], 50, 10), null);
    // x = 10 at column 0's left edge, 0 at column 99's right edge: x in [2, 3] is columns 70-80.
    assert.deepEqual([window.region.col, window.region.cols], [70, 10]);
    assert.equal(Math.round(window.pixels.cols), 50);
  });
});

describe('FieldFeed', () => {
  it('rounds a range found in the data outward to three digits, so the colour bar moves only visibly', () => {
    assert.deepEqual(displayRange(-0.99998, 0.99997, false), [-1, 1]);
    assert.deepEqual(displayRange(-3.14159, 2.71828, false), [-3.142, 2.719]);
    assert.deepEqual(displayRange(0, 63, false), [0, 63]);
    assert.deepEqual(displayRange(0.0123456, 987.65, true), [0.0123, 988]);
    assert.deepEqual(displayRange(5, 5, false), [5, 5]);
    // Two states whose extremes differ in the fifth digit give one colour bar.
    const { writer, store } = pair();
    const feed = new FieldFeed();
    const spec = field();
    writer.replace({ width: 2, height: 1, values: [-0.99991, 0.99992] });
    store.poll();
    const first = feed.next(spec, store, null, null, false);
    writer.replace({ width: 2, height: 1, values: [-0.99995, 0.99993] });
    store.poll();
    const second = feed.next(spec, store, null, null, false);
    assert.deepEqual(first?.raster?.range, [-1, 1]);
    assert.deepEqual(second?.raster?.range, [-1, 1]);
    assert.deepEqual(first?.rows, second?.rows);
  });

  it('sends a state once per version and region, with its colour range and corners', () => {
    const { writer, store } = pair();
    const spec = field({ x: [0, 4] });
    const feed = new FieldFeed();
    writer.replace({ width: 4, height: 2, values: [1, 2, 3, 4, 5, 6, 7, -Infinity] });
    store.poll();
    const first = feed.next(spec, store, null, { width: 2, height: 2 }, false);
    assert.equal(first?.raster?.reduction, 'mean');
    assert.deepEqual(first?.raster?.range, [1, 7]);
    assert.deepEqual([...(first?.rows.columns.value as { data: Float64Array }).data], [1, 7]);
    assert.deepEqual([...(first?.rows.columns.x as { data: Float64Array }).data], [0, 4]);
    assert.equal(feed.next(spec, store, null, { width: 2, height: 2 }, false), null);
    assert.notEqual(feed.next(spec, store, view([0, 2], [0, 2], 2, 2), null, false), null);
  });

  it('keeps the running range over the states it saw, and a fixed one as given', () => {
    const { writer, store } = pair();
    const feed = new FieldFeed();
    const running = field({ range: 'running' });
    writer.replace({ width: 1, height: 2, values: [0, 10] });
    store.poll();
    feed.next(running, store, null, null, false);
    writer.replace({ width: 1, height: 2, values: [2, 3] });
    store.poll();
    assert.deepEqual(feed.next(running, store, null, null, false)?.raster?.range, [0, 10]);
    assert.deepEqual(
      new FieldFeed().next(field({ range: [-1, 1] }), store, null, null, false)?.raster?.range,
      [-1, 1]
    );
    assert.deepEqual(
      new FieldFeed().next(field({ log: true }), store, null, null, false)?.raster?.range,
      [2, 3]
    );
  });
});

describe('a field that keeps a history', () => {
  it('refuses a history that is not a whole number of states', () => {
    assert.equal(readFieldMeta(field({ history: 20 }))?.history, 20);
    assert.equal(readFieldMeta(field())?.history, 0);
    for (const bad of [-1, 2.5, 1e9, '10']) {
      assert.throws(
        () => field({ title: 'T', history: bad as number }),
        /field\("T"\): history must be a whole number of states from 0 to 100000, got/
      );
    }
  });

  it('keeps copies of the last states taken, oldest first, reusing the oldest memory', () => {
    const { writer, store } = pair(3);
    for (let step = 1; step <= 5; step++) {
      writer.replace({ width: 2, height: 1, values: [step, -step] });
      store.poll();
    }
    const history = store.history;
    assert.ok(history !== null);
    assert.deepEqual(history.versions(), [3, 4, 5]);
    assert.equal(history.heldBytes(), 3 * 2 * 4);
    // Each kept state is its own copy, not the triple buffer's slot the writer writes again.
    assert.deepEqual([...(store.shown(3)?.values ?? [])], [3, -3]);
    assert.deepEqual([...(store.shown(4)?.values ?? [])], [4, -4]);
    // A state no longer kept: the first kept after it; none asked: the newest.
    assert.equal(store.shown(1)?.version, 3);
    assert.equal(store.shown(undefined)?.version, 5);
    // A state of another size takes new memory; the history follows the new size.
    writer.replace({ width: 1, height: 1, values: [9] });
    store.poll();
    assert.deepEqual(history.versions(), [4, 5, 6]);
    assert.equal(history.heldBytes(), 2 * 8 + 4);
  });

  it('gives the memory budget its oldest states, keeping the newest, and says so', () => {
    const { writer, store } = pair(4);
    for (let step = 1; step <= 4; step++) {
      writer.replace({ width: 2, height: 2, values: [step, step, step, step] });
      store.poll();
    }
    const history = store.history;
    assert.ok(history !== null);
    assert.equal(history.budgetLimited, false);
    assert.equal(history.dropOldest(), true);
    assert.equal(history.dropOldest(), true);
    assert.equal(history.dropOldest(), true);
    assert.equal(history.dropOldest(), false);
    assert.deepEqual(history.versions(), [4]);
    assert.equal(history.budgetLimited, true);
    const answer = new FieldFeed().next(field({ history: 4 }), store, null, null, false);
    assert.deepEqual(answer?.raster?.history, {
      versions: [4],
      shown: 4,
      live: true,
      wanted: 4,
      budgetLimited: true
    });
  });

  it('sends the state a viewer pinned with its slider, with its own colour range, while new ones arrive', () => {
    const { writer, store } = pair(10);
    const spec = field({ history: 10 });
    const feed = new FieldFeed();
    for (let step = 1; step <= 3; step++) {
      writer.replace({ width: 1, height: 2, values: [0, step * 10] });
      store.poll();
    }
    const live = feed.next(spec, store, null, null, false);
    assert.equal(live?.version, 3);
    assert.deepEqual(live?.raster?.history?.versions, [1, 2, 3]);
    assert.equal(live?.raster?.history?.live, true);
    const pinned = { ...view([0, 1], [0, 2], 1, 2), step: 1 };
    const earlier = feed.next(spec, store, pinned, null, false);
    assert.equal(earlier?.version, 1);
    assert.deepEqual([...(earlier?.raster?.values ?? [])], [0, 10]);
    assert.deepEqual(earlier?.raster?.range, [0, 10]);
    assert.equal(earlier?.raster?.history?.live, false);
    assert.equal(feed.next(spec, store, pinned, null, false), null);
    // A new state: the pinned one again (same cells), with the longer list for the slider.
    writer.replace({ width: 1, height: 2, values: [0, 40] });
    store.poll();
    const still = feed.next(spec, store, pinned, null, false);
    assert.equal(still?.version, 1);
    assert.deepEqual(still?.raster?.history?.versions, [1, 2, 3, 4]);
  });
});
