import { expect, test } from '@jupyterlab/galata';
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import { drawnRows, restartKernel, startPlotNotebook } from '../helpers/panel-notebook';
import { cardPoints } from '../../support/card-points';
import { cellOutputText, chartCard } from '../helpers/plot-panel';
import { openPlotterCode } from '../../support/plotter-cell';

// Faults while a cell streams: the kernel crashing (SIGKILL) or restarted, and the network
// between the browser and the kernel's plot server going silent for 30 s. The card says what
// happened in plain words, keeps every point it had, and recovers with the next snapshot.

// A Deno kernel started twice and a 30 s silence: minutes on a loaded 2-core machine.
test.setTimeout(240_000);

/** A cell that streams `{step, loss}` rows in an async loop (the kernel stays responsive). */
function streamCode(seconds: number): string {
  return `let i = 15;
const end = Date.now() + ${seconds * 1000};
while (Date.now() < end) {
  for (let k = 0; k < 20; k++, i++) c.push({ step: i, loss: i * 0.5 });
  await new Promise(resolve => setTimeout(resolve, 10));
}
console.log(JSON.stringify({ pushed: i }));`;
}

/** Appends `code` as a cell and starts it without waiting; returns its index. */
async function startCell(page: IJupyterLabPageFixture, code: string): Promise<number> {
  const index = await page.notebook.getCellCount();
  await page.notebook.addCell('code', code);
  await page.notebook.runCell(index, { inplace: true, wait: false });
  return index;
}

for (const fault of ['crash', 'restart'] as const) {
  test(`a kernel ${fault === 'crash' ? 'crash (SIGKILL)' : 'restart'} mid-stream: plain words, nothing lost, the snapshot recovers`, async ({
    page
  }) => {
    await startPlotNotebook(
      page,
      `${fault}.ipynb`,
      openPlotterCode(fault, 15) + '\nconsole.log(JSON.stringify({ pid: Deno.pid }));'
    );
    const card = chartCard(page, 'loss');
    const pid = Number(/"pid":(\d+)/.exec(await cellOutputText(page, 0))?.[1]);
    await startCell(page, streamCode(30));
    await expect.poll(() => cardPoints(card)).toBeGreaterThan(500);
    if (fault === 'crash') {
      process.kill(pid, 'SIGKILL');
    } else {
      await restartKernel(page);
    }
    await expect(card).toHaveAttribute('data-status', 'disconnected', { timeout: 20_000 });
    const kept = await cardPoints(card);
    await expect(card.locator('.jp-AsyncPlotter-problem')).toHaveText(
      'Lost the link: the plot server went away (kernel restarted or stopped)'
    );
    await page.waitForTimeout(1000);
    expect(await cardPoints(card), 'nothing kept is lost').toBe(kept);

    // The kernel comes back (JupyterLab restarts a dead one and says so in a dialog); the
    // cell run again takes over the card.
    const dialog = page.locator('.jp-Dialog .jp-Dialog-button.jp-mod-accept');
    if (fault === 'crash') {
      await dialog.click({ timeout: 30_000 }).catch(() => undefined);
    }
    await page.notebook.setCell(0, 'code', openPlotterCode(fault, 9));
    await page.notebook.runCell(0, { inplace: true });
    await expect(card).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
    await expect.poll(() => cardPoints(card)).toBe(9);
    await expect.poll(() => drawnRows(card)).toBe(9);
  });
}

test('the network to the plot server silent for 30 s: stalled, then caught up exactly', async ({
  page
}) => {
  // Messages both ways are held while the link is down and delivered in order afterwards, as
  // TCP does across a dropped link that comes back before either end gives up.
  let down = false;
  let routed = 0;
  const held: (() => void)[] = [];
  // galata's page wraps Playwright's, whose own routes see the page's websockets.
  const lab = (page as unknown as { page: Page }).page;
  await lab.routeWebSocket(/\/async-plotter\/socket\.io\//, ws => {
    routed++;
    const server = ws.connectToServer();
    ws.onMessage(message => (down ? held.push(() => server.send(message)) : server.send(message)));
    server.onMessage(message => (down ? held.push(() => ws.send(message)) : ws.send(message)));
  });
  // A websocket route applies to documents loaded after it.
  await page.reload();
  await startPlotNotebook(page, 'network.ipynb', openPlotterCode('network', 15));
  const card = chartCard(page, 'loss');
  expect(routed, "the panel's socket goes through the route").toBeGreaterThan(0);
  const index = await startCell(page, streamCode(45));
  await expect.poll(() => cardPoints(card)).toBeGreaterThan(500);

  down = true;
  await expect(card).toHaveAttribute('data-status', 'stalled', { timeout: 15_000 });
  await expect(card.locator('.jp-AsyncPlotter-status')).toHaveText('stalled');
  await expect(page.locator('.jp-AsyncPlotter-handle')).toContainText('plot server not responding');
  const during = await cardPoints(card);
  await page.waitForTimeout(30_000 - 6_000);
  expect(await cardPoints(card), 'nothing arrives while the link is down').toBe(during);

  for (const deliver of held.splice(0)) {
    deliver();
  }
  down = false;
  await expect(card).toHaveAttribute('data-status', 'connected', { timeout: 15_000 });
  await expect
    .poll(async () => /"pushed"/.test(await cellOutputText(page, index)), { timeout: 60_000 })
    .toBe(true);
  const pushed = Number(/"pushed":(\d+)/.exec(await cellOutputText(page, index))?.[1]);
  await expect.poll(() => cardPoints(card), { timeout: 15_000 }).toBe(pushed);
});
