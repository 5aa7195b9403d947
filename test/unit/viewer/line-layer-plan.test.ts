import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { line, scatter } from '../../../kernel-client/src/builders';
import { extentRows } from '../../../src/viewer/views/line-layer/line-extents';
import { planLineLayer } from '../../../src/viewer/views/line-layer/line-layer-plan';

const plain = {
  data: { name: 'points' },
  mark: 'line',
  encoding: {
    x: { field: 'step', type: 'quantitative' },
    y: { field: 'loss', type: 'quantitative' }
  }
};

describe('planLineLayer', () => {
  it('takes plain line charts: the builders, series by colour, dates, constant styles', () => {
    assert.equal(planLineLayer(line({ x: 'step', y: 'v' }))?.dataset, 'data');
    assert.equal(planLineLayer(line({ color: 'layer' }))?.color, 'layer');
    assert.equal(planLineLayer(line({ xType: 'temporal' }))?.x, 'x');
    const styled = { ...plain, mark: { type: 'line', strokeWidth: 3, strokeDash: [4, 2] } };
    assert.notEqual(planLineLayer(styled), null);
    const colour = { ...plain, encoding: { ...plain.encoding, color: { value: 'red' } } };
    assert.equal(planLineLayer(colour)?.color, null);
  });

  it('leaves to Vega what it does not draw exactly', () => {
    const not = (what: string, spec: Record<string, unknown>) =>
      assert.equal(planLineLayer(spec), null, what);
    not('points', scatter());
    not('a transform', { ...plain, transform: [{ filter: 'datum.loss > 0' }] });
    not('a layer', { data: plain.data, layer: [{ mark: 'line', encoding: plain.encoding }] });
    not('a curve', { ...plain, mark: { type: 'line', interpolate: 'monotone' } });
    not('points on the line', { ...plain, mark: { type: 'line', point: true } });
    not('a tooltip', { ...plain, encoding: { ...plain.encoding, tooltip: { field: 'loss' } } });
    not('an aggregate', {
      ...plain,
      encoding: { ...plain.encoding, y: { field: 'loss', type: 'quantitative', aggregate: 'mean' } }
    });
    not('a discrete x', {
      ...plain,
      encoding: { ...plain.encoding, x: { field: 'step', type: 'ordinal' } }
    });
    not('inline values', { ...plain, data: { values: [] } });
    not('a Vega spec', { ...plain, $schema: 'https://vega.github.io/schema/vega/v6.json' });
    not('params of its own', { ...plain, params: [{ name: 'p', value: 1 }] });
    not('a nested field', {
      ...plain,
      encoding: { ...plain.encoding, y: { field: 'a.b', type: 'quantitative' } }
    });
  });

  it('reads values as Vega-Lite parses them', () => {
    const plan = planLineLayer(line({ xType: 'temporal' }))!;
    assert.equal(plan.xValue({ x: '2026-01-01T00:00:00Z' }), Date.UTC(2026, 0, 1));
    assert.equal(plan.xValue({ x: 5 }), 5);
    assert.equal(plan.xValue({ x: null }), null);
    assert.equal(plan.yValue({ y: NaN }), null);
    assert.equal(plan.yValue({ y: '' }), null);
    assert.equal(plan.yValue({ y: '2.5' }), 2.5);
  });
});

describe('extentRows', () => {
  it("gives each series' rows of least and greatest x and y, skipping invalid ones", () => {
    const plan = planLineLayer(line({ color: 's' }))!;
    const rows = [
      { x: 1, y: 5, s: 'a' },
      { x: 0, y: 2, s: 'a' },
      { x: 3, y: null, s: 'a' },
      { x: 2, y: 9, s: 'a' },
      { x: 7, y: 1, s: 'b' }
    ];
    const extents = extentRows(rows, plan);
    assert.deepEqual(new Set(extents), new Set([rows[1], rows[3], rows[4]]));
  });
});
