/**
 * The extension in Jupyter Notebook 7 (the project's host/notebook, a Deno kernel), as a person
 * uses it. Every plugin of the extension is active. A new notebook from the file browser's New
 * menu runs one cell that opens a plotter and loops; while it runs, the plot panel in Notebook's
 * right side panel shows the chart with ever more points and the handle in the cell's output
 * says it streams. The card's "Open in the main area" puts the chart in a tab below the notebook
 * (Notebook's main area holds one document). Saved mid-run, the .ipynb holds the handle and no
 * trace of the plotter's token (read from its token file in Jupyter's runtime directory). When
 * the loop ends the card holds every point it pushed, and saved then, the output keeps the
 * figure of every point (a PNG among its forms), still without the token.
 */
import { expect, test } from '@playwright/test';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cardPoints } from '../support/card-points';
import { lossLoopCode, openLossPlotterCode } from '../support/plotter-cell';
import { HANDLE_MIME_TYPE } from 'async-plotter/protocol';
import { ROOT } from '../support/repo-root';
import { savedHandles, tokenTraces } from '../support/saved-token';
import { cellOutput, isCellRunning, runCell } from './helpers/cells';
import { newNotebook } from './helpers/new-notebook';
import { pluginStates } from './helpers/notebook-app';
import { chartCard, outputHandle, plotPanel, rightArea } from './helpers/plot-panel';

test.describe.configure({ timeout: 150_000 });

/** The Notebook 7 host's server root (playwright.config.ts) and Jupyter's runtime directory. */
const SERVER_ROOT = join(ROOT, 'test/notebook7/workspace');
const RUNTIME_DIR = join(ROOT, '.scratch/jupyter/runtime');
/** Seconds the cell's loop runs, pushing a point every 4 ms of busy computation. */
const LOOP_SECONDS = 25;

let folder = '';

test.beforeEach(() => {
  folder = `live-plot-${process.pid}-${test.info().retry}`;
  rmSync(join(SERVER_ROOT, folder), { recursive: true, force: true });
  mkdirSync(join(SERVER_ROOT, folder));
});

test.afterEach(() => {
  // A failed run keeps its notebook for a look.
  if (test.info().status === test.info().expectedStatus) {
    rmSync(join(SERVER_ROOT, folder), { recursive: true, force: true });
  }
});

function modified(path: string): number {
  return statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? -1;
}

test('a Deno cell plots live into the panel in the right side panel; the saved notebook holds no token', async ({
  page
}, testInfo) => {
  const notebook = await newNotebook(page, folder, 'Deno');
  // Every plugin of the extension is active in Notebook 7 (none requires what only JupyterLab has).
  const plugins = await pluginStates(notebook, 'jupyterlab-async-plotter:');
  expect(Object.keys(plugins), 'the prebuilt extension loaded (is it built?)').toContain(
    'jupyterlab-async-plotter:plugin'
  );
  expect(Object.entries(plugins).filter(([, active]) => !active)).toEqual([]);
  const file = join(
    SERVER_ROOT,
    decodeURIComponent(new URL(notebook.url()).pathname).replace(/^.*?\/notebooks\//, '')
  );
  await runCell(
    notebook,
    0,
    `${openLossPlotterCode('notebook 7')}\n${lossLoopCode(LOOP_SECONDS, 4)}`
  );

  // The panel opens by itself in Notebook's right side panel, beside the notebook.
  const panel = plotPanel(notebook);
  await expect(rightArea(notebook).locator('#jupyterlab-async-plotter-panel')).toBeVisible({
    timeout: 30_000
  });
  const card = chartCard(notebook, 'loss');
  await expect(card).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
  const panelBox = await panel.boundingBox();
  const notebookBox = await notebook.locator('.jp-NotebookPanel').boundingBox();
  expect(panelBox && notebookBox, 'the panel and the notebook are laid out').toBeTruthy();
  expect(panelBox!.width, 'the panel has room for a chart').toBeGreaterThan(200);
  expect(panelBox!.x, 'the panel is right of the notebook').toBeGreaterThanOrEqual(
    notebookBox!.x + notebookBox!.width - 1
  );

  // The handle in the cell's output is live too.
  const handle = outputHandle(cellOutput(notebook, 0));
  await expect(handle).toHaveAttribute('data-status', 'connected');
  await expect(handle).toContainText('Live plot "notebook 7": streaming');

  // Ever more points while the loop runs.
  const seen: number[] = [];
  while (seen.length < 8 && (await isCellRunning(notebook, 0))) {
    seen.push(await cardPoints(card));
    await notebook.waitForTimeout(400);
  }
  const rises = seen.filter((points, k) => k > 0 && points > seen[k - 1]);
  expect(rises.length, `points seen while the loop ran: ${seen}`).toBeGreaterThanOrEqual(3);
  await notebook.screenshot({ path: testInfo.outputPath('notebook7-live-plot.png') });
  await testInfo.attach('notebook7-live-plot', {
    path: testInfo.outputPath('notebook7-live-plot.png'),
    contentType: 'image/png'
  });

  // Opened "in the main area": Notebook's main area holds the notebook, so the tab goes below it.
  await card.getByRole('button', { name: 'Open in the main area', exact: true }).click();
  const tab = notebook.locator('#jp-down-stack .jp-AsyncPlotter-tab');
  await expect(tab).toBeVisible();
  await expect(tab.locator('.jp-AsyncPlotter-card')).toHaveAttribute('data-status', 'connected');
  await expect.poll(() => cardPoints(tab.locator('.jp-AsyncPlotter-card'))).toBeGreaterThan(0);
  const tabChart = await tab.locator('.jp-AsyncPlotter-view').boundingBox();
  expect(tabChart?.height ?? 0, 'the tab has room for its chart').toBeGreaterThan(200);
  await notebook.screenshot({ path: testInfo.outputPath('notebook7-chart-tab.png') });

  // Saved while it runs (Ctrl+S): the handle is there, without the token in any form.
  const before = modified(file);
  await notebook.keyboard.press('Control+s');
  await expect.poll(() => modified(file), { timeout: 15_000 }).not.toBe(before);
  expect(await isCellRunning(notebook, 0), 'saved while the loop ran').toBe(true);
  const bytes = readFileSync(file);
  const handles = savedHandles(bytes);
  expect(handles.length, 'the saved notebook holds the handle').toBeGreaterThanOrEqual(1);
  expect(handles[0].token, 'the handle has no token field').toBeUndefined();
  const port = new URL(handles[0].url).port;
  const tokenFile = join(RUNTIME_DIR, `async-plotter-${port}.json`);
  const token = (JSON.parse(readFileSync(tokenFile, 'utf8')) as { token: string }).token;
  expect(token).toMatch(/^[0-9a-f]{32}$/);
  expect(tokenTraces(bytes, token), 'traces of the token in the saved notebook').toEqual([]);
  expect(bytes.includes(Buffer.from('token=')), 'no link with a token').toBe(false);

  // The loop ends; the card holds every point it pushed.
  await expect(cellOutput(notebook, 0)).toContainText(/pushed \d+/, {
    timeout: (LOOP_SECONDS + 30) * 1000
  });
  const pushed = Number((await cellOutput(notebook, 0).innerText()).match(/pushed (\d+)/)![1]);
  await expect.poll(() => cardPoints(card)).toBe(pushed);

  // Saved after the loop: the output keeps the figure of every point, as in JupyterLab.
  await expect
    .poll(
      async () => {
        const saved = modified(file);
        await notebook.keyboard.press('Control+s');
        await expect.poll(() => modified(file), { timeout: 15_000 }).not.toBe(saved);
        return savedFigureRows(readFileSync(file));
      },
      { timeout: 30_000, intervals: [1000] }
    )
    .toBe(pushed);
  const final = readFileSync(file);
  expect(final.includes(Buffer.from('"image/png"')), 'the saved output holds a PNG').toBe(true);
  expect(tokenTraces(final, token), 'traces of the token in the saved notebook').toEqual([]);
});

/** The rows the saved notebook's figure says it holds (saved-figure.ts), -1 without one. */
function savedFigureRows(bytes: Buffer): number {
  const notebook = JSON.parse(bytes.toString('utf8')) as {
    cells: { outputs?: { metadata?: Record<string, { figure?: { rows?: number } }> }[] }[];
  };
  const outputs = notebook.cells.flatMap(cell => cell.outputs ?? []);
  const figure = outputs.find(output => output.metadata?.[HANDLE_MIME_TYPE]?.figure)?.metadata?.[
    HANDLE_MIME_TYPE
  ]?.figure;
  return figure?.rows ?? -1;
}
