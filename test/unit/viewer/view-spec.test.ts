import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_HEIGHT, fitsWidth, viewSpec } from '../../../src/viewer/views/view-spec';

const line = { data: { name: 'points' }, mark: 'line' };

describe('viewSpec', () => {
  it('fits a single-view chart to the container, again on every update, axes included', () => {
    const spec = { ...line };
    const shown = viewSpec(spec) as Record<string, unknown>;
    assert.equal(shown.width, 'container');
    // `resize`: streamed values that widen the axis labels re-fit the chart to its width.
    assert.deepEqual(shown.autosize, { type: 'fit-x', contains: 'padding', resize: true });
    assert.equal(shown.height, DEFAULT_HEIGHT);
    assert.deepEqual(spec, line, 'the server spec is untouched');
  });

  it("keeps the spec's own size and autosize", () => {
    const autosize = { type: 'pad' };
    const own = viewSpec({ ...line, autosize, height: 90 }) as Record<string, unknown>;
    assert.equal(own.autosize, autosize);
    assert.equal(own.height, 90);
    const fixed = viewSpec({ ...line, width: 400 }) as Record<string, unknown>;
    assert.equal(fixed.width, 400);
    assert.equal(fixed.autosize, undefined);
    assert.equal(fitsWidth({ ...line, width: 400 }), false);
  });

  it('leaves compositions and Vega specs to their own layout', () => {
    const concat = { hconcat: [line, line] };
    assert.equal(fitsWidth(concat), false);
    assert.deepEqual(viewSpec(concat), concat);
    const vega = { $schema: 'https://vega.github.io/schema/vega/v6.json', marks: [] };
    assert.equal(fitsWidth(vega), false);
    assert.deepEqual(viewSpec(vega), vega);
    assert.equal(fitsWidth(null), false);
  });
});
