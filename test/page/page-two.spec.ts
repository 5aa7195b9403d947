/** Two pages follow one script at once; a script that dies leaves both with its last data. */
import { expect, test } from '@playwright/test';
import { killScripts, startScript } from '../support/stream-script';
import { drawnRows, expectLive, pageStatus } from './helpers/viewer-page';
import { cardPointsNow } from '../support/card-points';

test.afterEach(() => killScripts());

test('two pages at once, then the script is killed', async ({ browser }) => {
  const script = await startScript('page two', { options: { loopMs: 1500 } });
  const first = await browser.newPage();
  const second = await (await browser.newContext()).newPage();
  await first.goto(script.viewerUrl);
  await second.goto(script.viewerUrl);
  await expectLive(first);
  await expectLive(second);
  const rows = await script.run();
  for (const page of [first, second]) {
    await expect.poll(() => cardPointsNow(page)).toBe(rows);
    await expect.poll(() => drawnRows(page)).toBe(rows);
  }
  script.child.kill('SIGKILL');
  await script.exited();
  for (const page of [first, second]) {
    await expect(pageStatus(page)).toContainText('The script has ended');
    await expect(pageStatus(page)).toHaveAttribute('data-tone', 'ended');
    expect(await cardPointsNow(page)).toBe(rows);
    expect(await drawnRows(page)).toBe(rows);
  }
  await second.context().close();
});
