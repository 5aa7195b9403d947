import { expect, test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import type { ChartUpdate } from 'async-plotter/protocol';
import { sendFrame, sendSnapshot, startFixtureServer } from '../../unit/viewer/fixture-server';
import type { FixtureServer, FixtureSocket } from '../../unit/viewer/fixture-server';
import { append, range } from '../../unit/viewer/wire';
import { cardPoints } from '../../support/card-points';
import { chartCard, plotPanel } from '../helpers/plot-panel';

// The panel connected to a rogue plot server (a socket.io server of the test speaking the
// protocol badly): a malformed chart shows a plain error on its own card, a chart Vega-Lite
// rejects shows Vega-Lite's words, the other cards keep streaming, ten thousand charts are cut
// to the panel's limit with a plain word on the plotter, nothing reaches the page as an
// uncaught error, the page's heap stays bounded, and JupyterLab keeps working.

let server: FixtureServer | null = null;
test.afterEach(async () => {
  await server?.close();
  server = null;
});

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession((page as unknown as { page: Page }).page ?? page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 1048576;
}

const line = {
  mark: 'line',
  data: { name: 'p' },
  encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } }
};

test('a rogue plot server costs its bad charts their updates, never the page', async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', error => errors.push(String(error)));
  server = await startFixtureServer('rogue');
  const viewer = server.nextViewer();
  await page.evaluate(
    ({ url, token }) =>
      window.jupyterapp.commands.execute('jupyterlab-async-plotter:connect', {
        url,
        token,
        title: 'rogue'
      }),
    { url: server.handle.url, token: server.handle.token }
  );
  const socket: FixtureSocket = await viewer;
  const unequal = append('p', range(0, 10), { reset: true, window: 100 });
  (unequal.rows.columns.y as { data: unknown }).data = new Float64Array(3);
  await sendSnapshot(socket, [
    {
      chart: 'good',
      spec: line,
      datasets: [append('p', range(0, 10), { reset: true, window: 1000 })]
    },
    {
      chart: 'rejected',
      spec: { ...line, mark: 'nonsense' },
      datasets: [append('p', range(0, 10), { reset: true })]
    },
    // Last, so that its short column runs past the end of the message's numbers: a column
    // that claims more rows than the attachment holds.
    { chart: 'broken', spec: line, datasets: [unequal] }
  ]);
  await expect(plotPanel(page)).toBeVisible();
  const good = chartCard(page, 'good');
  await expect(good).toHaveAttribute('data-status', 'connected');
  await expect(chartCard(page, 'broken').locator('.jp-AsyncPlotter-problem')).toHaveText(
    'This chart cannot be updated: dataset "p": number column "y" holds 24 bytes, not 10 numbers'
  );
  await expect(chartCard(page, 'rejected').locator('.jp-AsyncPlotter-view')).toContainText(
    /^This chart cannot be drawn: /
  );

  // Frames: the good chart streams on between frames of every kind of breakage.
  const emit = socket.emit.bind(socket) as unknown as (event: string, ...args: unknown[]) => void;
  const breakages: unknown[] = [
    { chart: 'broken', datasets: [{ ...append('p', [1]), rows: { length: -1, columns: {} } }] },
    { chart: 'broken', datasets: [{ ...append('p', [1]), rows: { length: NaN, columns: {} } }] },
    { chart: 'broken', datasets: [{ ...append('p', [1]), mode: 'upsert' }] },
    {
      chart: 'broken',
      datasets: [
        {
          dataset: 'p',
          mode: 'decimated',
          keep: -5,
          kept: 1,
          total: 1,
          window: null,
          rows: append('p', [1]).rows
        }
      ]
    },
    { chart: 'huge', spec: { ...line, description: 'x'.repeat(2 << 20) }, datasets: [] }
  ];
  for (let seq = 1; seq <= breakages.length; seq++) {
    await sendFrame(socket, seq, [
      breakages[seq - 1] as ChartUpdate,
      { chart: 'good', datasets: [append('p', range(seq * 10, seq * 10 + 10), { window: 1000 })] }
    ]);
  }
  await expect.poll(() => cardPoints(good)).toBe(10 + breakages.length * 10);
  await expect(chartCard(page, 'huge').locator('.jp-AsyncPlotter-problem')).toContainText(
    'characters long'
  );

  // Messages that are not messages: the plotter says so on its cards.
  await sendFrame(socket, 50, [42, null] as unknown as ChartUpdate[]);
  emit('frame', 'not a frame', () => undefined);
  emit('snapshot', { charts: 'none' });
  emit('unknown-event', { a: 1 });
  await expect(good.locator('.jp-AsyncPlotter-problem')).toHaveText(
    'The plot server sent what the panel cannot use: a snapshot without a list of charts'
  );

  // Ten thousand charts: the panel keeps its limit and says so on the plotter's cards.
  const before = await heapMb(page);
  const many: ChartUpdate[] = Array.from({ length: 10_000 }, (_, k) => ({
    chart: `c${k}`,
    spec: { mark: 'point' },
    datasets: []
  }));
  await sendFrame(socket, 100, many);
  await expect(good.locator('.jp-AsyncPlotter-problem')).toHaveText(
    'The plot server sent what the panel cannot use: more than 200 charts; the others are not shown'
  );
  await expect(plotPanel(page).locator('.jp-AsyncPlotter-card')).toHaveCount(200);
  const after = await heapMb(page);
  expect(after - before, `page heap ${before.toFixed(0)} → ${after.toFixed(0)} MB`).toBeLessThan(
    150
  );

  // JupyterLab itself keeps working.
  await page.menu.clickMenuItem('File>New>Text File');
  await expect(page.locator('.jp-FileEditor')).toBeVisible();
  expect(errors).toEqual([]);
});
