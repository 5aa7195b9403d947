import { expect, test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { drawnRows, pushRows, restartKernel, startPlotNotebook } from '../helpers/panel-notebook';
import { cardPoints } from '../../support/card-points';
import { cellOutputText, chartCard, plotPanel } from '../helpers/plot-panel';
import { openPlotterCode } from '../../support/plotter-cell';

// About 25-40 s each on an idle machine, of which up to 20 s with the kernel suspended; up to
// twice that while the 2 cores are shared.
test.describe.configure({ timeout: 150_000 });

/** The handle of the plotter in the notebook's output. */
function handleOutput(page: Page) {
  return page.locator('.jp-Notebook .jp-AsyncPlotter-handle');
}

/**
 * The process id the cell at `index` printed as `{"pid":N}`, once it is printed; checked to be
 * a Deno process of this machine, since the test suspends it.
 */
async function printedDenoPid(page: Page, index: number): Promise<number> {
  const pattern = /\{"pid":(\d+)\}/;
  await expect
    .poll(async () => pattern.test(await cellOutputText(page, index)), { timeout: 30_000 })
    .toBe(true);
  const pid = Number((await cellOutputText(page, index)).match(pattern)?.[1]);
  const command = await readFile(`/proc/${pid}/cmdline`, 'utf8');
  expect(command.split('\0')[0], `process ${pid}`).toMatch(/deno$/);
  return pid;
}

test('a card shows stalled while its plotter sends nothing, then connected when it resumes', async ({
  page
}, testInfo) => {
  await startPlotNotebook(
    page,
    'stall.ipynb',
    `${openPlotterCode('stall', 20)}\nconsole.log(JSON.stringify({ pid: Deno.pid }));`
  );
  const card = chartCard(page, 'loss');
  await expect.poll(() => drawnRows(card)).toBe(20);
  const pid = await printedDenoPid(page, 0);
  await expect(handleOutput(page)).toHaveAttribute('data-status', 'connected');

  // Suspend the whole kernel: its worker thread sends no frame and no heartbeat any more, while
  // the socket stays open (socket.io's own ping gives up only after 45 s).
  process.kill(pid, 'SIGSTOP');
  try {
    await expect(card).toHaveAttribute('data-status', 'stalled', { timeout: 20_000 });
    await expect(card.locator('.jp-AsyncPlotter-status')).toHaveText('stalled');
    // A stall is not a lost link: no reason to show, the data stays.
    await expect(card.locator('.jp-AsyncPlotter-problem')).toBeHidden();
    expect(await cardPoints(card)).toBe(20);
    expect(await drawnRows(card)).toBe(20);
    await expect(handleOutput(page)).toHaveAttribute('data-status', 'stalled');
    await expect(handleOutput(page)).toContainText('plot server not responding');
    await card.screenshot({ path: testInfo.outputPath('stalled-card.png') });
  } finally {
    process.kill(pid, 'SIGCONT');
  }

  // The heartbeats come back on the same link.
  await expect(card).toHaveAttribute('data-status', 'connected', { timeout: 20_000 });
  await expect(card.locator('.jp-AsyncPlotter-status')).toHaveText('connected');
  await expect(handleOutput(page)).toHaveAttribute('data-status', 'connected');
  await pushRows(page, 20, 45);
  await expect.poll(() => cardPoints(card)).toBe(45);
  await expect.poll(() => drawnRows(card)).toBe(45);
  await expect(card).toHaveAttribute('data-status', 'connected');
  await card.screenshot({ path: testInfo.outputPath('resumed-card.png') });
});

test('after a kernel restart the card says in plain words why its link was lost', async ({
  page
}, testInfo) => {
  await startPlotNotebook(page, 'lost.ipynb', openPlotterCode('lost', 15));
  const card = chartCard(page, 'loss');
  await expect.poll(() => drawnRows(card)).toBe(15);

  await restartKernel(page);
  await expect(card).toHaveAttribute('data-status', 'disconnected', { timeout: 20_000 });
  const problem = card.locator('.jp-AsyncPlotter-problem');
  await expect(problem).toBeVisible();
  await expect(problem).toHaveText(
    'Lost the link: the plot server went away (kernel restarted or stopped)'
  );
  await expect(problem).toHaveAttribute('data-problem', 'lost');
  expect(await cardPoints(card)).toBe(15);
  await plotPanel(page).screenshot({ path: testInfo.outputPath('lost-panel.png') });
});
