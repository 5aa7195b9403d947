/**
 * One dashboard run in the viewer page: a script with `charts` line charts pushing a row into
 * each on every iteration of a synchronous loop, the page open in Chromium at `viewport`.
 * Measures, over the middle of the loop, each card's draws per second (cards on screen and off
 * screen apart), the page's main-thread time per server frame, and the heap after a collection.
 * It fails unless every card's model ends with every row pushed. With `stepUs`, each iteration
 * first works that long (a loop that computes between its pushes). Also measures where the
 * cores went (`cpu-shares.ts`).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { measureCpu, type CpuShares } from './cpu-shares.ts';

const SCRIPT = fileURLToPath(new URL('./dashboard-script.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface DashboardResult {
  charts: number;
  onScreen: number;
  /** Draws per second of each card on screen. */
  onScreenFps: number[];
  /** Draws per second of each card off screen (0 when only cards on screen draw). */
  offScreenFps: number[];
  /** Main-thread time per frame each card off screen took to apply its rows (ms). */
  offScreenMsPerFrame: number[];
  /** Frames the cards' models received per second (what the server sent). */
  framesPerSecond: number;
  /** Main-thread busy time per received frame (ms). */
  mainThreadMsPerFrame: number;
  heapMB: number;
  /** Cards that said they are slow to draw. */
  slowCards: number;
  /** Draws per second of the slow chart, when there is one. */
  slowCardFps: number | null;
  /** Where the cores went over the measured span (null where /proc is not there). */
  cpu: CpuShares | null;
}

interface CardReading {
  draws: number;
  applyMs: number;
  frames: number;
  onScreen: boolean;
  points: number;
  slow: boolean;
}

export async function readCards(page: Page): Promise<CardReading[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.jp-AsyncPlotter-card')].map(card => {
      const view = card.querySelector<HTMLElement>('.jp-AsyncPlotter-view');
      const points = card.querySelector<HTMLElement>('.jp-AsyncPlotter-points');
      return {
        draws: Number(view?.dataset.draws ?? 0),
        applyMs: Number(card.dataset.applyMs ?? 0),
        frames: Number(card.dataset.frames ?? 0),
        onScreen: view?.dataset.onScreen === 'true',
        points: Number(points?.dataset.points ?? -1),
        slow: card.querySelector<HTMLElement>('[data-slow="true"]') !== null
      };
    })
  );
}

export type Cdp = Awaited<ReturnType<ReturnType<Page['context']>['newCDPSession']>>;

/** The page's main-thread task time so far (s), as Chromium's performance metrics count it. */
export async function mainThreadSeconds(cdp: Cdp): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find(metric => metric.name === 'TaskDuration')?.value ?? NaN;
}

export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

export async function pageDashboard(
  browser: Browser,
  charts: number,
  viewport: { width: number; height: number },
  loopMs = 12_000,
  slow = false,
  stepUs = 0
): Promise<DashboardResult> {
  const args = [SCRIPT, String(charts), String(loopMs), slow ? 'slow' : 'none', String(stepUs)];
  const cards = charts + (slow ? 1 : 0);
  const child = spawn('node', ['--import', 'tsx', ...args], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit']
  });
  const lines = createInterface({ input: child.stdout });
  const iterator = lines[Symbol.asyncIterator]();
  const next = async <T>(): Promise<T> => {
    const { value, done } = await iterator.next();
    if (done) {
      throw new Error('the dashboard script ended early');
    }
    return JSON.parse(value as string) as T;
  };
  const page = await browser.newPage({ viewport });
  try {
    const { viewerUrl } = await next<{ viewerUrl: string }>();
    await page.goto(viewerUrl);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await waitFor(
      async () => (await readCards(page)).length === cards,
      `${cards} cards in the page`
    );
    await page.waitForTimeout(1000);
    child.stdin.write('go\n');
    const ended = next<{ rows: number }>();
    // Skip the start; measure over the middle of the loop.
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
    const { rows } = await ended;
    const perSecond = (k: number, key: 'draws' | 'frames') =>
      (after[k][key] - before[k][key]) / seconds;
    // The slow chart is the last card: the others are the decimated ones measured.
    const measured = after.map((card, k) => ({ card, k })).slice(0, charts);
    const onScreen = measured.filter(({ card }) => card.onScreen);
    const offScreen = measured.filter(({ card }) => !card.onScreen);
    const frames = after.map((_, k) => perSecond(k, 'frames'));
    const framesPerSecond = frames.reduce((a, b) => a + b, 0) / frames.length;
    await waitFor(
      async () => (await readCards(page)).slice(0, charts).every(card => card.points === rows),
      'every row in every card'
    );
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    return {
      charts,
      onScreen: onScreen.length,
      onScreenFps: onScreen.map(({ k }) => perSecond(k, 'draws')),
      offScreenFps: offScreen.map(({ k }) => perSecond(k, 'draws')),
      offScreenMsPerFrame: offScreen.map(
        ({ k }) =>
          (after[k].applyMs - before[k].applyMs) / Math.max(1, after[k].frames - before[k].frames)
      ),
      framesPerSecond,
      mainThreadMsPerFrame: ((busyAfter - busyBefore) * 1000) / (framesPerSecond * seconds),
      heapMB: heap.usedSize / 2 ** 20,
      slowCards: after.filter(card => card.slow).length,
      slowCardFps: slow ? (after[charts].draws - before[charts].draws) / seconds : null,
      cpu
    };
  } finally {
    await page.close();
    child.stdin.end();
    lines.close();
    await new Promise(resolve => child.once('exit', resolve));
  }
}
