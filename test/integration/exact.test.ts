/** In-process delivery (Node): every pushed row reaches a viewer exactly. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { line, open } from 'async-plotter';
import { connect } from '../support/socket-viewer.ts';

test('every row pushed in a synchronous loop reaches a viewer exactly', async () => {
  const plotter = await open({ title: 'live', display: false });
  try {
    const chart = plotter.chart('loss', line({ x: 'step', y: 'loss' }));
    const viewer = await connect(plotter.handle);
    await viewer.waitFor(() => viewer.snapshots === 1, 'the snapshot');
    const start = Date.now();
    let step = 0;
    while (Date.now() - start < 1000) {
      chart.push({ step, loss: Math.sin(step) });
      step++;
    }
    await viewer.waitFor(() => viewer.rows('loss').length === step, `${step} rows`);
    const rows = viewer.rows('loss');
    assert.equal(rows.length, step);
    for (let i = 0; i < rows.length; i += 9973) {
      assert.deepEqual(rows[i], { step: i, loss: Math.sin(i) });
    }
    assert.deepEqual(rows[step - 1], { step: step - 1, loss: Math.sin(step - 1) });
  } finally {
    await plotter.close();
  }
});
