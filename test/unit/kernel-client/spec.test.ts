/** Dataset and encoded-field extraction from Vega-Lite specs. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyseSpec, topField } from '../../../kernel-client/src/spec.ts';
import { heatmap, line } from '../../../kernel-client/src/builders.ts';

const q = (field: string) => ({ field, type: 'quantitative' });

test('a unit spec: one dataset with its encoded fields', () => {
  const { datasets } = analyseSpec('c', line({ x: 'step', y: 'loss', color: 'run' }));
  assert.deepEqual([...datasets], [['data', new Set(['step', 'loss', 'run'])]]);
});

test('layers, concatenation and facets: datasets inherited and named per view', () => {
  const spec = {
    data: { name: 'train' },
    vconcat: [
      { layer: [{ mark: 'line', encoding: { x: q('step'), y: q('loss') } }] },
      {
        data: { name: 'eval' },
        mark: 'point',
        encoding: { x: q('step'), y: q('acc'), tooltip: [{ field: 'note', type: 'nominal' }] }
      }
    ]
  };
  const { datasets } = analyseSpec('c', spec);
  assert.deepEqual(
    [...datasets],
    [
      ['train', new Set(['step', 'loss'])],
      ['eval', new Set(['step', 'acc', 'note'])]
    ]
  );
});

test('fields created by transforms are not required from the data', () => {
  const spec = {
    data: { name: 'd' },
    transform: [{ calculate: 'datum.x * 2', as: 'x2' }, { fold: ['a', 'b'] }],
    mark: 'point',
    encoding: { x: q('x2'), y: q('value'), color: { field: 'key', type: 'nominal' } }
  };
  assert.deepEqual([...analyseSpec('c', spec).datasets], [['d', new Set()]]);
});

test('nested and escaped field paths name their top-level field', () => {
  assert.equal(topField('a.b'), 'a');
  assert.equal(topField('a\\.b'), 'a.b');
  assert.equal(topField('m[0]'), 'm');
});

test('the spec is copied, never shared with the caller', () => {
  const spec = heatmap();
  const { spec: copy } = analyseSpec('h', spec);
  (spec as { mark: string }).mark = 'bar';
  assert.equal(copy.mark, 'rect');
});

test('Vega-Lite errors and warnings are reported with the chart name', () => {
  assert.throws(
    () =>
      analyseSpec('c', {
        data: { name: 'd' },
        mark: 'line',
        encoding: { x: { field: 'x', type: 'nope' } }
      }),
    /chart "c": Vega-Lite rejects the spec/
  );
  const { warnings } = analyseSpec('c', {
    data: { name: 'd' },
    mark: 'line',
    encoding: { x: { fieldz: 'x', type: 'quantitative' } }
  });
  assert.equal(warnings.length, 1);
});
