/**
 * One run of the field benchmark in the viewer page: field-script.ts with a line chart and a
 * field (or a rect heatmap, or nothing), the page open in Chromium. Measures over the middle of
 * the loop each card's draws per second, the page's main-thread time per draw of the field
 * card, the heap after a collection, and where the machine's cores went (`cpu-shares.ts`).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Browser } from '@playwright/test';
import { mainThreadSeconds, readCards, waitFor } from '../dashboard/page-dashboard.ts';
import { measureCpu, type CpuShares } from '../dashboard/cpu-shares.ts';

const SCRIPT = fileURLToPath(new URL('./field-script.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface FieldRun {
  /** Draws per second of the line card and of the field card (null without one). */
  lineFps: number;
  fieldFps: number | null;
  /** States the script replaced per second. */
  statesPerSecond: number;
  /** Main-thread time per draw of the field card (ms), everything the page did included. */
  mainMsPerFieldDraw: number | null;
  heapMB: number;
  /** The computing thread's, the worker's, Chromium's and the machine's CPU (% of a core). */
  cpu: CpuShares | null;
}

export async function pageField(
  browser: Browser,
  kind: 'none' | 'field' | 'heatmap',
  side: number,
  rateHz: number,
  loopMs: number
): Promise<FieldRun> {
  const child = spawn(
    'node',
    ['--import', 'tsx', SCRIPT, kind, String(side), String(loopMs), String(rateHz)],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] }
  );
  const lines = createInterface({ input: child.stdout });
  const iterator = lines[Symbol.asyncIterator]();
  const next = async <T>(): Promise<T> => {
    const { value, done } = await iterator.next();
    if (done) {
      throw new Error('the field script ended early');
    }
    return JSON.parse(value as string) as T;
  };
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  try {
    const { viewerUrl } = await next<{ viewerUrl: string }>();
    await page.goto(viewerUrl);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const cards = kind === 'none' ? 1 : 2;
    await waitFor(async () => (await readCards(page)).length === cards, `${cards} cards`);
    await page.waitForTimeout(1000);
    child.stdin.write('go\n');
    const ended = next<{ done: { rows: number; states: number } }>();
    await page.waitForTimeout(Math.min(3000, loopMs / 4));
    const before = await readCards(page);
    const busyBefore = await mainThreadSeconds(cdp);
    const cpuSince = measureCpu(child.pid ?? -1);
    const started = Date.now();
    await page.waitForTimeout(loopMs / 2);
    const after = await readCards(page);
    const busyAfter = await mainThreadSeconds(cdp);
    const cpu = cpuSince();
    const seconds = (Date.now() - started) / 1000;
    const { done } = await ended;
    const fps = (k: number) => (after[k].draws - before[k].draws) / seconds;
    // The curve is the first card, the field the second.
    const fieldDraws = cards === 2 ? after[1].draws - before[1].draws : 0;
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    return {
      lineFps: fps(0),
      fieldFps: cards === 2 ? fps(1) : null,
      statesPerSecond: done.states / (loopMs / 1000),
      mainMsPerFieldDraw: fieldDraws > 0 ? ((busyAfter - busyBefore) * 1000) / fieldDraws : null,
      heapMB: heap.usedSize / 2 ** 20,
      cpu
    };
  } finally {
    await page.close();
    child.stdin.end();
    lines.close();
    await new Promise(resolve => child.once('exit', resolve));
  }
}

/** The floor: a bare canvas's `putImageData` of a `side`² RGBA image, median ms of 30. */
export async function canvasFloor(browser: Browser, side: number): Promise<number> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(size => {
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = size;
      document.body.append(canvas);
      const context = canvas.getContext('2d') as CanvasRenderingContext2D;
      const image = new ImageData(size, size);
      const times: number[] = [];
      for (let i = 0; i < 30; i++) {
        image.data.fill(i * 8);
        const started = performance.now();
        context.putImageData(image, 0, 0);
        context.getImageData(0, 0, 1, 1); // wait for the pixels to land
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      return times[15];
    }, side);
  } finally {
    await page.close();
  }
}
