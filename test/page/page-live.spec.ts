/**
 * The standalone viewer page against real scripts (Node and Deno) streaming during a
 * synchronous loop: opened from the printed link, live while the loop spins, exact at the end,
 * and still showing the last data once the script has finished.
 */
import { expect, test } from '@playwright/test';
import { RUNTIMES } from '../support/runtimes';
import { killScripts, PRINTED_LINE, startScript } from '../support/stream-script';
import {
  drawnState,
  expectLive,
  growthsBelow,
  pageStatus,
  sampleWhile,
  wholeHistory
} from './helpers/viewer-page';
import { cardPointsNow } from '../support/card-points';

test.afterEach(() => killScripts());

for (const runtime of RUNTIMES) {
  test(`${runtime}: the printed link shows the plots live during a synchronous loop`, async ({
    page
  }) => {
    const title = `page live ${runtime}`;
    const script = await startScript(title, { runtime, options: { loopMs: 3000 } });
    await expect.poll(() => PRINTED_LINE.exec(script.stderr())?.[2]).toBe(script.viewerUrl);
    expect(PRINTED_LINE.exec(script.stderr())?.[1]).toBe(title);
    expect(script.viewerUrl).toBe(`${script.handle.url}/?token=${script.handle.token}`);

    await page.goto(script.viewerUrl);
    await expectLive(page);
    // The token left the address bar; a reload still has it (this tab's session).
    expect(page.url()).toBe(`${script.handle.url}/`);
    await expect(page).toHaveTitle(title);
    await page.reload();
    await expectLive(page);
    await expect(page.locator('.jp-AsyncPlotter-pageTitle')).toHaveText(title);

    const { samples, result: rows } = await sampleWhile(page, script.run());
    expect(
      growthsBelow(samples, rows),
      `points seen during the loop: ${samples.join(' ')} (of ${rows})`
    ).toBeGreaterThanOrEqual(3);
    await expect.poll(() => cardPointsNow(page)).toBe(rows);
    // The whole history, from the first row to the last, is drawn (decimated to the plot's
    // width once there are more rows than pixel columns can show), and the card says so.
    const whole = () => wholeHistory(page, rows);
    await expect.poll(whole).toMatch(/^(all|decimated)$/);
    const final = await drawnState(page);

    script.close();
    await expect(pageStatus(page)).toContainText('The script has finished');
    await expect(pageStatus(page)).toHaveAttribute('data-tone', 'ended');
    expect(await script.exited()).toBe(0);
    await page.waitForTimeout(500);
    expect(await cardPointsNow(page)).toBe(rows);
    expect(await drawnState(page)).toEqual(final);
  });
}
