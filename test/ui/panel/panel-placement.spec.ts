import { expect, test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import {
  cardButton,
  chartOverflow,
  drawnRows,
  runNewCell,
  startPlotNotebook
} from '../helpers/panel-notebook';
import { cardPoints } from '../../support/card-points';
import { setPanelSetting } from '../helpers/panel-settings';
import { chartCard, plotPanel } from '../helpers/plot-panel';
import { openPlotterCode, pushRowsCode } from '../../support/plotter-cell';

// About 25-35 s each on an idle machine; up to twice that while the 2 cores are shared.
test.describe.configure({ timeout: 120_000 });

/** The side-bar tab of the panel on `side`. */
function sideBarTab(page: Page, side: 'left' | 'right') {
  return page.locator(
    `.jp-SideBar.jp-mod-${side} .lm-TabBar-tab[data-id="jupyterlab-async-plotter-panel"]`
  );
}

test('the panel docks on the right by default and moves with the placement setting', async ({
  page
}) => {
  await expect(sideBarTab(page, 'right')).toHaveCount(1);
  await expect(sideBarTab(page, 'left')).toHaveCount(0);
  await sideBarTab(page, 'right').click();
  await expect(page.locator('#jp-right-stack #jupyterlab-async-plotter-panel')).toBeVisible();

  await setPanelSetting(page, 'placement', 'left');
  await expect(sideBarTab(page, 'left')).toHaveCount(1);
  await expect(sideBarTab(page, 'right')).toHaveCount(0);
  await sideBarTab(page, 'left').click();
  await expect(page.locator('#jp-left-stack #jupyterlab-async-plotter-panel')).toBeVisible();

  await setPanelSetting(page, 'placement', 'right');
  await expect(sideBarTab(page, 'right')).toHaveCount(1);
  await expect(sideBarTab(page, 'left')).toHaveCount(0);
});

test('"Open in the main area" shows the live chart as a dockable tab, once', async ({
  page
}, testInfo) => {
  await startPlotNotebook(page, 'main-area.ipynb', openPlotterCode('main', 40));
  await expect(page.locator('#jp-right-stack #jupyterlab-async-plotter-panel')).toBeVisible();
  const card = chartCard(page, 'loss');
  await expect.poll(() => drawnRows(card)).toBe(40);

  await cardButton(card, 'Open in the main area').click();
  const tab = page.locator('#jp-main-dock-panel .jp-AsyncPlotter-tab');
  await expect(tab).toBeVisible();
  await expect(
    page.locator('#jp-main-dock-panel .lm-TabBar-tab', { hasText: 'main · loss' })
  ).toHaveCount(1);
  const tabCard = tab.locator('.jp-AsyncPlotter-card[data-chart="loss"]');
  await expect.poll(() => drawnRows(tabCard)).toBe(40);
  // The tab has every action but "open in the main area" itself.
  await expect(cardButton(tabCard, 'Open in the main area')).toHaveCount(0);
  await expect(cardButton(tabCard, 'Stop computation')).toBeVisible();
  await expect.poll(() => chartOverflow(tabCard)).toBe(0);

  // Same live data as the card.
  await page.notebook.activate('main-area.ipynb');
  await runNewCell(page, pushRowsCode(40, 70));
  await expect.poll(() => cardPoints(card)).toBe(70);
  await cardButton(card, 'Open in the main area').click();
  await expect(tab).toHaveCount(1);
  await expect(tab).toBeVisible();
  await expect.poll(() => drawnRows(tabCard)).toBe(70);
  await expect.poll(() => chartOverflow(tabCard)).toBe(0);
  await page.screenshot({ path: testInfo.outputPath('main-area-tab.png') });

  // Closing the tab leaves the card in the panel.
  await page
    .locator('#jp-main-dock-panel .lm-TabBar-tab', { hasText: 'main · loss' })
    .locator('.lm-TabBar-tabCloseIcon')
    .click();
  await expect(tab).toHaveCount(0);
  await expect(plotPanel(page).locator('.jp-AsyncPlotter-card')).toHaveCount(1);
  expect(await cardPoints(card)).toBe(70);
});
