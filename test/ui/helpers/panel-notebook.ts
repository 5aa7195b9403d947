import { expect } from '@jupyterlab/galata';
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Locator, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { chartCard, plotPanel } from './plot-panel';

/**
 * Code of a cell that opens a plotter titled `title` with one line chart `chart` over the named
 * dataset `points`, then pushes the deterministic rows `{ step: i, loss: i * 0.5 }` for
 * `0 <= i < rows`. The chart is bound to `c` for later cells.
 */
export function openPlotterCode(title: string, rows: number, chart = 'loss'): string {
  return `import { open } from "npm:async-plotter";
const plot = await open({ title: ${JSON.stringify(title)} });
const c = plot.chart(${JSON.stringify(chart)}, {
  data: { name: "points" },
  mark: "line",
  encoding: {
    x: { field: "step", type: "quantitative" },
    y: { field: "loss", type: "quantitative" }
  }
});
${pushRowsCode(0, rows)}`;
}

/** Code that pushes `{ step: i, loss: i * 0.5 }` for `from <= i < to` to the chart `c`. */
export function pushRowsCode(from: number, to: number): string {
  return `for (let i = ${from}; i < ${to}; i++) { c.push({ step: i, loss: i * 0.5 }); }`;
}

/** The rows `pushRowsCode(from, to)` pushes. */
export function expectedRows(from: number, to: number): { step: number; loss: number }[] {
  return Array.from({ length: to - from }, (_, k) => ({ step: from + k, loss: (from + k) * 0.5 }));
}

/**
 * Creates `name` with a Deno kernel, runs `code` in its first cell and waits for the card of
 * `chart` to show up connected in the panel.
 */
export async function startPlotNotebook(
  page: IJupyterLabPageFixture,
  name: string,
  code: string,
  chart = 'loss'
): Promise<void> {
  // galata's proxy parses the empty 204 reply of the interrupt endpoint as JSON: let it through.
  await page.route(/\/api\/kernels\/[^/]+\/interrupt/, route => route.continue());
  await page.notebook.createNew(name, { kernel: 'deno' });
  await page.notebook.setCell(0, 'code', code);
  await page.notebook.runCell(0, { inplace: true });
  await expect(plotPanel(page)).toBeVisible({ timeout: 30_000 });
  await expect(chartCard(page, chart)).toHaveAttribute('data-status', 'connected', {
    timeout: 30_000
  });
}

/** Appends a code cell and runs it to completion. */
export async function runNewCell(page: IJupyterLabPageFixture, code: string): Promise<void> {
  const index = await page.notebook.getCellCount();
  await page.notebook.addCell('code', code);
  await page.notebook.runCell(index, { inplace: true });
}

/** The chart area of a card. */
export function chartView(card: Locator): Locator {
  return card.locator('.jp-AsyncPlotter-view');
}

/** Rows held by the card's model (`data-points`). */
export async function cardPoints(card: Locator): Promise<number> {
  const value = await card.locator('.jp-AsyncPlotter-points').getAttribute('data-points');
  return value === null ? -1 : Number(value);
}

/** Rows the card's Vega view actually holds (`data-rows`), -1 before the first draw. */
export async function drawnRows(card: Locator): Promise<number> {
  const value = await chartView(card).getAttribute('data-rows');
  return value === null ? -1 : Number(value);
}

/** A toolbar button of a card, by its accessible name. */
export function cardButton(card: Locator, label: string): Locator {
  return card.getByRole('button', { name: label, exact: true });
}

/** Runs `click`, waits for the download it starts and reads the file. */
export async function downloadedBytes(
  page: Page,
  click: () => Promise<void>
): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

/**
 * How far (px) the chart's canvas or SVG reaches past the content box of the card's view on
 * the left or right: 0 when the whole chart is visible.
 */
export async function chartOverflow(card: Locator): Promise<number> {
  return chartView(card).evaluate(node => {
    const drawing = node.querySelector('canvas, svg.marks');
    if (!drawing) {
      return Number.POSITIVE_INFINITY;
    }
    const box = node.getBoundingClientRect();
    const style = getComputedStyle(node);
    const left = box.left + parseFloat(style.paddingLeft) + node.clientLeft;
    const right = box.left + node.clientLeft + node.clientWidth - parseFloat(style.paddingRight);
    const chart = drawing.getBoundingClientRect();
    return Math.max(0, left - chart.left, chart.right - right);
  });
}
