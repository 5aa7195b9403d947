import type { Locator, Page } from '@playwright/test';

/** The side panel as the extension exposes it to users and to these tests. */
export function plotPanel(page: Page): Locator {
  return page.locator('#jp-async-plotter-panel');
}

/** The card of one chart in the side panel. */
export function chartCard(page: Page, chart: string): Locator {
  return plotPanel(page).locator(`.jp-AsyncPlotter-card[data-chart="${chart}"]`);
}

/** Number of points the card's rendered chart currently holds (-1 while the card is missing). */
export async function pointsShown(page: Page, chart: string): Promise<number> {
  const points = chartCard(page, chart).locator('.jp-AsyncPlotter-points');
  if ((await points.count()) === 0) {
    return -1;
  }
  return Number(await points.first().getAttribute('data-points'));
}

/** Whether the notebook cell at `index` is executing (its prompt shows `[*]`). */
export async function isCellRunning(page: Page, index: number): Promise<boolean> {
  const prompt = page.locator('.jp-Notebook .jp-Cell').nth(index).locator('.jp-InputPrompt');
  return ((await prompt.textContent()) ?? '').includes('*');
}

/** Waits until the cell at `index` has finished executing; returns the time it took. */
export async function waitForCellToFinish(
  page: Page,
  index: number,
  timeoutMs: number
): Promise<number> {
  const start = Date.now();
  while (await isCellRunning(page, index)) {
    if (Date.now() - start > timeoutMs) {
      throw new Error(`cell ${index} still running after ${timeoutMs} ms`);
    }
    await page.waitForTimeout(25);
  }
  return Date.now() - start;
}

/** The text of the cell's outputs. */
export async function cellOutputText(page: Page, index: number): Promise<string> {
  const output = page.locator('.jp-Notebook .jp-Cell').nth(index).locator('.jp-OutputArea-output');
  return (await output.allTextContents()).join('\n');
}

/**
 * Code of a cell that opens a plotter titled `title` with a line chart `loss` over the dataset
 * `points`, bound to `loss`, and declares `before = 41` and `step = 0` for the cells that follow.
 */
export function openLossPlotterCode(title: string): string {
  return `import { open } from "npm:async-plotter";
const plot = await open({ title: ${JSON.stringify(title)} });
const loss = plot.chart("loss", {
  data: { name: "points" },
  mark: "line",
  encoding: {
    x: { field: "step", type: "quantitative" },
    y: { field: "loss", type: "quantitative" }
  }
});
const before = 41;
let step = 0;`;
}
