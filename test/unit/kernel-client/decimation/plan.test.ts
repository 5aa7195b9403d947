import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planDecimation } from '../../../../kernel-client/src/worker/decimation/plan.ts';
import type { FieldInfo } from '../../../../kernel-client/src/recording/fields.ts';

const fields: FieldInfo[] = [
  { name: 'step', kind: 'number', required: true },
  { name: 'loss', kind: 'number', required: true },
  { name: 'acc', kind: 'number', required: true },
  { name: 'run', kind: 'string', required: true },
  { name: 't', kind: 'date', required: true }
];
const q = (field: string) => ({ field, type: 'quantitative' });
const unit = (mark: unknown, encoding: Record<string, unknown>) => ({
  data: { name: 'points' },
  mark,
  encoding
});

test('plan: a line of quantitative x and y is decimated by M4, one series', () => {
  assert.deepEqual(planDecimation(unit('line', { x: q('step'), y: q('loss') }), 'points', fields), {
    plan: { x: 0, lineYs: [1], pointYs: [], series: [] }
  });
});

test('plan: temporal x, colour series, points of a line, layers sharing x', () => {
  const spec = {
    data: { name: 'points' },
    layer: [
      {
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 't', type: 'temporal' },
          y: q('loss'),
          color: { field: 'run', type: 'nominal' }
        }
      },
      {
        mark: 'circle',
        encoding: { x: { field: 't', type: 'temporal' }, y: q('acc'), tooltip: [{ field: 'run' }] }
      }
    ]
  };
  assert.deepEqual(planDecimation(spec, 'points', fields), {
    plan: { x: 4, lineYs: [1], pointYs: [1, 2], series: [3] }
  });
});

test('plan: what decimation does not understand falls back to all rows, saying why', () => {
  const cases: [unknown, string][] = [
    [unit('bar', { x: q('step'), y: q('loss') }), 'a bar mark'],
    [unit('line', { x: { field: 'run', type: 'nominal' }, y: q('loss') }), 'a nominal x'],
    [
      unit('line', { x: q('step'), y: { field: 'loss', type: 'quantitative', aggregate: 'mean' } }),
      'an aggregated y'
    ],
    [unit('line', { x: { ...q('step'), bin: true }, y: q('loss') }), 'a binned x'],
    [
      {
        ...unit('line', { x: q('step'), y: q('loss') }),
        transform: [{ filter: 'datum.loss > 0' }]
      },
      'the spec transforms the rows'
    ],
    [
      unit('area', { x: q('step'), y: q('loss'), color: { field: 'run', type: 'nominal' } }),
      'stacked areas'
    ],
    [unit('line', { x: q('step'), y: q('loss'), order: { field: 'acc' } }), 'the order channel'],
    [{ hconcat: [unit('line', { x: q('step'), y: q('loss') })] }, 'a hconcat view'],
    [unit('line', { x: q('step'), y: q('missing') }), 'the y field "missing" is not in the data'],
    [unit('line', { x: { ...q('step'), scale: { type: 'band' } }, y: q('loss') }), 'a band x scale']
  ];
  for (const [spec, reason] of cases) {
    assert.deepEqual(planDecimation(spec as Record<string, unknown>, 'points', fields), {
      fallback: reason
    });
  }
});

test('plan: an unstacked area with series, and another dataset left alone', () => {
  const area = unit('area', {
    x: q('step'),
    y: { ...q('loss'), stack: null },
    color: { field: 'run', type: 'nominal' }
  });
  assert.deepEqual(planDecimation(area, 'points', fields), {
    plan: { x: 0, lineYs: [1], pointYs: [], series: [3] }
  });
  assert.deepEqual(planDecimation(area, 'other', fields), {
    fallback: 'no mark draws this dataset'
  });
});
