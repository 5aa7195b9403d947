/**
 * The page follows the system's light or dark preference live. Screenshots of both (and of a
 * refused page) go to the test's output folder and to .scratch/page-screenshots/ to be looked at.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { killScripts, startScript } from '../support/stream-script';
import { expectLive } from './helpers/viewer-page';
import { cardPointsNow } from '../support/card-points';

const SHOTS = fileURLToPath(new URL('../../.scratch/page-screenshots/', import.meta.url));

test.afterEach(() => killScripts());

async function shoot(page: Page, name: string, path: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path });
  await page.screenshot({ path: `${SHOTS}${name}.png` });
}

const background = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('light and dark follow prefers-color-scheme, live', async ({ page }, info) => {
  await page.setViewportSize({ width: 1200, height: 720 });
  await page.emulateMedia({ colorScheme: 'light' });
  const script = await startScript('training run', { options: { loopMs: 1500 } });
  await page.goto(script.viewerUrl);
  await expectLive(page);
  const rows = await script.run();
  await expect.poll(() => cardPointsNow(page)).toBe(rows);
  const view = page.locator('.jp-AsyncPlotter-view').first();
  await expect(view).toHaveAttribute('data-embeds', '1');
  expect(await background(page)).toBe('rgb(255, 255, 255)');
  await shoot(page, 'page-light', info.outputPath('page-light.png'));

  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(view).toHaveAttribute('data-embeds', '2');
  expect(await background(page)).toBe('rgb(33, 33, 33)');
  await expect.poll(() => cardPointsNow(page)).toBe(rows);
  await shoot(page, 'page-dark', info.outputPath('page-dark.png'));

  script.close();
  await expect(page.locator('.jp-AsyncPlotter-pageStatus')).toHaveAttribute('data-tone', 'ended');
  await shoot(page, 'page-dark-finished', info.outputPath('page-dark-finished.png'));
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(view).toHaveAttribute('data-embeds', '3');
  await shoot(page, 'page-light-finished', info.outputPath('page-light-finished.png'));
});

test('a refused page, light and dark', async ({ page }, info) => {
  await page.setViewportSize({ width: 1000, height: 400 });
  const script = await startScript('refused', { options: { loopMs: 100 } });
  await page.goto(`${script.handle.url}/?token=wrong`);
  await expect(page.locator('.jp-AsyncPlotter-pageStatus')).toHaveAttribute('data-tone', 'problem');
  await shoot(page, 'page-refused-light', info.outputPath('page-refused-light.png'));
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'page-refused-dark', info.outputPath('page-refused-dark.png'));
});
