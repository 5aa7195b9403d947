import { expect, test } from '@jupyterlab/galata';
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import {
  drawnRows,
  reloadKeepingKernel,
  restartKernel,
  runNewCell,
  startPlotNotebook
} from '../helpers/panel-notebook';
import { cardPoints } from '../../support/card-points';
import { chartCard, plotPanel } from '../helpers/plot-panel';
import { openPlotterCode, pushRowsCode } from '../../support/plotter-cell';

// About 25-35 s each on an idle machine; up to twice that while the 2 cores are shared.
test.describe.configure({ timeout: 120_000 });

/** Every card of the panel's section of `notebook` (its path ends with that name). */
function sectionCards(page: IJupyterLabPageFixture, notebook: string) {
  return plotPanel(page).locator(
    `.jp-AsyncPlotter-section[data-section$="${notebook}"] .jp-AsyncPlotter-card`
  );
}

/** Tags the card's DOM node, to tell later whether the very same card is still shown. */
async function tagCard(page: IJupyterLabPageFixture, chart: string): Promise<void> {
  await chartCard(page, chart).evaluate(node => node.setAttribute('data-test-tag', 'original'));
}

test.describe('panel persistence', () => {
  test('a page reload restores the panel and re-attaches to the running plotter', async ({
    page
  }) => {
    await startPlotNotebook(page, 'reload.ipynb', openPlotterCode('reload', 30));
    const card = chartCard(page, 'loss');
    await expect.poll(() => drawnRows(card)).toBe(30);
    await page.notebook.save();

    // No launcher comes back (the notebook does): do not wait for one.
    await reloadKeepingKernel(page, 'reload.ipynb');
    // The layout restorer shows the panel again; the state database brings the plotter back.
    await expect(plotPanel(page)).toBeVisible({ timeout: 30_000 });
    await expect(sectionCards(page, 'reload.ipynb')).toHaveCount(1, { timeout: 30_000 });
    await expect(card).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
    await expect.poll(() => cardPoints(card)).toBe(30);
    await expect.poll(() => drawnRows(card)).toBe(30);

    // The kernel kept running: rows pushed after the reload (from the restored notebook, same
    // kernel) stream into the restored card.
    await page.notebook.activate('reload.ipynb');
    await runNewCell(page, pushRowsCode(30, 45));
    await expect.poll(() => cardPoints(card)).toBe(45);
    await expect.poll(() => drawnRows(card)).toBe(45);
    await expect(sectionCards(page, 'reload.ipynb')).toHaveCount(1);
  });

  test('re-running the plotting cell reuses its card instead of stacking a new one', async ({
    page
  }) => {
    await startPlotNotebook(page, 'rerun.ipynb', openPlotterCode('rerun', 30));
    const card = chartCard(page, 'loss');
    await expect.poll(() => drawnRows(card)).toBe(30);
    await tagCard(page, 'loss');

    await page.notebook.setCell(0, 'code', openPlotterCode('rerun', 12));
    await page.notebook.runCell(0, { inplace: true });
    await expect(sectionCards(page, 'rerun.ipynb')).toHaveCount(1);
    await expect(card).toHaveAttribute('data-test-tag', 'original');
    await expect(card).toHaveAttribute('data-status', 'connected');
    // The new plotter's snapshot replaced the old rows.
    await expect.poll(() => cardPoints(card)).toBe(12);
    await expect.poll(() => drawnRows(card)).toBe(12);
    await runNewCell(page, pushRowsCode(12, 20));
    await expect.poll(() => drawnRows(card)).toBe(20);
    await expect(sectionCards(page, 'rerun.ipynb')).toHaveCount(1);
  });

  test('a kernel restart shows the card disconnected with its last data; a new plotter takes it over', async ({
    page
  }) => {
    await startPlotNotebook(page, 'restart.ipynb', openPlotterCode('restart', 25));
    const card = chartCard(page, 'loss');
    await expect.poll(() => drawnRows(card)).toBe(25);
    await tagCard(page, 'loss');

    await restartKernel(page);
    await expect(card).toHaveAttribute('data-status', 'disconnected', { timeout: 20_000 });
    await expect(card.locator('.jp-AsyncPlotter-status')).toHaveText('disconnected');
    expect(await cardPoints(card)).toBe(25);
    expect(await drawnRows(card)).toBe(25);
    // The handle in the cell output says so too.
    await expect(page.locator('.jp-Notebook .jp-AsyncPlotter-handle')).toHaveAttribute(
      'data-status',
      'disconnected'
    );

    await page.notebook.setCell(0, 'code', openPlotterCode('restart', 7));
    await page.notebook.runCell(0, { inplace: true });
    await expect(card).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
    await expect(card).toHaveAttribute('data-test-tag', 'original');
    await expect(sectionCards(page, 'restart.ipynb')).toHaveCount(1);
    await expect.poll(() => cardPoints(card)).toBe(7);
    await expect.poll(() => drawnRows(card)).toBe(7);
  });
});
