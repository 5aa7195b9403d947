import { expect, test } from '@jupyterlab/galata';
import { resolve } from 'node:path';
import { chartCard, isCellRunning, plotPanel } from './helpers/plot-panel';
import { cardPointsNow } from '../support/card-points';

// The demo notebook users open first (`npm run demo`), run as they would run it.
test('the demo notebook draws live in the side panel while its cell runs', async ({
  page,
  tmpPath
}, testInfo) => {
  test.setTimeout(300_000);
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
    const points = await cardPointsNow(chartCard(page, 'loss'));
    if (await isCellRunning(page, 1)) {
      seenWhileRunning.push(points);
      if (!screenshotTaken && points >= 1000) {
        await page.screenshot({ path: testInfo.outputPath('demo-mid-run.png') });
        screenshotTaken = true;
      }
    }
    // On an idle machine the loop lasts about two seconds: look often.
    await page.waitForTimeout(50);
  }
  const increases = seenWhileRunning.filter((n, i) => i > 0 && n > seenWhileRunning[i - 1]);
  expect(increases.length, `points seen while running: ${seenWhileRunning}`).toBeGreaterThanOrEqual(
    3
  );
  expect(screenshotTaken).toBe(true);
  // 200,000,000 steps, a point every 50,000.
  await expect.poll(() => cardPointsNow(chartCard(page, 'loss')), { timeout: 30_000 }).toBe(4000);
  await page.screenshot({ path: testInfo.outputPath('demo-final.png') });

  // Ten million points, every one kept: drawn decimated while the loop runs, then zoomed.
  await page.notebook.runCell(3, { inplace: true });
  await page.notebook.runCell(5, { inplace: true, wait: false });
  const signal = chartCard(page, 'signal');
  await expect(signal).toBeVisible({ timeout: 60_000 });
  await expect
    .poll(() => cardPointsNow(chartCard(page, 'signal')), { timeout: 120_000 })
    .toBe(10_000_000);
  await expect(signal.locator('.jp-AsyncPlotter-points')).toHaveText(
    /^decimated: [\d,]+ of 10,000,000 rows$/
  );
  await signal.scrollIntoViewIfNeeded();
  await signal.screenshot({ path: testInfo.outputPath('demo-ten-million.png') });
  const canvas = (await signal.locator('.jp-AsyncPlotter-view canvas.marks').boundingBox())!;
  await page.mouse.move(canvas.x + canvas.width * 0.5, canvas.y + canvas.height * 0.5);
  await page.keyboard.down('Control');
  for (let i = 0; i < 8; i++) {
    await page.mouse.wheel(0, -500);
    await page.waitForTimeout(50);
  }
  await page.keyboard.up('Control');
  const reset = signal.getByRole('button', { name: 'Reset zoom (show everything)' });
  await expect(reset).toHaveAttribute('aria-disabled', 'false');
  await page.waitForTimeout(500);
  await signal.screenshot({ path: testInfo.outputPath('demo-ten-million-zoomed.png') });

  // The field section: a heat equation drawn as an image beside its energy curve.
  await page.notebook.runCell(7, { inplace: true, wait: false });
  const heat = chartCard(page, 'heat');
  // Below the other cards: it draws once it is scrolled into view.
  await expect(heat).toBeAttached({ timeout: 60_000 });
  await heat.scrollIntoViewIfNeeded();
  await expect(heat.locator('canvas.jp-AsyncPlotter-fieldLayer')).toBeVisible({ timeout: 60_000 });
  await expect(heat.locator('.jp-AsyncPlotter-fieldReadout')).toHaveText(/^384 × 384 cells, /);
  await expect
    .poll(() => cardPointsNow(chartCard(page, 'energy')), { timeout: 120_000 })
    .toBe(4000);
  await heat.screenshot({ path: testInfo.outputPath('demo-field.png') });
});
