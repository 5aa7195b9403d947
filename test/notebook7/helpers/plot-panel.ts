/** The extension's parts in a Notebook 7 page: the plot panel, its chart cards, the handle. */
import type { Locator, Page } from '@playwright/test';

/** The plot panel (in Notebook 7's right side panel). */
export function plotPanel(page: Page): Locator {
  return page.locator('#jupyterlab-async-plotter-panel');
}

/** Notebook 7's right side panel. */
export function rightArea(page: Page): Locator {
  return page.locator('#jp-right-stack');
}

/** The card of one chart in the plot panel. */
export function chartCard(page: Page, chart: string): Locator {
  return plotPanel(page).locator(`.jp-AsyncPlotter-card[data-chart="${chart}"]`);
}

/** The handle a plotter displays in the output of its cell. */
export function outputHandle(output: Locator): Locator {
  return output.locator('.jp-AsyncPlotter-handle');
}
