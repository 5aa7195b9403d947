/**
 * A notebook frontend without the extension (VS Code, nbclassic) shows the handle's fallback
 * outputs: its HTML is a link to the live page, its plain text carries the same link.
 */
import { expect, test } from '@playwright/test';
import { displayHtml, displayText } from '../../kernel-client/lib/showing/display.js';
import { killScripts, startScript } from './helpers/script';
import { cardPoints, expectLive } from './helpers/viewer-page';

test.afterEach(() => killScripts());

test('the fallback HTML output links to a live page', async ({ page }) => {
  const script = await startScript('page <fallback> & "quotes"', { options: { loopMs: 1000 } });
  expect(displayText(script.handle)).toContain(script.viewerUrl);
  // As a frontend renders a text/html output: the markup as the page's content.
  await page.setContent(`<main class="output">${displayHtml(script.handle)}</main>`);
  await expect(page.locator('.output')).toContainText('Async Plotter "page <fallback> & "quotes""');
  const link = page.getByRole('link', { name: 'open the live plots' });
  await expect(link).toHaveAttribute('href', script.viewerUrl);
  const [viewer] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
  await expectLive(viewer);
  const rows = await script.run();
  await expect.poll(() => cardPoints(viewer)).toBe(rows);
});
