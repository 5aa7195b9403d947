// What the benchmarks' JupyterLab parts share: the page's heap after a collection, and where
// their results go (bench/results/<name>.json, read back by the benchmark's run.ts).
import type { Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** A CDP session on JupyterLab's page, and its heap in MB after a collection. */
export async function heapMeter(page: Page) {
  const [target] = page.context().pages();
  const cdp = await page.context().newCDPSession(target);
  await cdp.send('HeapProfiler.enable');
  const heap = async (): Promise<number> => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize / 2 ** 20;
  };
  return { cdp, heap };
}

/** The panel's heap over JupyterLab's own, as the results report it (MB, one decimal). */
export function heapShare(jupyterLabHeap: number, panelHeap: number) {
  return {
    jupyterLabHeapMB: +jupyterLabHeap.toFixed(1),
    heapWithPanelMB: +panelHeap.toFixed(1),
    panelShareMB: +(panelHeap - jupyterLabHeap).toFixed(1)
  };
}

/** Writes `results` with the date to bench/results/`name`.json. */
export function writePanelResults(name: string, results: unknown[]): void {
  const out = resolve(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    resolve(out, `${name}.json`),
    JSON.stringify({ date: new Date().toISOString(), results }, null, 2)
  );
}
