/**
 * A notebook frontend without the extension (VS Code, nbclassic) shows the handle's fallback
 * outputs: its HTML links to the live page and its plain text gives the same address, neither
 * with the token (a saved notebook keeps no secret); both say where the link with the token
 * is, and the page opened from the link says it needs one. The link with the token opens a
 * live page.
 */
import { expect, test } from '@playwright/test';
import { displayHtml, displayText } from '../../kernel-client/lib/showing/display.js';
import { killScripts, startScript } from '../support/stream-script';
import { expectLive } from './helpers/viewer-page';
import { cardPointsNow } from '../support/card-points';

test.afterEach(() => killScripts());

test('the fallback HTML output links to the page without the token, and says where it is', async ({
  page
}) => {
  const script = await startScript('page <fallback> & "quotes"', { options: { loopMs: 1000 } });
  const token = script.handle.token;
  expect(displayText(script.handle)).toContain(`${script.handle.url}/`);
  expect(displayText(script.handle)).toContain('viewerUrl');
  expect(displayText(script.handle)).not.toContain(token);
  expect(displayHtml(script.handle)).not.toContain(token);
  // As a frontend renders a text/html output: the markup as the page's content.
  await page.setContent(`<main class="output">${displayHtml(script.handle)}</main>`);
  await expect(page.locator('.output')).toContainText('Async Plotter "page <fallback> & "quotes""');
  await expect(page.locator('.output')).toContainText('viewerUrl');
  const link = page.getByRole('link', { name: "the live plots' page" });
  await expect(link).toHaveAttribute('href', `${script.handle.url}/`);
  const [viewer] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
  await expect(viewer.getByRole('alert')).toContainText('This page needs the token of the plots');
  await expect(viewer.getByRole('alert')).toContainText('viewerUrl');
  // The link with the token (plotter.viewerUrl) is live.
  await viewer.goto(script.viewerUrl);
  await expectLive(viewer);
  const rows = await script.run();
  await expect.poll(() => cardPointsNow(viewer)).toBe(rows);
});
