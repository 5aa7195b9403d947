import { expect, test } from '@jupyterlab/galata';
import {
  cardButton,
  downloadedBytes,
  drawnRows,
  runNewCell,
  startPlotNotebook
} from '../helpers/panel-notebook';
import { cardPoints } from '../../support/card-points';
import { cellOutputText, chartCard, isCellRunning } from '../helpers/plot-panel';
import { expectedRows, openPlotterCode, pushRowsCode } from '../../support/plotter-cell';

// About 25-35 s each on an idle machine; up to twice that while the 2 cores are shared.
test.describe.configure({ timeout: 120_000 });

/** The CSV the panel must produce for `expectedRows(from, to)`: header, then one line a row. */
function expectedCSV(from: number, to: number): string {
  const lines = ['step,loss', ...expectedRows(from, to).map(r => `${r.step},${r.loss}`)];
  return lines.join('\r\n') + '\r\n';
}

test.describe('chart card actions', () => {
  test.beforeEach(async ({ page }) => {
    await startPlotNotebook(page, 'actions.ipynb', openPlotterCode('actions', 20));
    await expect.poll(() => drawnRows(chartCard(page, 'loss'))).toBe(20);
  });

  test('pause freezes the display while data keeps arriving; resume draws every row', async ({
    page
  }) => {
    const card = chartCard(page, 'loss');
    await cardButton(card, 'Pause display').click();
    const resume = cardButton(card, 'Resume display');
    await expect(resume).toHaveAttribute('aria-pressed', 'true');
    await expect(card).toHaveAttribute('data-status', 'paused');
    await expect(card.locator('.jp-AsyncPlotter-status')).toHaveText('paused');

    await runNewCell(page, pushRowsCode(20, 50));
    // Data keeps arriving in the card's model while the display is paused...
    await expect.poll(() => cardPoints(card)).toBe(50);
    // ...and the chart does not draw it.
    await page.waitForTimeout(1000);
    expect(await drawnRows(card)).toBe(20);

    await resume.click();
    await expect(cardButton(card, 'Pause display')).toHaveAttribute('aria-pressed', 'false');
    await expect(card).toHaveAttribute('data-status', 'connected');
    await expect.poll(() => drawnRows(card)).toBe(50);
    expect(await cardPoints(card)).toBe(50);

    // Nothing was lost: the data held is exactly every row pushed, in order.
    const csv = await downloadedBytes(page, () =>
      cardButton(card, 'Download the data as CSV').click()
    );
    expect(csv.bytes.toString('utf8')).toBe(expectedCSV(0, 50));
  });

  test('clear drops the rows held and drawn; new rows appear after it', async ({ page }) => {
    const card = chartCard(page, 'loss');
    await cardButton(card, 'Clear the chart data').click();
    await expect.poll(() => cardPoints(card)).toBe(0);
    await expect.poll(() => drawnRows(card)).toBe(0);

    await runNewCell(page, pushRowsCode(20, 25));
    await expect.poll(() => cardPoints(card)).toBe(5);
    await expect.poll(() => drawnRows(card)).toBe(5);
    const csv = await downloadedBytes(page, () =>
      cardButton(card, 'Download the data as CSV').click()
    );
    expect(csv.bytes.toString('utf8')).toBe(expectedCSV(20, 25));
  });

  test('CSV and JSON downloads hold exactly the rows pushed; PNG and SVG are real images', async ({
    page
  }) => {
    const card = chartCard(page, 'loss');
    await runNewCell(page, pushRowsCode(20, 120));
    await expect.poll(() => cardPoints(card)).toBe(120);
    await expect.poll(() => drawnRows(card)).toBe(120);

    const csv = await downloadedBytes(page, () =>
      cardButton(card, 'Download the data as CSV').click()
    );
    expect(csv.name).toBe('actions-loss.csv');
    const text = csv.bytes.toString('utf8');
    expect(text).toBe(expectedCSV(0, 120));
    // Parsed back, the CSV equals the rows the cell pushed.
    const [header, ...lines] = text.trimEnd().split('\r\n');
    expect(header.split(',')).toEqual(['step', 'loss']);
    const parsed = lines.map(line => {
      const [step, loss] = line.split(',').map(Number);
      return { step, loss };
    });
    expect(parsed).toEqual(expectedRows(0, 120));

    const json = await downloadedBytes(page, () =>
      cardButton(card, 'Download the data as JSON').click()
    );
    expect(json.name).toBe('actions-loss.json');
    expect(JSON.parse(json.bytes.toString('utf8'))).toEqual({ points: expectedRows(0, 120) });

    const png = await downloadedBytes(page, () => cardButton(card, 'Export as PNG').click());
    expect(png.name).toBe('actions-loss.png');
    expect(png.bytes.length).toBeGreaterThan(1000);
    expect(png.bytes.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    );

    const svg = await downloadedBytes(page, () => cardButton(card, 'Export as SVG').click());
    expect(svg.name).toBe('actions-loss.svg');
    expect(svg.bytes.length).toBeGreaterThan(1000);
    const parsedSvg = await page.evaluate(source => {
      const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
      return {
        root: doc.documentElement.nodeName,
        errors: doc.getElementsByTagName('parsererror').length,
        paths: doc.getElementsByTagName('path').length
      };
    }, svg.bytes.toString('utf8'));
    expect(parsedSvg.root).toBe('svg');
    expect(parsedSvg.errors).toBe(0);
    expect(parsedSvg.paths).toBeGreaterThan(0);
  });

  test('Stop computation interrupts the running cell; the card keeps its data', async ({
    page
  }) => {
    const card = chartCard(page, 'loss');
    await page.notebook.addCell(
      'code',
      `let i = 20;
while (true) {
  c.push({ step: i, loss: i * 0.5 });
  i++;
  const busy = Date.now() + 2;
  while (Date.now() < busy) { /* computing */ }
}`
    );
    await page.notebook.runCell(1, { inplace: true, wait: false });
    await expect.poll(() => isCellRunning(page, 1)).toBe(true);
    await expect.poll(() => cardPoints(card)).toBeGreaterThan(100);

    await cardButton(card, 'Stop computation').click();
    await expect(card.locator('.jp-AsyncPlotter-message')).toHaveText('Stop requested');
    await expect.poll(() => isCellRunning(page, 1), { timeout: 10_000 }).toBe(false);
    await expect.poll(() => cellOutputText(page, 1)).toMatch(/PlotInterrupted/);

    await runNewCell(page, '"pushed " + i');
    await expect.poll(() => cellOutputText(page, 2)).toMatch(/pushed \d+/);
    const pushed = Number((await cellOutputText(page, 2)).match(/pushed (\d+)/)?.[1]);
    await expect.poll(() => cardPoints(card)).toBe(pushed);
    // The plotter survives the stop: later pushes stream into the same card.
    await runNewCell(
      page,
      'for (let k = 0; k < 10; k++) { c.push({ step: i, loss: i * 0.5 }); i++; }'
    );
    await expect.poll(() => cardPoints(card)).toBe(pushed + 10);
    await expect(card).toHaveAttribute('data-status', 'connected');
  });
});
