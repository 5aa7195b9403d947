import { expect } from '@jupyterlab/galata';
import { test } from './helpers/fixtures';
import type { Page } from '@playwright/test';
import { cardPoints } from '../support/card-points';
import { increases, recordCard } from '../ui/helpers/live-record';
import {
  cellOutputText,
  cellPrompt,
  chartCard,
  connectedSection,
  isCellRunning,
  plotPanel,
  waitForCellToFinish
} from '../ui/helpers/plot-panel';
import { expectDirectPathCut, routeLabel, startRemotePlotter } from './helpers/remote';

// Two JupyterLab pages follow one plotter at once, each through the Jupyter server's route
// (the browser is cut off from the kernels: scripts/remote-ui.sh).
test.describe.configure({ timeout: 150_000 });

/** The JupyterLab application of a plain Playwright page, as galata's helper plugin exposes it. */
interface LabWindow {
  jupyterapp?: {
    started: Promise<void>;
    restored: Promise<void>;
    commands: { execute(id: string, args: Record<string, string>): Promise<unknown> };
  };
}

/** Opens JupyterLab in `page` (a workspace of its own) and waits until it is restored. */
async function openLab(page: Page, baseURL: string): Promise<void> {
  await page.goto(`${baseURL}/lab/workspaces/second-page?reset`);
  await page.waitForFunction(() => (window as LabWindow).jupyterapp !== undefined, null, {
    timeout: 60_000
  });
  await page.evaluate(async () => {
    const app = (window as LabWindow).jupyterapp;
    await app?.started;
    await app?.restored;
  });
}

/**
 * A loop of 3,000 rows, one about every 3 ms of busy computation: 9 s, long enough for several
 * samples of both pages while the machine's two cores also run the browser and the servers.
 */
const LOOP = `for (let i = 20; i < 3020; i++) {
  c.push({ step: i, loss: i * 0.5 });
  const busy = performance.now() + 3;
  while (performance.now() < busy) { /* computing */ }
}
"done"`;

test('two browser pages follow one plotter at once', async ({ page, baseURL }, testInfo) => {
  const plotter = await startRemotePlotter(page, 'remote-pages.ipynb', 'shared', 20);

  const second = await page.context().newPage();
  try {
    await openLab(second, baseURL ?? '');
    // The second page follows it by URL and token ("Connect to a Plotter…").
    await second.evaluate(
      async ({ url, token }) =>
        (window as LabWindow).jupyterapp?.commands.execute('jupyterlab-async-plotter:connect', {
          url,
          token,
          title: 'shared'
        }),
      plotter
    );
    const mine = chartCard(page, 'loss');
    const theirs = connectedSection(second).locator('.jp-AsyncPlotter-card[data-chart="loss"]');
    await expect(plotPanel(second)).toBeVisible({ timeout: 30_000 });
    await expect(theirs).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
    await expect(routeLabel(theirs)).toHaveText('via Jupyter server');
    await expect.poll(() => cardPoints(theirs)).toBe(20);
    await expectDirectPathCut(second, plotter.port);

    const index = await page.notebook.getCellCount();
    await page.notebook.addCell('code', LOOP);
    await page.notebook.runCell(index, { inplace: true, wait: false });
    await expect.poll(() => isCellRunning(page, index)).toBe(true);
    const stopMine = await recordCard(mine, cellPrompt(page, index));
    const stopTheirs = await recordCard(theirs);
    await waitForCellToFinish(page, index, 90_000);
    const minePoints = await stopMine();
    const theirPoints = await stopTheirs();
    // The other page's readings taken while the cell ran (one machine, one clock).
    const running = minePoints.filter(s => s.running);
    const from = running[0]?.at ?? Infinity;
    const to = running[running.length - 1]?.at ?? -Infinity;
    const seen = {
      thisPage: running.map(s => s.points),
      otherPage: theirPoints.filter(s => s.at >= from && s.at <= to).map(s => s.points)
    };
    const message = `points while running: ${JSON.stringify(seen)}`;
    expect(increases(seen.thisPage), message).toBeGreaterThan(2);
    expect(increases(seen.otherPage), message).toBeGreaterThan(2);
    await expect.poll(() => cellOutputText(page, index)).toMatch(/done/);
    await expect.poll(() => cardPoints(mine)).toBe(3020);
    await expect.poll(() => cardPoints(theirs)).toBe(3020);
    await plotPanel(second).screenshot({ path: testInfo.outputPath('second-page-panel.png') });
  } finally {
    await second.close();
  }
});
