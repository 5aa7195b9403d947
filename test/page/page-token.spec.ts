/** A page without the right token says so and shows no data. */
import { expect, test } from '@playwright/test';
import { killScripts, startScript } from '../support/stream-script';
import { chartCards, pageStatus } from './helpers/viewer-page';

test.afterEach(() => killScripts());

test('a wrong token: a clear message, no chart, no data', async ({ page }) => {
  const script = await startScript('page token', { options: { loopMs: 200 } });
  await script.run();
  await page.goto(`${script.handle.url}/?token=not-the-token`);
  await expect(pageStatus(page)).toHaveAttribute('data-tone', 'problem');
  await expect(pageStatus(page)).toContainText('refused this page (wrong token)');
  await expect(pageStatus(page)).toContainText('Open the link the script printed');
  await page.waitForTimeout(1000);
  await expect(chartCards(page)).toHaveCount(0);
  await expect(page.locator('.jp-AsyncPlotter-view')).toHaveCount(0);
  expect(script.stderr()).toMatch(/refused viewer from .*: wrong token/);
});

test('no token: a clear message and no connection at all', async ({ page }) => {
  const script = await startScript('page no token', { options: { loopMs: 200 } });
  await script.run();
  await page.goto(`${script.handle.url}/`);
  await expect(page.getByRole('alert')).toContainText('This page needs the token of the plots');
  await expect(chartCards(page)).toHaveCount(0);
  await page.goto(`${script.handle.url}/?token=`);
  await expect(page.getByRole('alert')).toContainText('Open the link the script printed');
  expect(script.stderr()).not.toMatch(/refused viewer/);
});
