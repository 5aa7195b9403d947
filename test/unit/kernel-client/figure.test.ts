// The figure form both ends write: rows kept as columns that a flatten turns back into rows,
// numbers to 1e-7 of their column's range, field names with dots, every renderer's Vega-Lite.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile } from 'vega-lite';
import { View, parse } from 'vega';
import { columnsOf, figureRows, stackFigure } from '../../../kernel-client/src/figure.ts';

test('columns hold every row: missing fields null, strings and booleans kept', () => {
  const rows = [
    { x: 1, s: 'a' },
    { x: 2, b: true },
    { x: 3, s: null }
  ];
  const columns = columnsOf(rows);
  assert.deepEqual(columns.fields, ['x', 's', 'b']);
  assert.deepEqual(figureRows(columns.value), [
    { x: 1, s: 'a', b: null },
    { x: 2, s: null, b: true },
    { x: 3, s: null, b: null }
  ]);
  assert.deepEqual(columnsOf([]), { fields: [], value: [] });
});

test('numbers are written to 1e-7 of their range; integers and timestamps unchanged', () => {
  const y = [0.1234567890123, 1.98765432101234, 7.826369259425611e-6];
  const t = [1733650000123, 1733650009999];
  const [datum] = columnsOf(y.map((v, i) => ({ v, t: t[i % 2] }))).value;
  assert.deepEqual(datum.v, [0.1234568, 1.9876543, 0.0000078]);
  assert.deepEqual(datum.t, [1733650000123, 1733650009999, 1733650000123]);
  for (const [i, value] of (datum.v as number[]).entries()) {
    assert.ok(Math.abs(value - y[i]) <= 2 * 1e-7, `${value} vs ${y[i]}`);
  }
});

test('Vega draws every row of a stacked figure, field names with dots included', async () => {
  const spec = stackFigure('run', [
    {
      name: 'loss',
      spec: {
        data: { name: 'd' },
        mark: 'line',
        transform: [{ filter: 'datum["a.b"] >= 0' }],
        encoding: {
          x: { field: 'step', type: 'quantitative' },
          y: { field: 'a\\.b', type: 'quantitative' }
        }
      },
      datasets: { d: Array.from({ length: 500 }, (_, step) => ({ step, 'a.b': step % 7 })) }
    }
  ]);
  assert.ok(spec !== null);
  const compiled = compile(spec as never).spec;
  const view = new View(parse(compiled), { renderer: 'none' });
  await view.runAsync();
  const counts = (compiled.data ?? []).map(data => view.data(data.name as string).length);
  assert.ok(counts.includes(500), JSON.stringify(counts));
  view.finalize();
});
