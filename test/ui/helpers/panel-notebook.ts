import { expect } from '@jupyterlab/galata';
import type { IJupyterLabPageFixture, JupyterLabPage } from '@jupyterlab/galata';
import type { Locator, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { cellOutputText, chartCard, isCellRunning, plotPanel } from './plot-panel';
import { pushRowsCode, streamRowsCode } from '../../support/plotter-cell';

/**
 * Appends a cell of `streamRowsCode(from, seconds)` and starts it without waiting for it;
 * resolves with its index once it runs.
 */
export async function runStreamingCell(
  page: IJupyterLabPageFixture,
  from: number,
  seconds: number
): Promise<number> {
  const index = await page.notebook.getCellCount();
  await page.notebook.addCell('code', streamRowsCode(from, seconds));
  await page.notebook.runCell(index, { inplace: true, wait: false });
  await expect.poll(() => isCellRunning(page, index)).toBe(true);
  return index;
}

/** Clicks the card's "Stop computation" and waits for the cell at `index` to end. */
export async function stopFromCard(page: Page, card: Locator, index: number): Promise<void> {
  await cardButton(card, 'Stop computation').click();
  await expect.poll(() => isCellRunning(page, index), { timeout: 15_000 }).toBe(false);
}

/**
 * Writes notebook `name` (one empty code cell, the Deno kernelspec in its metadata) into the
 * file browser's folder and opens it: JupyterLab starts its kernel under that name at once.
 * (galata's `createNew` renames an Untitled notebook after its kernel started, and the Jupyter
 * server's session may keep the old path: a reloaded page then starts a second kernel.)
 */
export async function createDenoNotebook(
  page: IJupyterLabPageFixture,
  name: string
): Promise<void> {
  const notebook = {
    cells: [{ cell_type: 'code', source: '', metadata: {}, execution_count: null, outputs: [] }],
    metadata: {
      kernelspec: { name: 'deno', display_name: 'Deno', language: 'typescript' }
    },
    nbformat: 4,
    nbformat_minor: 5
  };
  const path = `${await page.filebrowser.getCurrentDirectory()}/${name}`;
  await page.contents.uploadContent(JSON.stringify(notebook), 'text', path);
  await page.notebook.openByPath(path);
  await page.notebook.activate(name);
}

/** Creates `name` with a Deno kernel and runs `code` in its first cell. */
export async function createPlotNotebook(
  page: IJupyterLabPageFixture,
  name: string,
  code: string
): Promise<void> {
  // galata's proxy parses the empty 204 reply of the interrupt endpoint as JSON: let it through.
  await page.route(/\/api\/kernels\/[^/]+\/interrupt/, route => route.continue());
  await createDenoNotebook(page, name);
  await page.notebook.setCell(0, 'code', code);
  await page.notebook.runCell(0, { inplace: true });
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
  await createPlotNotebook(page, name, code);
  await expect(plotPanel(page)).toBeVisible({ timeout: 30_000 });
  await expect(chartCard(page, chart)).toHaveAttribute('data-status', 'connected', {
    timeout: 30_000
  });
}

/**
 * The `{ url, token }` a cell of `openPlotterCode(..., { display: false })` printed, once the
 * cell at `index` has printed it.
 */
export async function printedServer(
  page: Page,
  index: number
): Promise<{ url: string; token: string }> {
  const pattern = /\{"url":.*?\}/;
  await expect
    .poll(async () => pattern.test(await cellOutputText(page, index)), { timeout: 30_000 })
    .toBe(true);
  const printed = (await cellOutputText(page, index)).match(pattern)?.[0] ?? 'null';
  return JSON.parse(printed) as { url: string; token: string };
}

/** Restarts the kernel of the current notebook from the Kernel menu, accepting the dialog. */
export async function restartKernel(page: IJupyterLabPageFixture): Promise<void> {
  await page.menu.clickMenuItem('Kernel>Restart Kernel…');
  await page.locator('.jp-Dialog .jp-Dialog-button.jp-mod-accept').click();
  await expect(page.locator('.jp-Dialog')).toHaveCount(0);
}

/**
 * Reloads the page once the Jupyter server's session of notebook `name` carries that name, so
 * that the reloaded page finds the running kernel. galata's `createNew` renames the notebook
 * after its kernel started; a page reloaded before the session learned the new path starts a
 * second kernel (seen on CI: the reloaded notebook's cells ran in a fresh kernel).
 */
export async function reloadKeepingKernel(
  page: IJupyterLabPageFixture,
  name: string
): Promise<void> {
  const sessionPaths = async (): Promise<string[]> => {
    const url = new URL(page.url());
    url.pathname = `${url.pathname.split('/lab')[0]}/api/sessions`;
    const reply = await page.request.get(url.href);
    const sessions = (await reply.json()) as { path: string }[];
    return sessions.map(session => session.path);
  };
  await expect
    .poll(async () => (await sessionPaths()).some(path => path.endsWith(`/${name}`)), {
      message: `a kernel session for ${name}`,
      timeout: 15_000
    })
    .toBe(true);
  const lab = page as unknown as Pick<JupyterLabPage, 'reload'>;
  await lab.reload({ waitForIsReady: false });
}

/** Appends a code cell and runs it to completion. */
export async function runNewCell(page: IJupyterLabPageFixture, code: string): Promise<void> {
  const index = await page.notebook.getCellCount();
  await page.notebook.addCell('code', code);
  await page.notebook.runCell(index, { inplace: true });
}

/** Appends a cell that pushes the rows of `pushRowsCode(from, to, charts)` and runs it. */
export async function pushRows(
  page: IJupyterLabPageFixture,
  from: number,
  to: number,
  charts?: string[]
): Promise<void> {
  await runNewCell(page, pushRowsCode(from, to, charts));
}

/** The chart area of a card. */
export function chartView(card: Locator): Locator {
  return card.locator('.jp-AsyncPlotter-view');
}

/** The number an attribute of `element` holds, -1 while it has none. */
async function numberAttribute(element: Locator, name: string): Promise<number> {
  const value = await element.getAttribute(name);
  return value === null ? -1 : Number(value);
}

/** Rows the card's Vega view actually holds (`data-rows`), -1 before the first draw. */
export function drawnRows(card: Locator): Promise<number> {
  return numberAttribute(chartView(card), 'data-rows');
}

/** Draws the card's chart has made (`data-draws`), -1 before the first. */
export function chartDraws(card: Locator): Promise<number> {
  return numberAttribute(chartView(card), 'data-draws');
}

/** Vega views the card's chart has embedded (`data-embeds`), -1 before the first. */
export function chartEmbeds(card: Locator): Promise<number> {
  return numberAttribute(chartView(card), 'data-embeds');
}

/** What a card did over a span of time, measured in the page (see `measureCard`). */
export interface CardActivity {
  /** Length of the span in seconds (the page's clock). */
  seconds: number;
  /** Updates the card applied (`data-frames` of the card), per second over the span. */
  framesPerSecond: number;
  /** Draws its chart view made (`data-draws` of the view), per second over the span. */
  drawsPerSecond: number;
  /** The frames/s figure of the card's status line (`data-rate`), sampled every 250 ms. */
  shownRates: number[];
}

/**
 * Watches a card for `ms` milliseconds inside the page (no round trips in the timing): counts
 * the updates it applied and the draws its chart made, and samples the rate it shows.
 */
export async function measureCard(card: Locator, ms: number): Promise<CardActivity> {
  return card.evaluate(async (node, span) => {
    const view = node.querySelector<HTMLElement>('.jp-AsyncPlotter-view');
    const rate = node.querySelector<HTMLElement>('.jp-AsyncPlotter-rate');
    const frames = () => Number(node.dataset.frames ?? NaN);
    const draws = () => Number(view?.dataset.draws ?? NaN);
    const shownRates: number[] = [];
    const start = performance.now();
    const frames0 = frames();
    const draws0 = draws();
    while (performance.now() - start < span) {
      await new Promise(resolve => setTimeout(resolve, 250));
      shownRates.push(Number(rate?.dataset.rate ?? NaN));
    }
    const seconds = (performance.now() - start) / 1000;
    return {
      seconds,
      framesPerSecond: (frames() - frames0) / seconds,
      drawsPerSecond: (draws() - draws0) / seconds,
      shownRates
    };
  }, ms);
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

/** Widths (CSS px) of a card's chart: the room its view leaves and the drawing in it. */
export interface ChartWidths {
  /** The content box of `.jp-AsyncPlotter-view` (its padding is not room for the chart). */
  room: number;
  /** The rendered canvas or SVG; -1 before the first embed. */
  drawing: number;
}

/** The room the card's view leaves for the chart and the width of the drawing in it. */
export async function chartWidths(card: Locator): Promise<ChartWidths> {
  return chartView(card).evaluate(node => {
    const style = getComputedStyle(node);
    const room = node.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const drawing = node.querySelector('canvas, svg.marks');
    return { room, drawing: drawing ? drawing.getBoundingClientRect().width : -1 };
  });
}
