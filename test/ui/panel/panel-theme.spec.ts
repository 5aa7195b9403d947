import { expect, test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import {
  chartOverflow,
  chartEmbeds,
  chartView,
  drawnRows,
  runNewCell,
  startPlotNotebook
} from '../helpers/panel-notebook';
import { cardPoints } from '../../support/card-points';
import { chartCard, plotPanel } from '../helpers/plot-panel';
import { openPlotterCode, pushRowsCode } from '../../support/plotter-cell';

// About 25-35 s each on an idle machine; up to twice that while the 2 cores are shared.
test.describe.configure({ timeout: 120_000 });

async function changeTheme(page: Page, theme: string, light: boolean): Promise<void> {
  await page.evaluate(
    name => window.jupyterapp.commands.execute('apputils:change-theme', { theme: name }),
    theme
  );
  await expect(page.locator('body')).toHaveAttribute('data-jp-theme-light', String(light), {
    timeout: 20_000
  });
}

/** Relative luminance (0 dark .. 1 light) of a CSS `rgb()`/`rgba()` color. */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

/** Per toolbar button: its label and the colours of its icon's fills and strokes. */
async function buttonInk(page: Page, chart: string): Promise<{ label: string; ink: string[] }[]> {
  return chartCard(page, chart)
    .locator('.jp-AsyncPlotter-button')
    .evaluateAll(buttons =>
      buttons.map(button => {
        // An icon is inked by its fills and by its strokes (outline icons have only strokes).
        const ink: string[] = [];
        for (const element of button.querySelectorAll('svg path, svg rect, svg circle')) {
          if (element.closest('mask')) {
            continue;
          }
          const { fill, stroke } = getComputedStyle(element);
          ink.push(...[fill, stroke].filter(paint => paint !== 'none' && paint.startsWith('rgb')));
        }
        return { label: button.getAttribute('aria-label') ?? '', ink };
      })
    );
}

/** Every button's icon has ink that stands out of a card background of luminance `background`. */
async function expectButtonsVisible(page: Page, chart: string, background: number) {
  for (const { label, ink } of await buttonInk(page, chart)) {
    const contrast = Math.max(0, ...ink.map(color => Math.abs(luminance(color) - background)));
    expect(contrast, `icon of "${label}" (${ink.join(' ')}) against the card`).toBeGreaterThan(
      0.25
    );
  }
}

test('the panel follows the light and dark themes live and keeps its data', async ({
  page
}, testInfo) => {
  await startPlotNotebook(page, 'theme.ipynb', openPlotterCode('theme', 60));
  const card = chartCard(page, 'loss');
  await expect.poll(() => drawnRows(card)).toBe(60);
  await expect(page.locator('body')).toHaveAttribute('data-jp-theme-light', 'true');
  const cardColors = () =>
    card.evaluate(node => {
      const style = getComputedStyle(node);
      const title = node.querySelector('.jp-AsyncPlotter-cardTitle');
      return {
        background: style.backgroundColor,
        text: title ? getComputedStyle(title).color : ''
      };
    });
  const light = await cardColors();
  expect(luminance(light.background)).toBeGreaterThan(0.8);
  expect(luminance(light.text)).toBeLessThan(0.4);
  await expectButtonsVisible(page, 'loss', luminance(light.background));
  // The chart fits its card: nothing clipped on either side.
  await expect.poll(() => chartOverflow(card)).toBe(0);
  await plotPanel(page).screenshot({ path: testInfo.outputPath('panel-light.png') });

  await changeTheme(page, 'JupyterLab Dark', false);
  // The chart is embedded again with the dark theme and every row drawn again.
  await expect.poll(() => drawnRows(card)).toBe(60);
  expect(await cardPoints(card)).toBe(60);
  const dark = await cardColors();
  expect(luminance(dark.background)).toBeLessThan(0.3);
  expect(luminance(dark.text)).toBeGreaterThan(0.6);
  await expectButtonsVisible(page, 'loss', luminance(dark.background));
  // Data keeps streaming under the dark theme.
  await runNewCell(page, pushRowsCode(60, 90));
  await expect.poll(() => drawnRows(card)).toBe(90);
  // One Vega canvas, and one line layer over it: the re-embed left nothing behind.
  await expect(chartView(card).locator('canvas.marks')).toHaveCount(1);
  await expect(chartView(card).locator('canvas.jp-AsyncPlotter-lineLayer')).toHaveCount(1);
  await expect.poll(() => chartOverflow(card)).toBe(0);
  await plotPanel(page).screenshot({ path: testInfo.outputPath('panel-dark.png') });

  await changeTheme(page, 'JupyterLab Light', true);
  await expect.poll(() => drawnRows(card)).toBe(90);
  expect(await cardPoints(card)).toBe(90);
  expect(await cardColors()).toEqual(light);
  await plotPanel(page).screenshot({ path: testInfo.outputPath('panel-light-again.png') });
});

const SEVERAL_CHARTS = `import { open } from "npm:async-plotter";
const plot = await open({ title: "scroll" });
const line = { data: { name: "points" }, mark: "line", encoding: {
  x: { field: "step", type: "quantitative" }, y: { field: "loss", type: "quantitative" } } };
const charts = ["a", "b", "c", "d", "e"].map(name => plot.chart(name, line));
for (let i = 0; i < 50; i++) { for (const c of charts) { c.push({ step: i, loss: i * 0.5 }); } }`;

/**
 * The scrolling box around the panel's cards: its scroll offset, how far it can scroll, and
 * where each card's top is within the box's visible area.
 */
function panelScroll(
  page: Page
): Promise<{ top: number; range: number; cardTops: Record<string, number> }> {
  return chartCard(page, 'a').evaluate(card => {
    let box: HTMLElement | null = card.parentElement;
    while (box !== null && !(box.scrollHeight > box.clientHeight + 1)) {
      box = box.parentElement;
    }
    const cardTops: Record<string, number> = {};
    const boxTop = box?.getBoundingClientRect().top ?? 0;
    for (const each of document.querySelectorAll<HTMLElement>('.jp-AsyncPlotter-card')) {
      cardTops[each.dataset.chart ?? ''] = Math.round(each.getBoundingClientRect().top - boxTop);
    }
    return box === null
      ? { top: -1, range: 0, cardTops }
      : { top: box.scrollTop, range: box.scrollHeight - box.clientHeight, cardTops };
  });
}

test('a theme switch keeps the panel scrolled where it was, with every chart', async ({
  page
}, testInfo) => {
  await startPlotNotebook(page, 'theme-scroll.ipynb', SEVERAL_CHARTS, 'a');
  const names = ['a', 'b', 'c', 'd', 'e'];
  // Cards draw once they are on screen: show each in turn.
  for (const name of names) {
    await chartCard(page, name).scrollIntoViewIfNeeded();
    await expect.poll(() => drawnRows(chartCard(page, name))).toBe(50);
  }
  await chartCard(page, 'd').scrollIntoViewIfNeeded();
  const before = await panelScroll(page);
  expect(before.range, 'five cards overflow the panel').toBeGreaterThan(200);
  expect(before.top, 'the panel is scrolled down').toBeGreaterThan(100);

  const embedsBefore = await Promise.all(names.map(name => chartEmbeds(chartCard(page, name))));

  await changeTheme(page, 'JupyterLab Dark', false);
  // Every chart drawn before is embedded again with the new theme, on screen or not.
  for (const [k, name] of names.entries()) {
    await expect
      .poll(() => chartEmbeds(chartCard(page, name)), { message: `chart ${name} embedded again` })
      .toBeGreaterThan(embedsBefore[k]);
    await expect.poll(() => drawnRows(chartCard(page, name))).toBe(50);
  }
  let after = before;
  await expect
    .poll(
      async () => {
        after = await panelScroll(page);
        return Math.abs(after.top - before.top);
      },
      { timeout: 5000 }
    )
    .toBeLessThanOrEqual(2)
    .catch(() => undefined);
  expect(
    Math.abs(after.top - before.top),
    `before the switch ${JSON.stringify(before)}, after ${JSON.stringify(after)}`
  ).toBeLessThanOrEqual(2);
  for (const name of names) {
    const moved = Math.abs(after.cardTops[name] - before.cardTops[name]);
    expect(moved, `card ${name} moved by ${moved} px`).toBeLessThanOrEqual(2);
  }
  await expect(chartCard(page, 'd')).toBeInViewport();
  await plotPanel(page).screenshot({ path: testInfo.outputPath('scrolled-dark.png') });
  // Every chart, the ones off screen during the switch too, is drawn again once shown.
  for (const name of names) {
    await chartCard(page, name).scrollIntoViewIfNeeded();
    await expect.poll(() => drawnRows(chartCard(page, name))).toBe(50);
  }
  await changeTheme(page, 'JupyterLab Light', true);
});
