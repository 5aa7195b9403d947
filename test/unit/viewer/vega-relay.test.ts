import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as Vega from 'vega';
import { releaseRemovedRelayTuples } from '../../../src/viewer/views/vega-relay';

// A source data set and one derived through a modifying transform, as Vega-Lite compiles a
// quantitative field of named data (an implicit `toNumber` parse): Vega inserts a `relay`.
const spec: Vega.Spec = {
  data: [
    { name: 'points' },
    {
      name: 'derived',
      source: 'points',
      transform: [{ type: 'formula', expr: 'toNumber(datum.step)', as: 'step' }]
    }
  ]
};

interface RelayLike {
  value: Record<number, unknown> | null;
}

function relays(view: Vega.View): RelayLike[] {
  const runtime = (view as unknown as { _runtime: { nodes: Record<string, object> } })._runtime;
  return Object.values(runtime.nodes).filter(
    op => op.constructor.name === 'Relay'
  ) as unknown as RelayLike[];
}

describe('releaseRemovedRelayTuples', () => {
  it('keeps the relay lookup as large as the window while rows stream through', async () => {
    // Vega's Node build has a top-level await: load it as an ES module.
    const vega = await import('vega');
    assert.equal(releaseRemovedRelayTuples(vega), true);
    assert.equal(releaseRemovedRelayTuples(vega), true, 'idempotent');
    const view = new vega.View(vega.parse(spec), { renderer: 'none' });
    await view.runAsync();
    const held: object[] = [];
    let step = 0;
    for (let frame = 0; frame < 50; frame++) {
      const inserted = Array.from({ length: 100 }, () => ({ step: step++ }));
      held.push(...inserted);
      const change = vega.changeset().insert(inserted);
      if (held.length > 300) {
        change.remove(held.splice(0, held.length - 300));
      }
      view.change('points', change);
      await view.runAsync();
    }
    assert.deepEqual(
      view.data('derived').map(row => row.step),
      Array.from({ length: 300 }, (_, i) => step - 300 + i)
    );
    const [relay] = relays(view);
    assert.ok(relay?.value);
    assert.equal(Object.keys(relay.value).length, 300);
    view.finalize();
  });
});
