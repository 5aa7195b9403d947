// The viewer's models fed what a buggy or hostile plot server sends (fast-check): nothing
// throws, a malformed chart update costs that chart its update (the chart says why, its data
// stays as it was), other charts go on, and what is held stays within its bounds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Frame, Snapshot } from 'async-plotter/protocol';
import { PlotterModel } from '../../../src/viewer/models/plotter-model';
import { MAX_CHARTS } from '../../../src/viewer/models/wire-check';
import { breakage, breakDataset, goodDataset } from './hostile-arbitraries';

const handle = {
  version: 1,
  id: 'h',
  title: 'rogue',
  url: 'http://127.0.0.1:1',
  token: 't',
  rate: 30,
  inline: false
};
const info = { id: 'h', title: 'rogue', rate: 30, stopped: false };

function snapshot(charts: unknown[]): Snapshot {
  return { plotter: info, charts } as unknown as Snapshot;
}

function frame(charts: unknown[]): Frame {
  return { seq: 1, charts } as unknown as Frame;
}

/** Every row held is an object whose fields have the kinds the columns declared. */
function assertRowsSound(model: PlotterModel): void {
  for (const chart of model.charts.values()) {
    for (const dataset of chart.datasets.values()) {
      const rows = dataset.rows();
      assert.equal(rows.length, dataset.size);
      assert.ok(Number.isSafeInteger(dataset.size) && dataset.size >= 0);
      if (dataset.window !== null && dataset.mode === 'append') {
        assert.ok(dataset.size <= dataset.window, 'a window is kept');
      }
      for (const row of rows) {
        assert.ok(row.x === null || typeof row.x === 'number');
        assert.ok(row.s === undefined || row.s === null || typeof row.s === 'string');
        assert.ok(row.b === undefined || row.b === null || typeof row.b === 'boolean');
      }
    }
  }
}

describe('models fed a hostile plot server', () => {
  it('a broken dataset update is refused with a reason; the chart keeps its rows, others go on', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'append' | 'decimated' | 'replace'>('append', 'decimated', 'replace'),
        breakage,
        (mode, how) => {
          const model = new PlotterModel('s', handle);
          model.applySnapshot(
            snapshot([
              { chart: 'hit', spec: { mark: 'line' }, datasets: [goodDataset('d', 10, mode)] },
              { chart: 'other', spec: { mark: 'line' }, datasets: [goodDataset('d', 5, 'append')] }
            ]),
            0
          );
          const before = model.charts.get('hit')?.datasets.get('d')?.rows();
          const broken = goodDataset('d', 20, mode, 4);
          breakDataset(broken, how);
          model.applyFrame(
            frame([
              { chart: 'hit', datasets: [broken] },
              { chart: 'other', datasets: [goodDataset('d', 3, 'append')] }
            ]),
            1
          );
          const hit = model.charts.get('hit');
          if (hit?.problem) {
            assert.deepEqual(
              hit.datasets.get('d')?.rows(),
              before,
              'the refused update changed nothing'
            );
          }
          assert.equal(model.charts.get('other')?.datasets.get('d')?.size, 8);
          assert.equal(model.charts.get('other')?.problem, null);
          assertRowsSound(model);
        }
      ),
      { numRuns: 400 }
    );
  });

  it('refuses each malformation the protocol can carry, in plain words', () => {
    const cases: [string, (update: Record<string, unknown>) => void][] = [
      [
        'unequal columns',
        u => ((u.rows as { columns: { s: { data: unknown[] } } }).columns.s.data.length = 3)
      ],
      ['negative length', u => ((u.rows as { length: number }).length = -5)],
      ['huge length', u => ((u.rows as { length: number }).length = 2 ** 40)],
      ['NaN length', u => ((u.rows as { length: number }).length = NaN)],
      [
        'wrong column type',
        u => ((u.rows as { columns: { x: { type: string } } }).columns.x.type = 'float')
      ],
      [
        'numbers as text',
        u => ((u.rows as { columns: { x: { data: unknown } } }).columns.x.data = 'AAAA')
      ],
      [
        'a number in a string column',
        u => ((u.rows as { columns: { s: { data: unknown[] } } }).columns.s.data[1] = 7)
      ],
      ['unknown mode', u => (u.mode = 'upsert')],
      ['negative keep', u => ((u.mode = 'decimated'), (u.keep = -3), (u.kept = 1))],
      ['absurd keep', u => ((u.mode = 'decimated'), (u.keep = 1e300), (u.kept = 1))],
      ['NaN total', u => (u.total = NaN)]
    ];
    for (const [name, breakIt] of cases) {
      const model = new PlotterModel('s', handle);
      const update = goodDataset('d', 8, 'append');
      breakIt(update);
      model.applySnapshot(snapshot([{ chart: 'c', datasets: [update] }]), 0);
      const problem = model.charts.get('c')?.problem;
      assert.ok(problem && /[a-z]/.test(problem), `${name}: refused with a reason (${problem})`);
      assert.equal(model.charts.get('c')?.datasets.size, 0, `${name}: nothing applied`);
    }
  });

  it('a decimated update keeping more rows than held keeps what is held', () => {
    const model = new PlotterModel('s', handle);
    model.applySnapshot(
      snapshot([{ chart: 'c', datasets: [goodDataset('d', 6, 'decimated')] }]),
      0
    );
    model.applyFrame(
      frame([{ chart: 'c', datasets: [goodDataset('d', 2, 'decimated', 1_000_000)] }]),
      1
    );
    assert.equal(model.charts.get('c')?.datasets.get('d')?.size, 8);
    assert.equal(model.charts.get('c')?.problem, null);
  });

  it('ten thousand charts: the first MAX_CHARTS are kept, the plotter says why not more', () => {
    const model = new PlotterModel('s', handle);
    const charts = Array.from({ length: 10_000 }, (_, k) => ({
      chart: `c${k}`,
      spec: { mark: 'point' },
      datasets: [goodDataset('d', 1, 'append')]
    }));
    model.applySnapshot(snapshot(charts), 0);
    assert.equal(model.charts.size, MAX_CHARTS);
    assert.equal(model.problem?.kind, 'invalid');
    assert.match(model.problem?.detail ?? '', /more than 200 charts/);
  });

  it('enormous, unreadable or non-object specs are refused for that chart', () => {
    const model = new PlotterModel('s', handle);
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let k = 0; k < 20_000; k++) {
      deep.a = {};
      deep = deep.a as Record<string, unknown>;
    }
    model.applySnapshot(
      snapshot([
        { chart: 'huge', spec: { mark: 'line', description: 'x'.repeat(2 << 20) }, datasets: [] },
        { chart: 'deep', spec: root, datasets: [] },
        { chart: 'text', spec: 'mark: line', datasets: [] },
        { chart: 'fine', spec: { mark: 'line' }, datasets: [] }
      ]),
      0
    );
    assert.match(model.charts.get('huge')?.problem ?? '', /characters long/);
    assert.match(model.charts.get('deep')?.problem ?? '', /cannot be read/);
    assert.match(model.charts.get('text')?.problem ?? '', /not an object/);
    assert.equal(model.charts.get('fine')?.problem, null);
    assert.equal(model.charts.get('huge')?.spec, null, 'a refused spec is never handed to Vega');
  });

  it('any sequence of snapshots and frames of any shape: nothing throws, everything held is sound', () => {
    const dataset = fc.oneof(
      fc
        .tuple(
          fc.constantFrom<'append' | 'decimated' | 'replace'>('append', 'decimated', 'replace'),
          fc.nat(30),
          fc.nat(40),
          fc.option(breakage, { nil: undefined })
        )
        .map(([mode, length, keep, how]) => {
          const update = goodDataset('d', length, mode, keep);
          if (how) {
            breakDataset(update, how);
          }
          return update as unknown;
        }),
      fc.anything({ maxDepth: 2 })
    );
    const chartUpdate = fc.oneof(
      fc.record({
        chart: fc.constantFrom('a', 'b', '__proto__', 'constructor'),
        spec: fc.option(fc.constant({ mark: 'line' }), { nil: undefined }),
        datasets: fc.array(dataset, { maxLength: 3 })
      }),
      fc.anything({ maxDepth: 2 })
    );
    const message = fc.record({
      kind: fc.constantFrom('snapshot', 'frame', 'frame', 'frame'),
      body: fc.oneof(
        { arbitrary: fc.array(chartUpdate, { maxLength: 4 }), weight: 5 },
        { arbitrary: fc.anything({ maxDepth: 1 }), weight: 1 }
      )
    });
    fc.assert(
      fc.property(fc.array(message, { maxLength: 12 }), messages => {
        const model = new PlotterModel('s', handle, 25);
        messages.forEach((m, k) => {
          const body = Array.isArray(m.body) ? { plotter: info, seq: k, charts: m.body } : m.body;
          if (m.kind === 'snapshot') {
            model.applySnapshot(body as Snapshot, k);
          } else {
            model.applyFrame(body as Frame, k);
          }
        });
        assert.ok(model.charts.size <= MAX_CHARTS);
        assertRowsSound(model);
      }),
      { numRuns: 500 }
    );
  });
});
