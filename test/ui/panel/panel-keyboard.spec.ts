import { expect, test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import {
  cardButton,
  downloadedBytes,
  drawnRows,
  startPlotNotebook
} from '../helpers/panel-notebook';
import { chartCard } from '../helpers/plot-panel';
import { openPlotterCode } from '../../support/plotter-cell';

// About 25-35 s each on an idle machine; up to twice that while the 2 cores are shared.
test.describe.configure({ timeout: 120_000 });

const ACTIONS = [
  'Pause display',
  'Clear the chart data',
  'Reset zoom (show everything)',
  'Export as PNG',
  'Export as SVG',
  'Download the data as CSV',
  'Download the data as JSON',
  'Open in the main area',
  'Stop computation'
];

/** The accessible label of the focused element and whether it shows a focus outline. */
function focused(page: Page): Promise<{ label: string | null; outline: string }> {
  return page.evaluate(() => {
    const element = document.activeElement;
    return {
      label: element?.getAttribute('aria-label') ?? null,
      outline: element ? getComputedStyle(element).outlineStyle : 'none'
    };
  });
}

test.describe('keyboard access to the panel', () => {
  test.beforeEach(async ({ page }) => {
    await startPlotNotebook(page, 'keyboard.ipynb', openPlotterCode('keys', 15));
    await expect.poll(() => drawnRows(chartCard(page, 'loss'))).toBe(15);
  });

  test('every card action is a labelled button reached with Tab and run with Enter or Space', async ({
    page
  }) => {
    const card = chartCard(page, 'loss');
    await expect(card).toHaveAttribute('role', 'region');
    await expect(card).toHaveAccessibleName('keys · loss');
    await expect(card.getByRole('toolbar', { name: 'Chart actions' })).toBeVisible();
    // The buttons a user can reach (a field's cell exports are hidden on a line chart's card).
    const labels = await card
      .getByRole('button')
      .evaluateAll(buttons => buttons.map(b => b.getAttribute('aria-label')));
    expect(labels).toEqual(ACTIONS);

    // Tab walks through the actions in order, each with a visible focus ring.
    await cardButton(card, 'Pause display').focus();
    for (const [index, label] of ACTIONS.entries()) {
      if (index > 0) {
        await page.keyboard.press('Tab');
      }
      const now = await focused(page);
      expect(now.label).toBe(label);
      expect(now.outline, `focus ring of "${label}"`).not.toBe('none');
    }
    for (const label of [...ACTIONS].reverse().slice(1)) {
      await page.keyboard.press('Shift+Tab');
      expect((await focused(page)).label).toBe(label);
    }

    // Space pauses, Enter resumes (the pressed state and the label follow).
    expect((await focused(page)).label).toBe('Pause display');
    await page.keyboard.press('Space');
    await expect(cardButton(card, 'Resume display')).toHaveAttribute('aria-pressed', 'true');
    await expect(card).toHaveAttribute('data-status', 'paused');
    await expect(cardButton(card, 'Resume display')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(cardButton(card, 'Pause display')).toHaveAttribute('aria-pressed', 'false');
    await expect(card).toHaveAttribute('data-status', 'connected');

    // Enter on a download button downloads.
    await cardButton(card, 'Download the data as JSON').focus();
    const json = await downloadedBytes(page, () => page.keyboard.press('Enter'));
    expect(JSON.parse(json.bytes.toString('utf8')).points).toHaveLength(15);

    // Enter on "Open in the main area" opens the tab.
    await cardButton(card, 'Open in the main area').focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('#jp-main-dock-panel .jp-AsyncPlotter-tab')).toBeVisible();
  });

  test('the palette lists the commands with descriptions and runs them from the keyboard', async ({
    page
  }) => {
    const card = chartCard(page, 'loss');
    await page.keyboard.press('Control+Shift+C');
    const palette = page.locator('#command-palette');
    await expect(palette).toBeVisible();
    await page.keyboard.type('Live Plot');
    const items = palette.locator('.lm-CommandPalette-item');
    const entries = {
      'Open Live Plot Panel': 'Show the side panel with the live charts of every plotter.',
      'Connect to a Plotter…':
        'Follow a plotter started outside this notebook, given its URL and token.',
      'Pause All Live Plots': 'Pause the display of every chart; data keeps arriving.',
      'Resume All Live Plots': 'Resume the display of every chart.',
      'Clear All Live Plots': 'Drop the data every chart holds.'
    };
    for (const [label, caption] of Object.entries(entries)) {
      const item = items.filter({
        has: page.locator('.lm-CommandPalette-itemLabel', { hasText: label })
      });
      await expect(item).toHaveCount(1);
      await expect(item.locator('.lm-CommandPalette-itemCaption')).toHaveText(caption);
    }

    await page.keyboard.press('Control+A');
    await page.keyboard.type('Pause All Live Plots');
    await expect(palette.locator('.lm-CommandPalette-item.lm-mod-active')).toContainText(
      'Pause All Live Plots'
    );
    await page.keyboard.press('Enter');
    await expect(card).toHaveAttribute('data-status', 'paused');

    await page.keyboard.press('Control+Shift+C');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Resume All Live Plots');
    await page.keyboard.press('Enter');
    await expect(card).toHaveAttribute('data-status', 'connected');

    await page.keyboard.press('Control+Shift+C');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Clear All Live Plots');
    await page.keyboard.press('Enter');
    await expect.poll(() => drawnRows(card)).toBe(0);
  });
});
