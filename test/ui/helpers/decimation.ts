/**
 * Large runs in the panel, for test/ui/decimation.spec.ts (what they show) and
 * bench/decimation/lab (how fast): the README's first example, a cell pushing every iteration
 * of a ~1 µs loop, and what a card and the page report.
 */
import type { Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chartView } from './panel-notebook';

/** The README's first example, exactly as written there. */
export function readmeFirstExample(): string {
  const readme = readFileSync(resolve(__dirname, '../../../README.md'), 'utf8');
  const block = readme.match(/```ts\n([\s\S]*?)```/);
  if (!block) {
    throw new Error('README.md has no ts example');
  }
  return block[1];
}

/**
 * A cell that opens a plotter "stream" with one line chart `loss` and pushes a row on every
 * iteration of a loop of float math (about 1 µs) for `seconds`; it ends with `"pushed <rows>"`.
 */
export function spinningStreamCode(seconds: number): string {
  return `import { open } from "npm:async-plotter";
const plot = await open({ title: "stream" });
const c = plot.chart("loss", {
  data: { name: "points" },
  mark: "line",
  encoding: { x: { field: "step", type: "quantitative" }, y: { field: "loss", type: "quantitative" } }
});
let step = 0;
let y = 0;
const end = Date.now() + ${seconds * 1000};
while (Date.now() < end) {
  for (let k = 0; k < 30; k++) { y = 0.999 * y + Math.sin(step * 1e-4) * Math.cos(step * 3e-7); }
  c.push({ step, loss: y });
  step++;
}
"pushed " + step`;
}

/** The rows a finished `spinningStreamCode` cell says it pushed (NaN before it ends). */
export async function pushedRows(page: Page): Promise<number> {
  const text = await page.locator('.jp-OutputArea-output').last().innerText();
  return Number(text.match(/pushed (\d+)/)?.[1]);
}

/** The x domain the card's chart draws (`data-domain`), null before its first draw. */
export async function drawnDomain(card: Locator): Promise<[number, number] | null> {
  const text = await chartView(card).getAttribute('data-domain');
  return text === null ? null : (JSON.parse(text) as [number, number]);
}

/** Frames applied by the card so far (`data-frames`). */
export async function cardFrames(card: Locator): Promise<number> {
  return Number(await card.getAttribute('data-frames'));
}

/** The page's JavaScript heap after a garbage collection, in MB. */
export async function pageHeapMB(page: Page): Promise<number> {
  const [target] = page.context().pages();
  const client = await page.context().newCDPSession(target);
  await client.send('HeapProfiler.enable');
  await client.send('HeapProfiler.collectGarbage');
  const heap = await client.send('Runtime.getHeapUsage');
  await client.detach();
  return heap.usedSize / 2 ** 20;
}
