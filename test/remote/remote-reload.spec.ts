import { expect } from '@jupyterlab/galata';
import { test } from './helpers/fixtures';
import type { IJupyterLabPageFixture, JupyterLabPage } from '@jupyterlab/galata';
import { drawnRows, restartKernel, runNewCell } from '../ui/helpers/panel-notebook';
import { cardPoints } from '../support/card-points';
import { chartCard, plotPanel, plotterCard } from '../ui/helpers/plot-panel';
import { expectDirectPathCut, routeLabel, startRemotePlotter } from './helpers/remote';
import { pushRowsCode } from '../support/plotter-cell';

// Reloads with the browser cut off from the kernels (scripts/remote-ui.sh): the restored
// handles reach their plot servers through the Jupyter server, or say why they cannot.
test.describe.configure({ timeout: 120_000 });

/** Reloads JupyterLab without waiting for a launcher (the notebook comes back instead). */
async function reload(page: IJupyterLabPageFixture): Promise<void> {
  // (The fixture runs galata's reload; its type only shows Playwright's options.)
  const lab = page as unknown as Pick<JupyterLabPage, 'reload'>;
  await lab.reload({ waitForIsReady: false });
  await expect(plotPanel(page)).toBeVisible({ timeout: 30_000 });
}

test('@prefix a reload restores the card through the route, with the snapshot', async ({
  page
}) => {
  const plotter = await startRemotePlotter(page, 'remote-reload.ipynb', 'reload', 30);
  const card = chartCard(page, 'loss');
  await expect.poll(() => drawnRows(card)).toBe(30);
  await page.notebook.save();

  await reload(page);
  await expect(card).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
  await expect(routeLabel(card)).toHaveText('via Jupyter server');
  await expect.poll(() => cardPoints(card)).toBe(30);
  await expect.poll(() => drawnRows(card)).toBe(30);
  await expectDirectPathCut(page, plotter.port);

  // The same kernel keeps streaming into the restored card.
  // (Opened by path: the restored layout may name the notebook by its first name, Untitled.)
  await page.notebook.open('remote-reload.ipynb');
  await runNewCell(page, pushRowsCode(30, 45));
  await expect.poll(() => cardPoints(card)).toBe(45);
  await expect.poll(() => drawnRows(card)).toBe(45);
});

test('a plotter whose port no longer answers says why on its card', async ({ page }, testInfo) => {
  const plotter = await startRemotePlotter(page, 'remote-gone.ipynb', 'gone', 12);
  const card = chartCard(page, 'loss');
  await expect.poll(() => drawnRows(card)).toBe(12);
  await page.notebook.save();

  // While the page is open: the link is lost, and the card says so in plain words.
  await restartKernel(page);
  await expect(card).toHaveAttribute('data-status', 'disconnected', { timeout: 20_000 });
  const problem = card.locator('.jp-AsyncPlotter-problem');
  await expect(problem).toHaveText(
    'Lost the link: the plot server went away (kernel restarted or stopped)'
  );
  // It stays so: the Jupyter server has nothing on that port any more, no retry can help.
  await page.waitForTimeout(3000);
  await expect(problem).toHaveText(
    'Lost the link: the plot server went away (kernel restarted or stopped)'
  );
  expect(await cardPoints(card)).toBe(12);

  // After a reload, the restored handle names a dead port: the route's reason.
  await reload(page);
  const restored = plotterCard(page, 'gone');
  await expect(restored).toHaveAttribute('data-problem', 'unreachable', { timeout: 30_000 });
  await expect(restored.locator('.jp-AsyncPlotter-plotterMessage')).toHaveText(
    `Cannot reach the plot server (nothing listens on port ${plotter.port}); retrying`
  );
  await expect(routeLabel(restored)).toHaveText('via Jupyter server');
  await restored.screenshot({ path: testInfo.outputPath('card-port-gone.png') });
});
