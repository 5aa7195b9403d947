/**
 * The panel's drawing of a decimated stream as a user meets it: a real plot server (this
 * process's plotter) holding `rows` rows, the viewer page in Chromium (the same viewer core as
 * the JupyterLab panel) at 800 pixels of plot, 1% new rows per frame. Measures the update time
 * of each frame (changes applied and the view drawn), frames per second, bytes per frame on
 * the websocket, the first render after a reconnect, and the page's heap.
 */
import type { Browser, Page } from '@playwright/test';
import { line, open } from 'async-plotter';
import { median, percentile, spread } from '../kernel-client/stats.ts';

export interface StreamResult {
  rows: number;
  updateMs: number;
  updateSpread: string;
  updateP95: number;
  framesPerSecond: number;
  bytesPerFrame: number;
  rowsDrawn: number;
  firstRenderMs: number;
  firstRenderSpread: string;
  heapMB: number;
}

declare global {
  interface Window {
    drawMs: number[];
    firstDraw: number;
  }
}

/** Before the page's own scripts: record every draw's duration and when the first one ended. */
function recordDraws(): void {
  window.drawMs = [];
  window.firstDraw = 0;
  new MutationObserver(mutations => {
    for (const mutation of mutations) {
      const value = (mutation.target as HTMLElement).dataset.drawMs;
      if (value !== undefined) {
        window.drawMs.push(Number(value));
        window.firstDraw ||= Date.now();
      }
    }
  }).observe(document, { attributes: true, attributeFilter: ['data-draw-ms'], subtree: true });
}

async function points(page: Page): Promise<number> {
  const text = await page
    .locator('.jp-AsyncPlotter-points')
    .first()
    .getAttribute('data-points')
    .catch(() => null);
  return Number(text ?? -1);
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

export async function browserStream(browser: Browser, rows: number): Promise<StreamResult> {
  const plotter = await open({ title: `bench ${rows}`, display: false, memoryBudget: 2 ** 32 });
  const chart = plotter.chart('signal', line({ x: 'x', y: 'y' }));
  let pushed = 0;
  const pushRows = (count: number): void => {
    const x = new Float64Array(count);
    const y = new Float64Array(count);
    for (let i = 0; i < count; i++, pushed++) {
      x[i] = pushed;
      y[i] = Math.sin(pushed / 1e4) + ((pushed * 2654435761) % 1000) / 5000;
    }
    chart.append({ x, y });
  };
  for (let done = 0; done < rows; done += 1_000_000) {
    pushRows(Math.min(1_000_000, rows - done));
  }
  const page = await browser.newPage({ viewport: { width: 900, height: 600 } });
  try {
    await page.addInitScript(recordDraws);
    let socketOpened = 0;
    let bytes = 0;
    page.on('websocket', socket => {
      socketOpened = Date.now();
      socket.on('framereceived', frame => {
        bytes +=
          typeof frame.payload === 'string' ? frame.payload.length : frame.payload.byteLength;
      });
    });
    await page.goto(plotter.viewerUrl);
    await waitFor(async () => (await points(page)) === rows, 'every row represented');
    // First render after a (re)connect: a reload, from the socket opening to the first draw.
    const firstRenders: number[] = [];
    for (let round = 0; round < 5; round++) {
      await page.reload();
      await waitFor(
        async () =>
          (await page.evaluate(() => window.firstDraw)) > 0 && (await points(page)) === rows,
        'the first draw after a reload'
      );
      firstRenders.push((await page.evaluate(() => window.firstDraw)) - socketOpened);
    }
    await page.waitForTimeout(500);
    // Streaming: 1% of the rows per frame, for ten seconds.
    await page.evaluate(() => (window.drawMs = []));
    const framesBefore = Number(
      await page.locator('.jp-AsyncPlotter-card').first().getAttribute('data-frames')
    );
    bytes = 0;
    const started = Date.now();
    while (Date.now() - started < 10_000) {
      pushRows(Math.floor(rows / 100));
      await new Promise(resolve => setTimeout(resolve, 33));
    }
    const seconds = (Date.now() - started) / 1000;
    const frames =
      Number(await page.locator('.jp-AsyncPlotter-card').first().getAttribute('data-frames')) -
      framesBefore;
    const draws = await page.evaluate(() => window.drawMs);
    const rowsDrawn = Number(
      await page.locator('.jp-AsyncPlotter-view').first().getAttribute('data-rows')
    );
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    return {
      rows,
      updateMs: median(draws),
      updateSpread: spread(draws),
      updateP95: percentile(draws, 95),
      framesPerSecond: frames / seconds,
      bytesPerFrame: frames > 0 ? bytes / frames : NaN,
      rowsDrawn,
      firstRenderMs: median(firstRenders),
      firstRenderSpread: spread(firstRenders, 0),
      heapMB: heap.usedSize / 2 ** 20
    };
  } finally {
    await page.close();
    await plotter.close({ timeoutMs: 200 });
  }
}
