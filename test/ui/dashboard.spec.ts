/**
 * Dashboards in the panel as a user builds them: one Deno cell that opens a plotter with many
 * line charts and pushes a row into each on every iteration of a synchronous loop, run without
 * waiting for it. Every card is live while the cell runs (its model grows; the cards on screen
 * draw, the others keep their data), and once the cell ends every card holds exactly the rows
 * pushed and, scrolled into view, draws its whole history.
 */
import { expect, test } from '@jupyterlab/galata';
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';
import { chartView, drawnRows } from './helpers/panel-notebook';
import { cardPoints } from '../support/card-points';
import { isCellRunning, plotPanel } from './helpers/plot-panel';

test.describe.configure({ timeout: 240_000 });

/** A cell that opens `charts` line charts (and a 12-field one) and loops for `seconds`. */
function dashboardCell(title: string, charts: number, seconds: number, wide: boolean): string {
  return `import { line, open } from "npm:async-plotter";
const plot = await open({ title: ${JSON.stringify(title)} });
const charts = Array.from({ length: ${charts} }, (_, k) =>
  plot.chart("m" + String(k).padStart(2, "0"), line({ x: "step", y: "v" })));
const wide = ${wide} ? plot.chart("wide", line({ x: "step", y: "f11" })) : null;
let step = 0;
const end = Date.now() + ${seconds * 1000};
while (Date.now() < end) {
  for (let k = 0; k < charts.length; k++) charts[k].push({ step, v: Math.exp(-step / (1e5 * (k + 1))) + 0.05 * Math.sin(step / (3000 + 300 * k)) });
  if (wide) {
    const row = { step };
    for (let f = 0; f < 12; f++) row["f" + f] = f + Math.sin(step / 500);
    wide.push(row);
  }
  step++;
}
"pushed " + step`;
}

function cards(page: IJupyterLabPageFixture): Locator {
  return plotPanel(page).locator('.jp-AsyncPlotter-card');
}

/** Every card's model row count and problem text, read in one round trip. */
async function readCards(page: IJupyterLabPageFixture) {
  return cards(page).evaluateAll(nodes =>
    nodes.map(node => ({
      chart: (node as HTMLElement).dataset.chart ?? '',
      status: (node as HTMLElement).dataset.status ?? '',
      points: Number(
        node.querySelector<HTMLElement>('.jp-AsyncPlotter-points')?.dataset.points ?? -1
      ),
      problem: node.querySelector('.jp-AsyncPlotter-problem')?.textContent ?? ''
    }))
  );
}

async function pushedRows(page: IJupyterLabPageFixture): Promise<number> {
  const text = await page.locator('.jp-OutputArea-output').last().innerText();
  return Number(text.match(/pushed (\d+)/)?.[1] ?? NaN);
}

for (const { charts, seconds, wide } of [
  { charts: 6, seconds: 20, wide: false },
  { charts: 16, seconds: 20, wide: true },
  { charts: 64, seconds: 25, wide: false }
]) {
  const total = charts + (wide ? 1 : 0);
  test(`${charts} line charts${wide ? ' and one of 12 numeric fields' : ''}: every card live while one cell loops, exact at the end`, async ({
    page
  }, testInfo) => {
    const title = `dashboard ${charts}`;
    await page.route(/\/api\/kernels\/[^/]+\/interrupt/, route => route.continue());
    await page.notebook.createNew(`dashboard-${charts}.ipynb`, { kernel: 'deno' });
    await page.notebook.setCell(0, 'code', dashboardCell(title, charts, seconds, wide));
    await page.notebook.runCell(0, { inplace: true, wait: false });
    await expect(plotPanel(page)).toBeVisible({ timeout: 60_000 });
    await expect(cards(page)).toHaveCount(total, { timeout: 60_000 });

    // Live: every card's model grows while the cell still runs.
    await expect
      .poll(async () => (await readCards(page)).every(card => card.points > 0), {
        timeout: 60_000
      })
      .toBe(true);
    const first = await readCards(page);
    await expect
      .poll(
        async () => {
          const now = await readCards(page);
          return now.filter((card, k) => card.points <= first[k].points).map(card => card.chart);
        },
        { message: 'cards that did not grow yet', timeout: 60_000 }
      )
      .toEqual([]);
    expect(await isCellRunning(page, 0), 'every card grew while the cell ran').toBe(true);
    for (const card of await readCards(page)) {
      expect(card.problem, `card ${card.chart}`).toBe('');
      expect(card.status, `card ${card.chart}`).toBe('connected');
    }
    // The cards on screen draw while the loop runs.
    const onScreen = plotPanel(page).locator('.jp-AsyncPlotter-view[data-on-screen="true"]');
    expect(await onScreen.count()).toBeGreaterThan(0);
    if (charts === 16) {
      await plotPanel(page).screenshot({ path: testInfo.outputPath('dashboard-16-panel.png') });
    }

    await expect.poll(() => isCellRunning(page, 0), { timeout: 90_000 }).toBe(false);
    const pushed = await pushedRows(page);
    expect(pushed).toBeGreaterThan(0);
    await expect
      .poll(async () => (await readCards(page)).filter(card => card.points !== pushed).length, {
        message: `cards holding other than the ${pushed} rows pushed`,
        timeout: 30_000
      })
      .toBe(0);
    // Scrolled into view, each card draws its whole history, decimated to its width.
    for (let k = 0; k < total; k++) {
      const card = cards(page).nth(k);
      await card.scrollIntoViewIfNeeded();
      await expect
        .poll(
          async () => {
            const domain = await chartView(card).getAttribute('data-domain');
            const [from, to] = domain ? (JSON.parse(domain) as number[]) : [NaN, NaN];
            const drawn = await drawnRows(card);
            return from <= 0 && to >= pushed - 1 && drawn > 0 && drawn <= pushed;
          },
          { message: `card ${k} draws the whole history`, timeout: 30_000 }
        )
        .toBe(true);
      expect(await cardPoints(card)).toBe(pushed);
    }
  });
}
