import { expect, test } from '@jupyterlab/galata';
import {
  cellOutputText,
  chartCard,
  isCellRunning,
  plotPanel,
  waitForCellToFinish
} from './helpers/plot-panel';
import { cardPointsNow } from '../support/card-points';
import { endlessLossLoopCode, lossLoopCode, openLossPlotterCode } from '../support/plotter-cell';

const OPEN_PLOTTER = openLossPlotterCode('live');

/** A synchronous loop of about 6 s: a point every ~5 ms of busy computation. */
const SYNCHRONOUS_LOOP = lossLoopCode(6, 5);

const ENDLESS_LOOP = endlessLossLoopCode(5);

test.describe('live plotting from a Deno notebook', () => {
  // Each test runs a ~6 s loop in a real kernel; allow for a loaded machine.
  test.describe.configure({ timeout: 120_000 });

  test.beforeEach(async ({ page }) => {
    // galata's proxy parses the empty 204 reply of the interrupt endpoint as JSON: let it through.
    await page.route(/\/api\/kernels\/[^/]+\/interrupt/, route => route.continue());
    await page.notebook.createNew('live.ipynb', { kernel: 'deno' });
    await page.notebook.setCell(0, 'code', OPEN_PLOTTER);
    await page.notebook.runCell(0, { inplace: true });
    await expect(plotPanel(page)).toBeVisible({ timeout: 30_000 });
    await expect(chartCard(page, 'loss')).toBeVisible();
  });

  test('a synchronous loop draws while the cell runs', async ({ page }, testInfo) => {
    await page.notebook.addCell('code', SYNCHRONOUS_LOOP);
    await page.notebook.runCell(1, { inplace: true, wait: false });
    await expect.poll(() => isCellRunning(page, 1)).toBe(true);

    const seenWhileRunning: number[] = [];
    let screenshotTaken = false;
    while (await isCellRunning(page, 1)) {
      const points = await cardPointsNow(chartCard(page, 'loss'));
      if (await isCellRunning(page, 1)) {
        seenWhileRunning.push(points);
        if (!screenshotTaken && points > 300) {
          await plotPanel(page).screenshot({ path: testInfo.outputPath('panel-mid-run.png') });
          screenshotTaken = true;
        }
      }
      await page.waitForTimeout(250);
    }
    const increases = seenWhileRunning.filter((n, i) => i > 0 && n > seenWhileRunning[i - 1]);
    expect(
      increases.length,
      `points seen while running: ${seenWhileRunning}`
    ).toBeGreaterThanOrEqual(3);
    expect(screenshotTaken).toBe(true);

    await expect.poll(() => cellOutputText(page, 1)).toMatch(/pushed \d+/);
    const pushed = Number((await cellOutputText(page, 1)).match(/pushed (\d+)/)?.[1]);
    expect(pushed).toBeGreaterThan(100);
    await expect.poll(() => cardPointsNow(chartCard(page, 'loss'))).toBe(pushed);
    await plotPanel(page).screenshot({ path: testInfo.outputPath('panel-final.png') });
  });

  test('Kernel > Interrupt stops an endless plotting cell and keeps kernel and plot', async ({
    page
  }) => {
    await page.notebook.addCell('code', ENDLESS_LOOP);
    await page.notebook.runCell(1, { inplace: true, wait: false });
    await expect
      .poll(() => cardPointsNow(chartCard(page, 'loss')), { timeout: 15_000 })
      .toBeGreaterThan(200);

    await page.menu.clickMenuItem('Kernel>Interrupt Kernel');
    const stoppedAfterMs = await waitForCellToFinish(page, 1, 10_000);
    expect(stoppedAfterMs).toBeLessThanOrEqual(2000);

    await page.notebook.addCell('code', 'before + 1 + " " + step');
    await page.notebook.runCell(2, { inplace: true });
    await expect.poll(() => cellOutputText(page, 2)).toMatch(/42 \d+/);
    const pushedBeforeStop = Number((await cellOutputText(page, 2)).match(/42 (\d+)/)?.[1]);
    await expect.poll(() => cardPointsNow(chartCard(page, 'loss'))).toBe(pushedBeforeStop);

    await page.notebook.addCell(
      'code',
      'for (let k = 0; k < 10; k++) { loss.push({ step, loss: 0.5 }); step++; }'
    );
    await page.notebook.runCell(3, { inplace: true });
    await expect.poll(() => cardPointsNow(chartCard(page, 'loss'))).toBe(pushedBeforeStop + 10);
  });
});
