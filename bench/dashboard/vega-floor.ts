/**
 * The floor of the dashboard benchmark: what Vega alone draws on this machine, with no plot
 * server, no socket and no viewer. A page holds `charts` of the viewer's own line-chart views
 * (`viewSpec(line())` with `viewConfig`: the same zoom parameter and config, the same card width
 * in a 1280 px window) and, on every animation frame, changes each chart's `rows` rows and runs
 * the views, while a spinning process takes one core as the computing script does:
 * - `replace`: every row replaced (a picture the plot server re-bucketed: 4 rows per column);
 * - `stream`: the oldest STREAM_ROWS rows and the last 4 removed, STREAM_ROWS + 4 newer ones
 *   added (what a streaming chart gets per frame on the stable grid: the newest cells), so the
 *   x domain moves every frame;
 * - `axes`: 2 rows replaced every frame, the x domain moving: what the viewer's line layer
 *   leaves to Vega (axes, grid, legend from each series' extent rows).
 * Its draws per second per chart are the most any Vega viewer can reach here; the plotter's
 * figures are read against them.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Browser } from '@playwright/test';
import { line } from 'async-plotter';
import { viewConfig, viewSpec } from '../../src/viewer/views/view-spec.ts';

/** The packages' own browser builds (their `exports` do not name them, so not require.resolve). */
const NODE_MODULES = fileURLToPath(new URL('../../node_modules/', import.meta.url));

export type FloorMode = 'replace' | 'stream' | 'axes';

/** Rows a streaming chart gets per frame in the `stream` floor. */
const STREAM_ROWS = 128;

export interface FloorResult {
  charts: number;
  mode: FloorMode;
  rows: number;
  /** Draws per second of each chart. */
  drawsPerSecond: number[];
  /** Main-thread time of one frame of every chart (ms, median). */
  frameMs: number;
}

export async function vegaFloor(
  browser: Browser,
  charts: number,
  seconds: number,
  mode: FloorMode = 'replace',
  rows = 3200
): Promise<FloorResult> {
  if (mode === 'axes') {
    rows = 2;
  }
  const spin = spawn(
    'node',
    ['-e', `const end = Date.now() + ${(seconds + 10) * 1000}; while (Date.now() < end) {}`],
    { stdio: 'ignore' }
  );
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.setContent(
      `<style>body{margin:0;display:grid;grid-template-columns:repeat(2,1fr);gap:12px;padding:12px}
      .card{min-width:0;padding:4px}</style>` +
        Array.from({ length: charts }, (_, k) => `<div class="card" id="c${k}"></div>`).join('')
    );
    for (const module of [
      'vega/build/vega.min.js',
      'vega-lite/build/vega-lite.min.js',
      'vega-embed/build/vega-embed.min.js'
    ]) {
      await page.addScriptTag({ path: NODE_MODULES + module });
    }
    // tsx compiles this file keeping function names (`__name(fn, "fresh")`): the page needs it too.
    await page.addScriptTag({ content: 'window.__name = (fn) => fn;' });
    const spec = viewSpec(line({ x: 'step', y: 'v' }) as never);
    const config = viewConfig(undefined);
    return await page.evaluate(
      async ({ spec, config, charts, seconds, rows, mode, streamRows }) => {
        const global = window as unknown as {
          vegaEmbed: (
            el: HTMLElement,
            spec: unknown,
            options: unknown
          ) => Promise<{
            view: {
              change(name: string, changeset: unknown): unknown;
              runAsync(): Promise<unknown>;
            };
          }>;
          vega: {
            changeset(): {
              remove(f: ((datum: object) => boolean) | object[]): unknown;
              insert(rows: unknown[]): unknown;
            };
          };
        };
        const views = [];
        for (let k = 0; k < charts; k++) {
          const element = document.getElementById(`c${k}`) as HTMLElement;
          views.push(
            (await global.vegaEmbed(element, spec, { actions: false, renderer: 'canvas', config }))
              .view
          );
        }
        const name = (spec as { data: { name: string } }).data.name;
        let step = 0;
        const fresh = (k: number, count = rows, from = step) =>
          Array.from({ length: count }, (_, i) => ({
            step: from + i * 100,
            v: Math.exp(-(from + i) / (1e5 * (k + 1))) + 0.05 * Math.sin(i / 7 + k)
          }));
        // What each chart holds (stream mode removes its oldest and newest rows by identity).
        const held = views.map((view, k) => {
          const first = fresh(k);
          const change = global.vega.changeset();
          change.insert(first);
          view.change(name, change);
          return first;
        });
        await Promise.all(views.map(view => view.runAsync()));
        const draws = new Array<number>(charts).fill(0);
        const frames: number[] = [];
        const end = performance.now() + seconds * 1000;
        while (performance.now() < end) {
          await new Promise(requestAnimationFrame);
          const started = performance.now();
          step += 1000;
          await Promise.all(
            views.map(async (view, k) => {
              const change = global.vega.changeset();
              if (mode !== 'stream') {
                change.remove(() => true);
                change.insert(fresh(k));
              } else {
                const gone = [...held[k].splice(0, streamRows), ...held[k].splice(-4)];
                const last = held[k][held[k].length - 1].step;
                const added = fresh(k, streamRows + 4, last + 100);
                held[k].push(...added);
                change.remove(gone);
                change.insert(added);
              }
              view.change(name, change);
              await view.runAsync();
              draws[k]++;
            })
          );
          frames.push(performance.now() - started);
        }
        frames.sort((a, b) => a - b);
        return {
          charts,
          mode,
          rows,
          drawsPerSecond: draws.map(count => count / seconds),
          frameMs: frames[Math.floor(frames.length / 2)] ?? NaN
        };
      },
      { spec, config, charts, seconds, rows, mode, streamRows: STREAM_ROWS }
    );
  } finally {
    await page.close();
    spin.kill();
  }
}
