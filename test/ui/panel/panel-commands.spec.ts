import { expect, test } from '@jupyterlab/galata';
import {
  cardButton,
  drawnRows,
  pushRows,
  runNewCell,
  startPlotNotebook
} from '../helpers/panel-notebook';
import { cardPoints } from '../../support/card-points';
import { chartCard, plotPanel, runFromPalette } from '../helpers/plot-panel';
import { openPlotterCode } from '../../support/plotter-cell';

// About 25-35 s each on an idle machine; up to twice that while the 2 cores are shared.
test.describe.configure({ timeout: 120_000 });

// panel-keyboard.spec.ts runs these commands on a single card; here they must reach every card
// of every plotter, and the data must keep arriving while the display is paused.
test('"Pause All", "Resume All" and "Clear All" act on every card of every plotter', async ({
  page
}, testInfo) => {
  await startPlotNotebook(page, 'commands.ipynb', openPlotterCode('first', 20, 'loss'));
  // A second plotter in the same notebook; `first` keeps the first plotter's chart.
  await runNewCell(page, `const first = c;\n${openPlotterCode('second', 30, 'accuracy')}`);
  const cards = [chartCard(page, 'loss'), chartCard(page, 'accuracy')];
  await expect(cards[1]).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
  await expect.poll(() => drawnRows(cards[0])).toBe(20);
  await expect.poll(() => drawnRows(cards[1])).toBe(30);

  await runFromPalette(page, 'Pause All Live Plots');
  for (const card of cards) {
    await expect(card).toHaveAttribute('data-status', 'paused');
    await expect(card.locator('.jp-AsyncPlotter-status')).toHaveText('paused');
    await expect(cardButton(card, 'Resume display')).toHaveAttribute('aria-pressed', 'true');
  }
  // Rows keep arriving in both cards' models (`first` is the chart of plotter "first", `c` that
  // of "second"); neither chart draws them.
  await pushRows(page, 30, 45, ['first', 'c']);
  await expect.poll(() => cardPoints(cards[0])).toBe(35);
  await expect.poll(() => cardPoints(cards[1])).toBe(45);
  await page.waitForTimeout(1000);
  expect(await drawnRows(cards[0])).toBe(20);
  expect(await drawnRows(cards[1])).toBe(30);
  await plotPanel(page).screenshot({ path: testInfo.outputPath('paused-all.png') });

  await runFromPalette(page, 'Resume All Live Plots');
  for (const card of cards) {
    await expect(card).toHaveAttribute('data-status', 'connected');
    await expect(cardButton(card, 'Pause display')).toHaveAttribute('aria-pressed', 'false');
  }
  await expect.poll(() => drawnRows(cards[0])).toBe(35);
  await expect.poll(() => drawnRows(cards[1])).toBe(45);

  await runFromPalette(page, 'Clear All Live Plots');
  for (const card of cards) {
    await expect.poll(() => cardPoints(card)).toBe(0);
    await expect.poll(() => drawnRows(card)).toBe(0);
    await expect(card).toHaveAttribute('data-status', 'connected');
  }
  await plotPanel(page).screenshot({ path: testInfo.outputPath('cleared-all.png') });

  // Clearing is the viewer's: both plotters keep streaming into their cleared cards.
  await pushRows(page, 45, 50, ['first', 'c']);
  for (const card of cards) {
    await expect.poll(() => cardPoints(card)).toBe(5);
    await expect.poll(() => drawnRows(card)).toBe(5);
  }
  await plotPanel(page).screenshot({ path: testInfo.outputPath('after-clear.png') });
});
