// The viewer page's frame rate, BENCH_REPS times (default 3): a Node script pushes a row every
// millisecond of a synchronous loop; the page counts the frames its card applies in each
// second (in the page, no round trips) for 4 s at the default cap, then for 4 s at "Most
// frames/s" 5. Asserts the medians (capped: 3 to 7 frames in a second; the default above that)
// and prints them with their spread; writes bench/results/rate-page.json.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { median, spread } from '../../kernel-client/stats.ts';
import { killScripts, startScript } from '../../../test/support/stream-script.ts';
import { expectLive } from '../../../test/page/helpers/viewer-page.ts';

const REPS = Number(process.env.BENCH_REPS ?? 3);
const CAP = 5;

test.describe.configure({ mode: 'serial' });
test.afterEach(() => killScripts());

/** Frames the first card applied in each of `seconds` one-second windows, counted in the page. */
function framesPerSecond(page: Page, seconds: number): Promise<number[]> {
  return page.evaluate(async count => {
    const card = document.querySelector<HTMLElement>('.jp-AsyncPlotter-card');
    const frames = () => Number(card?.dataset.frames ?? NaN);
    const counts: number[] = [];
    for (let k = 0; k < count; k++) {
      const [before, start] = [frames(), performance.now()];
      await new Promise(resolve => setTimeout(resolve, 1000));
      counts.push((frames() - before) / ((performance.now() - start) / 1000));
    }
    return counts;
  }, seconds);
}

const free: number[] = [];
const capped: number[] = [];

for (let rep = 0; rep < REPS; rep++) {
  test(`the page's frames/s, default and ${CAP} (${rep + 1} of ${REPS})`, async ({ page }) => {
    const script = await startScript('bench page rate', { options: { loopMs: 12_000 } });
    await page.goto(script.viewerUrl);
    await expectLive(page);
    const done = script.run();
    await page.waitForTimeout(700);
    free.push(...(await framesPerSecond(page, 4)));
    await page.getByLabel('Most frames/s').selectOption(String(CAP));
    await page.waitForTimeout(700);
    capped.push(...(await framesPerSecond(page, 4)));
    await done;
  });
}

test('report', () => {
  const table = [
    { what: 'default: frames/s', median: +median(free).toFixed(1), 'min-max': spread(free) },
    {
      what: `"Most frames/s" ${CAP}: frames/s`,
      median: +median(capped).toFixed(1),
      'min-max': spread(capped)
    }
  ];
  console.table(table);
  const checks: [string, boolean][] = [
    [`capped at ${CAP}: 3 to 7 frames a second`, median(capped) >= 3 && median(capped) <= 7],
    ['the default gives more frames than the cap', median(free) > 7]
  ];
  for (const [what, ok] of checks) {
    console.log(`${ok ? 'met' : 'NOT MET'}: ${what} (median)`);
  }
  const out = resolve(import.meta.dirname, '../../results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    resolve(out, 'rate-page.json'),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: `${cpus().length} cores, ${cpus()[0]?.model ?? ''}, Node ${process.versions.node}`,
        table,
        checks: Object.fromEntries(checks),
        free,
        capped
      },
      null,
      2
    )
  );
  for (const [what, ok] of checks) {
    expect(ok, what).toBe(true);
  }
});
