import { expect } from '@jupyterlab/galata';
import { test } from './helpers/fixtures';
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import { cardButton, createPlotNotebook } from '../ui/helpers/panel-notebook';
import { increases, recordCard } from '../ui/helpers/live-record';
import {
  cellOutputText,
  cellPrompt,
  chartCard,
  isCellRunning,
  plotPanel,
  waitForCellToFinish
} from '../ui/helpers/plot-panel';
import { cardPointsNow } from '../support/card-points';
import { expectDirectPathCut, printedPlotter, PRINT_PLOTTER, routeLabel } from './helpers/remote';
import type { PrintedPlotter } from './helpers/remote';
import { endlessLossLoopCode, lossLoopCode, openLossPlotterCode } from '../support/plotter-cell';

// The browser runs in a network namespace where only the Jupyter server's port is open
// (scripts/remote-ui.sh): every point below came through the Jupyter server's route.
test.describe.configure({ timeout: 120_000 });

/** A synchronous loop of about 4 s: a point every ~4 ms of busy computation. */
const SYNCHRONOUS_LOOP = lossLoopCode(4, 4);

const ENDLESS_LOOP = endlessLossLoopCode(3);

/** Opens a plotter `remote` with the chart `loss` in a new notebook; its card is connected. */
async function openRemotePlotter(
  page: IJupyterLabPageFixture,
  name: string
): Promise<PrintedPlotter> {
  await createPlotNotebook(page, name, `${openLossPlotterCode('remote')}\n${PRINT_PLOTTER}`);
  await expect(plotPanel(page)).toBeVisible({ timeout: 30_000 });
  const card = chartCard(page, 'loss');
  await expect(card).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
  await expect(routeLabel(card)).toHaveText('via Jupyter server');
  return printedPlotter(page, 0);
}

/** Runs `code` in a new cell and returns once it runs; its index. */
async function startCell(page: IJupyterLabPageFixture, code: string): Promise<number> {
  const index = await page.notebook.getCellCount();
  await page.notebook.addCell('code', code);
  await page.notebook.runCell(index, { inplace: true, wait: false });
  await expect.poll(() => isCellRunning(page, index)).toBe(true);
  return index;
}

/** Runs `before + 1 + " " + step` and returns `step`, the rows pushed so far. */
async function pushedSoFar(page: IJupyterLabPageFixture): Promise<number> {
  const index = await page.notebook.getCellCount();
  await page.notebook.addCell('code', 'before + 1 + " " + step');
  await page.notebook.runCell(index, { inplace: true });
  await expect.poll(() => cellOutputText(page, index)).toMatch(/42 \d+/);
  return Number((await cellOutputText(page, index)).match(/42 (\d+)/)?.[1]);
}

test('@prefix the direct path is cut; a synchronous loop draws through the Jupyter server while the cell runs', async ({
  page
}, testInfo) => {
  const sockets: string[] = [];
  page.on('websocket', socket => sockets.push(new URL(socket.url()).pathname));
  const plotter = await openRemotePlotter(page, 'remote-live.ipynb');
  await expectDirectPathCut(page, plotter.port);
  // The link is the route's socket, under the server's base URL.
  const base = process.env.UI_BASE_PATH ?? '';
  expect(sockets).toContain(`${base}/async-plotter/${plotter.port}/async-plotter/socket.io/`);
  const card = chartCard(page, 'loss');
  await expect(routeLabel(card)).toHaveAttribute('data-route', 'jupyter');
  await expect(routeLabel(card)).toHaveAttribute('title', /through the Jupyter server/);

  const index = await startCell(page, SYNCHRONOUS_LOOP);
  const stop = await recordCard(card, cellPrompt(page, index));
  await expect
    .poll(() => cardPointsNow(chartCard(page, 'loss')), { timeout: 30_000 })
    .toBeGreaterThan(200);
  await card.screenshot({ path: testInfo.outputPath('card-via-jupyter-server.png') });
  await waitForCellToFinish(page, index, 60_000);
  const seenWhileRunning = (await stop()).filter(s => s.running).map(s => s.points);
  expect(
    increases(seenWhileRunning),
    `points seen while running: ${seenWhileRunning}`
  ).toBeGreaterThan(3);
  await expect.poll(() => cellOutputText(page, index)).toMatch(/pushed \d+/);
  const pushed = Number((await cellOutputText(page, index)).match(/pushed (\d+)/)?.[1]);
  expect(pushed).toBeGreaterThan(100);
  await expect.poll(() => cardPointsNow(chartCard(page, 'loss'))).toBe(pushed);
});

test("Kernel > Interrupt and the panel's Stop end plotting cells through the route", async ({
  page
}) => {
  await openRemotePlotter(page, 'remote-stops.ipynb');
  const card = chartCard(page, 'loss');

  let index = await startCell(page, ENDLESS_LOOP);
  await expect
    .poll(() => cardPointsNow(chartCard(page, 'loss')), { timeout: 15_000 })
    .toBeGreaterThan(100);
  await page.menu.clickMenuItem('Kernel>Interrupt Kernel');
  expect(await waitForCellToFinish(page, index, 10_000)).toBeLessThanOrEqual(2000);
  await expect.poll(() => cellOutputText(page, index)).toMatch(/Kernel > Interrupt/);
  let pushed = await pushedSoFar(page);
  await expect.poll(() => cardPointsNow(chartCard(page, 'loss'))).toBe(pushed);

  // The Stop request travels over the routed socket to the plot server.
  index = await startCell(page, ENDLESS_LOOP);
  await expect
    .poll(() => cardPointsNow(chartCard(page, 'loss')), { timeout: 15_000 })
    .toBeGreaterThan(pushed + 100);
  await cardButton(card, 'Stop computation').click();
  expect(await waitForCellToFinish(page, index, 10_000)).toBeLessThanOrEqual(2000);
  await expect.poll(() => cellOutputText(page, index)).toMatch(/Stop in the Async Plotter panel/);
  pushed = await pushedSoFar(page);
  await expect.poll(() => cardPointsNow(chartCard(page, 'loss'))).toBe(pushed);
  await expect(card).toHaveAttribute('data-status', 'connected');
  await expect(routeLabel(card)).toHaveText('via Jupyter server');
});
