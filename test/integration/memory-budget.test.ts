/**
 * A plotter's memory budget: history beyond it moves to a temporary folder, every row stays
 * exact for viewers (decimated pictures, exports), and the folder is removed on close.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { test } from 'node:test';
import { line, open } from 'async-plotter';
import { unpackRowsAnswer, type RowsAnswer } from 'async-plotter/protocol';
import { connect } from '../support/socket-viewer.ts';

const spillFolders = () => readdirSync(tmpdir()).filter(name => name.startsWith('async-plotter-'));

test('1e7 rows past a 64 MiB budget: history moves to disk, the picture and exports stay exact, close removes it', async () => {
  const before = new Set(spillFolders());
  const plotter = await open({ title: 'budget', display: false, memoryBudget: 64 * 2 ** 20 });
  try {
    const chart = plotter.chart('c', line({ x: 'step', y: 'loss' }));
    const rssBefore = process.memoryUsage().rss;
    for (let step = 0; step < 10_000_000; step++) {
      chart.push({
        step,
        loss: step === 1234 ? -1 : step === 9_876_543 ? 2 : Math.sin(step / 1e5)
      });
    }
    const viewer = await connect(plotter.handle, { plotSize: { width: 800, height: 200 } });
    const data = () => viewer.charts.get('c')?.datasets.get('data');
    await viewer.waitFor(() => data()?.kept === 10_000_000, 'every row represented', 30_000);
    const made = spillFolders().filter(name => !before.has(name));
    assert.equal(made.length, 1, 'one spill folder while open');
    const growth = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
    assert.ok(
      growth < 64 + 100,
      `RSS grew ${growth.toFixed(0)} MB for 153 MB of rows, budget 64 MB`
    );
    const losses = (data()?.rows ?? []).map(row => row.loss as number);
    assert.equal(Math.min(...losses), -1, 'the lowest row, long moved to disk');
    assert.equal(Math.max(...losses), 2, 'the highest');
    const answer: RowsAnswer = unpackRowsAnswer(
      await viewer.socket.emitWithAck('rows', { chart: 'c', dataset: 'data', from: 1230, count: 8 })
    );
    assert.ok('rows' in answer);
    assert.deepEqual(
      Array.from(answer.rows.columns.step.data as Float64Array),
      [1230, 1231, 1232, 1233, 1234, 1235, 1236, 1237]
    );
    assert.equal((answer.rows.columns.loss.data as Float64Array)[4], -1);
    viewer.close();
  } finally {
    await plotter.close({ timeoutMs: 200 });
  }
  assert.deepEqual(
    spillFolders().filter(name => !before.has(name)),
    [],
    'the spill folder is removed on close'
  );
});
