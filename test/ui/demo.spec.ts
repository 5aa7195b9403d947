import { expect, test } from '@jupyterlab/galata';
import { resolve } from 'node:path';
import { chartCard, isCellRunning, plotPanel, pointsShown } from './helpers/plot-panel';

// The demo notebook users open first (`npm run demo`), run as they would run it.
test('the demo notebook draws live in the side panel while its cell runs', async ({
  page,
  tmpPath
}, testInfo) => {
  test.setTimeout(180_000);
  const demo = resolve(__dirname, '../../demo/live-plot.ipynb');
  await page.contents.uploadFile(demo, `${tmpPath}/live-plot.ipynb`);
  await page.notebook.openByPath(`${tmpPath}/live-plot.ipynb`);
  await page.notebook.activate('live-plot.ipynb');

  await page.notebook.runCell(1, { inplace: true, wait: false });
  await expect(plotPanel(page)).toBeVisible({ timeout: 60_000 });
  await expect(chartCard(page, 'loss')).toBeVisible();

  const seenWhileRunning: number[] = [];
  let screenshotTaken = false;
  while (await isCellRunning(page, 1)) {
    const points = await pointsShown(page, 'loss');
    if (await isCellRunning(page, 1)) {
      seenWhileRunning.push(points);
      if (!screenshotTaken && points >= 1000) {
        await page.screenshot({ path: testInfo.outputPath('demo-mid-run.png') });
        screenshotTaken = true;
      }
    }
    await page.waitForTimeout(250);
  }
  const increases = seenWhileRunning.filter((n, i) => i > 0 && n > seenWhileRunning[i - 1]);
  expect(increases.length, `points seen while running: ${seenWhileRunning}`).toBeGreaterThanOrEqual(
    3
  );
  expect(screenshotTaken).toBe(true);
  // 200,000,000 steps, a point every 50,000.
  await expect.poll(() => pointsShown(page, 'loss'), { timeout: 30_000 }).toBe(4000);
  await page.screenshot({ path: testInfo.outputPath('demo-final.png') });
});
