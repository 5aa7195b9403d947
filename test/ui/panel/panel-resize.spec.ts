import { expect, test } from '@jupyterlab/galata';
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Locator, Page } from '@playwright/test';
import {
  cardButton,
  chartDraws,
  chartEmbeds,
  chartOverflow,
  chartWidths,
  downloadedBytes,
  drawnRows,
  runNewCell,
  runStreamingCell,
  startPlotNotebook,
  stopFromCard
} from '../helpers/panel-notebook';
import { cardPoints } from '../../support/card-points';
import { chartCard, plotPanel } from '../helpers/plot-panel';
import { openPlotterCode, pushRowsCode } from '../../support/plotter-cell';

/** The rows kept by the streaming chart: the window stays full while rows keep coming. */
const WINDOW = 300;

// A cell streams for up to 2 minutes while the panel and the page are resized; allow for a
// shared 2-core machine.
test.describe.configure({ timeout: 180_000 });

/**
 * Starts `name` with a plotter whose chart `loss` keeps the last `WINDOW` rows, then a second
 * cell that streams rows for two minutes; resolves once the window is full and drawn.
 */
async function startStreaming(page: IJupyterLabPageFixture, name: string): Promise<Locator> {
  await startPlotNotebook(page, name, openPlotterCode('resize', 10, 'loss', { window: WINDOW }));
  await runStreamingCell(page, 10, 120);
  const card = chartCard(page, 'loss');
  await expect.poll(() => cardPoints(card)).toBe(WINDOW);
  await expect.poll(() => drawnRows(card)).toBe(WINDOW);
  return card;
}

/**
 * Drags the split handle between the main area and the right side panel by `dx` pixels with
 * the mouse (negative: to the left, a wider panel).
 */
async function dragRightPanelEdge(page: Page, dx: number): Promise<void> {
  const stack = await page.locator('#jp-right-stack').boundingBox();
  if (!stack) {
    throw new Error('the right side panel is not shown');
  }
  // The visible handle of the main split panel nearest the left edge of the right panel.
  const handles = page.locator('#jp-main-split-panel > .lm-SplitPanel-handle');
  let best: { x: number; y: number; distance: number } | null = null;
  for (const handle of await handles.all()) {
    const box = await handle.boundingBox();
    if (!box || box.height === 0) {
      continue;
    }
    const x = box.x + box.width / 2;
    const distance = Math.abs(x - stack.x);
    if (!best || distance < best.distance) {
      best = { x, y: box.y + box.height / 2, distance };
    }
  }
  if (!best || best.distance > 10) {
    throw new Error(`no split handle at the right panel's edge (x ${stack.x})`);
  }
  await page.mouse.move(best.x, best.y);
  await page.mouse.down();
  await page.mouse.move(best.x + dx, best.y, { steps: 12 });
  await page.mouse.up();
}

/** Width (px) of the element. */
async function widthOf(locator: Locator): Promise<number> {
  return locator.evaluate(node => node.getBoundingClientRect().width);
}

/**
 * The chart fills the room of its view (within 2 px, Vega rounds to whole pixels) without
 * reaching past it.
 */
async function expectChartFits(card: Locator, room: number): Promise<void> {
  await expect.poll(async () => (await chartWidths(card)).room).toBeCloseTo(room, 0);
  await expect
    .poll(async () => Math.abs((await chartWidths(card)).drawing - room))
    .toBeLessThanOrEqual(2);
  expect(await chartOverflow(card)).toBe(0);
}

/** The card keeps streaming: it draws again within a few seconds. */
async function expectStillDrawing(card: Locator): Promise<void> {
  const draws = await chartDraws(card);
  await expect.poll(() => chartDraws(card), { timeout: 10_000 }).toBeGreaterThan(draws);
}

test('a chart streaming in the side panel follows the width of the panel', async ({
  page
}, testInfo) => {
  const card = await startStreaming(page, 'resize-panel.ipynb');
  const panel = plotPanel(page);
  const embeds = await chartEmbeds(card);
  expect(embeds).toBe(1);
  const before = await chartWidths(card);
  const panelBefore = await widthOf(panel);
  await expectChartFits(card, before.room);
  await page.screenshot({ path: testInfo.outputPath('panel-before.png') });
  await card.screenshot({ path: testInfo.outputPath('card-before.png') });

  // Wider by about 300 px: the room and the chart grow by what the panel gained.
  await dragRightPanelEdge(page, -300);
  await expect.poll(() => widthOf(panel)).toBeGreaterThan(panelBefore + 200);
  const wider = await widthOf(panel);
  await expectChartFits(card, before.room + (wider - panelBefore));
  await expectStillDrawing(card);
  await page.screenshot({ path: testInfo.outputPath('panel-wider.png') });

  // Narrower again (the panel started at its narrowest): the chart shrinks with it, still whole.
  await dragRightPanelEdge(page, 200);
  await expect.poll(() => widthOf(panel)).toBeLessThan(wider - 150);
  const narrower = await widthOf(panel);
  await expectChartFits(card, before.room + (narrower - panelBefore));
  await expectStillDrawing(card);
  await page.screenshot({ path: testInfo.outputPath('panel-narrower.png') });
  await card.screenshot({ path: testInfo.outputPath('card-narrower.png') });

  // Resizing re-laid the same Vega view out: no new embed, no data lost. A narrow plot has
  // fewer pixel columns than the window has rows: the view draws the rows the card says it holds
  // ("decimated: N of 300 rows"), all 300 when the plot is wide enough.
  expect(await chartEmbeds(card)).toBe(embeds);
  expect(await cardPoints(card)).toBe(WINDOW);
  await expect
    .poll(async () => {
      const shown = Number(
        await card.locator('.jp-AsyncPlotter-points').getAttribute('data-shown')
      );
      return shown > 0 && shown <= WINDOW && (await drawnRows(card)) === shown;
    })
    .toBe(true);

  await stopFromCard(page, card, 1);
});

test('a chart opened in the main area follows the width of the browser window', async ({
  page
}, testInfo) => {
  const card = await startStreaming(page, 'resize-main.ipynb');
  await cardButton(card, 'Open in the main area').click();
  const tab = page.locator('#jp-main-dock-panel .jp-AsyncPlotter-tab');
  await expect(tab).toBeVisible();
  const tabCard = tab.locator('.jp-AsyncPlotter-card[data-chart="loss"]');
  await expect.poll(() => drawnRows(tabCard)).toBe(WINDOW);
  const embeds = await chartEmbeds(tabCard);
  expect(embeds).toBe(1);
  const before = await chartWidths(tabCard);
  const tabBefore = await widthOf(tab);
  await expectChartFits(tabCard, before.room);

  // A wider window: the main area takes the extra width, and the chart with it.
  await page.setViewportSize({ width: 1600, height: 800 });
  await expect.poll(() => widthOf(tab)).toBeGreaterThan(tabBefore + 250);
  const wider = await widthOf(tab);
  await expectChartFits(tabCard, before.room + (wider - tabBefore));
  await expectStillDrawing(tabCard);
  await page.screenshot({ path: testInfo.outputPath('main-wider.png') });

  // A narrower one: the chart shrinks, still whole.
  await page.setViewportSize({ width: 1024, height: 800 });
  await expect.poll(() => widthOf(tab)).toBeLessThan(tabBefore - 200);
  const narrower = await widthOf(tab);
  await expectChartFits(tabCard, before.room + (narrower - tabBefore));
  await expectStillDrawing(tabCard);
  await page.screenshot({ path: testInfo.outputPath('main-narrower.png') });

  expect(await chartEmbeds(tabCard)).toBe(embeds);
  expect(await cardPoints(tabCard)).toBe(WINDOW);
  await expect.poll(() => drawnRows(tabCard)).toBe(WINDOW);
  // The side panel's card of the same chart was not embedded again either.
  expect(await chartEmbeds(card)).toBe(1);

  await stopFromCard(page, card, 1);
});

/**
 * The texts (labels, titles) of an SVG drawing that reach past its edges, laid out in the
 * page: none when everything the chart says can be read.
 */
async function textsOutside(page: Page, svg: string): Promise<string[]> {
  return page.evaluate(markup => {
    const host = document.createElement('div');
    host.style.cssText = 'position: fixed; left: 0; top: 0; visibility: hidden';
    host.innerHTML = markup;
    document.body.append(host);
    try {
      const drawing = host.querySelector('svg');
      if (!drawing) {
        return ['no svg'];
      }
      const box = drawing.getBoundingClientRect();
      const outside: string[] = [];
      for (const text of drawing.querySelectorAll('text')) {
        const r = text.getBoundingClientRect();
        // Labels Vega hides so that they do not overlap are drawn transparent.
        if (r.width === 0 || text.getAttribute('opacity') === '0') {
          continue;
        }
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1) {
          outside.push(`"${text.textContent}" at ${Math.round(r.left)}..${Math.round(r.right)}`);
        }
      }
      return outside;
    } finally {
      host.remove();
    }
  }, svg);
}

test('a chart fits its axes again when streamed values widen the labels', async ({
  page
}, testInfo) => {
  // Small values first: narrow labels ("0", "2"), so the first layout leaves little room left.
  await startPlotNotebook(
    page,
    'labels.ipynb',
    openPlotterCode('labels', 10, 'loss', { window: 300 })
  );
  const card = chartCard(page, 'loss');
  await expect.poll(() => drawnRows(card)).toBe(10);
  // Then values in the tens of thousands (labels up to "20,000"), with no resize in between.
  await runNewCell(page, pushRowsCode(10, 40_000));
  await expect.poll(() => drawnRows(card)).toBe(300);
  await card.screenshot({ path: testInfo.outputPath('wide-labels.png') });

  const { bytes } = await downloadedBytes(page, () => cardButton(card, 'Export as SVG').click());
  const svg = bytes.toString('utf8');
  expect(svg).toContain('>20,000<');
  expect(await textsOutside(page, svg)).toEqual([]);
  await expectChartFits(card, (await chartWidths(card)).room);
  expect(await chartEmbeds(card)).toBe(1);
});
