/**
 * `open({ browser })` starts the configured command with the page's link: a command of the
 * user's choice, or `BROWSER` (as Python's webbrowser and Jupyter read it). A stand-in browser
 * records its arguments; the test then opens what it was given.
 */
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { killScripts, startScript } from '../support/stream-script';
import { expectLive } from './helpers/viewer-page';
import { cardPointsNow } from '../support/card-points';

test.afterEach(() => killScripts());

/** A stand-in browser: writes its arguments, one per line, to `<itself>.args`. */
async function standInBrowser(path: string): Promise<() => Promise<string[]>> {
  await writeFile(path, '#!/bin/sh\nprintf \'%s\\n\' "$@" > "$0.args"\n');
  await chmod(path, 0o755);
  return async () => {
    const text = await readFile(`${path}.args`, 'utf8').catch(() => '');
    return text.split('\n').filter(line => line !== '');
  };
}

test("a command of the user's choice gets the link where %s stands", async ({ page }, info) => {
  const browser = info.outputPath('browser.sh');
  const recorded = await standInBrowser(browser);
  const script = await startScript('page launch', {
    options: { browser: `${browser} --new-window %s --app`, loopMs: 500 }
  });
  await expect.poll(recorded).toEqual(['--new-window', script.viewerUrl, '--app']);
  await page.goto((await recorded())[1]);
  await expectLive(page);
  const rows = await script.run();
  await expect.poll(() => cardPointsNow(page)).toBe(rows);
  expect(script.stderr()).not.toContain('could not open');
});

test('browser: true follows BROWSER, past a command that does not exist', async ({
  page
}, info) => {
  const browser = info.outputPath('browser.sh');
  const recorded = await standInBrowser(browser);
  const script = await startScript('page launch env', {
    options: { browser: true, loopMs: 500 },
    env: { BROWSER: `no-such-browser-here:${browser}` }
  });
  // No %s: the link is the last argument.
  await expect.poll(recorded).toEqual([script.viewerUrl]);
  await page.goto(script.viewerUrl);
  await expectLive(page);
  expect(script.stderr()).not.toContain('could not open');
});

test('a browser command that does not exist: a warning with the link, the plots served', async ({
  page
}) => {
  const script = await startScript('page launch missing', {
    options: { browser: 'no-such-browser-here --new-window', loopMs: 500 }
  });
  await expect
    .poll(() => script.stderr())
    .toContain(
      `could not open a browser (no-such-browser-here: no such command); open the live plots at ${script.viewerUrl}`
    );
  await page.goto(script.viewerUrl);
  await expectLive(page);
  const rows = await script.run();
  await expect.poll(() => cardPointsNow(page)).toBe(rows);
});
