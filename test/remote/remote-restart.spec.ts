import { expect } from '@jupyterlab/galata';
import { test } from './helpers/fixtures';
import { cardPoints } from '../support/card-points';
import { chartCard, isCellRunning } from '../ui/helpers/plot-panel';
import {
  crashJupyterServer,
  expectDirectPathCut,
  noteOrphanKernel,
  routeLabel,
  startRemotePlotter,
  waitForJupyterServer
} from './helpers/remote';

// The Jupyter server dies while a cell streams (SIGKILL: its kernels live on) and
// scripts/remote-ui.sh starts it again: the panel, cut off from the kernel's port, must come
// back through the new server's route and get everything the cell pushed meanwhile.
test.describe.configure({ timeout: 180_000 });
// galata's trackers of kernels and sessions relay JupyterLab's requests from the test process,
// and fail the test when the server is down; the dead server's kernel is ended below instead.
test.use({ kernels: null, sessions: null, terminals: null });

const ROWS = 9000;

/** Pushes rows 10..ROWS-1, one about every 2 ms of busy computation (about 18 s). */
const LOOP = `for (let i = 10; i < ${ROWS}; i++) {
  c.push({ step: i, loss: Math.sin(i / 50) });
  const busy = performance.now() + 2;
  while (performance.now() < busy) { /* computing */ }
}`;

test('the Jupyter server restarting while a plot streams: the panel reconnects through the route and gets the snapshot', async ({
  page
}, testInfo) => {
  const plotter = await startRemotePlotter(page, 'remote-restart.ipynb', 'restart', 10);
  noteOrphanKernel(plotter.pid);
  try {
    const card = chartCard(page, 'loss');
    await expect(routeLabel(card)).toHaveText('via Jupyter server');
    await expectDirectPathCut(page, plotter.port);

    await page.notebook.addCell('code', LOOP);
    await page.notebook.runCell(1, { inplace: true, wait: false });
    await expect.poll(() => isCellRunning(page, 1)).toBe(true);
    await expect.poll(() => cardPoints(card), { timeout: 20_000 }).toBeGreaterThan(500);

    const crashed = Date.now();
    await crashJupyterServer();
    const before = await cardPoints(card);
    await expect(card).toHaveAttribute('data-status', 'disconnected', { timeout: 15_000 });
    // The card says which end went away: the Jupyter server, not the plot server.
    await expect(card.locator('.jp-AsyncPlotter-problem')).toHaveText(
      'Cannot reach the plot server (the Jupyter server does not answer); retrying'
    );
    await card.screenshot({ path: testInfo.outputPath('card-jupyter-server-down.png') });
    await waitForJupyterServer();
    const restarted = Date.now();

    await expect(card).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
    const reconnected = Date.now();
    await expect(routeLabel(card)).toHaveText('via Jupyter server');
    const timing = `server back ${restarted - crashed} ms after the crash; panel reconnected ${reconnected - restarted} ms later`;
    test.info().annotations.push({ type: 'timing', description: timing });
    console.log(timing);
    // The snapshot brought the rows pushed while the server was down (about 400 per second).
    await expect.poll(() => cardPoints(card), { timeout: 10_000 }).toBeGreaterThan(before + 200);
    await card.screenshot({ path: testInfo.outputPath('card-reconnected.png') });
    // And the stream goes on to the last row, none lost.
    await expect.poll(() => cardPoints(card), { timeout: 60_000 }).toBe(ROWS);
    await expectDirectPathCut(page, plotter.port);
  } finally {
    try {
      process.kill(plotter.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
});
